#!/usr/bin/env bash
# Builds Spotter and stages exactly what App Service runs:
#   build/deploy/          the folder the Agents Toolkit's azureAppService/zipDeploy uploads
#   build/spotter-app.zip  the same files zipped, for az webapp deploy
# Contents: dist/ (server, bot and the built tab), package.json, package-lock.json, .npmrc and
# the production dependencies. App Service starts it with `node dist/src/server/main.js`.
#
# Usage: infra/scripts/stage-app.sh [--skip-build]
#   --skip-build  reuse dist/ from an earlier `npm ci && npm run build` (e.g. a CI job that already
#                 built and tested it) instead of running both again.
#
# better-sqlite3 is a native module compiled for the Node.js running this script, so run it on
# Linux x64 with the same Node.js major version as the App Service runtime (NODE|22-lts: Node 22).
set -euo pipefail

die() {
  printf 'stage-app: %s\n' "$1" >&2
  exit 1
}

build=true
case "${1:-}" in
  '') ;;
  --skip-build) build=false ;;
  *) die "unknown argument: $1 (usage: stage-app.sh [--skip-build])" ;;
esac

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
[[ "$(uname -s)/$(uname -m)" == 'Linux/x86_64' ]] ||
  die "run this on Linux x64 (App Service's platform); native modules built elsewhere do not load there"
command -v zip >/dev/null 2>&1 || die "zip is required"

if [[ "$build" == true ]]; then
  npm ci
  npm run build
fi
[[ -f dist/src/server/main.js && -f dist/tab/index.html ]] ||
  die "dist/ is incomplete; run npm ci && npm run build first"

stage="$root/build/deploy"
archive="$root/build/spotter-app.zip"
rm -rf "$stage" "$archive"
mkdir -p "$stage"
cp -R dist "$stage/dist"
# The local launcher and the Agents Playground wiring are development tools.
rm -rf "$stage/dist/src/dev"
cp package.json package-lock.json .npmrc "$stage/"
(cd "$stage" && npm ci --omit=dev --no-audit --no-fund)
(cd "$stage" && zip -qr "$archive" .)

printf 'Staged %s (%s) and %s (%s).\n' "build/deploy" "$(du -sh "$stage" | cut -f1)" \
  "build/spotter-app.zip" "$(du -sh "$archive" | cut -f1)"
