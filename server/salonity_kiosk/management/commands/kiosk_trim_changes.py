# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""manage.py kiosk_trim_changes --keep-days N: the feed's retention (§3.2).

Deletes feed log entries older than N days (0: all of them) in batches and
raises each salon's trimmed watermark to the highest seq it deleted; a kiosk
whose cursor is below the watermark gets 410 cursor_expired and takes a new
snapshot. Tombstone versions below the watermark go too (no page needs them
any more). Idempotency records older than KIOSK_IDEMPOTENCY_KEEP_DAYS (never
less than 30, §3.3) and pairing codes expired as long ago are removed as
well. Run it from cron, e.g. daily."""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from salonity_kiosk import conf
from salonity_kiosk.models import Change, IdempotencyRecord, PairingCode, RowVersion, SalonFeed

BATCH = 10000


def trim(keep_days, batch=BATCH):
    """Returns (log entries deleted, tombstones deleted)."""
    cutoff = timezone.now() - timedelta(days=keep_days)
    change, feed, rowversion = (Change._meta.db_table, SalonFeed._meta.db_table,
                                RowVersion._meta.db_table)
    deleted = 0
    while True:
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute(
                "WITH gone AS ("
                "  DELETE FROM {change} WHERE id IN ("
                "    SELECT id FROM {change} WHERE created_at < %s ORDER BY id LIMIT %s)"
                "  RETURNING salon_id, seq),"
                " top AS (SELECT salon_id, max(seq) AS seq, count(*) AS n FROM gone GROUP BY salon_id),"
                " raised AS ("
                "  UPDATE {feed} f SET trimmed_seq = GREATEST(f.trimmed_seq, top.seq)"
                "  FROM top WHERE f.salon_id = top.salon_id RETURNING f.salon_id)"
                " SELECT coalesce(sum(n), 0) FROM top".format(change=change, feed=feed),
                [cutoff, batch])
            n = int(cur.fetchone()[0])
        deleted += n
        if n < batch:
            break
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("DELETE FROM {rv} r USING {feed} f WHERE r.salon_id = f.salon_id "
                    "AND r.op = 'delete' AND r.seq <= f.trimmed_seq".format(rv=rowversion, feed=feed))
        tombstones = cur.rowcount
    return deleted, tombstones


class Command(BaseCommand):
    help = "Trim the kiosk change feed (and old idempotency records and pairing codes)."

    def add_arguments(self, parser):
        parser.add_argument("--keep-days", type=int, default=30,
                            help="keep this many days of changes (0: trim everything; default 30)")

    def handle(self, *args, **options):
        keep = options["keep_days"]
        if keep < 0:
            raise CommandError("--keep-days must be 0 or more")
        deleted, tombstones = trim(keep)
        keep_keys = max(30, int(conf.get("KIOSK_IDEMPOTENCY_KEEP_DAYS")))
        old = timezone.now() - timedelta(days=keep_keys)
        keys, _ = IdempotencyRecord.objects.filter(created_at__lt=old).delete()
        codes, _ = PairingCode.objects.filter(expires_at__lt=old).delete()
        self.stdout.write("trimmed %d changes, %d tombstones, %d idempotency keys, %d pairing codes"
                          % (deleted, tombstones, keys, codes))
