-- 0003: the relevance score's explanation beside the matches. evidence is
-- a JSON object: {"threshold", "body_words", "terms": [{"term", "role",
-- "headline", "lead", "body", "agenda", "points", "note"}], "cancelled":
-- [{"term", "sense", "count"}]}. score now holds the relevance score, a
-- number with one decimal.

ALTER TABLE item_tags ADD COLUMN evidence TEXT NOT NULL DEFAULT '{}';
