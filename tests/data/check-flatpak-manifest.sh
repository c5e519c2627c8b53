#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
#
# Fails when flatpak-builder cannot read the manifest, prints anything on
# stderr while reading it (a warning today is a build failure tomorrow), or
# when the manifest asks for other permissions than the kiosk needs.
#
# Usage: check-flatpak-manifest.sh MANIFEST
set -eu

manifest=$1
export LC_ALL=C

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cd "$tmp"
if ! flatpak-builder --show-manifest "$manifest" > "$tmp/out" 2> "$tmp/err"; then
  echo "flatpak-builder --show-manifest $manifest failed:"
  cat "$tmp/err"
  exit 1
fi
if [ -s "$tmp/err" ]; then
  echo "flatpak-builder printed on stderr:"
  cat "$tmp/err"
  exit 1
fi

python3 - "$tmp/out" <<'PY'
import json, sys

m = json.load(open(sys.argv[1]))
problems = []

def expect(what, got, want):
    if got != want:
        problems.append(f"{what} is {got!r}, expected {want!r}")

expect("id", m.get("id") or m.get("app-id"), "com.salonity.Kiosk")
expect("runtime", m.get("runtime"), "org.gnome.Platform")
expect("sdk", m.get("sdk"), "org.gnome.Sdk")
expect("command", m.get("command"), "salonity-kiosk")
# The Secret portal serves libsecret inside the sandbox: no talk-name, no
# home or host file access.
expect("finish-args", m.get("finish-args"),
       ["--share=ipc", "--share=network", "--socket=wayland",
        "--socket=fallback-x11", "--device=dri"])

modules = m.get("modules", [])
ours = [mod for mod in modules if isinstance(mod, dict) and mod.get("name") == "salonity-kiosk"]
if len(ours) != 1:
    problems.append("there must be exactly one module named salonity-kiosk")
else:
    mod = ours[0]
    expect("the module's buildsystem", mod.get("buildsystem"), "meson")
    expect("the module's run-tests", mod.get("run-tests"), True)
    # Built from this very checkout (minus build trees), not from a download.
    expect("the module's sources", [{k: v for k, v in s.items() if k != "skip"}
                                    for s in mod.get("sources", [])],
           [{"type": "dir", "path": "."}])
for path in ("/include", "/lib/pkgconfig"):
    if path not in m.get("cleanup", []):
        problems.append(f"cleanup does not remove {path}")

for p in problems:
    print(p)
if problems:
    sys.exit(1)
print("the manifest is valid and asks only for ipc, network, wayland, fallback-x11 and dri")
PY
