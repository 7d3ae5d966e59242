package tag

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/tagfeed/tagfeed"
)

// TestCompileErrors checks that every bad rule is reported, each as a
// *tagfeed.ConfigError naming the tag and the term.
func TestCompileErrors(t *testing.T) {
	_, err := New(map[string]tagfeed.TagRule{
		"ai": {
			Keywords:      tagfeed.Terms("trí tuệ nhân tạo", "", "chip *", "  "),
			CaseSensitive: []string{"a*b"},
			Exclude:       tagfeed.Terms("---"),
			Regex:         []string{"(", "", `\d+nm`},
			Fields:        []tagfeed.Field{tagfeed.FieldTitle, "body"},
			Context:       tagfeed.Terms("AMD", ""),
			OtherSenses:   tagfeed.Terms("Ai Cập", "*"),
			Threshold:     -1,
			Examples:      tagfeed.Examples{Tagged: []string{"AI", " "}},
		},
		"empty": {Title: "Nothing to match", Exclude: tagfeed.Terms("x")},
		"fold":  {Keywords: tagfeed.Terms("\u0301"), FoldDiacritics: true},
		"good":  {Keywords: tagfeed.Terms("chip")},
	})
	if err == nil {
		t.Fatal("New accepted bad rules")
	}
	want := map[string]string{
		"tags.ai.keywords[1]":        "empty term",
		"tags.ai.keywords[2]":        "* must follow a letter or digit",
		"tags.ai.keywords[3]":        "empty term",
		"tags.ai.case_sensitive[0]":  "* may only end a term",
		"tags.ai.exclude[0]":         "no letter or digit",
		"tags.ai.regex[0]":           "bad regex",
		"tags.ai.regex[1]":           "empty regex",
		"tags.ai.fields[1]":          `unknown field "body"`,
		"tags.ai.threshold":          "must not be negative",
		"tags.ai.context[1]":         "empty term",
		"tags.ai.other_senses[1]":    "no letter or digit",
		"tags.ai.examples.tagged[1]": "empty example",
		"tags.empty":                 "has no keywords, case_sensitive, weak terms or regex",
		"tags.fold.keywords[0]":      "no letter or digit once normalized",
	}
	var got []string
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var ce *tagfeed.ConfigError
		if !errors.As(e, &ce) {
			t.Errorf("%v (%T) is not a *tagfeed.ConfigError", e, e)
			continue
		}
		got = append(got, ce.Key)
		if msg, ok := want[ce.Key]; !ok {
			t.Errorf("unexpected error for %s: %v", ce.Key, ce)
		} else if !strings.Contains(ce.Msg, msg) {
			t.Errorf("%s: message %q, want it to say %q", ce.Key, ce.Msg, msg)
		}
	}
	for key := range want {
		if !slices.Contains(got, key) {
			t.Errorf("no error for %s; got errors for %v", key, got)
		}
	}
}

// TestCompileErrorLocated checks that an error New finds in a rule that
// passed the config's own checks is placed in the file by Config.Locate.
func TestCompileErrorLocated(t *testing.T) {
	yaml := "tags:\n  semi:\n    title: Chips\n    keywords:\n      - bán dẫn\n      - chip *\n"
	cfg, err := tagfeed.ParseConfig("rules.yaml", []byte(yaml))
	if err != nil {
		t.Fatalf("ParseConfig: %v", err)
	}
	_, err = New(cfg.Tags)
	if err == nil {
		t.Fatal(`New accepted "chip *"`)
	}
	want := `rules.yaml:6: tags.semi.keywords[1]: term "chip *": * must follow a letter or digit`
	if got := cfg.Locate(err).Error(); got != want {
		t.Errorf("error %q, want %q", got, want)
	}
}

// TestRulesHash checks what the hash depends on.
func TestRulesHash(t *testing.T) {
	base := func() map[string]tagfeed.TagRule {
		return map[string]tagfeed.TagRule{
			"ai":   {Title: "AI", Keywords: tagfeed.Terms("trí tuệ nhân tạo"), CaseSensitive: []string{"AI"}},
			"semi": {Title: "Chips", Keywords: tagfeed.Terms("chip", "bán dẫn")},
		}
	}
	hash := func(rules map[string]tagfeed.TagRule) string {
		return mustNew(t, rules).RulesHash()
	}
	h := hash(base())
	if len(h) != 64 || h != hash(base()) {
		t.Fatalf("hash %q is not a stable SHA-256 hex digest", h)
	}
	edit := func(tag string, change func(*tagfeed.TagRule)) map[string]tagfeed.TagRule {
		r := base()
		x := r[tag]
		change(&x)
		r[tag] = x
		return r
	}
	same := map[string]map[string]tagfeed.TagRule{
		"title":               edit("ai", func(x *tagfeed.TagRule) { x.Title = "Artificial intelligence" }),
		"description":         edit("ai", func(x *tagfeed.TagRule) { x.Description = "About AI" }),
		"threshold 0=default": edit("ai", func(x *tagfeed.TagRule) { x.Threshold = tagfeed.DefaultThreshold }),
		"examples":            edit("ai", func(x *tagfeed.TagRule) { x.Examples.Tagged = []string{"AI"} }),
	}
	for name, rules := range same {
		if hash(rules) != h {
			t.Errorf("%s: hash changed", name)
		}
	}
	renamed := base()
	renamed["chips"] = renamed["semi"]
	delete(renamed, "semi")
	differ := map[string]map[string]tagfeed.TagRule{
		"keyword edited": edit("semi", func(x *tagfeed.TagRule) { x.Keywords = tagfeed.Terms("chips", "bán dẫn") }),
		"keyword moved":  edit("semi", func(x *tagfeed.TagRule) { x.Keywords = tagfeed.Terms("bán dẫn", "chip") }),
		"term to case":   edit("semi", func(x *tagfeed.TagRule) { x.Keywords, x.CaseSensitive = x.Keywords[1:], []string{"chip"} }),
		"case flag": edit("semi", func(x *tagfeed.TagRule) {
			x.Keywords = []tagfeed.Term{{Text: "chip", CaseSensitive: true}, {Text: "bán dẫn"}}
		}),
		"keyword to weak": edit("semi", func(x *tagfeed.TagRule) { x.Keywords, x.Weak = x.Keywords[1:], x.Keywords[:1] }),
		"context added":   edit("semi", func(x *tagfeed.TagRule) { x.Context = tagfeed.Terms("Intel") }),
		"against added":   edit("semi", func(x *tagfeed.TagRule) { x.Against = tagfeed.Terms("smartphone") }),
		"sense added":     edit("semi", func(x *tagfeed.TagRule) { x.OtherSenses = tagfeed.Terms("blue chip") }),
		"exclude added":   edit("semi", func(x *tagfeed.TagRule) { x.Exclude = tagfeed.Terms("blue chip") }),
		"fields":          edit("ai", func(x *tagfeed.TagRule) { x.Fields = []tagfeed.Field{"title"} }),
		"threshold":       edit("ai", func(x *tagfeed.TagRule) { x.Threshold = 2 }),
		"fold_diacritics": edit("ai", func(x *tagfeed.TagRule) { x.FoldDiacritics = true }),
		"regex":           edit("ai", func(x *tagfeed.TagRule) { x.Regex = []string{"GPT-[0-9]"} }),
		"tag renamed":     renamed,
		"tag added":       edit("nic", func(x *tagfeed.TagRule) { x.CaseSensitive = []string{"NIC"} }),
	}
	for name, rules := range differ {
		if hash(rules) == h {
			t.Errorf("%s: hash did not change", name)
		}
	}
}

// TestRulesHashVersion checks that the engine's version is part of the
// hash, so a change of matching semantics retags too.
func TestRulesHashVersion(t *testing.T) {
	rules := map[string]tagfeed.TagRule{"semi": {Keywords: tagfeed.Terms("chip")}}
	names := []string{"semi"}
	if got := mustNew(t, rules).RulesHash(); got != rulesHash(Version, names, rules) {
		t.Fatalf("RulesHash %s is not rulesHash of Version", got)
	}
	if rulesHash(Version, names, rules) == rulesHash(Version+"+1", names, rules) {
		t.Error("the hash does not depend on the version")
	}
}
