# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""Live nudges (§3.5): from a committed change, in any process, to the
WebSockets of the salon's kiosks.

The feed's trigger calls pg_notify('salonity_kiosk', <salon id>) with every
change; PostgreSQL delivers it when (and only if) the transaction commits,
whoever wrote: the kiosk API, upstream's endpoints, the admin, a bulk
QuerySet.update() or psql. The relay (`manage.py kiosk_relay_nudges`, or
Relay().run() in a thread) LISTENs on one connection and sends each salon's
group on the channel layer a {"type": "kiosk.changes", "cursor": ...} with
the salon's latest cursor; consumers.py forwards it to the sockets.

One relay per deployment is enough; two or more (for availability) only send
each nudge more than once, which is harmless: a nudge only wakes a pull.
"""

import logging
import select
import threading

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import connections

from . import conf, cursor
from .models import Device, SalonFeed

CHANNEL = "salonity_kiosk"
log = logging.getLogger("salonity_kiosk.nudges")


def salon_group(salon_id):
    return "salon-%s" % salon_id


def device_group(device_id):
    return "kiosk-device-%s" % device_id


def _layer():
    return get_channel_layer(conf.get("KIOSK_CHANNEL_LAYER"))


def _send(group, message):
    layer = _layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(group, message)
    except Exception:  # the layer (Redis) down must not fail a request
        log.warning("could not send %s to %s", message.get("type"), group, exc_info=True)


def send_changes(salon_id, last_seq):
    _send(salon_group(salon_id), {"type": "kiosk.changes",
                                  "cursor": cursor.live(last_seq).encode(salon_id)})


def device_revoked(device_id):
    """Closes the revoked device's sockets (§3.1: the token stops working)."""
    _send(device_group(device_id), {"type": "kiosk.revoked"})


class Relay:
    """LISTEN salonity_kiosk -> channel layer groups."""

    def __init__(self, using="default", poll_seconds=5.0, retry_seconds=2.0):
        self.using = using
        self.poll_seconds = poll_seconds
        self.retry_seconds = retry_seconds
        self.stop_event = threading.Event()
        self.listening = threading.Event()
        self.sent = 0

    def stop(self):
        self.stop_event.set()

    def _connect(self):
        wrapper = connections[self.using]
        conn = wrapper.get_new_connection(wrapper.get_connection_params())
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute("LISTEN " + CHANNEL)
        return conn

    def _wait(self, conn, timeout):
        """Salon ids notified within @timeout seconds (all that are queued)."""
        if hasattr(conn, "poll"):  # psycopg2
            # psycopg2 also files notifications that arrive while it reads a
            # query's answer (the SELECT of _dispatch) into conn.notifies; the
            # socket is then not readable for them, so look there first, or
            # they wait for the next notification of any salon.
            if not conn.notifies and select.select([conn], [], [], timeout) == ([], [], []):
                return set()
            conn.poll()
            payloads = {n.payload for n in conn.notifies}
            del conn.notifies[:]
            return payloads
        # psycopg 3 (3.2 or later)
        return {n.payload for n in conn.notifies(timeout=timeout, stop_after=10000)}

    def _dispatch(self, conn, salon_ids):
        if not salon_ids:
            return
        with conn.cursor() as cur:
            cur.execute("SELECT salon_id::text, last_seq FROM %s WHERE salon_id::text = ANY(%%s)"
                        % SalonFeed._meta.db_table, [sorted(salon_ids)])
            rows = cur.fetchall()
        for salon_id, last_seq in rows:
            send_changes(salon_id, last_seq)
            self.sent += 1

    def _all_salons(self, conn):
        """After a (re)connection notifications may have been missed: every
        salon with an active kiosk gets a nudge."""
        with conn.cursor() as cur:
            cur.execute("SELECT DISTINCT salon_id::text FROM %s WHERE revoked_at IS NULL"
                        % Device._meta.db_table)
            return {row[0] for row in cur.fetchall()}

    def run(self):
        while not self.stop_event.is_set():
            conn = None
            try:
                conn = self._connect()
                self._dispatch(conn, self._all_salons(conn))
                self.listening.set()
                while not self.stop_event.is_set():
                    self._dispatch(conn, self._wait(conn, self.poll_seconds))
            except Exception:
                log.warning("nudge relay lost its database connection; retrying", exc_info=True)
                self.listening.clear()
                self.stop_event.wait(self.retry_seconds)
            finally:
                if conn is not None:
                    try:
                        conn.close()
                    except Exception:
                        pass

    def start_thread(self):
        thread = threading.Thread(target=self.run, name="kiosk-nudge-relay", daemon=True)
        thread.start()
        return thread


def run_forever(using="default"):
    relay = Relay(using=using)
    try:
        relay.run()
    except KeyboardInterrupt:
        pass
    return relay


_in_process = None
_in_process_lock = threading.Lock()


def ensure_in_process_relay():
    """Starts this process's relay thread once (KIOSK_RELAY_IN_PROCESS)."""
    global _in_process
    with _in_process_lock:
        if _in_process is None:
            _in_process = Relay()
            _in_process.start_thread()
    return _in_process
