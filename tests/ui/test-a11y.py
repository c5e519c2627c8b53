#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
#
# What a screen reader sees: starts the built program on the demo salon with
# accessibility on, in a private D-Bus session (with its own AT-SPI bus), and
# reads the page tabs from the accessibility tree of another process.
#
# usage: test-a11y.py PROGRAM        (TAP on stdout)

import builtins
import os
import shutil
import subprocess
import sys
import tempfile
import time

EXPECTED = {
    # The rail's labels by LANGUAGE; the msgids are the English ones.
    # Customer mode: the staff pages (Calendar, Staff, Settings) wait for the PIN.
    "en": ["Welcome", "Walk-ins", "Check-in", "Loyalty"],
}


def run_in_private_session():
    # A private session bus, so the AT-SPI bus and its registry are ours and
    # go away with the test. The daemons it starts write to stdout, so the
    # TAP stream takes a pipe of its own and this process copies it out.
    read_end, write_end = os.pipe()
    # A runtime dir of its own too: daemons the session activates (the
    # portal, the keyring it asks for) must not find those of an outer
    # session through the old runtime dir, or they wait on each other.
    runtime_dir = tempfile.mkdtemp(prefix="kiosk-a11y-run-")
    env = dict(os.environ, KIOSK_A11Y_TAP_FD=str(write_end), XDG_RUNTIME_DIR=runtime_dir)
    child = subprocess.Popen(["dbus-run-session", "--", sys.executable] + sys.argv,
                             env=env, stdout=sys.stderr, pass_fds=[write_end])
    os.close(write_end)
    with os.fdopen(read_end) as tap:
        for line in tap:
            sys.stdout.write(line)
            sys.stdout.flush()
    status = child.wait()
    remove_runtime_dir(runtime_dir)
    return status


def remove_runtime_dir(path):
    # The document portal the session activated mounts a FUSE file system
    # at doc/, which is dead once the session bus is gone: rmtree then got
    # ECONNABORTED and failed a test whose checks had passed. Unmount it
    # (lazily) first; the clean-up never decides the result.
    doc = os.path.join(path, "doc")
    for tool in ("fusermount3", "fusermount"):
        if shutil.which(tool):
            subprocess.run([tool, "-u", "-z", doc], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            break
    try:
        shutil.rmtree(path, ignore_errors=True)
    except OSError as error:
        sys.stderr.write("# could not remove %s: %s\n" % (path, error))


def find(node, role, out, depth=0):
    if node is None or depth > 40:
        return out
    try:
        if node.get_role() == role:
            out.append(node)
        for i in range(node.get_child_count()):
            find(node.get_child_at_index(i), role, out, depth + 1)
    except Exception:
        pass
    return out


def main():
    if "KIOSK_A11Y_TAP_FD" not in os.environ:
        return run_in_private_session()

    global print
    tap = os.fdopen(int(os.environ.pop("KIOSK_A11Y_TAP_FD")), "w", buffering=1)
    print = lambda *args: builtins.print(*args, file=tap)

    import gi
    gi.require_version("Atspi", "2.0")
    from gi.repository import Gio, GLib

    # Both sides must use this session's accessibility bus. Under X11 they
    # would otherwise read its address from the root window, where another
    # test's (long gone) bus may still be written on a shared Xvfb.
    session = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    reply = session.call_sync("org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus", "GetAddress",
                              None, GLib.VariantType("(s)"), Gio.DBusCallFlags.NONE, 20000, None)
    os.environ["AT_SPI_BUS_ADDRESS"] = reply.unpack()[0]

    from gi.repository import Atspi

    program = sys.argv[1]
    env = dict(os.environ)
    # test_env turns the bridge off for the other tests: turn it on here.
    env.pop("NO_AT_BRIDGE", None)
    env.pop("GTK_A11Y", None)
    env["LANGUAGE"] = "en"
    env["LC_ALL"] = "C.UTF-8"

    print("1..3")
    with tempfile.TemporaryDirectory(prefix="kiosk-a11y-") as data_dir:
        proc = subprocess.Popen([program, "--demo", "--data-dir=" + data_dir], env=env)
        try:
            tab_list = None
            deadline = time.monotonic() + 30
            while tab_list is None and time.monotonic() < deadline:
                time.sleep(0.5)
                desktop = Atspi.get_desktop(0)
                for i in range(desktop.get_child_count()):
                    app = desktop.get_child_at_index(i)
                    if app is None or app.get_process_id() != proc.pid:
                        continue
                    # The rail, named "Pages" (the calendar's Day/Week switch
                    # is a tab list too).
                    lists = [node for node in find(app, Atspi.Role.PAGE_TAB_LIST, [])
                             if node.get_name() == "Pages"]
                    if lists:
                        tab_list = lists[0]
                if proc.poll() is not None:
                    break

            if tab_list is None:
                print("not ok 1 - the program shows a page tab list to assistive technologies")
                print("Bail out! no page tab list found (program exit status %s)" % proc.poll())
                return 1
            print("ok 1 - the program shows a page tab list to assistive technologies")

            tabs = [tab_list.get_child_at_index(i) for i in range(tab_list.get_child_count())]
            tabs = [t for t in tabs if t is not None and t.get_role() == Atspi.Role.PAGE_TAB]
            names = [t.get_name() for t in tabs]
            if names == EXPECTED["en"]:
                print("ok 2 - the customer page tabs named %s" % ", ".join(names))
            else:
                print("not ok 2 - the customer page tabs named as on screen")
                print("# expected %s, got %s" % (EXPECTED["en"], names))

            selected = [t.get_name() for t in tabs
                        if t.get_state_set().contains(Atspi.StateType.SELECTED)]
            if selected == ["Welcome"]:
                print("ok 3 - the Welcome tab is the selected one")
            else:
                print("not ok 3 - the Welcome tab is the selected one")
                print("# selected: %s" % selected)
            return 0 if names == EXPECTED["en"] and selected == ["Welcome"] else 1
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


if __name__ == "__main__":
    sys.exit(main())
