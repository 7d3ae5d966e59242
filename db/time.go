package db

import (
	"database/sql"
	"time"
)

// Times are stored as INTEGER milliseconds since the Unix epoch, UTC, which
// sort as times do. The zero time.Time is stored as NULL where a column may
// be unknown.

// millis encodes t for a NOT NULL column.
func millis(t time.Time) int64 {
	return t.UnixMilli()
}

// nullMillis encodes t for a nullable column: NULL for the zero time.
func nullMillis(t time.Time) sql.NullInt64 {
	if t.IsZero() {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: t.UnixMilli(), Valid: true}
}

// fromMillis decodes a NOT NULL time column.
func fromMillis(ms int64) time.Time {
	return time.UnixMilli(ms).UTC()
}

// fromNullMillis decodes a nullable time column: NULL is the zero time.
func fromNullMillis(ms sql.NullInt64) time.Time {
	if !ms.Valid {
		return time.Time{}
	}
	return fromMillis(ms.Int64)
}
