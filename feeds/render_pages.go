package feeds

import (
	"embed"
	"html/template"
	"strconv"

	"github.com/tagfeed/tagfeed"
)

//go:embed templates/*.html templates/style.css
var templateFS embed.FS

// pageTemplates are the pages, each parsed with the layout once; they
// never change after.
var pageTemplates = parsePages("index.html", "topic.html", "item.html", "search.html")

// pageFuncs are what the templates may call.
var pageFuncs = template.FuncMap{
	"formats":    Formats,
	"date":       showDate,
	"typeAttr":   typeAttr,
	"points":     func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) },
	"signed":     signedPoints,
	"size":       showSize,
	"where":      tagfeed.TermScore.Where,
	"html":       storedHTML,
	"projectURL": func() string { return tagfeed.ProjectURL },
	"version":    func() string { return tagfeed.Version },
	// root is how a page's links reach the site's root: pages live one
	// folder deep at most, and the index at the top.
	"root": func() string { return "/" },
}

func parsePages(names ...string) map[string]*template.Template {
	pages := make(map[string]*template.Template, len(names))
	for _, name := range names {
		pages[name] = template.Must(template.New(name).Funcs(pageFuncs).ParseFS(templateFS,
			"templates/layout.html", "templates/"+name))
	}
	return pages
}

// typeAttr returns the type attribute of a link to a feed in format f. It
// is written as it is: autodiscovery code that does not decode entities
// would not see "application/rss&#43;xml" as a feed.
func typeAttr(f Format) template.HTMLAttr {
	return template.HTMLAttr(`type="` + f.MediaType() + `"`) // a constant: safe
}

// storedHTML marks an item's stored content as HTML to show as it is: it
// was sanitized when it was stored (fetch's sanitizer, or a seed's
// escaped paragraphs), and the pages' Content-Security-Policy runs no
// script whatever it holds.
func storedHTML(s string) template.HTML {
	return template.HTML(s) // sanitized at ingest
}

// showSize writes a size in bytes as a person reads it: 2.8 GB, 640 kB.
func showSize(n int64) string {
	const unit = 1000
	if n < unit {
		return strconv.FormatInt(n, 10) + " B"
	}
	x, prefix := float64(n), 0
	for x >= unit && prefix < 4 {
		x /= unit
		prefix++
	}
	return strconv.FormatFloat(x, 'f', 1, 64) + " " + "kMGT"[prefix-1:prefix] + "B"
}

func signedPoints(x float64) string {
	if x >= 0 {
		return "+" + strconv.FormatFloat(x, 'f', 1, 64)
	}
	return "−" + strconv.FormatFloat(-x, 'f', 1, 64)
}
