#!/usr/bin/env bash
# Print the path of the newest supported Python newer than 3.11 (3.13, then 3.12) that this
# machine has or can install from Debian's packages; exit 1, saying why, when there is none.
#
#   1. Debian's packages: python3.13 / python3.12 with their venv module, installed with
#      apt-get when run as root and the release carries them (Debian 13 has 3.13; Debian 12,
#      bookworm, has only 3.11, and no other package registry ships a CPython build);
#   2. an interpreter already on PATH under that name (a distribution's or a version
#      manager's);
#   3. one a version manager has installed but not selected (pyenv's versions folder).
# Nothing is downloaded from outside the package registries.
set -euo pipefail

versions=(3.13 3.12)

works() {  # a usable interpreter with venv and pip
    "$1" -c 'import venv, ensurepip' >/dev/null 2>&1
}

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq >/dev/null 2>&1 || true
    for v in "${versions[@]}"; do
        if apt-cache show "python$v-venv" >/dev/null 2>&1; then
            apt-get install -y -q "python$v" "python$v-venv" >/dev/null 2>&1 || continue
            [ -x "/usr/bin/python$v" ] && works "/usr/bin/python$v" && { echo "/usr/bin/python$v"; exit 0; }
        fi
    done
fi
for v in "${versions[@]}"; do
    if path="$(command -v "python$v" 2>/dev/null)" && works "$path"; then
        echo "$path"
        exit 0
    fi
done
for v in "${versions[@]}"; do
    for path in $(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/"$v"*/bin/"python$v" 2>/dev/null | sort -V -r); do
        works "$path" && { echo "$path"; exit 0; }
    done
done
echo "newest-python: no Python 3.12 or 3.13 here, and Debian's packages for this release" \
     "carry none (only 3.11); the suite runs on 3.11 only" >&2
exit 1
