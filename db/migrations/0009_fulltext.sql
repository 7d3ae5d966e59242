-- 0009: the main text of items' pages, for feeds with fulltext: true,
-- cached by the page's URL. item_hash is the hash of the item, as its
-- feed gave it, that the page was read for: while it stays the same the
-- page is not fetched again. error is why the page could not be read
-- ('' when it was; content is then ''). fetched is in milliseconds since
-- the Unix epoch.

CREATE TABLE fulltext (
	url           TEXT PRIMARY KEY,
	item_hash     TEXT NOT NULL,
	content       TEXT NOT NULL DEFAULT '',
	etag          TEXT NOT NULL DEFAULT '',
	last_modified TEXT NOT NULL DEFAULT '',
	error         TEXT NOT NULL DEFAULT '',
	fetched       INTEGER NOT NULL
) WITHOUT ROWID;
