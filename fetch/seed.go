package fetch

import tagfeed "github.com/tagfeed/tagfeed"

// ReadSeedDir reads every article file in dir and returns them as items,
// keyed by file name. err is set when the folder cannot be read at all;
// problems names each file that could not be used, while the others are
// still returned.
func ReadSeedDir(dir string) (items []tagfeed.Item, problems []error, err error) {
	return nil, nil, nil // the lead engineer is writing this
}
