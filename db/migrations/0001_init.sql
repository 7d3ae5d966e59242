-- 0001: the first schema. Shipped migrations are never edited; add 0002_….sql.
--
-- Times are INTEGER milliseconds since the Unix epoch, UTC, so they sort and
-- round-trip; an unknown time (the zero time.Time) is NULL.

CREATE TABLE sources (
	id        INTEGER PRIMARY KEY,
	kind      TEXT    NOT NULL CHECK (kind IN ('feed', 'seed')),
	url       TEXT    NOT NULL,
	fetch_url TEXT    NOT NULL DEFAULT '',
	title     TEXT    NOT NULL DEFAULT '',
	site_url  TEXT    NOT NULL DEFAULT '',
	created   INTEGER NOT NULL,
	UNIQUE (kind, url)
);

-- One row per source: what is remembered between fetches.
CREATE TABLE fetch_state (
	source_id     INTEGER PRIMARY KEY REFERENCES sources (id) ON DELETE CASCADE,
	etag          TEXT    NOT NULL DEFAULT '',
	last_modified TEXT    NOT NULL DEFAULT '',
	last_attempt  INTEGER,
	last_success  INTEGER,
	http_status   INTEGER NOT NULL DEFAULT 0,
	error         TEXT    NOT NULL DEFAULT '',
	failures      INTEGER NOT NULL DEFAULT 0,
	next_fetch    INTEGER,
	min_interval  INTEGER NOT NULL DEFAULT 0, -- milliseconds
	gone          INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE items (
	id           INTEGER PRIMARY KEY,
	source_id    INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
	key          TEXT    NOT NULL CHECK (key <> ''),
	guid         TEXT    NOT NULL DEFAULT '',
	link         TEXT    NOT NULL DEFAULT '',
	title        TEXT    NOT NULL DEFAULT '',
	summary      TEXT    NOT NULL DEFAULT '',
	content      TEXT    NOT NULL DEFAULT '',
	author       TEXT    NOT NULL DEFAULT '',
	outlet       TEXT    NOT NULL DEFAULT '',
	published    INTEGER NOT NULL,
	updated      INTEGER NOT NULL,
	first_seen   INTEGER NOT NULL,
	content_hash TEXT    NOT NULL,
	UNIQUE (source_id, key)
);

CREATE INDEX items_newest ON items (published DESC, id DESC);
CREATE INDEX items_source_newest ON items (source_id, published DESC, id DESC);

-- matches is a JSON array of {"term", "field", "count"}. published copies
-- items.published so that one index serves "newest first within a tag".
CREATE TABLE item_tags (
	item_id   INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
	tag       TEXT    NOT NULL,
	score     INTEGER NOT NULL,
	matches   TEXT    NOT NULL DEFAULT '[]',
	published INTEGER NOT NULL,
	PRIMARY KEY (item_id, tag)
) WITHOUT ROWID;

CREATE INDEX item_tags_newest ON item_tags (tag, published DESC, item_id DESC);

CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;
