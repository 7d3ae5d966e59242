package seed

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	tagfeed "github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/textenc"
)

// maxSeedBytes bounds one seed file; anything larger is not an article.
const maxSeedBytes = 4 << 20

// seedExtensions are the file types read from seed folders.
var seedExtensions = map[string]func(name, text string) article{
	".txt":      parsePlainArticle,
	".text":     parsePlainArticle,
	".md":       parseMarkdownArticle,
	".markdown": parseMarkdownArticle,
	".html":     parseHTMLArticle,
	".htm":      parseHTMLArticle,
}

// ReadDir reads every article file in dir and its subfolders and returns
// them as items, keyed by their path inside dir. err is set when the folder
// cannot be read at all, or ctx ends first; problems names each file that
// could not be used, while the others are still returned. Hidden files,
// README files and files of other types are skipped.
func ReadDir(ctx context.Context, dir string) (items []tagfeed.Item, problems []error, err error) {
	root := os.DirFS(dir)
	err = fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			if p == "." {
				var pe *fs.PathError
				if errors.As(err, &pe) {
					err = pe.Err // the folder is named below, not as "."
				}
				return err
			}
			problems = append(problems, fmt.Errorf("seed %s: %w", filepath.Join(dir, p), err))
			return nil
		}
		base := d.Name()
		if p != "." && strings.HasPrefix(base, ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		parse, ok := seedExtensions[strings.ToLower(path.Ext(base))]
		if d.IsDir() || !ok || strings.HasPrefix(strings.ToLower(base), "readme") {
			return nil
		}
		item, err := readSeedFile(root, p, parse)
		if err != nil {
			problems = append(problems, fmt.Errorf("seed %s: %w", filepath.Join(dir, p), err))
			return nil
		}
		items = append(items, item)
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("seed folder %s: %w", dir, err)
	}
	return items, problems, nil
}

// readSeedFile reads one article file and turns it into an item.
func readSeedFile(root fs.FS, name string, parse func(name, text string) article) (tagfeed.Item, error) {
	info, err := fs.Stat(root, name)
	if err != nil {
		return tagfeed.Item{}, err
	}
	if info.Size() > maxSeedBytes {
		return tagfeed.Item{}, fmt.Errorf("file is %d bytes, more than the %d a seed article may have", info.Size(), maxSeedBytes)
	}
	data, err := fs.ReadFile(root, name)
	if err != nil {
		return tagfeed.Item{}, err
	}
	return readArticle(name, data, parse)
}

// ReadArticle reads one article file's contents the way a seed folder is
// read: its headline, lead and body, author, outlet and date. The type is
// taken from name's extension (.md, .html, …); any other name, such as "-"
// for standard input, is read as plain text. The item is keyed by name.
func ReadArticle(name string, data []byte) (tagfeed.Item, error) {
	if len(data) > maxSeedBytes {
		return tagfeed.Item{}, fmt.Errorf("article %s is %d bytes, more than the %d an article may have", name, len(data), maxSeedBytes)
	}
	parse, ok := seedExtensions[strings.ToLower(path.Ext(name))]
	if !ok {
		parse = parsePlainArticle
	}
	item, err := readArticle(name, data, parse)
	if err != nil {
		return tagfeed.Item{}, fmt.Errorf("article %s: %w", name, err)
	}
	return item, nil
}

// readArticle turns an article file's contents into an item keyed by name.
func readArticle(name string, data []byte, parse func(name, text string) article) (tagfeed.Item, error) {
	text, err := seedText(data)
	if err != nil {
		return tagfeed.Item{}, err
	}
	a := parse(name, text)
	if len(a.Paragraphs) == 0 {
		return tagfeed.Item{}, errors.New("no article text found")
	}
	if a.Published.IsZero() {
		a.Published, _ = textDate(a.Paragraphs)
	}
	return a.item(name), nil
}

// seedText checks that data is text and returns it as UTF-8, with line
// endings made "\n". UTF-16 with a byte-order mark, the encoding an HTML
// page declares, and undeclared encodings that textenc recognises
// (windows-1258 Vietnamese, windows-1252, …) are decoded; bytes that read
// as no encoding are refused, as a file that is not an article.
func seedText(data []byte) (string, error) {
	d, err := textenc.Decode(data, metaCharset(data))
	switch {
	case err != nil:
		return "", err
	case bytes.IndexByte(d.Text, 0) >= 0:
		return "", errors.New("binary file, not text (it has NUL bytes)")
	case d.Doubt != "":
		return "", fmt.Errorf("not text in any encoding recognised; save the article as UTF-8")
	case len(bytes.TrimSpace(d.Text)) == 0:
		return "", errors.New("empty file")
	}
	text := strings.ReplaceAll(string(d.Text), "\r\n", "\n")
	return strings.ReplaceAll(text, "\r", "\n"), nil
}

// metaCharsetPattern finds the encoding an HTML page declares.
var metaCharsetPattern = regexp.MustCompile(`(?i)<meta[^>]+charset=["']?([\w.:-]+)`)

// metaCharset returns the encoding an HTML page declares in its first
// kilobytes, or "".
func metaCharset(data []byte) string {
	if m := metaCharsetPattern.FindSubmatch(data[:min(len(data), 4096)]); m != nil {
		return string(m[1])
	}
	return ""
}
