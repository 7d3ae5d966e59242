package feeds

import (
	"net/url"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/google/uuid"
	"github.com/tagfeed/tagfeed"
)

// idNamespace is the name-based UUID namespace of tagfeed's entry ids.
var idNamespace = uuid.NewSHA1(uuid.NameSpaceURL, []byte(tagfeed.ProjectURL+"#entry"))

// entryID returns an item's id in every format: its GUID when that is an
// absolute URI, else a name-based (version 5) UUID URN made from its
// source and its key. Neither depends on database row ids, so the id
// survives a rebuild of the database and stays the same across formats. A
// seed folder counts by its name alone, not its path: written another way
// in the config, or moved, it keeps its items' ids.
func entryID(it *tagfeed.Item) string {
	if absoluteURI(it.GUID) {
		return it.GUID
	}
	origin := "source-id:" + strconv.FormatInt(it.SourceID, 10)
	switch it.SourceKind {
	case tagfeed.SourceSeed:
		origin = "seed:" + path.Base(filepath.ToSlash(it.SourceURL))
	case tagfeed.SourceFeed:
		origin = "feed:" + it.SourceURL
	}
	return uuid.NewSHA1(idNamespace, []byte(origin+"\n"+it.Key)).URN()
}

// absoluteURI reports whether s can stand as an entry id as it is: an
// absolute http(s), urn or tag URI with nothing a validator would reject.
func absoluteURI(s string) bool {
	if s == "" || len(s) > 2000 || strings.ContainsFunc(s, func(r rune) bool {
		return r <= ' ' || r == 0x7f || strings.ContainsRune(`"<>\^`+"`{|}", r)
	}) {
		return false
	}
	u, err := url.Parse(s)
	if err != nil {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		return u.Host != ""
	case "urn", "tag":
		return u.Opaque != ""
	}
	return false
}

// isWebURL reports whether s is an absolute http(s) URL.
func isWebURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}
