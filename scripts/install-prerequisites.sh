#!/usr/bin/env bash
# Installs the Debian packages the platform and its tests need, only those that are missing.
#   scripts/install-prerequisites.sh run    what ./run.sh needs
#   scripts/install-prerequisites.sh test   what ./test.sh needs (a superset)
#   scripts/install-prerequisites.sh train  what retraining the genre, mood and instrument models needs
set -euo pipefail

purpose="${1:-run}"
# libicu72: Ingest normalises uploaded names (Unicode NFC), which needs ICU.
packages=(ffmpeg libicu72)
if ! docker info >/dev/null 2>&1 || [ "${INFRA_MODE:-auto}" = local ]; then
  packages+=(rabbitmq-server)
fi
if [ "$purpose" = train ]; then
  packages+=(fluidsynth fluid-soundfont-gm csound-soundfont timgm6mb-soundfont hydrogen-drumkits npm espeak-ng)
fi
if [ "$purpose" = test ]; then
  # chromium: the browser tests (Gateway sign-in, the web journey in tests/Browser.Tests); Playwright drives it, never downloads one.
  packages+=(rabbitmq-server fluidsynth fluid-soundfont-gm csound-soundfont timgm6mb-soundfont postgresql ceph-mon ceph-osd radosgw chromium)
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The Debian package starts a system broker on install on some machines; the platform runs its own.
if [ "$purpose" = test ] && command -v systemctl >/dev/null 2>&1; then
  systemctl stop rabbitmq-server >/dev/null 2>&1 || true
fi

command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required (dotnet not found on PATH)." >&2; exit 1; }
