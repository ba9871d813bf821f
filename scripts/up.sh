#!/usr/bin/env bash
# The run command: installs what is missing, builds, and starts VidStream on embedded defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prerequisites.sh

require_node
ensure_node_modules
ensure_ffmpeg
ensure_build
exec node server/dist/main.js all
