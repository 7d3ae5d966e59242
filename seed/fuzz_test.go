package seed

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzReadSeed gives the seed parsers arbitrary text, as seedText hands it
// over: they must never panic, every paragraph they return has text, an
// article with a title has a body, and a plain article with a letter
// outside its byline and site furniture has a body.
func FuzzReadSeed(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "seeds", "*.txt"))
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(string(data))
		}
	}
	for _, s := range []string{
		"x",
		"Chỉ một tiêu đề",
		"Tiêu đề\r\nThân bài.\r\n",
		"Tiêu đề\nTuyết Nhung 26/06/2024 12:30",
		"(Dân trí) -",
		"TTO - Một câu.",
		"Một câu. Phương Dung",
		"---\ntitle: T\n---\n# H\n",
		"<html><body><article><p>Đoạn.</p></article></body></html>",
		"Việt_Nam và Hoa_Kỳ , bán_dẫn , chip_xử_lý , trí_tuệ nhân_tạo , năng_lượng , đổi_mới , sáng_tạo , kỹ_sư .",
		strings.Repeat("rất dài ", 20000),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) || strings.ContainsRune(text, 0) {
			return // seedText turns these away
		}
		text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
		for name, parse := range map[string]func(string, string) article{"plain": parsePlainArticle, "markdown": parseMarkdownArticle, "html": parseHTMLArticle} {
			a := parse("fuzz.txt", text)
			for i, p := range a.Paragraphs {
				if strings.TrimSpace(p) == "" {
					t.Errorf("%s: paragraph %d is blank in %+v", name, i, a)
				}
			}
			if len(a.Paragraphs) == 0 && a.Title != "" {
				t.Errorf("%s: a title without a body: %q → %+v", name, text, a)
			}
			if name == "plain" && len(a.Paragraphs) == 0 && hasArticleText(text) {
				t.Errorf("%s: no paragraphs from text with letters: %q → %+v", name, text, a)
			}
			if len(a.Paragraphs) > 0 {
				a.item("fuzz.txt") // must not panic either
			}
		}
	})
}

// hasArticleText reports whether text has a letter on a line that is
// neither a byline nor site furniture: text a plain article must keep.
func hasArticleText(text string) bool {
	for _, l := range textLines(text) {
		if strings.ContainsFunc(l, unicode.IsLetter) && !bylinePattern.MatchString(l) && !boilerplateLine.MatchString(l) {
			return true
		}
	}
	return false
}
