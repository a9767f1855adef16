// newsgraph web UI: a small single-page application over the JSON API.
// All text from the server is inserted with text nodes (el() below), never
// as HTML.
"use strict";

const main = document.getElementById("main");

// el builds an element: attrs may hold class, href, title, on* handlers and
// other attributes; children are nodes, strings (as text) or arrays.
function el(tag, attrs, ...children) {
  const ns = ["svg", "g", "line", "circle", "rect", "text", "title", "path"].includes(tag) ? "http://www.w3.org/2000/svg" : null;
  const e = ns ? document.createElementNS(ns, tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (k === "class") e.setAttribute("class", v);
    else e.setAttribute(k, v);
  }
  const add = (c) => {
    if (c === null || c === undefined || c === false) return;
    if (Array.isArray(c)) c.forEach(add);
    else if (c instanceof Node) e.appendChild(c);
    else e.appendChild(document.createTextNode(String(c)));
  };
  children.forEach(add);
  return e;
}

function show(...nodes) {
  main.replaceChildren(...nodes.flat().filter(Boolean));
  main.focus({ preventScroll: true });
  window.scrollTo(0, 0);
}

async function api(path, params) {
  const u = new URL(path, location.origin);
  for (const [k, v] of Object.entries(params || {})) if (v !== "" && v !== undefined && v !== null) u.searchParams.set(k, v);
  const r = await fetch(u, { headers: { Accept: "application/json" } });
  const body = await r.json().catch(() => ({ error: "bad response" }));
  if (!r.ok) throw new Error(body.error || r.statusText);
  return body;
}

function hashFor(route, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== "" && v !== undefined && v !== null) q.set(k, v);
  const s = q.toString();
  return "#/" + route + (s ? "?" + s : "");
}

const typeBadge = (t) => el("span", { class: "type " + t }, t);
const entLink = (id, name, type) => el("a", { href: hashFor("entity/" + encodeURIComponent(id)) }, name);
const docLink = (id, title) => el("a", { href: hashFor("doc/" + encodeURIComponent(id)), class: "doclink" }, title || "(untitled)");
const day = (s) => (s ? String(s).slice(0, 10) : "undated");

// ---------- charts ----------

// timelineChart draws bars of articles per day (per month over long spans).
function timelineChart(buckets, onPick) {
  const w = 900, h = 160, pad = 24;
  const svg = el("svg", { class: "chart", viewBox: `0 0 ${w} ${h}`, role: "img", "aria-label": "Articles over time" });
  if (!buckets.length) {
    svg.appendChild(el("text", { x: w / 2, y: h / 2, "text-anchor": "middle", fill: "#5d6673" }, "No dated articles"));
    return svg;
  }
  // continuous days, or months over long spans, so gaps show as gaps
  const first = new Date(buckets[0].date + "T00:00:00Z"), last = new Date(buckets[buckets.length - 1].date + "T00:00:00Z");
  const monthly = (last - first) / 864e5 > 120;
  const key = (d) => d.toISOString().slice(0, monthly ? 7 : 10);
  const m = new Map();
  for (let d = new Date(first); d <= last && m.size < 2000; monthly ? d.setUTCMonth(d.getUTCMonth() + 1, 1) : d.setUTCDate(d.getUTCDate() + 1)) {
    m.set(key(d), { date: key(d), articles: 0, events: 0, quotes: 0 });
  }
  for (const b of buckets) {
    const o = m.get(b.date.slice(0, monthly ? 7 : 10));
    if (o) { o.articles += b.articles; o.events += b.events; o.quotes += b.quotes; }
  }
  const bs = [...m.values()];
  const maxA = Math.max(1, ...bs.map((b) => b.articles));
  const bw = (w - 2 * pad) / bs.length;
  bs.forEach((b, i) => {
    const bh = ((h - 2 * pad) * b.articles) / maxA;
    const r = el("rect", { x: pad + i * bw + 1, y: h - pad - bh, width: Math.max(1, bw - 2), height: bh, fill: "#1f5fbf", tabindex: onPick ? 0 : null },
      el("title", {}, `${b.date}: ${b.articles} articles, ${b.events} events, ${b.quotes} quotes`));
    if (onPick) {
      r.style.cursor = "pointer";
      r.addEventListener("click", () => onPick(b.date));
      r.addEventListener("keydown", (e) => { if (e.key === "Enter") onPick(b.date); });
    }
    svg.appendChild(r);
  });
  svg.appendChild(el("text", { x: pad, y: h - 6, "font-size": 11, fill: "#5d6673" }, bs[0].date));
  svg.appendChild(el("text", { x: w - pad, y: h - 6, "font-size": 11, fill: "#5d6673", "text-anchor": "end" }, bs[bs.length - 1].date));
  svg.appendChild(el("text", { x: pad, y: 14, "font-size": 11, fill: "#5d6673" }, `max ${maxA} articles per ${monthly ? "month" : "day"}`));
  return svg;
}

const typeColor = { PERSON: "#b4451f", ORG: "#2d6a4f", GPE: "#6a3d9a", LOC: "#6a3d9a", FAC: "#6a3d9a", NORP: "#8a6d0b" };

// networkView draws a force-directed graph; nodes are links to entities.
function networkView(net, centre) {
  const w = 1000, h = 640;
  const svg = el("svg", { class: "network", viewBox: `0 0 ${w} ${h}`, role: "img", "aria-label": "Actor network" });
  if (!net.nodes.length) {
    svg.appendChild(el("text", { x: w / 2, y: h / 2, "text-anchor": "middle" }, "No connections yet"));
    return svg;
  }
  const nodes = net.nodes.map((n, i) => ({ ...n, x: w / 2 + 200 * Math.cos(i * 2.4) * Math.sqrt(i / net.nodes.length), y: h / 2 + 200 * Math.sin(i * 2.4) * Math.sqrt(i / net.nodes.length), vx: 0, vy: 0 }));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const edges = net.edges.filter((e) => byId.has(e.source) && byId.has(e.target)).map((e) => ({ ...e, s: byId.get(e.source), t: byId.get(e.target) }));
  const maxW = Math.max(1, ...edges.map((e) => e.weight || 1));
  const maxA = Math.max(1, ...nodes.map((n) => n.articles || 1));
  const gEdges = el("g"), gNodes = el("g");
  svg.append(gEdges, gNodes);
  for (const e of edges) {
    const evs = Object.entries(e.events || {}).map(([k, v]) => `${k} ${v}`).join(", ");
    e.line = el("line", { "stroke-width": 1 + (4 * (e.weight || 1)) / maxW, "stroke-opacity": 0.6 },
      el("title", {}, `${e.s.name} — ${e.t.name}: ${e.weight} shared articles${evs ? "; events: " + evs : ""}`));
    if (evs) e.line.style.stroke = "#d97706";
    gEdges.appendChild(e.line);
  }
  for (const n of nodes) {
    n.r = 5 + 14 * Math.sqrt((n.articles || 1) / maxA);
    const open = () => { location.hash = hashFor("entity/" + encodeURIComponent(n.id)); };
    n.g = el("g", { class: "node", tabindex: 0, role: "link", "aria-label": `${n.name} (${n.type})`, onkeydown: (ev) => { if (ev.key === "Enter") open(); } },
      el("circle", { r: n.r, fill: typeColor[n.type] || "#4b5563", stroke: n.id === centre ? "#000" : "#fff", "stroke-width": n.id === centre ? 3 : 1.5 }),
      el("text", { x: n.r + 3, y: 4 }, n.name),
      el("title", {}, `${n.name} (${n.type}), ${n.articles} articles`));
    let dragging = false, moved = false;
    n.g.addEventListener("pointerdown", (ev) => { dragging = true; moved = false; n.g.setPointerCapture(ev.pointerId); });
    n.g.addEventListener("pointermove", (ev) => {
      if (!dragging) return;
      const pt = svg.createSVGPoint(); pt.x = ev.clientX; pt.y = ev.clientY;
      const p = pt.matrixTransform(svg.getScreenCTM().inverse());
      n.x = p.x; n.y = p.y; n.fixed = true; moved = true; kick();
    });
    n.g.addEventListener("pointerup", () => { dragging = false; if (!moved) open(); });
    gNodes.appendChild(n.g);
  }
  let alpha = 1, running = false;
  function tick() {
    // forces do not fade; alpha scales the steps, so the layout settles
    // without collapsing
    for (let i = 0; i < nodes.length; i++) for (let j = i + 1; j < nodes.length; j++) {
      const a = nodes[i], b = nodes[j];
      let dx = b.x - a.x, dy = b.y - a.y;
      const d2 = Math.max(dx * dx + dy * dy, 25), d = Math.sqrt(d2);
      const f = 6000 / d2;
      dx /= d; dy /= d;
      a.vx -= f * dx; a.vy -= f * dy; b.vx += f * dx; b.vy += f * dy;
    }
    for (const e of edges) {
      const dx = e.t.x - e.s.x, dy = e.t.y - e.s.y, d = Math.sqrt(dx * dx + dy * dy) + 0.01;
      const f = (0.04 * (d - 140) * (0.4 + (0.6 * (e.weight || 1)) / maxW)) / d;
      e.s.vx += f * dx; e.s.vy += f * dy; e.t.vx -= f * dx; e.t.vy -= f * dy;
    }
    for (const n of nodes) {
      n.vx += (w / 2 - n.x) * 0.004; n.vy += (h / 2 - n.y) * 0.004;
      if (!n.fixed) { n.x += Math.max(-30, Math.min(30, n.vx * alpha)); n.y += Math.max(-30, Math.min(30, n.vy * alpha)); }
      n.vx *= 0.6; n.vy *= 0.6;
      n.x = Math.max(n.r, Math.min(w - 90, n.x)); n.y = Math.max(n.r, Math.min(h - n.r, n.y));
      n.g.setAttribute("transform", `translate(${n.x.toFixed(1)},${n.y.toFixed(1)})`);
    }
    for (const e of edges) {
      e.line.setAttribute("x1", e.s.x.toFixed(1)); e.line.setAttribute("y1", e.s.y.toFixed(1));
      e.line.setAttribute("x2", e.t.x.toFixed(1)); e.line.setAttribute("y2", e.t.y.toFixed(1));
    }
    alpha *= 0.985;
    if (alpha > 0.02) requestAnimationFrame(tick); else running = false;
  }
  function kick() { alpha = Math.max(alpha, 0.3); if (!running) { running = true; requestAnimationFrame(tick); } }
  for (let i = 0; i < 150; i++) { tick(); alpha = 1; } // settle before showing
  alpha = 0.5; running = true; requestAnimationFrame(tick);
  return svg;
}

// ---------- pages ----------

async function home() {
  const [stats, people, orgs, places, latest] = await Promise.all([
    api("/api/stats"), api("/api/entities", { type: "PERSON", limit: 12 }), api("/api/entities", { type: "ORG", limit: 12 }),
    api("/api/entities", { type: "GPE", limit: 12 }), api("/api/search", { limit: 10 }),
  ]);
  const list = (title, r) => el("div", { class: "panel" }, el("h3", {}, title),
    el("ul", { class: "facet" }, r.results.map((e) => el("li", {}, entLink(e.id, e.name), el("span", { class: "muted" }, e.articles)))));
  show(
    el("h1", {}, "The record"),
    el("div", { class: "cards" }, [["documents", "articles"], ["stories", "stories"], ["entities", "entities"], ["quotes", "quotes"], ["events", "events"]]
      .map(([k, label]) => el("div", { class: "card" }, el("b", {}, stats[k] ?? 0), label))),
    el("div", { class: "grid2" },
      el("div", {}, el("h2", {}, "Latest articles"), resultList(latest.results)),
      el("div", {}, list("People", people), list("Organizations", orgs), list("Places", places))),
  );
}

function resultList(results) {
  if (!results.length) return el("p", { class: "muted" }, "Nothing found.");
  return el("ol", { class: "results" }, results.map((r) =>
    el("li", {},
      el("div", { class: "title" }, docLink(r.id, r.title)),
      el("div", { class: "meta" }, day(r.published), " · ", r.source, r.lang ? " · " + r.lang : ""),
      r.snippet ? el("p", { class: "snippet" }, r.snippet) : null)));
}

async function search(p) {
  document.getElementById("q").value = p.q || "";
  const limit = 20, offset = +p.offset || 0;
  const [res, tl] = await Promise.all([
    api("/api/search", { q: p.q, from: p.from, to: p.to, type: p.type, entity: p.entity, lang: p.lang, limit, offset, facets: 1 }),
    p.q ? api("/api/timeline", { q: p.q }) : p.entity ? api("/api/timeline", { entity: p.entity }) : Promise.resolve(null),
  ]);
  const go = (change) => { location.hash = hashFor("search", { ...p, offset: "", ...change }); };
  const f = res.facets || { types: [], entities: [], months: [] };
  const facet = (title, items, key, label) => el("div", {}, el("h3", {}, title),
    items.length ? el("ul", { class: "facet" }, items.map((it) => {
      const on = p[key] === it.value;
      return el("li", {}, el("a", { href: hashFor("search", { ...p, offset: "", [key]: on ? "" : it.value }), class: on ? "on" : null }, label(it)), el("span", { class: "muted" }, it.count));
    })) : el("p", { class: "muted" }, "—"));
  const monthRange = (m) => {
    const [y, mo] = m.split("-").map(Number);
    const end = new Date(Date.UTC(y, mo, 0)).toISOString().slice(0, 10);
    return { from: m + "-01", to: end };
  };
  const months = el("div", {}, el("h3", {}, "Month"), el("ul", { class: "facet" }, f.months.map((m) =>
    el("li", {}, el("a", { href: hashFor("search", { ...p, offset: "", ...monthRange(m.value) }) }, m.value), el("span", { class: "muted" }, m.count)))));
  const filters = el("form", { class: "filters", onsubmit: (e) => { e.preventDefault(); const fd = new FormData(e.target); go({ from: fd.get("from"), to: fd.get("to"), type: fd.get("type") }); } },
    el("label", {}, "From ", el("input", { type: "date", name: "from", value: p.from || "" })),
    el("label", {}, "To ", el("input", { type: "date", name: "to", value: p.to || "" })),
    el("label", {}, "Mentions a ", el("select", { name: "type" }, ["", "PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW"].map((t) => {
      const o = el("option", { value: t }, t || "any type"); if (t === (p.type || "")) o.selected = true; return o;
    }))),
    el("button", { type: "submit", class: "plain" }, "Apply"),
    (p.from || p.to || p.type || p.entity || p.lang) ? el("a", { href: hashFor("search", { q: p.q }) }, "clear filters") : null);
  const pager = el("div", { class: "pager" },
    offset > 0 ? el("button", { class: "plain", onclick: () => go({ offset: Math.max(0, offset - limit) }) }, "← Previous") : null,
    el("span", { class: "muted" }, res.total ? `${offset + 1}–${Math.min(offset + limit, res.total)} of ${res.total}` : "0 results"),
    offset + limit < res.total ? el("button", { class: "plain", onclick: () => go({ offset: offset + limit }) }, "Next →") : null);
  show(
    el("h1", {}, p.q ? `“${p.q}”` : "All articles"),
    tl ? timelineChart(tl.buckets, (d) => go(d.length === 7 ? monthRange(d) : { from: d, to: d })) : null,
    el("div", { class: "grid" },
      el("aside", { "aria-label": "Facets" }, facet("Entity type", f.types, "type", (it) => it.value), facet("Entity", f.entities, "entity", (it) => it.label || it.value), months),
      el("section", {}, filters, resultList(res.results), pager)));
}

// renderText marks up the document text with its annotations, slicing by
// code points (the spans' unit).
function renderText(d) {
  const cps = Array.from(d.text);
  const marks = [];
  d.entities.forEach((e) => e.mentions.forEach((m) => marks.push({ s: m.start, e: m.end, kind: "m", ent: e })));
  d.quotes.forEach((q, i) => marks.push({ s: q.start, e: q.end, kind: "q", id: "q" + i }));
  d.events.forEach((v, i) => v.evidence && marks.push({ s: v.evidence.start, e: v.evidence.end, kind: "ev", id: "v" + i }));
  (d.dates || []).forEach((t, i) => marks.push({ s: t.start, e: t.end, kind: "dt", id: "d" + i, title: t.value ? "date " + t.value : "date" }));
  (d.amounts || []).forEach((a, i) => marks.push({ s: a.start, e: a.end, kind: "am", id: "a" + i, title: a.value != null ? `${a.value} ${a.unit}` : a.unit }));
  const cuts = new Set([0, cps.length]);
  for (const m of marks) { cuts.add(Math.max(0, Math.min(cps.length, m.s))); cuts.add(Math.max(0, Math.min(cps.length, m.e))); }
  const pts = [...cuts].sort((a, b) => a - b);
  const box = el("div", { class: "article", id: "text" });
  const started = new Set();
  for (let i = 0; i + 1 < pts.length; i++) {
    const s = pts[i], e = pts[i + 1];
    const text = cps.slice(s, e).join("");
    const active = marks.filter((m) => m.s <= s && m.e >= e);
    if (!active.length) { box.appendChild(document.createTextNode(text)); continue; }
    const cls = [...new Set(active.filter((m) => m.kind !== "m").map((m) => m.kind))];
    const ment = active.find((m) => m.kind === "m");
    let node;
    if (ment) {
      node = el("a", { class: ["m", ment.ent.type, ...cls].join(" "), href: hashFor("entity/" + encodeURIComponent(ment.ent.id)), title: `${ment.ent.name} (${ment.ent.type})` }, text);
    } else {
      node = el("span", { class: cls.join(" ") }, text);
    }
    const titled = active.find((m) => m.title);
    if (titled && !ment) node.setAttribute("title", titled.title);
    for (const m of active) if (m.id && !started.has(m.id)) { started.add(m.id); node.id = node.id || m.id; node.dataset.first = m.id; }
    box.appendChild(node);
  }
  return box;
}

function flash(id) {
  const n = document.getElementById(id);
  if (!n) return;
  n.scrollIntoView({ behavior: "smooth", block: "center" });
  n.classList.add("flash");
  setTimeout(() => n.classList.remove("flash"), 1600);
}

async function docPage(id) {
  const d = await api("/api/documents/" + encodeURIComponent(id));
  const names = new Map(d.entities.map((e) => [e.id, e]));
  const nm = (eid) => (names.get(eid) ? entLink(eid, names.get(eid).name) : eid);
  const jump = (fid, label) => el("a", { href: "#", onclick: (e) => { e.preventDefault(); flash(fid); } }, label);
  const byType = {};
  d.entities.forEach((e) => (byType[e.type] = byType[e.type] || []).push(e));
  const copies = d.story && d.story.copies.length > 1 ? el("p", { class: "meta" }, `One of ${d.story.copies.length} copies of this story: `,
    d.story.copies.filter((c) => c.id !== d.id).map((c, i) => [i ? ", " : "", docLink(c.id, c.source)])) : null;
  show(
    el("p", { class: "meta" }, day(d.published), " · ", d.source, " · ", d.lang),
    el("h1", {}, d.title),
    copies,
    el("p", { class: "legend" }, el("span", { class: "q" }, "quote"), el("span", { class: "ev" }, "event evidence"), el("span", { class: "dt" }, "date"), el("span", { class: "am" }, "amount"), el("span", {}, "underlined: entity (link)")),
    el("div", { class: "grid2" },
      renderText(d),
      el("aside", {},
        el("h2", {}, `Quotes (${d.quotes.length})`),
        el("ul", { class: "facts" }, d.quotes.map((q, i) => el("li", {},
          el("blockquote", {}, q.text),
          el("div", { class: "meta" }, q.speaker ? nm(q.speaker) : (q.speaker_name || "unattributed"), q.cue ? ` — ${q.cue}` : "", q.direct ? "" : " (reported)", " · ", jump("q" + i, "show in text"))))),
        el("h2", {}, `Events (${d.events.length})`),
        el("ul", { class: "facts" }, d.events.map((v, i) => el("li", {},
          el("div", {}, el("b", {}, v.type), v.mode ? ` (${v.mode})` : "", v.negated ? " — negated" : "", v.hypothetical ? " — hypothetical" : ""),
          el("div", {}, v.source.map((s, k) => [k ? ", " : "", nm(s)]), v.target.length ? " → " : "", v.target.map((s, k) => [k ? ", " : "", nm(s)])),
          el("div", { class: "meta" }, v.date ? "on " + v.date : "undated", v.location ? [" · in ", nm(v.location)] : ""),
          v.evidence ? el("div", { class: "evidence" }, v.evidence.text, " ", jump("v" + i, "↪")) : null))),
        el("h2", {}, `Entities (${d.entities.length})`),
        Object.entries(byType).map(([t, es]) => el("div", {}, el("h3", {}, typeBadge(t)),
          el("ul", { class: "facts" }, es.map((e) => el("li", {}, entLink(e.id, e.name), el("span", { class: "muted" }, ` ×${e.mentions.length}`),
            e.roles.length ? el("div", { class: "meta" }, e.roles.join("; ")) : null))))),
        (d.dates || []).length ? [el("h2", {}, "Dates"), el("ul", { class: "facts" }, d.dates.map((t, i) => el("li", {}, jump("d" + i, t.text), " → ", t.value || "unresolved")))] : null,
        (d.amounts || []).length ? [el("h2", {}, "Amounts"), el("ul", { class: "facts" }, d.amounts.map((a, i) => el("li", {}, jump("a" + i, a.text), " → ", a.value != null ? a.value.toLocaleString() : "?", " ", a.unit)))] : null,
      )));
}

async function entityPage(id, p) {
  const [e, quotes, events, tl] = await Promise.all([
    api("/api/entities/" + encodeURIComponent(id)), api("/api/quotes", { speaker: id, limit: 50 }),
    api("/api/events", { actor: id, limit: 50 }), api("/api/timeline", { entity: id }),
  ]);
  const span = (r) => `${r.first_seen || "?"} – ${r.last_seen || "?"}`;
  let roleChart = null;
  const dated = e.roles.filter((r) => r.first_seen);
  if (dated.length && e.first_seen && e.last_seen) {
    const t0 = Date.parse(e.first_seen), t1 = Math.max(Date.parse(e.last_seen), t0 + 864e5);
    const w = 240, rowH = 18, left = 130;
    roleChart = el("svg", { viewBox: `0 0 ${w + left} ${dated.length * rowH + 20}`, width: "100%", role: "img", "aria-label": "Roles over time" },
      dated.map((r, i) => {
        const x0 = left + ((Date.parse(r.first_seen) - t0) / (t1 - t0)) * w, x1 = left + ((Date.parse(r.last_seen) - t0) / (t1 - t0)) * w;
        return el("g", {}, el("text", { x: 0, y: i * rowH + 13, "font-size": 12 }, r.role.length > 20 ? r.role.slice(0, 19) + "…" : r.role),
          el("rect", { class: "rolebar", x: x0, y: i * rowH + 3, width: Math.max(4, x1 - x0), height: rowH - 6 }, el("title", {}, `${r.role}: ${span(r)}, ${r.articles} articles`)));
      }),
      el("text", { x: left, y: dated.length * rowH + 16, "font-size": 11, fill: "#5d6673" }, e.first_seen),
      el("text", { x: left + w, y: dated.length * rowH + 16, "font-size": 11, fill: "#5d6673", "text-anchor": "end" }, e.last_seen));
  }
  const nameOf = (v, x) => (v.names && v.names[x]) || x;
  show(
    el("p", { class: "meta" }, typeBadge(e.type), " ", e.articles, " articles · ", e.mentions, " mentions · seen ", e.first_seen || "?", " – ", e.last_seen || "?"),
    el("h1", {}, e.name),
    e.aliases.length ? el("p", {}, el("span", { class: "muted" }, "Also: "), e.aliases.map((a) => el("span", { class: "chip" }, a))) : null,
    el("p", {}, el("a", { href: hashFor("network", { entity: id }) }, "Open in the network →"), " · ", el("a", { href: hashFor("search", { entity: id }) }, "All articles mentioning " + e.name)),
    timelineChart(tl.buckets),
    el("div", { class: "grid2" },
      el("section", {},
        el("h2", {}, `Quote ledger (${quotes.total})`),
        quotes.results.length ? el("ul", { class: "facts", id: "quotes" }, quotes.results.map((q) => el("li", {},
          el("blockquote", {}, q.text),
          el("div", { class: "meta" }, day(q.published), q.cue ? " · " + q.cue : "", q.direct ? "" : " · reported", " · ", docLink(q.document, q.title))))) : el("p", { class: "muted" }, "No quotes attributed."),
        el("h2", {}, `Events (${events.total})`),
        events.results.length ? el("table", {}, el("thead", {}, el("tr", {}, el("th", {}, "Date"), el("th", {}, "Event"), el("th", {}, "Evidence"))),
          el("tbody", {}, events.results.map((v) => el("tr", {},
            el("td", {}, v.date || day(v.published)),
            el("td", {}, el("b", {}, v.type), el("div", {}, v.source.map((s, k) => [k ? ", " : "", entLink(s, nameOf(v, s))]), " → ", v.target.map((s, k) => [k ? ", " : "", entLink(s, nameOf(v, s))]))),
            el("td", {}, el("div", { class: "evidence" }, v.evidence.text), docLink(v.document, v.title)))))) : el("p", { class: "muted" }, "No events."),
        el("h2", {}, "Articles"), resultList(e.documents)),
      el("aside", {},
        el("h2", {}, "Roles over time"),
        e.roles.length ? [roleChart, el("table", {}, el("tbody", {}, e.roles.map((r) => el("tr", {}, el("td", {}, r.role), el("td", { class: "muted" }, span(r)), el("td", {}, r.articles)))))] : el("p", { class: "muted" }, "No roles stated."),
        el("h2", {}, "Related"),
        el("ul", { class: "facet" }, e.related.map((r) => el("li", {}, el("span", {}, typeBadge(r.type), " ", entLink(r.id, r.name)), el("span", { class: "muted" }, r.weight)))))));
}

async function entitiesPage(p) {
  const res = await api("/api/entities", { q: p.q, type: p.type, limit: 100 });
  const form = el("form", { class: "filters", onsubmit: (ev) => { ev.preventDefault(); const fd = new FormData(ev.target); location.hash = hashFor("entities", { q: fd.get("q"), type: fd.get("type") }); } },
    el("input", { name: "q", value: p.q || "", placeholder: "name starts with…", "aria-label": "Entity name" }),
    el("select", { name: "type", "aria-label": "Entity type" }, ["", "PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"].map((t) => { const o = el("option", { value: t }, t || "any type"); if (t === (p.type || "")) o.selected = true; return o; })),
    el("button", { type: "submit", class: "plain" }, "Find"));
  show(el("h1", {}, "Entities"), form,
    el("table", {}, el("thead", {}, el("tr", {}, el("th", {}, "Name"), el("th", {}, "Type"), el("th", {}, "Articles"), el("th", {}, "Also known as"))),
      el("tbody", {}, res.results.map((e) => el("tr", {}, el("td", {}, entLink(e.id, e.name)), el("td", {}, typeBadge(e.type)), el("td", {}, e.articles), el("td", { class: "muted" }, e.aliases.slice(0, 5).join(" · ")))))));
}

async function quotesPage(p) {
  const limit = 30, offset = +p.offset || 0;
  const res = await api("/api/quotes", { q: p.q, from: p.from, to: p.to, limit, offset });
  const form = el("form", { class: "filters", onsubmit: (ev) => { ev.preventDefault(); const fd = new FormData(ev.target); location.hash = hashFor("quotes", { q: fd.get("q") }); } },
    el("input", { name: "q", value: p.q || "", placeholder: "words in the quote", "aria-label": "Quote text" }), el("button", { type: "submit", class: "plain" }, "Find"));
  show(el("h1", {}, "Quotes"), form, el("p", { class: "muted" }, `${res.total} quotes`),
    el("ul", { class: "facts" }, res.results.map((q) => el("li", {}, el("blockquote", {}, q.text),
      el("div", { class: "meta" }, q.speaker ? entLink(q.speaker, q.speaker_name || q.speaker) : (q.speaker_name || "unattributed"), " · ", day(q.published), " · ", docLink(q.document, q.title))))),
    el("div", { class: "pager" }, offset > 0 ? el("a", { href: hashFor("quotes", { ...p, offset: Math.max(0, offset - limit) }) }, "← Previous") : null,
      offset + limit < res.total ? el("a", { href: hashFor("quotes", { ...p, offset: offset + limit }) }, "Next →") : null));
}

async function networkPage(p) {
  const net = await api("/api/network", { entity: p.entity, depth: p.depth || 1, min_weight: p.min_weight || 1, limit: 60 });
  const centre = p.entity ? net.nodes.find((n) => n.id === p.entity) : null;
  show(el("h1", {}, centre ? "Network of " + centre.name : "Actor network"),
    el("p", { class: "muted" }, "Lines join entities named in the same articles (thicker: more articles; orange: coded events between them). Drag to arrange; click or press Enter on a node to open it."),
    el("div", { class: "filters" },
      p.entity ? el("a", { href: hashFor("network", { ...p, depth: p.depth === "2" ? 1 : 2 }) }, p.depth === "2" ? "Direct links only" : "Show two steps") : null,
      el("a", { href: hashFor("network", { ...p, min_weight: (+p.min_weight || 1) + 1 }) }, "Fewer, stronger links"),
      p.entity ? el("a", { href: hashFor("network") }, "Whole network") : null),
    networkView(net, p.entity));
}

async function timelinePage(p) {
  const tl = await api("/api/timeline", { q: p.q });
  show(el("h1", {}, p.q ? `Timeline: “${p.q}”` : "Timeline of the record"),
    timelineChart(tl.buckets, (d) => { location.hash = hashFor("search", { q: p.q, from: d.length === 7 ? d + "-01" : d, to: d.length === 7 ? d + "-31" : d }); }),
    el("table", {}, el("thead", {}, el("tr", {}, el("th", {}, "Day"), el("th", {}, "Articles"), el("th", {}, "Events"), el("th", {}, "Quotes"))),
      el("tbody", {}, tl.buckets.slice(-60).reverse().map((b) => el("tr", {}, el("td", {}, el("a", { href: hashFor("search", { q: p.q, from: b.date, to: b.date }) }, b.date)), el("td", {}, b.articles), el("td", {}, b.events), el("td", {}, b.quotes))))));
}

// ---------- routing and keys ----------

async function route() {
  const h = location.hash.replace(/^#\/?/, "");
  const [path, qs] = h.split("?");
  const p = Object.fromEntries(new URLSearchParams(qs || ""));
  const parts = path.split("/").map(decodeURIComponent);
  try {
    switch (parts[0]) {
      case "": return await home();
      case "search": return await search(p);
      case "doc": return await docPage(parts.slice(1).join("/"));
      case "entity": return await entityPage(parts[1], p);
      case "entities": return await entitiesPage(p);
      case "quotes": return await quotesPage(p);
      case "network": return await networkPage(p);
      case "timeline": return await timelinePage(p);
      default: show(el("h1", {}, "Not found"), el("p", {}, el("a", { href: "#/" }, "Back to the start")));
    }
  } catch (err) {
    show(el("h1", {}, "Something went wrong"), el("p", { class: "err" }, String(err.message || err)));
  }
}

document.getElementById("searchform").addEventListener("submit", (e) => {
  e.preventDefault();
  location.hash = hashFor("search", { q: document.getElementById("q").value.trim() });
});

document.addEventListener("keydown", (e) => {
  const t = e.target;
  const typing = t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable);
  if (e.key === "Escape" && typing) { t.blur(); return; }
  if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
  if (e.key === "/") { e.preventDefault(); const q = document.getElementById("q"); q.focus(); q.select(); }
  if (e.key === "j" || e.key === "k") {
    const links = [...document.querySelectorAll(".results .title a")];
    if (!links.length) return;
    const i = links.indexOf(document.activeElement);
    const n = e.key === "j" ? Math.min(links.length - 1, i + 1) : Math.max(0, i - 1);
    links[n].focus();
    e.preventDefault();
  }
});

window.addEventListener("hashchange", route);
route();
