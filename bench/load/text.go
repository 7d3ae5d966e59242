package main

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// The feeds' text is made from the phrases below, in Vietnamese or in
// English, so that the shipped rules tag some items and not others, the
// searches find something, and the items are about as long as a news
// site's summaries (80–250 words). None of it is real news.

// subject is what an item is about: a topic the rules know, or one they
// should leave alone.
type subject struct {
	tag     string // the tag the shipped rules should give, "" for none
	vi, en  []string
	viHeads []string // headline templates; %s is a phrase of the subject
	enHeads []string
}

var subjects = []subject{
	{
		tag: "semiconductor",
		vi:  []string{"công nghiệp bán dẫn", "nhà máy chip", "thiết kế vi mạch", "đóng gói chip", "kỹ sư bán dẫn", "chuỗi cung ứng bán dẫn", "xưởng đúc chip", "tấm wafer"},
		en:  []string{"the semiconductor industry", "a chip packaging plant", "integrated circuit design", "a wafer fab", "chipmaking talent", "the foundry business"},
		viHeads: []string{"Đẩy mạnh %s tại %s", "%s: cơ hội lớn cho %s", "Doanh nghiệp Mỹ rót vốn vào %s ở %s",
			"Việt Nam đặt mục tiêu phát triển %s đến năm 2030"},
		enHeads: []string{"US investors bet on %s in %s", "Vietnam courts %s as %s expands", "What %s means for %s"},
	},
	{
		tag: "ai",
		vi:  []string{"trí tuệ nhân tạo", "mô hình ngôn ngữ lớn", "học máy", "trợ lý ảo tiếng Việt", "thị giác máy tính", "xe tự lái"},
		en:  []string{"artificial intelligence", "a large language model", "machine learning", "generative AI", "computer vision", "an AI chatbot"},
		viHeads: []string{"Ứng dụng %s trong y tế tại %s", "Startup Việt dùng %s để phục vụ %s", "%s thay đổi cách làm việc ở %s",
			"Hội thảo về %s thu hút hàng nghìn kỹ sư"},
		enHeads: []string{"Vietnamese startup builds %s for %s", "How %s is changing work in %s", "A new push for %s at %s"},
	},
	{
		tag: "energy",
		vi:  []string{"điện gió ngoài khơi", "điện mặt trời mái nhà", "lưới điện truyền tải", "năng lượng tái tạo", "thủy điện nhỏ", "giá điện", "Quy hoạch điện VIII"},
		en:  []string{"offshore wind power", "rooftop solar power", "the transmission grid", "renewable energy", "electricity prices", "LNG power plants"},
		viHeads: []string{"Phát triển %s ở %s", "%s trước mùa khô: %s chuẩn bị ra sao", "Nhà đầu tư Mỹ quan tâm %s tại %s",
			"Điều chỉnh %s từ tháng tới"},
		enHeads: []string{"Investors eye %s in %s", "Can %s keep up with demand in %s?", "A deal on %s for %s"},
	},
	{
		tag:     "nic",
		vi:      []string{"Trung tâm Đổi mới sáng tạo Quốc gia", "NIC", "mạng lưới đổi mới sáng tạo của NIC"},
		en:      []string{"the National Innovation Center", "NIC", "NIC's innovation network"},
		viHeads: []string{"%s ký kết hợp tác với đối tác tại %s", "%s khai trương không gian mới ở %s", "Sinh viên tham gia chương trình ươm tạo của %s"},
		enHeads: []string{"%s signs a partnership in %s", "%s opens a new hub in %s"},
	},
	{
		tag:     "",
		vi:      []string{"thị trường chứng khoán", "xuất khẩu nông sản", "giá vàng", "du lịch nội địa", "bất động sản", "cổ phiếu blue chip", "điện thoại gập"},
		en:      []string{"the stock market", "farm exports", "gold prices", "domestic tourism", "the property market", "a new foldable phone"},
		viHeads: []string{"%s tại %s khởi sắc", "Diễn biến mới của %s ở %s", "Chuyên gia nhận định về %s trong quý tới"},
		enHeads: []string{"%s in %s picks up", "Analysts weigh %s in %s"},
	},
}

var (
	places = []string{"Hà Nội", "TP.HCM", "Đà Nẵng", "Bắc Ninh", "Hải Phòng", "Bình Dương", "Cần Thơ", "Quảng Ninh",
		"Thái Nguyên", "Đồng Nai", "Hòa Lạc", "Khánh Hòa"}
	enPlaces = []string{"Hanoi", "Ho Chi Minh City", "Da Nang", "Bac Ninh", "Hai Phong", "Arizona", "Texas", "Ohio",
		"Binh Duong", "the Mekong Delta"}
	orgs = []string{"Bộ Kế hoạch và Đầu tư", "Bộ Công Thương", "Tập đoàn Điện lực Việt Nam", "Viettel", "FPT", "VinAI",
		"Samsung Việt Nam", "Intel Products Việt Nam", "Petrovietnam", "Đại học Bách khoa Hà Nội", "UBND tỉnh"}
	enOrgs  = []string{"the Ministry of Planning and Investment", "the US embassy", "Intel", "Synopsys", "FPT", "Viettel", "the World Bank", "AmCham Vietnam", "a Korean supplier"}
	persons = []string{"Nguyễn Văn An", "Trần Thị Bích", "Lê Minh Tuấn", "Phạm Thu Hà", "Hoàng Đức Long", "Đỗ Quang Huy",
		"Vũ Thanh Mai", "Bùi Xuân Phúc", "Ngô Thị Lan", "Đặng Hữu Nghĩa"}
	enPersons = []string{"John Miller", "Sarah Chen", "David Park", "Emily Brooks", "Michael Tran", "Laura Nguyen"}

	viSentences = []string{
		"%[1]s cho biết %[2]s tại %[3]s sẽ được mở rộng trong năm %[4]d.",
		"Theo ông %[5]s, %[2]s đang thu hút thêm %[6]d triệu USD vốn đầu tư từ các doanh nghiệp Hoa Kỳ.",
		"Các doanh nghiệp ở %[3]s kỳ vọng %[2]s sẽ tạo thêm khoảng %[6]d nghìn việc làm.",
		"Bà %[5]s nhấn mạnh cần hoàn thiện khung pháp lý và đào tạo nguồn nhân lực chất lượng cao.",
		"Hai bên đã thảo luận về hợp tác trong các lĩnh vực %[2]s, logistics và %[7]s.",
		"Số liệu của %[1]s cho thấy tăng trưởng %[6]d%% so với cùng kỳ năm trước.",
		"Dự án dự kiến hoàn thành vào quý %[8]d năm %[4]d, sau nhiều lần điều chỉnh tiến độ.",
		"Nhiều chuyên gia cho rằng %[3]s có lợi thế về hạ tầng, quỹ đất và chính sách ưu đãi.",
		"Trong khi đó, %[7]s vẫn là mối quan tâm của nhiều nhà đầu tư nước ngoài.",
		"Đại diện %[1]s cho hay sẽ công bố kế hoạch chi tiết vào tháng %[9]d.",
	}
	enSentences = []string{
		"%[1]s said %[2]s in %[3]s would grow again in %[4]d.",
		"According to %[5]s, %[2]s has drawn another %[6]d million dollars from American companies.",
		"Firms in %[3]s expect %[2]s to create about %[6]d thousand jobs.",
		"%[5]s stressed the need for clearer rules and better training for engineers.",
		"The two sides discussed cooperation in %[2]s, logistics and %[7]s.",
		"Figures from %[1]s show growth of %[6]d%% on the same period last year.",
		"The project is due to finish in quarter %[8]d of %[4]d after several delays.",
		"Several analysts say %[3]s has an edge in land, power supply and incentives.",
		"Meanwhile, %[7]s remains a concern for many foreign investors.",
		"A spokesperson for %[1]s said a detailed plan would follow in month %[9]d.",
	}
	sections = []string{"Kinh doanh", "Công nghệ", "Số hóa", "Khoa học", "Thế giới", "Thời sự", "Đầu tư", "Năng lượng"}
	outlets  = []string{"Tin Nhanh", "Báo Mới Sáng", "Nhịp Sống Số", "Kinh Tế Xanh", "Diễn Đàn Công Nghệ", "Tạp chí Đầu Tư",
		"Mekong Tech Review", "Saigon Business Wire", "Hanoi Innovation Daily"}
)

// writer makes the text of one feed from its own random stream, so that
// every run serves the same bytes.
type writer struct {
	r  *rand.Rand
	en bool
}

func newWriter(feed int) *writer {
	r := rand.New(rand.NewPCG(uint64(feed)+1, 0x7a6f6e65))
	return &writer{r: r, en: feed%10 >= 7} // three feeds in ten are in English
}

func (w *writer) pick(list []string) string { return list[w.r.IntN(len(list))] }

// subject picks an item's subject: about half of them are ones the rules
// tag.
func (w *writer) subject() subject {
	if w.r.IntN(2) == 0 {
		return subjects[len(subjects)-1]
	}
	return subjects[w.r.IntN(len(subjects)-1)]
}

func (w *writer) phrase(s subject) string {
	if w.en {
		return w.pick(s.en)
	}
	return w.pick(s.vi)
}

// headline writes an item's title about s.
func (w *writer) headline(s subject) string {
	head, place := w.pick(s.viHeads), w.pick(places)
	if w.en {
		head, place = w.pick(s.enHeads), w.pick(enPlaces)
	}
	h := head
	switch strings.Count(head, "%s") {
	case 1:
		h = fmt.Sprintf(head, w.phrase(s))
	case 2:
		h = fmt.Sprintf(head, w.phrase(s), place)
	}
	return capitalize(h)
}

// sentence writes one sentence, mostly about s.
func (w *writer) sentence(s subject) string {
	other := subjects[w.r.IntN(len(subjects))]
	args := []any{w.pick(orgs), w.phrase(s), w.pick(places), 2025 + w.r.IntN(6), w.pick(persons),
		5 + w.r.IntN(495), w.phrase(other), 1 + w.r.IntN(4), 1 + w.r.IntN(12)}
	tmpl := w.pick(viSentences)
	if w.en {
		args[0], args[2], args[4] = w.pick(enOrgs), w.pick(enPlaces), w.pick(enPersons)
		tmpl = w.pick(enSentences)
	}
	return capitalize(fmt.Sprintf(tmpl, args...))
}

// body writes two to four paragraphs of HTML about s.
func (w *writer) body(s subject) string {
	var b strings.Builder
	for range 2 + w.r.IntN(3) {
		b.WriteString("<p>")
		for j := range 2 + w.r.IntN(3) {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(escapeXMLText(w.sentence(s)))
		}
		b.WriteString("</p>")
	}
	return b.String()
}

// capitalize upper-cases the first letter.
func capitalize(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// escapeXMLText escapes &, < and > for text inside an element.
func escapeXMLText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}
