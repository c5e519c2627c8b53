#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
#
# Issue 5, item 5, as staff at the desk meet it, through the accessibility
# tree of the real program against salonity-dev-server on loopback:
#
#   pair       a fresh kiosk pairs with the salon (kiosk_journeys.py)
#   refused    staff open the staff pages; the contract server stops; a
#              banner says since when the kiosk is offline; staff book a
#              free slot, and the banner counts one change waiting.
#              Meanwhile another device books the same slot on the server
#              (through its HTTP API, with a device token of its own, while
#              the kiosk cannot reach it). The server returns: the kiosk's
#              booking is refused, the banner goes, "Needs attention" shows
#              the refusal with "Book next free slot (…)"; staff press it,
#              and the server ends with exactly one booking per slot and the
#              kiosk's booking at the next free time.
#
# Screenshots: <build>/screenshots/journeys/<lang>/refused-*.png.
#
# usage: refused_journeys.py PROGRAM DEV-SERVER LANG      (TAP on stdout)

import json
import os
import re
import sqlite3
import subprocess
import sys
import time
import urllib.request
import uuid

# No __pycache__ in the source tree.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kiosk_journeys as kj  # noqa: E402

a11y = None


def positional_pattern(translated):
    """A regular expression of a translated printf format, %s, %u, %d and
    their positional forms (%1$s) each matching some text."""
    parts = re.split(r"%(?:\d+\$)?[sud]", translated)
    return "^" + "(.+?)".join(re.escape(p) for p in parts) + "$"


class Server:
    """salonity-dev-server on a data dir that outlives it: stopped and
    started again on the same port, as an outage does."""

    def __init__(self, program, data_dir, log_path):
        self.program = program
        self.data_dir = data_dir
        self.log_path = log_path
        self.proc = None

    def start(self, port, code=None):
        args = [self.program, "--port", str(port), "--data-dir", self.data_dir]
        if code:
            args += ["--seed", "demo", "--pairing-code", code]
        with open(self.log_path, "a") as log:
            mark = log.tell()
            self.proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=log, text=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and self.proc.poll() is None:
            with open(self.log_path) as log:
                log.seek(mark)
                found = re.search(r"serving (http://\S+)", log.read())
            if found:
                return found.group(1)
            time.sleep(0.1)
        raise RuntimeError("salonity-dev-server did not start again on port %s" % port)

    def stop(self):
        if self.proc is not None:
            kj.stop_process(self.proc)
            self.proc = None

    def db(self):
        return sqlite3.connect(os.path.join(self.data_dir, "server.sqlite3"), timeout=10)

    def live_bookings(self):
        with self.db() as db:
            rows = db.execute("SELECT data FROM rows WHERE entity = 'appointment' AND deleted = 0").fetchall()
        return [json.loads(r[0]) for r in rows]


def http(method, url, body=None, token=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    request.add_header("Accept", "application/json")
    if token:
        request.add_header("Authorization", "Token " + token)
        request.add_header("Idempotency-Key", str(uuid.uuid4()))
    try:
        with urllib.request.urlopen(request, timeout=20) as reply:
            return reply.status, json.loads(reply.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


class RefusedJourneys(kj.Journeys):
    def __init__(self, program, server_program, lang, log):
        super().__init__(program, server_program, lang, log)
        found = re.match(r"http://[^:/]+:(\d+)", self.server.uri)
        self.port = int(found.group(1))

    def banner_texts(self):
        w = self.w
        patterns = [positional_pattern(w.n("Offline since %1$s — %2$u change will upload when the connection returns",
                                           "Offline since %1$s — %2$u changes will upload when the connection returns",
                                           n)) for n in (1, 2)]
        patterns.append(positional_pattern(w("Offline since %s — the desk keeps working; changes will upload when "
                                             "the connection returns")))
        out = []
        for node in self.screen.find_all(a11y.Role.NOTIFICATION) + self.screen.find_all(a11y.Role.ALERT):
            name = node.get_name() or ""
            for p in patterns:
                m = re.match(p, name)
                if m:
                    out.append((name, m.groups()))
        return out

    def book_on_kiosk(self):
        """Staff book the first free time of the first service, for the
        first customer found, in the calendar's booking panel."""
        Role = a11y.Role
        w = self.w
        s = self.screen
        rows = self.kiosk.dump()
        services = [r["data"] for r in rows.get("service", []) if r["data"].get("is_active", True)]
        customers = [r["data"] for r in rows.get("customer", []) if r["data"].get("first_name")]
        before = {r["data"]["id"] for r in rows.get("appointment", [])}

        s.select_tab(w("Pages"), w("Calendar"))
        s.press_button(w("New booking"), 15)
        service = next(svc for svc in services
                       if s.find(Role.PUSH_BUTTON, svc["name"]) or s.find(Role.TOGGLE_BUTTON, svc["name"]))
        s.press(s.find(Role.PUSH_BUTTON, service["name"]) or s.find(Role.TOGGLE_BUTTON, service["name"]))

        def a_time():
            for role in (Role.PUSH_BUTTON, Role.TOGGLE_BUTTON, Role.RADIO_BUTTON):
                for node in s.find_all(role):
                    if re.match(r"^\d\d:\d\d", node.get_name() or ""):
                        return node
            return None
        s.press(s.wait_for("a free time", a_time, 15))
        customer = customers[0]
        s.fill(Role.TEXT, w("Customer"), customer["first_name"])
        s.press(s.wait_for("the customer in the results",
                           lambda: next((n for n in s.find_all(Role.PUSH_BUTTON) + s.find_all(Role.LIST_ITEM)
                                         if (n.get_name() or "").startswith(customer["first_name"])), None), 15))
        s.press_button(w("_Book"), 15)

        def made():
            rows_now = self.kiosk.dump()
            new = [r["data"] for r in rows_now.get("appointment", []) if r["data"]["id"] not in before]
            return new[0] if new else None
        return s.wait_for("the new booking in the kiosk's replica", made, 15)

    def journey_refused(self):
        Role = a11y.Role
        w = self.w
        s = self.screen
        pages = w("Pages")

        # Staff are at the screen all along (the idle time-out would lock it).
        s.touching = True
        self.open_pin_pad()
        self.enter_pin(kj.PIN)
        s.wait_for("the staff page tabs", lambda: w("Needs attention") in (s.tab_names(pages) or []), 15)
        s.select_tab(pages, w("Needs attention"))
        s.wait_control(Role.LABEL, w("Nothing needs attention"), 15)

        # The contract server stops.
        server = Server(self.server_program, os.path.join(self.work, "server"), self.server.log_path)
        n_before = len(server.live_bookings())
        kj.stop_process(self.server.proc)
        offline = s.wait_for("the offline banner", self.banner_texts, 120)
        self.log("banner: %s" % offline[0][0])
        since = offline[0][1][0]
        self.expect("offline since a time of day (%s)" % since, re.fullmatch(r"\d\d:\d\d", since) is not None)

        mine = self.book_on_kiosk()
        one = w.n("Offline since %1$s — %2$u change will upload when the connection returns",
                  "Offline since %1$s — %2$u changes will upload when the connection returns", 1)
        s.wait_for("the banner to count the booking",
                   lambda: [b for b in self.banner_texts() if b[0] == one.replace("%1$s", since).replace("%2$u", "1")],
                   15)
        self.screenshot("refused-offline-banner")

        # Another device books the same slot while the kiosk cannot reach
        # the server (the server answers on another port meanwhile).
        other_code = "%06d" % ((int(self.code) + 1) % 1000000)
        other_uri = server.start(0, other_code)
        status, enrolled = http("POST", other_uri + "/api/kiosk/v1/devices/",
                                {"salon": self.server.salon, "pairing_code": other_code, "name": "Telefon"})
        self.expect("the other device pairs (%s %s)" % (status, enrolled), status in (200, 201))
        other_customer = next(r["data"]["id"] for r in self.kiosk.dump().get("customer", [])
                              if r["data"]["id"] != mine["customer"])
        status, theirs = http("POST", other_uri + "/api/kiosk/v1/appointments/",
                              {"id": str(uuid.uuid4()), "customer": other_customer, "service": mine["service"],
                               "employee": mine["employee"], "appointment_date": mine["appointment_date"],
                               "appointment_time": mine["appointment_time"], "source": "kiosk"},
                              enrolled["token"])
        self.expect("the other device books the same slot (%s %s)" % (status, theirs), status == 201)
        server.stop()

        # The server returns where the kiosk knows it.
        server.start(self.port)
        self.server.proc = server.proc
        refused_name = w.n("%u change refused", "%u changes refused", 1) % 1
        s.wait_for("the kiosk's booking refused (“%s” on the rail)" % refused_name,
                   lambda: [t for t in s.find_all(Role.PAGE_TAB) if t.get_description() == refused_name], 180)
        s.wait_for("the banner to go", lambda: not self.banner_texts(), 30)

        next_re = positional_pattern(w("Book next free slot (%s, %s)"))
        button = s.wait_for("the “Book next free slot” button",
                            lambda: next((b for b in s.find_all(Role.PUSH_BUTTON)
                                          if re.match(next_re, b.get_name() or "")), None), 30)
        self.log("offered: %s" % button.get_name())
        self.screenshot("refused-needs-attention")
        s.press(button)
        s.wait_control(Role.LABEL, w("Nothing needs attention"), 15)

        # Theirs and the kiosk's new one: two more than before the outage.
        def settled():
            bookings = server.live_bookings()
            return bookings if len(bookings) >= n_before + 2 else None
        bookings = s.wait_for("the new booking on the server", settled, 120)
        time.sleep(2)
        bookings = server.live_bookings()
        self.expect("two bookings more on the server than before the outage (%d, %d)" % (len(bookings), n_before),
                    len(bookings) == n_before + 2 and theirs["id"] in {b["id"] for b in bookings})
        self.expect("the kiosk's first booking never reached the server",
                    mine["id"] not in {b["id"] for b in bookings})
        slots = {}
        for b in bookings:
            if b.get("status") in ("pending", "confirmed", "completed") and b.get("employee"):
                key = (b["employee"], b["appointment_date"], b["appointment_time"])
                slots[key] = slots.get(key, 0) + 1
        doubled = [k for k, n in slots.items() if n > 1]
        self.expect("exactly one booking per slot on the server (doubled: %s)" % doubled, not doubled)
        self.screenshot("refused-booked")


def main():
    return kj.run_journeys(__file__, sys.modules[__name__], RefusedJourneys, lambda journeys: [
        ("pair", "a fresh kiosk pairs with the salon", journeys.journey_pair),
        ("refused", "a booking made offline and refused on return is booked at the next free slot from "
                    "Needs attention; one booking per slot on the server", journeys.journey_refused),
    ])


if __name__ == "__main__":
    sys.exit(main())
