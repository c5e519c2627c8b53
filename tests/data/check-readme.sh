#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
#
# The README's "Quick start" is a promise: exactly two one-line commands, the
# first starts the demo, the second runs the tests, and CI (.ci/run) runs that
# second command exactly as written, so the README is what CI proves.
#
# Usage: check-readme.sh SOURCE_DIR
set -eu

srcdir=$1
cd "$srcdir"
export LC_ALL=C.UTF-8

status=0
fail () { echo "$*"; status=1; }

# The fenced blocks between "## Quick start" and the next "## " heading, one
# block a line (lines of a block joined by a tab).
blocks=$(awk '
  /^## / { inside = ($0 == "## Quick start"); next }
  !inside { next }
  /^```/ { if (fence) { print block; block = ""; fence = 0 } else { fence = 1; n = 0 } next }
  fence { block = (n++ ? block "\t" : "") $0 }
' README.md)

grep -qx '## Quick start' README.md || fail "README.md has no \"## Quick start\" heading"
count=$(printf '%s\n' "$blocks" | grep -c . || true)
[ "$count" -eq 2 ] || fail "README.md: \"## Quick start\" holds $count fenced blocks, expected 2"

first=$(printf '%s\n' "$blocks" | sed -n 1p)
second=$(printf '%s\n' "$blocks" | sed -n 2p)
[ "$first" = "build-aux/quickstart demo" ] || fail "README.md: the first Quick start command is \"$first\", expected \"build-aux/quickstart demo\""
[ "$second" = "build-aux/quickstart test" ] || fail "README.md: the second Quick start command is \"$second\", expected \"build-aux/quickstart test\""

[ -x build-aux/quickstart ] || fail "build-aux/quickstart is not executable"
[ -x .ci/run ] || fail ".ci/run is not executable"
if [ -n "$second" ] && ! grep -qxF -- "$second" .ci/run; then
  fail ".ci/run does not run the README's second command \"$second\" as written"
fi
bash -n build-aux/quickstart || fail "build-aux/quickstart has a syntax error"
bash -n .ci/run || fail ".ci/run has a syntax error"

[ "$status" -eq 0 ] && echo "README.md Quick start: \"$first\", then \"$second\" (which .ci/run runs)"
exit $status
