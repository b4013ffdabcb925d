package engine

import (
	"bytes"
	"path/filepath"
	"sort"
	"strings"

	"github.com/privapi/privapi/internal/source"
	"github.com/privapi/privapi/internal/waiver"
)

// InvalidInlineWaivers returns every `# privapi:ignore` comment in the .tf
// source (the root module and the local modules it calls) that is not a
// valid waiver: no check ID, a malformed ID, an ID that is not one of
// knownIDs, or no reason. Such a comment never applies, so the caller warns
// about each one. File names are relative to the source root where they lie
// under it; the list is sorted by file and line.
func (a *Analysis) InvalidInlineWaivers(knownIDs []string) []waiver.Inline {
	var out []waiver.Inline
	for _, in := range a.inlineComments(knownIDs) {
		if in.Err != nil {
			out = append(out, in)
		}
	}
	return out
}

// AllInlineWaivers returns every `# privapi:ignore` comment in the .tf
// source, valid or not, sorted by file and line.
func (a *Analysis) AllInlineWaivers() []waiver.Inline {
	return a.inlineComments(CheckIDs())
}

func (a *Analysis) inlineComments(knownIDs []string) []waiver.Inline {
	if a.Source == nil || a.Source.Root == nil {
		return nil
	}
	var out []waiver.Inline
	seen := map[*source.Module]bool{}
	var walk func(m *source.Module)
	walk = func(m *source.Module) {
		if m == nil || seen[m] {
			return
		}
		seen[m] = true
		for file, src := range m.Files {
			if !bytes.Contains(src, []byte(waiver.Directive)) {
				continue
			}
			out = append(out, waiver.ValidateInline(waiver.ParseInline(a.relFile(file), src), knownIDs)...)
		}
		for _, c := range m.Calls {
			walk(c.Module)
		}
	}
	walk(a.Source.Root)
	sort.Slice(out, func(i, j int) bool {
		if out[i].File != out[j].File {
			return out[i].File < out[j].File
		}
		return out[i].Line < out[j].Line
	})
	return out
}

// relFile makes an absolute source file name relative to the source root
// when it lies under it.
func (a *Analysis) relFile(file string) string {
	if rel, err := filepath.Rel(a.SourceDir, file); err == nil && !strings.HasPrefix(rel, "..") {
		file = rel
	}
	return filepath.ToSlash(file)
}
