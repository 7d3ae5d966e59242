package textenc

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/unicode/norm"
)

const (
	vietnamese = "Đổi mới sáng tạo là động lực phát triển. Trung tâm Đổi mới sáng tạo Quốc gia hợp tác với các đối tác Hoa Kỳ về công nghiệp bán dẫn và trí tuệ nhân tạo."
	hebrew     = "ירושלים היא בירת ישראל. החדשות של היום עוסקות בכלכלה, בטכנולוגיה ובמחקר מדעי חדש באוניברסיטאות."
	chinese    = "半導體產業是台灣經濟的重要支柱，晶片設計與製造技術持續進步，人工智慧的需求也帶動了新的投資。"
	french     = "Le café de la crème brûlée à São Paulo: une façade naïve, un prix réduit de moitié, et l'été déjà là."
)

// encode writes s in enc, or fails the test.
func encode(t *testing.T, enc encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode %q: %v", s, err)
	}
	return b
}

// windows1258 writes Vietnamese as that code page does: letters with a
// circumflex, breve or horn precomposed, tone marks combining after them.
func windows1258(t *testing.T, s string) []byte {
	t.Helper()
	var out []rune
	var base []rune // the current letter and its shape marks
	var tones []rune
	flush := func() {
		out = append(append(out, []rune(norm.NFC.String(string(base)))...), tones...)
		base, tones = nil, nil
	}
	for _, r := range norm.NFD.String(s) {
		switch r {
		case '\u0302', '\u0306', '\u031B':
			base = append(base, r)
		case '\u0300', '\u0301', '\u0303', '\u0309', '\u0323':
			tones = append(tones, r)
		default:
			flush()
			base = []rune{r}
		}
	}
	flush()
	return encode(t, charmap.Windows1258, string(out))
}

func TestDecode(t *testing.T) {
	utf16 := append([]byte{0xFF, 0xFE}, encode(t, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), vietnamese)...)
	tests := []struct {
		name     string
		data     []byte
		declared []string
		want     string
		encoding string
		detected bool
		doubt    bool
	}{
		{"UTF-8", []byte(vietnamese), nil, vietnamese, "utf-8", false, false},
		{"UTF-8 with a BOM", append([]byte{0xEF, 0xBB, 0xBF}, vietnamese...), nil, vietnamese, "utf-8", false, false},
		{"UTF-8 declared Latin-1", []byte(french), []string{"iso-8859-1"}, french, "utf-8", false, false},
		{"UTF-16 with a BOM", utf16, nil, vietnamese, "utf-16le", false, false},
		{"windows-1258 declared", windows1258(t, vietnamese), []string{"", "windows-1258"}, vietnamese, "windows-1258", false, false},
		{"windows-1258 undeclared", windows1258(t, vietnamese), nil, vietnamese, "windows-1258", true, false},
		{"windows-1255 undeclared", encode(t, charmap.Windows1255, hebrew), nil, hebrew, "windows-1255", true, false},
		{"Big5 undeclared", encode(t, traditionalchinese.Big5, chinese), nil, chinese, "big5", true, false},
		{"windows-1252 undeclared", encode(t, charmap.Windows1252, french), nil, french, "windows-1252", true, false},
		{"an unknown label is passed over", encode(t, charmap.Windows1255, hebrew), []string{"klingon"}, hebrew, "windows-1255", true, false},
		{"noise", []byte("\x8f\x81\x9d\x90\xad\x8d\x8e\x9e\x80\xfe\xff\x81\x8f\x9d"), nil, "", "windows-1252", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Decode(tt.data, tt.declared...)
			if err != nil {
				t.Fatal(err)
			}
			if tt.want != "" && string(d.Text) != tt.want {
				t.Errorf("text = %q\nwant   %q", d.Text, tt.want)
			}
			if d.Encoding != tt.encoding || d.Detected != tt.detected || (d.Doubt != "") != tt.doubt {
				t.Errorf("read as %s (detected %v, doubt %q); want %s (detected %v, doubt %v)",
					d.Encoding, d.Detected, d.Doubt, tt.encoding, tt.detected, tt.doubt)
			}
		})
	}
}

// TestWindows1258IsNotTakenForWestern checks that Western text, whose
// accented letters windows-1258 shares, is not read as Vietnamese.
func TestWindows1258IsNotTakenForWestern(t *testing.T) {
	for _, text := range []string{french, "Müller, Größe, Ärger über Äpfel und Öl, schön.", "São Paulo, ação, coração, não, informação."} {
		data := encode(t, charmap.Windows1252, text)
		if looksVietnamese(data) {
			t.Errorf("%q in windows-1252 looks Vietnamese", text)
		}
	}
	if !looksVietnamese(windows1258(t, vietnamese)) {
		t.Error("Vietnamese in windows-1258 does not look Vietnamese")
	}
	if bytes.Contains(windows1258(t, vietnamese), []byte(strings.Fields(vietnamese)[1])) {
		t.Error("the test's windows-1258 writer wrote UTF-8")
	}
}
