package story

import (
	"slices"
	"testing"
)

func TestTokenize(t *testing.T) {
	got := tokenize("Chiều 21/6, giá 2,544 USD (17/6) – tối 7-5 và 11.6.2017; Việt-Mỹ", 100)
	want := []string{"Chiều", "21/6", "giá", "2,544", "USD", "17/6", "tối", "7-5", "và", "11.6.2017", "Việt", "Mỹ"}
	if !slices.Equal(got, want) {
		t.Errorf("tokenize:\n got %q\nwant %q", got, want)
	}
	if got := tokenize("một hai ba bốn", 2); len(got) != 2 {
		t.Errorf("tokenize with limit 2: %q", got)
	}
}

func TestLeadDay(t *testing.T) {
	tests := []struct {
		lead string
		want day
	}{
		{"Chiều 21/6, tại Bình Dương", day{month: 6, d: 21}},
		{"Hôm nay, ngày 11.6.2017 dương lịch", day{year: 2017, month: 6, d: 11}},
		{"từ đêm nay (17/6) đến ngày 20/6", day{month: 6, d: 17}},
		{"phát đi tối 7-5", day{month: 5, d: 7}},
		{"kéo dài 22,5 ngày, 2,544 xe", day{}},
		{"tháng 10/2017 và quý 3", day{}},
		{"On June 13 the plant opened", day{}},
		{"ngày 32/13 không có", day{}},
	}
	for _, tt := range tests {
		if got := leadDay(tokenize(tt.lead, 100), 100); got != tt.want {
			t.Errorf("leadDay(%q) = %+v, want %+v", tt.lead, got, tt.want)
		}
	}
}

func TestDayDiffers(t *testing.T) {
	d := func(y, m, dd int) day { return day{year: y, month: m, d: dd} }
	tests := []struct {
		a, b day
		want bool
	}{
		{d(0, 6, 21), d(0, 6, 21), false},
		{d(0, 6, 17), d(0, 6, 20), true},
		{d(0, 6, 21), day{}, false}, // one lead names no day
		{d(2017, 6, 21), d(0, 6, 21), false},
		{d(2023, 11, 15), d(2024, 11, 15), true},
	}
	for _, tt := range tests {
		if got := tt.a.differs(tt.b); got != tt.want {
			t.Errorf("%+v differs from %+v: %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
