package db

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/tag"
)

// FuzzSearch types anything into the search box: a query that
// ParseSearch reads must run (every phrase reaches FTS5 quoted, so no
// text can be FTS5 syntax), and one it cannot read must fail with
// ErrBadSearch, which the server answers with 400. Neither may fail
// otherwise, which the server would answer with 500. It searches a store
// with the default forms, which keep every character but case, and one
// with tagfeed's, which normalize the text as the tagger does.
func FuzzSearch(f *testing.F) {
	for _, q := range []string{
		`bán dẫn`, `ban dan`, `"năng lượng tái tạo"`, `chip OR "bán dẫn" -điện`, `-"điện thoại"`,
		`"`, `OR`, `a OR`, `-x`, `*`, `^chip`, `NEAR(a b)`, `title:chip`, `a AND b`, `"a" "b"`,
		`""`, `" "`, `-`, `--chip`, `chip*`, `(chip)`, `{title}: x`, "chip\x00", "\"bán\x00dẫn\"", `Đ`,
		`_`, `bán_dẫn`, `AI`, `ﬁ`, "e\u0301", `""""`, `OR OR`, `NOT chip`, `chip NOT`, `+chip`, `'`, `\`,
		"\xff\xfe", "chip\u2028dẫn", "\u200b",
	} {
		f.Add(q)
	}
	lower, _ := MustOpen(f)
	folded, err := OpenWith(context.Background(), filepath.Join(f.TempDir(), "folded.db"),
		Options{SearchForms: tag.SearchForms, SearchVersion: tag.SearchVersion})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { folded.Close() })
	a, b := item("a", "Nhà máy chip bán dẫn", "semiconductor"), item("b", "Năng lượng tái tạo: điện gió", "energy")
	a.Content, b.Content = "Đầu tư vào bán_dẫn và AI.", "Giá điện thoại giảm; hòa lưới điện gió."
	stores := []*DB{lower, folded}
	for _, d := range stores {
		mustSave(f, d, mustSource(f, d, "https://a.example/feed"), a, b)
	}
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, q string) {
		if q == "" {
			return // a selection without a search
		}
		_, parseErr := tagfeed.ParseSearch(q)
		for i, d := range stores {
			_, err := d.Items(ctx, tagfeed.Selection{Search: q, Limit: 10})
			switch {
			case parseErr == nil && err != nil:
				t.Fatalf("store %d, search %q: ParseSearch reads it, and the store fails: %v", i, q, err)
			case parseErr != nil && !errors.Is(err, tagfeed.ErrBadSearch):
				t.Fatalf("store %d, search %q: ParseSearch fails (%v), and the store says %v, not ErrBadSearch", i, q, parseErr, err)
			}
		}
	})
}
