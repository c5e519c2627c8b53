/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The front desk's queries and the staff side of the outbox
 * (kiosk-replica-desk.h).
 */
#define G_LOG_DOMAIN "kiosk-replica"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-replica-desk.h"
#include "kiosk-replica-sync.h"
#include "kiosk-replica-private.h"

/* ---- a day's data ------------------------------------------------------ */

void
kiosk_desk_day_free (KioskDeskDay *day)
{
  if (day == NULL)
    return;
  g_clear_pointer (&day->salon, kiosk_salon_free);
  g_clear_pointer (&day->working_hours, g_ptr_array_unref);
  g_clear_pointer (&day->employees, g_ptr_array_unref);
  g_clear_pointer (&day->services, g_ptr_array_unref);
  g_clear_pointer (&day->appointments, g_ptr_array_unref);
  g_clear_pointer (&day->walkins, g_ptr_array_unref);
  g_free (day);
}

/* The services ride along as one unit-separated string: one query for all
 * employees instead of one per employee. */
static gpointer
read_employee_with_services (sqlite3_stmt *stmt)
{
  KioskEmployee *employee = kiosk_replica_read_employee (stmt);
  const char *services = (const char *)sqlite3_column_text (stmt, KIOSK_N_EMPLOYEE_COLUMNS);

  if (services != NULL && *services != '\0')
    employee->services = g_strsplit (services, "\x1f", -1);
  else
    employee->services = g_new0 (char *, 1);
  return employee;
}

static GPtrArray *
list_employees_with_services (KioskReplica  *self,
                              GError       **error)
{
  static char *sql = NULL;
  g_autoptr(KioskCachedStmt) stmt = NULL;

  stmt = kiosk_replica_prepare (self,
                                kiosk_replica_record_sql (&sql, KIOSK_ENTITY_EMPLOYEE, "e",
                                                          "(SELECT group_concat (service, char (31)) FROM "
                                                          "  (SELECT service FROM employee_service "
                                                          "   WHERE employee = e.id ORDER BY position))",
                                                          "ORDER BY e.name COLLATE KIOSK_NAME, e.id"),
                                error);
  if (stmt == NULL)
    return NULL;
  return kiosk_replica_collect_rows (self, stmt, read_employee_with_services,
                                     (GDestroyNotify)kiosk_employee_free, error);
}

KioskDeskDay *
kiosk_replica_desk_load_days (KioskReplica  *self,
                              const char    *from_date,
                              const char    *to_date,
                              GError       **error)
{
  g_autoptr(KioskDeskDay) day = g_new0 (KioskDeskDay, 1);
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);
  g_return_val_if_fail (from_date != NULL && to_date != NULL, NULL);

  day->salon = kiosk_replica_get_salon (self, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if ((day->working_hours = kiosk_replica_list_working_hours (self, error)) == NULL ||
      (day->employees = list_employees_with_services (self, error)) == NULL ||
      (day->services = kiosk_replica_list_services (self, error)) == NULL ||
      (day->appointments = kiosk_replica_list_appointments (self, from_date, to_date, error)) == NULL ||
      (day->walkins = kiosk_replica_list_open_walkins (self, error)) == NULL)
    return NULL;
  return g_steal_pointer (&day);
}

const KioskWorkingHours *
kiosk_desk_day_hours (const KioskDeskDay *day,
                      int                 day_of_week)
{
  g_return_val_if_fail (day != NULL, NULL);

  for (guint i = 0; day->working_hours != NULL && i < day->working_hours->len; i++)
    {
      const KioskWorkingHours *hours = g_ptr_array_index (day->working_hours, i);

      if (hours->day_of_week == day_of_week)
        return hours;
    }
  return NULL;
}

const KioskService *
kiosk_desk_day_service (const KioskDeskDay *day,
                        const char         *id)
{
  g_return_val_if_fail (day != NULL, NULL);

  for (guint i = 0; id != NULL && day->services != NULL && i < day->services->len; i++)
    {
      const KioskService *service = g_ptr_array_index (day->services, i);

      if (g_strcmp0 (service->id, id) == 0)
        return service;
    }
  return NULL;
}

const KioskEmployee *
kiosk_desk_day_employee (const KioskDeskDay *day,
                         const char         *id)
{
  g_return_val_if_fail (day != NULL, NULL);

  for (guint i = 0; id != NULL && day->employees != NULL && i < day->employees->len; i++)
    {
      const KioskEmployee *employee = g_ptr_array_index (day->employees, i);

      if (g_strcmp0 (employee->id, id) == 0)
        return employee;
    }
  return NULL;
}

/* ---- walk-ins ---------------------------------------------------------- */

KioskWalkin *
kiosk_replica_get_walkin (KioskReplica  *self,
                          const char    *id,
                          GError       **error)
{
  static char *sql = NULL;
  g_autoptr(KioskCachedStmt) stmt = NULL;
  KioskWalkin *walkin;
  gboolean found = FALSE;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = kiosk_replica_prepare (self,
                                kiosk_replica_record_sql (&sql, KIOSK_ENTITY_WALKIN, NULL, NULL, "WHERE id = ?1"),
                                error);
  if (stmt == NULL)
    return NULL;
  kiosk_replica_bind_text (stmt, 1, id);
  walkin = kiosk_replica_collect_one (self, stmt, kiosk_replica_read_walkin, &found, error);
  if (walkin == NULL && !found && (error == NULL || *error == NULL))
    g_set_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_NOT_FOUND,
                 _("No walk-in %s in the local database"), id);
  return walkin;
}

gboolean
kiosk_replica_desk_service_active (KioskReplica  *self,
                                   const char    *service_id,
                                   gboolean      *active,
                                   GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;
  gboolean has_row = FALSE;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), FALSE);

  *active = FALSE;
  if (service_id == NULL)
    return TRUE;
  stmt = kiosk_replica_prepare (self, "SELECT is_active FROM service WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  kiosk_replica_bind_text (stmt, 1, service_id);
  if (!kiosk_replica_next (self, stmt, &has_row, error))
    return FALSE;
  *active = has_row && sqlite3_column_int (stmt, 0) != 0;
  return TRUE;
}

GPtrArray *
kiosk_replica_desk_open_walkins_by_phone (KioskReplica  *self,
                                          const char    *phone,
                                          GError       **error)
{
  static char *sql = NULL;
  g_autoptr(KioskCachedStmt) stmt = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);
  g_return_val_if_fail (phone != NULL, NULL);

  stmt = kiosk_replica_prepare (self,
                                kiosk_replica_record_sql (&sql, KIOSK_ENTITY_WALKIN, NULL, NULL,
                                                          "WHERE status IN ('waiting', 'called', 'in_service') AND phone = ?1 "
                                                          "ORDER BY arrived_at IS NULL, arrived_at, rowid"),
                                error);
  if (stmt == NULL)
    return NULL;
  kiosk_replica_bind_text (stmt, 1, phone);
  return kiosk_replica_collect_rows (self, stmt, kiosk_replica_read_walkin, (GDestroyNotify)kiosk_walkin_free, error);
}

KioskCustomer *
kiosk_replica_desk_find_other_customer (KioskReplica  *self,
                                        const char    *phone,
                                        const char    *exclude_id,
                                        GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;
  g_autofree char *id = NULL;
  gboolean has_row = FALSE;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);
  g_return_val_if_fail (phone != NULL, NULL);

  /* The server's row first: that is the one to merge into. */
  stmt = kiosk_replica_prepare (self,
                                "SELECT id FROM customer WHERE phone = ?1 AND id IS NOT ?2 "
                                "ORDER BY pending, version DESC, id LIMIT 1",
                                error);
  if (stmt == NULL)
    return NULL;
  kiosk_replica_bind_text (stmt, 1, phone);
  kiosk_replica_bind_text (stmt, 2, exclude_id);
  if (!kiosk_replica_next (self, stmt, &has_row, error) || !has_row)
    return NULL;
  id = kiosk_replica_column_text (stmt, 0);
  g_clear_pointer (&stmt, kiosk_cached_stmt_release);
  return kiosk_replica_get_customer (self, id, error);
}

/* ---- server copies ----------------------------------------------------- */

static gboolean
has_server_copy (KioskReplica  *self,
                 KioskEntity    entity,
                 const char    *id,
                 gboolean      *found,
                 GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;

  stmt = kiosk_replica_prepare (self, "SELECT 1 FROM server_copy WHERE entity = ?1 AND id = ?2", error);
  if (stmt == NULL)
    return FALSE;
  kiosk_replica_bind_text (stmt, 1, kiosk_replica_entity_table (entity));
  kiosk_replica_bind_text (stmt, 2, id);
  return kiosk_replica_next (self, stmt, found, error);
}

gboolean
kiosk_replica_desk_keep_server_row (KioskReplica  *self,
                                    KioskEntity    entity,
                                    const char    *id,
                                    GError       **error)
{
  gpointer record = NULL;
  gint64 version = 0;
  gboolean pending = FALSE;
  gboolean found = FALSE;
  gboolean ok;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (entity == KIOSK_ENTITY_CUSTOMER || entity == KIOSK_ENTITY_APPOINTMENT ||
                        entity == KIOSK_ENTITY_WALKIN, FALSE);

  if (!kiosk_replica_get_row_state (self, kiosk_replica_entity_table (entity), id, &version, &pending, error))
    return FALSE;
  /* A pending row already has its server copy kept (or the server never
   * had it); a row the server never sent has none to keep. */
  if (pending || version <= 0)
    return TRUE;
  if (!has_server_copy (self, entity, id, &found, error))
    return FALSE;
  if (found)
    return TRUE;

  switch (entity)
    {
    case KIOSK_ENTITY_CUSTOMER:
      record = kiosk_replica_get_customer (self, id, error);
      break;
    case KIOSK_ENTITY_APPOINTMENT:
      record = kiosk_replica_get_appointment (self, id, error);
      break;
    case KIOSK_ENTITY_WALKIN:
      record = kiosk_replica_get_walkin (self, id, error);
      break;
    case KIOSK_ENTITY_SALON:
    case KIOSK_ENTITY_WORKING_HOURS:
    case KIOSK_ENTITY_CATEGORY:
    case KIOSK_ENTITY_SERVICE:
    case KIOSK_ENTITY_EMPLOYEE:
    case KIOSK_ENTITY_POINT_ENTRY:
    case KIOSK_N_ENTITIES:
    default:
      g_return_val_if_reached (FALSE);
    }
  if (record == NULL)
    return FALSE;
  ok = kiosk_replica_keep_server_copy (self, entity, record, error);
  kiosk_record_free (entity, record);
  return ok;
}

/* The desk's row goes back to what the server last said of it. */
static gboolean
revert_row (KioskReplica  *self,
            KioskEntity    entity,
            const char    *id,
            GError       **error)
{
  g_autoptr(GError) local = NULL;
  gboolean found = FALSE;
  gint64 version = 0;
  gboolean pending = FALSE;

  if (!has_server_copy (self, entity, id, &found, error))
    return FALSE;
  if (found)
    return kiosk_replica_settle_row (self, entity, id, NULL, error);

  if (!kiosk_replica_get_row_state (self, kiosk_replica_entity_table (entity), id, &version, &pending, &local))
    {
      if (g_error_matches (local, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (version <= 0)
    return kiosk_replica_delete (self, kiosk_replica_entity_table (entity), id, error);
  /* Known to the server, with no copy kept: the content stands. */
  return kiosk_replica_settle_row (self, entity, id, NULL, error);
}

/* ---- the outbox, staff side -------------------------------------------- */

GPtrArray *
kiosk_replica_desk_list_attention (KioskReplica  *self,
                                   GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);

  stmt = kiosk_replica_prepare (self,
                                "SELECT " KIOSK_OUTBOX_COLUMNS " FROM outbox "
                                "WHERE state IN ('refused', 'held') ORDER BY id",
                                error);
  if (stmt == NULL)
    return NULL;
  return kiosk_replica_collect_rows (self, stmt, kiosk_replica_read_outbox_entry,
                                     (GDestroyNotify)kiosk_outbox_entry_free, error);
}

KioskOutboxEntry *
kiosk_replica_outbox_get (KioskReplica  *self,
                          gint64         entry_id,
                          GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;
  KioskOutboxEntry *entry;
  gboolean found = FALSE;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);

  stmt = kiosk_replica_prepare (self, "SELECT " KIOSK_OUTBOX_COLUMNS " FROM outbox WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, entry_id);
  entry = kiosk_replica_collect_one (self, stmt, kiosk_replica_read_outbox_entry, &found, error);
  if (entry == NULL && !found && (error == NULL || *error == NULL))
    kiosk_replica_set_no_outbox_entry (error, entry_id);
  return entry;
}

typedef struct {
  gint64       id;
  KioskEntity  entity;
  char        *entity_id;
} Closing;

static void
closing_clear (gpointer data)
{
  Closing *closing = data;

  g_free (closing->entity_id);
}

gboolean
kiosk_replica_outbox_dismiss (KioskReplica  *self,
                              gint64         entry_id,
                              const char    *note,
                              guint         *closed,
                              GError       **error)
{
  g_autoptr(KioskOutboxEntry) entry = NULL;
  g_autoptr(GArray) closing = g_array_new (FALSE, TRUE, sizeof (Closing));
  g_autoptr(KioskCachedStmt) collect = NULL;
  g_autoptr(KioskCachedStmt) mark = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), FALSE);

  g_array_set_clear_func (closing, closing_clear);

  if (!kiosk_replica_begin (self, error))
    return FALSE;
  entry = kiosk_replica_outbox_get (self, entry_id, error);
  if (entry == NULL)
    goto failed;
  if (entry->state != KIOSK_OUTBOX_REFUSED && entry->state != KIOSK_OUTBOX_HELD)
    {
      g_set_error_literal (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_FAILED,
                           _("This change no longer waits for a decision."));
      goto failed;
    }

  /* The entry, and what builds on it: the hold of kiosk_replica_outbox_refuse(),
   * plus pending entries made since, which wait behind it all the same. */
  collect = kiosk_replica_prepare (self,
                                   "WITH RECURSIVE closing (id, entity_id) AS ("
                                   "  SELECT id, entity_id FROM outbox WHERE id = ?1"
                                   "  UNION"
                                   "  SELECT e.id, e.entity_id FROM closing b JOIN outbox e"
                                   "    ON e.entity_id = b.entity_id AND e.id > b.id"
                                   "    WHERE e.state IN ('pending', 'in_flight', 'held')"
                                   "  UNION"
                                   "  SELECT e.id, e.entity_id FROM closing b JOIN outbox_ref r ON r.ref = b.entity_id"
                                   "    JOIN outbox e ON e.id = r.entry AND e.id > b.id"
                                   "    WHERE e.state IN ('pending', 'in_flight', 'held')"
                                   ") "
                                   "SELECT c.id, o.kind, o.entity_id FROM closing c JOIN outbox o ON o.id = c.id "
                                   "ORDER BY c.id",
                                   error);
  if (collect == NULL)
    goto failed;
  sqlite3_bind_int64 (collect, 1, entry_id);
  for (;;)
    {
      gboolean has_row = FALSE;
      Closing c = { 0 };

      if (!kiosk_replica_next (self, collect, &has_row, error))
        goto failed;
      if (!has_row)
        break;
      c.id = sqlite3_column_int64 (collect, 0);
      c.entity = kiosk_outbox_kind_entity (kiosk_outbox_kind_from_string ((const char *)sqlite3_column_text (collect, 1)));
      c.entity_id = kiosk_replica_column_text (collect, 2);
      g_array_append_val (closing, c);
    }
  g_clear_pointer (&collect, kiosk_cached_stmt_release);

  mark = kiosk_replica_prepare (self,
                                "UPDATE outbox SET state = 'done', "
                                "  last_reason = json_object ('dismissed', json ('true'), 'note', ?2, "
                                "                             'reason', last_reason, 'status', last_status) "
                                "WHERE id = ?1",
                                error);
  if (mark == NULL)
    goto failed;
  for (guint i = 0; i < closing->len; i++)
    {
      sqlite3_reset (mark);
      sqlite3_bind_int64 (mark, 1, g_array_index (closing, Closing, i).id);
      kiosk_replica_bind_text (mark, 2, note);
      if (!kiosk_replica_run (self, mark, error))
        goto failed;
    }
  g_clear_pointer (&mark, kiosk_cached_stmt_release);

  for (guint i = 0; i < closing->len; i++)
    {
      const Closing *c = &g_array_index (closing, Closing, i);
      gboolean open = FALSE;

      if (c->entity == KIOSK_ENTITY_UNKNOWN || c->entity_id == NULL)
        continue;
      if (!kiosk_replica_outbox_row_is_open (self, c->entity_id, &open, error))
        goto failed;
      if (!open && !revert_row (self, c->entity, c->entity_id, error))
        goto failed;
    }

  if (!kiosk_replica_outbox_release_held (self, error))
    goto failed;
  /* A failed commit has ended the transaction itself. */
  if (!kiosk_replica_commit (self, error))
    return FALSE;
  if (closed != NULL)
    *closed = closing->len;
  return TRUE;

failed:
  kiosk_replica_rollback (self);
  return FALSE;
}

gboolean
kiosk_replica_outbox_release_held (KioskReplica  *self,
                                   GError       **error)
{
  BEGIN_PUT ("WITH RECURSIVE blocked (id, entity_id) AS ("
             "  SELECT id, entity_id FROM outbox WHERE state = 'refused'"
             "  UNION"
             "  SELECT e.id, e.entity_id FROM blocked b JOIN outbox e"
             "    ON e.entity_id = b.entity_id AND e.id > b.id WHERE e.state <> 'done'"
             "  UNION"
             "  SELECT e.id, e.entity_id FROM blocked b JOIN outbox_ref r ON r.ref = b.entity_id"
             "    JOIN outbox e ON e.id = r.entry AND e.id > b.id WHERE e.state <> 'done'"
             ") "
             "UPDATE outbox SET state = 'pending', next_attempt_at = 0 "
             "WHERE state = 'held' AND id NOT IN (SELECT id FROM blocked)");

  return kiosk_replica_run (self, stmt, error);
}

gboolean
kiosk_outbox_entry_is_dismissed (const KioskOutboxEntry *entry)
{
  return entry != NULL && entry->state == KIOSK_OUTBOX_DONE &&
         g_str_has_prefix (entry->last_reason != NULL ? entry->last_reason : "", "{\"dismissed\":true");
}

gboolean
kiosk_replica_desk_count_waiting (KioskReplica  *self,
                                  gint64        *waiting,
                                  gint64        *oldest_created_at,
                                  GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;
  gboolean has_row = FALSE;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), FALSE);

  stmt = kiosk_replica_prepare (self,
                                "SELECT count (*), coalesce (min (created_at), 0) FROM outbox "
                                "WHERE state IN ('pending', 'in_flight')",
                                error);
  if (stmt == NULL || !kiosk_replica_next (self, stmt, &has_row, error))
    return FALSE;
  if (waiting != NULL)
    *waiting = has_row ? sqlite3_column_int64 (stmt, 0) : 0;
  if (oldest_created_at != NULL)
    *oldest_created_at = has_row ? sqlite3_column_int64 (stmt, 1) : 0;
  return TRUE;
}
