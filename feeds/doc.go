// Package feeds republishes tagfeed's topics: it renders each topic's items
// as RSS 2.0, Atom 1.0 and JSON Feed 1.1 (built on the structures of
// github.com/gorilla/feeds, extended with what feed validators and readers
// expect), writes and reads OPML, renders the HTML index page, and serves all
// of it over HTTP or exports it as static files.
package feeds
