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

// Fold returns Normalize(text) with case folded (Đ → đ, Ố → ố): what
// keywords are matched against.
func Fold(text string) string {
	var fm forms
	fm.build(text, true, false)
	return string(fm.f)
}

// FoldDiacritics returns Fold(text) without diacritics (tiếng Việt → tieng
// viet, đ → d, combining marks dropped): what the keywords of a tag with
// fold_diacritics are matched against.
func FoldDiacritics(text string) string {
	var fm forms
	fm.build(text, true, true)
	return string(fm.d)
}
