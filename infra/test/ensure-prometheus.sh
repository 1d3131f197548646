#!/usr/bin/env bash
# Makes sure `promtool` and `prometheus` are installed before the infra tests run: they check and unit-test the
# alert rules with promtool and start a real Prometheus. When either is missing, installs Debian's prometheus
# package with apt-get (as root, or through passwordless sudo); otherwise fails with what to run by hand.
set -Eeuo pipefail

if command -v promtool >/dev/null 2>&1 && command -v prometheus >/dev/null 2>&1; then
  exit 0
fi

fail() {
  printf 'infra tests: %s\n' "$*" >&2
  exit 1
}

if [[ $EUID -eq 0 ]]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  fail "promtool and prometheus are missing; install Debian's prometheus package as root (apt-get install -y prometheus)."
fi
command -v apt-get >/dev/null 2>&1 ||
  fail "promtool and prometheus are missing and apt-get is not available; install Prometheus 2.x or later."

printf "infra tests: installing Debian's prometheus package (promtool, prometheus)...\n" >&2
"${as_root[@]}" apt-get update -qq || fail 'apt-get update failed.'
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq prometheus >/dev/null ||
  fail 'apt-get install prometheus failed.'
command -v promtool >/dev/null 2>&1 && command -v prometheus >/dev/null 2>&1 ||
  fail 'the prometheus package installed, but promtool or prometheus is still not on PATH.'
