package feeds

import (
	"embed"
	"fmt"
	"html/template"
	"io"
	"time"

	"github.com/tagfeed/tagfeed"
)

//go:embed templates/index.html
var templateFS embed.FS

// indexTemplate is parsed once; it never changes after.
var indexTemplate = template.Must(template.New("index.html").Funcs(template.FuncMap{
	"formats":    Formats,
	"date":       showDate,
	"typeAttr":   typeAttr,
	"title":      func(it *tagfeed.Item) string { return xmlText(itemTitle(it)) },
	"projectURL": func() string { return tagfeed.ProjectURL },
	"version":    func() string { return tagfeed.Version },
}).ParseFS(templateFS, "templates/index.html"))

// RenderIndex writes the HTML index page. Its links are relative, so the
// same page works served at / and exported as a static index.html.
func RenderIndex(w io.Writer, idx *Index) error {
	if err := indexTemplate.Execute(w, idx); err != nil {
		return fmt.Errorf("feeds: render index: %w", err)
	}
	return nil
}

// showDate formats a time for the index page, in UTC to the minute.
func showDate(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.UTC().Format("2006-01-02 15:04")
}

// typeAttr returns the type attribute of a link to a feed in format f. It
// is written as it is: autodiscovery code that does not decode entities
// would not see "application/rss&#43;xml" as a feed.
func typeAttr(f Format) template.HTMLAttr {
	return template.HTMLAttr(`type="` + f.MediaType() + `"`) // a constant: safe
}
