-- 0007: the fingerprint of the file a seed item was read from (its size,
-- modification time and hash), so that a rescan skips unchanged files
-- without reading them.

ALTER TABLE items ADD COLUMN fingerprint TEXT NOT NULL DEFAULT '';
