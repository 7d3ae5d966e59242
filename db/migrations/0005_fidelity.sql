-- 0005: what a source says of an item, kept as it said it.
--
-- dated is 0 when the source gave no date: published then holds the time
-- the item was first seen, for the order of listings, and the item is
-- read back with no date. Rows stored before this migration with a date
-- equal to their first sighting got it invented, so they lose it.
-- language is the item's BCP 47 language, when its source says it.
-- enclosures is a JSON array of {"url", "type", "length"}: a podcast's
-- audio, a JSON Feed's attachments.

ALTER TABLE items ADD COLUMN dated INTEGER NOT NULL DEFAULT 1;
ALTER TABLE items ADD COLUMN language TEXT NOT NULL DEFAULT '';
ALTER TABLE items ADD COLUMN enclosures TEXT NOT NULL DEFAULT '[]';

UPDATE items SET dated = 0 WHERE published = first_seen;
