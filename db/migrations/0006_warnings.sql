-- 0006: what the last successful fetch of a source could not read, when it
-- read the rest: a document that breaks off, items left out for having no
-- title, text or link, an encoding guessed.

ALTER TABLE fetch_state ADD COLUMN warning TEXT NOT NULL DEFAULT '';
