package db

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Backup writes a consistent copy of the database to path with VACUUM
// INTO: it reads in one transaction, so the copy is the database as it
// was when the backup began, compacted, while other processes (serve,
// fetch) go on writing in the WAL. path must
// not exist yet; the copy is written beside it and renamed into place, so
// an interrupted backup leaves no half-written file under its name.
func (d *DB) Backup(ctx context.Context, path string) error {
	if err := d.backup(ctx, path); err != nil {
		return fmt.Errorf("db: backup to %s: %w", path, err)
	}
	return nil
}

func (d *DB) backup(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err == nil {
		return errors.New("the file exists; choose a new name")
	} else if !errors.Is(err, os.ErrNotExist) {
		return err
	}
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".partial")
	os.Remove(tmp)                                                        // a partial copy left by an interrupted backup
	if _, err := d.w.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil { // the read pool may not write the copy
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}
