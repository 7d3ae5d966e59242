package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/png"
	"iter"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	tagfeed "github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/feeds"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// browserShots is where TestPagesInChromium writes its screenshots for a
// person to look at. They are taken and checked either way.
var browserShots = flag.String("browser.shots", "", "write TestPagesInChromium's screenshots to `DIR`")

// browserStrict makes the known defects fail the test too.
var browserStrict = flag.Bool("browser.strict", false, "fail TestPagesInChromium on its known defects of the pages too")

// knownDefects are defects of the pages that TestPagesInChromium finds and
// that are not fixed yet. While one shows, the test logs it as KNOWN
// DEFECT instead of failing (unless -browser.strict); once it no longer
// shows, the test fails until its entry is deleted here, so the list
// cannot outlive the defects. Every other problem fails the test.
var knownDefects = []struct {
	pattern string // matches the failure's message
	defect  string // what a person sees, and the fix
}{}

// browserTimeout bounds the whole browser session: a hung page or browser
// fails the test instead of hanging it.
const browserTimeout = 50 * time.Second

// screen is what the pages are read on: its window's size.
type screen struct {
	name          string
	width, height int64
	mobile        bool    // a phone: the page's <meta name="viewport"> decides its layout width
	scale         float64 // device pixels per CSS pixel
}

var (
	phoneScreen   = screen{name: "phone", width: 390, height: 844, mobile: true, scale: 2}
	desktopScreen = screen{name: "desktop", width: 1280, height: 900, scale: 1}
)

// failingFeedURL is a feed that cannot be reached (nothing listens on
// port 1), with the kind of long unbroken URL a phone must wrap: the
// sources table shows it twice, as the source's name and in its error.
const failingFeedURL = "http://127.0.0.1:1/rss/chuyen-muc/kinh-doanh-va-cong-nghe-ban-dan-viet-nam-hoa-ky-nam-2025" +
	"/tin-moi-nhat-trong-ngay.rss?utm_source=tagfeed&utm_medium=rss&utm_campaign=subscribe&session=0123456789abcdef0123456789abcdef"

// energyItems is how many items the generated live feed has: more than a
// topic page shows, so that the energy topic has a second page.
const energyItems = 55

// TestPagesInChromium renders the pages in headless Chromium, at a phone's
// width and at a desktop's, and checks what a person sees: the index, a
// topic page and its next page, a seed's page and a live item's, and a
// search typed into the search box with and without diacritics. Every page
// must fit the window's width, keep its text large enough and in contrast,
// load its stylesheet, log no error, and break no rule of its
// Content-Security-Policy.
//
// It needs Debian's chromium (apt-get install chromium; .ci/run installs it
// when it runs as root) and skips where there is none. go test -run
// TestPagesInChromium -browser.shots DIR keeps the screenshots.
func TestPagesInChromium(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser: not in -short mode")
	}
	chrome := findChromium(t)

	live := newEnergyFeed(t, energyItems)
	cfg := testConfig(t, live.URL+"/energy.rss", failingFeedURL)
	cfg.Stories.Fold = false // what each page lists, item by item; feeds/stories_test.go covers stories
	m := startMain(t, cfg)
	waitForFeeds(t, m)
	want := loadExpectations(t, m)

	b := startBrowser(t, chrome)

	t.Run("checks", func(t *testing.T) { testBrowserChecks(t, b, m) })
	screens := []screen{phoneScreen, desktopScreen}
	pages := []struct {
		name string
		test func(*testing.T, *browserTab, *Main, *expectations)
	}{{"index", testIndexPage}, {"topic", testTopicPages}, {"item", testItemPages}, {"search", testSearchPages}}
	checked := 0
	for _, vp := range screens {
		t.Run(vp.name, func(t *testing.T) {
			b.emulate(t, vp)
			for _, p := range pages {
				t.Run(p.name, func(t *testing.T) {
					p.test(t, b, m, want)
					checked++
				})
			}
		})
	}
	if checked == len(screens)*len(pages) { // not when -run left some out
		b.checkKnownDefects(t)
	}
}

// findChromium returns the path of the chromium binary, or skips the test.
func findChromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	t.Skip("no chromium on PATH, so the pages are not checked in a browser: install Debian's with " +
		"`apt-get install chromium` (.ci/run does when it runs as root)")
	return ""
}

// expectations is what the pages should show, worked out from the store
// and the config rather than from the pages.
type expectations struct {
	items   []tagfeed.Item // every item, newest first
	byTopic map[string][]tagfeed.Item
	topics  []feeds.Topic
	seed003 tagfeed.Item // the word-segmented seed, cleaned
	live    tagfeed.Item // an item of the live feed
}

func loadExpectations(t *testing.T, m *Main) *expectations {
	t.Helper()
	items, err := m.app.store.Items(context.Background(), tagfeed.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 5+energyItems {
		t.Fatalf("stored %d items, want the 5 seeds and %d live ones", len(items), energyItems)
	}
	e := &expectations{items: items, byTopic: map[string][]tagfeed.Item{}, topics: feeds.Topics(m.app.cfg)}
	for _, tp := range e.topics {
		for _, it := range items {
			if tp.Name == feeds.AllTopic || it.HasTag(tp.Name) {
				e.byTopic[tp.Name] = append(e.byTopic[tp.Name], it)
			}
		}
	}
	for _, it := range items {
		switch {
		case it.Key == "003_32ddaf3905087ba4.txt":
			e.seed003 = it
		case it.Link != "" && e.live.ID == 0:
			e.live = it
		}
	}
	if e.seed003.ID == 0 || e.live.ID == 0 {
		t.Fatal("seed 003 or the live items are not stored")
	}
	// The seed's page explains its tags: its terms and thresholds.
	explained, err := m.app.store.Items(context.Background(), tagfeed.Selection{ID: e.seed003.ID, Explained: true, Limit: 1})
	if err != nil || len(explained) != 1 {
		t.Fatalf("seed 003 with its explanations: %v, %d items", err, len(explained))
	}
	e.seed003 = explained[0]
	if n := len(e.byTopic["energy"]); n <= 50 {
		t.Fatalf("energy has %d items; the test needs more than a page (50)", n)
	}
	return e
}

// newEnergyFeed serves an RSS feed of n items about electricity prices, one
// every 11 hours back from now, so that they fill the index's 30-day chart.
func newEnergyFeed(t *testing.T, n int) *httptest.Server {
	t.Helper()
	now := time.Now().UTC()
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/energy.rss" {
			http.NotFound(w, r)
			return
		}
		var body strings.Builder
		body.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n" +
			`<rss version="2.0"><channel><title>Tin điện lực</title><link>` + srv.URL + `/</link><description>Giá điện</description>`)
		for i := 1; i <= n; i++ {
			fmt.Fprintf(&body, `<item><title>Giá điện kỳ %02d: ngành điện điều chỉnh biểu giá bán lẻ</title>`+
				`<link>%s/tin/%d</link><guid>%s/tin/%d</guid><pubDate>%s</pubDate>`+
				`<description>Tập đoàn Điện lực công bố giá điện kỳ %d cho hộ gia đình.</description></item>`,
				i, srv.URL, i, srv.URL, i, now.Add(-time.Duration(i)*11*time.Hour).Format(time.RFC1123Z), i)
		}
		body.WriteString(`</channel></rss>`)
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		w.Write([]byte(body.String()))
	}))
	t.Cleanup(srv.Close)
	return srv
}

// browserTab is one headless Chromium with one tab.
type browserTab struct {
	ctx   context.Context // the tab's
	vp    screen
	log   *lockedBuffer // the browser's own output
	known []int         // how often each of knownDefects showed
}

// errorf reports a problem of a page: a failure, or a known defect.
func (b *browserTab) errorf(t *testing.T, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	for i, k := range knownDefects {
		if regexp.MustCompile(k.pattern).MatchString(msg) {
			b.known[i]++
			if !*browserStrict {
				t.Logf("KNOWN DEFECT: %s\n    (%s)", msg, k.defect)
				return
			}
		}
	}
	t.Error(msg)
}

// checkKnownDefects fails the test for each known defect that no longer
// shows, once every page has been checked.
func (b *browserTab) checkKnownDefects(t *testing.T) {
	t.Helper()
	if t.Failed() || t.Skipped() {
		return
	}
	for i, k := range knownDefects {
		if b.known[i] == 0 {
			t.Errorf("the known defect /%s/ no longer shows: if it is fixed, delete it from knownDefects (%s)", k.pattern, k.defect)
		}
	}
}

// startBrowser starts chrome headless with a fresh profile in a temporary
// folder (chromedp makes it and removes it) and opens a tab. The sandbox
// is off only for root, where Chromium refuses to start with it.
func startBrowser(t *testing.T, chrome string) *browserTab {
	t.Helper()
	out := &lockedBuffer{}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chrome),
		chromedp.Flag("no-sandbox", os.Geteuid() == 0),
		chromedp.Flag("lang", "en-US"),
		chromedp.CombinedOutput(out),
	)
	ctx, cancel := context.WithTimeout(context.Background(), browserTimeout)
	if d, ok := t.Deadline(); ok && time.Until(d) < browserTimeout+5*time.Second {
		cancel()
		ctx, cancel = context.WithDeadline(context.Background(), d.Add(-5*time.Second))
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	tabCtx, cancelTab := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc()
		cancel()
	})
	b := &browserTab{ctx: tabCtx, log: out, known: make([]int, len(knownDefects))}
	// The first action starts the browser. The script records the
	// violations of the Content-Security-Policy in each document: scripts
	// that the browser itself injects run whatever the policy says.
	_, err := chromedp.Call(tabCtx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
		Source: `window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
  e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline') + (e.lineNumber ? ' at line ' + e.lineNumber : '')));`,
	})
	if err != nil {
		t.Fatalf("chromium (%s) did not start: %v\n%s", chrome, err, b.output())
	}
	return b
}

// output is what the browser printed, less its complaints about the
// missing D-Bus, which every headless run here has.
func (b *browserTab) output() string {
	b.log.mu.Lock()
	defer b.log.mu.Unlock()
	var out strings.Builder
	for line := range strings.Lines(b.log.buf.String()) {
		if !strings.Contains(line, "dbus") {
			out.WriteString(line)
		}
	}
	return out.String()
}

func (b *browserTab) fail(t *testing.T, format string, args ...any) {
	t.Helper()
	if errors.Is(b.ctx.Err(), context.DeadlineExceeded) {
		format += " (the browser's %v ran out)"
		args = append(args, browserTimeout)
	}
	t.Fatalf(format, args...)
}

// emulate makes the tab's window the screen's size.
func (b *browserTab) emulate(t *testing.T, vp screen) {
	t.Helper()
	opts := []chromedp.EmulateViewportOption{chromedp.EmulateScale(vp.scale)}
	if vp.mobile {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait)
	}
	if err := chromedp.Do(b.ctx, chromedp.EmulateViewport(vp.width, vp.height, opts...)); err != nil {
		b.fail(t, "emulating a %s: %v", vp.name, err)
	}
	b.vp = vp
}

// shown is a page as it was loaded, with what went wrong while it loaded.
type shown struct {
	b       *browserTab
	url     string
	console iter.Seq2[chromedp.ConsoleMessage, error] // what the page logs
}

// open loads a page and checks that it answered 200 with HTML.
func (b *browserTab) open(t *testing.T, u string) *shown {
	t.Helper()
	s := &shown{b: b, url: u, console: chromedp.Console(b.ctx)}
	resp, err := chromedp.Run(b.ctx, chromedp.NavigateResponse(u))
	if err != nil {
		b.fail(t, "loading %s: %v", u, err)
	}
	s.checkResponse(t, resp.Status, resp.MimeType)
	return s
}

// follow clicks the link or button sel finds, as a person would, and waits
// for the page it leads to.
func (s *shown) follow(t *testing.T, sel string, before ...chromedp.Action[chromedp.Void]) *shown {
	t.Helper()
	next := &shown{b: s.b, console: chromedp.Console(s.b.ctx)}
	resp, err := chromedp.RunResponse(s.b.ctx, append(before, chromedp.Click(chromedp.CSS(sel)))...)
	if err != nil {
		s.b.fail(t, "%s: clicking %s: %v", s.url, sel, err)
	}
	next.url = resp.URL
	next.checkResponse(t, resp.Status, resp.MimeType)
	return next
}

func (s *shown) checkResponse(t *testing.T, status int64, mime string) {
	t.Helper()
	if status != http.StatusOK || mime != "text/html" {
		t.Fatalf("%s answered %d %s, want 200 text/html", s.url, status, mime)
	}
}

// evalJS evaluates a JavaScript expression in the page and decodes its
// result into a T.
func evalJS[T any](t *testing.T, s *shown, expr string) T {
	t.Helper()
	v, err := chromedp.Run(s.b.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		s.b.fail(t, "%s: evaluating %.80q: %v", s.url, expr, err)
	}
	return v
}

// text is what a person reads on the page: the body's rendered text.
func (s *shown) text(t *testing.T) string {
	t.Helper()
	return evalJS[string](t, s, `document.body.innerText`)
}

// elem is an element as the page shows it.
type elem struct {
	Tag    string  `json:"tag"`
	Text   string  `json:"text"` // its rendered text, whitespace collapsed
	Href   string  `json:"href"` // the attribute as written
	Class  string  `json:"class"`
	X      float64 `json:"x"` // its box, in CSS pixels from the page's top left
	Y      float64 `json:"y"`
	W      float64 `json:"w"`
	H      float64 `json:"h"`
	Shown  bool    `json:"shown"`  // it has a box, and is not hidden or transparent
	InView bool    `json:"inView"` // its box is inside the window's width
}

// queryJS returns every element a selector finds, as elems.
const queryJS = `(sel) => Array.from(document.querySelectorAll(sel), e => {
  const r = e.getBoundingClientRect(), s = getComputedStyle(e);
  let shown = r.width > 0 && r.height > 0 && s.visibility === 'visible' && +s.opacity > 0;
  for (let a = e.parentElement; shown && a; a = a.parentElement) shown = +getComputedStyle(a).opacity > 0;
  return {tag: e.tagName.toLowerCase(), text: (e.innerText ?? e.textContent).replace(/\s+/g, ' ').trim(),
    href: e.getAttribute('href') || '', class: e.getAttribute('class') || '',
    x: r.left + scrollX, y: r.top + scrollY, w: r.width, h: r.height,
    shown, inView: r.left >= -0.5 && r.right <= innerWidth + 0.5};
})`

// all returns the elements sel finds.
func (s *shown) all(t *testing.T, sel string) []elem {
	t.Helper()
	arg, _ := json.Marshal(sel)
	return evalJS[[]elem](t, s, "("+queryJS+")("+string(arg)+")")
}

// one returns the one element sel finds, failing the test if there is not
// exactly one.
func (s *shown) one(t *testing.T, sel string) elem {
	t.Helper()
	es := s.all(t, sel)
	if len(es) != 1 {
		t.Fatalf("%s: %d elements match %s, want 1", s.url, len(es), sel)
	}
	return es[0]
}

// seen checks that a person can see e without scrolling sideways.
func (s *shown) seen(t *testing.T, what string, e elem) {
	t.Helper()
	switch {
	case !e.Shown:
		s.b.errorf(t, "%s: %s (%q) is not shown", s.url, what, e.Text)
	case !e.InView:
		s.b.errorf(t, "%s: %s (%q) is outside the %d px window, from x=%.0f to %.0f", s.url, what, e.Text, s.b.vp.width, e.X, e.X+e.W)
	}
}

// problemsJS lists what keeps a person from reading the page, whatever
// page it is: content wider than the window, content hidden in a box that
// scrolls sideways, text smaller than 12 px or in too little contrast, a
// stylesheet or a resource that did not load, and what the page's
// Content-Security-Policy blocked.
const problemsJS = `((stylesheet, layoutWidth) => {
  const problems = [], vw = innerWidth;
  const desc = e => {
    let d = e.tagName.toLowerCase();
    if (e.id) d += '#' + e.id;
    const c = e.getAttribute('class');
    if (c) d += '.' + c.trim().split(/\s+/).join('.');
    const text = (e.innerText ?? e.textContent ?? '').replace(/\s+/g, ' ').trim();
    return text ? d + ' "' + (text.length > 50 ? text.slice(0, 49) + '…' : text) + '"' : d;
  };
  if (layoutWidth && vw !== layoutWidth)
    problems.push('the page is laid out ' + vw + ' px wide on a ' + layoutWidth + ' px phone: its <meta name="viewport"> is missing or wrong');
  const root = document.documentElement;
  if (root.scrollWidth > vw) {
    const reach = e => Math.max(e.getBoundingClientRect().right, e.getBoundingClientRect().left + e.scrollWidth);
    const wide = [...document.body.querySelectorAll('*')].filter(e => reach(e) > vw + 0.5);
    const inner = wide.filter(e => ![...e.children].some(c => wide.includes(c)));
    problems.push('the page is ' + root.scrollWidth + ' px wide in a ' + vw + ' px window, so a person scrolls sideways; too wide: ' +
      inner.slice(0, 4).map(e => desc(e) + ' reaching x=' + Math.round(reach(e))).join('; '));
  }
  const controls = new Set(['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON']);
  const parse = c => { const m = c.match(/^rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)(?:,? \/? ?([\d.]+))?\)$/); return m && [+m[1], +m[2], +m[3], m[4] === undefined ? 1 : +m[4]]; };
  const lum = ([r, g, b]) => { const f = v => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat(1);
  const background = e => {
    const layers = [];
    for (let a = e; a; a = a.parentElement) {
      const c = parse(getComputedStyle(a).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    return layers.reduceRight((under, c) => over(c, under), [255, 255, 255, 1]);
  };
  for (const e of document.body.querySelectorAll('*')) {
    const s = getComputedStyle(e);
    if (!controls.has(e.tagName) && ['auto', 'scroll', 'hidden', 'clip'].includes(s.overflowX) && e.scrollWidth > e.clientWidth + 1)
      problems.push(desc(e) + ' hides ' + (e.scrollWidth - e.clientWidth) + ' px of its ' + e.scrollWidth + ' px wide content sideways (overflow-x: ' + s.overflowX + ')');
    const ownText = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!ownText || e.closest('svg') || e.getClientRects().length === 0 || s.visibility !== 'visible') continue;
    const size = parseFloat(s.fontSize);
    if (size < 12) problems.push(desc(e) + ' has ' + size.toFixed(1) + ' px text, smaller than 12 px');
    const fg = parse(s.color);
    if (!fg) continue;
    const bg = background(e), l1 = lum(over(fg, bg)), l2 = lum(bg);
    const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    const large = size >= 24 || (size >= 18.66 && +s.fontWeight >= 700);
    if (ratio < (large ? 3 : 4.5))
      problems.push(desc(e) + ' has text in ' + s.color + ' on ' + 'rgb(' + bg.slice(0, 3).map(Math.round).join(', ') + ')' +
        ': contrast ' + ratio.toFixed(2) + ':1, below ' + (large ? 3 : 4.5) + ':1');
  }
  for (const table of document.querySelectorAll('table')) {
    // A table laid out otherwise than as a grid (cards on a phone) or
    // without its header row shown has no headers to stand over columns.
    if (!table.tHead || getComputedStyle(table).display !== 'table' || table.getClientRects().length === 0) continue;
    const visible = c => c.getClientRects().length > 0;
    const heads = [...table.tHead.rows[0].cells].filter(visible);
    if (heads.length === 0) continue;
    const label = table.previousElementSibling ? ' after ' + desc(table.previousElementSibling) : '';
    for (const row of [...table.tBodies].flatMap(b => [...b.rows])) {
      const cells = [...row.cells].filter(visible);
      if (cells.length === 1 && cells[0].colSpan > 1) continue;
      const off = cells.findIndex((c, i) => !heads[i] || Math.abs(heads[i].getBoundingClientRect().left - c.getBoundingClientRect().left) > 1);
      if (cells.length !== heads.length || off >= 0) {
        problems.push('the table' + label + ' shows ' + heads.length + ' headers (' + heads.map(h => h.innerText.trim()).join(', ') + ') over ' +
          cells.length + ' columns (' + cells.map(c => c.innerText.trim()).join(' | ') + '): the headers stand over the wrong columns');
        break;
      }
    }
  }
  const sheets = [...document.styleSheets].filter(sh => sh.href && new URL(sh.href).pathname === stylesheet);
  let rules = 0;
  for (const sh of sheets) { try { rules += sh.cssRules.length; } catch (err) {} }
  if (rules === 0) problems.push('the stylesheet ' + stylesheet + ' did not load or has no rules: the page is unstyled');
  for (const r of performance.getEntriesByType('resource'))
    if (r.responseStatus >= 400) problems.push(r.name + ' answered ' + r.responseStatus);
  for (const v of window.__cspViolations || []) problems.push('the Content-Security-Policy ' + v);
  return problems;
})`

// problems returns what keeps a person from reading the page: the
// findings of problemsJS, then every error the browser logged while it
// loaded (a resource that failed, a blocked style or script). It ends the
// page's console subscription.
func (s *shown) problems(t *testing.T) []string {
	t.Helper()
	layoutWidth := int64(0)
	if s.b.vp.mobile {
		layoutWidth = s.b.vp.width
	}
	found := evalJS[[]string](t, s, fmt.Sprintf("%s(%q, %d)", problemsJS, "/static/style.css", layoutWidth))
	// The console keeps the order of the messages: everything the page
	// logged comes before this mark.
	const mark = "tagfeed: end of the page's messages"
	if err := chromedp.Do(s.b.ctx, chromedp.Evaluate[chromedp.Void](`console.debug(`+strconv.Quote(mark)+`)`)); err != nil {
		s.b.fail(t, "%s: %v", s.url, err)
	}
	for msg, err := range s.console {
		if err != nil {
			s.b.fail(t, "%s: reading the console: %v", s.url, err)
		}
		if msg.Text == mark {
			break
		}
		switch {
		case strings.HasSuffix(msg.URL, "/favicon.ico"):
			// Whether the browser asks for the icon before the page's
			// messages end is a race: testIndexPage checks the icon itself.
		case msg.Type == chromedp.ConsoleError || msg.IsException():
			found = append(found, "the console has an error: "+msg.Text+consoleSource(msg))
		case strings.Contains(msg.Text, "Content Security Policy"):
			found = append(found, "the console has a warning: "+msg.Text+consoleSource(msg))
		case msg.Type == chromedp.ConsoleWarning:
			t.Logf("%s: the console has a warning: %s%s", s.url, msg.Text, consoleSource(msg))
		}
	}
	return found
}

func consoleSource(m chromedp.ConsoleMessage) string {
	if m.URL == "" {
		return ""
	}
	return " (" + m.URL + ")"
}

// readable fails the test with every problem that keeps a person from
// reading the page.
func (s *shown) readable(t *testing.T) {
	t.Helper()
	for _, p := range s.problems(t) {
		s.b.errorf(t, "%s at %d px: %s", s.url, s.b.vp.width, p)
	}
	if u, err := url.Parse(s.url); err == nil && *browserShots != "" && u.Path != "/" {
		name := strings.ReplaceAll(strings.Trim(u.Path, "/"), "/", "-")
		if u.RawQuery != "" {
			name += "-" + regexp.MustCompile(`[^a-z0-9]+`).ReplaceAllString(u.RawQuery, "_")
		}
		s.screenshot(t, name+"-"+s.b.vp.name+".png")
	}
}

// screenshot takes a picture of the page's first screen, checks that it
// shows something, and keeps it in a temporary folder; with -browser.shots
// it takes the whole page and keeps it there.
func (s *shown) screenshot(t *testing.T, name string) {
	t.Helper()
	data, err := chromedp.Run(s.b.ctx, func(ctx context.Context, tg *chromedp.Target) ([]byte, error) {
		m, err := cdp.Call(ctx, tg, page.GetLayoutMetrics, cdp.Empty{})
		if err != nil {
			return nil, err
		}
		// The first screen, or the whole page for a person to look at.
		clip := &page.Viewport{Width: m.CSSContentSize.Width, Height: min(m.CSSContentSize.Height, float64(s.b.vp.height)), Scale: 1}
		if *browserShots != "" {
			clip.Height = m.CSSContentSize.Height
		}
		r, err := cdp.Call(ctx, tg, page.CaptureScreenshot, page.CaptureScreenshotParams{
			Format: page.CaptureScreenshotFormatPng, Clip: clip, CaptureBeyondViewport: new(true), FromSurface: new(true)})
		return r.Data, err
	})
	if err != nil {
		s.b.fail(t, "%s: screenshot: %v", s.url, err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: the screenshot is not a PNG: %v", s.url, err)
	}
	if w := img.Bounds().Dx(); float64(w) != float64(s.b.vp.width)*s.b.vp.scale {
		s.b.errorf(t, "%s: the screenshot is %d px wide, want the window's %d CSS px at %v× (the page is wider than the window)",
			s.url, w, s.b.vp.width, s.b.vp.scale)
	}
	if n := countColours(img); n < 16 {
		s.b.errorf(t, "%s: the screenshot has %d colours: the page looks blank", s.url, n)
	}
	path := filepath.Join(t.TempDir(), name)
	if *browserShots != "" {
		if err := os.MkdirAll(*browserShots, 0o755); err != nil {
			t.Fatal(err)
		}
		path = filepath.Join(*browserShots, name)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: screenshot %s (%dx%d)", s.url, path, img.Bounds().Dx(), img.Bounds().Dy())
}

// countColours counts the distinct colours of an image, up to 1000.
func countColours(img image.Image) int {
	seen := map[[4]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y && len(seen) < 1000; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			r, g, bl, a := img.At(x, y).RGBA()
			seen[[4]uint32{r, g, bl, a}] = true
		}
	}
	return len(seen)
}

// testBrowserChecks shows that the checks every page passes can fail: a
// page that breaks each of them is caught by each. It is served with the
// pages' own Content-Security-Policy.
func testBrowserChecks(t *testing.T, b *browserTab, m *Main) {
	b.emulate(t, phoneScreen)
	_, hdr, _ := get(t, m.URL()+"/")
	csp := hdr.Get("Content-Security-Policy")
	if !strings.Contains(csp, "style-src 'self'") {
		t.Fatalf("the pages' Content-Security-Policy is %q; the checks expect one that allows the site's own stylesheet", csp)
	}
	long := strings.Repeat("unbroken", 80)
	bad := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", csp)
		switch r.URL.Path {
		case "/":
			// tagfeed's stylesheet, from another origin, is blocked; the
			// page's own (own.css) is allowed and lays out the rest.
			fmt.Fprintf(w, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>bad</title>
<link rel="stylesheet" href="%s/static/style.css"><link rel="stylesheet" href="/own.css">
<style>p { color: red }</style>
</head><body><p>%s</p><p><font color="#cccccc">faint words</font></p>
<p><small><small><small>tiny words</small></small></small></p>
<div class="scroll"><p>%s</p></div>
<h3>misaligned</h3><table><thead><tr><th>A</th><th>B</th><th>C</th><th>D</th></tr></thead>
<tbody><tr><td>a</td><td>b</td><td>c</td><td>d</td></tr></tbody></table>
<p class="narrow">a column so narrow that each of its lines holds a few letters</p>
<a id="ok" href="/">seen</a> <a id="gone" href="/">hidden</a> <a id="far" href="/">too far right</a>
<img src="/missing.png" alt="gone"><script>console.log("ran")</script></body></html>`, m.URL(), long, long)
		case "/own.css":
			w.Header().Set("Content-Type", "text/css")
			fmt.Fprint(w, `.scroll { overflow-x: auto; width: 200px; } th:nth-child(3) { display: none; }
.narrow { width: 60px; } #gone { visibility: hidden; } #far { position: absolute; top: 0; right: -200px; }`)
		default:
			http.NotFound(w, r)
		}
	}))
	defer bad.Close()

	s := b.open(t, bad.URL+"/")
	found := s.problems(t)
	for _, check := range []struct{ what, pattern string }{
		{"content hidden in a box that scrolls sideways", `div\.scroll "unbroken.* hides \d+ px of its \d+ px wide content sideways`},
		{"headers over the wrong columns", `the table after h3 "misaligned" shows 3 headers \(A, B, D\) over 4 columns \(a \| b \| c \| d\)`},
		{"a phone layout without <meta name=viewport>", `laid out \d+ px wide on a 390 px phone`},
		{"a page wider than the window", `the page is \d+ px wide in a \d+ px window.*p "unbrokenunbroken`},
		{"text smaller than 12 px", `small "tiny words" has [\d.]+ px text`},
		{"text in too little contrast", `font "faint words" has text in rgb\(204, 204, 204\)`},
		{"a stylesheet that did not load", `stylesheet /static/style.css did not load`},
		{"a resource that failed", `missing\.png`},
		{"a stylesheet the CSP blocked", `Content-Security-Policy style-src(-elem)? blocked http://127\.0\.0\.1:\d+/static/style\.css`},
		{"an inline style the CSP blocked", `Content-Security-Policy style-src(-elem)? blocked inline`},
		{"an inline script the CSP blocked", `Content-Security-Policy script-src(-elem)? blocked inline`},
		{"the console's errors", `the console has an error: .*Content Security Policy`},
	} {
		re := regexp.MustCompile(check.pattern)
		if !slices.ContainsFunc(found, re.MatchString) {
			t.Errorf("the checks missed %s (/%s/) in a page that has it; they found:\n  %s", check.what, check.pattern, strings.Join(found, "\n  "))
		}
	}

	// On a phone the page, which lacks <meta name="viewport">, is laid out
	// as wide as its content; a desktop's window keeps its width.
	b.emulate(t, desktopScreen)
	s = b.open(t, bad.URL+"/")
	for _, c := range []struct {
		sel           string
		shown, inView bool
	}{{"#ok", true, true}, {"#gone", false, true}, {"#far", true, false}} {
		if e := s.one(t, c.sel); e.Shown != c.shown || e.InView != c.inView {
			t.Errorf("%s: shown %v and in view %v, want %v and %v", c.sel, e.Shown, e.InView, c.shown, c.inView)
		}
	}
	if r := s.room(t, "p.narrow"); r.Chars >= minLine || r.Lines < 4 {
		t.Errorf("a 60 px wide paragraph has room for %.1f characters a line and takes %d lines; want fewer than %d and 4 or more", r.Chars, r.Lines, minLine)
	}
	if t.Failed() {
		t.Logf("chromium's output:\n%s", b.output())
	}
}

// testIndexPage checks /: each topic's title, count, subscribe links,
// chart and latest items; the search box; the sources, failing first.
func testIndexPage(t *testing.T, b *browserTab, m *Main, want *expectations) {
	s := b.open(t, m.URL()+"/")
	s.readable(t)
	text := s.text(t)
	for _, tp := range want.topics {
		sec := "section#topic-" + tp.Name
		items := want.byTopic[tp.Name]
		if h := s.one(t, sec+" h2 a"); h.Text != tp.Title || h.Href != "/topics/"+tp.Name {
			b.errorf(t, "%s: heading %q → %q, want %q → /topics/%s", sec, h.Text, h.Href, tp.Title, tp.Name)
		} else {
			s.seen(t, sec+" heading", h)
		}
		count := s.one(t, sec+" .count")
		if want := countItems(len(items)); count.Text != want {
			b.errorf(t, "%s: count %q, want %q", sec, count.Text, want)
		}
		s.seen(t, sec+" count", count)
		s.checkSubscribe(t, sec+" .subscribe a", "/feeds/"+tp.Name)

		chart := s.one(t, sec+" svg.chart")
		s.seen(t, sec+" chart", chart)
		if chart.W < 100 || chart.H < 20 {
			b.errorf(t, "%s: the chart is %.0f×%.0f px, too small to read", sec, chart.W, chart.H)
		}
		// A day's bar is narrow; a baseline, if any, spans the chart.
		drawn := 0
		for _, bar := range s.all(t, sec+" svg.chart rect") {
			if bar.Shown && bar.H > 0 && bar.W < chart.W/2 {
				drawn++
			}
		}
		days, total := recentDays(items, 30)
		if drawn != days {
			b.errorf(t, "%s: the chart draws %d bars, want one for each of the %d days with items in the last 30", sec, drawn, days)
		}
		if tp.Name == "energy" && drawn < 20 {
			b.errorf(t, "%s: the chart draws %d days; the live feed has items on at least 20 of the last 30", sec, drawn)
		}
		title := evalJS[string](t, s, `document.querySelector(`+strconv.Quote(sec+" svg.chart > title")+`)?.textContent ?? ''`)
		if want := countItems(total) + " in the last 30 days"; title != want {
			b.errorf(t, "%s: the chart is titled %q, want %q", sec, title, want)
		}

		lis := s.all(t, sec+" ol.items > li a.title")
		var got, wantTitles []string
		for _, li := range lis {
			got = append(got, li.Text)
			s.seen(t, sec+" item title", li)
		}
		for _, it := range items[:min(len(items), feeds.LatestPerTopic)] {
			wantTitles = append(wantTitles, it.Title)
		}
		if !slices.Equal(got, wantTitles) {
			b.errorf(t, "%s: latest items\n  %q\nwant the %d newest\n  %q", sec, got, len(wantTitles), wantTitles)
		}
	}

	s.checkSearchBox(t)

	// A browser asks every site for an icon: /favicon.ico unless the page
	// names one. A 404 for it is an error in the console of each first visit.
	if icon := evalJS[string](t, s, `document.querySelector('link[rel~="icon"]')?.href ?? ''`); icon == "" {
		if status, _, _ := get(t, m.URL()+"/favicon.ico"); status != http.StatusOK && status != http.StatusNoContent {
			b.errorf(t, "/ names no icon and /favicon.ico answers %d: the browser logs a failed load of /favicon.ico on the first visit", status)
		}
	}

	// The sources: the failing feed first, its long URL and its error on
	// the screen, and the whole table in the window's width.
	if want := "3 sources, 1 failing, listed first."; !strings.Contains(text, want) {
		b.errorf(t, "the sources section does not say %q", want)
	}
	rows := s.all(t, "#sources tbody tr")
	if len(rows) != 3 {
		t.Fatalf("the sources table has %d rows, want 3 (the failing feed, the live feed, the seeds)", len(rows))
	}
	if rows[0].Class != "failing" || slices.ContainsFunc(rows[1:], func(r elem) bool { return r.Class == "failing" }) {
		b.errorf(t, "the sources table's rows have classes %q, %q, %q; want the failing feed first and only it", rows[0].Class, rows[1].Class, rows[2].Class)
	}
	// A feed without a title is named by its URL, whole or shortened.
	name := s.one(t, "#sources tbody tr.failing td.source a")
	if name.Href != failingFeedURL || !shortens(name.Text, failingFeedURL) {
		b.errorf(t, "the failing source is named %q → %q, want its URL %q (or a part of it) → the URL", name.Text, name.Href, failingFeedURL)
	}
	s.seen(t, "the failing source's name", name)
	errText := s.one(t, "#sources tbody tr.failing .error")
	if !strings.Contains(errText.Text, "connection refused") || !strings.Contains(errText.Text, failingFeedURL) {
		b.errorf(t, "the failing source's error reads %q, want the connection refused for %s", errText.Text, failingFeedURL)
	}
	s.seen(t, "the failing source's error", errText)
	// A column so narrow that a line holds a few characters is not
	// readable: the name and the error, unless they fit on one line, need
	// room for minLine of them.
	for _, c := range []struct{ what, sel string }{
		{"name", "#sources tbody tr.failing td.source"},
		{"error", "#sources tbody tr.failing .error"},
	} {
		if r := s.room(t, c.sel); r.Lines > 1 && r.Chars < minLine {
			b.errorf(t, "at %d px the failing source's %s in %s is %.0f px wide, room for %.0f characters a line, fewer than %d: "+
				"its %d characters take %d lines", b.vp.width, c.what, c.sel, r.Width, r.Chars, minLine, r.Length, r.Lines)
		}
	}
	for _, col := range s.all(t, "#sources tbody tr.failing td") {
		if col.Shown && !col.InView {
			b.errorf(t, "at %d px the failing source's %s cell (%q) is outside the window, from x=%.0f to %.0f", b.vp.width, col.Class, col.Text, col.X, col.X+col.W)
		}
	}
	s.screenshot(t, "index-"+b.vp.name+".png")
}

// shortens reports whether label is u, or parts of it in order, joined by
// ellipses.
func shortens(label, u string) bool {
	if strings.TrimSpace(label) == "" {
		return false
	}
	for part := range strings.SplitSeq(label, "…") {
		i := strings.Index(u, part)
		if i < 0 {
			return false
		}
		u = u[i+len(part):]
	}
	return true
}

// minLine is the fewest characters a line of text must hold to be read.
const minLine = 15

// room is how much text a line of an element holds.
type room struct {
	Width  float64 `json:"width"`  // of its content box, in CSS px
	Chars  float64 `json:"chars"`  // how many x's of its font fit in that
	Length int     `json:"length"` // the characters of its text
	Lines  int     `json:"lines"`  // how many lines its text takes
}

// room measures the first element sel finds.
func (s *shown) room(t *testing.T, sel string) room {
	t.Helper()
	arg, _ := json.Marshal(sel)
	return evalJS[room](t, s, `((sel) => {
  const e = document.querySelector(sel), st = getComputedStyle(e);
  const width = e.clientWidth - parseFloat(st.paddingLeft) - parseFloat(st.paddingRight);
  const length = e.innerText.trim().length;
  const range = document.createRange();
  range.selectNodeContents(e);
  const lines = new Set(Array.from(range.getClientRects(), r => Math.round(r.bottom))).size;
  const x = document.createElement('span');
  x.textContent = 'x'.repeat(20); x.style.whiteSpace = 'pre'; x.style.position = 'absolute';
  e.appendChild(x);
  const chars = width / (x.getBoundingClientRect().width / 20);
  x.remove();
  return {width, chars, length, lines};
})(`+string(arg)+`)`)
}

// checkSubscribe checks a topic's subscribe links: RSS, Atom and JSON
// Feed, each shown, each to its feed, which answers.
func (s *shown) checkSubscribe(t *testing.T, sel, base string) {
	t.Helper()
	links := s.all(t, sel)
	var got []string
	for _, a := range links {
		got = append(got, a.Text+" "+a.Href)
		s.seen(t, "subscribe link "+a.Text, a)
	}
	want := []string{"RSS " + base + ".rss", "Atom " + base + ".atom", "JSON Feed " + base + ".json"}
	if strings.HasPrefix(base, "/search") {
		q := base[strings.Index(base, "?"):]
		base = base[:strings.Index(base, "?")]
		want = []string{"RSS " + base + ".rss" + q, "Atom " + base + ".atom" + q, "JSON Feed " + base + ".json" + q}
	}
	if !slices.Equal(got, want) {
		s.b.errorf(t, "%s: %s are %q, want %q", s.url, sel, got, want)
		return
	}
	root, _ := url.Parse(s.url)
	for _, a := range links {
		u, _ := root.Parse(a.Href)
		status, hdr, _ := get(t, u.String())
		if ct := hdr.Get("Content-Type"); status != 200 || !strings.Contains(ct, "xml") && !strings.Contains(ct, "json") {
			s.b.errorf(t, "%s: the %s link %s answers %d %s", s.url, a.Text, a.Href, status, ct)
		}
	}
}

// checkSearchBox checks the search box at the top of every page.
func (s *shown) checkSearchBox(t *testing.T) {
	t.Helper()
	form := s.one(t, "header.site form.search")
	input := s.one(t, `header.site form.search input[type=search][name=q]`)
	button := s.one(t, `header.site form.search button[type=submit]`)
	s.seen(t, "the search form", form)
	s.seen(t, "the search box", input)
	s.seen(t, "the search button", button)
	if input.W < 150 {
		s.b.errorf(t, "%s: the search box is %.0f px wide, too narrow to type in", s.url, input.W)
	}
	if button.Text != "Search" {
		s.b.errorf(t, "%s: the search button says %q", s.url, button.Text)
	}
	if got := evalJS[string](t, s, `document.querySelector('header.site form.search').getAttribute('action') + ' ' + document.querySelector('header.site form.search').method`); got != "/search get" {
		s.b.errorf(t, "%s: the search form sends to %q, want /search get", s.url, got)
	}
}

// countItems says how many items there are: "1 item", "3 items".
func countItems(n int) string {
	if n == 1 {
		return "1 item"
	}
	return strconv.Itoa(n) + " items"
}

// recentDays counts the days among the last n, today (UTC) included, on
// which items were published, or first seen when their date is unknown,
// and those items.
func recentDays(items []tagfeed.Item, n int) (days, total int) {
	today := time.Now().UTC().Truncate(24 * time.Hour)
	seen := map[time.Time]bool{}
	for _, it := range items {
		when := it.Published
		if when.IsZero() {
			when = it.FirstSeen
		}
		day := when.UTC().Truncate(24 * time.Hour)
		if !day.After(today) && today.Sub(day) < time.Duration(n)*24*time.Hour {
			seen[day] = true
			total++
		}
	}
	return len(seen), total
}

// testTopicPages checks /topics/nic (the seeds, each with why it is in
// the topic) and /topics/energy, whose items fill more than a page.
func testTopicPages(t *testing.T, b *browserTab, m *Main, want *expectations) {
	nic := want.byTopic["nic"]
	s := b.open(t, m.URL()+"/topics/nic")
	s.readable(t)
	if h := s.one(t, "main h1"); h.Text != "National Innovation Center (NIC)" {
		b.errorf(t, "/topics/nic: heading %q", h.Text)
	}
	if text := s.text(t); !strings.Contains(text, fmt.Sprintf("%d items.", len(nic))) {
		b.errorf(t, "/topics/nic does not say it has %d items", len(nic))
	}
	s.checkSubscribe(t, "main .lede .subscribe a", "/feeds/nic")
	s.checkSearchBox(t)
	titles := s.all(t, "ol.items > li a.title")
	whys := s.all(t, "ol.items > li .why")
	if len(titles) != len(nic) || len(whys) != len(nic) {
		t.Fatalf("/topics/nic lists %d items with %d explanations, want %d with one each", len(titles), len(whys), len(nic))
	}
	whyRE := regexp.MustCompile(`^In ` + regexp.QuoteMeta(m.app.cfg.Tags["nic"].Title) + `: score ([\d.]+) of 1 — “[^”]+” \+[\d.]+`)
	for i, it := range nic {
		if titles[i].Text != it.Title {
			b.errorf(t, "/topics/nic item %d is %q, want %q", i+1, titles[i].Text, it.Title)
		}
		s.seen(t, "item title", titles[i])
		s.seen(t, "why", whys[i])
		mm := whyRE.FindStringSubmatch(whys[i].Text)
		if mm == nil {
			b.errorf(t, "/topics/nic: %q explains %q; want the score, the threshold and the terms that counted", it.Title, whys[i].Text)
			continue
		}
		if score := tagScore(it, "nic"); mm[1] != strconv.FormatFloat(score, 'f', -1, 64) {
			b.errorf(t, "/topics/nic: %q shows score %s, the store has %v", it.Title, mm[1], score)
		}
	}
	if more := s.all(t, "p.more a"); len(more) != 0 {
		b.errorf(t, "/topics/nic has %d items but links to a next page: %q", len(nic), more[0].Href)
	}

	// Energy has more items than a page holds: the first 50, newest first,
	// then a link to the rest, which a person follows.
	energy := want.byTopic["energy"]
	s = b.open(t, m.URL()+"/topics/energy")
	s.readable(t)
	var got []string
	for _, e := range s.all(t, "ol.items > li a.title") {
		got = append(got, e.Text)
	}
	more := s.all(t, "p.more a")
	if len(got) != 50 || len(more) != 1 || more[0].Text != "Older items" {
		t.Fatalf("/topics/energy shows %d items and %d links to more, want 50 and one “Older items” (it has %d)", len(got), len(more), len(energy))
	}
	s.seen(t, "Older items", more[0])
	s = s.follow(t, "p.more a")
	s.readable(t)
	for _, e := range s.all(t, "ol.items > li a.title") {
		got = append(got, e.Text)
	}
	var wantTitles []string
	for _, it := range energy {
		wantTitles = append(wantTitles, it.Title)
	}
	if !slices.Equal(got, wantTitles) {
		b.errorf(t, "/topics/energy and its next page list\n  %q\nwant every energy item, newest first\n  %q", got, wantTitles)
	}
	if more := s.all(t, "p.more a"); len(more) != 0 {
		b.errorf(t, "the last page of /topics/energy links to another: %q", more[0].Href)
	}
}

func tagScore(it tagfeed.Item, name string) float64 {
	for _, tg := range it.Tags {
		if tg.Tag == name {
			return tg.Score
		}
	}
	return -1
}

// testItemPages checks a seed's page (its whole cleaned text, its topics
// and why, no original to read) and a live item's (a link to the
// original).
func testItemPages(t *testing.T, b *browserTab, m *Main, want *expectations) {
	it := want.seed003
	path := fmt.Sprintf("/items/%d", it.ID)
	s := b.open(t, m.URL()+path)
	s.readable(t)
	s.checkSearchBox(t)
	h := s.one(t, "main h1")
	if h.Text != it.Title || strings.Contains(h.Text, "_") {
		b.errorf(t, "%s: heading %q, want the cleaned title %q", path, h.Text, it.Title)
	}
	s.seen(t, "the title", h)
	content := s.one(t, "article .content")
	s.seen(t, "the text", content)
	if want := collapseSpace(htmlText(t, it.Content)); content.Text != want {
		b.errorf(t, "%s shows the text\n  %q\nwant the stored text whole\n  %q", path, content.Text, want)
	}
	// Seed 003 is word-segmented (Việt_Nam đề_nghị …): the page shows it
	// put back together.
	for _, phrase := range []string{"Chủ tịch nước đề nghị Mỹ sớm tháo gỡ việc xếp hạng Việt Nam", "chip, chất bán dẫn"} {
		if !strings.Contains(content.Text, phrase) {
			b.errorf(t, "%s: the text lacks %q", path, phrase)
		}
	}
	if strings.Contains(content.Text, "_") {
		b.errorf(t, "%s: the text keeps the seed's word joiners (_)", path)
	}
	if text := s.text(t); strings.Contains(text, "Read the original") {
		b.errorf(t, "%s: a seed has no original, but the page offers to read it", path)
	}

	var tags []string
	for _, a := range s.all(t, "article p.tags a.tag") {
		tags = append(tags, a.Text+" "+a.Href)
		s.seen(t, "tag "+a.Text, a)
	}
	var wantTags, wantWhy []string
	for _, tg := range it.Tags {
		title := m.app.cfg.Tags[tg.Tag].Title
		wantTags = append(wantTags, title+" /topics/"+tg.Tag)
		wantWhy = append(wantWhy, fmt.Sprintf("%s: score %s of %s", title,
			strconv.FormatFloat(tg.Score, 'f', -1, 64), strconv.FormatFloat(tg.Threshold, 'f', -1, 64)))
	}
	if !slices.Equal(tags, wantTags) {
		b.errorf(t, "%s: tags %q, want %q", path, tags, wantTags)
	}
	var why []string
	for _, e := range s.all(t, "section.explain h3") {
		why = append(why, e.Text)
		s.seen(t, "explanation "+e.Text, e)
	}
	if !slices.Equal(why, wantWhy) {
		b.errorf(t, "%s explains\n  %q\nwant\n  %q", path, why, wantWhy)
	}
	tables := evalJS[[]int](t, s, `Array.from(document.querySelectorAll('section.explain table'), t => t.tBodies[0].rows.length)`)
	for i, tg := range it.Tags {
		if i >= len(tables) || tables[i] != len(tg.Terms) {
			b.errorf(t, "%s: the explanation of %s lists %v terms, want its %d", path, tg.Tag, tables, len(tg.Terms))
		}
	}

	// A live item links to its original.
	live := want.live
	s = b.open(t, m.URL()+fmt.Sprintf("/items/%d", live.ID))
	s.readable(t)
	orig := s.all(t, "article p.original a")
	if len(orig) != 1 || orig[0].Text != "Read the original" || orig[0].Href != live.Link {
		b.errorf(t, "/items/%d: links to the original %v, want one “Read the original” to %s", live.ID, orig, live.Link)
	} else {
		s.seen(t, "Read the original", orig[0])
	}
}

// htmlText returns the text of an HTML fragment as a page shows it,
// block by block.
func htmlText(t *testing.T, fragment string) string {
	t.Helper()
	nodes, err := html.ParseFragment(strings.NewReader(fragment), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			sb.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode {
			sb.WriteString(" ")
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return sb.String()
}

// collapseSpace collapses whitespace as elem.Text is.
func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// testSearchPages types a search into the box on /, as a person would,
// then searches without diacritics.
func testSearchPages(t *testing.T, b *browserTab, m *Main, want *expectations) {
	ctx := context.Background()
	home := b.open(t, m.URL()+"/")
	home.problems(t) // checked by the index test; ends its subscription
	s := home.follow(t, "header.site form.search button",
		chromedp.SendKeys(chromedp.CSS("header.site form.search input[name=q]"), "bán dẫn"))
	if u, _ := url.Parse(s.url); u.Path != "/search" || u.Query().Get("q") != "bán dẫn" {
		b.errorf(t, "searching from / went to %s, want /search?q=bán dẫn", s.url)
	}
	accented := checkResults(t, s, m, "bán dẫn", []string{"bán", "dẫn"}, asTyped)
	exact, err := m.app.store.Count(ctx, tagfeed.Selection{Search: "bán dẫn"})
	if err != nil {
		t.Fatal(err)
	}
	if len(accented) != exact || exact == 0 {
		b.errorf(t, "the search for bán dẫn shows %d items, the store finds %d", len(accented), exact)
	}

	s = b.open(t, m.URL()+"/search?q="+url.QueryEscape("ban dan"))
	bare := checkResults(t, s, m, "ban dan", []string{"ban", "dan"}, withoutDiacritics)
	for _, title := range accented {
		if !slices.Contains(bare, title) {
			b.errorf(t, "the search for ban dan does not find %q, which bán dẫn finds", title)
		}
	}
	if len(bare) < len(accented) {
		b.errorf(t, "ban dan finds %d items, fewer than bán dẫn's %d", len(bare), len(accented))
	}
}

// checkResults checks a search's page: its heading and count, its
// results each with the words it looked for marked, and the links to the
// search's feeds. It returns the results' titles.
// words are the words to mark, as fold gives them.
func checkResults(t *testing.T, s *shown, m *Main, query string, words []string, fold func(string) string) []string {
	t.Helper()
	s.readable(t)
	s.checkSearchBox(t)
	if h := s.one(t, "main h1"); h.Text != "Search: "+query {
		s.b.errorf(t, "%s: heading %q, want %q", s.url, h.Text, "Search: "+query)
	}
	if v := evalJS[string](t, s, `document.querySelector('header.site input[name=q]').value`); v != query {
		s.b.errorf(t, "%s: the search box holds %q, want the query %q", s.url, v, query)
	}
	count, err := m.app.store.Count(context.Background(), tagfeed.Selection{Search: query})
	if err != nil {
		t.Fatal(err)
	}
	lede := s.one(t, "main .lede")
	if want := fmt.Sprintf("%d items match, best first.", count); !strings.HasPrefix(lede.Text, want) {
		s.b.errorf(t, "%s says %q, want %q", s.url, lede.Text, want)
	}
	s.checkSubscribe(t, "main .lede .subscribe a", "/search?q="+url.QueryEscape(query))

	results := s.all(t, "ol.items > li")
	if len(results) == 0 || len(results) != min(count, 50) {
		t.Fatalf("%s shows %d results, want %d", s.url, len(results), min(count, 50))
	}
	// The words a person sees marked: shown, on a background of their own.
	marks := evalJS[[][]string](t, s, `Array.from(document.querySelectorAll('ol.items > li'), li =>
  Array.from(li.querySelectorAll('mark'), m => [m, getComputedStyle(m)])
    .filter(([m, st]) => m.getClientRects().length > 0 && st.visibility === 'visible' && !/^(transparent|rgba\(0, 0, 0, 0\))$/.test(st.backgroundColor))
    .map(([m]) => m.innerText))`)
	titles := s.all(t, "ol.items > li a.title")
	if len(titles) != len(results) || len(marks) != len(results) {
		t.Fatalf("%s: %d results with %d titles and %d lists of marks", s.url, len(results), len(titles), len(marks))
	}
	var found []string
	for i, title := range titles {
		found = append(found, title.Text)
		s.seen(t, "result", title)
		if len(marks[i]) == 0 {
			s.b.errorf(t, "%s: result %d (%q) has no word marked", s.url, i+1, title.Text)
		}
		for _, mk := range marks[i] {
			for _, w := range strings.Fields(strings.ToLower(strings.ReplaceAll(mk, "_", " "))) {
				if !slices.Contains(words, fold(w)) {
					s.b.errorf(t, "%s: result %d (%q) marks %q, which is not a word of %q", s.url, i+1, title.Text, mk, query)
				}
			}
		}
	}
	return found
}

// asTyped leaves a word as it is: a query with diacritics marks the words
// it names, not those that differ from them only in their marks (dân is
// not dẫn).
func asTyped(w string) string { return w }

// withoutDiacritics takes the marks off a's and d's, as much as the
// searches here need: bán, bản, dẫn, dân → ban, dan.
func withoutDiacritics(w string) string {
	return strings.NewReplacer("á", "a", "à", "a", "ả", "a", "ã", "a", "ạ", "a", "â", "a", "ấ", "a", "ầ", "a", "ẩ", "a", "ẫ", "a", "ậ", "a",
		"ă", "a", "ắ", "a", "ằ", "a", "ẳ", "a", "ẵ", "a", "ặ", "a", "đ", "d").Replace(w)
}
