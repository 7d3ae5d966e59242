package fetch

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
)

// readBody reads a response body of at most limit bytes. The transport
// has already undone a declared gzip Content-Encoding; a body that is
// still gzip (a .gz file served as is) is decompressed here. Either way the
// limit applies to the decompressed bytes, so a small gzip bomb is caught.
func readBody(body io.Reader, limit int64) ([]byte, error) {
	br := bufio.NewReader(body)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("gzip body: %w", err)
		}
		defer zr.Close()
		body = zr
	} else {
		body = br
	}
	data, err := io.ReadAll(io.LimitReader(body, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("body exceeds %d bytes after decompression (fetch.max_body_bytes)", limit)
	}
	return data, nil
}
