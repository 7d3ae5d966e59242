// Package tagfeed holds the domain of the tagfeed feed aggregator: the items
// it gathers, the sources they come from, the topic tags it assigns, its
// configuration, and the small interfaces the adapters implement.
//
// The adapters live in sub-packages that import this one and not each other:
// db stores items in SQLite, fetch reads live feeds and seed files, tag
// applies the keyword rules, and feeds republishes each topic as a feed.
// cmd/tagfeed wires them together.
package tagfeed

// Version is the tagfeed release, reported in the User-Agent and the feeds'
// generator fields.
const Version = "0.1.0"

// ProjectURL is where tagfeed lives; servers see it in the User-Agent.
const ProjectURL = "https://github.com/tagfeed/tagfeed"

// UserAgent is sent with every HTTP request tagfeed makes.
const UserAgent = "tagfeed/" + Version + " (+" + ProjectURL + ")"
