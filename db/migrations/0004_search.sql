-- 0004: full-text search, and the counters that tell caches the data
-- changed.
--
-- items_fts indexes each item's title and body (summary and content) in
-- the forms Options.SearchForms gives: normalized and case-folded, and the
-- same without diacritics (the _bare columns), so that a query typed
-- without them finds items too. Its rowid is the item's id. It stores no
-- text of its own (content=''); the index is filled from Go, at Open when
-- it was built with other forms, and on every save.

CREATE VIRTUAL TABLE items_fts USING fts5(
	title, body, title_bare, body_bare,
	content = '', contentless_delete = 1,
	tokenize = 'unicode61 remove_diacritics 0'
);

-- A title hit counts three times a body hit.
INSERT INTO items_fts (items_fts, rank) VALUES ('rank', 'bm25(3.0, 1.0, 3.0, 1.0)');

-- Counters of changes, read by caches in this process and others.
INSERT OR IGNORE INTO meta (key, value) VALUES
	('items_version', '0'), ('sources_version', '0'), ('items_changed', '0');
