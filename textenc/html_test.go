package textenc

import (
	"strings"
	"testing"
)

func TestMetaCharset(t *testing.T) {
	tests := []struct {
		name, page, want string
	}{
		{"html5 meta", `<html><head><meta charset="windows-1258"><title>x</title>`, "windows-1258"},
		{"unquoted", `<meta charset=utf-8>`, "utf-8"},
		{"http-equiv", `<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">`, "ISO-8859-1"},
		{"none", `<html><head><title>x</title></head></html>`, ""},
		{"past the first kilobytes", strings.Repeat(" ", metaScan) + `<meta charset="big5">`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MetaCharset([]byte(tt.page)); got != tt.want {
				t.Errorf("MetaCharset = %q, want %q", got, tt.want)
			}
		})
	}
}
