package story_test

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/db"
	"github.com/tagfeed/tagfeed/ingest"
	"github.com/tagfeed/tagfeed/story"
	"github.com/tagfeed/tagfeed/tag"
)

// TestGrouperIncremental groups the items of a real database as they
// arrive, in two processes' turns: a new item joins a story that another
// process started, and only the new item is placed, without a rescan.
func TestGrouperIncremental(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "stories.db")
	open := func() *db.DB {
		d, err := db.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { d.Close() })
		return d
	}
	cfg := tagfeed.Default().Stories
	first := open()
	src, err := first.EnsureSource(ctx, tagfeed.SourceFeed, "https://example.org/feed", "")
	if err != nil {
		t.Fatal(err)
	}
	save := func(d *db.DB, rs ...report) {
		t.Helper()
		items := make([]tagfeed.Item, len(rs))
		for i, r := range rs {
			items[i] = r.item(0)
			items[i].Key = strconv.Itoa(r.day) + r.title
		}
		if _, err := d.SaveItems(ctx, src.ID, items, ingest.Decide); err != nil {
			t.Fatal(err)
		}
	}
	group := func(g *story.Grouper, want int) {
		t.Helper()
		n, err := g.Group(ctx)
		if err != nil || n != want {
			t.Fatalf("Group: placed %d (%v), want %d", n, err, want)
		}
	}
	vi := report{"Đà Nẵng đón tàu cảnh sát biển Nhật Bản", "Sáng 12/6, tàu tuần tra Akitsushima của lực lượng bảo vệ bờ biển Nhật Bản cập cảng Tiên Sa, bắt đầu chuyến thăm thành phố Đà Nẵng trong 4 ngày.", 12, false}
	other := report{"Hà Nội mưa lớn, nhiều tuyến phố ngập sâu", "Chiều 12/6, mưa lớn kéo dài khiến nhiều tuyến phố Hà Nội ngập sâu, giao thông ùn tắc.", 12, false}
	save(first, vi, other)
	group(story.NewGrouper(first, cfg, tag.Normalize), 2)
	group(story.NewGrouper(first, cfg, tag.Normalize), 0) // nothing left

	// Another process, with an index of its own loaded from the store.
	second := open()
	rewrite := report{"Tàu tuần tra Akitsushima của Nhật Bản cập cảng Tiên Sa", "Ngày 12/6, thủy thủ đoàn tàu Akitsushima thuộc lực lượng bảo vệ bờ biển Nhật Bản đã tới cảng Tiên Sa, Đà Nẵng, mở đầu chuyến thăm 4 ngày.", 12, true}
	save(second, rewrite)
	group(story.NewGrouper(second, cfg, tag.Normalize), 1)

	items, err := second.Items(ctx, tagfeed.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	byTitle := map[string]tagfeed.Item{}
	for _, it := range items {
		byTitle[it.Title] = it
	}
	a, b, c := byTitle[vi.title], byTitle[rewrite.title], byTitle[other.title]
	if a.Story.ID != a.ID || a.Story.Match != 0 {
		t.Errorf("first report: story %+v, want its own, id %d", a.Story, a.ID)
	}
	if b.Story.ID != a.ID || b.Story.Match != a.ID || b.Story.Similarity < cfg.Threshold {
		t.Errorf("rewrite: story %+v, want story %d matched to it at ≥ %v", b.Story, a.ID, cfg.Threshold)
	}
	if c.Story.ID != c.ID {
		t.Errorf("rain report: story %+v, want its own, id %d", c.Story, c.ID)
	}
}
