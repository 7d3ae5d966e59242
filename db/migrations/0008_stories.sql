-- 0008: stories. Each item belongs to the story of the items that report
-- the same event: story_id is the id of the story's first item, NULL
-- until the item is grouped; story_match is the item it was found most
-- like, and story_score how alike they are (0 to 1).

ALTER TABLE items ADD COLUMN story_id INTEGER;
ALTER TABLE items ADD COLUMN story_match INTEGER;
ALTER TABLE items ADD COLUMN story_score REAL NOT NULL DEFAULT 0;

CREATE INDEX items_story ON items (story_id, published, id);
CREATE INDEX items_ungrouped ON items (id) WHERE story_id IS NULL;
