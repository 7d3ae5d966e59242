package migrations

import (
	"testing"
	"testing/fstest"
)

func TestRead(t *testing.T) {
	tests := []struct {
		name    string
		files   []string
		want    []string // the names read, in order
		wantErr string
	}{
		{name: "in order", files: []string{"m/0002_b.sql", "m/0001_a.sql", "m/0003_c.sql"}, want: []string{"0001_a.sql", "0002_b.sql", "0003_c.sql"}},
		{name: "none", files: nil, want: []string{}},
		{name: "a gap", files: []string{"m/0001_a.sql", "m/0003_c.sql"}, wantErr: "migration 0003_c.sql: want number 0002"},
		{name: "not numbered", files: []string{"m/0001_a.sql", "m/second.sql"}, wantErr: "migration second.sql: want number 0002"},
		{name: "a number twice", files: []string{"m/0001_a.sql", "m/0001_b.sql"}, wantErr: "migration 0001_b.sql: want number 0002"},
		{name: "other files ignored", files: []string{"m/0001_a.sql", "m/README.md"}, want: []string{"0001_a.sql"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for _, f := range tt.files {
				fsys[f] = &fstest.MapFile{Data: []byte("-- " + f)}
			}
			ms, err := Read(fsys, "m/*.sql")
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(ms) != len(tt.want) {
				t.Fatalf("read %d migrations, want %d", len(ms), len(tt.want))
			}
			for i, m := range ms {
				if m.Name != tt.want[i] || m.Version != i+1 || m.SQL != "-- m/"+tt.want[i] {
					t.Errorf("migration %d = %+v, want %s numbered %d", i, m, tt.want[i], i+1)
				}
			}
		})
	}
}
