// Package longtest says whether the long variants of the tests run: the
// exhaustive matrices (every fixture through the binary at several
// GOMAXPROCS, every mutation with and without source, every plan shape at
// two sizes) that keep `go test ./...` from being quick. `go test ./...`
// runs a representative part of each; CI runs the whole of them in a step
// of its own, with PRIVAPI_LONG_TESTS=1.
package longtest

import "os"

// Env is the environment variable that turns the long variants on.
const Env = "PRIVAPI_LONG_TESTS"

// Enabled reports whether the long variants run (PRIVAPI_LONG_TESTS=1).
func Enabled() bool { return os.Getenv(Env) == "1" }
