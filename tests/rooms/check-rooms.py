#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
#
# The rooms of src/ are kept by the compiler, not by review (HACKING.md, "The
# rooms and their arrows"): a file of one room that includes a header of a
# room it may not use does not compile. This test takes, for each room, the
# exact command the build compiles one of its files with (compile_commands.json)
# and compiles one-line probes with it: every header of an allowed room must
# compile (so the probe itself is sound), every header of a forbidden room and
# every forbidden library must fail with "No such file". (An allowed room's
# -private.h headers are its own business and are not probed.)
import json
import os
import shlex
import subprocess
import sys
import tempfile

build_dir, source_dir = (os.path.abspath(p) for p in sys.argv[1:3])
src = os.path.join(source_dir, 'src')

# room -> (rooms it may see, libraries it may not see)
ROOMS = {
    'domain':  ({'domain'}, ['gtk/gtk.h', 'libsoup/soup.h', 'json-glib/json-glib.h', 'libsecret/secret.h']),
    'replica': ({'replica', 'domain'}, ['gtk/gtk.h', 'libsoup/soup.h', 'json-glib/json-glib.h', 'libsecret/secret.h']),
    'demo':    ({'demo', 'replica', 'domain'}, ['gtk/gtk.h', 'libsoup/soup.h', 'json-glib/json-glib.h']),
    'sync':    ({'sync', 'replica', 'domain'}, ['gtk/gtk.h']),
    # core drives sync but never reads or writes the wire format itself, so
    # sync's JSON headers are out of its reach (no json-glib in core).
    'core':    ({'core', 'sync', 'replica', 'demo', 'domain'}, ['gtk/gtk.h', 'json-glib/json-glib.h']),
    'ui':      ({'ui', 'core', 'domain'}, ['libsoup/soup.h', 'json-glib/json-glib.h', 'libsecret/secret.h']),
}


def headers(room):
    folder = os.path.join(src, room)
    return sorted(f for f in os.listdir(folder) if f.endswith('.h'))


def command_for(room):
    with open(os.path.join(build_dir, 'compile_commands.json')) as f:
        entries = json.load(f)
    for entry in entries:
        path = os.path.normpath(os.path.join(entry['directory'], entry['file']))
        if os.path.dirname(path) == os.path.join(src, room) and path.endswith('.c'):
            return entry
    raise SystemExit(f'no file of src/{room}/ in compile_commands.json')


def probe(entry, include, scratch):
    words = shlex.split(entry['command'])
    # The compiler and its flags, without the file it compiled and its outputs.
    keep, skip = [], False
    for word in words:
        if skip:
            skip = False
            continue
        if word in ('-o', '-MF', '-MQ', '-MT', '-c'):
            skip = word != '-c'
            continue
        if word.endswith('.c') or word in ('-MD', '-fdiagnostics-color=always'):
            continue
        keep.append(word)
    probe_c = os.path.join(scratch, 'probe.c')
    with open(probe_c, 'w') as f:
        f.write(f'#include "config.h"\n#include <{include}>\n' if '/' in include
                else f'#include "config.h"\n#include "{include}"\n')
    result = subprocess.run(keep + ['-fsyntax-only', '-Wno-unused', probe_c],
                            cwd=entry['directory'], capture_output=True, text=True)
    return result.returncode == 0, result.stderr


failures = 0
checks = 0
with tempfile.TemporaryDirectory() as scratch:
    for room, (allowed, libraries) in ROOMS.items():
        entry = command_for(room)
        for other in ROOMS:
            for header in headers(other):
                ok, err = probe(entry, header, scratch)
                checks += 1
                if other in allowed and other != room and header.endswith('-private.h'):
                    continue  # another room's insides: not for this room, whatever the compiler says
                if other in allowed and not ok and \
                   any(f'{library}: No such file' in err for library in libraries):
                    continue  # the header needs a library this room may not use
                if other in allowed and not ok:
                    failures += 1
                    print(f'not ok: src/{room}/ may use {other}/{header}, but it does not compile:\n{err}')
                elif other not in allowed and ok:
                    failures += 1
                    print(f'not ok: src/{room}/ can include {other}/{header}, a room it may not use')
                elif other not in allowed and 'No such file' not in err:
                    failures += 1
                    print(f'not ok: src/{room}/ with {other}/{header} failed, but not for want of the header:\n{err}')
        for library in libraries:
            ok, err = probe(entry, library, scratch)
            checks += 1
            if ok:
                failures += 1
                print(f'not ok: src/{room}/ can include <{library}>')

print(f'{checks} probes, {failures} wrong')
sys.exit(1 if failures else 0)
