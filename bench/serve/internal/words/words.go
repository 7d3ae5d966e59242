// Package words makes the text of the benchmark's items, and the searches
// run against them, from a small vocabulary of Vietnamese and English
// news words written for this benchmark.
//
// Everything comes from a *rand.Rand the caller seeds, so the same seed
// gives the same text. The general words are chosen to match none of the
// tag rules of config.yaml; the topic phrases each match one tag's
// keywords, so that an item is tagged exactly with the topics whose phrases
// it carries in its title or its lead.
package words

import (
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Lang is the language of a text: "vi" or "en".
type Lang string

// The languages of the vocabulary.
const (
	VI Lang = "vi"
	EN Lang = "en"
)

// general holds the words and short phrases of everyday business and
// policy news, by language. None of them is a term of a tag rule.
var general = map[Lang][]string{
	VI: {
		"kinh tế", "thị trường", "doanh nghiệp", "đầu tư", "xuất khẩu", "nhập khẩu",
		"ngân hàng", "lãi suất", "tăng trưởng", "chính phủ", "Bộ Công Thương", "Bộ Tài chính",
		"Hoa Kỳ", "Việt Nam", "Hà Nội", "TP HCM", "Đà Nẵng", "Hải Phòng", "Bắc Ninh", "Bình Dương",
		"nhà đầu tư", "cổ phiếu", "trái phiếu", "chứng khoán", "hạ tầng", "cảng biển", "sân bay",
		"nông sản", "cà phê", "gạo", "thủy sản", "du lịch", "giáo dục", "đại học", "sinh viên",
		"kỹ sư", "nhân lực", "phần mềm", "dữ liệu", "an ninh mạng", "viễn thông", "khởi nghiệp",
		"quỹ đầu tư", "vốn ngoại", "thuế quan", "chuỗi cung ứng", "khu công nghiệp", "nhà xưởng",
		"lao động", "tiền lương", "lạm phát", "tỷ giá", "đồng USD", "ngân sách", "thủ tướng",
		"bộ trưởng", "đại sứ", "phái đoàn", "hội nghị", "diễn đàn", "thỏa thuận", "dự án",
		"quy hoạch", "chính sách", "pháp luật", "nghị định", "thông tư", "giấy phép", "thủ tục",
		"cải cách", "minh bạch", "hiệu quả", "bền vững", "xanh hóa", "môi trường", "khí hậu",
		"nước ngoài", "trong nước", "quý ba", "năm nay", "năm tới", "tháng trước", "tuần này",
		"tăng mạnh", "giảm nhẹ", "đi ngang", "kỷ lục", "mục tiêu", "kế hoạch", "chiến lược",
		"thu hút", "mở rộng", "nâng cấp", "hợp đồng", "đối tác", "tập đoàn", "công ty", "nhà máy",
		"sản phẩm", "dịch vụ", "khách hàng", "người tiêu dùng", "bán lẻ", "thương mại điện tử",
		"vận tải", "đường sắt", "cao tốc", "bất động sản", "nhà ở", "xây dựng", "vật liệu",
		"thép", "xi măng", "dệt may", "da giày", "đồ gỗ", "linh kiện", "lắp ráp", "ô tô",
		"xe máy", "hàng không", "ngân hàng nhà nước", "tín dụng", "nợ xấu", "bảo hiểm",
		"y tế", "bệnh viện", "nghiên cứu", "viện", "chuyên gia", "báo cáo", "khảo sát",
		"thống kê", "dự báo", "rủi ro", "cơ hội", "thách thức", "cạnh tranh", "năng suất",
		"đổi mới", "số hóa", "nền tảng", "ứng dụng", "người dùng", "trực tuyến", "thanh toán",
		"ví điện tử", "mã QR", "đám mây", "máy chủ", "trung tâm dữ liệu", "băng thông",
	},
	EN: {
		"economy", "market", "companies", "investment", "exports", "imports", "banks",
		"interest rates", "growth", "government", "ministry", "United States", "Vietnam",
		"Hanoi", "Ho Chi Minh City", "Da Nang", "investors", "shares", "bonds", "stock market",
		"infrastructure", "seaport", "airport", "farm goods", "coffee", "rice", "seafood",
		"tourism", "education", "university", "students", "engineers", "workforce", "software",
		"data", "cybersecurity", "telecoms", "startups", "venture fund", "foreign capital",
		"tariffs", "supply chain", "industrial park", "factory", "labour", "wages", "inflation",
		"exchange rate", "dollar", "budget", "prime minister", "minister", "ambassador",
		"delegation", "conference", "forum", "agreement", "project", "planning", "policy",
		"law", "decree", "licence", "paperwork", "reform", "transparency", "sustainable",
		"climate", "overseas", "domestic", "third quarter", "this year", "next year",
		"last month", "this week", "sharply", "slightly", "record", "target", "plan",
		"strategy", "attract", "expand", "upgrade", "contract", "partner", "group", "firm",
		"products", "services", "customers", "consumers", "retail", "e-commerce", "transport",
		"railway", "expressway", "real estate", "housing", "construction", "materials",
		"steel", "cement", "textiles", "footwear", "furniture", "components", "assembly",
		"cars", "motorbikes", "aviation", "central bank", "credit", "bad debt", "insurance",
		"healthcare", "hospital", "research", "institute", "experts", "report", "survey",
		"statistics", "forecast", "risk", "opportunity", "challenge", "competition",
		"productivity", "digital", "platform", "app", "users", "online", "payments",
		"e-wallet", "QR code", "cloud", "servers", "bandwidth", "logistics", "trade deficit",
	},
}

// connectors join the words of a sentence, by language.
var connectors = map[Lang][]string{
	VI: {"và", "của", "cho", "với", "trong", "tại", "từ", "về", "để", "khi", "nhưng", "cũng", "đã", "sẽ", "đang"},
	EN: {"and", "of", "for", "with", "in", "at", "from", "on", "to", "as", "but", "also", "has", "will", "is"},
}

// names are people and places quoted in the news, by language.
var names = map[Lang][]string{
	VI: {"Nguyễn Văn An", "Trần Thị Bình", "Lê Hoàng Cường", "Phạm Minh Đức", "Hoàng Thu Hà",
		"Vũ Quốc Huy", "Đặng Thanh Lâm", "Bùi Ngọc Mai", "Đỗ Hữu Nam", "Ngô Bảo Ngọc",
		"Dương Gia Phúc", "Lý Kim Quyên", "Phan Tuấn Sơn", "Võ Thị Thảo", "Trịnh Xuân Vinh"},
	EN: {"Alice Walker", "Brian Chen", "Carla Diaz", "David Miller", "Emma Stone",
		"Frank Lee", "Grace Kim", "Henry Ford", "Irene Park", "Jack Nguyen",
		"Karen Smith", "Leo Tran", "Maria Lopez", "Nathan Brooks", "Olivia Reed"},
}

// topics holds, by tag name and language, phrases that each carry a
// keyword of that tag's rule in config.yaml.
var topics = map[string]map[Lang][]string{
	"semiconductor": {
		VI: {"bán dẫn", "vi mạch", "thiết kế chip", "nhà máy chip", "đóng gói chip", "công nghiệp bán dẫn",
			"chất bán dẫn", "ngành chip", "kỹ sư vi mạch", "mạch tích hợp"},
		EN: {"semiconductors", "chipmakers", "chip design", "wafer fabs", "lithography", "chipmaking",
			"integrated circuits", "microchips", "foundry", "semiconductor industry"},
	},
	"ai": {
		VI: {"trí tuệ nhân tạo", "học máy", "mô hình ngôn ngữ lớn", "trợ lý ảo", "xe tự lái",
			"thị giác máy tính", "mạng nơ-ron", "xử lý ngôn ngữ tự nhiên", "công nghệ AI", "ứng dụng AI"},
		EN: {"artificial intelligence", "machine learning", "large language models", "generative AI",
			"chatbots", "deep learning", "computer vision", "AI models", "neural networks", "self-driving cars"},
	},
	"energy": {
		VI: {"điện gió", "điện mặt trời", "năng lượng tái tạo", "lưới điện", "giá xăng", "thủy điện",
			"dầu khí", "EVN", "truyền tải điện", "nhà máy điện"},
		EN: {"renewable energy", "offshore wind", "solar power", "power grid", "LNG", "electricity",
			"crude oil", "hydropower", "wind farms", "power plants"},
	},
	"nic": {
		VI: {"Trung tâm Đổi mới sáng tạo Quốc gia", "NIC", "Trung tâm ĐMST Quốc gia"},
		EN: {"National Innovation Center", "NIC", "the National Innovation Center"},
	},
}

// Topics returns the tag names the vocabulary has phrases for, in a fixed
// order.
func Topics() []string {
	return []string{"ai", "energy", "nic", "semiconductor"}
}

// HasTopic reports whether the vocabulary has phrases for the tag.
func HasTopic(tag string) bool {
	_, ok := topics[tag]
	return ok
}

// Gen makes text from a random source.
type Gen struct {
	R *rand.Rand
}

// New returns a generator seeded with the two words of a PCG seed.
func New(seed1, seed2 uint64) *Gen {
	return &Gen{R: rand.New(rand.NewPCG(seed1, seed2))}
}

func (g *Gen) pick(list []string) string {
	return list[g.R.IntN(len(list))]
}

// Word returns a general word or phrase.
func (g *Gen) Word(lang Lang) string { return g.pick(general[lang]) }

// Name returns a person's name.
func (g *Gen) Name(lang Lang) string { return g.pick(names[lang]) }

// TopicPhrase returns a phrase that carries one of the tag's keywords.
func (g *Gen) TopicPhrase(tag string, lang Lang) string { return g.pick(topics[tag][lang]) }

// words writes n general words, joined now and then by a connector, with
// the topic phrases put at random places.
func (g *Gen) words(lang Lang, n int, phrases ...string) string {
	parts := make([]string, 0, 2*n+len(phrases))
	for i := range n {
		if i > 0 && g.R.IntN(3) == 0 {
			parts = append(parts, g.pick(connectors[lang]))
		}
		parts = append(parts, g.Word(lang))
	}
	for _, p := range phrases {
		at := g.R.IntN(len(parts) + 1)
		parts = append(parts[:at], append([]string{p}, parts[at:]...)...)
	}
	return strings.Join(parts, " ")
}

// Title returns a headline of a few words that carries the phrases.
func (g *Gen) Title(lang Lang, phrases ...string) string {
	return capitalize(g.words(lang, 4+g.R.IntN(6), phrases...))
}

// Sentence returns a sentence of general words that carries the phrases.
func (g *Gen) Sentence(lang Lang, phrases ...string) string {
	s := g.words(lang, 8+g.R.IntN(12), phrases...)
	if g.R.IntN(5) == 0 {
		if lang == VI {
			s += ", ông " + g.Name(lang) + " cho biết"
		} else {
			s += ", " + g.Name(lang) + " said"
		}
	}
	return capitalize(s) + "."
}

// Paragraph returns n sentences; the phrases go in the first.
func (g *Gen) Paragraph(lang Lang, n int, phrases ...string) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
			b.WriteString(g.Sentence(lang))
			continue
		}
		b.WriteString(g.Sentence(lang, phrases...))
	}
	return b.String()
}

// capitalize upper-cases the first letter of s.
func capitalize(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}

// Queries returns n distinct searches, in the syntax of tagfeed's search
// box, made from the vocabulary: single words and phrases, two words,
// quoted phrases, topic phrases, words typed without diacritics, OR and
// exclusions, in a fixed mix. The same seed gives the same list. Each
// query comes with its kind, for reports.
func Queries(n int, seed uint64) []Query {
	g := New(seed, 0x5eed)
	seen := map[string]bool{}
	out := make([]Query, 0, n)
	kinds := []string{"word", "two words", "phrase", "topic", "no diacritics", "or", "not"}
	for tries := 0; len(out) < n && tries < 100*n; tries++ {
		kind := kinds[tries%len(kinds)]
		lang := VI
		if g.R.IntN(3) == 0 {
			lang = EN
		}
		var q string
		switch kind {
		case "word":
			q = g.Word(lang)
		case "two words":
			q = g.Word(lang) + " " + g.Word(lang)
		case "phrase":
			q = `"` + g.words(lang, 2) + `"`
		case "topic":
			q = g.TopicPhrase(g.pick(Topics()), lang)
		case "no diacritics":
			q = StripDiacritics(g.Word(VI))
		case "or":
			q = g.Word(lang) + " OR " + g.TopicPhrase(g.pick(Topics()), lang)
		case "not":
			q = g.TopicPhrase(g.pick(Topics()), lang) + " -" + strings.Fields(g.Word(lang))[0]
		}
		if seen[q] {
			continue
		}
		seen[q] = true
		out = append(out, Query{Kind: kind, Q: q})
	}
	return out
}

// Query is a search and the kind of search it is.
type Query struct {
	Kind string
	Q    string
}

// StripDiacritics writes Vietnamese without its marks, as a person typing
// without them would: "bán dẫn" becomes "ban dan", "Đà" becomes "Da".
func StripDiacritics(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(baseLetter(r))
	}
	return b.String()
}

// vietLetters maps each marked Vietnamese letter to its base letter.
var vietLetters = func() map[rune]rune {
	m := map[rune]rune{}
	groups := map[rune]string{
		'a': "àáảãạăằắẳẵặâầấẩẫậ", 'e': "èéẻẽẹêềếểễệ", 'i': "ìíỉĩị",
		'o': "òóỏõọôồốổỗộơờớởỡợ", 'u': "ùúủũụưừứửữự", 'y': "ỳýỷỹỵ", 'd': "đ",
	}
	for base, marked := range groups {
		for _, r := range marked {
			m[r] = base
			m[unicode.ToUpper(r)] = unicode.ToUpper(base)
		}
	}
	return m
}()

func baseLetter(r rune) rune {
	if b, ok := vietLetters[r]; ok {
		return b
	}
	return r
}
