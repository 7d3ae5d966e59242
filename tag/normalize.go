package tag

// Normalize returns text as the matcher sees it before case folding, and
// as regexes see it: HTML tags removed and character references decoded,
// Unicode NFC, tone marks of oa, oe and uy placed on the first vowel (hoà
// → hòa, thuỷ → thủy), Ð (eth) read as Đ, invisible format characters
// (soft hyphen, zero-width space) removed, and every run of white space,
// underscores and control characters made one space, with none at either
// end.
func Normalize(text string) string {
	var fm forms
	fm.build(text, true, false)
	return string(fm.c)
}

// Fold returns Normalize(text) with case folded (Đ → đ, Ố → ố) and a
// hyphen between letters or digits read as a space: what keywords are
// matched against.
func Fold(text string) string {
	var fm forms
	fm.build(text, true, false)
	return unblur(fm.f, fm.c)
}

// FoldDiacritics returns Fold(text) without diacritics (tiếng Việt → tieng
// viet, đ → d, combining marks dropped): what the keywords of a tag with
// fold_diacritics are matched against.
func FoldDiacritics(text string) string {
	var fm forms
	fm.build(text, true, true)
	return unblur(fm.d, fm.cd)
}

// unblur returns folded with the punctuation that the scanned forms blur
// into symbolByte taken back from kept, its case-kept twin.
func unblur(folded, kept []byte) string {
	out := []byte(string(folded))
	for i, b := range out {
		if b == symbolByte {
			out[i] = kept[i]
		}
	}
	return string(out)
}

// SearchForms returns the forms a text is indexed and searched in: Fold
// and FoldDiacritics, made in one pass. Search then reads text as the tag
// rules do: HTML gone, hoà ≡ hòa, Việt_Nam ≡ Việt Nam, case folded (Đ
// included), and without diacritics a query typed without them.
func SearchForms(text string) (exact, bare string) {
	var fm forms
	fm.build(text, true, true)
	return unblur(fm.f, fm.c), unblur(fm.d, fm.cd)
}

// SearchVersion names what SearchForms does; a search index built with
// another is built again.
const SearchVersion = Version
