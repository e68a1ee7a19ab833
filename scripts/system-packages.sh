#!/usr/bin/env bash
# The Debian packages a make target needs beyond Python: installs the missing ones when run
# as root, otherwise stops with the one command to run. `make site` and `make test` call it,
# so the README's two commands set up a fresh machine by themselves.
#
#   scripts/system-packages.sh site|test [--dry-run]
#
# --dry-run prints what it would run and changes nothing.
set -euo pipefail

# The printed reference (generator/views/book.py, laid out by Typst): its fonts.
site=(fonts-dejavu-core)
# The tests: Debian's chromium drives the browser tests (tests/browser.py), poppler-utils
# reads the books (pdftotext, pdfinfo, pdffonts in tests/test_pdf.py).
test=("${site[@]}" chromium poppler-utils)

usage() { echo "usage: $0 site|test [--dry-run]" >&2; exit 2; }
[ $# -ge 1 ] || usage
case "$1" in
  site) wanted=("${site[@]}") ;;
  test) wanted=("${test[@]}") ;;
  *) usage ;;
esac
target=$1
dry_run=false
[ "${2-}" = --dry-run ] && dry_run=true

if ! command -v dpkg-query >/dev/null; then
  echo "make $target: cannot check system packages here (no dpkg-query). It needs these" \
    "Debian packages or their equivalents: ${wanted[*]}" >&2
  exit 0
fi

missing=()
for package in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
  [ "$status" = installed ] || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

install="apt-get install -y --no-install-recommends ${missing[*]}"
if $dry_run; then
  echo "would run: apt-get update && $install"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "make $target needs these system packages: ${missing[*]}." >&2
  echo "Install them, then run make $target again:" >&2
  echo "    sudo apt-get update && sudo $install" >&2
  exit 1
fi
echo "make $target: installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
