#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# run-fuzz.sh FUZZER WORK_DIR SEED_CORPUS DICT
# Runs the fuzzer for a bounded time. libFuzzer's default exit code for a
# crash is 77, which meson reads as "skipped": map every failure to 1.
set -u
fuzzer=$1 work=$2 seeds=$3 dict=$4
mkdir -p "$work/corpus" "$work/artifacts" || exit 1
"$fuzzer" "$work/corpus" "$seeds" \
  -dict="$dict" \
  -max_total_time=20 -rss_limit_mb=2048 -timeout=10 -max_len=16384 \
  -error_exitcode=1 -timeout_exitcode=1 \
  -artifact_prefix="$work/artifacts/" -print_final_stats=1
status=$?
if [ "$status" -ne 0 ]; then
  echo "fuzz-feed failed (exit $status); the input is in $work/artifacts/" >&2
  exit 1
fi
exit 0
