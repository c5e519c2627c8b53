#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
#
# Booking and checking in from the staff calendar, driven from another
# process through the accessibility tree of the real program, against
# salonity-dev-server:
#
#   book       staff unlock, open the Calendar, New booking, choose a
#              service, take the first free time offered ("14:30 with
#              Ayşe …", the next day's when today has none left), find an
#              existing customer by typing their name, Book; the replica
#              holds the pending booking, and the server has it exactly
#              once (one booking of that customer at that time)
#   check-in   open a booking of today from the day view, Check in; the
#              panel says early, late or on time; the server has the
#              check-in exactly once
#
# Each runs once online and once with the contract server stopped (SIGSTOP)
# before the change and resumed (SIGCONT) after it. Screenshots in
# <build>/screenshots/journeys/<lang>/.
#
# usage: booking_journeys.py PROGRAM DEV-SERVER LANG      (TAP on stdout)

import json
import os
import re
import signal
import sqlite3
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kiosk_journeys as kj  # noqa: E402

a11y = None

OPEN = ("pending", "confirmed")


def seconds(value):
    """An appointment_time as the dump has it ("14:30:00" or seconds)."""
    if isinstance(value, int):
        return value
    parts = [int(p) for p in str(value).split(":")]
    return parts[0] * 3600 + parts[1] * 60 + (parts[2] if len(parts) > 2 else 0)


class ServerDb:
    """The contract server's own database (read only, beside it)."""

    def __init__(self, work_dir):
        self.path = os.path.join(work_dir, "server", "server.sqlite3")

    def query(self, sql, args=()):
        db = sqlite3.connect("file:%s?mode=ro" % self.path, uri=True, timeout=10)
        try:
            return db.execute(sql, args).fetchall()
        finally:
            db.close()

    def bookings(self, customer_id, date, time_of_day):
        """The server's live bookings of that customer at that time."""
        out = []
        for (data,) in self.query("SELECT data FROM rows WHERE entity = 'appointment' AND deleted = 0"):
            a = json.loads(data)
            if a.get("customer") == customer_id and a.get("appointment_date") == date and \
                    seconds(a.get("appointment_time")) == time_of_day and a.get("status") in OPEN:
                out.append(a)
        return out

    def check_ins(self, appointment_id):
        rows = self.query("SELECT data FROM changes WHERE entity = 'appointment' AND id = ? ORDER BY seq",
                          (appointment_id,))
        return sum(1 for (data,) in rows if json.loads(data or "{}").get("checked_in_at"))


class BookingJourneys(kj.Journeys):
    def __init__(self, *args):
        super().__init__(*args)
        self.db = ServerDb(self.work)
        self.used = set()
        self.server_stopped = False
        self.booked = []     # (appointment id, customer) booked by these journeys

    def close(self):
        self.resume_server()
        super().close()

    def start_kiosk(self, extra_env=None):
        super().start_kiosk(extra_env)
        # Staff are at the screen all along: the idle time-out (60 s) would
        # otherwise lock staff mode between two journeys, while the last one
        # waits for the server.
        self.screen.touching = True

    # ---- the server going away and coming back --------------------------

    def stop_server(self):
        self.server.proc.send_signal(signal.SIGSTOP)
        self.server_stopped = True
        self.log("contract server stopped (SIGSTOP)")

    def resume_server(self):
        if self.server_stopped:
            self.server.proc.send_signal(signal.SIGCONT)
            self.server_stopped = False
            self.log("contract server resumed (SIGCONT)")

    def exactly_once(self, what, count, timeout=90):
        s = self.screen
        s.wait_for("%s on the server" % what, lambda: count() >= 1, timeout, 0.5)
        time.sleep(3)
        n = count()
        self.expect("%s on the server exactly once (found %d)" % (what, n), n == 1)

    # ---- the tree under one panel -----------------------------------------

    def panel(self, name):
        """The booking or details panel (a group with that name), shown."""
        s = self.screen
        return s.wait_for("the “%s” panel" % name,
                          lambda: s.find(a11y.Role.PANEL, name), 15)

    def nodes_under(self, root):
        """The nodes under @root (a shown panel) that have a size. Screen.is_shown
        does not see through the calendar's stack of panels on GTK 4.8, so
        within a panel a size is what tells shown from not."""
        out = []
        stack = [root]
        while stack:
            node = stack.pop()
            try:
                if not a11y.has_size(node) or (a11y.is_stack_page(node) and node.get_child_count() and
                                               not a11y.has_size(node.get_child_at_index(0))):
                    continue
                out.append(node)
                children = [node.get_child_at_index(i) for i in range(node.get_child_count())]
                stack.extend(c for c in reversed(children) if c is not None)
            except Exception:
                continue
        return out

    def under(self, root, role, match):
        """Nodes of @role under @root whose name passes match()."""
        out = []
        for node in self.nodes_under(root):
            try:
                roles = role if isinstance(role, tuple) else (role,)
                if node.get_role() in roles and match(node.get_name() or ""):
                    out.append(node)
            except Exception:
                continue
        return out

    def texts_under(self, root):
        texts = []
        for node in self.nodes_under(root):
            try:
                for text in (node.get_name(), node.get_description(), a11y.text_of(node)):
                    if text:
                        texts.append(text)
            except Exception:
                continue
        return texts

    def press_under(self, root, role, label, timeout=15):
        node = self.screen.wait_for("“%s” in the panel" % a11y.plain(label),
                                    lambda: (self.under(root, role, lambda n: a11y.name_matches(n, label))
                                             or [None])[0], timeout)
        self.screen.press(node)

    # ---- data ------------------------------------------------------------

    def pick_service(self, rows):
        """A short active service that several active staff do."""
        staff = [r["data"] for r in rows.get("employee", []) if r["data"].get("is_active", True)]
        best = None
        for r in rows.get("service", []):
            sv = r["data"]
            if not sv.get("is_active", True) or int(sv.get("duration") or 0) > 45:
                continue
            able = sum(1 for e in staff if sv["id"] in (e.get("services") or []))
            if able and (best is None or able > best[0]):
                best = (able, sv)
        if best is None:
            raise a11y.JourneyFailure("no short service that staff do in the replica")
        return best[1]

    def pick_customer(self, rows):
        for r in sorted(rows.get("customer", []), key=lambda r: r["data"]["id"]):
            c = r["data"]
            if c["id"] not in self.used and not r.get("pending") and c.get("first_name") and c.get("last_name"):
                self.used.add(c["id"])
                return c
        raise a11y.JourneyFailure("no customer left to book for")

    def pick_booking_today(self, rows):
        """Today's open booking, not checked in, of a known customer: one of
        ours when it is today, else the salon's first after now."""
        now = kj.salon_now()
        today = now.strftime("%Y-%m-%d")
        customers = {r["data"]["id"]: r["data"] for r in rows.get("customer", [])}
        services = {r["data"]["id"]: r["data"] for r in rows.get("service", [])}
        appts = [r["data"] for r in rows.get("appointment", [])]
        ours = {a for a, _ in self.booked}
        candidates = [a for a in appts
                      if a.get("appointment_date") == today and a.get("status") in OPEN and
                      not a.get("checked_in_at") and a["id"] not in self.used and
                      (customers.get(a.get("customer")) or {}).get("last_name")]
        candidates.sort(key=lambda a: (a["id"] not in ours, seconds(a.get("appointment_time")) <
                                       now.hour * 3600 + now.minute * 60, seconds(a.get("appointment_time"))))
        if not candidates:
            raise a11y.JourneyFailure("no open booking today (%s) in the replica: a closed day?" % today)
        a = candidates[0]
        self.used.add(a["id"])
        return a, customers[a["customer"]], services.get(a.get("service"), {})

    # ---- staff mode and the calendar ----------------------------------------

    def unlock(self):
        w = self.w
        pages = w("Pages")
        s = self.screen
        if s.tab_names(pages) and w("Calendar") in s.tab_names(pages):
            return
        self.open_pin_pad()
        self.enter_pin(kj.PIN)
        s.wait_for("the staff page tabs", lambda: w("Calendar") in (s.tab_names(pages) or []), 15)

    def open_calendar(self):
        w = self.w
        self.unlock()
        self.screen.select_tab(w("Pages"), w("Calendar"))
        self.screen.wait_for("the Calendar page", lambda: self.screen.find(a11y.Role.HEADING, w("Calendar")), 10)

    # ---- 1. book a free time -----------------------------------------------------

    def book(self, offline):
        Role = a11y.Role
        w = self.w
        s = self.screen
        suffix = "-offline" if offline else ""
        rows = self.kiosk.dump()
        service = self.pick_service(rows)
        c = self.pick_customer(rows)
        full = "%s %s" % (c["first_name"], c["last_name"])
        known = {r["data"]["id"] for r in rows.get("appointment", [])}
        self.log("service %s…, customer %s…" % (service["id"][:8], c["id"][:8]))

        self.open_calendar()
        s.press_button(w("_New booking"))
        panel = self.panel(w("New booking"))
        # A toggle button (GTK 4.8 may present it as a push button that is pressed).
        self.press_under(panel, (Role.TOGGLE_BUTTON, Role.PUSH_BUTTON), service["name"])

        # The first free time, a day later when the day has none left.
        slot_re = kj.pattern(w("%s with %s"))

        def slots():
            return [n for n in self.under(panel, Role.PUSH_BUTTON,
                                          lambda name: re.match(slot_re, name) is not None)
                    if re.fullmatch(r"\d\d:\d\d", re.match(slot_re, n.get_name()).group(1))]
        found = []
        for _ in range(8):
            try:
                found = s.wait_for("free times", slots, 4)
                break
            except a11y.JourneyFailure:
                self.press_under(panel, Role.PUSH_BUTTON, w("Next day"))
        self.expect("free times offered within a week", found)
        slot_name = found[0].get_name()
        self.log("%d free times; taking the first (%s)" % (len(found), re.match(slot_re, slot_name).group(1)))
        self.screenshot("booking-slots" + suffix)
        s.press(found[0])

        entry = s.wait_for("the customer search", lambda: self.under(
            panel, Role.ENTRY, lambda n: a11y.name_matches(n, w("Search customers"))), 10)[0]
        if not a11y.Atspi.EditableText.set_text_contents(entry, full):
            raise a11y.JourneyFailure("the customer search refused the text")
        self.press_under(panel, Role.PUSH_BUTTON, full)
        book = self.screen.wait_for("the Book button", lambda: self.under(panel, Role.PUSH_BUTTON,
                                    lambda n: a11y.name_matches(n, w("_Book"))), 10)[0]
        texts = self.texts_under(panel)
        self.expect("the summary names the customer", any(full in t for t in texts))
        self.expect("the summary names the service", any(service["name"] in t for t in texts))
        self.screenshot("booking-summary" + suffix)

        if offline:
            self.stop_server()
        s.press(book)

        def booked():
            dump = self.kiosk.dump()
            new = [r for r in dump.get("appointment", [])
                   if r["data"]["id"] not in known and r["data"].get("customer") == c["id"]]
            return new[0] if new else None
        row = s.wait_for("the booking in the replica", booked, 15)
        appt = row["data"]
        self.booked.append((appt["id"], c))
        self.expect("the booking waits to upload (pending)", row.get("pending") or offline is False)
        shown = [t for t in self.texts_under(panel) if t in (w("Booked"), w("Booked — will upload when the connection returns"))]
        self.log("after Book: %s" % (shown[0] if shown else "the panel closed"))
        self.screenshot("booking" + suffix)

        if offline:
            time.sleep(3)
            self.expect("nothing reached the stopped server",
                        not self.db.bookings(c["id"], appt["appointment_date"], seconds(appt["appointment_time"])))
        self.resume_server()
        self.exactly_once("the booking", lambda: len(self.db.bookings(c["id"], appt["appointment_date"],
                                                                      seconds(appt["appointment_time"]))))

    def journey_book(self):
        self.book(False)

    def journey_book_offline(self):
        self.book(True)

    # ---- 2. open a booking and check it in -----------------------------------------

    def check_in(self, offline):
        Role = a11y.Role
        w = self.w
        s = self.screen
        suffix = "-offline" if offline else ""
        rows = self.kiosk.dump()
        appt, c, service = self.pick_booking_today(rows)
        full = "%s %s" % (c["first_name"], c["last_name"])
        self.log("booking %s… at %s" % (appt["id"][:8], appt.get("appointment_time")))

        self.open_calendar()
        s.press_button(w("_Today"))

        # The day view's block of that booking: "<time>, <customer>, <service>, <status>…".
        def block():
            for node in s.find_all(Role.PUSH_BUTTON):
                name = node.get_name() or ""
                if full in name and (not service.get("name") or service["name"] in name):
                    return node
            return None
        s.press(s.wait_for("the block of the booking in the day view", block, 20))
        panel = self.panel(w("Booking details"))
        texts = s.wait_for("the details of the booking",
                           lambda: [t for t in self.texts_under(panel) if full in t], 10)
        self.expect("the details name the customer", any(full in t for t in texts))
        self.screenshot("appointment" + suffix)

        if offline:
            self.stop_server()
        self.press_under(panel, Role.PUSH_BUTTON, w("Check _in"))
        said = [kj.pattern(w("Checked in, %s early.")), kj.pattern(w("Checked in, %s late."))]

        def confirmation():
            return [t for t in self.texts_under(panel)
                    if t == w("Checked in, on time.") or any(re.match(p, t) for p in said)]
        shown = s.wait_for("the check-in said early, late or on time", confirmation, 15)
        self.log("after Check in: %s" % shown[0])
        self.expect("Check in is no longer offered",
                    not self.under(panel, Role.PUSH_BUTTON, lambda n: a11y.name_matches(n, w("Check _in"))))
        self.screenshot("appointment-checked-in" + suffix)

        if offline:
            time.sleep(3)
            self.expect("nothing reached the stopped server", self.db.check_ins(appt["id"]) == 0)
        self.resume_server()
        self.exactly_once("the check-in", lambda: self.db.check_ins(appt["id"]))
        self.press_under(panel, Role.PUSH_BUTTON, w("_Close"))

    def journey_check_in(self):
        self.check_in(False)

    def journey_check_in_offline(self):
        self.check_in(True)


def main():
    return kj.run_journeys(__file__, sys.modules[__name__], BookingJourneys, lambda journeys: [
        ("pair", "a fresh kiosk pairs with the salon", journeys.journey_pair),
        ("book", "staff book the first free time for an existing customer; the server has it once",
         journeys.journey_book),
        ("book-offline", "the same with the server stopped in the middle; the server has it once",
         journeys.journey_book_offline),
        ("check-in", "staff open today's booking in the day view and check it in; the server has it once",
         journeys.journey_check_in),
        ("check-in-offline", "the same with the server stopped in the middle; the server has it once",
         journeys.journey_check_in_offline),
    ])


if __name__ == "__main__":
    sys.exit(main())
