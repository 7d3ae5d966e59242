package runner

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Rules is what a benchmark's config takes from the repository's
// config.yaml: its title and language lines, and its tags section, as
// written.
type Rules struct {
	Head, Tags string
}

// ReadRules reads the title, language and tags of repo's config.yaml.
func ReadRules(repo string) (Rules, error) {
	path := filepath.Join(repo, "config.yaml")
	src, err := os.ReadFile(path)
	if err != nil {
		return Rules{}, fmt.Errorf("read the rules: %w", err)
	}
	var head, tags strings.Builder
	inTags := false
	for _, line := range strings.SplitAfter(string(src), "\n") {
		if line != "" && line[0] != ' ' && line[0] != '#' && line[0] != '\n' {
			inTags = strings.HasPrefix(line, "tags:")
			if strings.HasPrefix(line, "title:") || strings.HasPrefix(line, "language:") {
				head.WriteString(line)
			}
		}
		if inTags {
			tags.WriteString(line)
		}
	}
	if tags.Len() == 0 {
		return Rules{}, errors.New(path + " has no tags: section")
	}
	return Rules{Head: head.String(), Tags: tags.String()}, nil
}
