package seed

import (
	"testing"
	"time"
)

// TestArticleDates dates articles only by what their text states, as a
// careful reader would.
func TestArticleDates(t *testing.T) {
	ict := time.FixedZone("", 7*3600)
	tests := []struct {
		name, file, text string
		want             time.Time // zero: no date
	}{
		{"byline", "a.txt", "Tiêu đề bài báo về bán dẫn\nMinh Anh 26/06/2024 12:30\nNội dung bài viết về chip.",
			time.Date(2024, 6, 26, 12, 30, 0, 0, ict)},
		{"weekday date in the text", "a.txt", "Tiêu đề về năng lượng\nHà Nội, Thứ hai, 15/11/2023 - Hội nghị về điện gió đã khai mạc.",
			time.Date(2023, 11, 15, 0, 0, 0, 0, time.UTC)},
		{"weekday date and time", "a.txt", "Tiêu đề về năng lượng\nCập nhật Chủ nhật, 3/12/2023, 08:30. Hội nghị về điện gió đã khai mạc.",
			time.Date(2023, 12, 3, 8, 30, 0, 0, ict)},
		{"the year in the next sentence", "a.txt", "Tiêu đề về chip\nBuổi làm việc diễn ra ngày 15/11 tại San Francisco. Đây là hoạt động bên lề APEC 2023 của đoàn.",
			time.Date(2023, 11, 15, 0, 0, 0, 0, time.UTC)},
		{"the year in the same sentence", "a.txt", "Tiêu đề về chip\nNăm 2024, cuộc đối thoại diễn ra ngày 25.6 tại Washington.",
			time.Date(2024, 6, 25, 0, 0, 0, 0, time.UTC)},
		{"a full date", "a.txt", "Tiêu đề về chip\nHội thảo mở màn ngày 25/6/2024 tại Hà Nội.",
			time.Date(2024, 6, 25, 0, 0, 0, 0, time.UTC)},
		{"a month/year is another event", "a.txt", "Tiêu đề về quan hệ\nHai bên gặp nhau ngày 25/6 theo giờ địa phương. Quan hệ được bình thường hóa từ tháng 7/1995 và nâng cấp tháng 7/2013.",
			time.Time{}},
		{"a year two sentences on is not taken", "a.txt", "Tiêu đề về chip\nHọ gặp nhau ngày 25/6 tại Washington. Hai bên trao đổi thẳng thắn. Kỳ tới diễn ra năm 2025 tại Hà Nội.",
			time.Time{}},
		{"no year", "a.txt", "Tiêu đề về chip\nHọ gặp nhau ngày 25/6 tại Washington.", time.Time{}},
		{"no day", "a.txt", "Tiêu đề về chip\nThị trường có thể đạt 6 tỷ USD vào năm 2024.", time.Time{}},
		{"not a real day", "a.txt", "Tiêu đề về chip\nHọ gặp nhau ngày 31/2 năm 2024.", time.Time{}},
		{"front matter", "a.md", "---\ntitle: Bài Markdown\ndate: 2024-06-26T12:30:00+07:00\n---\n\nNội dung về bán dẫn.",
			time.Date(2024, 6, 26, 12, 30, 0, 0, ict)},
		{"front matter, a day", "a.md", "---\ntitle: Bài Markdown\ndate: 2024-06-26\n---\n\nNội dung về bán dẫn.",
			time.Date(2024, 6, 26, 0, 0, 0, 0, time.UTC)},
		{"HTML meta", "a.html", `<html><head><meta property="article:published_time" content="2024-06-26T05:30:00Z"></head><body><article><h1>Trang</h1><p>Đoạn văn về chip.</p></article></body></html>`,
			time.Date(2024, 6, 26, 5, 30, 0, 0, time.UTC)},
		{"HTML time", "a.html", `<html><body><article><h1>Trang</h1><p>Đăng <time datetime="2024-06-26T12:30:00+07:00">26/6</time>.</p><p>Đoạn văn về chip.</p></article></body></html>`,
			time.Date(2024, 6, 26, 12, 30, 0, 0, ict)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			it, err := ReadArticle(tt.file, []byte(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			if !it.Published.Equal(tt.want) {
				t.Errorf("published %v, want %v", it.Published, tt.want)
			}
		})
	}
}
