package words

import (
	"testing"

	"github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/tag"
)

func TestQueriesAreDistinctAndReadable(t *testing.T) {
	qs := Queries(200, 1)
	if len(qs) != 200 {
		t.Fatalf("got %d queries, want 200", len(qs))
	}
	seen := map[string]bool{}
	for _, q := range qs {
		if seen[q.Q] {
			t.Errorf("query %q twice", q.Q)
		}
		seen[q.Q] = true
		if _, err := tagfeed.ParseSearch(q.Q); err != nil {
			t.Errorf("query %q (%s): %v", q.Q, q.Kind, err)
		}
	}
	again := Queries(200, 1)
	for i := range qs {
		if qs[i] != again[i] {
			t.Fatalf("query %d: %q, then %q: the same seed must give the same queries", i, qs[i].Q, again[i].Q)
		}
	}
}

func TestStripDiacritics(t *testing.T) {
	for in, want := range map[string]string{
		"bán dẫn":          "ban dan",
		"Đà Nẵng":          "Da Nang",
		"người tiêu dùng":  "nguoi tieu dung",
		"thương mại":       "thuong mai",
		"plain ASCII text": "plain ASCII text",
	} {
		if got := StripDiacritics(in); got != want {
			t.Errorf("StripDiacritics(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTopicsHavePhrasesInBothLanguages(t *testing.T) {
	for _, tag := range Topics() {
		for _, lang := range []Lang{VI, EN} {
			if len(topics[tag][lang]) == 0 {
				t.Errorf("topic %s has no %s phrases", tag, lang)
			}
		}
	}
}

// TestTextIsTaggedAsMeant checks the vocabulary against the shipped rules:
// general text carries no tag, and a topic phrase in the headline carries
// its tag.
func TestTextIsTaggedAsMeant(t *testing.T) {
	cfg, err := tagfeed.LoadConfig("../../../../config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	engine, err := tag.New(cfg.Tags)
	if err != nil {
		t.Fatal(err)
	}
	g := New(7, 7)
	for i := range 2000 {
		lang := []Lang{VI, EN}[i%2]
		it := tagfeed.Item{Title: g.Title(lang), Summary: g.Paragraph(lang, 2), Content: g.Paragraph(lang, 4)}
		if tags := engine.Tag(&it); len(tags) > 0 {
			t.Errorf("general text is tagged %v:\n%s\n%s\n%s", tagNames(tags), it.Title, it.Summary, it.Content)
		}
		topic := Topics()[i%len(Topics())]
		phrase := g.TopicPhrase(topic, lang)
		it = tagfeed.Item{Title: g.Title(lang, phrase), Summary: g.Paragraph(lang, 2)}
		if tags := engine.Tag(&it); len(tags) != 1 || tags[0].Tag != topic {
			t.Errorf("%q in the headline %q: tags %v, want [%s]", phrase, it.Title, tagNames(tags), topic)
		}
	}
}

func tagNames(tags []tagfeed.ItemTag) []string {
	var names []string
	for _, t := range tags {
		names = append(names, t.Tag)
	}
	return names
}
