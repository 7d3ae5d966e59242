package dates

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	zone := func(hours int) *time.Location { return time.FixedZone("", hours*3600) }
	tests := []struct {
		in   string
		want time.Time // zero: no date
	}{
		{"Seg, 24 Set 2018 10:00:00 -0300", time.Date(2018, 9, 24, 10, 0, 0, 0, zone(-3))},
		{"Qua, 03 Out 2018 08:15:00 BRT", time.Date(2018, 10, 3, 8, 15, 0, 0, zone(-3))},
		{"24 de setembro de 2018 às 10:00", time.Date(2018, 9, 24, 10, 0, 0, 0, time.UTC)},
		{"Mo, 24 Sep 2018 10:00:00 +0200", time.Date(2018, 9, 24, 10, 0, 0, 0, zone(2))},
		{"Montag, 24. September 2018 10:00 Uhr", time.Date(2018, 9, 24, 10, 0, 0, 0, time.UTC)},
		{"Di, 02 Okt 2018 07:30:00 MESZ", time.Date(2018, 10, 2, 7, 30, 0, 0, zone(2))},
		{"lun., 24 sept. 2018 10:00:00 +0200", time.Date(2018, 9, 24, 10, 0, 0, 0, zone(2))},
		{"mardi 4 décembre 2018", time.Time{}}, // a weekday with no comma: not guessed at
		{"4 décembre 2018", time.Date(2018, 12, 4, 0, 0, 0, 0, time.UTC)},
		{"Lun, 24 Sep 2018 10:00:00 +0200", time.Date(2018, 9, 24, 10, 0, 0, 0, zone(2))},
		{"Mié, 05 Dic 2018 18:45:00 -0500", time.Date(2018, 12, 5, 18, 45, 0, 0, zone(-5))},
		{"Thứ hai, 24/09/2018 - 08:30", time.Date(2018, 9, 24, 8, 30, 0, 0, time.UTC)},
		{"Thứ Sáu, 15/11/2023 08:30 (GMT+7)", time.Date(2023, 11, 15, 8, 30, 0, 0, zone(7))},
		{"24/09/2018 08:30 GMT+7", time.Date(2018, 9, 24, 8, 30, 0, 0, zone(7))},
		{"09/24/2018", time.Date(2018, 9, 24, 0, 0, 0, 0, time.UTC)},
		{"1518478934", time.Unix(1518478934, 0).UTC()},
		{"2018-10-06T07:30:00Z", time.Date(2018, 10, 6, 7, 30, 0, 0, time.UTC)},
		{"2018-10-06T07:30:00.250+07:00", time.Date(2018, 10, 6, 7, 30, 0, 250e6, zone(7))},
		{"31/02/2018", time.Time{}},
		{"Τρί, 13 Φεβ 2018 10:00:00 +0200", time.Time{}}, // Greek: not read, and no panic
		{"soon", time.Time{}},
		{"", time.Time{}},
	}
	for _, tt := range tests {
		got, ok := Parse(tt.in)
		if ok != !tt.want.IsZero() || !got.Equal(tt.want) {
			t.Errorf("Parse(%q) = %v, %v; want %v", tt.in, got, ok, tt.want)
		}
	}
}
