#!/usr/bin/env bash
# Starts the whole platform: installs what is missing, builds, and runs the Aspire AppHost.
#   ./run.sh                      auto mode: containers when Docker works, local otherwise
#   ./run.sh --mode local         force local mode (RabbitMQ from Debian, LiteDB, disk, SQLite)
#   ./run.sh --mode containers    force containers mode (needs a working Docker engine)
#   ./run.sh --analysis-replicas 2  run N Analysis processes sharing the upload queue (default 1)
# The Gateway answers on http://localhost:8080; the dashboard's login URL is printed below.
set -euo pipefail
cd "$(dirname "$0")"

mode="${INFRA_MODE:-auto}"
replicas="${ANALYSIS_REPLICAS:-1}"
while [ $# -gt 0 ]; do
  case "$1" in
    --mode) mode="$2"; shift 2 ;;
    --mode=*) mode="${1#*=}"; shift ;;
    --analysis-replicas) replicas="$2"; shift 2 ;;
    --analysis-replicas=*) replicas="${1#*=}"; shift ;;
    *) echo "unknown option: $1 (use --mode auto|local|containers, --analysis-replicas N)" >&2; exit 2 ;;
  esac
done

INFRA_MODE="$mode" scripts/install-prerequisites.sh run
source scripts/node-env.sh
dotnet build AudioPlatform.sln -nologo -clp:ErrorsOnly
scripts/build-web.sh

export ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development
export ASPNETCORE_URLS=http://localhost:18888
export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
export ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://localhost:18889
export ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=http://localhost:18890
echo "Starting AudioPlatform ($mode mode). Gateway: http://localhost:8080  Status: http://localhost:8080/api/v1/status"
# exec: Ctrl-C and SIGTERM reach the AppHost itself, which stops every resource it started.
exec AppHost/bin/Debug/net10.0/AudioPlatform.AppHost --Infra:Mode="$mode" --Analysis:Replicas="$replicas"
