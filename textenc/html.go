package textenc

import "regexp"

// metaCharsetPattern finds the encoding an HTML page declares, in
// <meta charset="…"> or <meta http-equiv="Content-Type" content="…; charset=…">.
var metaCharsetPattern = regexp.MustCompile(`(?i)<meta[^>]+charset=["']?([\w.:-]+)`)

// metaScan is how far into a page MetaCharset looks, as browsers look at
// its first kilobytes.
const metaScan = 4096

// MetaCharset returns the encoding an HTML page declares in a <meta> of
// its first kilobytes, or "": the label to give Decode after the HTTP
// charset.
func MetaCharset(page []byte) string {
	if m := metaCharsetPattern.FindSubmatch(page[:min(len(page), metaScan)]); m != nil {
		return string(m[1])
	}
	return ""
}
