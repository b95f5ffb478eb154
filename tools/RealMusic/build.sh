#!/usr/bin/env bash
# Rebuilds the real-music development set: downloads the Debian packages named in packages.tsv (apt-get download, no
# installation), extracts them, cuts the clips and computes the consensus references (build.mjs), and rewrites
# manifest.json. Everything but the manifest lives in the cache folder; a second run reuses the packages, clips and
# the estimators' outputs (cached per clip content) and takes seconds.
#
#   tools/RealMusic/build.sh [--cache DIR] [--jobs N]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="${HOME}/.cache/audioplatform/real-music"
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  [[ "${args[i]}" == "--cache" ]] && cache="${args[i + 1]}"
done
mkdir -p "$cache/debs" "$cache/pkgs"

# The reference estimators and decoders, all from Debian.
tools=(ffmpeg:ffmpeg aubio:aubio-tools vamp-simple-host:vamp-plugin-sdk bpm:bpm-tools soundstretch:soundstretch unzip:unzip node:nodejs npm:npm)
missing=()
for pair in "${tools[@]}"; do command -v "${pair%%:*}" >/dev/null || missing+=("${pair#*:}"); done
[[ -e /usr/lib/x86_64-linux-gnu/vamp/vamp-example-plugins.so ]] || missing+=(vamp-examples)
if ((${#missing[@]})); then
  echo "Installing ${missing[*]}"
  apt-get -o DPkg::Lock::Timeout=900 install -y "${missing[@]}" >/dev/null
fi

(cd "$here" && npm ci --no-audit --no-fund --silent)

# Packages: downloaded once into debs/, extracted into pkgs/<name>/ (with the version in pkgs/<name>/.version).
mapfile -t packages < <(grep -v -e '^#' -e '^package' "$here/packages.tsv" | cut -f1)
for pkg in "${packages[@]}"; do
  [[ -f "$cache/pkgs/$pkg/.version" ]] && continue
  if ! ls "$cache/debs/${pkg}"_*.deb >/dev/null 2>&1; then
    echo "Downloading $pkg"
    (cd "$cache/debs" && apt-get download "$pkg" 2>&1 | grep -v -e '^Get:' -e 'unsandboxed' || true)
  fi
  deb="$(ls "$cache/debs/${pkg}"_*.deb 2>/dev/null | head -n 1)"
  if [[ -z "$deb" ]]; then
    echo "  $pkg: not available from the configured Debian archive; skipped" >&2
    continue
  fi
  echo "Extracting $pkg"
  rm -rf "$cache/pkgs/$pkg"
  dpkg-deb -x "$deb" "$cache/pkgs/$pkg"
  # Quake-style games (Nexuiz) ship their music inside zip archives named .pk3.
  find "$cache/pkgs/$pkg" -name '*.pk3' -print0 | while IFS= read -r -d '' pk3; do
    unzip -q -o "$pk3" -d "${pk3%.pk3}"
  done
  dpkg-deb -f "$deb" Version >"$cache/pkgs/$pkg/.version"
done

node "$here/build.mjs" "$@"
