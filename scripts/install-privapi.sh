#!/usr/bin/env bash
# install-privapi.sh — how the GitHub Action (action.yml) gets privapi.
#
#   install-privapi.sh release VERSION DEST
#       Download the release archive of VERSION (a tag such as v1.2.3, or
#       "latest") for this OS and CPU from $PRIVAPI_RELEASES (default
#       https://github.com/privapi/privapi/releases), check it against the
#       release's checksums.txt (SHA-256), and put the binary in DEST.
#       Exit 0: installed. Exit 3: there is no such release (or no archive for
#       this platform): build from source instead. Exit 1: anything else, such
#       as an archive whose checksum does not match (never installed).
#
#   install-privapi.sh source SRC DEST
#       Build ./cmd/privapi of the source tree SRC into DEST with the go on
#       PATH (CGO_ENABLED=0, -trimpath), as a release build would.
#
#   install-privapi.sh gh-release     (a step of action.yml)
#       With the action's input version in PRIVAPI_VERSION: "" (the default)
#       takes the release named by the ref in `uses: privapi/privapi@REF` when
#       REF is a version tag (vX.Y.Z), else builds from source; "latest" takes
#       the newest release, else builds from source; a tag takes that release
#       and fails when it does not exist; "source" always builds from source.
#       Writes installed=true|false to $GITHUB_OUTPUT and, when installed, the
#       binary's directory to $GITHUB_PATH.
#
#   install-privapi.sh gh-source      (a step of action.yml, when not installed)
#       Builds the action's own source ($GITHUB_ACTION_PATH, the tree at REF)
#       and adds it to $GITHUB_PATH.
#
# go test ./cmd/privapi runs all of them against a local stand-in of a
# release page.
set -euo pipefail

tmp=""
trap '[ -z "$tmp" ] || rm -rf "$tmp"' EXIT

die() { echo "install-privapi: $*" >&2; exit 1; }
norelease() { echo "install-privapi: $*" >&2; exit 3; }

platform() {
  local os arch
  case "$(uname -s)" in
    Linux) os=linux ;;
    Darwin) os=darwin ;;
    MINGW* | MSYS* | CYGWIN* | Windows_NT) os=windows ;;
    *) norelease "no release build for OS $(uname -s)" ;;
  esac
  case "$(uname -m)" in
    x86_64 | amd64) arch=amd64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) norelease "no release build for CPU $(uname -m)" ;;
  esac
  echo "${os}_${arch}"
}

sha256() {
  if command -v sha256sum >/dev/null; then
    sha256sum "$1" | cut -d' ' -f1
  else
    shasum -a 256 "$1" | cut -d' ' -f1
  fi
}

release() {
  local version=$1 dest=$2 base plat dir sums name want got exe
  base="${PRIVAPI_RELEASES:-https://github.com/privapi/privapi/releases}"
  case "$version" in
    latest) base="$base/latest/download" ;;
    v[0-9]*) base="$base/download/$version" ;;
    *) die "version must be latest or a release tag such as v1.2.3, not '$version'" ;;
  esac
  plat="$(platform)"
  tmp="$(mktemp -d)"
  dir="$tmp"
  if ! curl -fsSL --retry 2 -o "$dir/checksums.txt" "$base/checksums.txt" 2>/dev/null; then
    norelease "no release $version at ${PRIVAPI_RELEASES:-https://github.com/privapi/privapi/releases}"
  fi
  # checksums.txt names the archives, whose names carry the version:
  # <sha256>  privapi_1.2.3_linux_amd64.tar.gz
  name="$(awk -v p="_${plat}." '$2 ~ /^privapi_[0-9A-Za-z.+-]+_/ && index($2, p) && ($2 ~ /\.tar\.gz$/ || $2 ~ /\.zip$/) { print $2; exit }' "$dir/checksums.txt")"
  want="$(awk -v n="$name" '$2 == n { print $1; exit }' "$dir/checksums.txt")"
  [ -n "$name" ] && [ -n "$want" ] || norelease "release $version has no archive for $plat"
  curl -fsSL --retry 2 -o "$dir/$name" "$base/$name" || die "cannot download $name of release $version"
  got="$(sha256 "$dir/$name")"
  [ "$got" = "$want" ] || die "$name: SHA-256 $got does not match checksums.txt ($want); not installed"
  mkdir -p "$dir/x" "$dest"
  case "$name" in
    *.zip) unzip -q "$dir/$name" -d "$dir/x"; exe=privapi.exe ;;
    *) tar -xzf "$dir/$name" -C "$dir/x"; exe=privapi ;;
  esac
  [ -f "$dir/x/$exe" ] || die "$name holds no $exe"
  install -m 0755 "$dir/x/$exe" "$dest/$exe"
  echo "install-privapi: installed $name (release $version)"
}

source_build() {
  local src=$1 dest=$2
  [ -f "$src/go.mod" ] && [ -d "$src/cmd/privapi" ] || die "$src is not a privapi source tree"
  command -v go >/dev/null || die "building from source needs go on PATH"
  mkdir -p "$dest"
  dest="$(cd "$dest" && pwd)"
  (cd "$src" && CGO_ENABLED=0 go build -trimpath -o "$dest/" ./cmd/privapi)
  echo "install-privapi: built privapi from source in $src"
}

gh_release() {
  local version="${PRIVAPI_VERSION:-}" bin="$RUNNER_TEMP/privapi-bin" ref rc=0
  if [ -z "$version" ]; then
    # GitHub puts the action at .../_actions/OWNER/REPO/REF; github.action_ref
    # is not reliably set inside composite actions (actions/runner#2473).
    ref="$(basename "$GITHUB_ACTION_PATH")"
    case "$ref" in v[0-9]*.[0-9]*.[0-9]*) version="$ref" ;; esac
  fi
  if [ -z "$version" ] || [ "$version" = source ]; then
    echo "install-privapi: building privapi from the action's source"
    echo "installed=false" >>"$GITHUB_OUTPUT"
    return
  fi
  (release "$version" "$bin") || rc=$?
  case $rc in
    0)
      echo "$bin" >>"$GITHUB_PATH"
      echo "installed=true" >>"$GITHUB_OUTPUT"
      ;;
    3)
      if [ -n "${PRIVAPI_VERSION:-}" ] && [ "$PRIVAPI_VERSION" != latest ]; then
        die "no release $PRIVAPI_VERSION (use version: latest, or '' to build the action's own source)"
      fi
      echo "install-privapi: no release $version; building privapi from the action's source"
      echo "installed=false" >>"$GITHUB_OUTPUT"
      ;;
    *) exit "$rc" ;;
  esac
}

gh_source() {
  local bin="$RUNNER_TEMP/privapi-bin"
  source_build "$GITHUB_ACTION_PATH" "$bin"
  echo "$bin" >>"$GITHUB_PATH"
}

case "${1:-}" in
  release) [ $# -eq 3 ] || die "usage: install-privapi.sh release VERSION DEST"; release "$2" "$3" ;;
  source) [ $# -eq 3 ] || die "usage: install-privapi.sh source SRC DEST"; source_build "$2" "$3" ;;
  gh-release) gh_release ;;
  gh-source) gh_source ;;
  *) die "usage: install-privapi.sh release VERSION DEST | source SRC DEST | gh-release | gh-source" ;;
esac
