#!/usr/bin/env bash
# Starts the whole platform: installs what is missing, builds, and runs the Aspire AppHost.
#   ./run.sh                      auto mode: containers when Docker works, local otherwise
#   ./run.sh --mode local         force local mode (RabbitMQ from Debian, LiteDB, disk, SQLite)
#   ./run.sh --mode containers    force containers mode (needs a working Docker engine)
#   ./run.sh --analysis-replicas 2  run N Analysis processes sharing the upload queue (default 1)
#   ./run.sh --replicas 2           run N processes of every service (Redis holds what they share; in local mode
#                                   one Library, on its LiteDB file: Library replicas need MongoDB)
#   ./run.sh --gateway-replicas 2   likewise for one service: --{gateway,identity,ingest,analysis,library,notify}-replicas N
#   ./run.sh --stage-log DIR        every service writes each upload's stage spans to DIR (for tools/LoadTest --stage-log DIR)
# The Gateway answers on http://localhost:8080; the dashboard's login URL is printed below.
set -euo pipefail
cd "$(dirname "$0")"

mode="${INFRA_MODE:-auto}"
services=(gateway identity ingest analysis library notify)
declare -A replicas=()
extra_args=()
for service in "${services[@]}"; do replicas[$service]=1; done
replicas[analysis]="${ANALYSIS_REPLICAS:-1}"
usage="use --mode auto|local|containers, --replicas N, --<service>-replicas N (service: ${services[*]}), --stage-log DIR"
while [ $# -gt 0 ]; do
  option="${1%%=*}"
  if [[ "$1" == *=* ]]; then value="${1#*=}"; shift; else value="${2:-}"; shift 2 || { echo "$option needs a value ($usage)" >&2; exit 2; }; fi
  case "$option" in
    --mode) mode="$value" ;;
    --stage-log) extra_args+=("--Telemetry:StageLog=$value") ;;
    --replicas) for service in "${services[@]}"; do replicas[$service]="$value"; done ;;
    --*-replicas) service="${option#--}"; service="${service%-replicas}"
      [ -n "${replicas[$service]+set}" ] || { echo "unknown option: $option ($usage)" >&2; exit 2; }
      replicas[$service]="$value" ;;
    *) echo "unknown option: $option ($usage)" >&2; exit 2 ;;
  esac
done
replica_args=()
for service in "${services[@]}"; do replica_args+=("--${service^}:Replicas=${replicas[$service]}"); done

INFRA_MODE="$mode" scripts/install-prerequisites.sh run
source scripts/node-env.sh
# Release: the platform runs as it would in production (the tests build Debug, in their own folders).
dotnet build AudioPlatform.sln -c Release -nologo -clp:ErrorsOnly
scripts/build-web.sh

export ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development
export ASPNETCORE_URLS=http://localhost:18888
export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
export ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://localhost:18889
export ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=http://localhost:18890
echo "Starting AudioPlatform ($mode mode). Gateway: http://localhost:8080  Status: http://localhost:8080/api/v1/status"
# exec: Ctrl-C and SIGTERM reach the AppHost itself, which stops every resource it started.
exec AppHost/bin/Release/net10.0/AudioPlatform.AppHost --Infra:Mode="$mode" "${replica_args[@]}" "${extra_args[@]}"
