#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
#
# The walk-in queue (joining it, and staff moving it on) as people at the
# salon meet them, through the accessibility tree of the real program
# against salonity-dev-server on loopback:
#
#   pair             a fresh kiosk pairs with the salon (kiosk_journeys.py)
#   walkin           a person joins the walk-in queue on the Walk-ins page:
#                    name, phone typed with spaces, a service, "Anyone", the
#                    KVKK consent; before joining the page shows the wait in
#                    words; then their place and an estimate, and nobody
#                    else's name. Staff open the staff pages with the PIN,
#                    find the person on the Queue page, call next (until it
#                    is them), start and finish. The server ends with the
#                    walk-in once and each of its statuses exactly once.
#   walkin-offline   the same, with the contract server stopped (SIGSTOP)
#                    after the join and before staff act: the rows say
#                    "Pending"; the server is resumed (SIGCONT) at the end,
#                    and every change lands on it exactly once.
#
# Screenshots: <build>/screenshots/journeys/<lang>/walkin-*.png.
#
# usage: walkin_journeys.py PROGRAM DEV-SERVER LANG      (TAP on stdout)

import json
import os
import random
import re
import signal
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kiosk_journeys as kj  # noqa: E402

a11y = None


def e164_of(spaced):
    """+90… from "0532 123 45 67"."""
    return "+90" + re.sub(r"\D", "", spaced)[1:]


class WalkinJourneys(kj.Journeys):

    # ---- the server's side -------------------------------------------------

    def server_db(self):
        return sqlite3.connect(os.path.join(self.work, "server", "server.sqlite3"), timeout=10)

    def server_walkins(self, phone):
        """The server's walk-in rows with this phone (decoded data)."""
        with self.server_db() as db:
            rows = db.execute("SELECT data FROM rows WHERE entity = 'walkin' AND deleted = 0").fetchall()
        out = []
        for (data,) in rows:
            row = json.loads(data)
            if row.get("phone") == phone:
                out.append(row)
        return out

    def server_statuses(self, walkin_id):
        """Every status the server wrote for this walk-in, in order."""
        with self.server_db() as db:
            rows = db.execute("SELECT data FROM changes WHERE entity = 'walkin' AND id = ? ORDER BY seq",
                              (walkin_id,)).fetchall()
        return [json.loads(data)["status"] for (data,) in rows if data]

    # ---- the kiosk's side --------------------------------------------------

    def kiosk_rows(self, entity):
        return self.kiosk.dump().get(entity, [])

    def pick_service(self):
        """An active service that some active member of staff does."""
        services = {r["data"]["id"]: r["data"] for r in self.kiosk_rows("service") if r["data"].get("is_active")}
        able = set()
        for row in self.kiosk_rows("employee"):
            e = row["data"]
            if e.get("is_active"):
                able.update(e.get("services") or [])
        choices = sorted((s for sid, s in services.items() if sid in able), key=lambda s: s["name"])
        self.expect("an active service someone does", choices)
        return choices[0]

    def estimate_texts(self):
        """Regular expressions of every way the page says a wait."""
        w = self.w
        forms = [w("about %s"), w("about %s – %s"), w("No wait: you can be served now."),
                 w("Nobody on shift can do this service now."), w("It may not fit before closing today.")]
        forms += [w.n("about %d–%d min", "about %d–%d min", n) for n in (1, 2, 5)]
        patterns = [kj.pattern(f) for f in forms]
        patterns += [kj.pattern(w("%s. It may not fit before closing.") % f) for f in
                     (w("about %s"), w("about %s – %s"))]
        return patterns

    def is_estimate(self, text):
        return any(re.match(p, text) for p in self.estimate_texts())

    def find_radio(self, prefix):
        Role = a11y.Role
        for node in self.screen.find_all(Role.RADIO_BUTTON):
            name = node.get_name() or ""
            if name == prefix or name.startswith(prefix + ", "):
                return node
        return None

    # ---- the journey -------------------------------------------------------

    def journey_walkin(self, offline=False):
        Role = a11y.Role
        w = self.w
        tag = "walkin-offline" if offline else "walkin"
        first, last = ("Şule", "Işıkgöz") if offline else ("Işıl", "Çağlar")
        name = "%s %s" % (first, last)
        phone = "0532 %03d %02d %02d" % (random.randrange(100, 1000), random.randrange(100), random.randrange(100))
        e164 = e164_of(phone)

        # A fresh start in customer mode. Someone is at the screen all along;
        # reading the whole accessibility tree of the busy Queue page takes
        # this driver far longer than a person, so the idle time-out (its
        # own journey in kiosk_journeys.py) is set out of the way.
        self.start_kiosk({"KIOSK_IDLE_TIMEOUT_MS": "900000"})
        s = self.screen
        s.touching = True
        pages = w("Pages")
        self.wait_customer_tabs(60)
        service = self.pick_service()
        s.select_tab(pages, w("Walk-ins"))

        # The form.
        s.fill(Role.TEXT, w("Your _name"), name)
        s.fill(Role.TEXT, w("Your _phone number"), phone)
        radio = s.wait_for("the service “%s” to choose" % service["name"], lambda: self.find_radio(service["name"]), 20)
        s.press(radio)
        s.wait_for("“%s” chosen" % service["name"],
                   lambda: self.find_radio(service["name"]).get_state_set().contains(a11y.Atspi.StateType.CHECKED), 10)
        anyone = s.wait_for("“%s” to choose" % w("Anyone"), lambda: self.find_radio(w("Anyone")), 10)
        s.press(anyone)

        # The wait before joining, in words.
        before = s.wait_for("the estimated wait before joining",
                            lambda: [t for t in s.shown_texts() if self.is_estimate(t)], 10)
        self.log("%s: before joining: %s" % (tag, before[0]))

        s.press(s.wait_control(Role.CHECK_BOX, w("I have read the privacy notice (KVKK) and _agree"), 10))
        s.press_button(w("_Join the queue"))

        # Their place and the estimate; nobody else's name.
        s.wait_control(Role.HEADING, w("Thank you, %s. You are in the queue.") % first, 15)
        place_re = kj.pattern(w("Your place in the queue: %u"))
        estimate_re = kj.pattern(w("Estimated wait: %s"))

        def place():
            texts = s.shown_texts()
            places = [t for t in texts if re.match(place_re, t) or t == w("You are next in the queue.")]
            estimates = [re.match(estimate_re, t).group(1) for t in texts if re.match(estimate_re, t)]
            return (places, estimates) if places and estimates else None
        places, estimates = s.wait_for("the place in the queue and the estimate", place, 15)
        self.log("%s: %s; %s" % (tag, places[0], estimates[0]))
        self.expect("the estimate is a wait in words (%s)" % estimates[0], self.is_estimate(estimates[0]))
        if re.match(place_re, places[0]):
            self.expect("a place from 1 on (%s)" % places[0], int(re.match(place_re, places[0]).group(1)) >= 1)

        mine = s.wait_for("the walk-in in the kiosk's database",
                          lambda: [r for r in self.kiosk_rows("walkin") if r["data"].get("phone") == e164], 20)
        self.expect("one walk-in for the phone on the kiosk", len(mine) == 1)
        walkin_id = mine[0]["id"]
        self.expect("the name as typed", mine[0]["data"].get("name") == name)
        others = [r["data"].get("name") for r in self.kiosk_rows("walkin") if r["id"] != walkin_id]
        texts = s.shown_texts()
        for other in others:
            words = (other or "").split()
            if len(words) < 2:
                continue
            short = "%s %s." % (" ".join(words[:-1]), words[-1][0])
            self.expect("no other person's name on the customer's screen (%s…)" % other[:2],
                        not any(other in t or short in t for t in texts))
        self.expect("not even their own surname on screen", not any(last in t for t in texts))
        self.screenshot(tag + "-joined")

        if offline:
            # The server stops answering: the staff's moves wait on the kiosk.
            os.kill(self.server.proc.pid, signal.SIGSTOP)
            self.log("%s: contract server stopped" % tag)
        try:
            s.press_button(w("_Done"))
            s.wait_for("the Welcome page again",
                       lambda: s.find(Role.PUSH_BUTTON, w("Walk in")) is not None, 15)

            # Staff open the Queue page with the PIN.
            self.open_pin_pad()
            self.enter_pin(kj.PIN)
            s.wait_for("the staff page tabs", lambda: w("Queue") in (s.tab_names(pages) or []), 15)
            s.select_tab(pages, w("Queue"))
            s.wait_for("%s on the Queue page" % first,
                       lambda: s.find(Role.PUSH_BUTTON, w("Start serving %s") % name), 15)

            # Call next until it is them (the demo salon has people waiting).
            call_re = kj.pattern(w("Call next: %s"))
            # (Only the Queue page has it: no need to ask what is drawn.)
            for _ in range(20):
                button = s.wait_for("the “Call next” button naming who it calls",
                                    lambda: [b for b in s.find_all(Role.PUSH_BUTTON, shown_only=False)
                                             if re.match(call_re, b.get_name() or "")], 15)[0]
                who = re.match(call_re, button.get_name()).group(1)
                self.log("%s: call next (%s)" % (tag, "them" if who == name else "someone ahead"))
                s.press(button)
                if who == name:
                    break
                s.wait_for("the next one called",
                           lambda: not s.find(Role.PUSH_BUTTON, w("Call next: %s") % who, shown_only=False), 15)
            else:
                raise a11y.JourneyFailure("%s was never next" % first)
            s.wait_for("%s called" % first, lambda: s.find(Role.PUSH_BUTTON, w("Call %s") % name) is None, 15)
            if offline:
                s.wait_for("“%s” on the queue while the server is away" % w("Pending"),
                           lambda: w("Pending") in s.shown_texts(), 15)

            # Online, each change uploads and comes back with the next pull,
            # and the queue is drawn again then: press once it has settled
            # (nothing pending), as a receptionist presses what stays put.
            def settled(what):
                if not offline:
                    s.wait_for(what + " uploaded and the queue drawn again",
                               lambda: w("Pending") not in s.shown_texts(), 15)

            settled("the call")
            s.press_button(w("Start serving %s") % name, 15)
            s.wait_control(Role.PUSH_BUTTON, w("%s is done") % name, 15)
            self.screenshot(tag + "-queue")
            settled("the start")
            s.press_button(w("%s is done") % name, 15)
            s.wait_for("%s gone from the queue" % first,
                       lambda: s.find(Role.PUSH_BUTTON, w("%s is done") % name) is None, 15)

            local = [r for r in self.kiosk_rows("walkin") if r["id"] == walkin_id]
            self.expect("done on the kiosk", local and local[0]["data"].get("status") == "done")
            if offline:
                self.expect("still waiting to upload while the server is away", local[0].get("pending"))
                self.expect("the server has not seen it finished",
                            self.server_statuses(walkin_id)[-1:] != ["done"])
        finally:
            if offline:
                os.kill(self.server.proc.pid, signal.SIGCONT)
                self.log("%s: contract server resumed" % tag)

        # Every change on the server, exactly once.
        def landed():
            statuses = self.server_statuses(walkin_id)
            return statuses if statuses and statuses[-1] == "done" else None
        statuses = s.wait_for("the walk-in done on the server", landed, 240 if offline else 60)
        self.log("%s: statuses on the server: %s" % (tag, statuses))
        self.expect("each status exactly once on the server (%s)" % statuses,
                    statuses == ["waiting", "called", "in_service", "done"])
        on_server = self.server_walkins(e164)
        self.expect("the walk-in once on the server (%d)" % len(on_server), len(on_server) == 1)
        self.expect("the server's walk-in is the kiosk's", on_server[0]["id"] == walkin_id)
        self.expect("its name on the server", on_server[0].get("name") == name)
        s.wait_for("nothing left to upload for it",
                   lambda: [r for r in self.kiosk_rows("walkin") if r["id"] == walkin_id and not r.get("pending")], 60)
        self.screenshot(tag + "-done")

    def journey_online(self):
        self.journey_walkin(False)

    def journey_offline(self):
        self.journey_walkin(True)


def main():
    return kj.run_journeys(__file__, sys.modules[__name__], WalkinJourneys, lambda journeys: [
        ("pair", "a fresh kiosk pairs with the salon", journeys.journey_pair),
        ("walkin", "a person joins the queue and sees their place and wait; staff call, start and finish; "
                   "each change once on the server", journeys.journey_online),
        ("walkin-offline", "the same with the server stopped after the join; every change lands once when "
                           "it returns", journeys.journey_offline),
    ])


if __name__ == "__main__":
    sys.exit(main())
