#!/usr/bin/env bash
# Refreshes the services' OpenAPI documents (web/openapi/<service>.json) and the web app's types generated from them
# (web/src/api/generated/<service>.ts). Run it after changing an endpoint, a DTO or a query parameter: until then the
# services' build fails (ServiceDefaults/OpenApiDocuments.targets compares each document with the checked-in one), and
# the web build fails where the web code disagrees with a refreshed document. Commit the documents; the types are
# generated again by every `npm ci` and `npm run build` and are not committed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
for service in Gateway Identity Ingest Analysis Library Notify; do
  dotnet build "services/$service/$service.csproj" -nologo -clp:ErrorsOnly -p:OpenApiRefreshCheckedIn=true
done
source scripts/node-env.sh
cd web
if [ ! -d openapi/generator/node_modules ]; then
  npm ci --prefix openapi/generator --no-audit --no-fund --loglevel=error
fi
node openapi/generator/generate.mjs
echo "Refreshed web/openapi/*.json and web/src/api/generated/*.ts; now run: (cd web && npm run build)"
