package pg

import (
	"github.com/jackc/pgx/v5"

	"github.com/tagfeed/tagfeed"
)

// tagColumns splits tag records into the arrays that unnest reads back as
// rows.
func tagColumns(recs []tagfeed.TagRecord) (tags []string, scores []float64, matches, evidence []string) {
	tags, scores = make([]string, len(recs)), make([]float64, len(recs))
	matches, evidence = make([]string, len(recs)), make([]string, len(recs))
	for i, r := range recs {
		tags[i], scores[i], matches[i], evidence[i] = text(r.Tag), r.Score, text(r.Matches), text(r.Evidence)
	}
	return tags, scores, matches, evidence
}

const (
	// sqlDeleteTags deletes an item's tags and returns their names.
	sqlDeleteTags = `WITH d AS (DELETE FROM item_tags WHERE item_id = $1 RETURNING tag)
		SELECT coalesce(array_agg(tag), '{}') FROM d`
	// sqlInsertTags writes the tags of an item that has none.
	sqlInsertTags = `INSERT INTO item_tags (item_id, tag, score, matches, evidence, published)
		SELECT $1, x.tag, x.score, CAST(x.matches AS json), CAST(x.evidence AS json), $2
		FROM unnest($3::text[], $4::float8[], $5::text[], $6::text[]) AS x(tag, score, matches, evidence)`
)

// replaceTags queues on b the statements that replace the tags of item id
// with recs, and counts the tags it loses and gains. The item's row is
// locked by the transaction, so the tags deleted are the ones it has.
func (w *writer) replaceTags(b *pgx.Batch, id int64, published any, recs []tagfeed.TagRecord) {
	b.Queue(sqlDeleteTags, id).QueryRow(func(row pgx.Row) error {
		var old []string
		if err := row.Scan(&old); err != nil {
			return err
		}
		w.tagged(-1, old)
		return nil
	})
	if len(recs) > 0 {
		tags, scores, matches, evidence := tagColumns(recs)
		b.Queue(sqlInsertTags, id, published, tags, scores, matches, evidence)
		w.tagged(1, tags)
	}
	w.itemsChanged = true
}
