#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
#
# The staff calendar's day and week views as a keyboard and screen reader
# user meets them, driven from another process through the accessibility
# tree of the real program, against salonity-dev-server:
#
#   day        staff unlock, open the Calendar; the day view's blocks are
#              named with their time, customer, service and status; the
#              keyboard goes into the day and the arrow keys move from block
#              to block (down the column by time, across to the next staff
#              member), each announced by its name; PageDown shows the next
#              day and PageUp comes back, with the keyboard still in a block
#   week       the Week view of the staff member the keyboard was with:
#              seven days of blocks named with their day, and the staff
#              chooser, the date picker and "Today"
#
# Screenshots <build>/screenshots/journeys/<lang>/calendar-day.png and
# calendar-week.png.
#
# usage: calendar_journeys.py PROGRAM DEV-SERVER LANG      (TAP on stdout)

import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kiosk_journeys as kj  # noqa: E402

a11y = None

TIME_RANGE = r"\d\d:\d\d – \d\d:\d\d"
KEYS = {"Up": 0xff52, "Down": 0xff54, "Left": 0xff51, "Right": 0xff53,
        "Page_Up": 0xff55, "Page_Down": 0xff56, "Escape": 0xff1b}


def timed_pattern(translated):
    """kj.pattern() of a block's spoken name whose first part holds its
    time range (after the day, in the week view)."""
    parts = re.split(r"%[sud]", translated)
    groups = ["(.*?" + TIME_RANGE + ")"] + ["(.+?)"] * (len(parts) - 2)
    out = re.escape(parts[0])
    for group, part in zip(groups, parts[1:]):
        out += group + re.escape(part)
    return "^" + out + "$"


class CalendarJourneys(kj.Journeys):

    # ---- reading blocks ---------------------------------------------------

    def statuses(self):
        w = self.w
        return [w(s) for s in ("Pending", "Confirmed", "Completed", "Cancelled", "No-show", "Checked in",
                               "In service")]

    def parse_block(self, name):
        """(time range, customer, service, status, staff or None) of a booking's
        spoken name, or None for anything else (free time, other buttons)."""
        w = self.w
        for fmt, has_staff in (("%s, %s, %s, %s, with %s", True), ("%s, %s, %s, %s", False)):
            found = re.match(timed_pattern(w(fmt)), name or "")
            if not found:
                continue
            groups = list(found.groups())
            # The status may carry ", waiting to sync"; the time may carry the day.
            status = groups[3]
            syncing = re.match(kj.pattern(w("%s, waiting to sync")), status)
            if syncing:
                status = syncing.group(1)
            if status not in self.statuses():
                continue
            when = re.search(TIME_RANGE, groups[0])
            if not when or not groups[1].strip() or not groups[2].strip():
                continue
            return (when.group(0), groups[1], groups[2], status, groups[4] if has_staff else None)
        return None

    def is_free(self, name):
        w = self.w
        return bool(re.match(kj.pattern(w("Free %s with %s, book")), name or "") or
                    re.match(kj.pattern(w("Free %s, book")), name or ""))

    def blocks(self):
        """The shown buttons that are bookings, with their parsed names."""
        out = []
        for node in self.screen.find_all(a11y.Role.PUSH_BUTTON):
            parsed = self.parse_block(node.get_name())
            if parsed:
                out.append((node, parsed))
        return out

    def grid_of(self, block):
        return block.get_parent()

    def focused_in(self, grid):
        """The block of the grid that has the keyboard focus, or None."""
        for i in range(grid.get_child_count()):
            child = grid.get_child_at_index(i)
            try:
                if child is not None and child.get_state_set().contains(a11y.Atspi.StateType.FOCUSED):
                    return child
            except Exception:
                continue
        return None

    def key(self, name):
        self.screen.touch()
        a11y.Atspi.generate_keyboard_event(KEYS[name], None, a11y.Atspi.KeySynthType.SYM)

    def press_key_and_hear(self, grid, key, before, timeout=10):
        """Press a key and wait for the focus to land on another block; its name."""
        self.key(key)

        def moved():
            node = self.focused_in(grid)
            name = node.get_name() if node is not None else None
            return name if name and name != before else None
        return self.screen.wait_for("the focus to move with %s" % key, moved, timeout)

    def day_shown(self):
        """The long date on the date button ("<date>, choose a date")."""
        w = self.w
        for node in self.screen.find_all(a11y.Role.TOGGLE_BUTTON) + self.screen.find_all(a11y.Role.PUSH_BUTTON):
            found = re.match(kj.pattern(w("%s, choose a date")), node.get_name() or "")
            if found:
                return found.group(1)
        return None

    def open_calendar(self):
        Role = a11y.Role
        w = self.w
        s = self.screen
        pages = w("Pages")
        if not (s.tab_names(pages) and w("Calendar") in s.tab_names(pages)):
            self.open_pin_pad()
            self.enter_pin(kj.PIN)
            s.wait_for("the staff page tabs", lambda: w("Calendar") in (s.tab_names(pages) or []), 15)
        s.select_tab(pages, w("Calendar"))
        s.wait_for("the Calendar page", lambda: s.find(Role.HEADING, w("Calendar")), 10)

    # ---- 1. through the day by keyboard -----------------------------------

    def journey_day(self):
        w = self.w
        if self.kiosk is None or not self.kiosk.alive():
            self.start_kiosk()
            self.wait_customer_tabs(60)
        s = self.screen
        # Someone is at the screen all along (no idle return to customer mode).
        s.touching = True
        self.open_calendar()
        s.press_button(w("_Today"))

        blocks = s.wait_for("bookings in the day view named with time, customer, service and status",
                            self.blocks, 30)
        self.log("%d bookings shown; the first: %s" % (len(blocks), blocks[0][0].get_name()))
        rows = self.kiosk.dump()
        customers = {"%s %s" % (c["data"].get("first_name", ""), c["data"].get("last_name", ""))
                     for c in rows.get("customer", [])}
        for node, (when, customer, service, status, staff) in blocks:
            self.expect("“%s” names a customer of the salon" % node.get_name(),
                        customer in customers or customer.startswith(w("Walk-in: %s").split("%s")[0]))
        self.screenshot("calendar-day")

        # Into the day: the keyboard to the first booking's block (as a screen
        # reader moves it); else open that booking and close it again (Escape),
        # which leaves the keyboard on its block.
        first = blocks[0][0]
        grid = self.grid_of(first)
        try:
            a11y.Atspi.Component.grab_focus(first)
        except Exception as error:
            self.log("(grab focus: %s)" % error)
        try:
            focused = s.wait_for("the keyboard on the first block", lambda: self.focused_in(grid), 3)
        except a11y.JourneyFailure:
            s.press(first)
            close = s.wait_for("the booking's details with a Close button", lambda: [
                n for n in s.find_all(a11y.Role.PUSH_BUTTON) if a11y.name_matches(n.get_name(), w("_Close"))
                and (a11y.extents(n) or (0, 0, 0, 0))[1] > 80], 15)
            # Not the window's own Close at the top of the screen: the panel's.
            s.press(max(close, key=lambda n: (a11y.extents(n) or (0, 0, 0, 0))[1]))
            focused = s.wait_for("the keyboard back on the block", lambda: self.focused_in(grid), 10)
        # A click on the time axis (nothing there to press) so that the
        # window has the keyboard of the X display.
        box = grid.get_extents(a11y.Atspi.CoordType.SCREEN)
        a11y.Atspi.generate_mouse_event(box.x + 20, box.y + box.height - 20, "b1c")
        focused = s.wait_for("the keyboard still on the block", lambda: self.focused_in(grid), 10)
        heard = [focused.get_name()]
        self.log("focus: %s" % heard[-1])

        # Down the column: each block named, later or at the same time.
        for _ in range(4):
            try:
                heard.append(self.press_key_and_hear(grid, "Down", heard[-1], 5))
            except a11y.JourneyFailure:
                break   # the last block of the column
            self.log("Down: %s" % heard[-1])
        self.expect("the arrow keys moved through the column (heard %d blocks)" % len(heard), len(heard) >= 2)
        for name in heard:
            self.expect("“%s” says time, customer, service and status (or free time)" % name,
                        self.parse_block(name) is not None or self.is_free(name))
        times = [re.search(TIME_RANGE, n).group(0) for n in heard]
        self.expect("down the column by time: %s" % times, times == sorted(times))

        # Across to the next staff member's column (or back, from the last one).
        across = None
        for key in ("Right", "Left"):
            try:
                across = self.press_key_and_hear(grid, key, heard[-1], 5)
                break
            except a11y.JourneyFailure:
                continue
        self.expect("left or right moved to another staff member", across is not None)
        self.log("across: %s" % across)
        staff = [p[4] for p in (self.parse_block(n) for n in (heard[-1], across)) if p]
        free_staff = [re.match(kj.pattern(w("Free %s with %s, book")), n) for n in (heard[-1], across)]
        staff += [m.group(2) for m in free_staff if m]
        self.expect("another staff member's column (%s)" % staff, len(set(staff)) == 2)

        # The next day and back, the keyboard staying in the day view.
        today = self.day_shown()
        self.expect("the date button names the day", today is not None)
        self.key("Page_Down")
        tomorrow = s.wait_for("the next day shown", lambda: (self.day_shown() or today) != today and self.day_shown(),
                              10)
        self.log("PageDown: %s → %s" % (today, tomorrow))
        grid_now = self.grid_of(s.wait_for("blocks of the next day", lambda: [n for n in
                                s.find_all(a11y.Role.PUSH_BUTTON) if self.parse_block(n.get_name())
                                or self.is_free(n.get_name())], 10)[0])
        s.wait_for("the keyboard in a block of the next day", lambda: self.focused_in(grid_now), 10)
        self.key("Page_Up")
        s.wait_for("back to the first day", lambda: self.day_shown() == today, 10)
        back = s.wait_for("the keyboard in a block again", lambda: self.focused_in(grid_now), 10)
        self.log("PageUp: %s, focus: %s" % (self.day_shown(), back.get_name()))
        self.expect("the focused block says what it is",
                    self.parse_block(back.get_name()) is not None or self.is_free(back.get_name()))
        self.day_staff = staff[-1]

    # ---- 2. one staff member's week ---------------------------------------

    def journey_week(self):
        Role = a11y.Role
        w = self.w
        s = self.screen
        s.touching = True
        self.open_calendar()
        # The Day/Week switch is a tab list on GTK 4.8.
        s.select_tab(w("Calendar view"), w("Week"))

        def week_blocks():
            out = []
            for node in s.find_all(Role.PUSH_BUTTON):
                name = node.get_name() or ""
                parsed = self.parse_block(name)
                # The week's blocks say the day and no staff member.
                if parsed and parsed[4] is None and not name.startswith(parsed[0]):
                    out.append(name)
            return out
        names = s.wait_for("the week's bookings, named with their day", week_blocks, 20)
        self.log("%d bookings this week; e.g. %s" % (len(names), names[0]))
        days = {n.split(",")[0] for n in names}
        self.log("on %d days: %s" % (len(days), sorted(days)))
        for control, role in ((w("Staff member"), None), (w("_Today"), Role.PUSH_BUTTON),
                              (w("Previous week"), Role.PUSH_BUTTON), (w("Next week"), Role.PUSH_BUTTON)):
            found = s.find(role, control) if role else [n for n in s.walk(True) if n.get_name() == control]
            self.expect("“%s” in the week view" % a11y.plain(control), bool(found))
        picker = [n for n in s.walk(True) if re.match(kj.pattern(w("Week of %s, choose a date")), n.get_name() or "")]
        self.expect("the week's date picker", bool(picker))
        self.log("date picker: %s" % picker[0].get_name())

        # Next week and back.
        s.press_button(w("Next week"))
        s.wait_for("another week", lambda: not any(n in week_blocks() for n in names[:3]) or
                   [n for n in s.walk(True) if n.get_name() == picker[0].get_name()] == [], 10)
        s.press_button(w("_Today"))
        s.wait_for("this week again", lambda: [n for n in s.walk(True) if n.get_name() == picker[0].get_name()], 10)
        self.screenshot("calendar-week")

        s.select_tab(w("Calendar view"), w("Day"))


def main():
    return kj.run_journeys(__file__, sys.modules[__name__], CalendarJourneys, lambda journeys: [
        ("pair", "a fresh kiosk pairs with the salon", journeys.journey_pair),
        ("calendar-day", "through the day by keyboard, each block announced with time, customer, service and "
         "status; the next day and back", journeys.journey_day),
        ("calendar-week", "one staff member's week, with the staff chooser, the date picker and Today",
         journeys.journey_week),
    ])


if __name__ == "__main__":
    sys.exit(main())
