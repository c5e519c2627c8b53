#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
#
# Regenerates po/salonity-kiosk.pot from the sources in po/POTFILES.in, merges
# it into every po/*.po and says what is left to translate. Run it after adding
# or changing a user-visible string, then translate what it lists
# (the po-complete test fails until nothing is untranslated or fuzzy).
#
# Usage: build-aux/update-po.sh [BUILD_DIR]     (default: build)
set -eu

srcdir=$(cd "$(dirname "$0")/.." && pwd)
builddir=${1:-$srcdir/build}
export LC_ALL=C

if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" "$srcdir"
fi

# The template, with the same xgettext keywords as the build.
ninja -C "$builddir" salonity-kiosk-pot
# Merge into po/*.po (msgmerge --update, keeps the translations).
ninja -C "$builddir" salonity-kiosk-update-po

status=0
# LINGUAS may hold several languages on a line.
# shellcheck disable=SC2013
for lang in $(grep -v '^[[:space:]]*\(#\|$\)' "$srcdir/po/LINGUAS"); do
  po="$srcdir/po/$lang.po"
  stats=$(msgfmt --check --statistics -o /dev/null "$po" 2>&1) || status=1
  echo "$lang: $stats"
  untranslated=$(msgattrib --untranslated --no-obsolete "$po" | grep -c '^msgid ' || true)
  fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$po" | grep -c '^msgid ' || true)
  # msgattrib keeps the header entry in its output; do not count it.
  [ "$untranslated" -gt 0 ] && untranslated=$((untranslated - 1))
  [ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
  echo "$lang: $untranslated untranslated, $fuzzy fuzzy"
  if [ "$untranslated" -ne 0 ] || [ "$fuzzy" -ne 0 ]; then
    status=1
    echo "  see: msgattrib --untranslated po/$lang.po; msgattrib --only-fuzzy po/$lang.po"
  fi
done
exit $status
