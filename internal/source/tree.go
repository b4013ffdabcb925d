package source

import "path/filepath"

// ReadInTree reads the file at path when its real location (symlinks
// resolved) is inside the source tree that holds dir: the repository root
// at or above dir, else dir itself. It is the rule every .tf file, module
// and file() argument follows, for files that other inputs name (the
// policy_file of a declared endpoint in .privapi.hcl). A path outside the
// tree yields ErrOutsideTree; anything but a regular file of at most 16
// MiB is an error.
func ReadInTree(dir, path string) ([]byte, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	tree, err := treeRoot(abs)
	if err != nil {
		return nil, err
	}
	return (&Config{Tree: tree}).readInside(path)
}
