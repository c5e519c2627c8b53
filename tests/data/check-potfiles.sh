#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
#
# Fails when a source file with translatable strings (_(), N_(), C_(), NC_(),
# ngettext, or translatable="yes" in a .ui file) is not in po/POTFILES.in,
# when a desktop/metainfo/schema file in data/ is not, or when POTFILES.in
# lists a file that does not exist. Strings missing from POTFILES.in are never
# extracted, so they would silently stay in English.
#
# Usage: check-potfiles.sh SOURCE_DIR
set -eu

srcdir=$1
cd "$srcdir"
export LC_ALL=C

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

grep -v '^[[:space:]]*\(#\|$\)' po/POTFILES.in | sort -u > "$tmp/listed"

{
  find src -type f \( -name '*.c' -o -name '*.h' -o -name '*.ui' \) -print0 |
    xargs -0 grep -lE '(^|[^A-Za-z0-9_])(N|C|NC)?_[[:space:]]*\(|(^|[^A-Za-z0-9_])n?gettext[[:space:]]*\(|g_dn?p?gettext2?[[:space:]]*\(|translatable="(yes|true|1)"' || true
  find data -maxdepth 1 -type f \( -name '*.desktop.in' -o -name '*.metainfo.xml.in' -o -name '*.gschema.xml' \) -print
} | sed 's|^\./||' | sort -u > "$tmp/needed"

status=0
for f in $(comm -23 "$tmp/needed" "$tmp/listed"); do
  echo "$f has translatable strings but is not listed in po/POTFILES.in"
  status=1
done
while IFS= read -r f; do
  if [ ! -f "$f" ]; then
    echo "po/POTFILES.in lists $f, which does not exist"
    status=1
  fi
done < "$tmp/listed"

if [ "$status" -eq 0 ]; then
  echo "po/POTFILES.in lists all $(wc -l < "$tmp/needed") files with translatable strings"
fi
exit $status
