package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// The good feeds: ordinary news feeds in each format tagfeed reads, which
// must be read whole whatever the hostile feeds beside them do. Their
// text is made up from these phrases.
var (
	goodTopics = []string{"công nghiệp bán dẫn", "trí tuệ nhân tạo", "điện gió ngoài khơi", "năng lượng tái tạo",
		"Trung tâm Đổi mới sáng tạo Quốc gia", "xuất khẩu nông sản", "thị trường chứng khoán", "the semiconductor supply chain",
		"generative AI", "offshore wind power"}
	goodPlaces = []string{"Hà Nội", "TP.HCM", "Đà Nẵng", "Bắc Ninh", "Hải Phòng", "Arizona", "Hòa Lạc"}
	goodLines  = []string{
		"Theo các chuyên gia, %s tại %s sẽ thu hút thêm vốn đầu tư từ Hoa Kỳ trong năm tới.",
		"Doanh nghiệp ở %[2]s cho biết %[1]s đang thiếu nhân lực có tay nghề cao.",
		"Analysts say %s in %s could double within five years.",
		"Hai bên đã thảo luận về %s và hạ tầng logistics ở %s.",
	}
)

// goodItem is one item of a good feed.
type goodItem struct {
	id, title, link, body string
	published             time.Time
}

func goodItems(n int) []goodItem {
	r := rand.New(rand.NewPCG(uint64(n), 99))
	base := time.Now().UTC().Truncate(time.Hour)
	items := make([]goodItem, 10+n%5)
	for i := range items {
		topic, place := goodTopics[r.IntN(len(goodTopics))], goodPlaces[r.IntN(len(goodPlaces))]
		var body strings.Builder
		for range 3 {
			fmt.Fprintf(&body, "<p>"+goodLines[r.IntN(len(goodLines))]+"</p>", topic, place)
		}
		items[i] = goodItem{
			id:        fmt.Sprintf("good-%d-%d", n, i),
			title:     fmt.Sprintf("Tin %d.%d: %s tại %s", n, i, topic, place),
			link:      fmt.Sprintf("https://good%d.example.vn/tin/%d", n, i),
			body:      body.String(),
			published: base.Add(-time.Duration(n*50+i) * 37 * time.Minute),
		}
	}
	return items
}

// goodFeed is good feed n: RSS 2.0, Atom, JSON Feed, RSS 1.0, or RSS 2.0
// sent gzipped.
func goodFeed(n int) *feedSpec {
	items := goodItems(n)
	var b bytes.Buffer
	contentType, format := rssType, ""
	switch n % 5 {
	case 0, 4:
		format = "RSS 2.0"
		b.WriteString(rssHead(fmt.Sprintf("Tin tốt %d", n)))
		for _, it := range items {
			fmt.Fprintf(&b, "<item><title>%s</title><link>%s</link><guid isPermaLink=\"false\">%s</guid><pubDate>%s</pubDate><description><![CDATA[%s]]></description></item>\n",
				it.title, it.link, it.id, it.published.Format(time.RFC1123Z), it.body)
		}
		b.WriteString(rssTail)
	case 1:
		format, contentType = "Atom", "application/atom+xml"
		fmt.Fprintf(&b, `<?xml version="1.0" encoding="utf-8"?>`+"\n"+`<feed xmlns="http://www.w3.org/2005/Atom"><title>Good Atom %d</title><id>urn:good:%d</id><updated>%s</updated>`+"\n",
			n, n, items[0].published.Format(time.RFC3339))
		for _, it := range items {
			fmt.Fprintf(&b, `<entry><title>%s</title><id>urn:%s</id><link href="%s"/><updated>%s</updated><content type="html">%s</content></entry>`+"\n",
				it.title, it.id, it.link, it.published.Format(time.RFC3339), escape(it.body))
		}
		b.WriteString("</feed>\n")
	case 2:
		format, contentType = "JSON Feed", "application/feed+json"
		type jitem struct {
			ID            string `json:"id"`
			URL           string `json:"url"`
			Title         string `json:"title"`
			ContentHTML   string `json:"content_html"`
			DatePublished string `json:"date_published"`
		}
		doc := struct {
			Version string  `json:"version"`
			Title   string  `json:"title"`
			Items   []jitem `json:"items"`
		}{Version: "https://jsonfeed.org/version/1.1", Title: fmt.Sprintf("Good JSON %d", n)}
		for _, it := range items {
			doc.Items = append(doc.Items, jitem{it.id, it.link, it.title, it.body, it.published.Format(time.RFC3339)})
		}
		json.NewEncoder(&b).Encode(doc)
	case 3:
		format = "RSS 1.0"
		fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">`+
			`<channel rdf:about="https://good%d.example.vn/"><title>Good RDF %d</title><link>https://good%d.example.vn/</link><description>RSS 1.0</description></channel>`+"\n", n, n, n)
		for _, it := range items {
			fmt.Fprintf(&b, `<item rdf:about="%s"><title>%s</title><link>%s</link><dc:date>%s</dc:date><description>%s</description></item>`+"\n",
				it.link, it.title, it.link, it.published.Format(time.RFC3339), escape(it.body))
		}
		b.WriteString("</rdf:RDF>\n")
	}
	body := b.Bytes()
	gzipped := n%5 == 4
	if gzipped {
		format += ", gzip"
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(body)
	zw.Close()
	ext := ".xml"
	if strings.HasPrefix(contentType, "application/feed+json") {
		ext = ".json"
	}
	return &feedSpec{
		name: fmt.Sprintf("good-%d%s", n, ext), expect: expectOK, what: format, items: len(items),
		serve: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", contentType)
			out := body
			if gzipped && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
				out = gz.Bytes()
				w.Header().Set("Content-Encoding", "gzip")
			}
			w.Header().Set("Content-Length", strconv.Itoa(len(out)))
			w.Write(out)
		},
	}
}

// escape escapes text for XML.
func escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}
