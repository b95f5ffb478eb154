#!/usr/bin/env bash
# Builds the six images (see Dockerfile). Usage: deploy/images/build.sh [registry] [tag]
set -euo pipefail
registry=${1:-audioplatform}
tag=${2:-0.1.0}
cd "$(dirname "$0")/../.."
build() { docker build -f deploy/images/Dockerfile --build-arg SERVICE="$1" --target "$2" -t "$registry/${1,,}:$tag" .; }
build Gateway gateway
build Identity service
build Library service
build Notify service
build Ingest media
build Analysis media
