package main

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/bench/serve/internal/words"
	"github.com/tagfeed/tagfeed/db"
	"github.com/tagfeed/tagfeed/ingest"
	"github.com/tagfeed/tagfeed/tag"
)

// batch is the items of one source, made by a worker.
type batch struct {
	src   tagfeed.Source
	items []tagfeed.Item
}

// fill makes the items source by source on every core, and saves them in
// source order, one SaveFetch (one transaction) per source, as a fetch
// round does.
func fill(ctx context.Context, store *db.DB, engine *tag.Engine, tags []string, o options) (int, error) {
	now := time.Now().UTC()
	ref := now.Truncate(time.Hour) // items are dated back from here

	type job struct {
		index int
		out   chan batch
	}
	workers := max(1, runtime.GOMAXPROCS(0))
	work := make(chan job)
	order := make(chan job, 4*workers) // how far the makers run ahead of the writer
	ctx, cancel := context.WithCancel(ctx)

	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for j := range work {
				j.out <- makeBatch(j.index, ref, engine, tags, o)
			}
		})
	}
	go func() {
		defer close(order)
		defer close(work)
		for i := range o.sources {
			j := job{index: i, out: make(chan batch, 1)}
			select {
			case order <- j:
			case <-ctx.Done():
				return
			}
			select {
			case work <- j:
			case <-ctx.Done():
				return
			}
		}
	}()
	defer func() {
		cancel() // stops the feeder, which stops the workers
		wg.Wait()
	}()

	saved := 0
	lastReport := time.Now()
	for j := range order {
		b := <-j.out
		src, err := store.EnsureSource(ctx, tagfeed.SourceFeed, b.src.URL, b.src.Title)
		if err != nil {
			return saved, err
		}
		src.Status = b.src.Status
		src.SiteURL = b.src.SiteURL
		if _, err := store.SaveFetch(ctx, src, b.items, ingest.Decide); err != nil {
			return saved, err
		}
		saved += len(b.items)
		if time.Since(lastReport) > 10*time.Second {
			lastReport = time.Now()
			fmt.Fprintf(os.Stderr, "fill: %d/%d items\n", saved, o.items)
		}
	}
	return saved, nil
}

// makeBatch makes the items of source i, from a random source of its own,
// so that the items do not depend on which worker makes them.
func makeBatch(i int, ref time.Time, engine *tag.Engine, tags []string, o options) batch {
	g := words.New(o.seed, uint64(i)+1)
	lang := words.VI
	if g.R.IntN(10) < 3 {
		lang = words.EN
	}
	host := fmt.Sprintf("news-%05d.example", i+1)
	b := batch{src: tagfeed.Source{
		Kind:    tagfeed.SourceFeed,
		URL:     "https://" + host + "/rss",
		Title:   fmt.Sprintf("%s %d", g.Title(lang), i+1),
		SiteURL: "https://" + host + "/",
		Status: tagfeed.FetchStatus{
			ETag:        fmt.Sprintf(`"src-%d"`, i+1),
			LastAttempt: ref,
			LastSuccess: ref,
			HTTPStatus:  200,
			NextFetch:   ref.Add(30 * time.Minute),
		},
	}}
	n := o.items / o.sources
	if i < o.items%o.sources {
		n++
	}
	span := time.Duration(o.days) * 24 * time.Hour
	b.items = make([]tagfeed.Item, n)
	for k := range b.items {
		it := &b.items[k]
		id := fmt.Sprintf("%d-%d", i+1, k+1)
		it.Key = "https://" + host + "/news/" + id + ".html"
		it.GUID = it.Key
		it.Link = it.Key
		it.Language = string(lang)
		it.Author = g.Name(lang)
		it.Published = ref.Add(-time.Duration(g.R.Int64N(int64(span)))).Truncate(time.Second)

		var first, second []string // the topic phrases of the title, of the lead
		if g.R.Float64() >= o.untagged {
			t1 := tags[g.R.IntN(len(tags))]
			first = append(first, g.TopicPhrase(t1, lang))
			if len(tags) > 1 && g.R.Float64() < o.second {
				t2 := t1
				for t2 == t1 {
					t2 = tags[g.R.IntN(len(tags))]
				}
				second = append(second, g.TopicPhrase(t2, lang))
			}
		}
		it.Title = g.Title(lang, first...)
		it.Summary = g.Paragraph(lang, 1+g.R.IntN(2), second...)
		if g.R.Float64() < o.withContent {
			var c strings.Builder
			for p := range 2 + g.R.IntN(4) {
				c.WriteString("<p>")
				if p == 0 && len(first) > 0 {
					c.WriteString(g.Paragraph(lang, 2+g.R.IntN(3), first...))
				} else {
					c.WriteString(g.Paragraph(lang, 2+g.R.IntN(3)))
				}
				c.WriteString("</p>")
			}
			it.Content = c.String()
		}
		it.Tags = engine.Tag(it)
	}
	return b
}
