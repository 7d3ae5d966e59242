package seed

import (
	"context"
	"errors"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	tagfeed "github.com/tagfeed/tagfeed"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// readShippedSeeds reads the seeds/ folder at the top of the repository.
func readShippedSeeds(t *testing.T) map[string]tagfeed.Item {
	t.Helper()
	items, problems, err := ReadDir(context.Background(), "../seeds")
	if err != nil || len(problems) > 0 {
		t.Fatalf("ReadDir(../seeds): err=%v problems=%v", err, problems)
	}
	byKey := make(map[string]tagfeed.Item)
	for _, it := range items {
		byKey[it.Key] = it
	}
	return byKey
}

func TestReadDirShippedSeeds(t *testing.T) {
	items := readShippedSeeds(t)
	tests := []struct {
		key, title, author, outlet string
		published                  time.Time
		opens                      string   // the body's first words
		absent                     []string // must not appear in the text
	}{
		{
			key:    "000_42a1a8f3a73ae819.txt",
			title:  "Tại Washington, Việt Nam và Mỹ lần đầu tiên tổ chức đối thoại về kinh tế",
			opens:  "Tại Washington, Việt Nam và Mỹ lần đầu tiên",
			absent: []string{"_"},
		},
		{
			key:    "001_ca1648dcb2e5787d.txt",
			title:  "Việt Nam và Mỹ họp đối thoại kinh tế, thiết lập hợp tác về bán dẫn",
			outlet: "Dân trí",
			opens:  "Cuộc họp đối thoại kinh tế đầu tiên",
			absent: []string{"(Dân trí)", "bán dẫn.Ngày", "Mỹ.Bộ"},
		},
		{
			key:       "002_8f2edd54ac70151b.txt",
			title:     "Đối thoại kinh tế Việt-Mỹ: Định hướng sự hợp tác vào đổi mới sáng tạo, bán dẫn và trí tuệ nhân tạo",
			author:    "Tuyết Nhung",
			published: time.Date(2024, 6, 26, 12, 30, 0, 0, vietnamTime),
			opens:     "Cuộc họp Đối thoại kinh tế đầu tiên giữa Việt Nam và Mỹ",
			absent: []string{"Nhịp đập khoa học", "Tuyết Nhung 26/06/2024", "anh-dai-dien.png", "Bài liên quan",
				"Tập Cận Bình", "Bình luận", "muối Bạc Liêu", "Đừng bỏ lỡ", "POWERED BY", "ONECMS"},
		},
		{
			key:       "003_32ddaf3905087ba4.txt",
			title:     "Việt Nam đề nghị Mỹ hỗ trợ phát triển công nghiệp bán dẫn",
			author:    "Phương Dung",
			published: time.Date(2023, 11, 15, 0, 0, 0, 0, time.UTC), // "ngày 15/11", then "(APEC) 2023"
			opens:     "Chủ tịch nước đề nghị Mỹ sớm tháo gỡ việc xếp hạng Việt Nam",
			absent:    []string{"_", " ,", " .", "( ", " )", `" đối tác`, `mình "`, "Phương Dung"},
		},
		{
			key:    "004_0752c72360714cb8.txt",
			title:  "Bộ trưởng Công thương Nguyễn Hồng Diên làm việc với Thứ trưởng Bộ Ngoại giao Hoa Kỳ Jacob Helberg",
			author: "Kim Dung",
			opens:  "Bộ trưởng Công thương Nguyễn Hồng Diên làm việc",
			absent: []string{"KIM DUNG"},
		},
	}
	if len(items) != len(tests) {
		t.Errorf("got %d seed items, want %d", len(items), len(tests))
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			it, ok := items[tt.key]
			if !ok {
				t.Fatalf("no item with key %q", tt.key)
			}
			text := seedBodyText(it.Content)
			checks := []struct{ what, got, want string }{
				{"title", it.Title, tt.title},
				{"author", it.Author, tt.author},
				{"outlet", it.Outlet, tt.outlet},
				{"link", it.Link, ""},
			}
			for _, c := range checks {
				if c.got != c.want {
					t.Errorf("%s = %q, want %q", c.what, c.got, c.want)
				}
			}
			if !it.Published.Equal(tt.published) {
				t.Errorf("published = %v, want %v", it.Published, tt.published)
			}
			if !strings.HasPrefix(text, tt.opens) {
				t.Errorf("body opens %q, want it to open %q", firstRunes(text, 80), tt.opens)
			}
			for _, s := range tt.absent {
				if strings.Contains(text, s) || strings.Contains(it.Title, s) {
					t.Errorf("text contains %q; want it dropped", s)
				}
			}
			// Quotes need no escaping in HTML text: a reader would see
			// the entity where a feed double-escapes it.
			if strings.Contains(it.Summary+it.Content, "&#34;") || strings.Contains(it.Summary+it.Content, "&#39;") {
				t.Errorf("summary %q carries an escaped quote", firstRunes(it.Summary, 80))
			}
		})
	}
}

// TestReadDirGolden keeps the whole cleaned text of each shipped seed
// in testdata/seeds, so every change to the cleaning is reviewed.
func TestReadDirGolden(t *testing.T) {
	for key, it := range readShippedSeeds(t) {
		t.Run(key, func(t *testing.T) {
			var b strings.Builder
			fmt.Fprintf(&b, "title: %s\nauthor: %s\noutlet: %s\npublished: %s\n\n", it.Title, it.Author, it.Outlet, it.Published.Format(time.RFC3339))
			b.WriteString(strings.ReplaceAll(seedBodyText(it.Content), "\n", "\n\n"))
			b.WriteString("\n")
			checkGolden(t, filepath.Join("testdata", "golden", strings.TrimSuffix(key, ".txt")+".golden"), []byte(b.String()))
		})
	}
}

func TestReadDirIsStable(t *testing.T) {
	first, second := readShippedSeeds(t), readShippedSeeds(t)
	for key, it := range first {
		if got := second[key]; got.Hash() != it.Hash() {
			t.Errorf("%s: reading twice gives different items", key)
		}
	}
}

var paragraphTags = regexp.MustCompile(`</?p>`)

// seedBodyText turns a seed item's HTML paragraphs back into lines of text.
func seedBodyText(content string) string {
	return strings.TrimSpace(html.UnescapeString(paragraphTags.ReplaceAllString(content, "")))
}

func firstRunes(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}

func TestReadDirBadFiles(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"good.txt":           "Một tiêu đề ngắn\nNội dung bài viết về bán dẫn.",
		"sub/nested.md":      "# Tiêu đề Markdown\n\nĐoạn *một* với [liên kết](https://example.org).\n",
		"page.html":          "<html><head><title>Trang</title></head><body><nav>Menu</nav><article><h1>Tiêu đề HTML</h1><p>Đoạn văn.</p><script>x()</script></article><footer>Bản quyền</footer></body></html>",
		"binary.txt":         "abc\x00def",
		"latin1.txt":         "Caf\xe9 cr\xe8me \xe0 S\xe3o Paulo\nUne fa\xe7ade na\xefve, un caf\xe9 tr\xe8s cher et d\xe9j\xe0 l'\xe9t\xe9.",
		"noise.txt":          "\x8f\x81\x9d\x90\xad\x8d\x8e\x9e\x80\xfe\xff\x81\x8f\x9d",
		"utf16.txt":          utf16LE(t, "Tiêu đề UTF-16\nThân bài về bán dẫn."),
		"vi-1258.txt":        windows1258(t, "Công nghiê\u0323p ba\u0301n dâ\u0303n Viê\u0323t Nam\nNô\u0323i dung ba\u0300i viê\u0301t vê\u0300 chi\u0301p."),
		"empty.txt":          "  \n\n",
		"photo.png":          "\x89PNG",
		"README.md":          "# About these seeds",
		".hidden.txt":        "hidden",
		".git/config":        "[core]",
		"notes.unknownext":   "ignored",
		"only-markup.html":   "<html><body><script>x()</script></body></html>",
		"windows-lines.text": "Tiêu đề CRLF\r\nThân bài.\r\n",
	}
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	items, problems, err := ReadDir(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	gotTitles := make(map[string]string)
	for _, it := range items {
		gotTitles[it.Key] = it.Title
	}
	wantTitles := map[string]string{
		"good.txt":           "Một tiêu đề ngắn",
		"sub/nested.md":      "Tiêu đề Markdown",
		"page.html":          "Tiêu đề HTML",
		"windows-lines.text": "Tiêu đề CRLF",
		"latin1.txt":         "Café crème à São Paulo",
		"utf16.txt":          "Tiêu đề UTF-16",
		"vi-1258.txt":        "Công nghiệp bán dẫn Việt Nam",
	}
	if fmt.Sprint(gotTitles) != fmt.Sprint(wantTitles) {
		t.Errorf("items = %v, want %v", gotTitles, wantTitles)
	}
	wantProblems := map[string]string{
		"binary.txt":       "binary file",
		"noise.txt":        "not text in any encoding recognised",
		"empty.txt":        "empty file",
		"only-markup.html": "no article text",
	}
	if len(problems) != len(wantProblems) {
		t.Errorf("got %d problems, want %d: %v", len(problems), len(wantProblems), problems)
	}
	for _, p := range problems {
		name := strings.TrimPrefix(strings.SplitN(p.Error(), ":", 2)[0], "seed "+dir+string(filepath.Separator))
		if want, ok := wantProblems[name]; !ok || !strings.Contains(p.Error(), want) {
			t.Errorf("problem %q: want it to name the file and say %q", p, want)
		}
	}
	missing := filepath.Join(dir, "missing")
	if _, _, err := ReadDir(context.Background(), missing); err == nil || !strings.HasPrefix(err.Error(), "seed folder "+missing+": ") || strings.Contains(err.Error(), "stat .") {
		t.Errorf("ReadDir(missing folder) error = %v, want one naming the folder once, by its path", err)
	}
}

// TestHugeSegmentedParagraphTakesLinearTime reads a word-segmented article
// that is one paragraph of 1 MB, within the 4 MiB a seed may have. Grouping
// its sentences used to search the rest of the paragraph again for every
// group, which took minutes and held up serve's start.
func TestHugeSegmentedParagraphTakesLinearTime(t *testing.T) {
	text := "Tin_tức bán_dẫn\n" + strings.Repeat("Việt_Nam , bán_dẫn . ", 50000)
	done := make(chan article, 1)
	go func() { done <- parsePlainArticle("huge.txt", text) }()
	select {
	case a := <-done:
		if len(a.Paragraphs) < 10000 {
			t.Errorf("%d paragraphs, want the sentences grouped three by three", len(a.Paragraphs))
		}
	case <-time.After(20 * time.Second):
		t.Fatal("a 1 MB segmented paragraph took more than 20s to parse")
	}
}

// TestHTMLSeedAuthorMeta reads the author of a saved page from its meta
// tag, whatever the case of its name.
func TestHTMLSeedAuthorMeta(t *testing.T) {
	page := `<html><head><meta name="Author" content=" Phương  Dung "></head><body><h1>Tiêu đề</h1><p>Đoạn văn về bán dẫn.</p></body></html>`
	if got := parseHTMLArticle("page.html", page).Author; got != "Phương Dung" {
		t.Errorf("author = %q, want %q", got, "Phương Dung")
	}
}

// TestReadDirStopsWithItsContext reads a folder with a context that has
// ended: it gives up at once and says why.
func TestReadDirStopsWithItsContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	items, _, err := ReadDir(ctx, "../seeds")
	if !errors.Is(err, context.Canceled) || len(items) != 0 {
		t.Errorf("got %d items, error %v; want none and context.Canceled", len(items), err)
	}
}

// utf16LE writes s in UTF-16, little-endian, with a byte-order mark.
func utf16LE(t *testing.T, s string) string {
	t.Helper()
	b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// windows1258 writes s, whose tone marks are combining characters, in
// windows-1258.
func windows1258(t *testing.T, s string) string {
	t.Helper()
	b, err := charmap.Windows1258.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
