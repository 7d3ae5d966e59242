package fetch

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata with the output the code gives now")

// TestExtractGolden extracts the main text of a news page with a menu,
// an advertisement, related links, a footer and scripts around the
// article: only the article is kept, sanitized, with absolute links.
func TestExtractGolden(t *testing.T) {
	page, err := os.ReadFile(filepath.Join("testdata", "pages", "ban-dan.html"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := extract(page, "text/html; charset=utf-8", "https://news.example/kinh-te/ban-dan.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, gone := range []string{"Trang chủ", "Quảng cáo", "Tin liên quan", "Giấy phép", "tracker", "tracking", "<script", "onerror", "javascript:"} {
		if strings.Contains(got, gone) {
			t.Errorf("the main text keeps %q", gone)
		}
	}
	for _, kept := range []string{"ngành công nghiệp bán dẫn", "năm mươi nghìn kỹ sư", `href="https://news.example/bai-lien-quan/42"`} {
		if !strings.Contains(got, kept) {
			t.Errorf("the main text lacks %q", kept)
		}
	}
	golden := filepath.Join("testdata", "pages", "ban-dan.golden.html")
	if *update {
		if err := os.WriteFile(golden, []byte(got+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./fetch -run TestExtractGolden -update)", err)
	}
	if got+"\n" != string(want) {
		t.Errorf("main text differs from %s (-update rewrites it):\n%s", golden, got)
	}
}

// TestExtract covers what extract accepts and refuses.
func TestExtract(t *testing.T) {
	para := "<p>" + strings.Repeat("Le café de la crème brûlée à São Paulo est déjà célèbre. ", 12) + "</p>"
	article := "<html><head><title>Article</title></head><body><article>" + para + para + "</article></body></html>"
	latin1, err := charmap.Windows1252.NewEncoder().String(article)
	if err != nil {
		t.Fatal(err)
	}
	withMeta := strings.Replace(latin1, "<head>", `<head><meta charset="windows-1252">`, 1)
	tests := []struct {
		name, body, contentType string
		want                    string // in the text, when it is read
		err                     string // in the error, when it is refused
	}{
		{"utf-8", article, "text/html; charset=utf-8", "crème brûlée", ""},
		{"charset from the Content-Type", latin1, "text/html; charset=windows-1252", "crème brûlée", ""},
		{"charset from a meta", withMeta, "text/html", "crème brûlée", ""},
		{"no Content-Type, sniffed", article, "", "crème brûlée", ""},
		{"xhtml", article, "application/xhtml+xml", "crème brûlée", ""},
		{"a PDF", "%PDF-1.7 " + para, "application/pdf", "", "not an HTML page"},
		{"JSON", `{"text": "` + para + `"}`, "application/json", "", "not an HTML page"},
		{"an image, sniffed", "\x89PNG\r\n\x1a\n" + para, "", "", "not an HTML page"},
		{"an empty page", "<html><body></body></html>", "text/html", "", errNoMainText.Error()},
		{"a menu and a teaser", `<html><body><nav><a href="/">Trang chủ</a></nav><p>Đọc tiếp khi đăng ký.</p></body></html>`, "text/html", "", "fewer than an article's 50"},
		{"too many elements", "<html><body>" + strings.Repeat("<b>x", maxElements+1) + "</body></html>", "text/html", "", "more than 250000 elements"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := extract([]byte(tt.body), tt.contentType, "https://news.example/a")
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Errorf("error %v, want one saying %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("text %q lacks %q", got, tt.want)
			}
		})
	}
}

// TestCountTags counts start tags only, and stops past the limit.
func TestCountTags(t *testing.T) {
	if n := countTags([]byte(`<p>a < b</p><!-- c --><br/><img src=x>`)); n != 3 {
		t.Errorf("countTags = %d, want 3", n)
	}
	if n := countTags(bytes.Repeat([]byte("<i>"), 3*maxElements)); n != maxElements+1 {
		t.Errorf("countTags of a huge page = %d, want it to stop at %d", n, maxElements+1)
	}
}
