#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
#
# Check-in, member lookup and points at the front desk, driven from another
# process through the accessibility tree of the real program, against
# salonity-dev-server:
#
#   check-in          a customer with a booking today types their phone
#                     number (spaced as people type it), sees their booking
#                     with their first name only, checks in with one button
#                     and sees the confirmation; Done leaves nothing of
#                     them; the server has the check-in exactly once
#   redeem            staff unlock, type part of a Turkish name in another
#                     case and without its marks ("ISIK YIL" for Işık
#                     Yılmaz), open the card, ask for more points than
#                     there are (refused on the spot), then redeem with the
#                     confirmation step; the success shows the pending
#                     badge; the server has the redemption exactly once
#
# Each runs once online and once with the contract server stopped (SIGSTOP)
# in the middle and resumed (SIGCONT) at the end. Screenshots in
# <build>/screenshots/journeys/<lang>/.
#
# usage: desk_journeys.py PROGRAM DEV-SERVER LANG      (TAP on stdout)

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
TURKISH = set("ıİşŞğĞçÇöÖüÜ")


def fold(text):
    """As kiosk_fold_for_search: Turkish lower case, marks dropped."""
    text = (text or "").replace("I", "ı").replace("İ", "i").lower()
    return text.translate(str.maketrans("ışğçöüâîû", "isgcouaiu"))


def salon_today():
    return kj.salon_now().strftime("%Y-%m-%d")


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

    def check_ins(self, appointment_id):
        """How many times the server recorded a check-in of this booking."""
        rows = self.query("SELECT data FROM changes WHERE entity = 'appointment' AND id = ? ORDER BY seq",
                          (appointment_id,))
        # Every recorded change of the row that carries a check-in: a second
        # upload of the same check-in would add one.
        return sum(1 for (data,) in rows if json.loads(data or "{}").get("checked_in_at"))

    def redemptions(self, customer_id, points):
        rows = self.query("SELECT data FROM rows WHERE entity = 'point_entry' AND deleted = 0")
        out = []
        for (data,) in rows:
            entry = json.loads(data)
            if entry.get("customer") == customer_id and entry.get("points") == -points:
                out.append(entry)
        return out

    def current_points(self, customer_id):
        rows = self.query("SELECT data FROM rows WHERE entity = 'customer' AND id = ?", (customer_id,))
        return json.loads(rows[0][0]).get("current_points") if rows else None


class DeskJourneys(kj.Journeys):
    def __init__(self, *args):
        super().__init__(*args)
        self.db = ServerDb(self.work)
        self.used = set()
        self.server_stopped = False

    def close(self):
        self.resume_server()
        super().close()

    def start_kiosk(self, extra_env=None):
        super().start_kiosk(extra_env)
        # Someone is at the screen all along: the idle time-out (60 s)
        # would otherwise lock and clear it in the middle of a journey.
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
        """Wait until the server has it, then check it stays at one."""
        s = self.screen
        s.wait_for("%s on the server" % what, lambda: count() >= 1, timeout, 0.5)
        time.sleep(3)
        n = count()
        self.expect("%s on the server exactly once (found %d)" % (what, n), n == 1)

    # ---- data ------------------------------------------------------------

    def pick_booking(self):
        """A customer with a Turkish phone and an open booking of today
        that is not checked in, and that can be checked in now: check-in
        opens an hour before the booking (the checkin-opens-before
        setting's default), so one that starts within the next 50 minutes
        or began a little while ago."""
        rows = self.kiosk.dump()
        now = kj.salon_now()
        today = now.strftime("%Y-%m-%d")
        minute = now.hour * 60 + now.minute

        def checkable(a):
            h, m = (int(x) for x in str(a.get("appointment_time")).split(":")[:2])
            return -30 <= h * 60 + m - minute <= 50
        customers = {r["data"]["id"]: r["data"] for r in rows.get("customer", [])}
        services = {r["data"]["id"]: r["data"] for r in rows.get("service", [])}
        by_customer = {}
        for r in rows.get("appointment", []):
            a = r["data"]
            if a.get("appointment_date") == today:
                by_customer.setdefault(a.get("customer"), []).append(a)
        for cid, appts in sorted(by_customer.items(), key=lambda kv: str(kv[0])):
            c = customers.get(cid)
            if c is None or cid in self.used or not (c.get("phone") or "").startswith("+90") \
                    or len(c["phone"]) != 13 or not c.get("first_name") or not c.get("last_name"):
                continue
            # Exactly one booking today, open and not checked in: the one
            # button there is is the one to press.
            if len(appts) == 1 and appts[0].get("status") in OPEN and not appts[0].get("checked_in_at") \
                    and checkable(appts[0]):
                self.used.add(cid)
                return c, appts[0], services.get(appts[0].get("service"), {})
        raise a11y.JourneyFailure("no customer with one open booking today that can be checked in at %s "
                                  "in the replica (today %s)" % (now.strftime("%H:%M"), today))

    def pick_member(self):
        """A customer with a Turkish letter in the name and some points."""
        rows = self.kiosk.dump()
        pending = {r["data"].get("customer") for r in rows.get("point_entry", []) if r.get("pending")}
        candidates = []
        for r in rows.get("customer", []):
            c = r["data"]
            if c["id"] in self.used or c["id"] in pending or r.get("pending"):
                continue
            name = "%s %s" % (c.get("first_name") or "", c.get("last_name") or "")
            if int(c.get("current_points") or 0) >= 20 and TURKISH & set(name) and c.get("last_name"):
                candidates.append(c)
        if not candidates:
            raise a11y.JourneyFailure("no member with points and a Turkish letter in the name")
        candidates.sort(key=lambda c: c["id"])
        c = candidates[0]
        self.used.add(c["id"])
        return c

    # ---- staff mode ---------------------------------------------------------

    def unlock(self):
        w = self.w
        pages = w("Pages")
        s = self.screen
        if s.tab_names(pages) and w("Queue") in s.tab_names(pages):
            return
        self.open_pin_pad()
        self.enter_pin(kj.PIN)
        s.wait_for("the staff page tabs", lambda: w("Queue") in (s.tab_names(pages) or []), 15)

    def lock(self):
        s = self.screen
        w = self.w
        button = s.find(a11y.Role.PUSH_BUTTON, w("_Lock"))
        if button is not None:
            s.press(button)
            self.wait_customer_tabs(15)

    # ---- 1. check in by phone --------------------------------------------------

    def check_in(self, offline):
        Role = a11y.Role
        w = self.w
        s = self.screen
        c, appt, service = self.pick_booking()
        phone = kj.spaced_phone(c["phone"])
        self.log("booking %s… at %s (status %s)" % (appt["id"][:8], appt.get("appointment_time"), appt.get("status")))
        self.lock()
        s.select_tab(w("Pages"), w("Check-in"))
        s.fill(Role.TEXT, w("Your _phone number"), phone)
        s.press_button(w("_Find my booking"))
        greeting = w.n("Hello, %s! Your booking today:", "Hello, %s! Your bookings today:", 1) % c["first_name"]
        s.wait_control(Role.LABEL, greeting, 15)
        texts = s.shown_texts()
        self.expect("the customer's surname is not shown as theirs",
                    not kj.surname_shown(c["last_name"], texts, self.kiosk.dump()))
        if service.get("name"):
            self.expect("the service of the booking is shown", any(service["name"] in t for t in texts))
        self.screenshot("checkin-found" + ("-offline" if offline else ""))

        if offline:
            self.stop_server()
        # The customer's own button: "Geldim" in Turkish, not staff's "Geldi".
        s.press_button(w.p("own booking", "Check _in"))
        thanks = kj.pattern(w("Thank you, %s! You are checked in for %s. %s"))
        shown = s.wait_for("the check-in confirmation",
                           lambda: [t for t in s.shown_texts() if re.match(thanks, t)], 15)
        self.log("confirmation: %s" % shown[0].replace(c["first_name"], "<first name>"))
        self.expect("the confirmation greets by first name", re.match(thanks, shown[0]).group(1) == c["first_name"])
        flags = (w("You are right on time. Please take a seat."),)
        early = kj.pattern(w("You are %s early. We will call you when it is time."))
        late = kj.pattern(w("You are %s late. Please let the desk know you are here."))
        flag = re.match(thanks, shown[0]).group(3)
        self.expect("the confirmation says early, late or on time (%s)" % flag,
                    flag in flags or re.match(early, flag) or re.match(late, flag))
        self.screenshot("checkin" + ("-offline" if offline else ""))

        if offline:
            time.sleep(3)
            self.expect("nothing reached the stopped server", self.db.check_ins(appt["id"]) == 0)
        s.press_button(w("_Done"))
        s.wait_for("the confirmation gone", lambda: not [t for t in s.shown_texts() if re.match(thanks, t)], 10)
        texts = s.shown_texts()
        self.expect("the first name is gone after Done", not any(c["first_name"] in t for t in texts))
        entry = s.wait_control(Role.TEXT, w("Your _phone number"), 5)
        self.expect("the phone field is empty after Done", a11y.text_of(entry) == "")

        self.resume_server()
        self.exactly_once("the check-in", lambda: self.db.check_ins(appt["id"]))
        if not offline:
            self.staff_sees_check_in(c)

    def staff_sees_check_in(self, c):
        """Staff's list of today: the person found by their name typed
        without Turkish letters, shown as checked in."""
        Role = a11y.Role
        w = self.w
        s = self.screen
        full = "%s %s" % (c["first_name"], c["last_name"])
        self.unlock()
        s.select_tab(w("Pages"), w("Check-in"))
        s.fill(Role.ENTRY, w("Search today's bookings"), fold(c["first_name"]).upper())

        def subtree_names(node, depth=0):
            names = [node.get_name()]
            if depth < 8:
                for i in range(node.get_child_count()):
                    child = node.get_child_at_index(i)
                    if child is not None:
                        names += subtree_names(child, depth + 1)
            return names

        def checked_in_row():
            rows = [node for node in s.find_all(Role.LIST_ITEM)
                    if (node.get_description() or "").startswith(full + ",")]
            return rows and w("Checked in") in subtree_names(rows[0])
        s.wait_for("the row of the booking, checked in, in staff's list", checked_in_row, 10)
        self.screenshot("checkin-staff")
        self.lock()

    def journey_check_in(self):
        self.check_in(False)

    def journey_check_in_offline(self):
        self.check_in(True)

    # ---- 2. look up and redeem ----------------------------------------------------

    def redeem(self, offline):
        Role = a11y.Role
        w = self.w
        s = self.screen
        c = self.pick_member()
        full = "%s %s" % (c["first_name"], c["last_name"])
        query = fold("%s %s" % (c["first_name"], c["last_name"][:3])).upper()
        before = self.db.current_points(c["id"])
        points = 10
        self.log("member %s…, %s points, typed %d letters" % (c["id"][:8], before, len(query)))

        # From customer mode, as staff come to the screen.
        self.lock()
        self.unlock()
        s.select_tab(w("Pages"), w("Loyalty"))
        s.fill(Role.ENTRY, w("Search customers"), query)
        s.wait_control(Role.PUSH_BUTTON, full, 15)
        self.screenshot("redeem-search" + ("-offline" if offline else ""))
        s.press_button(full)
        s.wait_for("the card of %s" % c["id"][:8], lambda: s.find(Role.HEADING, full), 10)

        if offline:
            self.stop_server()
        if not offline:
            # More than there is: refused on the spot, no question asked.
            available = int(c.get("current_points") or 0)
            s.fill(Role.TEXT, w("_Points to redeem"), str(available + 1))
            s.press_button(w("Re_deem…"))
            too_many = w("Not enough points: %s available to redeem.") % (
                w.n("%s point", "%s points", available) % available)
            s.wait_control(Role.LABEL, too_many, 10)
            self.expect("no confirmation for too many points",
                        s.find(Role.PUSH_BUTTON, w("_Yes, redeem")) is None)

        s.fill(Role.TEXT, w("_Points to redeem"), str(points))
        s.fill(Role.TEXT, w("_Reason"), "Ücretsiz fön")
        s.press_button(w("Re_deem…"))
        left = int(c.get("current_points") or 0) - points
        question = w.n("Redeem %s point for %s? %s will be left.", "Redeem %s points for %s? %s will be left.",
                       points) % (points, full, left)
        s.wait_control(Role.LABEL, question, 10)
        self.screenshot("redeem-confirm" + ("-offline" if offline else ""))
        s.press_button(w("_Yes, redeem"))
        done = w.n("%s point redeemed for %s.", "%s points redeemed for %s.", points) % (points, full)
        s.wait_control(Role.LABEL, done, 10)
        badge = any(t == w("Pending") for t in s.shown_texts())
        if offline:
            # Nothing can have reached the server: the badge says so.
            self.expect("the pending badge beside the success", badge)
        else:
            self.log("pending badge %s (the server may have accepted it already)" % ("shown" if badge else "gone"))
        self.screenshot("redeem" + ("-offline" if offline else ""))

        if offline:
            time.sleep(3)
            self.expect("nothing reached the stopped server", not self.db.redemptions(c["id"], points))
        self.resume_server()
        self.exactly_once("the redemption", lambda: len(self.db.redemptions(c["id"], points)))
        after = self.db.current_points(c["id"])
        self.expect("the server took %d points (%s → %s)" % (points, before, after), after == before - points)
        # Back to customer mode: nobody's card stays on the screen.
        self.lock()
        texts = s.shown_texts()
        self.expect("the name is gone after locking", not any(full in t for t in texts))

    def journey_redeem(self):
        self.redeem(False)

    def journey_redeem_offline(self):
        self.redeem(True)


def main():
    return kj.run_journeys(__file__, sys.modules[__name__], DeskJourneys, lambda journeys: [
        ("pair", "a fresh kiosk pairs with the salon", journeys.journey_pair),
        ("check-in", "a customer checks in for today's booking by phone; the server has it once",
         journeys.journey_check_in),
        ("check-in-offline", "the same with the server stopped in the middle; the server has it once",
         journeys.journey_check_in_offline),
        ("redeem", "staff find a member by part of a Turkish name and redeem points with confirmation",
         journeys.journey_redeem),
        ("redeem-offline", "the same with the server stopped in the middle; the server has it once",
         journeys.journey_redeem_offline),
    ])


if __name__ == "__main__":
    sys.exit(main())
