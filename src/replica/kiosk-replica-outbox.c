/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The outbox: desk changes waiting to be uploaded (docs/kiosk-api.md §3.3).
 */
#define G_LOG_DOMAIN "kiosk-replica"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-replica-sync.h"
#include "kiosk-replica-private.h"

/* The outbox */

void
kiosk_outbox_entry_free (KioskOutboxEntry *self)
{
  if (self == NULL)
    return;
  g_free (self->idempotency_key);
  g_free (self->kind);
  g_free (self->entity_id);
  g_free (self->payload);
  g_free (self->last_reason);
  g_free (self->refusal_code);
  g_free (self);
}

gboolean
kiosk_replica_outbox_add (KioskReplica      *self,
                          const char        *kind,
                          const char        *entity_id,
                          const char        *payload,
                          KioskOutboxEntry **out_entry,
                          GError           **error)
{
  g_autofree char *key = g_uuid_string_random ();
  gint64 created_at = g_get_real_time ();
  BEGIN_PUT ("INSERT INTO outbox (idempotency_key, kind, entity_id, payload, state, attempts, "
             "                    next_attempt_at, last_status, last_reason, created_at) "
             "VALUES (?1, ?2, ?3, ?4, 'pending', 0, 0, 0, NULL, ?5)");

  g_return_val_if_fail (kind != NULL, FALSE);
  g_return_val_if_fail (payload != NULL, FALSE);

  kiosk_replica_bind_text (stmt, 1, key);
  kiosk_replica_bind_text (stmt, 2, kind);
  kiosk_replica_bind_text (stmt, 3, entity_id);
  kiosk_replica_bind_text (stmt, 4, payload);
  sqlite3_bind_int64 (stmt, 5, created_at);
  if (!kiosk_replica_run (self, stmt, error))
    return FALSE;

  if (out_entry != NULL)
    {
      KioskOutboxEntry *entry = g_new0 (KioskOutboxEntry, 1);

      entry->id = sqlite3_last_insert_rowid (kiosk_replica_get_db (self));
      entry->idempotency_key = g_steal_pointer (&key);
      entry->kind = g_strdup (kind);
      entry->known_kind = kiosk_outbox_kind_from_string (kind);
      entry->entity_id = g_strdup (entity_id);
      entry->payload = g_strdup (payload);
      entry->state = KIOSK_OUTBOX_PENDING;
      entry->created_at = created_at;
      *out_entry = entry;
    }
  return TRUE;
}

/* An outbox row, SELECT KIOSK_OUTBOX_COLUMNS: the sync engine's lists
 * here, staff's in kiosk-replica-desk.c. */
gpointer
kiosk_replica_read_outbox_entry (sqlite3_stmt *stmt)
{
  KioskOutboxEntry *entry = g_new0 (KioskOutboxEntry, 1);

  entry->id = sqlite3_column_int64 (stmt, 0);
  entry->idempotency_key = kiosk_replica_column_text (stmt, 1);
  entry->kind = kiosk_replica_column_text (stmt, 2);
  entry->known_kind = kiosk_outbox_kind_from_string (entry->kind);
  entry->entity_id = kiosk_replica_column_text (stmt, 3);
  entry->payload = kiosk_replica_column_text (stmt, 4);
  entry->state = KIOSK_OUTBOX_PENDING;
  kiosk_outbox_state_from_string ((const char *)sqlite3_column_text (stmt, 5), &entry->state);
  entry->attempts = sqlite3_column_int (stmt, 6);
  entry->next_attempt_at = sqlite3_column_int64 (stmt, 7);
  entry->last_status = sqlite3_column_int (stmt, 8);
  entry->last_reason = kiosk_replica_column_text (stmt, 9);
  entry->created_at = sqlite3_column_int64 (stmt, 10);
  entry->refusal_code = kiosk_replica_column_text (stmt, 11);
  return entry;
}

GPtrArray *
kiosk_replica_outbox_list (KioskReplica  *self,
                           GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);

  stmt = kiosk_replica_prepare (self, "SELECT " KIOSK_OUTBOX_COLUMNS " FROM outbox ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  return kiosk_replica_collect_rows (self, stmt, kiosk_replica_read_outbox_entry,
                                     (GDestroyNotify)kiosk_outbox_entry_free, error);
}

/* The error of a lookup by an entry's id that found none. */
void
kiosk_replica_set_no_outbox_entry (GError **error,
                                   gint64   entry_id)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, entry_id);

  g_set_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_NOT_FOUND,
               _("No outbox entry %s in the local database"), id);
}

gboolean
kiosk_replica_outbox_update (KioskReplica            *self,
                             const KioskOutboxEntry  *entry,
                             GError                 **error)
{
  BEGIN_PUT ("UPDATE outbox SET state = ?2, attempts = ?3, next_attempt_at = ?4, last_status = ?5, "
             "  last_reason = ?6, refusal_code = ?7 WHERE id = ?1");

  g_return_val_if_fail (entry != NULL, FALSE);

  sqlite3_bind_int64 (stmt, 1, entry->id);
  kiosk_replica_bind_text (stmt, 2, kiosk_outbox_state_to_string (entry->state));
  sqlite3_bind_int (stmt, 3, entry->attempts);
  sqlite3_bind_int64 (stmt, 4, entry->next_attempt_at);
  sqlite3_bind_int (stmt, 5, entry->last_status);
  kiosk_replica_bind_text (stmt, 6, entry->last_reason);
  kiosk_replica_bind_text (stmt, 7, entry->refusal_code);
  if (!kiosk_replica_run (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (kiosk_replica_get_db (self)) == 0)
    {
      kiosk_replica_set_no_outbox_entry (error, entry->id);
      return FALSE;
    }
  return TRUE;
}

/* The sync engine's side (kiosk-replica-sync.h).
 *
 * An entry depends on the earlier entries, not done, of the row it changes
 * (a check-in after the appointment's creation) and of the rows it names in
 * outbox_ref (an appointment after its customer's creation). It is due once
 * all of them are done; a refusal holds whatever depends on the refused
 * entry, transitively, and nothing else. */

/* No earlier open entry that @e depends on. */
#define OUTBOX_READY \
  "e.state IN ('pending', 'in_flight') " \
  "AND NOT EXISTS (SELECT 1 FROM outbox d WHERE d.entity_id = e.entity_id AND d.id < e.id " \
  "                AND d.state <> 'done') " \
  "AND NOT EXISTS (SELECT 1 FROM outbox_ref r JOIN outbox d ON d.entity_id = r.ref " \
  "                WHERE r.entry = e.id AND d.id < e.id AND d.state <> 'done') "

gboolean
kiosk_replica_outbox_add_with_refs (KioskReplica       *self,
                                    const char         *kind,
                                    const char         *entity_id,
                                    const char         *payload,
                                    const char * const *refs,
                                    KioskOutboxEntry  **out_entry,
                                    GError            **error)
{
  g_autoptr(KioskOutboxEntry) entry = NULL;
  g_autoptr(KioskCachedStmt) link = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), FALSE);

  if (!kiosk_replica_begin (self, error))
    return FALSE;
  if (!kiosk_replica_outbox_add (self, kind, entity_id, payload, &entry, error))
    goto failed;

  link = kiosk_replica_prepare (self, "INSERT OR IGNORE INTO outbox_ref (entry, ref) VALUES (?1, ?2)", error);
  if (link == NULL)
    goto failed;
  for (guint i = 0; refs != NULL && refs[i] != NULL; i++)
    {
      if (g_strcmp0 (refs[i], entity_id) == 0)
        continue;  /* the row's own entries are in order anyway */
      sqlite3_reset (link);
      sqlite3_bind_int64 (link, 1, entry->id);
      kiosk_replica_bind_text (link, 2, refs[i]);
      if (!kiosk_replica_run (self, link, error))
        goto failed;
    }

  if (!kiosk_replica_commit (self, error))
    return FALSE;
  if (out_entry != NULL)
    *out_entry = g_steal_pointer (&entry);
  return TRUE;

failed:
  kiosk_replica_rollback (self);
  return FALSE;
}

GPtrArray *
kiosk_replica_outbox_due (KioskReplica  *self,
                          gint64         now,
                          guint          max,
                          GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);

  /* in_flight too: left so by a crash, and the key makes a resend safe. */
  stmt = kiosk_replica_prepare (self,
                                "SELECT " KIOSK_OUTBOX_COLUMNS " FROM outbox e "
                                "WHERE e.next_attempt_at <= ?1 AND " OUTBOX_READY
                                "ORDER BY e.id LIMIT ?2",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, max);
  return kiosk_replica_collect_rows (self, stmt, kiosk_replica_read_outbox_entry,
                                     (GDestroyNotify)kiosk_outbox_entry_free, error);
}

gint64
kiosk_replica_outbox_next_due (KioskReplica *self)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;
  gboolean has_row = FALSE;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), 0);

  /* Only entries that could go: one waiting on another would otherwise
   * wake the engine for nothing, over and over. "Now" (0) is reported as
   * 1 µs, since 0 means none. */
  stmt = kiosk_replica_prepare (self,
                                "SELECT min (max (e.next_attempt_at, 1)) FROM outbox e WHERE " OUTBOX_READY,
                                NULL);
  if (stmt == NULL || !kiosk_replica_next (self, stmt, &has_row, NULL) || !has_row)
    return 0;
  return sqlite3_column_int64 (stmt, 0);  /* NULL, no entry: 0 */
}

/* @code: a refusal's, NULL for any other answer. */
static gboolean
set_entry_state (KioskReplica  *self,
                 gint64         entry_id,
                 const char    *state,
                 int            status,
                 const char    *code,
                 const char    *reason,
                 gint64         next_attempt_at,
                 GError       **error)
{
  BEGIN_PUT ("UPDATE outbox SET state = ?2, attempts = attempts + 1, last_status = ?3, "
             "  last_reason = ?4, next_attempt_at = coalesce (?5, next_attempt_at), refusal_code = ?6 "
             "WHERE id = ?1");

  sqlite3_bind_int64 (stmt, 1, entry_id);
  kiosk_replica_bind_text (stmt, 2, state);
  sqlite3_bind_int (stmt, 3, status);
  kiosk_replica_bind_text (stmt, 4, reason);
  if (next_attempt_at >= 0)
    sqlite3_bind_int64 (stmt, 5, next_attempt_at);
  kiosk_replica_bind_text (stmt, 6, code);
  if (!kiosk_replica_run (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (kiosk_replica_get_db (self)) == 0)
    {
      kiosk_replica_set_no_outbox_entry (error, entry_id);
      return FALSE;
    }
  return TRUE;
}

/* The row an entry changes, and whether any entry for it is still open. */
static gboolean
entry_row (KioskReplica  *self,
           gint64         entry_id,
           char         **entity_id,
           GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;
  gboolean has_row = FALSE;

  stmt = kiosk_replica_prepare (self, "SELECT entity_id FROM outbox WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, entry_id);
  if (!kiosk_replica_next (self, stmt, &has_row, error))
    return FALSE;
  if (!has_row)
    {
      kiosk_replica_set_no_outbox_entry (error, entry_id);
      return FALSE;
    }
  *entity_id = kiosk_replica_column_text (stmt, 0);
  return TRUE;
}

/* Whether any entry for the row @entity_id is not done yet (the sync
 * engine's acknowledgements here, staff's dismissals in
 * kiosk-replica-desk.c). */
gboolean
kiosk_replica_outbox_row_is_open (KioskReplica  *self,
                                  const char    *entity_id,
                                  gboolean      *open,
                                  GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;

  /* Refused and held entries still count: staff has not decided on them. */
  stmt = kiosk_replica_prepare (self,
                                "SELECT 1 FROM outbox WHERE entity_id = ?1 AND state <> 'done' LIMIT 1",
                                error);
  if (stmt == NULL)
    return FALSE;
  kiosk_replica_bind_text (stmt, 1, entity_id);
  return kiosk_replica_next (self, stmt, open, error);
}

static gboolean
row_exists (KioskReplica  *self,
            KioskEntity    entity,
            const char    *id,
            gboolean      *exists,
            GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  *exists = kiosk_replica_get_row_state (self, kiosk_replica_entity_table (entity), id, NULL, NULL, &local_error);
  if (!*exists && !g_error_matches (local_error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

gboolean
kiosk_replica_outbox_acknowledge (KioskReplica   *self,
                                  gint64          entry_id,
                                  int             status,
                                  KioskEntity     entity,
                                  gconstpointer   record,
                                  GError        **error)
{
  g_autofree char *entity_id = NULL;
  const char *row_id;
  gboolean open = FALSE;
  gboolean exists = FALSE;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), FALSE);
  g_return_val_if_fail (record == NULL || (guint)entity < KIOSK_N_ENTITIES, FALSE);

  if (!kiosk_replica_begin (self, error))
    return FALSE;
  if (!entry_row (self, entry_id, &entity_id, error) ||
      !set_entry_state (self, entry_id, "done", status, NULL, NULL, -1, error))
    goto failed;

  row_id = record != NULL ? kiosk_record_get_id (entity, record) : entity_id;
  if (row_id != NULL && (guint)entity < KIOSK_N_ENTITIES)
    {
      if (!kiosk_replica_outbox_row_is_open (self, row_id, &open, error) ||
          !row_exists (self, entity, row_id, &exists, error))
        goto failed;

      if (!open)
        {
          if ((exists || record != NULL) && !kiosk_replica_settle_row (self, entity, row_id, record, error))
            goto failed;
        }
      else if (record != NULL)
        {
          /* Later desk changes to the row still wait: keep the reply aside. */
          if (exists ? !kiosk_replica_keep_server_copy (self, entity, record, error)
                     : !kiosk_replica_put_server_record (self, entity, record, error))
            goto failed;
        }
    }

  return kiosk_replica_commit (self, error);

failed:
  kiosk_replica_rollback (self);
  return FALSE;
}

gboolean
kiosk_replica_outbox_refuse (KioskReplica  *self,
                             gint64         entry_id,
                             int            status,
                             const char    *code,
                             const char    *reason,
                             GError       **error)
{
  g_autoptr(KioskCachedStmt) hold = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), FALSE);

  if (!kiosk_replica_begin (self, error))
    return FALSE;
  if (!set_entry_state (self, entry_id, "refused", status, code, reason, -1, error))
    goto failed;

  /* Everything after it that changes or names a row it (or something it
   * holds) changes. Held and refused entries pass the hold on too. */
  hold = kiosk_replica_prepare (self,
                                "WITH RECURSIVE blocked (id, entity_id) AS ("
                                "  SELECT id, entity_id FROM outbox WHERE id = ?1"
                                "  UNION"
                                "  SELECT e.id, e.entity_id FROM blocked b JOIN outbox e"
                                "    ON e.entity_id = b.entity_id AND e.id > b.id WHERE e.state <> 'done'"
                                "  UNION"
                                "  SELECT e.id, e.entity_id FROM blocked b JOIN outbox_ref r ON r.ref = b.entity_id"
                                "    JOIN outbox e ON e.id = r.entry AND e.id > b.id WHERE e.state <> 'done'"
                                ") "
                                "UPDATE outbox SET state = 'held' "
                                "WHERE id IN (SELECT id FROM blocked) AND state IN ('pending', 'in_flight')",
                                error);
  if (hold == NULL)
    goto failed;
  sqlite3_bind_int64 (hold, 1, entry_id);
  if (!kiosk_replica_run (self, hold, error))
    goto failed;
  return kiosk_replica_commit (self, error);

failed:
  kiosk_replica_rollback (self);
  return FALSE;
}

gboolean
kiosk_replica_outbox_retry_later (KioskReplica  *self,
                                  gint64         entry_id,
                                  int            status,
                                  const char    *reason,
                                  gint64         next_attempt_at,
                                  GError       **error)
{
  g_return_val_if_fail (KIOSK_IS_REPLICA (self), FALSE);
  g_return_val_if_fail (next_attempt_at >= 0, FALSE);

  return set_entry_state (self, entry_id, "pending", status, NULL, reason, next_attempt_at, error);
}

/* Statements of kiosk_replica_repoint_customer(): ?1 from, ?2 to. The
 * bodies that name ?1 are the sync side's (kiosk_outbox_repoint_customer()). */
static const char * const repoint_sql[] = {
  "UPDATE outbox SET entity_id = ?2 WHERE state <> 'done' AND entity_id = ?1",
  "INSERT OR IGNORE INTO outbox_ref (entry, ref) "
  "SELECT entry, ?2 FROM outbox_ref WHERE ref = ?1 "
  "AND entry IN (SELECT id FROM outbox WHERE state <> 'done')",
  "DELETE FROM outbox_ref WHERE ref = ?1 AND entry IN (SELECT id FROM outbox WHERE state <> 'done')",
  "UPDATE appointment SET customer = ?2 WHERE customer = ?1",
  "UPDATE walkin SET customer = ?2 WHERE customer = ?1",
  "UPDATE point_entry SET customer = ?2 WHERE customer = ?1",
  /* The desk's copy of a person the server already knows as ?2. */
  "DELETE FROM customer WHERE id = ?1 AND id <> ?2",
  "DELETE FROM server_copy WHERE entity = 'customer' AND id = ?1 AND id <> ?2",
};

gboolean
kiosk_replica_repoint_customer (KioskReplica  *self,
                                gint64         create_entry_id,
                                const char    *from_id,
                                const char    *to_id,
                                GError       **error)
{
  g_return_val_if_fail (KIOSK_IS_REPLICA (self), FALSE);
  g_return_val_if_fail (from_id != NULL && to_id != NULL, FALSE);

  if (!kiosk_replica_begin (self, error))
    return FALSE;
  if (!set_entry_state (self, create_entry_id, "done", 409, "phone_exists", NULL, -1, error))
    goto failed;

  for (guint i = 0; i < G_N_ELEMENTS (repoint_sql); i++)
    {
      g_autoptr(KioskCachedStmt) stmt = kiosk_replica_prepare (self, repoint_sql[i], error);

      if (stmt == NULL)
        goto failed;
      kiosk_replica_bind_text (stmt, 1, from_id);
      kiosk_replica_bind_text (stmt, 2, to_id);
      if (!kiosk_replica_run (self, stmt, error))
        goto failed;
    }
  return kiosk_replica_commit (self, error);

failed:
  kiosk_replica_rollback (self);
  return FALSE;
}

GPtrArray *
kiosk_replica_outbox_list_open (KioskReplica  *self,
                                GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);

  stmt = kiosk_replica_prepare (self, "SELECT " KIOSK_OUTBOX_COLUMNS " FROM outbox WHERE state <> 'done' ORDER BY id",
                                error);
  if (stmt == NULL)
    return NULL;
  return kiosk_replica_collect_rows (self, stmt, kiosk_replica_read_outbox_entry,
                                     (GDestroyNotify)kiosk_outbox_entry_free, error);
}

gboolean
kiosk_replica_outbox_set_payload (KioskReplica  *self,
                                  gint64         entry_id,
                                  const char    *payload,
                                  GError       **error)
{
  BEGIN_PUT ("UPDATE outbox SET payload = ?2 WHERE id = ?1");

  g_return_val_if_fail (payload != NULL, FALSE);

  sqlite3_bind_int64 (stmt, 1, entry_id);
  kiosk_replica_bind_text (stmt, 2, payload);
  if (!kiosk_replica_run (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (kiosk_replica_get_db (self)) == 0)
    {
      kiosk_replica_set_no_outbox_entry (error, entry_id);
      return FALSE;
    }
  return TRUE;
}

gboolean
kiosk_replica_outbox_counts (KioskReplica  *self,
                             gint64         counts[5],
                             GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;
  gboolean has_row = FALSE;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  for (guint i = 0; i < 5; i++)
    counts[i] = 0;
  stmt = kiosk_replica_prepare (self, "SELECT state, count(*) FROM outbox GROUP BY state", error);
  if (stmt == NULL)
    return FALSE;
  for (;;)
    {
      KioskOutboxState state;

      if (!kiosk_replica_next (self, stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        break;
      if (kiosk_outbox_state_from_string ((const char *)sqlite3_column_text (stmt, 0), &state))
        counts[state] = sqlite3_column_int64 (stmt, 1);
    }
  return TRUE;
}
