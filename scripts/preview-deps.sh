#!/usr/bin/env bash
# What `rolebot preview --png` and the visual tests need besides Python:
#   - Chromium (Debian's chromium package) and fonts with emoji, from Debian's packages;
#   - the Adaptive Cards JavaScript renderer, from the npm registry, at the version that
#     preview/package-lock.json pins (npm ci), into preview/node_modules.
# Safe to run again: it installs only what is missing. System packages need root (apt-get).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "preview-deps: $*" >&2; }
die() { say "$*"; exit 1; }

apt_install() {
    [ "$(id -u)" -eq 0 ] || die "missing $*; run as root or install them first"
    command -v apt-get >/dev/null 2>&1 || die "missing $* and apt-get is not available"
    export DEBIAN_FRONTEND=noninteractive
    say "installing $* with apt-get"
    if ! apt-get install -y -q --no-install-recommends "$@" >&2; then
        apt-get update -q >&2
        apt-get install -y -q --no-install-recommends "$@" >&2
    fi
}

have_chromium() {
    command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
        || command -v google-chrome >/dev/null 2>&1
}

missing=()
have_chromium || missing+=(chromium)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
fc-list 2>/dev/null | grep -qi "emoji" || missing+=(fonts-noto-color-emoji)
fc-list 2>/dev/null | grep -qi "dejavu" || missing+=(fonts-dejavu-core)
if [ ${#missing[@]} -gt 0 ]; then
    apt_install "${missing[@]}"
fi

renderer=preview/node_modules/adaptivecards/dist/adaptivecards.min.js
if [ ! -f "$renderer" ] || [ preview/package-lock.json -nt "$renderer" ]; then
    say "installing the Adaptive Cards renderer (npm ci)"
    npm ci --prefix preview --no-audit --no-fund --loglevel=error >&2
    touch "$renderer"
fi
say "ready: $(command -v chromium || command -v chromium-browser || command -v google-chrome), $renderer"
