package postgres

// migrations are the schema versions in order: migrations[i] takes a
// database from version i to version i+1. Never edit a released step; add a
// new one. Each step runs in one transaction with the version update, under
// an advisory lock, so that workers starting together migrate once.
//
// The tables mirror the SQLite store's (store/sqlite/schema.go) so that the
// two answer alike; what differs is PostgreSQL's own: full text lives in a
// tsvector column per row, built with the text search configuration of the
// document's language and indexed with GIN; case-insensitive keys are unique
// indexes over lower(); text compared by ranges or sorted as keys uses the
// "C" collation, so that order is code-point order whatever the server's
// locale.
var migrations = []string{
	// 1: documents, full text, entities, facts.
	`
CREATE TABLE meta(key text PRIMARY KEY, value text NOT NULL);
INSERT INTO meta(key, value) VALUES ('application', 'newsgraph');
-- bumped by every Put transaction: a writer whose last bump was not the
-- one before its own knows another process wrote, and drops its caches
CREATE TABLE writes(generation bigint NOT NULL);
INSERT INTO writes VALUES (0);
-- what each generation changed, for other writers' caches (cache.go)
CREATE TABLE changes(
	generation bigint PRIMARY KEY,
	entities bigint[] NOT NULL,
	key_keys text[] NOT NULL,
	key_types text[] NOT NULL,
	key_entities bigint[] NOT NULL,
	cfgs text[] NOT NULL
);
CREATE TABLE documents(
	n bigserial PRIMARY KEY,
	id text NOT NULL UNIQUE,
	source text NOT NULL,
	lang text NOT NULL,
	published text,
	day text COLLATE "C",
	title text NOT NULL,
	text text NOT NULL,
	data bytea NOT NULL,
	minhash bytea NOT NULL,
	story bigint NOT NULL DEFAULT 0,
	cfg regconfig NOT NULL,
	tsv tsvector NOT NULL
);
CREATE INDEX documents_day ON documents(day DESC NULLS LAST, n DESC);
CREATE INDEX documents_story ON documents(story, n);
CREATE INDEX documents_lang ON documents(lang, day);
CREATE INDEX documents_tsv ON documents USING gin(tsv);
-- the text search configurations documents were indexed with: a query is
-- parsed with each of them
CREATE TABLE fts_configs(cfg regconfig PRIMARY KEY);
CREATE AGGREGATE newsgraph_tsquery_or(tsquery) (sfunc = tsquery_or, stype = tsquery);
CREATE TABLE lsh_bands(band bigint NOT NULL, doc bigint NOT NULL, PRIMARY KEY(band, doc));
CREATE TABLE entities(
	id bigserial PRIMARY KEY,
	name text NOT NULL,
	type text NOT NULL,
	articles integer NOT NULL DEFAULT 0,
	mentions integer NOT NULL DEFAULT 0,
	first_seen text COLLATE "C",
	last_seen text COLLATE "C"
);
CREATE INDEX entities_articles ON entities(articles DESC, id);
CREATE INDEX entities_type ON entities(type, articles DESC, id);
CREATE TABLE entity_keys(key text COLLATE "C" NOT NULL, type text NOT NULL, entity bigint NOT NULL, PRIMARY KEY(key, type, entity));
CREATE INDEX entity_keys_entity ON entity_keys(entity);
CREATE TABLE entity_names(entity bigint NOT NULL, name text NOT NULL, n integer NOT NULL);
CREATE UNIQUE INDEX entity_names_key ON entity_names(entity, lower(name));
CREATE INDEX entity_names_name ON entity_names(lower(name) text_pattern_ops);
CREATE TABLE doc_entities(doc bigint NOT NULL, local text NOT NULL, entity bigint NOT NULL, mentions integer NOT NULL, day text COLLATE "C", PRIMARY KEY(doc, local));
CREATE INDEX doc_entities_entity_day ON doc_entities(entity, day, doc);
CREATE TABLE roles(entity bigint NOT NULL, role text NOT NULL, first_seen text COLLATE "C", last_seen text COLLATE "C", articles integer NOT NULL);
CREATE UNIQUE INDEX roles_key ON roles(entity, lower(role));
CREATE TABLE pairs(a bigint NOT NULL, b bigint NOT NULL, articles integer NOT NULL, PRIMARY KEY(a, b));
CREATE INDEX pairs_b ON pairs(b, a);
CREATE TABLE quotes(
	id bigserial PRIMARY KEY,
	doc bigint NOT NULL,
	speaker bigint,
	speaker_name text,
	text text NOT NULL,
	cue text,
	direct boolean NOT NULL,
	start_at integer NOT NULL,
	end_at integer NOT NULL,
	day text COLLATE "C",
	tsv tsvector NOT NULL
);
CREATE INDEX quotes_doc ON quotes(doc);
CREATE INDEX quotes_speaker ON quotes(speaker, day);
CREATE INDEX quotes_day ON quotes(day);
CREATE INDEX quotes_tsv ON quotes USING gin(tsv);
CREATE TABLE events(
	id bigserial PRIMARY KEY,
	doc bigint NOT NULL,
	type text NOT NULL,
	mode text,
	date text COLLATE "C",
	location bigint,
	negated boolean NOT NULL,
	hypothetical boolean NOT NULL,
	ev_start integer NOT NULL,
	ev_end integer NOT NULL,
	ev_text text NOT NULL,
	day text COLLATE "C"
);
CREATE INDEX events_doc ON events(doc);
CREATE INDEX events_type ON events(type, day);
CREATE INDEX events_day ON events(day);
CREATE TABLE event_actors(event bigint NOT NULL, side text NOT NULL, entity bigint NOT NULL, PRIMARY KEY(event, side, entity));
CREATE INDEX event_actors_entity ON event_actors(entity, event);
CREATE TABLE edge_events(a bigint NOT NULL, b bigint NOT NULL, type text NOT NULL, n integer NOT NULL, PRIMARY KEY(a, b, type));
`,
}

// Version is the schema version this program writes.
var Version = len(migrations)
