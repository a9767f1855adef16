package sqlite

// migrations are the schema versions in order: migrations[i] takes a
// database from version i to version i+1. Never edit a released step; add a
// new one. Each step runs in one transaction with the version update.
var migrations = []string{
	// 1: documents, full text, entities, facts.
	`
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO meta(key, value) VALUES ('application', 'newsgraph');
CREATE TABLE documents(
	n INTEGER PRIMARY KEY,
	id TEXT NOT NULL UNIQUE,
	source TEXT NOT NULL,
	lang TEXT NOT NULL,
	published TEXT,
	day TEXT,
	title TEXT NOT NULL,
	text TEXT NOT NULL,
	data BLOB NOT NULL,
	minhash BLOB NOT NULL,
	story INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX documents_day ON documents(day);
CREATE INDEX documents_story ON documents(story);
CREATE INDEX documents_lang ON documents(lang, day);
CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', content_rowid='n', tokenize='unicode61 remove_diacritics 2');
CREATE TABLE lsh_bands(band INTEGER NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY(band, doc)) WITHOUT ROWID;
CREATE TABLE entities(
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	type TEXT NOT NULL,
	articles INTEGER NOT NULL DEFAULT 0,
	mentions INTEGER NOT NULL DEFAULT 0,
	first_seen TEXT,
	last_seen TEXT
);
CREATE INDEX entities_articles ON entities(articles DESC);
CREATE INDEX entities_type ON entities(type, articles DESC);
CREATE TABLE entity_keys(key TEXT NOT NULL, type TEXT NOT NULL, entity INTEGER NOT NULL, PRIMARY KEY(key, type, entity)) WITHOUT ROWID;
CREATE INDEX entity_keys_entity ON entity_keys(entity);
CREATE TABLE entity_names(entity INTEGER NOT NULL, name TEXT NOT NULL COLLATE NOCASE, n INTEGER NOT NULL, PRIMARY KEY(entity, name)) WITHOUT ROWID;
CREATE INDEX entity_names_name ON entity_names(name COLLATE NOCASE);
CREATE TABLE doc_entities(doc INTEGER NOT NULL, local TEXT NOT NULL, entity INTEGER NOT NULL, mentions INTEGER NOT NULL, PRIMARY KEY(doc, local)) WITHOUT ROWID;
CREATE INDEX doc_entities_entity ON doc_entities(entity, doc);
CREATE TABLE roles(entity INTEGER NOT NULL, role TEXT NOT NULL COLLATE NOCASE, first_seen TEXT, last_seen TEXT, articles INTEGER NOT NULL, PRIMARY KEY(entity, role)) WITHOUT ROWID;
CREATE TABLE pairs(a INTEGER NOT NULL, b INTEGER NOT NULL, articles INTEGER NOT NULL, PRIMARY KEY(a, b)) WITHOUT ROWID;
CREATE INDEX pairs_b ON pairs(b, a);
CREATE TABLE quotes(
	id INTEGER PRIMARY KEY,
	doc INTEGER NOT NULL,
	speaker INTEGER,
	speaker_name TEXT,
	text TEXT NOT NULL,
	cue TEXT,
	direct INTEGER NOT NULL,
	start INTEGER NOT NULL,
	end INTEGER NOT NULL,
	day TEXT
);
CREATE INDEX quotes_doc ON quotes(doc);
CREATE INDEX quotes_speaker ON quotes(speaker, day);
CREATE INDEX quotes_day ON quotes(day);
CREATE TABLE events(
	id INTEGER PRIMARY KEY,
	doc INTEGER NOT NULL,
	type TEXT NOT NULL,
	mode TEXT,
	date TEXT,
	location INTEGER,
	negated INTEGER NOT NULL,
	hypothetical INTEGER NOT NULL,
	ev_start INTEGER NOT NULL,
	ev_end INTEGER NOT NULL,
	ev_text TEXT NOT NULL,
	day TEXT
);
CREATE INDEX events_doc ON events(doc);
CREATE INDEX events_type ON events(type, day);
CREATE INDEX events_day ON events(day);
CREATE TABLE event_actors(event INTEGER NOT NULL, side TEXT NOT NULL, entity INTEGER NOT NULL, PRIMARY KEY(event, side, entity)) WITHOUT ROWID;
CREATE INDEX event_actors_entity ON event_actors(entity, event);
CREATE TABLE edge_events(a INTEGER NOT NULL, b INTEGER NOT NULL, type TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY(a, b, type)) WITHOUT ROWID;
`,
	// 2: full-text search over quotes (rebuilt from quotes already stored).
	`
CREATE VIRTUAL TABLE quotes_fts USING fts5(text, content='quotes', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild');
`,
	// 3: titles weigh four times the body in the default ranking, so that
	// ORDER BY rank (which FTS5 answers without reading the documents) ranks
	// as bm25(4, 1).
	`
INSERT INTO documents_fts(documents_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0)');
`,
	// 4: the day of each entity's article beside the link, so that an
	// entity's latest articles and its timeline come from one index.
	`
ALTER TABLE doc_entities ADD COLUMN day TEXT;
UPDATE doc_entities SET day = (SELECT day FROM documents WHERE n = doc_entities.doc);
CREATE INDEX doc_entities_entity_day ON doc_entities(entity, day, doc);
`,
	// 5: places are linked across GPE, LOC and FAC (xentity.Family).
	`
UPDATE OR IGNORE entity_keys SET type = 'PLACE' WHERE type IN ('GPE', 'LOC', 'FAC');
DELETE FROM entity_keys WHERE type IN ('GPE', 'LOC', 'FAC');
`,
}

// Version is the schema version this program writes.
var Version = len(migrations)
