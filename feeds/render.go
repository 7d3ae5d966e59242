package feeds

import (
	"fmt"
	"io"

	"github.com/tagfeed/tagfeed"
)

// Render writes the topic's feed of items, newest first, in format f. An
// entry's id is made from its source and its key, so it survives a rebuild
// of the database. The output depends only on its arguments: the feed's
// date is its newest item's, or t.Updated when no item has one.
func Render(w io.Writer, f Format, t Topic, items []tagfeed.Item) error {
	return newFeedDoc(t, items).write(w, f)
}

func (d *feedDoc) write(w io.Writer, f Format) error {
	var err error
	switch f {
	case RSS:
		err = d.writeRSS(w)
	case Atom:
		err = d.writeAtom(w)
	case JSON:
		err = d.writeJSON(w)
	default:
		return fmt.Errorf("feeds: render %s: unknown format %v", d.Topic.Name, f)
	}
	if err != nil {
		return fmt.Errorf("feeds: render %s.%s: %w", d.Topic.Name, f.Ext(), err)
	}
	return nil
}
