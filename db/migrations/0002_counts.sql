-- 0002: item counts per tag and per source, kept up to date by triggers, so
-- that listing the topics and the sources does not count every row.

CREATE TABLE tag_counts (
	tag   TEXT    PRIMARY KEY,
	items INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO tag_counts (tag, items) SELECT tag, count(*) FROM item_tags GROUP BY tag;

CREATE TRIGGER item_tags_counted AFTER INSERT ON item_tags BEGIN
	INSERT INTO tag_counts (tag, items) VALUES (new.tag, 1)
		ON CONFLICT (tag) DO UPDATE SET items = items + 1;
END;

CREATE TRIGGER item_tags_uncounted AFTER DELETE ON item_tags BEGIN
	UPDATE tag_counts SET items = items - 1 WHERE tag = old.tag;
END;

CREATE TRIGGER item_tags_recounted AFTER UPDATE OF tag ON item_tags BEGIN
	UPDATE tag_counts SET items = items - 1 WHERE tag = old.tag;
	INSERT INTO tag_counts (tag, items) VALUES (new.tag, 1)
		ON CONFLICT (tag) DO UPDATE SET items = items + 1;
END;

ALTER TABLE sources ADD COLUMN items INTEGER NOT NULL DEFAULT 0;

UPDATE sources SET items = (SELECT count(*) FROM items WHERE source_id = sources.id);

CREATE TRIGGER items_counted AFTER INSERT ON items BEGIN
	UPDATE sources SET items = items + 1 WHERE id = new.source_id;
END;

CREATE TRIGGER items_uncounted AFTER DELETE ON items BEGIN
	UPDATE sources SET items = items - 1 WHERE id = old.source_id;
END;

CREATE TRIGGER items_moved AFTER UPDATE OF source_id ON items BEGIN
	UPDATE sources SET items = items - 1 WHERE id = old.source_id;
	UPDATE sources SET items = items + 1 WHERE id = new.source_id;
END;
