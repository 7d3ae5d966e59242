package story_test

import (
	"testing"
	"time"

	"github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/story"
	"github.com/tagfeed/tagfeed/tag"
)

// report is an item of the tests below: a title and a text, first seen
// at a day of June 2024 and dated that day unless undated.
type report struct {
	title, text string
	day         int
	undated     bool
}

func (r report) item(id int64) tagfeed.Item {
	at := time.Date(2024, 6, r.day, 8, 0, 0, 0, time.UTC)
	it := tagfeed.Item{ID: id, Title: r.title, Content: r.text, FirstSeen: at}
	if !r.undated {
		it.Published = at
	}
	return it
}

// TestPlace places a few reports, written for this test, in order and
// checks which share a story: rewrites of one event in Vietnamese and in
// English, and reports of a kind on different days or about other events.
func TestPlace(t *testing.T) {
	reports := []report{
		0: {"Đà Nẵng đón tàu cảnh sát biển Nhật Bản", "Sáng 12/6, tàu tuần tra Akitsushima của lực lượng bảo_vệ bờ biển Nhật Bản cập cảng Tiên Sa, bắt đầu chuyến thăm thành phố Đà Nẵng trong 4 ngày. Thủy thủ đoàn sẽ giao lưu với cảnh sát biển Việt Nam.", 12, false},
		1: {"Tàu tuần tra Akitsushima của Nhật Bản cập cảng Tiên Sa", "Ngày 12/6, thủy thủ đoàn tàu Akitsushima thuộc lực lượng bảo vệ bờ biển Nhật Bản đã tới cảng Tiên Sa, Đà Nẵng, mở đầu chuyến thăm 4 ngày, giao lưu với cảnh sát biển Việt Nam.", 12, false},
		2: {"Hà Nội mưa lớn, nhiều tuyến phố ngập sâu", "Chiều 12/6, mưa lớn kéo dài khiến nhiều tuyến phố Hà Nội ngập sâu, giao thông ùn tắc. Trung tâm dự báo khí tượng cho biết mưa còn kéo dài.", 12, false},
		3: {"Hà Nội mưa lớn, nhiều tuyến phố ngập sâu", "Chiều 14/6, mưa lớn kéo dài khiến nhiều tuyến phố Hà Nội ngập sâu, giao thông ùn tắc. Trung tâm dự báo khí tượng cho biết mưa còn kéo dài sang ngày mai.", 14, false},
		4: {"Chipmaker opens first packaging plant in Bac Ninh", "On June 13 the US chipmaker Amkor opened its first advanced packaging plant in Bac Ninh province, a 1.6 billion dollar investment that will employ 10,000 engineers.", 13, false},
		5: {"Amkor's $1.6bn Bac Ninh packaging plant begins operations", "Amkor, the US chip packaging company, began operations at its Bac Ninh plant on June 13. The 1.6 billion dollar investment is expected to employ 10,000 engineers.", 13, false},
		6: {"Amkor's $1.6bn Bac Ninh packaging plant begins operations", "Amkor, the US chip packaging company, began operations at its Bac Ninh plant on June 13. The 1.6 billion dollar investment is expected to employ 10,000 engineers.", 28, false},
		7: {"Giá vàng hôm nay 12/6: vàng SJC tăng mạnh", "Sáng 12/6, giá vàng SJC tại Hà Nội niêm yết 75,5 triệu đồng mỗi lượng, tăng 300.000 đồng so với hôm qua.", 12, false},
		8: {"Giá vàng hôm nay 13/6: vàng SJC tăng mạnh", "Sáng 13/6, giá vàng SJC tại Hà Nội niêm yết 75,8 triệu đồng mỗi lượng, tăng 300.000 đồng so với hôm qua.", 13, false},
	}
	same := [][2]int{{0, 1}, {4, 5}}
	apart := [][2]int{{0, 2}, {2, 3}, {5, 6}, {7, 8}, {0, 7}, {4, 0}}

	cfg := tagfeed.Default().Stories
	x := story.NewIndex(cfg, 0, tag.Normalize)
	refs := make([]tagfeed.StoryRef, len(reports))
	for i, r := range reports {
		it := r.item(int64(i + 1))
		refs[i] = x.Place(&it)
	}
	for _, p := range same {
		if refs[p[0]].ID != refs[p[1]].ID {
			t.Errorf("%q and %q: stories %d and %d, want one", reports[p[0]].title, reports[p[1]].title, refs[p[0]].ID, refs[p[1]].ID)
		}
	}
	for _, p := range apart {
		if refs[p[0]].ID == refs[p[1]].ID {
			t.Errorf("%q (day %d) and %q (day %d): one story, want two", reports[p[0]].title, reports[p[0]].day, reports[p[1]].title, reports[p[1]].day)
		}
	}
	// An item that joins a story says which item it was found like, and how much.
	if r := refs[1]; r.Match != 1 || r.Similarity < cfg.Threshold || r.Similarity > 1 {
		t.Errorf("second report: %+v, want a match with item 1 at a similarity in [%v, 1]", r, cfg.Threshold)
	}
	if r := refs[0]; r.Match != 0 || r.ID != 1 {
		t.Errorf("first report: %+v, want a story of its own, id 1", r)
	}
}

// TestIndexCapacity fills an index beyond its capacity: it forgets the
// oldest items, and a new report of a forgotten one starts a story.
func TestIndexCapacity(t *testing.T) {
	x := story.NewIndex(tagfeed.Default().Stories, 2, tag.Normalize)
	first := report{"Amkor opens Bac Ninh chip packaging plant", "On June 13 Amkor opened its 1.6 billion dollar chip packaging plant in Bac Ninh, to employ 10,000 engineers.", 13, false}
	others := []report{
		{"Hanoi floods after heavy rain", "Heavy rain flooded dozens of Hanoi streets on June 13 and traffic stalled for hours.", 13, false},
		{"Da Nang welcomes Japanese coast guard ship", "The Japanese coast guard ship Akitsushima docked at Tien Sa port in Da Nang on June 13.", 13, false},
	}
	rewrite := report{"Amkor's Bac Ninh chip packaging plant opens", "Amkor opened its chip packaging plant in Bac Ninh on June 13, a 1.6 billion dollar investment to employ 10,000 engineers.", 13, false}

	it := first.item(1)
	x.Place(&it)
	for i, r := range others {
		it := r.item(int64(i + 2))
		x.Place(&it)
	}
	if x.Len() != 2 || x.Has(1) {
		t.Fatalf("after 3 items in an index of 2: %d held, first held %v; want 2, the first forgotten", x.Len(), x.Has(1))
	}
	it = rewrite.item(4)
	if ref := x.Place(&it); ref.ID != 4 {
		t.Errorf("rewrite of a forgotten item joined story %d, want its own (4)", ref.ID)
	}

	// With room for all, the rewrite joins the first report's story.
	x = story.NewIndex(tagfeed.Default().Stories, 10, tag.Normalize)
	for i, r := range append([]report{first}, others...) {
		it := r.item(int64(i + 1))
		x.Place(&it)
	}
	it = rewrite.item(4)
	if ref := x.Place(&it); ref.ID != 1 {
		t.Errorf("rewrite joined story %d, want the first report's (1)", ref.ID)
	}
}
