package seed

import (
	"testing"
	"time"
)

func TestFindByline(t *testing.T) {
	tests := []struct {
		line   string
		ok     bool
		author string
		date   time.Time
	}{
		{"Tuyết Nhung 26/06/2024 12:30", true, "Tuyết Nhung", time.Date(2024, 6, 26, 12, 30, 0, 0, vietnamTime)},
		{"Thứ tư, 26/6/2024, 12:30 (GMT+7)", true, "", time.Date(2024, 6, 26, 12, 30, 0, 0, vietnamTime)},
		{"Minh Anh 05/01/2025", true, "Minh Anh", time.Date(2025, 1, 5, 0, 0, 0, 0, vietnamTime)},
		{"Tuyết Nhung 31/02/2024 12:30", false, "", time.Time{}},
		{"Tuyết Nhung 01/01/0000", false, "", time.Time{}},
		{"Ngày 25/6 tại Washington", false, "", time.Time{}},
		{"Cuộc họp diễn ra ngày 26/06/2024 tại Hà Nội.", false, "", time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			_, by, ok := findByline([]string{tt.line})
			if ok != tt.ok || by.author != tt.author || !by.date.Equal(tt.date) {
				t.Errorf("findByline = %q %v %v, want %q %v %v", by.author, by.date, ok, tt.author, tt.date, tt.ok)
			}
		})
	}
}
