package fetch

import (
	"bytes"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"

	"github.com/tagfeed/tagfeed/textenc"
)

// errNoMainText is a page in which readability found no article.
var errNoMainText = errors.New("no main text found on the page")

// minArticleWords is the fewest words a page's main text must have to be
// taken for the article: fewer are its menu, a cookie notice or a
// paywall's teaser, which would replace the feed's summary with less.
const minArticleWords = 50

// extract returns the main text of an HTML page, found by readability
// (codeberg.org/readeck/go-readability, a port of Firefox's Reader View),
// then sanitized, made absolute against pageURL and composed like a
// feed's HTML content (cleanHTML); at least minArticleWords. The page is read in the encoding its
// Content-Type, XML prolog or <meta> declares, else the one textenc
// detects. A body that is not HTML, or that has more than maxElements
// tags (which would cost the parser a hundred times its size), is
// refused.
func extract(body []byte, contentType, pageURL string) (text string, err error) {
	if !isHTML(body, contentType) {
		return "", fmt.Errorf("not an HTML page (Content-Type %q)", contentType)
	}
	d, err := textenc.Decode(body, append(declaredEncodings(body, contentType), textenc.MetaCharset(body))...)
	if err != nil {
		return "", err
	}
	if n := countTags(d.Text); n > maxElements {
		return "", fmt.Errorf("the page has more than %d elements", maxElements)
	}
	doc, err := html.Parse(bytes.NewReader(d.Text))
	if err != nil {
		return "", fmt.Errorf("parse the page: %w", err)
	}
	base, err := url.Parse(pageURL)
	if err != nil {
		return "", fmt.Errorf("page URL: %w", err)
	}
	defer func() {
		// A page is untrusted input to a library we did not write: a
		// bug it sets off is this page's error, not the feed's.
		if r := recover(); r != nil {
			text, err = "", fmt.Errorf("readability failed on the page: %v", r)
		}
	}()
	parser := readability.NewParser()
	parser.MaxElemsToParse = maxElements
	article, err := parser.ParseAndMutate(doc, base)
	if err != nil {
		return "", fmt.Errorf("%w: %v", errNoMainText, err)
	}
	if article.Node == nil {
		return "", errNoMainText
	}
	var b strings.Builder
	if err := article.RenderHTML(&b); err != nil {
		return "", fmt.Errorf("render the main text: %w", err)
	}
	text = cleanHTML(b.String(), base)
	if n := len(strings.Fields(plainText(text))); n < minArticleWords {
		return "", fmt.Errorf("%w: %d words, fewer than an article's %d", errNoMainText, n, minArticleWords)
	}
	return text, nil
}

// isHTML reports whether a body is an HTML page: its Content-Type says
// text/html or application/xhtml+xml, or, when it says nothing, its
// bytes look like HTML.
func isHTML(body []byte, contentType string) bool {
	if strings.TrimSpace(contentType) == "" {
		contentType = http.DetectContentType(body)
	}
	mediaType, _, err := mime.ParseMediaType(contentType)
	return err == nil && (mediaType == "text/html" || mediaType == "application/xhtml+xml")
}

// countTags counts the start tags of a page, stopping once it passes
// maxElements: about as many elements as parsing makes, found without
// parsing.
func countTags(page []byte) int {
	n := 0
	for i := 0; i < len(page) && n <= maxElements; {
		lt := bytes.IndexByte(page[i:], '<')
		if lt < 0 {
			break
		}
		i += lt + 1
		if i < len(page) && isASCIILetter(page[i]) {
			n++
		}
	}
	return n
}

// isASCIILetter reports whether c is an ASCII letter, as a tag name starts.
func isASCIILetter(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}
