package tagfeed

import (
	"slices"
	"testing"
)

// TestYAMLLines checks that config errors count lines as YAML does: a
// lone CR, CR LF, NEL, LS and PS each end one.
func TestYAMLLines(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"", []string{""}},
		{"a", []string{"a"}},
		{"a\nb\n", []string{"a", "b", ""}},
		{"a\r\nb", []string{"a", "b"}},
		{"a\rb\r\rc", []string{"a", "b", "", "c"}},
		{"a\u0085b\u2028c\u2029d", []string{"a", "b", "c", "d"}},
		{"bán\r\ndẫn", []string{"bán", "dẫn"}},
	}
	for _, tt := range tests {
		if got := yamlLines(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("yamlLines(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
