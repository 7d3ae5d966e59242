package fetch_test

import (
	"bytes"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tagfeed/tagfeed/fetch"
)

// realFeeds is the shared folder of feeds captured from public projects.
const realFeeds = "../../shared/realfeeds"

// TestRealFeeds parses every captured real-world feed. A file a careful
// reader gets items from (expected_to_parse=yes) must give items here too,
// unless it holds none; any other file must give a clear error or items.
// Nothing may panic.
func TestRealFeeds(t *testing.T) {
	rows := readManifest(t)
	for _, row := range rows {
		name, expected, gofeedResult := row["file"], row["expected_to_parse"], row["gofeed_v1.4.2_result"]
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(realFeeds, name))
			if err != nil {
				t.Skipf("listed in MANIFEST.tsv but not readable: %v", err)
			}
			feed, err := fetch.Parse(bytes.NewReader(data), "", "https://realfeeds.example/"+name)
			holdsNone := strings.HasSuffix(gofeedResult, " 0 items") && !strings.HasPrefix(gofeedResult, "FAIL")
			switch {
			case expected == "yes" && err != nil:
				t.Fatalf("a careful reader gets items, tagfeed fails: %v", err)
			case expected == "yes" && len(feed.Items) == 0 && !holdsNone && feed.Empty == 0:
				t.Fatalf("no items (gofeed alone: %s)", gofeedResult)
			case err != nil && !strings.HasPrefix(err.Error(), "fetch: "):
				t.Errorf("error %q does not say where it comes from", err)
			case err != nil:
				t.Logf("clear error: %v", err)
				return
			}
			for i, it := range feed.Items {
				if it.Key == "" || !utf8.ValidString(it.Title+it.Summary+it.Content+it.Author) {
					t.Errorf("item %d: key %q, or text that is not UTF-8", i, it.Key)
				}
				if strings.Contains(strings.ToLower(it.Summary+it.Content), "<script") {
					t.Errorf("item %d keeps a script", i)
				}
			}
		})
	}
}

// TestRealFeedsText checks the text that comes out of feeds in other
// encodings or with broken markup, to the character.
func TestRealFeedsText(t *testing.T) {
	readManifest(t)
	tests := []struct {
		file  string
		items int
		want  string // the title of some item, or a fragment of its HTML
	}{
		{"2golang__example.xml", 1, "Israel nối gót Mỹ rời Hội đồng Nhân quyền LHQ"},
		{"vanpho93-vnexpress2810__data.js-extracted-vnexpress-tin-moi-nhat-2017-11-browser-copy.rss", 25, "Con hẻm trăm tuổi ở Sài Gòn nhiều lần lên phim TVB 4"},
		{"miniflux__utf8-incorrect-prolog.xml", 1, "Café"},
		{"miniflux__encoding_ISO-8859-1.xml", 40, "Machine Learning: Von KI erstelltes Porträt für 432.500 US.Dollar versteigert"},
		{"danmactough__iconv.xml", 10, "В Бузулуке главные стройплощадки – детсад и Ледовый дворец"},
		{"miniflux__encoding_WINDOWS-1251.xml", 50, "Цитата #17703"},
		{"danmactough__saxerror.xml", 3, "Good Item"},
		{"feedjira__TechCrunch.xml", 20, "Angie’s List Sets Price Range IPO At $11 To $13 Per Share; Valued At Over $600M"},
		{"feed-rs__atom_xml_base.xml", 1, `src="https://numi.st/post/2022/travel-uke/IMG_1232.jpeg"`},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(realFeeds, tt.file))
			if err != nil {
				t.Skipf("not in the shared folder: %v", err)
			}
			feed, err := fetch.Parse(bytes.NewReader(data), "", "https://realfeeds.example/feed")
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, it := range feed.Items {
				found = found || it.Title == tt.want || strings.Contains(it.Content+it.Summary, tt.want)
			}
			if len(feed.Items) != tt.items || !found {
				t.Errorf("%d items, found %q: %v; want %d items", len(feed.Items), tt.want, found, tt.items)
			}
		})
	}
}

// readManifest reads MANIFEST.tsv of the shared real feeds, or skips the
// test when the folder is not there.
func readManifest(t *testing.T) []map[string]string {
	t.Helper()
	f, err := os.Open(filepath.Join(realFeeds, "MANIFEST.tsv"))
	if os.IsNotExist(err) {
		t.Skipf("%s is absent: the real-world feeds are not on this machine", realFeeds)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma, r.LazyQuotes = '\t', true
	header, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	var rows []map[string]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return rows
		}
		if err != nil {
			t.Fatal(err)
		}
		row := make(map[string]string, len(header))
		for i, h := range header {
			if i < len(rec) {
				row[h] = rec[i]
			}
		}
		rows = append(rows, row)
	}
}
