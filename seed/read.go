package seed

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path"
	"path/filepath"
	"strconv"
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
	s := scan{dir: dir, batch: math.MaxInt, save: func(batch []tagfeed.Item) error {
		items = append(items, batch...)
		return nil
	}}
	if err := s.run(ctx); err != nil {
		return nil, nil, err
	}
	return items, s.problems, nil
}

// scan reads the article files of a folder and hands them over in
// batches, skipping those whose fingerprint says they are as stored.
type scan struct {
	dir   string
	known map[string]string // stored fingerprints by key; nil reads every file
	batch int               // items per batch
	save  func([]tagfeed.Item) error

	pending  []tagfeed.Item
	read     int // files read
	skipped  int // files left unread: unchanged since stored
	problems []error
}

// run walks the folder. It fails when the folder cannot be read at all,
// when ctx ends, or when save fails.
func (s *scan) run(ctx context.Context) error {
	root := os.DirFS(s.dir)
	err := fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
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
			s.problem(p, err)
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
		return s.file(root, p, d, parse)
	})
	if err == nil && len(s.pending) > 0 {
		err = s.save(s.pending)
		s.pending = nil
	}
	if err != nil {
		return fmt.Errorf("seed folder %s: %w", s.dir, err)
	}
	return nil
}

// file reads one article file, unless its size and modification time are
// those of its stored fingerprint, and hands the batch on when it is full.
func (s *scan) file(root fs.FS, name string, d fs.DirEntry, parse func(name, text string) article) error {
	info, err := d.Info()
	if err != nil {
		s.problem(name, err)
		return nil
	}
	stat := statPrint(info)
	if known, ok := s.known[name]; ok && strings.HasPrefix(known, stat+":") {
		s.skipped++
		return nil
	}
	if info.Size() > maxSeedBytes {
		s.problem(name, fmt.Errorf("file is %d bytes, more than the %d a seed article may have", info.Size(), maxSeedBytes))
		return nil
	}
	data, err := fs.ReadFile(root, name)
	if err != nil {
		s.problem(name, err)
		return nil
	}
	item, err := readArticle(name, data, parse)
	if err != nil {
		s.problem(name, err)
		return nil
	}
	sum := sha256.Sum256(data)
	item.Fingerprint = stat + ":" + hex.EncodeToString(sum[:])
	s.read++
	s.pending = append(s.pending, item)
	if len(s.pending) < s.batch {
		return nil
	}
	err = s.save(s.pending)
	s.pending = nil // the batch handed over is the caller's now
	return err
}

// problem notes a file that could not be used.
func (s *scan) problem(name string, err error) {
	s.problems = append(s.problems, fmt.Errorf("seed %s: %w", filepath.Join(s.dir, name), err))
}

// statPrint is the part of a file's fingerprint that needs no reading:
// its size and modification time.
func statPrint(info fs.FileInfo) string {
	return strconv.FormatInt(info.Size(), 10) + ":" + strconv.FormatInt(info.ModTime().UnixNano(), 10)
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
	d, err := textenc.Decode(data, textenc.MetaCharset(data))
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
