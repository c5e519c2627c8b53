#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
#
# The pictures of data/screenshots/ (the README, the AppStream metainfo),
# taken from the running program: the demo salon on its own day and time
# (Wednesday 11 March 2026, 12:30 in Istanbul, as the UI journeys pin it),
# in a 1280×800 window maximized on a 1280×800 X screen, driven page by page
# through its accessibility tree with the journeys' helpers
# (tests/ui/journeys):
#
#   welcome    customer mode, the Welcome page
#   loyalty    customer mode, a member's own points looked up by phone
#   walkins    staff mode, the walk-in queue with how long each has waited
#   calendar   staff mode, the busy demo day in the Calendar's day view
#
# Before each picture it checks that the page is the one named and that
# the window fills the screen, and waits until two captures a moment apart
# are the same (nothing half drawn). The mouse pointer rests on the header
# bar's empty middle, where nothing lights up under it; X captures do not
# show the pointer itself. The PNGs are written without metadata, so the
# same pixels give the same file.
#
# build-aux/quickstart screenshots runs this for English and Turkish under
# xvfb-run; by hand (an X server of that size with no window manager):
#
#   xvfb-run -a -s "-screen 0 1280x800x24" build-aux/screenshots.py build en data/screenshots
#
# usage: screenshots.py BUILD_DIR LANG OUT_DIR

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

srcdir = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(srcdir, "tests", "ui", "journeys"))
import kiosk_journeys as kj  # noqa: E402
import calendar_journeys  # noqa: E402

WIDTH, HEIGHT = 1280, 800
LOCALES = {"en": "en_US.UTF-8", "tr": "tr_TR.UTF-8"}
# Where the pointer rests: the header bar between the title and the clock.
POINTER = (850, 20)

# GNOME's own interface font, a steady text cursor and no transitions (a
# picture never catches a page half slid in).
GTK_SETTINGS = """[Settings]
gtk-font-name=Cantarell 11
gtk-cursor-blink=false
gtk-enable-animations=false
"""
# Xvfb has no compositor, so GTK draws its windows "solid-csd", with a
# border to grab for resizing even when maximized; a GNOME session's
# maximized window has none. The user style sheet takes it off.
GTK_CSS = """window.solid-csd { padding: 0; border: none; box-shadow: none; }
"""
# The kiosk's settings, read through the keyfile backend (the memory
# backend cannot be preset): the window maximized, so that it fills the
# screen without rounded corners or shadow (with no window manager on the
# display, GTK keeps its 1280×800 size at the screen's corner and draws it
# maximized), and an idle time-out longer than the run.
KIOSK_SETTINGS = """[com/salonity/Kiosk]
window-maximized=true
idle-timeout=3600
"""


class Failure(Exception):
    """The program did not show what the picture is meant to show."""


class DemoKiosk(kj.Kiosk):
    """kj.Kiosk (its dump() and stop()) started on the demo salon."""

    def __init__(self, program, data_dir, env):
        self.program = program
        self.data_dir = data_dir
        self.env = env
        self.proc = subprocess.Popen([program, "--demo", "--data-dir=" + data_dir], env=env)


def capture():
    """The X screen as raw RGB bytes."""
    out = subprocess.run(["import", "-window", "root", "-depth", "8", "rgb:-"], check=True,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60).stdout
    if len(out) != WIDTH * HEIGHT * 3:
        raise Failure("the X screen is not %d×%d (run under xvfb-run -s \"-screen 0 %dx%dx24\")"
                      % (WIDTH, HEIGHT, WIDTH, HEIGHT))
    return out


def steady_capture(log, timeout=20.0):
    """A capture equal to the one taken just before it."""
    deadline = time.monotonic() + timeout
    last = capture()
    while True:
        time.sleep(0.5)
        now = capture()
        if now == last:
            return now
        if time.monotonic() > deadline:
            raise Failure("the screen kept changing for %.0f s" % timeout)
        log("(the screen is still changing)")
        last = now


def write_png(raw, path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with tempfile.NamedTemporaryFile(suffix=".rgb") as tmp:
        tmp.write(raw)
        tmp.flush()
        # -strip: no time stamps or other chunks, only the pixels.
        subprocess.run(["convert", "-size", "%dx%d" % (WIDTH, HEIGHT), "-depth", "8", "rgb:" + tmp.name,
                        "-strip", "-define", "png:compression-level=9", path],
                       check=True, stderr=subprocess.PIPE, timeout=60)


class Tour:
    def __init__(self, build, lang, out_dir, log):
        self.build = build
        self.lang = lang
        self.out_dir = out_dir
        self.log = log
        self.w = kj.Words(lang, os.path.join(build, "po"))
        self.work = tempfile.mkdtemp(prefix="kiosk-screenshots-")
        self.kiosk = None

    def close(self):
        if self.kiosk is not None:
            self.kiosk.stop()
        shutil.rmtree(self.work, ignore_errors=True)

    def environment(self):
        config = os.path.join(self.work, "config")
        os.makedirs(os.path.join(config, "gtk-4.0"))
        os.makedirs(os.path.join(config, "glib-2.0", "settings"))
        with open(os.path.join(config, "gtk-4.0", "settings.ini"), "w") as f:
            f.write(GTK_SETTINGS)
        with open(os.path.join(config, "gtk-4.0", "gtk.css"), "w") as f:
            f.write(GTK_CSS)
        with open(os.path.join(config, "glib-2.0", "settings", "keyfile"), "w") as f:
            f.write(KIOSK_SETTINGS)
        env = dict(os.environ, XDG_CONFIG_HOME=config, LANGUAGE=self.lang, LC_ALL=LOCALES[self.lang],
                   GSETTINGS_BACKEND="keyfile", GSETTINGS_SCHEMA_DIR=os.path.join(self.build, "data"),
                   KIOSK_LOCALEDIR=os.path.join(self.build, "po"), GDK_BACKEND="x11", GSK_RENDERER="cairo")
        # The accessibility bridge on (the tests' environment turns it off).
        for name in ("NO_AT_BRIDGE", "GTK_A11Y", "WAYLAND_DISPLAY", "KIOSK_IDLE_TIMEOUT_MS"):
            env.pop(name, None)
        return env

    def start(self):
        data_dir = os.path.join(self.work, "kiosk")
        self.kiosk = DemoKiosk(os.path.join(self.build, "src", "salonity-kiosk"), data_dir, self.environment())
        self.screen = kj.a11y.Screen(self.kiosk.proc.pid, self.log)

    # ---- what is on screen -------------------------------------------------

    def expect(self, what, ok):
        if not ok:
            raise Failure(what)

    def window_fills_screen(self):
        app = self.screen.application()
        if app is None or app.get_child_count() == 0:
            return False
        frame = app.get_child_at_index(0)
        # GTK 4 knows no screen coordinates: the window's own size.
        box = frame.get_extents(kj.a11y.Atspi.CoordType.WINDOW)
        return (box.width, box.height) == (WIDTH, HEIGHT)

    def selected_page(self):
        """The names of the selected tabs of the page rail."""
        Atspi = kj.a11y.Atspi
        rail = self.screen.find(kj.a11y.Role.PAGE_TAB_LIST, self.w("Pages"))
        tabs = [rail.get_child_at_index(i) for i in range(rail.get_child_count())] if rail is not None else []
        return [t.get_name() for t in tabs
                if t is not None and t.get_state_set().contains(Atspi.StateType.SELECTED)]

    def shoot(self, name, tab):
        s = self.screen
        s.wait_for("the window to fill the %d×%d screen" % (WIDTH, HEIGHT), self.window_fills_screen, 20)
        self.expect("the “%s” page is the one shown (%s)" % (tab, self.selected_page()),
                    self.selected_page() == [tab])
        kj.a11y.Atspi.generate_mouse_event(POINTER[0], POINTER[1], "abs")
        raw = steady_capture(self.log)
        path = os.path.join(self.out_dir, name + ".png")
        write_png(raw, path)
        self.log("%s: %s (%d KB)" % (name, path, os.path.getsize(path) // 1024))

    # ---- the pages -----------------------------------------------------------

    def member(self):
        """A member to look up: a mobile number, a level and points; the
        same one every run (the demo salon is made from a fixed seed)."""
        rows = self.screen.wait_for("the demo salon's customers",
                                    lambda: self.kiosk.dump().get("customer"), 30)
        members = [r["data"] for r in rows
                   if re.fullmatch(r"\+905\d{9}", r["data"].get("phone") or "")
                   and r["data"].get("first_name") and r["data"].get("last_name")
                   and 50 <= int(r["data"].get("current_points") or 0) <= 500]
        self.expect("a member with points in the demo salon", members)
        return sorted(members, key=lambda c: (-int(c["current_points"]), c["phone"]))[0]

    def run(self):
        Role = kj.a11y.Role
        w = self.w
        s = self.screen
        pages = w("Pages")
        customer_tabs = [w(t) for t in ("Welcome", "Walk-ins", "Check-in", "Loyalty")]
        staff_tabs = customer_tabs + [w(t) for t in ("Queue", "Calendar", "Needs attention", "Team", "Settings")]

        # Customer mode: the Welcome page.
        s.wait_for("the customer page tabs", lambda: s.tab_names(pages) == customer_tabs, 60)
        for action in ("Walk in", "Check in", "Loyalty points"):
            s.wait_control(Role.PUSH_BUTTON, w(action), 10)
        self.shoot("welcome", w("Welcome"))

        # A member looks up their own points by phone.
        c = self.member()
        shown_name = "%s %s" % (c["first_name"], kj.mask_surname(c["last_name"]))
        s.select_tab(pages, w("Loyalty"))
        s.fill(Role.TEXT, w("Your _phone number"), kj.spaced_phone(c["phone"]))
        s.press_button(w("_Show my points"))
        s.wait_control(Role.LABEL, shown_name, 10)
        points = int(c["current_points"])
        points_re = kj.pattern(w.n("%s point · %s", "%s points · %s", points))
        s.wait_for("their points (%d) under their name" % points,
                   lambda: [t for t in s.shown_texts()
                            if re.match(points_re, t) and re.match(points_re, t).group(1) == str(points)], 10)
        self.shoot("loyalty", w("Loyalty"))

        # Staff mode (the demo salon asks no PIN): the walk-in queue.
        s.press_button(w("Staff sign-in"))
        s.wait_for("the staff page tabs", lambda: s.tab_names(pages) == staff_tabs, 15)
        s.select_tab(pages, w("Queue"))
        waiting = kj.pattern(w("waiting %s"))
        estimate = kj.pattern(w("Estimated wait: %s"))

        def queue_shown():
            texts = s.shown_texts()
            return (w("The queue") in texts and any(re.match(waiting, t) for t in texts)
                    and any(re.match(estimate, t) for t in texts))
        s.wait_for("the queue with how long each has waited and the estimated waits", queue_shown, 15)
        self.shoot("walkins", w("Queue"))

        # The Calendar's day view on the busy demo day.
        s.select_tab(pages, w("Calendar"))
        s.wait_for("the Calendar page", lambda: s.find(Role.HEADING, w("Calendar")), 10)
        block = calendar_journeys.timed_pattern(w("%s, %s, %s, %s, with %s"))
        blocks = s.wait_for("the day's bookings in the day view",
                            lambda: [n for n in s.find_all(Role.PUSH_BUTTON) if re.match(block, n.get_name() or "")],
                            30)
        self.log("calendar: %d bookings shown" % len(blocks))
        self.expect("a busy day (%d bookings shown)" % len(blocks), len(blocks) >= 10)
        self.shoot("calendar", w("Calendar"))


def main():
    if "KIOSK_JOURNEYS_TAP_FD" not in os.environ:
        # Again in a private D-Bus session with its own accessibility bus,
        # keyring, runtime and data dirs (kiosk_journeys.py).
        return kj.run_in_private_session()
    out = os.fdopen(int(os.environ.pop("KIOSK_JOURNEYS_TAP_FD")), "w", buffering=1)

    def log(message):
        print("screenshots: %s" % message, file=out)

    if len(sys.argv) != 4 or sys.argv[2] not in LOCALES:
        log("usage: %s BUILD_DIR {%s} OUT_DIR" % (os.path.basename(sys.argv[0]), ",".join(LOCALES)))
        return 2
    build, lang, out_dir = os.path.abspath(sys.argv[1]), sys.argv[2], os.path.abspath(sys.argv[3])
    if not os.environ.get("DISPLAY"):
        log("no X display: run under xvfb-run -a -s \"-screen 0 %dx%dx24\"" % (WIDTH, HEIGHT))
        return 1
    kj.pin_salon_clock()
    import gi
    gi.require_version("Atspi", "2.0")
    kj.start_keyring()
    kj.use_session_a11y_bus()
    import kiosk_a11y
    kj.a11y = kiosk_a11y

    tour = Tour(build, lang, out_dir, log)
    try:
        tour.start()
        tour.run()
    except (Failure, kiosk_a11y.JourneyFailure) as error:
        log("FAILED (%s): %s" % (lang, error))
        return 1
    finally:
        tour.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
