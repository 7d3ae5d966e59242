package fetch

import (
	"mime"
	"regexp"

	"github.com/tagfeed/tagfeed/textenc"
)

// prologEncoding finds the encoding declaration of a leading XML prolog.
var prologEncoding = regexp.MustCompile(`^(\s*<\?xml\b[^>]*?)\s+encoding\s*=\s*["']([^"']*)["']`)

// toUTF8 returns doc as UTF-8 with any encoding declaration taken out of its
// XML prolog, so that the XML parser does not decode it again, and a
// warning when no reading of its bytes was plausible (textenc.Decode says
// how it reads them).
func toUTF8(doc []byte, contentType string) ([]byte, string, error) {
	d, err := textenc.Decode(doc, declaredEncodings(doc, contentType)...)
	if err != nil {
		return nil, "", err
	}
	return dropDeclaredEncoding(d.Text), d.Doubt, nil
}

// declaredEncodings returns the encodings the Content-Type and the XML
// prolog name, in that order.
func declaredEncodings(doc []byte, contentType string) []string {
	var labels []string
	if _, params, err := mime.ParseMediaType(contentType); err == nil && params["charset"] != "" {
		labels = append(labels, params["charset"])
	}
	if m := prologEncoding.FindSubmatch(doc); m != nil {
		labels = append(labels, string(m[2]))
	}
	return labels
}

// dropDeclaredEncoding removes the encoding declaration from a leading XML
// prolog; the document is UTF-8 now.
func dropDeclaredEncoding(doc []byte) []byte {
	if m := prologEncoding.FindSubmatchIndex(doc); m != nil {
		return append(doc[:m[3]:m[3]], doc[m[1]:]...)
	}
	return doc
}
