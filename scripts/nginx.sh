#!/usr/bin/env bash
# Makes sure Debian's nginx is installed, for the reverse-proxy test (decision 033). The package starts its own server
# on port 80 when it is installed; that one is stopped again, as the tests run their own with deploy/nginx/lifecycle.conf.
set -euo pipefail
if command -v nginx >/dev/null || [ -x /usr/sbin/nginx ]; then
  exit 0
fi

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
echo "Installing Debian's nginx..." >&2
sudo_if_needed apt-get update -qq
DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq nginx >/dev/null
if [ -f /run/nginx.pid ] && kill -0 "$(cat /run/nginx.pid)" 2>/dev/null; then
  sudo_if_needed /usr/sbin/nginx -s quit || true
fi
