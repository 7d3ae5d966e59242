package pg

import (
	"crypto/md5"
	"encoding/hex"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/tagfeed/tagfeed"
)

// md5Hex is PostgreSQL's md5(s), by which keys and URLs are unique.
func md5Hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

// storedItem is what a save compares an incoming item with.
type storedItem struct {
	id int64
	tagfeed.StoredVersion
}

// sqlStoredItems reads the stored items of a source among keys (by their
// md5), with their tags, and locks them for the transaction, in id order.
const sqlStoredItems = `SELECT i.key, i.id, i.content_hash, i.published, i.first_seen, i.fingerprint,
		t.tag, t.score, t.matches::text, t.evidence::text
	FROM items i LEFT JOIN item_tags t ON t.item_id = i.id
	WHERE i.source_id = $1 AND md5(i.key) = ANY($2::text[])
	ORDER BY i.id, t.tag
	FOR NO KEY UPDATE OF i`

// storedItems returns the stored items of the batch's keys, by key.
func (w *writer) storedItems(sourceID int64, batch []tagfeed.PendingItem) (map[string]*storedItem, error) {
	if len(batch) == 0 {
		return nil, nil
	}
	sums := make([]string, len(batch))
	for i, p := range batch {
		sums[i] = md5Hex(p.Key)
	}
	rows, err := w.tx.Query(w.ctx, sqlStoredItems, sourceID, sums)
	if err != nil {
		return nil, fmt.Errorf("read stored items: %w", err)
	}
	defer rows.Close()
	stored := make(map[string]*storedItem, len(batch))
	for rows.Next() {
		var (
			key                    string
			s                      storedItem
			tag, matches, evidence *string
			score                  *float64
		)
		if err := rows.Scan(&key, &s.id, &s.Hash, &s.Published, &s.FirstSeen, &s.Fingerprint, &tag, &score, &matches, &evidence); err != nil {
			return nil, fmt.Errorf("read stored items: %w", err)
		}
		prev := stored[key]
		if prev == nil {
			s.Published, s.FirstSeen = s.Published.UTC(), s.FirstSeen.UTC()
			prev = &s
			stored[key] = prev
		}
		if tag != nil {
			prev.Tags = append(prev.Tags, tagfeed.TagRecord{Tag: *tag, Score: *score, Matches: *matches, Evidence: *evidence})
		}
	}
	return stored, rows.Err()
}

// saveItems stores the batch as policy decides, in one round trip, and
// counts the outcomes.
func (w *writer) saveItems(s *Store, sourceID int64, batch []tagfeed.PendingItem, stored map[string]*storedItem, policy tagfeed.SavePolicy) (tagfeed.SaveCounts, error) {
	var counts tagfeed.SaveCounts
	var b pgx.Batch
	for _, p := range batch {
		switch w.saveItem(&b, s, sourceID, p, stored[p.Key], policy) {
		case tagfeed.New:
			counts.New++
		case tagfeed.Updated, tagfeed.Retagged:
			counts.Updated++
		default:
			counts.Unchanged++
		}
	}
	return counts, w.send(&b)
}

const (
	sqlInsertItem = `WITH i AS (
		INSERT INTO items (source_id, key, guid, link, title, summary, content, author, outlet, language,
			enclosures, fingerprint, published, dated, updated, first_seen, content_hash)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, CAST($11::text AS json), $12, $13, $14, $15, $16, $17)
		RETURNING id),
	t AS (` + sqlInsertTagsOf + `)
	INSERT INTO item_search (item_id, exact, bare) SELECT i.id,
		setweight(to_tsvector('simple', $22), 'A') || setweight(to_tsvector('simple', $23), 'D'),
		setweight(to_tsvector('simple', $24), 'A') || setweight(to_tsvector('simple', $25), 'D') FROM i`
	sqlInsertTagsOf = `INSERT INTO item_tags (item_id, tag, score, matches, evidence, published)
		SELECT i.id, x.tag, x.score, CAST(x.matches AS json), CAST(x.evidence AS json), $13 FROM i,
			unnest($18::text[], $19::float8[], $20::text[], $21::text[]) AS x(tag, score, matches, evidence)`
	sqlUpdateItem = `UPDATE items SET guid = $1, link = $2, title = $3, summary = $4, content = $5,
		author = $6, outlet = $7, language = $8, enclosures = CAST($9::text AS json), fingerprint = $10,
		published = $11, dated = dated OR $12, updated = $13, content_hash = $14 WHERE id = $15`
	sqlTouchItem      = `UPDATE items SET updated = $1 WHERE id = $2`
	sqlSetFingerprint = `UPDATE items SET fingerprint = $1 WHERE id = $2`
)

// saveItem queues on b the statements that store the item as policy
// decides, given what is stored of it (st, nil when nothing is), and
// returns the decision's outcome.
func (w *writer) saveItem(b *pgx.Batch, s *Store, sourceID int64, p tagfeed.PendingItem, st *storedItem, policy tagfeed.SavePolicy) tagfeed.Outcome {
	it := p.Item
	var version *tagfeed.StoredVersion
	if st != nil {
		version = &st.StoredVersion
	}
	plan := tagfeed.PlanSave(p, version, policy, w.now)
	v := plan.Decision
	published, updated := ms(v.Published), ms(v.Updated)
	switch v.Outcome {
	case tagfeed.New:
		tags, scores, matches, evidence := tagColumns(p.Tags)
		args := []any{sourceID, p.Key, text(it.GUID), text(it.Link), text(it.Title), text(it.Summary), text(it.Content),
			text(it.Author), text(it.Outlet), text(it.Language), text(p.Enclosures), text(it.Fingerprint),
			published, v.Dated, updated, w.now, p.Hash, tags, scores, matches, evidence}
		b.Queue(sqlInsertItem, append(args, s.vectorArgs(it)...)...)
		w.sourceItems[sourceID]++
		w.tagged(1, tags)
		w.itemsChanged = true
		return v.Outcome
	case tagfeed.Updated:
		b.Queue(sqlUpdateItem, text(it.GUID), text(it.Link), text(it.Title), text(it.Summary), text(it.Content),
			text(it.Author), text(it.Outlet), text(it.Language), text(p.Enclosures), text(it.Fingerprint),
			published, v.Dated, updated, p.Hash, st.id)
		b.Queue(sqlIndexItem, append([]any{st.id}, s.vectorArgs(it)...)...)
		w.itemsChanged = true
	case tagfeed.Retagged:
		b.Queue(sqlTouchItem, updated, st.id)
		w.itemsChanged = true
	}
	if plan.Fingerprint {
		b.Queue(sqlSetFingerprint, text(it.Fingerprint), st.id)
	}
	switch {
	case plan.ReplaceTags:
		w.replaceTags(b, st.id, ms(plan.TagsPublished), p.Tags)
	case plan.RedateTags:
		b.Queue(`UPDATE item_tags SET published = $1 WHERE item_id = $2`, ms(plan.TagsPublished), st.id)
	}
	return v.Outcome
}
