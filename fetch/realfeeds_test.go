package fetch_test

import (
	"bytes"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/tagfeed/tagfeed/fetch"
)

// realFeeds is the shared folder of feeds captured from public projects.
const realFeeds = "../../shared/realfeeds"

// TestRealFeeds parses every captured real-world feed. A file a careful
// reader gets items from (expected_to_parse=yes) must give items here too,
// unless it holds none; any other file must give a clear error or items.
// Nothing may panic.
func TestRealFeeds(t *testing.T) {
	rows := readManifest(t)
	for _, row := range rows {
		name, expected, gofeedResult := row["file"], row["expected_to_parse"], row["gofeed_v1.4.2_result"]
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(realFeeds, name))
			if err != nil {
				t.Skipf("listed in MANIFEST.tsv but not readable: %v", err)
			}
			feed, err := fetch.Parse(bytes.NewReader(data), "", "https://realfeeds.example/"+name)
			holdsNone := strings.HasSuffix(gofeedResult, " 0 items") && !strings.HasPrefix(gofeedResult, "FAIL")
			switch {
			case expected == "yes" && err != nil:
				t.Fatalf("a careful reader gets items, tagfeed fails: %v", err)
			case expected == "yes" && len(feed.Items) == 0 && !holdsNone && feed.Empty == 0:
				t.Fatalf("no items (gofeed alone: %s)", gofeedResult)
			case err != nil && !strings.HasPrefix(err.Error(), "fetch: "):
				t.Errorf("error %q does not say where it comes from", err)
			case err != nil:
				t.Logf("clear error: %v", err)
				return
			}
			for i, it := range feed.Items {
				if it.Key == "" || !utf8.ValidString(it.Title+it.Summary+it.Content+it.Author) {
					t.Errorf("item %d: key %q, or text that is not UTF-8", i, it.Key)
				}
				if strings.Contains(strings.ToLower(it.Summary+it.Content), "<script") {
					t.Errorf("item %d keeps a script", i)
				}
			}
		})
	}
}

// realFeedCase is what a careful reader gets from one captured feed: how
// many items, and for one of them its title, link, date (RFC 3339, UTC;
// "" for none) and author; or the error, for a file that is no feed.
type realFeedCase struct {
	file     string
	items    int
	sample   int // the item checked; -1 when there is none
	title    string
	link     string
	date     string
	author   string
	errorHas string // a fragment of the error; "" when the file parses
}

// realFeedCases were read by hand from the files, and checked against
// Python's feedparser 6.0.10. Where they differ from it they say why:
// tagfeed resolves relative links, strips the markup of type="html"
// titles, drops an author's e-mail address, parses Portuguese dates, reads
// JSON Feed, and leaves out items with no title, text or link.
var realFeedCases = []realFeedCase{
	{"2golang__example.xml", 1, 0, "Israel nối gót Mỹ rời Hội đồng Nhân quyền LHQ", "https://vnexpress.net/israel-noi-got-my-roi-hoi-dong-nhan-quyen-lhq-4846612.html", "2025-02-06T13:30:48Z", "", ""},                                                    // unescaped & in the enclosure URL; Vietnamese
	{"Ranchero-Software__DaringFireball.json", 48, 24, "John Markoff’s Interview With Scott Forstall and Members of the Original iPhone Team", "https://daringfireball.net/linked/2017/06/22/markoff-forstall", "2017-06-22T17:45:20Z", "John Gruber", ""}, // JSON Feed 1.0
	{"Ranchero-Software__ScriptingNews.json", 0, -1, "", "", "", "", "fetch: parse JSON Feed: not a feed: JSON without a JSON Feed version or items"},                                                                                                      // RSS-in-JSON is no JSON Feed: an error, not 0 items
	{"Ranchero-Software__aktuality.rss", 30, 15, "Pellegrini pripúšťa referendovú kampaň pri testovaní, Kolíková hovorí o zneužívaní situácie", "https://www.aktuality.sk/clanok/856555/monitor-pellegrini-pripusta-referendovu-kampan-pri-testovani-kolikova-namieta/", "2021-01-17T13:46:00Z", "", ""},
	{"Ranchero-Software__bio.rdf", 30, 15, "Successes of artemisinin elicitation in low-artemisinin producing Artemisia annua cell cultures constrained by repression of biosynthetic genes", "http://biorxiv.org/cgi/content/short/740167v1?rss=1", "2019-08-19T00:00:00Z", "Kam, M. Y. Y., Yap, W.", ""},
	{"Ranchero-Software__cloudblog.rss", 20, 0, "Want to keep your employees productive? Pay attention to shadow IT clues", "https://cloud.google.com/blog/products/productivity-collaboration/want-to-keep-your-employees-productive-pay-attention-to-shadow-it-clues/", "2019-09-03T18:00:00Z", "Diane Chaleff", ""}, // defect: <author> with a nested <name> and <title>
	{"Ranchero-Software__dcrainmaker.xml", 8, 4, "Week in Review–Nov 5th, 2017", "https://www.dcrainmaker.com/2017/11/week-in-review-nov-5th-2017.html", "2017-11-05T19:35:55Z", "DC Rainmaker", ""},
	{"danmactough__category-feed.xml", 1, 0, "E.P.A. Plan to Clean Up Gowanus Canal Meets Local Resistance", "http://www.nytimes.com/2013/05/06/nyregion/epa-plan-to-clean-up-gowanus-canal-meets-local-resistance.html?partner=rss&emc=rss", "2013-05-05T17:15:11Z", "", ""},
	{"danmactough__compressed.xml", 0, -1, "", "", "", "", "fetch: not a feed: no RSS, Atom or JSON Feed document"}, // raw gzip without a header saying so
	{"danmactough__guid-dupes.xml", 1, 0, "Huh?", "http://www.braingle.com/50366.html", "2014-06-19T06:00:00Z", "", ""},
	{"danmactough__iconv.xml", 10, 5, "В Орске граждан эвакуировали с железнодорожного вокзала", "http://www.oren.ru/news/2743411/", "2014-01-22T13:01:11Z", "", ""},
	{"danmactough__illegally-nested.xml", 10, 5, "Apple Is Ready to Ditch the Mac", "http://feedproxy.google.com/~r/ziffdavis/pcmag/dvorak/~3/xJ9Ssy_uaXA/0,2817,2524504,00.asp", "2017-12-07T13:00:00Z", "", ""},
	{"danmactough__notafeed.html", 0, -1, "", "", "", "", "fetch: not a feed: got an HTML page"},
	{"danmactough__rss-with-relative-urls.xml", 2, 1, "2x Underdark Currency & 15% off Bags!", "https://realfeeds.example/en/games/neverwinter/news/detail/10738994-2x-underdark-currency-%26-15%25-off-bags%21", "2017-12-07T15:00:00Z", "", ""}, // relative links resolved against the feed
	{"danmactough__saxerror.xml", 3, 1, "Bad Item", "http://example.com/bad?foo=1&bar=2", "", "", ""},                                                                                                                                             // unescaped & in a link; no dates
	{"feed-rs__atom_mediarss_reddit_1.xml", 25, 12, "Recommendations for my homelab?", "https://ud.reddit.com/r/homelab/comments/157h5xe/recommendations_for_my_homelab/", "2023-07-23T15:06:17Z", "/u/reddit0r_9", ""},
	{"feed-rs__atom_mediarss_youtube_1.xml", 1, 0, "Navigating with Quantum Entanglement", "https://www.youtube.com/watch?v=0A1ouV7iD8o", "2020-12-22T19:15:01Z", "PBS Space Time", ""}, // defect: media:description is the only text
	{"feed-rs__atom_xml_base.xml", 1, 0, "my cool entry title", "https://numi.st/post/2022/travel-uke", "2022-04-21T00:00:00Z", "Not Blank", ""},
	{"feed-rs__jsonfeed_elastic_1.1.json", 3, 1, "InfluxDB vs. Elasticsearch for Time Series Data & Metrics Benchmark", "https://www.influxdata.com/blog/influxdb-markedly-elasticsearch-in-time-series-data-metrics-benchmark", "2018-02-06T13:34:12Z", "Chris Churilo", ""},
	{"feed-rs__rss_0.91_encoding_1.xml", 1, 0, "bash - Expansão de Parâmetros", "http://www.Dicas-L.com.br/dicas-l/20200406.php", "", "", ""},
	{"feed-rs__rss_1.0_iso8859.xml", 1, 0, "Digitalministerium: Neue Glasfaserförderung mit Schnellkasse", "https://www.golem.de/news/digitalministerium-neue-glasfaserfoerderung-mit-schnellkasse-2301-171451.html", "2023-01-25T18:03:02Z", "Achim Sawall", ""},
	{"feed-rs__rss_2.0_bbc.xml", 1, 0, "Marcus Aurelius", "http://www.bbc.co.uk/programmes/m000sjxt", "2021-02-25T10:15:00Z", "BBC Radio 4", ""},
	{"feed-rs__rss_2.0_cloudflare.xml", 1, 0, "Privacy-Preserving Compromised Credential Checking", "https://blog.cloudflare.com/privacy-preserving-compromised-credential-checking/", "2021-10-14T12:59:53Z", "Luke Valenta", ""},
	{"feed-rs__rss_2.0_invalid_1.xml", 0, -1, "", "", "", "", "fetch: parse RSS: XML syntax error on line 19: unexpected EOF"}, // breaks off before any complete item
	{"feedjira__CRE.xml", 30, 15, "CRE192 Poststrukturalismus 2", "http://feedproxy.google.com/~r/cre-podcast/~3/KySr3GRe8Ds/cre192-poststrukturalismus-2", "2012-04-08T18:32:38Z", "Metaebene Personal Media - Tim Pritlove", ""},
	{"feedjira__FeedBurnerXHTML.xml", 10, 5, "Closer Updates: As, Angels, Astros, Brewers, Cubs, Jays, Mets, Reds, Yankees", "http://feedproxy.google.com/~r/RotoAuthorityFantasyBaseball/~3/A3mEKlxMHAg/closer-updates-as-angels-astros-brewers-cubs-jays-mets-reds-yankees.html", "2014-04-24T13:00:00Z", "Luckey Helms", ""},
	{"feedjira__InvalidDateFormat.xml", 2, 1, "Item 1 with all valid dates", "http://example.com/item1", "2017-10-17T12:17:00Z", "", ""}, // defect: no </rss>; the 2 items are kept, with a warning
	{"feedjira__TechCrunch.xml", 20, 10, "Loiloscope 2 Lets You Edit HD Videos In Real Time, Now Offers More Features", "http://feedproxy.google.com/~r/Techcrunch/~3/0YXponzHReQ/", "2011-11-02T14:39:13Z", "Serkan Toto", ""},
	{"feedjira__google_alerts_atom.xml", 20, 10, "Slack (NASDAQ:WORK) CEO Sells $53170714.63 in Stock", "https://www.google.com/url?rct=j&sa=t&url=https://mayfieldrecorder.com/2019/07/10/slack-nasdaqwork-ceo-stewart-butterfield-sells-1360909-shares.html&ct=ga&cd=CAIyHGU4ZTJkZjQ3OTVkYmIzMTc6Y28uanA6ZW46SlA&usg=AFQjCNFU3yaWB2ZAMHAEg88g4swT73wfUQ", "2019-07-10T05:03:45Z", "", ""}, // type="html" title: <b> is markup, not text
	{"feedjira__json_feed_with_escaped_uris.json", 30, 15, "Mini Bowie", "https://lukedorny.com/updates/mini-bowie", "2024-12-04T13:10:00Z", "Author: Luke, most likely.", ""},
	{"kurtmckee__big5.xml", 0, -1, "", "", "", "", ""}, // defect: undeclared Big5; no entries, the title is decoded
	{"kurtmckee__http_high_bit_date.xml", 0, -1, "", "", "", "", ""},
	{"kurtmckee__large_atom_feed_that_needs_css_sanitisation.xml", 15, 7, "Игры для Nokia 5800 и Nokia N97: 3D Fast and Furious", "http://touchnokia.ru/2009/05/igri-dlja-nokia-5800-i-nokia-n97-3d-fast-and-furious.html", "2009-05-30T19:47:24Z", "iPod", ""},
	{"kurtmckee__rss2.0NSwithModulesNoDefNSLocalNameClash.xml", 1, 0, "Test Item - RSS2.0 w/ NS, no default NS, localName clash", "http://www.pocketsoap.com/weblog/rssTests/rss2.0NSwithModulesNoDefNSLocalNameClash.xml#1", "2002-09-28T20:01:19Z", "", ""},
	{"kurtmckee__rss_incomplete_cdata.xml", 0, -1, "", "", "", "", "fetch: parse RSS: XML syntax error on line 13: invalid <![ sequence"}, // unterminated CDATA: no complete item
	{"kurtmckee__undeclared_namespace.xml", 0, -1, "", "", "", "", ""},
	{"kurtmckee__windows1255.xml", 1, 0, "", "", "", "", ""}, // defect: undeclared windows-1255 Hebrew
	{"miniflux__encoding_ISO-8859-1.xml", 40, 20, "Quartalszahlen: Intel legt 19-Milliarden-USD-Rekord vor", "https://www.golem.de/news/quartalszahlen-intel-legt-19-milliarden-usd-rekord-vor-1810-137339-rss.html", "2018-10-26T07:51:00Z", "", ""},
	{"miniflux__encoding_WINDOWS-1251.xml", 50, 25, "Цитата #17354", "http://ibash.org.ru/quote.php?id=17354", "2018-03-15T06:50:41Z", "", ""},
	{"miniflux__invalid-prolog.xml", 1, 0, "Café", "", "", "", ""}, // encoding="invalid"
	{"miniflux__large_atom.xml", 25, 12, "Managing a bouncer via OpenRC", "https://dustri.org/b/managing-a-bouncer-via-openrc.html", "2023-11-24T15:30:00Z", "jvoisin", ""},
	{"miniflux__large_rss.xml", 25, 12, "Managing a bouncer via OpenRC", "https://dustri.org/b/managing-a-bouncer-via-openrc.html", "2023-11-24T15:30:00Z", "jvoisin", ""},
	{"miniflux__no_encoding_ISO-8859-1.xml", 9, 4, "L'enfant doué : quand trop comprendre... empêche parfois de comprendre", "https://le-cercle-psy.scienceshumaines.com/l-enfant-doue-quand-trop-comprendre-empeche-parfois-de-comprendre_sh_40004", "2018-10-17T10:30:00Z", "", ""}, // undeclared Latin-1; one item has no title, text or link and is left out
	{"miniflux__rdf_UTF8.xml", 60, 30, "Webhosting und Cloud Computing: Aus 1&1 und ProfitBricks wird 1&1 Ionos", "https://www.heise.de/newsticker/meldung/Webhosting-und-Cloud-Computing-Aus-1-1-und-ProfitBricks-wird-1-1-Ionos-4205066.html?wt_mc=rss.ho.beitrag.rdf", "", "", ""},
	{"miniflux__urdu_UTF8.xml", 26, 13, "امریکہ: کون سے ممالک ہیں جن پر امداد بند کر دینے کی دھمکی کارگر ثابت نہیں ہوئی", "http://www.bbc.com/urdu/world-42457273", "2017-12-22T15:29:44Z", "", ""},
	{"miniflux__utf8-incorrect-prolog.xml", 1, 0, "Café", "", "", "", ""}, // UTF-8 under a prolog that says ISO-8859-1
	{"miniflux__windows-1252-incorrect-prolog.xml", 0, -1, "", "", "", "", ""},
	{"mmcdole__empty_feed.xml", 0, -1, "", "", "", "", "fetch: not a feed: the document is empty"}, // zero bytes
	{"mmcdole__rss_feed_bom.xml", 0, -1, "", "", "", "", ""},
	{"rbren__content-encoded.rss", 7, 3, "Wild Flavors All Year Round", "https://medium.com/invironment/wild-flavors-all-year-round-80e0fcbaf18d?source=rss----d12c403d4976--food", "2018-01-05T17:42:11Z", "Jeremy Puma", ""},
	{"rbren__encoding.rss", 40, 20, "PSP deteve mais de 800 pessoas nas festas de Natal e fim de ano", "http://feeds.jn.pt/~r/JN-ULTIMAS/~3/BwnSsC-KLUk/psp-deteve-mais-de-800-pessoas-nas-festas-de-natal-e-fim-de-ano-9021211.html", "2018-01-03T10:51:00Z", "", ""},
	{"rbren__giantbomb-podcast.rss", 730, 365, "Giant Bombcast 08/27/2013", "https://www.giantbomb.com/shows/giant-bombcast-08-27-2013/2970-17101/free-podcast", "2013-08-27T20:37:00Z", "Giant Bomb", ""},                                                                                                                                               // defect: every episode keeps its audio
	{"rbren__guardian.rss", 55, 25, "Moura joins Spurs; Giroud, Batshuayi, Aubameyang deals go through: transfer deadline day – live!", "https://www.theguardian.com/football/live/2018/jan/31/transfer-deadline-day-aubameyang-giroud-batshuayi-mahrez-latest-live", "2018-01-31T20:12:26Z", "Nick Ames (now), Ed Aarons and Ben Fisher (earlier)", ""}, // defect: a dc:creator list kept whole (item 25)
	{"rbren__many-links.rss", 25, 12, "Testing on the Toilet: Keep Cause and Effect Clear", "http://feedproxy.google.com/~r/blogspot/RLXA/~3/hA6X8_3SYu8/testing-on-toilet-keep-cause-and-effect.html", "2017-01-31T16:35:00Z", "Google Testing Bloggers", ""},
	{"rbren__missing-fields.atom", 0, -1, "", "", "", "", ""}, // defect: an entry with only an id is left out
	{"rbren__unrecognized.rss", 0, -1, "", "", "", "", "fetch: not a feed: got an HTML page"},
	{"rbren__uolNoticias.rss", 15, 7, "Enfermeira de Chávez alega 'perseguição' em Corte espanhola", "https://noticias.uol.com.br/ultimas-noticias/ansa/2018/09/24/enfermeira-de-chavez-alega-perseguicao-em-corte-espanhola.htm", "2018-09-24T22:25:00Z", "", ""}, // defect: Portuguese dates, undeclared Latin-1
	{"vanpho93-string1407__data.js-extracted-vnexpress-tin-moi-nhat-2017-07.rss", 25, 12, "Hai phố hàng rong đầu tiên ở Sài Gòn sẽ khai trương cuối tháng 8", "http://vnexpress.net/tin-tuc/thoi-su/hai-pho-hang-rong-dau-tien-o-sai-gon-se-khai-truong-cuoi-thang-8-3618865.html", "2017-07-26T11:58:45Z", "", ""},
	{"vanpho93-vnexpress2810__data.js-extracted-vnexpress-tin-moi-nhat-2017-11-browser-copy.rss", 25, 12, "Ông Trump hủy dự hội nghị thượng đỉnh Đông Á vào phút chót", "https://vnexpress.net/tin-tuc/the-gioi/ong-trump-huy-du-hoi-nghi-thuong-dinh-dong-a-vao-phut-chot-3670341.html", "2017-11-14T10:07:08Z", "", ""}, // a browser's banner before <rss>
	{"w3c__invalid_xml.xml", 0, -1, "", "", "", "", "fetch: parse RSS: no items, and the document is not well-formed XML: XML syntax error on line 14: element <channel> closed by </rss>"},                                                                                                                               // defect: not well-formed and no items: an error
}

// TestRealFeedsTable parses every captured real-world feed and checks it
// against what a careful reader gets from it.
func TestRealFeedsTable(t *testing.T) {
	rows := readManifest(t)
	if len(rows) != len(realFeedCases) {
		t.Errorf("MANIFEST.tsv lists %d files, the table %d", len(rows), len(realFeedCases))
	}
	for _, tt := range realFeedCases {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(realFeeds, tt.file))
			if err != nil {
				t.Skipf("not in the shared folder: %v", err)
			}
			feed, err := fetch.Parse(bytes.NewReader(data), "", "https://realfeeds.example/"+tt.file)
			if tt.errorHas != "" {
				if err == nil || !strings.Contains(err.Error(), tt.errorHas) {
					t.Fatalf("error %v, want one with %q", err, tt.errorHas)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(feed.Items) != tt.items {
				t.Fatalf("%d items, want %d", len(feed.Items), tt.items)
			}
			if tt.sample < 0 {
				return
			}
			it := feed.Items[tt.sample]
			date := ""
			if !it.Published.IsZero() {
				date = it.Published.UTC().Format(time.RFC3339)
			}
			if it.Title != tt.title || it.Link != tt.link || date != tt.date || it.Author != tt.author {
				t.Errorf("item %d:\ngot  %q | %s | %s | %q\nwant %q | %s | %s | %q",
					tt.sample, it.Title, it.Link, date, it.Author, tt.title, tt.link, tt.date, tt.author)
			}
		})
	}
}

// TestRealFeedsDefects checks, in the real files, what the sample rows do
// not show of the defects this project fixed.
func TestRealFeedsDefects(t *testing.T) {
	readManifest(t)
	parse := func(t *testing.T, file string) *fetch.Feed {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(realFeeds, file))
		if err != nil {
			t.Skipf("not in the shared folder: %v", err)
		}
		feed, err := fetch.Parse(bytes.NewReader(data), "", "https://realfeeds.example/"+file)
		if err != nil {
			t.Fatal(err)
		}
		return feed
	}
	t.Run("every podcast episode keeps its audio", func(t *testing.T) {
		feed := parse(t, "rbren__giantbomb-podcast.rss")
		for i, it := range feed.Items {
			if len(it.Enclosures) != 1 || it.Enclosures[0].Type != "audio/mpeg" || it.Enclosures[0].Length <= 0 ||
				!strings.HasPrefix(it.Enclosures[0].URL, "https://") {
				t.Fatalf("episode %d (%s): enclosures %+v, want its audio with type and length", i, it.Title, it.Enclosures)
			}
		}
	})
	t.Run("a video's description is its content", func(t *testing.T) {
		it := parse(t, "feed-rs__atom_mediarss_youtube_1.xml").Items[0]
		if !strings.HasPrefix(it.Content, "<p>Check Out Weathered on PBS Terra") {
			t.Errorf("content %.80q, want the media:description as paragraphs", it.Content)
		}
	})
	t.Run("a feed that breaks off says so", func(t *testing.T) {
		feed := parse(t, "feedjira__InvalidDateFormat.xml")
		if w := strings.Join(feed.Warnings, "; "); !strings.Contains(w, "breaks off") {
			t.Errorf("warnings %q, want the break named", w)
		}
	})
	t.Run("undeclared Big5 and windows-1255 are decoded", func(t *testing.T) {
		if title := parse(t, "kurtmckee__big5.xml").Title; !strings.HasPrefix(title, "我希望") {
			t.Errorf("Big5 title %q", title)
		}
		if content := parse(t, "kurtmckee__windows1255.xml").Items[0].Summary; !strings.Contains(content, "האם תדפיס") {
			t.Errorf("windows-1255 text %.60q", content)
		}
	})
	t.Run("an item with nothing in it is counted, not stored", func(t *testing.T) {
		feed := parse(t, "rbren__missing-fields.atom")
		if feed.Empty != 1 || len(feed.Items) != 0 {
			t.Errorf("%d items, %d empty; want 0 and 1", len(feed.Items), feed.Empty)
		}
	})
}

// readManifest reads MANIFEST.tsv of the shared real feeds, or skips the
// test when the folder is not there.
func readManifest(t *testing.T) []map[string]string {
	t.Helper()
	f, err := os.Open(filepath.Join(realFeeds, "MANIFEST.tsv"))
	if os.IsNotExist(err) {
		t.Skipf("%s is absent: the real-world feeds are not on this machine", realFeeds)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma, r.LazyQuotes = '\t', true
	header, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	var rows []map[string]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return rows
		}
		if err != nil {
			t.Fatal(err)
		}
		row := make(map[string]string, len(header))
		for i, h := range header {
			if i < len(rec) {
				row[h] = rec[i]
			}
		}
		rows = append(rows, row)
	}
}
