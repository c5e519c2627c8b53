#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
#
# Fails when a catalogue in po/ lacks a translation of a string in the sources
# listed in po/POTFILES.in, or has one that is fuzzy or has a bad format.
# The template is extracted afresh, so a string added a minute ago counts.
#
# Usage: check-po-complete.sh SOURCE_DIR [LANG...]   (default: every LINGUAS)
set -eu

srcdir=$1
shift
export LC_ALL=C

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The listed files must all exist, or xgettext would stop at the first one.
grep -v '^[[:space:]]*\(#\|$\)' "$srcdir/po/POTFILES.in" > "$tmp/POTFILES"
missing=0
while IFS= read -r f; do
  if [ ! -f "$srcdir/$f" ]; then
    echo "po/POTFILES.in lists $f, which does not exist"
    missing=1
  fi
done < "$tmp/POTFILES"
[ "$missing" -eq 0 ] || exit 1

# The same keywords as meson's i18n.gettext(preset: 'glib').
xgettext --package-name=salonity-kiosk --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format \
  --flag=g_print:1:c-format --flag=g_printerr:1:c-format --flag=g_printf:1:c-format \
  --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format \
  -D "$srcdir" -f "$tmp/POTFILES" -o "$tmp/salonity-kiosk.pot"

if [ $# -eq 0 ]; then
  # LINGUAS may hold several languages on a line: split on purpose.
  # shellcheck disable=SC2046
  set -- $(grep -v '^[[:space:]]*\(#\|$\)' "$srcdir/po/LINGUAS")
fi
[ $# -gt 0 ] || { echo "po/LINGUAS lists no language"; exit 1; }

# Prints the references and msgid of each entry of a catalogue on stdin,
# leaving out the header (the one entry without a #: reference).
show_entries () {
  awk -v what="$1" 'BEGIN { RS = ""; FS = "\n" }
    /(^|\n)#:/ {
      for (i = 1; i <= NF; i++) {
        if ($i ~ /^msgstr/) break
        if ($i ~ /^(#:|msgctxt|msgid|")/) print "  " what " " $i
      }
    }'
}

status=0
for lang in "$@"; do
  po="$srcdir/po/$lang.po"
  if [ ! -f "$po" ]; then
    echo "$lang: po/$lang.po is missing"
    status=1
    continue
  fi
  msgmerge --quiet --no-wrap -o "$tmp/$lang.po" "$po" "$tmp/salonity-kiosk.pot"
  if ! msgfmt --check -o /dev/null "$tmp/$lang.po" 2> "$tmp/$lang.check"; then
    echo "$lang: msgfmt --check failed:"
    sed "s|$tmp/$lang.po|po/$lang.po (merged with the sources)|" "$tmp/$lang.check"
    status=1
  fi
  stats=$(msgfmt --statistics -o /dev/null "$tmp/$lang.po" 2>&1)
  echo "$lang: $stats"
  case "$stats" in
    *untranslated*|*fuzzy*)
      status=1
      # Name the strings, so whoever added them knows what to translate.
      msgattrib --untranslated --no-obsolete --no-wrap "$tmp/$lang.po" | show_entries untranslated
      msgattrib --only-fuzzy --no-obsolete --no-wrap "$tmp/$lang.po" | show_entries fuzzy
      echo "  run build-aux/update-po.sh and translate the strings in po/$lang.po"
      ;;
    *" translated message"*) ;;
    *)
      echo "$lang: could not read the statistics"
      status=1
      ;;
  esac
done
exit $status
