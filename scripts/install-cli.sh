#!/usr/bin/env bash
# Installs the `audioplatform` command from this checkout as a .NET tool, so `audioplatform login` etc. run as the
# README writes them. Global by default (~/.dotnet/tools, which must be on PATH); AUDIOPLATFORM_TOOL_PATH=<dir>
# installs into that folder instead. Run it again after changing the CLI: it replaces the installed copy.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
feed="${XDG_CACHE_HOME:-$HOME/.cache}/audioplatform/tools"
rm -rf "$feed"
mkdir -p "$feed"
dotnet pack "$root/tools/Cli" -c Release -o "$feed" -nologo -clp:ErrorsOnly

if [[ -n "${AUDIOPLATFORM_TOOL_PATH:-}" ]]; then
  where=(--tool-path "$AUDIOPLATFORM_TOOL_PATH")
else
  where=(--global)
fi
dotnet tool uninstall "${where[@]}" audioplatform >/dev/null 2>&1 || true
# A rebuilt package keeps its version: drop NuGet's extracted copy, or the install would take the old one.
rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}/audioplatform"
dotnet tool install "${where[@]}" --add-source "$feed" audioplatform

if [[ -z "${AUDIOPLATFORM_TOOL_PATH:-}" && ":$PATH:" != *":$HOME/.dotnet/tools:"* ]]; then
  echo "Add the .NET tools folder to PATH (e.g. in ~/.bashrc): export PATH=\"\$PATH:\$HOME/.dotnet/tools\""
fi
