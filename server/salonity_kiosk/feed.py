# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""Reading a salon's change feed (§3.2); docs/change-feed.md has the why.

A page is read in one REPEATABLE READ, READ ONLY transaction, so the log,
the row versions and the rows' data it serves are of one instant.

- A snapshot (no `since`) starts at the salon's current seq S0 and walks the
  salon's rows by (entity rank, id), as upserts of their current data, each
  with its row version (the seq of its latest change, or S0 for a row that
  has not changed since the feed was installed). Later pages are later
  transactions: a row that changed meanwhile comes with its newer data and
  version, one deleted meanwhile is not served. After the last row the page
  goes on with the log after S0, so every change made during the snapshot
  arrives as well (maybe once more: a replay the kiosk skips).
- A live page reads the log after the cursor's seq, in seq order (which is
  commit order, see the triggers). A change that a later change of the same
  row superseded is skipped (the later one follows); the others are served
  with the row's current data, or as a tombstone.
"""

from dataclasses import dataclass, field
from typing import List, Optional

from django.db import connection, transaction

from . import cursor as cursors
from . import entities
from .models import Change, RowVersion, SalonFeed


class CursorExpired(Exception):
    pass


@dataclass
class Page:
    changes: List[dict] = field(default_factory=list)
    cursor: str = ""
    has_more: bool = False


def _table(model):
    return model._meta.db_table


def ensure_started(salon_id):
    """Makes sure the salon's counter is at least 1 before a snapshot, so a
    row that never changed can be served at a version >= 1 (the kiosk reads
    version 0 as "never came from the server") and every later change has a
    higher one. Its own short transaction: rare (a salon's first snapshot)."""
    feed = SalonFeed.objects.filter(salon_id=salon_id).values_list("last_seq", flat=True).first()
    if feed:
        return
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute(
            "INSERT INTO %s AS f (salon_id, last_seq, trimmed_seq) VALUES (%%s, 1, 0) "
            "ON CONFLICT (salon_id) DO UPDATE SET last_seq = GREATEST(f.last_seq, 1)"
            % _table(SalonFeed), [salon_id])


def _counters(salon_id):
    row = SalonFeed.objects.filter(salon_id=salon_id).values_list("last_seq", "trimmed_seq").first()
    return row or (0, 0)


def _versions(salon_id, entity, row_ids):
    rows = RowVersion.objects.filter(salon_id=salon_id, entity=entity, row_id__in=list(row_ids))
    return {r.row_id: r.seq for r in rows}


def _snapshot(salon_id, cur, room, tz, out):
    """Fills @out with up to @room snapshot upserts after @cur's position;
    returns True when rows remain after them."""
    rank, after = cur.rank, cur.row_id
    while rank < len(entities.ENTITIES):
        entity = entities.ENTITIES[rank]
        rows = entities.page(entity, salon_id, after, room + 1, tz)
        more = len(rows) > room
        rows = rows[:room]
        versions = _versions(salon_id, entity, [row_id for row_id, _ in rows])
        for row_id, data in rows:
            out.append({"entity": entity, "op": "upsert", "id": row_id,
                        "version": versions.get(row_id, cur.seq), "data": data})
        room -= len(rows)
        if rows:
            after = rows[-1][0]
            cur.rank, cur.row_id = rank, after
        if more:
            return True
        rank += 1
        after = ""
    return False


def _live(salon_id, cur, room, tz, out):
    """Fills @out with the log's current changes after @cur.seq, scanning at
    most @room entries; returns True when entries remain."""
    with connection.cursor() as c:
        c.execute(
            "SELECT c.seq, c.entity, c.row_id, r.seq, r.op "
            "FROM {change} c LEFT JOIN {rowversion} r "
            "  ON r.salon_id = c.salon_id AND r.entity = c.entity AND r.row_id = c.row_id "
            "WHERE c.salon_id = %s AND c.seq > %s ORDER BY c.seq LIMIT %s"
            .format(change=_table(Change), rowversion=_table(RowVersion)),
            [salon_id, cur.seq, room + 1])
        scanned = c.fetchall()
    more = len(scanned) > room
    scanned = scanned[:room]
    current = []
    for seq, entity, row_id, latest, op in scanned:
        if latest is not None and latest != seq:
            continue  # superseded: the row's latest change comes later in the log
        current.append((seq, entity, row_id, op or "upsert"))
    wanted = {}
    for seq, entity, row_id, op in current:
        if op == "upsert" and entity in entities.RANK:
            wanted.setdefault(entity, []).append(row_id)
    data = {entity: entities.load(entity, salon_id, ids, tz) for entity, ids in wanted.items()}
    for seq, entity, row_id, op in current:
        row = data.get(entity, {}).get(row_id) if op == "upsert" else None
        # An upsert whose row has left the salon's scope by a way no trigger
        # saw (TRUNCATE, triggers disabled) is served as gone.
        out.append({"entity": entity, "op": "upsert" if row is not None else "delete",
                    "id": row_id, "version": seq, "data": row})
    if scanned:
        cur.seq = scanned[-1][0]
    return more


def read(salon_id, since: Optional[str], limit: int) -> Page:
    """One page of @salon_id's feed after the cursor text @since (None: a
    new snapshot). Raises cursors.BadCursor, or CursorExpired for a cursor
    older than the trimmed part of the log (or of another salon)."""
    try:
        cur = cursors.maybe_decode(since, salon_id)
    except cursors.ForeignCursor:
        raise CursorExpired()
    if cur is None:
        ensure_started(salon_id)
    tz = entities.salon_timezone(salon_id)
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost:
            with connection.cursor() as c:
                c.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        last_seq, trimmed_seq = _counters(salon_id)
        if cur is None:
            cur = cursors.Cursor(seq=last_seq, snapshot=True, rank=0, row_id="")
        # Below the trimmed part the log has lost changes; above the counter
        # the cursor is not ours (a restored backup, another server).
        if cur.seq < trimmed_seq or cur.seq > last_seq:
            raise CursorExpired()
        page = Page()
        room = limit
        if cur.snapshot:
            page.has_more = _snapshot(salon_id, cur, room, tz, page.changes)
            room -= len(page.changes)
            if not page.has_more:
                cur = cursors.Cursor(seq=cur.seq)
        if not cur.snapshot:
            page.has_more = _live(salon_id, cur, room, tz, page.changes)
        page.cursor = cur.encode(salon_id)
    return page


def current_cursor(salon_id, last_seq=None):
    """The live cursor at the salon's latest change (a nudge's, §3.5)."""
    if last_seq is None:
        last_seq = _counters(salon_id)[0]
    return cursors.live(last_seq).encode(salon_id)
