/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Writing rows: the typed upserts, and rows by entity name for the sync
 * engine (state, delete, count, quarantine).
 */
#define G_LOG_DOMAIN "kiosk-replica"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-replica-private.h"

/* Upserts */

gboolean
kiosk_replica_put_salon (KioskReplica      *self,
                         const KioskSalon  *salon,
                         GError           **error)
{
  BEGIN_PUT ("INSERT INTO salon (id, name, address, city, district, phone, opening_time, closing_time, "
             "                   timezone, version, pending) "
             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, coalesce (?9, 'Europe/Istanbul'), ?10, 0) "
             "ON CONFLICT (id) DO UPDATE SET name = excluded.name, address = excluded.address, "
             "  city = excluded.city, district = excluded.district, phone = excluded.phone, "
             "  opening_time = excluded.opening_time, closing_time = excluded.closing_time, "
             "  timezone = excluded.timezone, version = excluded.version, pending = excluded.pending");

  g_return_val_if_fail (salon != NULL && salon->id != NULL, FALSE);

  kiosk_replica_bind_text (stmt, 1, salon->id);
  kiosk_replica_bind_text (stmt, 2, salon->name);
  kiosk_replica_bind_text (stmt, 3, salon->address);
  kiosk_replica_bind_text (stmt, 4, salon->city);
  kiosk_replica_bind_text (stmt, 5, salon->district);
  kiosk_replica_bind_text (stmt, 6, salon->phone);
  sqlite3_bind_int (stmt, 7, salon->opening_time);
  sqlite3_bind_int (stmt, 8, salon->closing_time);
  kiosk_replica_bind_text (stmt, 9, salon->timezone);
  sqlite3_bind_int64 (stmt, 10, salon->version);
  return kiosk_replica_run (self, stmt, error);
}

gboolean
kiosk_replica_put_working_hours (KioskReplica             *self,
                                 const KioskWorkingHours  *hours,
                                 GError                  **error)
{
  BEGIN_PUT ("INSERT INTO working_hours (id, day_of_week, opening_time, closing_time, is_closed, "
             "                           version, pending) "
             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0) "
             "ON CONFLICT (id) DO UPDATE SET day_of_week = excluded.day_of_week, "
             "  opening_time = excluded.opening_time, closing_time = excluded.closing_time, "
             "  is_closed = excluded.is_closed, version = excluded.version, pending = excluded.pending");

  g_return_val_if_fail (hours != NULL && hours->id != NULL, FALSE);

  kiosk_replica_bind_text (stmt, 1, hours->id);
  sqlite3_bind_int (stmt, 2, hours->day_of_week);
  sqlite3_bind_int (stmt, 3, hours->opening_time);
  sqlite3_bind_int (stmt, 4, hours->closing_time);
  sqlite3_bind_int (stmt, 5, hours->is_closed ? 1 : 0);
  sqlite3_bind_int64 (stmt, 6, hours->version);
  return kiosk_replica_run (self, stmt, error);
}

gboolean
kiosk_replica_put_category (KioskReplica         *self,
                            const KioskCategory  *category,
                            GError              **error)
{
  BEGIN_PUT ("INSERT INTO category (id, name, description, icon, version, pending) "
             "VALUES (?1, ?2, ?3, ?4, ?5, 0) "
             "ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = excluded.description, "
             "  icon = excluded.icon, version = excluded.version, pending = excluded.pending");

  g_return_val_if_fail (category != NULL && category->id != NULL, FALSE);

  kiosk_replica_bind_text (stmt, 1, category->id);
  kiosk_replica_bind_text (stmt, 2, category->name);
  kiosk_replica_bind_text (stmt, 3, category->description);
  kiosk_replica_bind_text (stmt, 4, category->icon);
  sqlite3_bind_int64 (stmt, 5, category->version);
  return kiosk_replica_run (self, stmt, error);
}

gboolean
kiosk_replica_put_service (KioskReplica        *self,
                           const KioskService  *service,
                           GError             **error)
{
  BEGIN_PUT ("INSERT INTO service (id, category, name, description, price, duration, is_active, "
             "                     version, pending) "
             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0) "
             "ON CONFLICT (id) DO UPDATE SET category = excluded.category, name = excluded.name, "
             "  description = excluded.description, price = excluded.price, "
             "  duration = excluded.duration, is_active = excluded.is_active, "
             "  version = excluded.version, pending = excluded.pending");

  g_return_val_if_fail (service != NULL && service->id != NULL, FALSE);

  kiosk_replica_bind_text (stmt, 1, service->id);
  kiosk_replica_bind_text (stmt, 2, service->category);
  kiosk_replica_bind_text (stmt, 3, service->name);
  kiosk_replica_bind_text (stmt, 4, service->description);
  sqlite3_bind_int64 (stmt, 5, service->price);
  sqlite3_bind_int (stmt, 6, service->duration);
  sqlite3_bind_int (stmt, 7, service->is_active ? 1 : 0);
  sqlite3_bind_int64 (stmt, 8, service->version);
  return kiosk_replica_run (self, stmt, error);
}

gboolean
kiosk_replica_put_employee (KioskReplica         *self,
                            const KioskEmployee  *employee,
                            GError              **error)
{
  g_autoptr(KioskCachedStmt) clear = NULL;
  g_autoptr(KioskCachedStmt) link = NULL;
  BEGIN_PUT ("INSERT INTO employee (id, name, position, is_active, version, pending) "
             "VALUES (?1, ?2, ?3, ?4, ?5, 0) "
             "ON CONFLICT (id) DO UPDATE SET name = excluded.name, position = excluded.position, "
             "  is_active = excluded.is_active, version = excluded.version, pending = excluded.pending");

  g_return_val_if_fail (employee != NULL && employee->id != NULL, FALSE);

  clear = kiosk_replica_prepare (self, "DELETE FROM employee_service WHERE employee = ?1", error);
  if (clear == NULL)
    return FALSE;
  link = kiosk_replica_prepare (self,
                                "INSERT INTO employee_service (employee, service, position) "
                                "VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
                                error);
  if (link == NULL)
    return FALSE;

  /* The row and its services change together or not at all. A savepoint,
   * not kiosk_replica_begin(): a refused employee must not doom the
   * caller's whole transaction (a feed page goes on without it). */
  if (!kiosk_replica_exec (self, "SAVEPOINT put_employee", error))
    return FALSE;

  kiosk_replica_bind_text (stmt, 1, employee->id);
  kiosk_replica_bind_text (stmt, 2, employee->name);
  kiosk_replica_bind_text (stmt, 3, employee->position);
  sqlite3_bind_int (stmt, 4, employee->is_active ? 1 : 0);
  sqlite3_bind_int64 (stmt, 5, employee->version);
  if (!kiosk_replica_run (self, stmt, error))
    goto failed;

  kiosk_replica_bind_text (clear, 1, employee->id);
  if (!kiosk_replica_run (self, clear, error))
    goto failed;

  for (guint i = 0; employee->services != NULL && employee->services[i] != NULL; i++)
    {
      sqlite3_reset (link);
      kiosk_replica_bind_text (link, 1, employee->id);
      kiosk_replica_bind_text (link, 2, employee->services[i]);
      sqlite3_bind_int (link, 3, (int)i);
      if (!kiosk_replica_run (self, link, error))
        goto failed;
    }

  if (kiosk_replica_exec (self, "RELEASE put_employee", error))
    return TRUE;

failed:
  /* Unless SQLite already rolled everything back (disk full). */
  if (!sqlite3_get_autocommit (kiosk_replica_get_db (self)))
    sqlite3_exec (kiosk_replica_get_db (self), "ROLLBACK TO put_employee; RELEASE put_employee", NULL, NULL, NULL);
  return FALSE;
}

gboolean
kiosk_replica_put_customer (KioskReplica         *self,
                            const KioskCustomer  *customer,
                            GError              **error)
{
  /* The consent is this kiosk's knowledge, never the feed's (§3.6): a
   * server copy without it keeps what the desk recorded. */
  BEGIN_PUT ("INSERT INTO customer (id, first_name, last_name, phone, loyalty_level, total_points, "
             "                      current_points, total_spent, total_visits, updated_at, consent_at, "
             "                      consent_notice, version, pending) "
             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) "
             "ON CONFLICT (id) DO UPDATE SET first_name = excluded.first_name, "
             "  last_name = excluded.last_name, phone = excluded.phone, "
             "  loyalty_level = excluded.loyalty_level, total_points = excluded.total_points, "
             "  current_points = excluded.current_points, total_spent = excluded.total_spent, "
             "  total_visits = excluded.total_visits, updated_at = excluded.updated_at, "
             "  consent_at = coalesce (excluded.consent_at, consent_at), "
             "  consent_notice = coalesce (excluded.consent_notice, consent_notice), "
             "  version = excluded.version, pending = excluded.pending");

  g_return_val_if_fail (customer != NULL && customer->id != NULL, FALSE);

  kiosk_replica_bind_text (stmt, 1, customer->id);
  kiosk_replica_bind_text (stmt, 2, customer->first_name);
  kiosk_replica_bind_text (stmt, 3, customer->last_name);
  kiosk_replica_bind_text (stmt, 4, customer->phone);
  kiosk_replica_bind_text (stmt, 5, kiosk_loyalty_level_to_string (customer->loyalty_level));
  sqlite3_bind_int64 (stmt, 6, customer->total_points);
  sqlite3_bind_int64 (stmt, 7, customer->current_points);
  sqlite3_bind_int64 (stmt, 8, customer->total_spent);
  sqlite3_bind_int64 (stmt, 9, customer->total_visits);
  kiosk_replica_bind_text (stmt, 10, customer->updated_at);
  kiosk_replica_bind_text (stmt, 11, customer->consent_at);
  kiosk_replica_bind_text (stmt, 12, customer->consent_notice);
  sqlite3_bind_int64 (stmt, 13, customer->version);
  sqlite3_bind_int (stmt, 14, customer->pending ? 1 : 0);
  return kiosk_replica_run (self, stmt, error);
}

gboolean
kiosk_replica_put_appointment (KioskReplica            *self,
                               const KioskAppointment  *appt,
                               GError                 **error)
{
  BEGIN_PUT ("INSERT INTO appointment (id, customer, service, employee, appointment_date, "
             "                         appointment_time, end_time, status, notes, price, source, "
             "                         checked_in_at, created_at, updated_at, version, pending) "
             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) "
             "ON CONFLICT (id) DO UPDATE SET customer = excluded.customer, service = excluded.service, "
             "  employee = excluded.employee, appointment_date = excluded.appointment_date, "
             "  appointment_time = excluded.appointment_time, end_time = excluded.end_time, "
             "  status = excluded.status, notes = excluded.notes, price = excluded.price, "
             "  source = excluded.source, checked_in_at = excluded.checked_in_at, "
             "  created_at = excluded.created_at, updated_at = excluded.updated_at, "
             "  version = excluded.version, pending = excluded.pending");

  g_return_val_if_fail (appt != NULL && appt->id != NULL, FALSE);

  kiosk_replica_bind_text (stmt, 1, appt->id);
  kiosk_replica_bind_text (stmt, 2, appt->customer);
  kiosk_replica_bind_text (stmt, 3, appt->service);
  kiosk_replica_bind_text (stmt, 4, appt->employee);
  kiosk_replica_bind_text (stmt, 5, appt->appointment_date);
  sqlite3_bind_int (stmt, 6, appt->appointment_time);
  sqlite3_bind_int (stmt, 7, appt->end_time);
  kiosk_replica_bind_text (stmt, 8, kiosk_appointment_status_to_string (appt->status));
  kiosk_replica_bind_text (stmt, 9, appt->notes);
  sqlite3_bind_int64 (stmt, 10, appt->price);
  kiosk_replica_bind_text (stmt, 11, appt->source);
  kiosk_replica_bind_text (stmt, 12, appt->checked_in_at);
  kiosk_replica_bind_text (stmt, 13, appt->created_at);
  kiosk_replica_bind_text (stmt, 14, appt->updated_at);
  sqlite3_bind_int64 (stmt, 15, appt->version);
  sqlite3_bind_int (stmt, 16, appt->pending ? 1 : 0);
  return kiosk_replica_run (self, stmt, error);
}

gboolean
kiosk_replica_put_walkin (KioskReplica       *self,
                          const KioskWalkin  *walkin,
                          GError            **error)
{
  /* The consent as the customer's (kiosk_replica_put_customer). */
  BEGIN_PUT ("INSERT INTO walkin (id, customer, name, phone, service, preferred_employee, employee, "
             "                    status, arrived_at, called_at, finished_at, consent_at, consent_notice, "
             "                    version, pending) "
             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) "
             "ON CONFLICT (id) DO UPDATE SET customer = excluded.customer, name = excluded.name, "
             "  phone = excluded.phone, service = excluded.service, "
             "  preferred_employee = excluded.preferred_employee, employee = excluded.employee, "
             "  status = excluded.status, arrived_at = excluded.arrived_at, "
             "  called_at = excluded.called_at, finished_at = excluded.finished_at, "
             "  consent_at = coalesce (excluded.consent_at, consent_at), "
             "  consent_notice = coalesce (excluded.consent_notice, consent_notice), "
             "  version = excluded.version, pending = excluded.pending");

  g_return_val_if_fail (walkin != NULL && walkin->id != NULL, FALSE);

  kiosk_replica_bind_text (stmt, 1, walkin->id);
  kiosk_replica_bind_text (stmt, 2, walkin->customer);
  kiosk_replica_bind_text (stmt, 3, walkin->name);
  kiosk_replica_bind_text (stmt, 4, walkin->phone);
  kiosk_replica_bind_text (stmt, 5, walkin->service);
  kiosk_replica_bind_text (stmt, 6, walkin->preferred_employee);
  kiosk_replica_bind_text (stmt, 7, walkin->employee);
  kiosk_replica_bind_text (stmt, 8, kiosk_walkin_status_to_string (walkin->status));
  kiosk_replica_bind_text (stmt, 9, walkin->arrived_at);
  kiosk_replica_bind_text (stmt, 10, walkin->called_at);
  kiosk_replica_bind_text (stmt, 11, walkin->finished_at);
  kiosk_replica_bind_text (stmt, 12, walkin->consent_at);
  kiosk_replica_bind_text (stmt, 13, walkin->consent_notice);
  sqlite3_bind_int64 (stmt, 14, walkin->version);
  sqlite3_bind_int (stmt, 15, walkin->pending ? 1 : 0);
  return kiosk_replica_run (self, stmt, error);
}

gboolean
kiosk_replica_put_point_entry (KioskReplica           *self,
                               const KioskPointEntry  *entry,
                               GError                **error)
{
  BEGIN_PUT ("INSERT INTO point_entry (id, customer, points, reason, created_at, version, pending) "
             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
             "ON CONFLICT (id) DO UPDATE SET customer = excluded.customer, points = excluded.points, "
             "  reason = excluded.reason, created_at = excluded.created_at, "
             "  version = excluded.version, pending = excluded.pending");

  g_return_val_if_fail (entry != NULL && entry->id != NULL, FALSE);

  kiosk_replica_bind_text (stmt, 1, entry->id);
  kiosk_replica_bind_text (stmt, 2, entry->customer);
  sqlite3_bind_int64 (stmt, 3, entry->points);
  kiosk_replica_bind_text (stmt, 4, entry->reason);
  kiosk_replica_bind_text (stmt, 5, entry->created_at);
  sqlite3_bind_int64 (stmt, 6, entry->version);
  sqlite3_bind_int (stmt, 7, entry->pending ? 1 : 0);
  return kiosk_replica_run (self, stmt, error);
}


/* Only these names ever reach SQL: the text comes from this table, never
 * from the caller. */
static const struct {
  const char *table;
  const char *sql;
} count_queries[] = {
  { "salon",            "SELECT count(*) FROM salon" },
  { "working_hours",    "SELECT count(*) FROM working_hours" },
  { "category",         "SELECT count(*) FROM category" },
  { "service",          "SELECT count(*) FROM service" },
  { "employee",         "SELECT count(*) FROM employee" },
  { "employee_service", "SELECT count(*) FROM employee_service" },
  { "customer",         "SELECT count(*) FROM customer" },
  { "appointment",      "SELECT count(*) FROM appointment" },
  { "walkin",           "SELECT count(*) FROM walkin" },
  { "point_entry",      "SELECT count(*) FROM point_entry" },
  { "outbox",           "SELECT count(*) FROM outbox" },
  { "meta",             "SELECT count(*) FROM meta" },
  { "quarantine",       "SELECT count(*) FROM quarantine" },
  { "outbox_ref",       "SELECT count(*) FROM outbox_ref" },
  { "snapshot_seen",    "SELECT count(*) FROM snapshot_seen" },
  { "server_copy",      "SELECT count(*) FROM server_copy" },
};

gint64
kiosk_replica_count (KioskReplica  *self,
                     const char    *table,
                     GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;
  gboolean has_row = FALSE;
  const char *sql = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), -1);
  g_return_val_if_fail (table != NULL, -1);

  for (guint i = 0; i < G_N_ELEMENTS (count_queries); i++)
    if (g_str_equal (count_queries[i].table, table))
      sql = count_queries[i].sql;
  if (sql == NULL)
    {
      g_set_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_NOT_FOUND,
                   _("No table %s in the local database"), table);
      return -1;
    }

  stmt = kiosk_replica_prepare (self, sql, error);
  if (stmt == NULL || !kiosk_replica_next (self, stmt, &has_row, error))
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

/* Rows by entity name, for the sync engine. As in kiosk_replica_count(),
 * the SQL comes from this table only. */
static const struct {
  const char *entity;
  const char *state_sql;
  const char *delete_sql;
} entity_queries[] = {
#define ENTITY(name) \
  { #name, "SELECT version, pending FROM " #name " WHERE id = ?1", "DELETE FROM " #name " WHERE id = ?1" }
  ENTITY (salon),
  ENTITY (working_hours),
  ENTITY (category),
  ENTITY (service),
  ENTITY (employee),
  ENTITY (customer),
  ENTITY (appointment),
  ENTITY (walkin),
  ENTITY (point_entry),
#undef ENTITY
};

static int
find_entity (const char  *entity,
             GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (entity_queries); i++)
    if (g_str_equal (entity_queries[i].entity, entity))
      return (int)i;
  g_set_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_NOT_FOUND,
               _("No kind of record called %s in the local database"), entity);
  return -1;
}

gboolean
kiosk_replica_get_row_state (KioskReplica  *self,
                             const char    *entity,
                             const char    *id,
                             gint64        *out_version,
                             gboolean      *out_pending,
                             GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;
  gboolean has_row = FALSE;
  int index;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), FALSE);
  g_return_val_if_fail (entity != NULL && id != NULL, FALSE);

  index = find_entity (entity, error);
  if (index < 0)
    return FALSE;
  stmt = kiosk_replica_prepare (self, entity_queries[index].state_sql, error);
  if (stmt == NULL)
    return FALSE;
  kiosk_replica_bind_text (stmt, 1, id);
  if (!kiosk_replica_next (self, stmt, &has_row, error))
    return FALSE;
  if (!has_row)
    {
      g_set_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_NOT_FOUND,
                   _("No %s %s in the local database"), entity, id);
      return FALSE;
    }
  if (out_version != NULL)
    *out_version = sqlite3_column_int64 (stmt, 0);
  if (out_pending != NULL)
    *out_pending = sqlite3_column_int (stmt, 1) != 0;
  return TRUE;
}

gboolean
kiosk_replica_delete (KioskReplica  *self,
                      const char    *entity,
                      const char    *id,
                      GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;
  int index;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), FALSE);
  g_return_val_if_fail (entity != NULL && id != NULL, FALSE);

  if (!kiosk_replica_check_usable (self, error))
    return FALSE;
  index = find_entity (entity, error);
  if (index < 0)
    return FALSE;
  stmt = kiosk_replica_prepare (self, entity_queries[index].delete_sql, error);
  if (stmt == NULL)
    return FALSE;
  kiosk_replica_bind_text (stmt, 1, id);
  return kiosk_replica_run (self, stmt, error);
}

/* Quarantine */

gboolean
kiosk_replica_quarantine_add (KioskReplica  *self,
                              const char    *entity,
                              const char    *id,
                              const char    *reason,
                              const char    *raw_json,
                              GError       **error)
{
  BEGIN_PUT ("INSERT INTO quarantine (entity, id, reason, raw_json, received_at) "
             "VALUES (?1, ?2, ?3, ?4, ?5)");

  g_return_val_if_fail (entity != NULL && reason != NULL && raw_json != NULL, FALSE);

  kiosk_replica_bind_text (stmt, 1, entity);
  kiosk_replica_bind_text (stmt, 2, id);
  kiosk_replica_bind_text (stmt, 3, reason);
  kiosk_replica_bind_text (stmt, 4, raw_json);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time ());
  return kiosk_replica_run (self, stmt, error);
}
