package story

// stopword reports whether a lower-case word is a function word that says
// nothing about an event: the commonest Vietnamese syllables of grammar
// and the commonest English words. The list is short on purpose; the
// weights by rarity do the rest.
func stopword(w string) bool {
	_, ok := stopwords[w]
	return ok
}

// stopwords is read only.
var stopwords = func() map[string]struct{} {
	m := map[string]struct{}{}
	for _, w := range []string{
		// Vietnamese
		"và", "của", "là", "có", "được", "các", "cho", "với", "những", "này", "đã", "không", "một",
		"trong", "để", "người", "khi", "đến", "từ", "thì", "mà", "cũng", "về", "nhiều", "như", "theo",
		"tại", "đó", "sẽ", "ra", "lại", "vào", "nên", "nhưng", "hay", "hoặc", "bị", "do", "vì", "nếu",
		"rất", "đang", "còn", "chỉ", "ở", "trên", "sau", "trước", "năm", "ngày", "tháng", "này", "ông",
		"bà", "anh", "chị", "em", "họ", "chúng", "tôi", "ta", "mình", "gì", "nào", "đây", "kia", "vẫn",
		// English
		"the", "a", "an", "and", "or", "of", "to", "in", "on", "for", "with", "at", "by", "from", "is",
		"are", "was", "were", "be", "been", "it", "its", "this", "that", "as", "has", "have", "had",
		"but", "not", "he", "she", "they", "we", "you", "i", "his", "her", "their", "will", "would",
		"said", "says", "after", "before", "than", "into", "about", "over", "more", "also",
	} {
		m[w] = struct{}{}
	}
	return m
}()
