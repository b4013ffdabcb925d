package engine

import (
	"os"
	"path"
	"path/filepath"
	"strings"
)

// pathDisplay renders the paths that outputs show (.tf files, the
// configuration file, the plan) the way GitHub and other tools resolve them:
// relative to the repository root, with forward slashes, whatever directory
// privapi runs in and however --source was written. The root is the nearest
// directory above the source directory (or the working directory) holding
// .git; without one, the working directory. --path-prefix replaces the root:
// paths are then the prefix joined to the path relative to the source
// directory (for a checkout that is not the directory privapi sees).
type pathDisplay struct {
	// root is the absolute directory paths are relative to.
	root string
	// prefix, when usePrefix, is joined to paths relative to root instead.
	prefix    string
	usePrefix bool
}

// newPathDisplay decides the root. srcDir may be "" (no source).
func newPathDisplay(prefix string, prefixSet bool, srcDir string) pathDisplay {
	cwd, err := os.Getwd()
	if err != nil {
		cwd = "."
	}
	base := cwd
	if srcDir != "" {
		if abs, err := filepath.Abs(srcDir); err == nil {
			base = abs
		}
	}
	if prefixSet {
		return pathDisplay{root: base, prefix: filepath.ToSlash(prefix), usePrefix: true}
	}
	if r := RepoRoot(base); r != "" {
		return pathDisplay{root: r}
	}
	if r := RepoRoot(cwd); r != "" {
		return pathDisplay{root: r}
	}
	return pathDisplay{root: cwd}
}

// repoRoot walks up from dir to the first directory holding .git (a
// directory, or a file in worktrees and submodules); "" when none.
func RepoRoot(dir string) string {
	for {
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			return dir
		}
		up := filepath.Dir(dir)
		if up == dir {
			return ""
		}
		dir = up
	}
}

// show renders p (absolute, or relative to the working directory). "" and
// "-" (standard input) stay as they are.
func (d pathDisplay) show(p string) string {
	if p == "" || p == "-" {
		return p
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	rel, err := filepath.Rel(d.root, abs)
	if err != nil {
		return filepath.ToSlash(abs)
	}
	rel = filepath.ToSlash(rel)
	if d.usePrefix {
		rel = path.Join(d.prefix, rel)
	}
	return strings.TrimPrefix(rel, "./")
}
