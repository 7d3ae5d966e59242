package textenc

import (
	"strings"

	"golang.org/x/text/encoding/charmap"
)

// looksVietnamese reports whether data reads as Vietnamese in
// windows-1258. That code page writes most tone marks as combining
// characters after the vowel they sit on, which no Western text does:
// the bytes are Vietnamese when, read in it, most of the characters
// beyond ASCII are Vietnamese letters or tone marks on a vowel, and tone
// marks are among them.
func looksVietnamese(data []byte) bool {
	text, err := charmap.Windows1258.NewDecoder().Bytes(data)
	if err != nil {
		return false
	}
	var vietnamese, other, tones int
	var prev rune
	for _, r := range string(text) {
		switch {
		case r < 0x80:
		case strings.ContainsRune(toneMarks, r):
			if strings.ContainsRune(vowels, prev) {
				tones++
				vietnamese++
			} else {
				other++
			}
		case strings.ContainsRune(vietnameseLetters, r):
			vietnamese++
		default:
			other++
		}
		prev = r
	}
	return tones >= 3 && tones*5 >= vietnamese && other*10 <= vietnamese
}

const (
	// toneMarks are the combining grave, acute, tilde, hook above and dot
	// below of windows-1258.
	toneMarks = "\u0300\u0301\u0303\u0309\u0323"
	// vowels are the letters a tone mark may follow.
	vowels = "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
	// vietnameseLetters are the letters beyond ASCII that windows-1258
	// writes precomposed and Vietnamese uses.
	vietnameseLetters = "ăâêôơưđĂÂÊÔƠƯĐàáãèéìíòóõùúýÀÁÃÈÉÌÍÒÓÕÙÚÝ"
)
