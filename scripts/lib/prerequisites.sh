# Shared by the run and test commands: make sure what VidStream needs is on this machine, installing it
# with Debian's packages where we are allowed to, and otherwise saying exactly what to install.

say() { printf '==> %s\n' "$*"; }
fail() { printf 'error: %s\n' "$*" >&2; return 1; }

require_node() {
  command -v node >/dev/null || fail "Node.js 20.19 or newer is required: https://nodejs.org (or 'apt-get install nodejs npm')"
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' ||
    fail "Node.js 20.19 or newer is required (found $(node --version))"
}

ensure_node_modules() {
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "Installing npm packages"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

APT_UPDATED=""
apt_install() {
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    fail "$* is not installed. Install it (Debian/Ubuntu: 'sudo apt-get install -y $*') and run this again."
    return 1
  fi
  if [ -z "$APT_UPDATED" ]; then
    say "Updating the package lists"
    DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null || return 1
    APT_UPDATED=1
  fi
  say "Installing $* with apt-get"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >/dev/null
}

ensure_ffmpeg() {
  if [ -n "${FFMPEG_PATH:-}" ] || [ -n "${FFPROBE_PATH:-}" ]; then
    [ -x "${FFMPEG_PATH:-}" ] && [ -x "${FFPROBE_PATH:-}" ] ||
      fail "FFMPEG_PATH and FFPROBE_PATH must both name executable files"
    return
  fi
  command -v ffmpeg >/dev/null && command -v ffprobe >/dev/null && return
  apt_install ffmpeg
}

# The browser suite drives Debian's Chromium (CHROMIUM_PATH names another build).
ensure_chromium() {
  [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] && return
  [ -n "${CHROMIUM_PATH:-}" ] && fail "CHROMIUM_PATH must name an executable file"
  apt_install chromium
}

# The container suite builds and runs the image with Debian's podman (../shared/CONTAINERS.md), and the
# compose stack with podman-compose, whose containers find each other by name through CNI's dnsname plugin.
ensure_podman() {
  command -v podman >/dev/null && command -v runc >/dev/null && command -v mmdebstrap >/dev/null &&
    command -v podman-compose >/dev/null && [ -x /usr/lib/cni/dnsname ] && return
  apt_install podman runc mmdebstrap podman-compose golang-github-containernetworking-plugin-dnsname
}

ensure_postgres() {
  command -v pg_isready >/dev/null || fail "PostgreSQL is not installed (Debian: 'sudo apt-get install -y postgresql')"
  pg_isready -q -h 127.0.0.1 -p 5432 && return
  say "Starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n 1)" main start ||
    fail "could not start PostgreSQL"
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && return; sleep 1; done
  fail "PostgreSQL did not accept connections on 127.0.0.1:5432"
}

ensure_redis() {
  command -v redis-server >/dev/null || fail "Redis is not installed (Debian: 'sudo apt-get install -y redis-server')"
  [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = PONG ] && return
  say "Starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no >/dev/null ||
    fail "could not start Redis"
  for _ in $(seq 1 30); do [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = PONG ] && return; sleep 1; done
  fail "Redis did not answer on 127.0.0.1:6379"
}

# Rebuilds when a source file is newer than the build (or there is no build).
ensure_build() {
  if [ ! -f server/dist/main.js ] || [ ! -f client/dist/index.html ] ||
    [ -n "$(find server/src client/src client/index.html -newer server/dist/main.js -print -quit)" ]; then
    say "Building"
    npm run build --silent
  fi
}
