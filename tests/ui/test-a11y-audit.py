#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
#
# What a screen reader hears, everywhere: starts the built program on its demo
# salon with accessibility on, in a private D-Bus session (its own AT-SPI bus),
# opens every page of the rail in customer mode and then in staff mode, and
# reads the accessibility tree of each from another process. It fails on
#
#   - a control (button, field, tab, list, check box, …) without a name;
#   - a name that is a type name (GtkLabel, GtkFlowBoxChild, KioskSyncStatus,
#     any Gtk*/Gdk*/Adw*/Kiosk* word or GObject type of the program) or a
#     widget's CSS name ("pair-button"): GTK 4.8 says those when a widget has
#     no label;
#   - a name or description holding a mnemonic underscore ("P_air"), or a
#     name said twice ("Pair Pair");
#   - an alert that is not on screen, or nameless (the notice banner of a
#     damaged local database is shown, then dismissed);
#   - pages in the tree that the rail does not offer (customer mode must not
#     hold the staff pages), or the pairing screen once the kiosk is paired.
#
# Then a fresh kiosk pairs with the contract server (salonity-dev-server), as
# an installer who cannot see the screen would: the pairing screen, the salon
# found by name and chosen through its button, the pairing screen gone once
# paired, and the staff PIN pad.
#
# usage: test-a11y-audit.py PROGRAM DEV-SERVER LANG      (TAP on stdout)
#
# The language's catalogue comes from KIOSK_LOCALEDIR (build/po); the
# sources, for the program's type and widget names, from KIOSK_SOURCE_DIR.
# KIOSK_A11Y_AUDIT_DUMP=FILE writes every node read to FILE.

import builtins
import datetime
import gettext
import glob
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

TEXT_DOMAIN = "salonity-kiosk"

# The demo salon on a Wednesday at 12:30 in Istanbul (as the journeys run),
# whatever the real clock says: open, so customer mode shows the walk-in form
# with its service cards, with bookings before and after.
SALON_START = datetime.datetime(2026, 3, 11, 12, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=3)))

# The header's button that opens staff mode (the demo salon asks no PIN).
STAFF_BUTTON = "Staff sign-in"

# Roles a person operates or moves into: each needs a name.
INTERACTIVE = {
    "PUSH_BUTTON", "TOGGLE_BUTTON", "CHECK_BOX", "RADIO_BUTTON", "ENTRY", "PASSWORD_TEXT",
    "COMBO_BOX", "PAGE_TAB", "PAGE_TAB_LIST", "SPIN_BUTTON", "SLIDER", "LINK", "MENU_ITEM",
    "CHECK_MENU_ITEM", "RADIO_MENU_ITEM", "LIST", "LIST_BOX", "TABLE", "TREE", "SCROLL_BAR",
}

TYPE_PREFIX = re.compile(r"^(Gtk|Gdk|Gsk|Adw|Kiosk)[A-Z][A-Za-z0-9]*$")
# A mnemonic underscore: a word with one underscore before a letter or digit
# ("P_air", "_Join", "Change c_ustomer"). A command such as
# kiosk_pairing_code, with two, is text, and so is a file's path.
def has_mnemonic(text):
    for word in (text or "").split():
        if word.count("_") == 1 and "/" not in word:
            at = word.index("_")
            if at + 1 < len(word) and word[at + 1].isalnum():
                return True
    return False


def run_in_private_session():
    # A private session bus, so the AT-SPI bus and its registry are ours and
    # go away with the test. The daemons it starts write to stdout, so the
    # TAP stream takes a pipe of its own and this process copies it out.
    read_end, write_end = os.pipe()
    # Its own runtime dir (nothing the session activates meets an outer
    # session's daemons) and data home (the throwaway keyring of pairing).
    runtime_dir = tempfile.mkdtemp(prefix="kiosk-a11y-audit-run-")
    data_home = os.path.join(runtime_dir, "data")
    os.mkdir(data_home, 0o700)
    env = dict(os.environ, KIOSK_A11Y_TAP_FD=str(write_end), XDG_RUNTIME_DIR=runtime_dir, XDG_DATA_HOME=data_home)
    env.pop("GNOME_KEYRING_CONTROL", None)
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
    # The document portal mounts a FUSE file system at doc/ that is dead once
    # the session bus is gone: unmount it lazily first. Never decides the result.
    doc = os.path.join(path, "doc")
    for tool in ("fusermount3", "fusermount"):
        if shutil.which(tool):
            subprocess.run([tool, "-u", "-z", doc], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            break
    shutil.rmtree(path, ignore_errors=True)


def program_names(source_dir):
    """The GObject types of the program and the CSS names its widgets get
    (gtk_widget_set_name, "name" in g_object_new and in .ui files)."""
    types, widget_names = set(), set()
    for path in glob.glob(os.path.join(source_dir, "src", "**", "*.[ch]"), recursive=True) + \
            glob.glob(os.path.join(source_dir, "src", "**", "*.ui"), recursive=True):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        types.update(re.findall(r"G_DEFINE_[A-Z_]*TYPE[A-Z_]*\s*\(\s*([A-Za-z0-9]+)\s*,", text))
        types.update(re.findall(r"G_DECLARE_[A-Z_]+_TYPE\s*\(\s*([A-Za-z0-9]+)\s*,", text))
        widget_names.update(re.findall(r"gtk_widget_set_name\s*\([^;]*?,\s*\"([^\"]+)\"\s*\)", text))
        widget_names.update(re.findall(r"\"name\",\s*\"([^\"]+)\"", text))
        widget_names.update(re.findall(r"<property name=\"name\">([^<]+)</property>", text))
    return types, widget_names


class Audit:
    # Over all the programs read, for the report.
    nodes_read = 0

    def __init__(self, Atspi, pid, types, widget_names, dump):
        self.Atspi = Atspi
        self.pid = pid
        self.types = types
        self.widget_names = widget_names
        self.dump = dump

    def application(self):
        desktop = self.Atspi.get_desktop(0)
        for i in range(desktop.get_child_count()):
            app = desktop.get_child_at_index(i)
            try:
                if app is not None and app.get_process_id() == self.pid:
                    app.clear_cache()
                    return app
            except Exception:
                continue
        return None

    def frame(self):
        app = self.application()
        if app is None:
            return None
        for i in range(app.get_child_count()):
            child = app.get_child_at_index(i)
            if child is not None and child.get_role() == self.Atspi.Role.FRAME:
                return child
        return None

    # ---- reading -----------------------------------------------------------

    def walk(self, root, path, skip=None, out=None):
        """Every node under @root, depth first, as (node, role nick, name,
        path of names and roles down to it); the subtrees of @skip (object
        paths) are left out."""
        Atspi = self.Atspi
        out = [] if out is None else out
        stack = [(root, path, 0)]
        while stack:
            node, where, depth = stack.pop()
            try:
                if skip is not None and node.path in skip:
                    continue
                role = node.get_role()
                name = node.get_name() or ""
                nick = Atspi.role_get_name(role) if hasattr(Atspi, "role_get_name") else str(role)
                here = "%s › %s “%s”" % (where, nick, name) if where else "%s “%s”" % (nick, name)
                out.append((node, role, name, here))
                Audit.nodes_read += 1
                if self.dump is not None:
                    self.dump.write("%s%s %r\n" % ("  " * depth, nick, name))
                if depth < 80:
                    children = [node.get_child_at_index(i) for i in range(node.get_child_count())]
                    stack.extend((c, here, depth + 1) for c in reversed(children) if c is not None)
            except Exception as error:
                # A node that went away while we read it.
                if self.dump is not None:
                    self.dump.write("%s(gone: %s)\n" % ("  " * depth, error))
                continue
        return out

    # ---- judging -----------------------------------------------------------

    def problems(self, nodes):
        """(kind, where, what) for every node that fails a rule."""
        Atspi = self.Atspi
        found = []
        for node, role, name, where in nodes:
            role_id = role.value_name.replace("ATSPI_ROLE_", "") if hasattr(role, "value_name") else str(role)
            try:
                description = node.get_description() or ""
                states = node.get_state_set()
            except Exception:
                continue
            text = name.strip()
            if role_id in INTERACTIVE and text == "":
                found.append(("no name", where, "a %s with no name" % role_id.lower().replace("_", " ")))
            if role_id == "TEXT" and states.contains(Atspi.StateType.EDITABLE) and text == "":
                found.append(("no name", where, "a text field with no name"))
            if TYPE_PREFIX.match(text) or text in self.types:
                found.append(("type name", where, "named after the type %s" % text))
            elif text in self.widget_names:
                found.append(("type name", where, "named after its CSS name %s" % text))
            for what, value in (("name", name), ("description", description)):
                if has_mnemonic(value):
                    found.append(("mnemonic", where, "%s with a mnemonic underscore: %s" % (what, value)))
            words = text.split()
            if len(words) >= 2 and len(words) % 2 == 0 and words[:len(words) // 2] == words[len(words) // 2:]:
                found.append(("said twice", where, "the name said twice: %s" % text))
            elif len(words) >= 2 and len(words) % 2 == 0 and \
                    [w.replace("_", "") for w in words[:len(words) // 2]] == words[len(words) // 2:]:
                found.append(("said twice", where, "the name said twice: %s" % text))
            if role_id == "ALERT":
                box = node.get_extents(Atspi.CoordType.WINDOW) if "Component" in node.get_interfaces() else None
                if box is None or box.width <= 0 or box.height <= 0:
                    found.append(("hidden alert", where, "an alert that is not on screen"))
                elif text == "":
                    found.append(("no name", where, "an alert with no name"))
        return found


class Run:
    def __init__(self, program, lang):
        self.program = program
        self.lang = lang
        self.tests = 0
        self.failed = 0
        localedir = os.environ.get("KIOSK_LOCALEDIR") or os.path.join(os.getcwd(), "po")
        t = gettext.translation(TEXT_DOMAIN, localedir=localedir, languages=[lang], fallback=(lang == "en"))
        self.w = t.gettext
        self.pw = t.pgettext

    def ok(self, good, what, details=()):
        self.tests += 1
        print("%s %d - %s" % ("ok" if good else "not ok", self.tests, what))
        if not good:
            self.failed += 1
            for line in details:
                print("# " + line)
        return good


def wait_for(probe, timeout, interval=0.2):
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = probe()
        except Exception:
            value = None
        if value:
            return value
        if time.monotonic() > deadline:
            return None
        time.sleep(interval)


def find_first(audit, root, role, name=None, skip=None):
    for node, node_role, node_name, _ in audit.walk(root, "", skip):
        if node_role == role and (name is None or node_name == name):
            return node
    return None


def tab_list(audit, run):
    frame = audit.frame()
    if frame is None:
        return None
    return find_first(audit, frame, audit.Atspi.Role.PAGE_TAB_LIST, run.w("Pages"))


def tabs_of(audit, tabs):
    out = []
    for i in range(tabs.get_child_count()):
        tab = tabs.get_child_at_index(i)
        if tab is not None and tab.get_role() == audit.Atspi.Role.PAGE_TAB:
            out.append((i, tab))
    return out


def press(audit, node):
    """Its click (a button, a view's tab), as a switch user would."""
    Atspi = audit.Atspi
    try:
        for i in range(Atspi.Action.get_n_actions(node)):
            if Atspi.Action.get_action_name(node, i) in ("click", "activate", "press"):
                return Atspi.Action.do_action(node, i)
    except Exception:
        return False
    return False


def page_of_tab(audit, tab):
    """The tab panel a rail tab controls (its CONTROLLER_FOR relation)."""
    Atspi = audit.Atspi
    for relation in tab.get_relation_set():
        if relation.get_relation_type() == Atspi.RelationType.CONTROLLER_FOR and relation.get_n_targets() > 0:
            return relation.get_target(0)
    return None


def audit_mode(run, audit, mode, report):
    """Every page of the rail in this mode: the page's own subtree once it is
    shown, and once the window around the pages."""
    Atspi = audit.Atspi
    tabs_node = wait_for(lambda: tab_list(audit, run), 30)
    if tabs_node is None:
        run.ok(False, "%s mode: the rail of pages is in the tree" % mode)
        return {"tabs": [], "pages": {}, "around": []}
    tabs = tabs_of(audit, tabs_node)
    names = [tab.get_name() for _, tab in tabs]
    pages = []
    problems = []
    stack = None
    page_names = {}
    for index, tab in tabs:
        name = tab.get_name()
        Atspi.Selection.select_child(tabs_node, index)
        wait_for(lambda: tab.get_state_set().contains(Atspi.StateType.SELECTED), 10)
        # What the page reads when it is shown (a reload, rows built).
        time.sleep(0.4)
        page = page_of_tab(audit, tab)
        if page is None:
            problems.append(("no page", "%s tab “%s”" % (mode, name), "the tab controls no page"))
            continue
        pages.append(page.path)
        if stack is None:
            # tab panel ← stack page ← the stack of pages
            stack = page.get_parent().get_parent()
        nodes = audit.walk(page, "%s › %s" % (mode, name))
        problems.extend(audit.problems(nodes))
        report.append("%s page “%s”: %d nodes" % (mode, name, len(nodes)))
        page_names[name] = nodes
        # A page's own views (the calendar's Day and Week): each, then back.
        inner = [n for n, r, _, _ in nodes if r == Atspi.Role.PAGE_TAB_LIST]
        for tab_list_node in inner:
            views = tabs_of(audit, tab_list_node)
            first = None
            for _, view in views:
                if view.get_state_set().contains(Atspi.StateType.SELECTED):
                    first = first or view
                    continue
                if not press(audit, view):
                    continue
                wait_for(lambda: view.get_state_set().contains(Atspi.StateType.SELECTED), 10)
                time.sleep(0.4)
                more = audit.walk(page, "%s › %s › %s" % (mode, name, view.get_name()))
                problems.extend(audit.problems(more))
                page_names[name] = page_names[name] + more
                report.append("%s page “%s”, view “%s”: %d nodes" % (mode, name, view.get_name(), len(more)))
            if first is not None:
                press(audit, first)

    # The window around the pages (header bar, banners, rail, PIN pad).
    frame = audit.frame()
    skip = {stack.path} if stack is not None else set()
    nodes = audit.walk(frame, mode, skip)
    problems.extend(audit.problems(nodes))
    report.append("%s mode, around the pages: %d nodes" % (mode, len(nodes)))

    # The stack of pages holds what the rail offers, nothing more.
    extra = []
    if stack is not None:
        for i in range(stack.get_child_count()):
            stack_page = stack.get_child_at_index(i)
            if stack_page is None or stack_page.get_child_count() == 0:
                continue
            panel = stack_page.get_child_at_index(0)
            if panel is not None and panel.path not in pages:
                extra.append(panel.get_name() or "(no name)")
    # Type names counted once per place: a page's tree is read once.
    kinds = {}
    for kind, where, what in problems:
        kinds.setdefault(kind, []).append("%s: %s" % (where, what))
    for kind in ("type name", "mnemonic", "said twice", "no name", "hidden alert"):
        report.append("%s mode: %d × %s" % (mode, len(kinds.get(kind, [])), kind))

    run.ok(bool(tabs) and len(pages) == len(tabs),
           "%s mode: every page of the rail opens (%s)" % (mode, ", ".join(names)))
    run.ok(not kinds.get("no name"),
           "%s mode: every control has a name" % mode, kinds.get("no name", []))
    run.ok(not kinds.get("type name"),
           "%s mode: no name is a type or widget name" % mode, kinds.get("type name", []))
    run.ok(not kinds.get("mnemonic") and not kinds.get("said twice"),
           "%s mode: each name said once, without mnemonic underscores" % mode,
           kinds.get("mnemonic", []) + kinds.get("said twice", []))
    run.ok(not kinds.get("hidden alert") and not extra,
           "%s mode: nothing hidden in the tree (no hidden alert, only the rail's pages)" % mode,
           kinds.get("hidden alert", []) + ["a page the rail does not offer: %s" % e for e in extra])
    return {"tabs": [(tab.path, tab.get_name()) for _, tab in tabs], "pages": page_names, "around": nodes}


def notice_banner(run, audit):
    """The notice above the pages is an alert named by what it says while
    it is shown, and leaves the tree once dismissed."""
    Atspi = audit.Atspi

    def alerts():
        return [(node, name) for node, role, name, _ in audit.walk(audit.frame(), "") if role == Atspi.Role.ALERT]

    shown = alerts()
    said = [name for _, name in shown]
    dismissed = False
    if len(shown) == 1 and said[0] and not TYPE_PREFIX.match(said[0]):
        buttons = [node for node, role, _, _ in audit.walk(shown[0][0], "") if role == Atspi.Role.PUSH_BUTTON]
        dismissed = bool(buttons) and press(audit, buttons[0]) and \
            wait_for(lambda: not alerts(), 10) is not None
    return run.ok(len(said) == 1 and bool(said[0]) and dismissed,
                  "the notice banner is an alert named by what it says, and leaves the tree once dismissed",
                  ["alerts in the tree: %s" % said, "dismissed: %s" % dismissed])


def pattern(translated):
    """A regular expression of a translated printf format (each %s, %u…
    matches some text)."""
    parts = re.split(r"%(?:\d\$)?[sud]", translated)
    return "^" + "(.+?)".join(re.escape(p) for p in parts) + "$"


def audit_panels(run, audit, report):
    """What the calendar opens over the day (staff mode): the booking panel
    at each of its steps (the time, the customer with the new customer's
    form), a booking's details and a walk-in's popover. The rail shows them
    only when asked, so the walk of the pages does not meet them."""
    Atspi = audit.Atspi
    w = run.w
    problems = []
    reached = []

    def find_in(root, roles, match):
        return [node for node, role, name, _ in audit.walk(root, "") if role in roles and match(name)]

    def walk(root, what):
        nodes = audit.walk(root, "staff › %s" % what)
        problems.extend(audit.problems(nodes))
        reached.append("%s (%d nodes)" % (what, len(nodes)))

    tabs_node = tab_list(audit, run)
    calendar = [(i, tab) for i, tab in tabs_of(audit, tabs_node) if tab.get_name() == w("Calendar")]
    try:
        Atspi.Selection.select_child(tabs_node, calendar[0][0])
        page = wait_for(lambda: page_of_tab(audit, calendar[0][1]), 10)
        buttons = (Atspi.Role.PUSH_BUTTON, Atspi.Role.TOGGLE_BUTTON)

        press(audit, wait_for(lambda: find_in(page, buttons, lambda n: n == plain(w("_New booking")))[0], 10))
        panel = wait_for(lambda: find_named(audit, (Atspi.Role.PANEL,), w("New booking")), 10)
        walk(panel, "New booking › %s" % w("Time"))
        services = find_named(audit, (Atspi.Role.PANEL,), w("Service"))
        press(audit, find_in(services, buttons, lambda n: bool(n))[0])
        slot_re = pattern(w("%s with %s"))

        def slots():
            return [n for n in find_in(panel, buttons, lambda name: re.match(slot_re, name) is not None)
                    if re.fullmatch(r"\d\d:\d\d", re.match(slot_re, n.get_name()).group(1))]
        for _ in range(8):
            found = wait_for(slots, 3)
            if found:
                break
            press(audit, find_in(panel, buttons, lambda n: n == w("Next day"))[0])
        press(audit, found[0])
        wait_for(lambda: find_in(panel, (Atspi.Role.ENTRY,), lambda n: n == w("Search customers")), 10)
        press(audit, find_in(panel, buttons, lambda n: n == plain(w("_New customer")))[0])
        wait_for(lambda: find_in(panel, (Atspi.Role.TEXT,), lambda n: n == plain(w("_First name"))), 10)
        walk(panel, "New booking › %s" % w("Customer"))
        press(audit, find_in(panel, buttons, lambda n: n == plain(w("_Close")))[0])

        # A booking of the day (its block says the time first), then a walk-in.
        press(audit, find_in(page, buttons, lambda n: n == plain(w("_Today")))[0])
        walkin = pattern(w("Walk-in: %s")).rstrip("$")
        blocks = wait_for(lambda: find_in(page, buttons, lambda n: re.match(r"^\d\d:\d\d – \d\d:\d\d, ", n)
                                          is not None and re.search(walkin.lstrip("^"), n) is None), 10)
        press(audit, blocks[0])
        details = wait_for(lambda: find_named(audit, (Atspi.Role.PANEL,), w("Booking details")), 10)
        wait_for(lambda: find_in(details, buttons, lambda n: n == plain(w("_Close"))), 10)
        walk(details, w("Booking details"))
        press(audit, find_in(details, buttons, lambda n: n == plain(w("_Close")))[0])
        walkins = find_in(page, buttons, lambda n: re.search(walkin.lstrip("^"), n) is not None)
        if walkins:
            press(audit, walkins[0])
            frame = audit.frame()
            shown = wait_for(lambda: find_in(frame, buttons, lambda n: n == plain(w("Show in the _queue"))), 10)
            if shown:
                holder = shown[0].get_parent()
                while holder is not None and holder.get_role() not in (Atspi.Role.DIALOG, Atspi.Role.WINDOW,
                                                                       Atspi.Role.POPUP_MENU, Atspi.Role.FRAME):
                    holder = holder.get_parent()
                walk(holder or shown[0], "%s › %s" % (walkins[0].get_name(), holder.get_role_name() if holder else ""))
    except Exception as error:
        problems.append(("not reached", "staff › Calendar", "the panels could not be opened: %r" % error))
    report.append("panels: %s" % "; ".join(reached))
    return run.ok(not problems and len(reached) == 4,
                  "the calendar's panels (booking, customer form, booking details, a walk-in): named, once, "
                  "without type names",
                  ["%s: %s" % (where, what) for _, where, what in problems] or ["reached: %s" % reached])


def audit_walkin_joined(run, audit, report):
    """Customer mode: a person joins the walk-in queue through the tree (as
    a switch or a screen reader does) and is thanked; that page, shown only
    then, is read too."""
    Atspi = audit.Atspi
    w = run.w
    problems = []
    thanked = None

    def find_in(root, roles, match):
        return [node for node, role, name, _ in audit.walk(root, "") if role in roles and match(name)]

    tabs_node = tab_list(audit, run)
    walkins = [(i, tab) for i, tab in tabs_of(audit, tabs_node) if tab.get_name() == w("Walk-ins")]
    try:
        Atspi.Selection.select_child(tabs_node, walkins[0][0])
        page = wait_for(lambda: page_of_tab(audit, walkins[0][1]), 10)
        fill(audit, run, (Atspi.Role.TEXT,), "Your _name", "Deniz Acar")
        fill(audit, run, (Atspi.Role.TEXT,), "Your _phone number", "0532 555 12 34")
        services = find_in(page, (Atspi.Role.GROUPING, Atspi.Role.PANEL, Atspi.Role.TABLE), lambda n: n == w("Service"))
        press(audit, find_in(services[0], (Atspi.Role.RADIO_BUTTON,), lambda n: bool(n))[0])
        press(audit, find_in(page, (Atspi.Role.CHECK_BOX,),
                             lambda n: n == plain(w("I have read the privacy notice (KVKK) and _agree")))[0])
        press(audit, find_in(page, (Atspi.Role.PUSH_BUTTON,), lambda n: n == plain(w("_Join the queue")))[0])
        thanks = pattern(w("Thank you, %s. You are in the queue.")).replace("(.+?)", "Deniz")
        thanked = wait_for(lambda: find_in(page, (Atspi.Role.HEADING,), lambda n: re.match(thanks, n) is not None), 10)
        nodes = audit.walk(page, "customer › %s › %s" % (w("Walk-ins"), thanked[0].get_name() if thanked else "?"))
        problems.extend(audit.problems(nodes))
        report.append("the walk-in's thank-you page: %d nodes" % len(nodes))
        press(audit, find_in(page, (Atspi.Role.PUSH_BUTTON,), lambda n: n == plain(w("_Done")))[0])
    except Exception as error:
        problems.append(("not reached", "customer › %s" % w("Walk-ins"), "could not join the queue: %r" % error))
    return run.ok(bool(thanked) and not problems,
                  "a walk-in joins the queue through the tree; the thank-you page is named, once, without type names",
                  ["%s: %s" % (where, what) for _, where, what in problems])


def one_name_for_one_thing(run, audit, seen):
    """A page's name is its tab's: no button, field or other tab goes by it
    (in either mode: the header's button in customer mode and the staff
    pages' tabs), and no other page's title (its first heading) does."""
    Atspi = audit.Atspi
    controls = {Atspi.Role.PUSH_BUTTON, Atspi.Role.TOGGLE_BUTTON, Atspi.Role.RADIO_BUTTON, Atspi.Role.CHECK_BOX,
                Atspi.Role.PAGE_TAB, Atspi.Role.ENTRY, Atspi.Role.TEXT, Atspi.Role.PASSWORD_TEXT}
    tab_paths = {path for mode in seen for path, _ in mode["tabs"]}
    tab_names = {name for mode in seen for _, name in mode["tabs"]}
    problems = set()
    for mode in seen:
        everything = [node for nodes in mode["pages"].values() for node in nodes] + mode["around"]
        for node, role, name, where in everything:
            if name in tab_names and role in controls and node.path not in tab_paths:
                problems.add("%s: a control named like the page tab “%s”" % (where, name))
        for page, nodes in mode["pages"].items():
            titles = [(name, where) for _, role, name, where in nodes if role == Atspi.Role.HEADING]
            if titles and titles[0][0] in tab_names and titles[0][0] != page:
                problems.add("%s: the title of the page “%s” is the name of another page’s tab" % (titles[0][1], page))
    return run.ok(not problems, "one name for one thing: page names are not reused by other controls or pages",
                  sorted(problems))


# Different things, which the language must tell apart: neither name is the
# other, nor its first words ("Giriş" and "Giriş yap"). (context, msgid).
TOLD_APART = [
    # The PIN pad's key that opens staff mode; leaving a finished screen.
    ((None, "OK"), (None, "_Done")),
    # The page where people with a booking say they are here; doing it.
    ((None, "Check-in"), (None, "Check _in")),
]


def told_apart(run):
    def plain(text):
        return text.replace("__", "\0").replace("_", "").replace("\0", "_").casefold().split()

    problems = []
    for (c1, m1), (c2, m2) in TOLD_APART:
        a = run.w(m1) if c1 is None else run.pw(c1, m1)
        b = run.w(m2) if c2 is None else run.pw(c2, m2)
        wa, wb = plain(a), plain(b)
        if wa == wb or wa == wb[:len(wa)] or wb == wa[:len(wb)]:
            problems.append("“%s” (%s) and “%s” (%s) are not told apart" % (a, m1, b, m2))
    return run.ok(not problems, "different things have names told apart in this language", problems)


# ---- pairing -----------------------------------------------------------------

PIN = "2468"


def start_keyring():
    # The device token and the staff PIN go to the Secret Service: a
    # throwaway login keyring in this session (as build-aux/quickstart does).
    subprocess.run(["gnome-keyring-daemon", "--unlock", "--components=secrets"],
                   input=b"salonity-kiosk-a11y-audit", stdout=subprocess.DEVNULL, check=True, timeout=30)
    started = subprocess.run(["gnome-keyring-daemon", "--start", "--components=secrets"],
                             stdout=subprocess.PIPE, check=True, timeout=30, text=True)
    for line in started.stdout.splitlines():
        key, _, value = line.partition("=")
        if key and value:
            os.environ[key] = value


class DevServer:
    def __init__(self, program, work_dir, code):
        self.log_path = os.path.join(work_dir, "server.log")
        data_dir = os.path.join(work_dir, "server")
        os.mkdir(data_dir)
        with open(self.log_path, "w") as log:
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
        stop(self.proc)


def stop(proc):
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def text_of(audit, node):
    Atspi = audit.Atspi
    if "Text" not in node.get_interfaces():
        return ""
    count = Atspi.Text.get_character_count(node)
    return Atspi.Text.get_text(node, 0, count) if count > 0 else ""


def plain(label):
    return label.replace("__", "\0").replace("_", "").replace("\0", "_")


def find_named(audit, roles, name):
    frame = audit.frame()
    if frame is None:
        return None
    for node, role, text, _ in audit.walk(frame, ""):
        if role in roles and text == name:
            return node
    return None


def fill(audit, run, roles, label, text):
    node = wait_for(lambda: find_named(audit, roles, plain(run.w(label))), 15)
    if node is None:
        raise RuntimeError("no field named “%s”" % plain(run.w(label)))
    audit.Atspi.EditableText.set_text_contents(node, text)
    return node


def audit_pairing(run, audit, server, report):
    """A fresh kiosk: the pairing screen, choosing the salon, pairing, and
    the PIN pad, all through the accessibility tree."""
    Atspi = audit.Atspi
    texts = (Atspi.Role.TEXT, Atspi.Role.ENTRY)
    title = run.w("Pair this kiosk with your salon")
    if wait_for(lambda: find_named(audit, (Atspi.Role.HEADING, Atspi.Role.LABEL), title), 30, 0.5) is None:
        run.ok(False, "pairing screen: named controls, no type names, each said once")
        return
    problems = audit.problems(audit.walk(audit.frame(), "pairing"))

    # The salons the server knows, listed by name: each is a button (a
    # keyboard, a screen reader or a switch can choose it), named by the
    # salon and where it is.
    fill(audit, run, texts, "_Server address", server.uri)
    press(audit, wait_for(lambda: find_named(audit, (Atspi.Role.PUSH_BUTTON,), plain(run.w("_Find salon"))), 10))
    salons = wait_for(lambda: find_named(audit, (Atspi.Role.LIST,), run.w("Salons found")), 30)
    choices = []
    if salons is not None:
        nodes = audit.walk(salons, "pairing › %s" % run.w("Salons found"))
        problems.extend(audit.problems(nodes))
        choices = [node for node, role, name, _ in nodes if role == Atspi.Role.PUSH_BUTTON and name]
    chosen = ""
    if choices:
        press(audit, choices[0])
        salon_entry = find_named(audit, texts, plain(run.w("Salon _id")))
        chosen = wait_for(lambda: text_of(audit, salon_entry) == server.salon, 10) and choices[0].get_name()
    run.ok(not problems, "pairing screen: named controls, no type names, each said once",
           ["%s: %s" % (where, what) for _, where, what in problems])
    run.ok(bool(chosen), "pairing screen: the salon found is chosen with its button (%s)" % (chosen or "none"),
           ["the salons found: %s" % [c.get_name() for c in choices]])

    fill(audit, run, texts, "_Pairing code", server.code)
    fill(audit, run, texts, "_Name of this kiosk", "Ön büro 1")
    fill(audit, run, (Atspi.Role.PASSWORD_TEXT,), "New staff _PIN", PIN)
    fill(audit, run, (Atspi.Role.PASSWORD_TEXT,), "Staff PIN _again", PIN)
    press(audit, find_named(audit, (Atspi.Role.PUSH_BUTTON,), plain(run.w("P_air"))))
    paired = wait_for(lambda: tab_list(audit, run), 60, 0.5) is not None
    left = []
    said = []
    if not paired:
        # What the screen says instead (the pairing message).
        said = [name for _, role, name, _ in audit.walk(audit.frame(), "")
                if role in (Atspi.Role.LABEL, Atspi.Role.ALERT) and len(name) > 25]
    if paired:
        left = [where for node, role, name, where in audit.walk(audit.frame(), "paired")
                if name in (title, plain(run.w("P_air")), plain(run.w("_Server address")))]
    run.ok(paired and not left, "once paired, the pairing screen is not in the tree",
           ["still there: %s" % where for where in left] or
           ([] if paired else ["the pages did not appear; the screen says: %s" % said]))

    # Staff mode of a paired kiosk asks for the PIN: the PIN pad.
    staff = find_named(audit, (Atspi.Role.PUSH_BUTTON,), run.w(STAFF_BUTTON))
    pad = None
    if staff is not None and press(audit, staff):
        pad = wait_for(lambda: find_named(audit, (Atspi.Role.DIALOG,), run.w("Staff PIN")), 15)
    problems = []
    keys = []
    if pad is not None:
        nodes = audit.walk(pad, "PIN pad")
        problems = audit.problems(nodes)
        keys = [name for _, role, name, _ in nodes if role == Atspi.Role.PUSH_BUTTON]
        report.append("PIN pad keys: %s" % ", ".join(keys))
    run.ok(pad is not None and len(keys) >= 12 and not problems,
           "the staff PIN pad: each key named, once, without type names",
           ["%s: %s" % (where, what) for _, where, what in problems] or ["keys: %s" % keys])


def main():
    if "KIOSK_A11Y_TAP_FD" not in os.environ:
        return run_in_private_session()

    global print
    tap = os.fdopen(int(os.environ.pop("KIOSK_A11Y_TAP_FD")), "w", buffering=1)
    print = lambda *args: builtins.print(*args, file=tap)  # noqa: E731

    import gi
    gi.require_version("Atspi", "2.0")
    from gi.repository import Gio, GLib

    # Both sides use this session's accessibility bus (see test-a11y.py).
    session = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    reply = session.call_sync("org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus", "GetAddress",
                              None, GLib.VariantType("(s)"), Gio.DBusCallFlags.NONE, 20000, None)
    os.environ["AT_SPI_BUS_ADDRESS"] = reply.unpack()[0]
    from gi.repository import Atspi

    program, server_program, lang = sys.argv[1], sys.argv[2], sys.argv[3]
    source_dir = os.environ.get("KIOSK_SOURCE_DIR") or os.path.join(os.path.dirname(__file__), "..", "..")
    types, widget_names = program_names(source_dir)
    run = Run(program, lang)

    # Before any program asks for the Secret Service, or the daemon it
    # starts has no login keyring.
    start_keyring()
    env = dict(os.environ)
    # test_env turns the bridge off for the other tests: on here.
    env.pop("NO_AT_BRIDGE", None)
    env.pop("GTK_A11Y", None)
    env["LANGUAGE"] = lang
    dump_path = os.environ.get("KIOSK_A11Y_AUDIT_DUMP")
    dump = open(dump_path, "w") if dump_path else None
    started = time.monotonic()
    report = []

    print("1..19")
    with tempfile.TemporaryDirectory(prefix="kiosk-a11y-audit-") as data_dir:
        # No idle time-out while the tree is read: nobody touches the screen.
        env["KIOSK_IDLE_TIMEOUT_MS"] = "3600000"
        env["KIOSK_TEST_CLOCK_OFFSET"] = "%.6f" % (SALON_START.timestamp() - time.time())
        # A damaged local database: the kiosk starts afresh and says so in
        # the notice banner above the pages, an alert.
        with open(os.path.join(data_dir, "replica.db"), "wb") as damaged:
            damaged.write(b"not a database\n" * 300)
        proc = subprocess.Popen([program, "--demo", "--data-dir=" + data_dir], env=env)
        audit = Audit(Atspi, proc.pid, types, widget_names, dump)
        try:
            if wait_for(lambda: tab_list(audit, run), 30, 0.5) is None:
                print("Bail out! no page tabs in the tree (program exit status %s)" % proc.poll())
                return 1
            seen = [audit_mode(run, audit, "customer", report)]
            audit_walkin_joined(run, audit, report)
            notice_banner(run, audit)

            frame = audit.frame()
            staff = find_first(audit, frame, Atspi.Role.PUSH_BUTTON, run.w(STAFF_BUTTON))
            if staff is None:
                print("Bail out! no “%s” button in the header" % run.w(STAFF_BUTTON))
                return 1
            Atspi.Action.do_action(staff, 0)
            if not wait_for(lambda: len(tabs_of(audit, tab_list(audit, run))) > 4, 15):
                print("Bail out! the staff pages did not appear after “%s”" % run.w(STAFF_BUTTON))
                return 1
            seen.append(audit_mode(run, audit, "staff", report))
            audit_panels(run, audit, report)
            one_name_for_one_thing(run, audit, seen)
            told_apart(run)
        finally:
            stop(proc)

    with tempfile.TemporaryDirectory(prefix="kiosk-a11y-audit-pair-") as work:
        server = DevServer(server_program, work, "%06d" % random.randrange(1000000))
        server.code = server.proc.args[server.proc.args.index("--pairing-code") + 1]
        data_dir = os.path.join(work, "kiosk")
        os.mkdir(data_dir)
        proc = subprocess.Popen([program, "--data-dir=" + data_dir], env=env)
        audit = Audit(Atspi, proc.pid, types, widget_names, dump)
        try:
            audit_pairing(run, audit, server, report)
        finally:
            stop(proc)
            server.stop()
    if dump is not None:
        dump.close()
    for line in report:
        print("# " + line)
    print("# %d nodes read in %.1f s" % (Audit.nodes_read, time.monotonic() - started))
    return 1 if run.failed else 0


if __name__ == "__main__":
    sys.exit(main())
