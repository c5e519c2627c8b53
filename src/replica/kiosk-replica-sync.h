/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * What the sync engine asks of the replica (docs/kiosk-api.md §3.2, §3.3,
 * §4). Still all SQL behind the replica: the engine never sees a statement.
 *
 * Transactions: the engine wraps one feed page and its cursor in one
 * kiosk_replica_begin()/commit(); an acknowledgement (server copy + outbox
 * state) is one transaction inside kiosk_replica_outbox_acknowledge().
 */
#pragma once

#include "kiosk-replica.h"

G_BEGIN_DECLS

typedef enum {
  KIOSK_APPLY_APPLIED,        /* the row now holds the server's version, or is gone */
  KIOSK_APPLY_REPLAY,         /* version not above the one held: skipped */
  KIOSK_APPLY_KEPT_LOCAL,     /* the row has unacknowledged desk changes: kept */
} KioskApplyResult;

/* The key under which the feed cursor is kept in meta. */
#define KIOSK_META_CURSOR "cursor"

/* The server refused this kiosk's token (401: the device was revoked,
 * docs/kiosk-api.md §3.1). Kept in meta (kiosk-replica-revoked.c) so that
 * --status and the window say so after a restart, before any network:
 * which device, when (ISO 8601, UTC, whole seconds) and why. Nothing else
 * changes: every pending change stays for a later pairing with the salon. */
#define KIOSK_META_REVOKED_DEVICE "revoked_device"
#define KIOSK_META_REVOKED_AT     "revoked_at"
#define KIOSK_META_REVOKED_REASON "revoked_reason"

/* Records that the server refused @device for @reason (untranslated: it is
 * shown as is to monitoring), now, in one transaction. A device already
 * recorded keeps its first time. */
gboolean kiosk_replica_set_revoked   (KioskReplica  *self,
                                      const char    *device,
                                      const char    *reason,
                                      GError       **error);
/* Whether @device (NULL: the enrollment's device in meta) is the one
 * recorded as refused; then when and why (either out may be NULL; the
 * reason may be NULL). A pairing with another device is never revoked. */
gboolean kiosk_replica_get_revoked   (KioskReplica  *self,
                                      const char    *device,
                                      char         **revoked_at,
                                      char         **reason);
/* Forgets it: pairing again, or the server accepted the token after all. */
gboolean kiosk_replica_clear_revoked (KioskReplica  *self,
                                      GError       **error);

/* Applies one upsert of the feed. @record is a Kiosk<Entity> with its
 * server version set. A row with pending desk changes is not overwritten
 * (KIOSK_APPLY_KEPT_LOCAL); it takes the server's copy once its outbox is
 * empty (on acknowledgement, or the next time the row comes). During a
 * snapshot (below) the row is marked as seen. */
gboolean kiosk_replica_apply_upsert (KioskReplica     *self,
                                     KioskEntity       entity,
                                     gconstpointer     record,
                                     KioskApplyResult *result,
                                     GError          **error);
/* A tombstone. Same version and pending rules as the upsert. */
gboolean kiosk_replica_apply_delete (KioskReplica     *self,
                                     KioskEntity       entity,
                                     const char       *id,
                                     gint64            version,
                                     KioskApplyResult *result,
                                     GError          **error);
/* The server version held for a row, 0 for a row the server never sent,
 * -1 for no such row. */
gint64   kiosk_replica_get_row_version (KioskReplica  *self,
                                        KioskEntity    entity,
                                        const char    *id);

/* A snapshot resync (no cursor, or 410): begin marks every row unseen and
 * forgets the cursor; every applied upsert marks its row seen; finish
 * deletes the rows the snapshot did not contain, except those with pending
 * desk changes. Both survive a restart in between (the marks are stored):
 * a resumed snapshot simply starts again. */
gboolean kiosk_replica_snapshot_begin  (KioskReplica  *self,
                                        GError       **error);
/* Builds the secondary indexes a snapshot into an empty replica left out
 * (it drops them at its start and calls this at its end), unless such a
 * snapshot is still going on. The engine calls it when it starts, in case
 * the last run stopped in between. */
gboolean kiosk_replica_restore_indexes (KioskReplica  *self,
                                        GError       **error);
/* While the engine pulls a snapshot on its own connection: commits are
 * atomic but not synced one by one (a page lost to a power cut comes again
 * from the stored cursor), and the WAL is checkpointed less often. Not
 * inside a transaction. */
gboolean kiosk_replica_set_bulk        (KioskReplica  *self,
                                        gboolean       bulk,
                                        GError       **error);
gboolean kiosk_replica_snapshot_finish (KioskReplica  *self,
                                        GError       **error);
gboolean kiosk_replica_in_snapshot     (KioskReplica  *self);

/* Outbox work for the uploader. An entry depends on an earlier open entry
 * when its payload names the entity that entry creates (a customer before
 * the appointment that names it). */

/* Like kiosk_replica_outbox_add(), recording that this change names the
 * entities in @refs (NULL-terminated ids), so it waits for their open
 * entries and is held if one of them is refused. */
gboolean   kiosk_replica_outbox_add_with_refs (KioskReplica       *self,
                                               const char         *kind,
                                               const char         *entity_id,
                                               const char         *payload,
                                               const char * const *refs,
                                               KioskOutboxEntry  **out_entry,
                                               GError            **error);
/* Pending entries due at @now (µs, g_get_real_time), in id order, whose
 * dependencies are all done; at most @max. Entries left in_flight by a
 * crash count as pending (their key makes the retry safe). */
GPtrArray *kiosk_replica_outbox_due        (KioskReplica  *self,
                                            gint64         now,
                                            guint          max,
                                            GError       **error);
/* The earliest next_attempt_at among pending entries, or 0 for none. */
gint64     kiosk_replica_outbox_next_due   (KioskReplica  *self);
/* One transaction: the entry becomes done with @status, @entity's server
 * copy (@record, may be NULL) replaces the desk's row, and the row stops
 * being pending when no open entry for it remains. */
gboolean   kiosk_replica_outbox_acknowledge (KioskReplica  *self,
                                             gint64         entry_id,
                                             int            status,
                                             KioskEntity    entity,
                                             gconstpointer  record,
                                             GError       **error);
/* The entry becomes refused with the refusal's @code (the sync side's
 * choice, kiosk_outbox_refusal_code(); may be NULL) and the server's
 * @reason; open entries that depend on it become held. Unrelated entries
 * are untouched. */
gboolean   kiosk_replica_outbox_refuse     (KioskReplica  *self,
                                            gint64         entry_id,
                                            int            status,
                                            const char    *code,
                                            const char    *reason,
                                            GError       **error);
/* A transient failure: attempts + 1, next attempt at @next_attempt_at. */
gboolean   kiosk_replica_outbox_retry_later (KioskReplica  *self,
                                             gint64         entry_id,
                                             int            status,
                                             const char    *reason,
                                             gint64         next_attempt_at,
                                             GError       **error);
/* phone_exists, the replica's part of kiosk_outbox_repoint_customer(),
 * which calls it (the bodies are the sync side's): every open entry and
 * every row that names customer @from_id names @to_id instead (the entries'
 * rows and the rows they wait for, not their payloads), the desk's copy of
 * @from_id goes, and the entry that tried to create it becomes done with
 * the code phone_exists. One transaction. */
gboolean   kiosk_replica_repoint_customer  (KioskReplica  *self,
                                            gint64         create_entry_id,
                                            const char    *from_id,
                                            const char    *to_id,
                                            GError       **error);
/* Entries not done yet (pending, in flight, refused, held), by id. */
GPtrArray *kiosk_replica_outbox_list_open  (KioskReplica  *self,
                                            GError       **error);
/* Replaces entry @entry_id's payload (JSON text) with @payload. */
gboolean   kiosk_replica_outbox_set_payload (KioskReplica  *self,
                                             gint64         entry_id,
                                             const char    *payload,
                                             GError       **error);
/* Counts by KioskOutboxState, @counts has 5 slots. */
gboolean   kiosk_replica_outbox_counts     (KioskReplica  *self,
                                            gint64         counts[5],
                                            GError       **error);
gint64     kiosk_replica_quarantine_count  (KioskReplica  *self);

G_END_DECLS
