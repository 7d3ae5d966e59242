package tag

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "Việt Nam", "Việt Nam"},
		{"NFD composes", norm.NFD.String("bán dẫn Đổi mới"), "bán dẫn Đổi mới"},
		{"base plus tone mark", "ba\u0301n da\u0302\u0303n", "bán dẫn"},
		{"oà to òa", "hoà bình", "hòa bình"},
		{"oá to óa", "hoá học", "hóa học"},
		{"oả to ỏa", "toả sáng", "tỏa sáng"},
		{"oã to õa", "xoã tóc", "xõa tóc"},
		{"oạ to ọa", "hoạ sĩ", "họa sĩ"},
		{"oè to òe", "loè loẹt", "lòe loẹt"},
		{"oẻ to ỏe", "khoẻ mạnh", "khỏe mạnh"},
		{"uỷ to ủy", "uỷ ban", "ủy ban"},
		{"uý to úy", "thuý", "thúy"},
		{"uỳ to ùy", "tuỳ chọn", "tùy chọn"},
		{"uỹ to ũy", "luỹ kế", "lũy kế"},
		{"uỵ to ụy", "thuỵ sĩ", "thụy sĩ"},
		{"capitals", "HOÀ THUỶ Uỷ", "HÒA THỦY Ủy"},
		{"old style kept", "hòa thủy ủy", "hòa thủy ủy"},
		{"final consonant keeps the tone", "hoàn toàn khuyến", "hoàn toàn khuyến"},
		{"qu keeps the tone", "quý quả quỷ", "quý quả quỷ"},
		{"three vowels keep the tone", "ngoài khuya", "ngoài khuya"},
		{"tone before punctuation", "Hoà, thuỷ.", "Hòa, thủy."},
		{"decomposed new style", norm.NFD.String("hoà"), "hòa"},
		{"underscore joiner", "Việt_Nam bán_dẫn", "Việt Nam bán dẫn"},
		{"space runs", "a  \t b\n\nc\r\nd", "a b c d"},
		{"nbsp", "bán\u00a0dẫn", "bán dẫn"},
		{"narrow nbsp and ideographic space", "a\u202fb\u3000c", "a b c"},
		{"trimmed", "  \n chip \t ", "chip"},
		{"soft hyphen and zero width removed", "semi\u00adcon\u200bductor\ufeff", "semiconductor"},
		{"eth read as Đ", "Ðổi mới", "Đổi mới"},
		{"inline tags vanish", "bán <b>dẫn</b> chip<i>s</i>", "bán dẫn chips"},
		{"block tags separate", "<p>chip</p><p>AI</p>line<br/>break", "chip AI line break"},
		{"attributes", `<a title="x" href='a&gt;b'>link</a>`, "link"},
		{"script and style dropped", "a<script>var chip = 1;</script><STYLE>p{}</STYLE>b", "a b"},
		{"comment dropped", "a<!-- chip -->b", "ab"},
		{"CDATA kept", "<![CDATA[bán dẫn]]>", "bán dẫn"},
		{"named entities", "R&amp;D &lt;AI&gt; &quot;x&quot; &apos;y&apos; caf&eacute;", `R&D <AI> "x" 'y' café`},
		{"numeric entities", "b&#225;n d&#x1EAB;n", "bán dẫn"},
		{"nbsp entity", "bán&nbsp;dẫn", "bán dẫn"},
		{"bare ampersand", "Kế hoạch & Đầu tư, AT&T", "Kế hoạch & Đầu tư, AT&T"},
		{"unknown entity kept", "&nosuch; &#xZZ;", "&nosuch; &#xZZ;"},
		{"less-than in text", "x < y, a<3", "x < y, a<3"},
		{"unclosed tag kept", "a <b", "a <b"},
		{"invalid UTF-8", "chip\xffAI", "chip\uFFFDAI"},
		{"lone combining mark", "\u0301AI", "\u0301AI"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Normalize(tt.in); got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFold(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"ĐỔI MỚI SÁNG TẠO", "đổi mới sáng tạo"},
		{"Trung Tâm Đổi Mới", "trung tâm đổi mới"},
		{"ƯU TIÊN ỨNG DỤNG", "ưu tiên ứng dụng"},
		{"HOÀ", "hòa"},
		{"AI-powered chip-making", "ai powered chip making"},
		{"Việt - Mỹ", "việt - mỹ"},
		{"a-", "a-"},
		{"ΣΟΦΊΑ", "σοφία"},
		{"“Việt–Mỹ” …", "“việt–mỹ” …"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFoldDiacritics(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"Trung tâm Đổi mới sáng tạo Quốc gia", "trung tam doi moi sang tao quoc gia"},
		{"đ Đ Ð", "d d d"},
		{"Ư ư Ơ ơ Ă ă Â ê Ô", "u u o o a a a e o"},
		{"hoà thuỷ", "hoa thuy"},
		{norm.NFD.String("Việt Nam"), "viet nam"},
		{"x\u0301y", "xy"},
		{"nơ-ron", "no ron"},
		{"“Đà Nẵng”", "“da nang”"},
	}
	for _, tt := range tests {
		if got := FoldDiacritics(tt.in); got != tt.want {
			t.Errorf("FoldDiacritics(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestFoldKeepsLength checks, for every rune of the table, what the
// matcher relies on: folding case never changes a rune's length in UTF-8.
func TestFoldKeepsLength(t *testing.T) {
	for r := rune(0); r < tableSize; r++ {
		if f := runeTable[r].fold; len(string(f)) != len(string(r)) {
			t.Errorf("fold(%U) = %U: %d bytes, want %d", r, f, len(string(f)), len(string(r)))
		}
	}
}
