package pg_test

import (
	"context"
	"errors"
	"testing"

	"github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/ingest"
	"github.com/tagfeed/tagfeed/pg"
	"github.com/tagfeed/tagfeed/tag"
)

// FuzzSearch types anything into the search box of a PostgreSQL store,
// as db.FuzzSearch does for SQLite: a query that ParseSearch reads must
// run, and one it cannot read must fail with ErrBadSearch (400), never
// otherwise (500).
func FuzzSearch(f *testing.F) {
	needServer(f)
	for _, q := range []string{
		`bán dẫn`, `ban dan`, `"năng lượng tái tạo"`, `chip OR "bán dẫn" -điện`, `-"điện thoại"`, `"`,
		`a & b | !c <-> 'd' :*`, `chip:*`, `(chip)`, `\`, `'`, `''`, `!`, `<->`, `a:b`, "chip\x00", `Đ`, `_`,
		`bán_dẫn`, "\xff", "e\u0301", `OR`, `-x`, `"a" "b"`, `$1`, `%`, `;`, `--`, `/*`,
	} {
		f.Add(q)
	}
	s := openStore(f, server.Schema(f), pg.Options{SearchForms: tag.SearchForms, SearchVersion: tag.SearchVersion})
	ctx := context.Background()
	src, err := s.EnsureSource(ctx, tagfeed.SourceFeed, "https://a.example/feed", "")
	if err != nil {
		f.Fatal(err)
	}
	items := []tagfeed.Item{
		{Key: "a", Title: "Nhà máy chip bán dẫn", Content: "Đầu tư vào bán_dẫn và AI."},
		{Key: "b", Title: "Năng lượng tái tạo: điện gió", Content: "Giá điện thoại giảm; hòa lưới điện gió."},
	}
	if _, err := s.SaveFetch(ctx, src, items, ingest.Decide); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		if q == "" {
			return // a selection without a search
		}
		_, parseErr := tagfeed.ParseSearch(q)
		_, err := s.Items(ctx, tagfeed.Selection{Search: q, Limit: 10})
		switch {
		case parseErr == nil && err != nil:
			t.Fatalf("search %q: ParseSearch reads it, and the store fails: %v", q, err)
		case parseErr != nil && !errors.Is(err, tagfeed.ErrBadSearch):
			t.Fatalf("search %q: ParseSearch fails (%v), and the store says %v, not ErrBadSearch", q, parseErr, err)
		}
	})
}
