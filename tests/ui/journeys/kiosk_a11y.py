# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
#
# Driving a running program through its accessibility tree (AT-SPI), from
# another process, the way a screen reader or a switch user does: find a
# control by its role and the name on screen, press it, fill it in, read what
# is shown, and take a picture of the whole X screen.
#
# Import only after AT_SPI_BUS_ADDRESS is set (see kiosk_journeys.py).

import os
import subprocess
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

Role = Atspi.Role


class JourneyFailure(Exception):
    """What a person would have seen go wrong."""


def plain(label):
    """A label as shown: without the mnemonic underline ("P_air" is "Pair")."""
    return label.replace("__", "\0").replace("_", "").replace("\0", "_")


def name_matches(accessible_name, label):
    """Whether a control's accessible name is the label on screen.

    GTK 4.8 names a button made with a mnemonic by its raw label followed by
    the label's text ("P_air Pair"); later versions say "Pair". Both are the
    same control to a person, so both match."""
    label = plain(label)
    if accessible_name == label:
        return True
    return plain(accessible_name or "") == label + " " + label


def _has(node, interface):
    try:
        return interface in node.get_interfaces()
    except Exception:
        return False


def extents(node):
    """(x, y, width, height) in window coordinates, or None."""
    if not _has(node, "Component"):
        return None
    rect = node.get_extents(Atspi.CoordType.WINDOW)
    return (rect.x, rect.y, rect.width, rect.height)


def has_size(node):
    box = extents(node)
    return box is None or (box[2] > 0 and box[3] > 0)


def same(a, b):
    # Within one program, the object path names an accessible.
    return a is not None and b is not None and a.path == b.path


def is_stack_page(node):
    # A GtkStackPage: a panel of the tree that is no widget (no Component).
    return node.get_role() == Role.PANEL and not _has(node, "Component")


def page_shown(frame, page):
    """Whether the page of a stack is the one drawn and not covered.

    GTK 4.8 sets no SHOWING state and leaves the pages shown before with
    their old size, so ask what is under a few points of the page: it is
    shown when something there belongs to it. (Some points answer nothing:
    a gap over a widget that is not presented.)"""
    if page.get_child_count() == 0:
        return False
    child = page.get_child_at_index(0)
    box = extents(child)
    if child is None or box is None or box[2] <= 0 or box[3] <= 0:
        return False
    for fx, fy in ((2, 2), (1, 1), (3, 3), (1, 3), (3, 1), (2, 1), (2, 3), (1, 2), (3, 2)):
        hit = Atspi.Component.get_accessible_at_point(frame, box[0] + box[2] * fx // 4, box[1] + box[3] * fy // 4,
                                                      Atspi.CoordType.WINDOW)
        for _ in range(100):
            if hit is None or hit.get_role() == Role.APPLICATION:
                break
            if same(hit, child):
                return True
            hit = hit.get_parent()
    return False


def text_of(node):
    """What an entry or label holds, through the Text interface."""
    if not _has(node, "Text"):
        return ""
    count = Atspi.Text.get_character_count(node)
    return Atspi.Text.get_text(node, 0, count) if count > 0 else ""


class Screen:
    """The accessibility tree of one process."""

    def __init__(self, pid, log):
        self.pid = pid
        self.log = log
        # While set, every action starts with a touch of the screen.
        self.touching = False
        self.last_touch = None

    # ---- finding ----------------------------------------------------------

    def application(self):
        desktop = Atspi.get_desktop(0)
        for i in range(desktop.get_child_count()):
            app = desktop.get_child_at_index(i)
            try:
                if app is not None and app.get_process_id() == self.pid:
                    # Names and children change under us: always ask again.
                    app.clear_cache()
                    return app
            except Exception:
                continue
        return None

    def walk(self, shown_only=True):
        """Every node of the program's tree (depth first); with shown_only,
        only what is drawn: pages of a stack that are not shown and what
        has no size are left out, with all they hold."""
        app = self.application()
        if app is None:
            return []
        if shown_only:
            # GTK 4.8 answers "what is at this point" only with objects a
            # client has already met: meet them all first.
            self.walk(False)
        frame = None
        out = []
        stack = [(app, 0)]
        while stack:
            node, depth = stack.pop()
            self._keep_touching()
            try:
                if depth == 1 and frame is None:
                    frame = node
                if shown_only and (not has_size(node) or
                                   (frame is not None and is_stack_page(node) and not page_shown(frame, node))):
                    continue
                out.append(node)
                if depth < 60:
                    children = [node.get_child_at_index(i) for i in range(node.get_child_count())]
                    stack.extend((c, depth + 1) for c in reversed(children) if c is not None)
            except Exception:
                # A node that went away while we looked.
                continue
        return out

    def is_shown(self, node):
        """Drawn: it has a size, and every stack page above it is the shown one."""
        if not has_size(node):
            return False
        frame = None
        pages = []
        current = node
        while current is not None and current.get_role() != Role.APPLICATION:
            if is_stack_page(current):
                pages.append(current)
            frame = current
            current = current.get_parent()
        return frame is not None and all(page_shown(frame, page) for page in pages)

    def find_all(self, role, label=None, shown_only=True):
        out = []
        for node in self.walk(False):
            try:
                if node.get_role() == role and (label is None or name_matches(node.get_name(), label)) and \
                        (not shown_only or self.is_shown(node)):
                    out.append(node)
            except Exception:
                continue
        return out

    def find(self, role, label=None, shown_only=True):
        found = self.find_all(role, label, shown_only)
        return found[0] if found else None

    def shown_texts(self):
        """Every text a person can read on the screen: names, descriptions
        and contents of what is drawn (entries included)."""
        texts = []
        for node in self.walk(True):
            try:
                # A label's name is its text: once a node.
                for text in dict.fromkeys((node.get_name(), node.get_description(), text_of(node))):
                    if text:
                        texts.append(text)
            except Exception:
                continue
        return texts

    def tab_names(self, tab_list_name, shown_only=True):
        """The names of the tabs in that tab list, or None when it is not
        on screen (with shown_only=False: also under the PIN pad)."""
        tab_list = self.find(Role.PAGE_TAB_LIST, tab_list_name, shown_only)
        if tab_list is None:
            return None
        tabs = [tab_list.get_child_at_index(i) for i in range(tab_list.get_child_count())]
        return [t.get_name() for t in tabs if t is not None and t.get_role() == Role.PAGE_TAB]

    # ---- waiting ----------------------------------------------------------

    def wait_for(self, what, probe, timeout=30.0, interval=0.25):
        """probe() until it gives something true, or fail saying what."""
        deadline = time.monotonic() + timeout
        last = None
        while True:
            try:
                last = probe()
            except Exception as error:  # the tree changed while we read it
                last = None
                self.log("(%s: %s)" % (what, error))
            if last:
                return last
            self._keep_touching()
            if time.monotonic() > deadline:
                raise JourneyFailure("%s did not happen within %.0f s" % (what, timeout))
            time.sleep(interval)

    def wait_control(self, role, label, timeout=30.0):
        return self.wait_for("%s “%s” on screen" % (Atspi.Role(role).value_nick, plain(label)),
                             lambda: self.find(role, label), timeout)

    # ---- acting -----------------------------------------------------------

    def press(self, node):
        """Press a button (its "click" action, as a switch user would)."""
        self._touch_if_touching()
        if not _has(node, "Action"):
            raise JourneyFailure("“%s” cannot be pressed (no action)" % node.get_name())
        states = node.get_state_set()
        if not states.contains(Atspi.StateType.SENSITIVE):
            raise JourneyFailure("“%s” is greyed out" % node.get_name())
        for i in range(Atspi.Action.get_n_actions(node)):
            if Atspi.Action.get_action_name(node, i) in ("click", "activate", "press"):
                if not Atspi.Action.do_action(node, i):
                    raise JourneyFailure("pressing “%s” was refused" % node.get_name())
                return
        raise JourneyFailure("“%s” has no click action" % node.get_name())

    def press_button(self, label, timeout=30.0):
        self.press(self.wait_control(Role.PUSH_BUTTON, label, timeout))

    def fill(self, role, label, text, timeout=30.0):
        """Type into the field of that name (the whole text at once, as an
        on-screen keyboard or a paste does), and check it took it."""
        node = self.wait_control(role, label, timeout)
        self._touch_if_touching()
        if not _has(node, "EditableText"):
            raise JourneyFailure("the field “%s” cannot be typed into" % plain(label))
        if not Atspi.EditableText.set_text_contents(node, text):
            raise JourneyFailure("the field “%s” refused the text" % plain(label))
        if role != Role.PASSWORD_TEXT:
            self.wait_for("“%s” in the field “%s”" % (text, plain(label)),
                          lambda: text_of(node) == text, 5)
        return node

    def select_tab(self, tab_list_name, tab_name, timeout=30.0):
        """Choose a page in the tab list (its Selection, as a screen reader
        does), and wait until that tab is the selected one."""
        def probe():
            tab_list = self.find(Role.PAGE_TAB_LIST, tab_list_name)
            if tab_list is None:
                return None
            for i in range(tab_list.get_child_count()):
                tab = tab_list.get_child_at_index(i)
                if tab is not None and tab.get_name() == tab_name:
                    return (tab_list, i, tab)
            return None

        tab_list, index, tab = self.wait_for("the “%s” tab" % tab_name, probe, timeout)
        self._touch_if_touching()
        if not Atspi.Selection.select_child(tab_list, index):
            raise JourneyFailure("the “%s” tab cannot be chosen" % tab_name)
        self.wait_for("the “%s” tab selected" % tab_name,
                      lambda: probe()[2].get_state_set().contains(Atspi.StateType.SELECTED), 10)

    def touch(self, x=600, y=400):
        """Move the pointer over the window, as a hand at the screen does
        (the kiosk counts that as someone being there)."""
        Atspi.generate_mouse_event(x, y, "abs")
        Atspi.generate_mouse_event(x + 7, y + 5, "abs")
        self.last_touch = time.monotonic()

    def _touch_if_touching(self):
        if self.touching:
            self.touch()

    def _keep_touching(self):
        # Someone at the screen moves now and then, also while we read it.
        if self.touching and (self.last_touch is None or time.monotonic() - self.last_touch > 1.0):
            self.touch()


def screenshot(path):
    """The whole X screen as a PNG (imagemagick's import)."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    subprocess.run(["import", "-window", "root", path], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=60)
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        raise JourneyFailure("no screenshot was written to %s" % path)
