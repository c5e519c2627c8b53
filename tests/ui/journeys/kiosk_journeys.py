#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
#
# Pairing, customer and staff modes, the PIN pad and idle, as a person at
# the desk meets them, driven from another process through the
# accessibility tree (AT-SPI) of the real program, against the contract
# server (salonity-dev-server) on loopback:
#
#   pair       a fresh kiosk is paired: server, salon id, code, name, a new
#              staff PIN twice, Pair; the page tabs appear
#   self       a customer looks themselves up by their whole phone number
#              (typed with spaces) and sees only their first name, the
#              initial of their surname and their points; part of the
#              number shows no one
#   idle       staff open the staff pages with the PIN, see the Calendar;
#              nobody touches the screen for the (short) idle time-out; the
#              kiosk is back in customer mode with nothing of the last
#              customer left on screen
#   pin-lock   five wrong PINs lock PIN entry ("locked until …"); even the
#              right PIN waits then
#
# Each journey leaves <build>/screenshots/journeys/<lang>/<journey>.png.
# Everything runs in a private D-Bus session (its own AT-SPI bus, its own
# throwaway keyring for the device token and the PIN, its own runtime and
# data dirs) on the X display of the test run (xvfb-run in CI).
#
# usage: kiosk_journeys.py PROGRAM DEV-SERVER LANG      (TAP on stdout)

import builtins
import datetime
import gettext
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback

# kiosk_a11y, imported once the accessibility bus is known.
a11y = None

# Every journey runs on this salon day and time, whatever the real clock
# says: a Wednesday at 12:30, the demo salon's own "now" (src/demo/kiosk-demo-private.h),
# open, with the morning done and the afternoon's bookings ahead. The kiosk and the contract server both add KIOSK_TEST_CLOCK_OFFSET
# to the real clock (kiosk-context.h), so they agree on "now" and it runs on.
try:
    from zoneinfo import ZoneInfo
    SALON_TZ = ZoneInfo("Europe/Istanbul")
except Exception:  # no tzdata for Python: Istanbul has kept +03:00 since 2016
    SALON_TZ = datetime.timezone(datetime.timedelta(hours=3))
SALON_START = datetime.datetime(2026, 3, 11, 12, 30, tzinfo=SALON_TZ)


def pin_salon_clock():
    """Set KIOSK_TEST_CLOCK_OFFSET once per run, before anything starts."""
    if "KIOSK_TEST_CLOCK_OFFSET" not in os.environ:
        os.environ["KIOSK_TEST_CLOCK_OFFSET"] = "%.6f" % (SALON_START.timestamp() - time.time())


def surname_shown(last_name, texts, dump):
    """Whether a shown text holds @last_name other than inside a staff
    member's name: staff may share a customer's surname ("with Ayşe Kaya"
    beside the customer Mehmet Kaya), and only the customer's own surname is
    private in customer mode."""
    staff = sorted((r["data"].get("name") or "" for r in dump.get("employee", [])), key=len, reverse=True)
    for text in texts:
        for name in staff:
            if name:
                text = text.replace(name, "")
        if last_name in text:
            return True
    return False


def salon_now():
    """The salon's "now" as the kiosk and the contract server see it."""
    offset = float(os.environ.get("KIOSK_TEST_CLOCK_OFFSET") or 0)
    return datetime.datetime.fromtimestamp(time.time() + offset, SALON_TZ)

PIN = "2468"
WRONG_PIN = "1357"
IDLE_MS = 8000          # KIOSK_IDLE_TIMEOUT_MS of the idle journey
TEXT_DOMAIN = "salonity-kiosk"


# ---- the private session ---------------------------------------------------

def run_in_private_session():
    # The daemons the session starts write to stdout, so the TAP stream takes
    # a pipe of its own and this process copies it out.
    read_end, write_end = os.pipe()
    # A runtime dir of its own, so that nothing the session activates (the
    # portal, the keyring) meets those of an outer session; a data dir of its
    # own for the throwaway keyring.
    private = tempfile.mkdtemp(prefix="kiosk-journeys-")
    runtime_dir = os.path.join(private, "runtime")
    data_home = os.path.join(private, "data")
    os.mkdir(runtime_dir, 0o700)
    os.mkdir(data_home, 0o700)
    env = dict(os.environ, KIOSK_JOURNEYS_TAP_FD=str(write_end),
               XDG_RUNTIME_DIR=runtime_dir, XDG_DATA_HOME=data_home)
    env.pop("GNOME_KEYRING_CONTROL", None)
    child = subprocess.Popen(["dbus-run-session", "--", sys.executable] + sys.argv,
                             env=env, stdout=sys.stderr, pass_fds=[write_end])
    os.close(write_end)
    with os.fdopen(read_end) as tap:
        for line in tap:
            sys.stdout.write(line)
            sys.stdout.flush()
    status = child.wait()
    remove_private_dir(private)
    return status


def remove_private_dir(path):
    # The document portal the session started mounts runtime/doc (FUSE); it
    # may still be going away, and then even looking at it fails.
    for _ in range(20):
        try:
            shutil.rmtree(path)
            return
        except FileNotFoundError:
            return
        except OSError:
            for tool in ("fusermount3", "fusermount"):
                if shutil.which(tool):
                    subprocess.run([tool, "-u", "-z", os.path.join(path, "runtime", "doc")],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                    break
            time.sleep(0.25)
    sys.stderr.write("kiosk_journeys: could not remove %s\n" % path)


def start_keyring():
    # As build-aux/quickstart does: --unlock makes the login keyring with a
    # throwaway password and the default collection; --start prints what
    # clients need.
    subprocess.run(["gnome-keyring-daemon", "--unlock", "--components=secrets"],
                   input=b"salonity-kiosk-journeys", stdout=subprocess.DEVNULL, check=True, timeout=30)
    started = subprocess.run(["gnome-keyring-daemon", "--start", "--components=secrets"],
                             stdout=subprocess.PIPE, check=True, timeout=30, text=True)
    for line in started.stdout.splitlines():
        key, _, value = line.partition("=")
        if key and value:
            os.environ[key] = value


def use_session_a11y_bus():
    # Both sides must use this session's accessibility bus: under X11 they
    # would otherwise read its address from the root window, where another
    # test's (long gone) bus may still be written on a shared Xvfb.
    from gi.repository import Gio, GLib

    session = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    reply = session.call_sync("org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus", "GetAddress",
                              None, GLib.VariantType("(s)"), Gio.DBusCallFlags.NONE, 20000, None)
    os.environ["AT_SPI_BUS_ADDRESS"] = reply.unpack()[0]


# ---- the contract server and the kiosk ---------------------------------------

class DevServer:
    def __init__(self, program, work_dir, code):
        self.log_path = os.path.join(work_dir, "server.log")
        data_dir = os.path.join(work_dir, "server")
        os.mkdir(data_dir)
        with open(self.log_path, "w") as log:
            # Open every day: the journeys check people in for today's
            # bookings, and the demo salon is closed on Sundays.
            self.proc = subprocess.Popen([program, "--port", "0", "--seed", "demo", "--pairing-code", code,
                                          "--data-dir", data_dir, "--open-every-day"],
                                         stdout=subprocess.PIPE, stderr=log, text=True)
        # The salon id on stdout once it listens, the address on stderr.
        self.salon = self.proc.stdout.readline().strip()
        self.uri = None
        deadline = time.monotonic() + 30
        while self.uri is None and time.monotonic() < deadline and self.proc.poll() is None:
            with open(self.log_path) as log:
                found = re.search(r"serving (http://\S+)", log.read())
            if found:
                self.uri = found.group(1)
            else:
                time.sleep(0.1)
        if not self.salon or self.uri is None:
            with open(self.log_path) as log:
                raise RuntimeError("salonity-dev-server did not start: " + log.read())

    def stop(self):
        stop_process(self.proc)


def stop_process(proc):
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


class Kiosk:
    """The program, on a data dir, with the accessibility bridge on."""

    def __init__(self, program, data_dir, extra_env=None):
        self.program = program
        self.data_dir = data_dir
        self.env = dict(os.environ)
        # test_env turns the bridge off for the other tests: on here.
        self.env.pop("NO_AT_BRIDGE", None)
        self.env.pop("GTK_A11Y", None)
        self.env.update(extra_env or {})
        self.proc = subprocess.Popen([program, "--data-dir=" + data_dir], env=self.env)

    def alive(self):
        return self.proc.poll() is None

    def stop(self):
        stop_process(self.proc)

    def dump(self):
        """Rows of the local database (--dump-replica), by entity."""
        env = dict(os.environ)
        env.pop("KIOSK_IDLE_TIMEOUT_MS", None)
        out = subprocess.run([self.program, "--data-dir=" + self.data_dir, "--dump-replica"],
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=60)
        rows = {}
        if out.returncode != 0:
            return rows
        for line in out.stdout.splitlines():
            row = json.loads(line)
            rows.setdefault(row["entity"], []).append(row)
        return rows


# ---- what is on the screen, in the language of the run -----------------------

class Words:
    def __init__(self, lang, localedir):
        # English is the msgid itself; any other language must have its
        # catalogue in the build tree.
        self.t = gettext.translation(TEXT_DOMAIN, localedir=localedir, languages=[lang],
                                     fallback=(lang == "en"))

    def __call__(self, msgid):
        return self.t.gettext(msgid)

    def n(self, singular, plural, n):
        return self.t.ngettext(singular, plural, n)

    def p(self, context, msgid):
        """A string the program marks with a context (C_ in C)."""
        return self.t.pgettext(context, msgid)


def pattern(translated):
    """A regular expression of a translated printf format: each %s, %u or
    %d matches some text (a group)."""
    parts = re.split(r"%[sud]", translated)
    return "^" + "(.+?)".join(re.escape(p) for p in parts) + "$"


def mask_surname(surname):
    # What the screen shows of a surname: its initial, capitalised the
    # Turkish way, and four stars (tests/ui/test-ui-kiosk.c checks the rule).
    first = surname[:1]
    upper = {"i": "İ", "ı": "I"}.get(first, first.upper())
    return upper + "****" if first else ""


def spaced_phone(e164):
    # +905321234567 as a person types it: 0532 123 45 67.
    d = e164[3:]
    return "0%s %s %s %s" % (d[0:3], d[3:6], d[6:8], d[8:10])


# ---- the journeys ---------------------------------------------------------------

class Journeys:
    def __init__(self, program, server_program, lang, log):
        self.program = program
        self.server_program = server_program
        self.lang = lang
        self.log = log
        build = os.environ.get("KIOSK_BUILD_DIR") or os.getcwd()
        localedir = os.environ.get("KIOSK_LOCALEDIR") or os.path.join(build, "po")
        self.shots = os.path.join(build, "screenshots", "journeys", lang)
        self.w = Words(lang, localedir)
        self.work = tempfile.mkdtemp(prefix="kiosk-journeys-work-")
        self.data_dir = os.path.join(self.work, "kiosk")
        os.mkdir(self.data_dir)
        self.code = "%06d" % random.randrange(1000000)
        self.server = DevServer(server_program, self.work, self.code)
        self.kiosk = None
        self.customer = None
        self.customer_tabs = [self.w(t) for t in ("Welcome", "Walk-ins", "Check-in", "Loyalty")]

    def close(self):
        if self.kiosk is not None:
            self.kiosk.stop()
        self.server.stop()
        shutil.rmtree(self.work, ignore_errors=True)

    def start_kiosk(self, extra_env=None):
        if self.kiosk is not None:
            self.kiosk.stop()
        self.kiosk = Kiosk(self.program, self.data_dir, extra_env)
        self.screen = a11y.Screen(self.kiosk.proc.pid, self.log)

    def screenshot(self, name):
        path = os.path.join(self.shots, name + ".png")
        a11y.screenshot(path)
        self.log("screenshot: %s" % path)

    @staticmethod
    def expect(what, ok):
        if not ok:
            raise a11y.JourneyFailure(what)

    def wait_customer_tabs(self, timeout=30):
        pages = self.w("Pages")
        return self.screen.wait_for("the customer page tabs %s" % self.customer_tabs,
                                    lambda: self.screen.tab_names(pages) == self.customer_tabs, timeout)

    # 1. pairing ------------------------------------------------------------

    def journey_pair(self):
        Role = a11y.Role

        w = self.w
        self.start_kiosk()
        s = self.screen
        title = w("Pair this kiosk with your salon")
        s.wait_control(Role.HEADING, title, 60)
        # The normal pages are not on screen yet.
        self.expect("no page tabs before pairing", s.tab_names(w("Pages")) is None)

        s.fill(Role.TEXT, w("_Server address"), self.server.uri)
        s.fill(Role.TEXT, w("Salon _id"), self.server.salon)
        s.fill(Role.TEXT, w("_Pairing code"), self.code)
        s.fill(Role.TEXT, w("_Name of this kiosk"), "Ön büro 1")
        s.fill(Role.PASSWORD_TEXT, w("New staff _PIN"), PIN)
        s.fill(Role.PASSWORD_TEXT, w("Staff PIN _again"), PIN)
        s.press_button(w("P_air"))

        self.wait_customer_tabs(60)
        self.expect("the pairing screen is gone", s.find(Role.HEADING, title) is None)
        selected = [t for t in s.find_all(Role.PAGE_TAB)
                    if t.get_state_set().contains(a11y.Atspi.StateType.SELECTED)]
        self.expect("the Welcome tab is the selected one",
                    [t.get_name() for t in selected] == [w("Welcome")])
        # The welcome page's big buttons say what they do.
        for action in ("Walk in", "Check in", "Loyalty points"):
            self.expect("a button named “%s” on the welcome page" % w(action),
                        s.find(Role.PUSH_BUTTON, w(action)) is not None)
        self.screenshot("pair")

        # The first sync brings the salon's customers down.
        def synced():
            rows = self.kiosk.dump()
            customers = [r["data"] for r in rows.get("customer", [])]
            for c in customers:
                if (c.get("phone") or "").startswith("+90") and len(c["phone"]) == 13 and c.get("last_name") \
                        and c.get("first_name"):
                    return c
            return None
        self.customer = s.wait_for("the first sync (a customer with a Turkish phone in the replica)", synced, 60)
        self.log("customer: %s %s, %s, %s points" % (self.customer["first_name"], mask_surname(self.customer["last_name"]),
                                                     self.customer["phone"][:6] + "…", self.customer.get("current_points")))

    # 4. self lookup ----------------------------------------------------------

    def lookup(self, phone):
        Role = a11y.Role

        w = self.w
        self.screen.select_tab(w("Pages"), w("Loyalty"))
        self.screen.fill(Role.TEXT, w("Your _phone number"), phone)
        self.screen.press_button(w("_Show my points"))

    def journey_self(self):
        Role = a11y.Role

        w = self.w
        s = self.screen
        c = self.customer
        phone = spaced_phone(c["phone"])
        shown_name = "%s %s" % (c["first_name"], mask_surname(c["last_name"]))
        points = int(c.get("current_points") or 0)
        points_re = pattern(w.n("%s point · %s", "%s points · %s", points))

        self.lookup(phone)
        s.wait_control(Role.LABEL, shown_name, 10)
        texts = s.shown_texts()
        matched = [t for t in texts if re.match(points_re, t)]
        self.expect("the points shown (%s) under the name, got %s" % (points, matched),
                    len(matched) == 1 and re.match(points_re, matched[0]).group(1) == str(points))
        self.expect("the customer's surname is not shown as theirs",
                    not surname_shown(c["last_name"], texts, self.kiosk.dump()))
        self.screenshot("self-lookup")

        # Part of the number: no one, and the last result goes.
        partial = phone[:8]
        no_one = w("No membership was found for this number. Check that you typed your whole phone "
                   "number, or become a member below.")
        self.screen.fill(Role.TEXT, w("Your _phone number"), partial)
        s.press_button(w("_Show my points"))
        s.wait_control(Role.LABEL, no_one, 10)
        texts = s.shown_texts()
        self.expect("no name after part of a number", not any(c["first_name"] in t for t in texts))
        self.expect("no points after part of a number", not any(re.match(points_re, t) for t in texts))
        self.screenshot("self-lookup-partial")

    # 3. staff mode and the idle time-out -------------------------------------

    def enter_pin(self, pin):
        """Tap the digits of the PIN pad, then OK."""
        Role = a11y.Role
        keys = {}
        for button in self.screen.find_all(Role.PUSH_BUTTON):
            keys.setdefault(a11y.plain(button.get_name() or ""), button)
        for key in list(pin) + [self.w("OK")]:
            if key not in keys:
                raise a11y.JourneyFailure("no “%s” key on the PIN pad" % key)
            self.screen.press(keys[key])

    def open_pin_pad(self):
        Role = a11y.Role

        w = self.w
        self.screen.press_button(w("Staff sign-in"))
        return self.screen.wait_control(Role.PASSWORD_TEXT, w("Staff PIN"), 10)

    def journey_idle(self):
        Role = a11y.Role

        w = self.w
        # Restarted with a short idle time-out (the schema's least is 15 s).
        self.start_kiosk({"KIOSK_IDLE_TIMEOUT_MS": str(IDLE_MS)})
        s = self.screen
        pages = w("Pages")
        staff_tabs = self.customer_tabs + [w("Queue"), w("Calendar"), w("Needs attention"), w("Team"), w("Settings")]
        c = self.customer
        phone = spaced_phone(c["phone"])
        shown_name = "%s %s" % (c["first_name"], mask_surname(c["last_name"]))

        self.wait_customer_tabs(60)
        # Someone is at the screen while this goes on.
        s.touching = True
        # A customer looked themselves up and left their points on screen.
        self.lookup(phone)
        s.wait_control(Role.LABEL, shown_name, 5)
        self.open_pin_pad()
        self.enter_pin(PIN)
        s.wait_for("the staff page tabs", lambda: s.tab_names(pages) == staff_tabs, 10)
        s.wait_for("the Calendar page", lambda: s.find(Role.HEADING, w("Calendar")), 10)
        self.expect("the PIN pad is gone", s.find(Role.PASSWORD_TEXT, w("Staff PIN")) is None)
        self.screenshot("idle-staff-mode")

        # Staff look the same person up by name: their card is on screen.
        full = "%s %s" % (c["first_name"], c["last_name"])
        s.select_tab(pages, w("Loyalty"))
        s.fill(Role.ENTRY, w("Search customers"), c["first_name"])
        s.wait_control(Role.PUSH_BUTTON, full, 15)
        s.press_button(full)
        s.wait_for("the card of the customer", lambda: s.find(Role.HEADING, full), 10)
        self.expect("still in staff mode while someone is at the screen", s.tab_names(pages) == staff_tabs)

        # Then nobody touches the screen.
        s.touching = False
        self.wait_customer_tabs(IDLE_MS / 1000 + 20)
        waited = time.monotonic() - s.last_touch
        self.log("back to customer mode %.1f s after the last touch (idle time-out %.1f s)" % (waited, IDLE_MS / 1000))
        self.expect("staff mode lasted the idle time-out after the last touch (%.1f s)" % waited,
                    waited >= IDLE_MS / 1000 - 0.5)
        self.screenshot("idle")
        texts = s.shown_texts()
        for what, text in (("the surname", c["last_name"]), ("the first name", c["first_name"]),
                           ("the masked name", shown_name), ("the typed phone", phone),
                           ("the phone", c["phone"])):
            self.expect("%s is not left on screen" % what, not any(text in t for t in texts))
        # The Loyalty page is empty for the next person, who is at the screen.
        s.touching = True
        s.select_tab(pages, w("Loyalty"))
        entry = s.wait_control(Role.TEXT, w("Your _phone number"), 5)
        self.expect("the phone field is empty", a11y.text_of(entry) == "")
        texts = s.shown_texts()
        self.expect("no name on the Loyalty page", not any(c["first_name"] in t for t in texts))

    # 2. five wrong PINs ------------------------------------------------------

    def journey_pin_lock(self):
        Role = a11y.Role

        w = self.w
        self.start_kiosk()
        s = self.screen
        pages = w("Pages")
        self.wait_customer_tabs(60)
        self.open_pin_pad()
        ok = w("OK")

        def idle_pad():
            button = s.find(Role.PUSH_BUTTON, ok)
            return button is not None and button.get_state_set().contains(a11y.Atspi.StateType.SENSITIVE)

        for attempt in range(1, 5):
            wrong = w.n("Wrong PIN. %u more try before PIN entry is locked.",
                        "Wrong PIN. %u more tries before PIN entry is locked.", 5 - attempt) % (5 - attempt)
            self.enter_pin(WRONG_PIN)
            s.wait_control(Role.LABEL, wrong, 15)
            # The page tabs are under the PIN pad now.
            self.expect("no staff tabs after a wrong PIN", s.tab_names(pages, False) == self.customer_tabs)
        self.enter_pin(WRONG_PIN)
        locked_re = pattern(w("Too many wrong PINs. PIN entry is locked until %s."))

        def locked():
            return [t for t in s.shown_texts() if re.match(locked_re, t)]
        shown = s.wait_for("the lock-out message", locked, 15)
        until = re.match(locked_re, shown[0]).group(1)
        self.expect("locked until a time of day (%s)" % until, re.fullmatch(r"\d\d:\d\d", until) is not None)
        self.screenshot("pin-lock")

        # Even the right PIN waits now.
        self.enter_pin(PIN)
        s.wait_for("the PIN check", idle_pad, 15)
        self.expect("the lock-out message stays", locked())
        self.expect("no staff tabs with the right PIN while locked",
                    s.tab_names(pages, False) == self.customer_tabs)
        self.expect("the PIN pad stays", s.find(Role.PASSWORD_TEXT, w("Staff PIN")) is not None)


def run_journeys(script, module, make_journeys, plan_of):
    """The TAP run of one journey file: @module's journeys (made by
    make_journeys(program, server_program, lang, log)) in the order of
    plan_of(journeys), a list of (name, title, callable); the first is the
    pairing the others need. Runs itself again in a private session first."""
    if "KIOSK_JOURNEYS_TAP_FD" not in os.environ:
        return run_in_private_session()

    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    tap = os.fdopen(int(os.environ.pop("KIOSK_JOURNEYS_TAP_FD")), "w", buffering=1)

    def out(*args):
        builtins.print(*args, file=tap)

    def log(message):
        for line in str(message).splitlines():
            out("# " + line)

    if len(sys.argv) != 4:
        out("Bail out! usage: %s PROGRAM DEV-SERVER LANG" % os.path.basename(script))
        return 2
    program, server_program, lang = sys.argv[1:]
    if not os.environ.get("DISPLAY"):
        out("Bail out! no X display: run under xvfb-run (the journeys read the screen of X)")
        return 1
    os.environ["LANGUAGE"] = lang
    pin_salon_clock()

    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import gi
    gi.require_version("Atspi", "2.0")
    start_keyring()
    use_session_a11y_bus()
    global a11y
    import kiosk_a11y
    a11y = kiosk_a11y
    module.a11y = kiosk_a11y

    try:
        journeys = make_journeys(program, server_program, lang, log)
    except Exception as error:
        out("Bail out! cannot set up the journeys: %s" % error)
        return 1
    plan = plan_of(journeys)
    out("1..%d" % len(plan))
    failed = 0
    try:
        for number, (name, title, run) in enumerate(plan, 1):
            try:
                if number > 1 and journeys.customer is None:
                    raise RuntimeError("needs the paired kiosk of the first journey")
                started = time.monotonic()
                run()
                log("%s took %.0f s" % (name, time.monotonic() - started))
                out("ok %d - %s: %s" % (number, name, title))
            except Exception as error:
                failed += 1
                out("not ok %d - %s: %s" % (number, name, title))
                log("%s: %s" % (type(error).__name__, error))
                if not isinstance(error, a11y.JourneyFailure):
                    log(traceback.format_exc())
                # A journey that stopped the server must not leave it stopped.
                if journeys.server is not None and journeys.server.proc.poll() is None:
                    os.kill(journeys.server.proc.pid, signal.SIGCONT)
                try:
                    journeys.screenshot(name + "-failed")
                except Exception:
                    pass
                if journeys.kiosk is not None and not journeys.kiosk.alive():
                    log("the program exited with status %s" % journeys.kiosk.proc.returncode)
    finally:
        journeys.close()
    return 1 if failed else 0


def main():
    return run_journeys(__file__, sys.modules[__name__], Journeys, lambda journeys: [
        ("pair", "a fresh kiosk pairs with the salon and shows its page tabs", journeys.journey_pair),
        ("self", "a customer finds only themselves by their whole phone number", journeys.journey_self),
        ("idle", "staff mode returns to customer mode after the idle time-out, leaving nothing on screen",
         journeys.journey_idle),
        ("pin-lock", "five wrong PINs lock PIN entry until a time shown", journeys.journey_pin_lock),
    ])


if __name__ == "__main__":
    sys.exit(main())
