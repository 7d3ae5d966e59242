package main

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// docBase is the date of the newest item of feed 0; each item after it,
// counting feed by feed, is a minute older.
var docBase = time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)

// docTopics are what the items are about: a subject of each of the
// shipped config's tags, and some that none of them takes.
var docTopics = []string{
	"nhà máy chip bán dẫn", "trí tuệ nhân tạo", "điện gió ngoài khơi",
	"Trung tâm Đổi mới sáng tạo Quốc gia", "thị trường chứng khoán",
	"du lịch biển", "giá lúa gạo", "xuất khẩu cà phê",
}

// docWords fill the items' text around their topic.
var docWords = strings.Fields(`doanh nghiệp đầu tư dự án kế hoạch tăng trưởng hợp tác
	Việt Nam Hoa Kỳ thị trường công nghệ nhân lực đào tạo quy định chính sách vốn
	nhà máy sản xuất xuất khẩu hạ tầng tỉnh thành phố năm nay quý tiến độ chuyên gia
	đánh giá báo cáo kết quả mục tiêu triển khai ký kết thỏa thuận cơ hội thách thức
	giải pháp nghiên cứu phát triển khu công nghiệp lao động thu nhập chi phí lợi nhuận`)

// feedDoc writes feed n: an RSS 2.0 channel of items items, the same
// bytes every time. Each item's text is words drawn by a generator seeded
// with the feed and item numbers, around one topic, so that items differ
// as real ones do and some are tagged.
func feedDoc(n, items int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+
		`<rss version="2.0"><channel><title>Nguồn tin %d</title><link>https://nguon%d.example/</link><description>Tin kinh tế và công nghệ</description><language>vi</language>`, n, n)
	for i := range items {
		rng := rand.New(rand.NewPCG(uint64(n), uint64(i)))
		topic := docTopics[(n+i)%len(docTopics)]
		fmt.Fprintf(&b, "\n<item><title>%s: %s</title><link>https://nguon%d.example/bai/%d</link><guid isPermaLink=\"false\">nguon-%d-bai-%d</guid><pubDate>%s</pubDate>",
			upperFirst(topic), words(rng, 6), n, i, n, i, docBase.Add(-time.Duration(n*items+i)*time.Minute).Format(time.RFC1123Z))
		fmt.Fprintf(&b, "<description><![CDATA[<p>%s %s %s.</p><p>%s.</p>]]></description></item>",
			upperFirst(words(rng, 8)), topic, words(rng, 14), upperFirst(words(rng, 20)))
	}
	b.WriteString("\n</channel></rss>\n")
	return []byte(b.String())
}

// words returns k of docWords drawn by rng, joined by spaces.
func words(rng *rand.Rand, k int) string {
	w := make([]string, k)
	for j := range w {
		w[j] = docWords[rng.IntN(len(docWords))]
	}
	return strings.Join(w, " ")
}

// upperFirst capitalizes the first letter of s.
func upperFirst(s string) string {
	for i := range s {
		if i > 0 {
			return strings.ToUpper(s[:i]) + s[i:]
		}
	}
	return strings.ToUpper(s)
}
