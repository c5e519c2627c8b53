/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Reading rows: the typed gets and lists the screens use. An entity's
 * columns and how a row becomes a record come from its table
 * (kiosk-record-fields.h, kiosk_replica_record_sql()); a query here says
 * only what it adds: its joins, WHERE and ORDER BY.
 */
#define G_LOG_DOMAIN "kiosk-replica"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "kiosk-replica-private.h"
#include "kiosk-replica-records-private.h"

/* Queries */

KioskSalon *
kiosk_replica_get_salon (KioskReplica  *self,
                         GError       **error)
{
  static char *sql = NULL;
  g_autoptr(KioskCachedStmt) stmt = NULL;
  gboolean found = FALSE;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);

  stmt = kiosk_replica_prepare (self,
                                kiosk_replica_record_sql (&sql, KIOSK_ENTITY_SALON, NULL, NULL,
                                                          "ORDER BY rowid LIMIT 1"),
                                error);
  if (stmt == NULL)
    return NULL;
  /* No salon is the normal state of a kiosk not yet paired: NULL, and an
   * error only when reading failed. */
  return kiosk_replica_collect_record (self, stmt, KIOSK_ENTITY_SALON, &found, error);
}

GPtrArray *
kiosk_replica_list_working_hours (KioskReplica  *self,
                                  GError       **error)
{
  static char *sql = NULL;
  g_autoptr(KioskCachedStmt) stmt = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);

  stmt = kiosk_replica_prepare (self,
                                kiosk_replica_record_sql (&sql, KIOSK_ENTITY_WORKING_HOURS, NULL, NULL,
                                                          "ORDER BY day_of_week, id"),
                                error);
  if (stmt == NULL)
    return NULL;
  return kiosk_replica_collect_records (self, stmt, KIOSK_ENTITY_WORKING_HOURS,
                                        (GDestroyNotify)kiosk_working_hours_free, error);
}

GPtrArray *
kiosk_replica_list_categories (KioskReplica  *self,
                               GError       **error)
{
  static char *sql = NULL;
  g_autoptr(KioskCachedStmt) stmt = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);

  stmt = kiosk_replica_prepare (self,
                                kiosk_replica_record_sql (&sql, KIOSK_ENTITY_CATEGORY, NULL, NULL,
                                                          "ORDER BY name COLLATE KIOSK_NAME, id"),
                                error);
  if (stmt == NULL)
    return NULL;
  return kiosk_replica_collect_records (self, stmt, KIOSK_ENTITY_CATEGORY,
                                        (GDestroyNotify)kiosk_category_free, error);
}

GPtrArray *
kiosk_replica_list_services (KioskReplica  *self,
                             GError       **error)
{
  static char *sql = NULL;
  g_autoptr(KioskCachedStmt) stmt = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);

  /* By the category's name (services without one last), then by name. */
  stmt = kiosk_replica_prepare (self,
                                kiosk_replica_record_sql (&sql, KIOSK_ENTITY_SERVICE, "s", NULL,
                                                          "LEFT JOIN category c ON c.id = s.category "
                                                          "ORDER BY c.name IS NULL, c.name COLLATE KIOSK_NAME, "
                                                          "s.category, s.name COLLATE KIOSK_NAME, s.id"),
                                error);
  if (stmt == NULL)
    return NULL;
  return kiosk_replica_collect_records (self, stmt, KIOSK_ENTITY_SERVICE,
                                        (GDestroyNotify)kiosk_service_free, error);
}

/* An employee row without the services (kiosk-replica-desk.c reads them
 * from the column after). */
gpointer
kiosk_replica_read_employee (sqlite3_stmt *stmt)
{
  return kiosk_replica_read_record (KIOSK_ENTITY_EMPLOYEE, stmt);
}

GPtrArray *
kiosk_replica_list_employees (KioskReplica  *self,
                              GError       **error)
{
  static char *sql = NULL;
  g_autoptr(KioskCachedStmt) stmt = NULL;
  g_autoptr(KioskCachedStmt) links = NULL;
  g_autoptr(GPtrArray) employees = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);

  stmt = kiosk_replica_prepare (self,
                                kiosk_replica_record_sql (&sql, KIOSK_ENTITY_EMPLOYEE, NULL, NULL,
                                                          "ORDER BY name COLLATE KIOSK_NAME, id"),
                                error);
  if (stmt == NULL)
    return NULL;
  links = kiosk_replica_prepare (self,
                                 "SELECT service FROM employee_service WHERE employee = ?1 "
                                 "ORDER BY position",
                                 error);
  if (links == NULL)
    return NULL;

  employees = kiosk_replica_collect_records (self, stmt, KIOSK_ENTITY_EMPLOYEE,
                                             (GDestroyNotify)kiosk_employee_free, error);
  if (employees == NULL)
    return NULL;

  for (guint i = 0; i < employees->len; i++)
    {
      KioskEmployee *employee = g_ptr_array_index (employees, i);
      g_autoptr(GStrvBuilder) services = g_strv_builder_new ();
      gboolean has_row = FALSE;

      sqlite3_reset (links);
      kiosk_replica_bind_text (links, 1, employee->id);
      for (;;)
        {
          if (!kiosk_replica_next (self, links, &has_row, error))
            return NULL;
          if (!has_row)
            break;
          g_strv_builder_add (services, (const char *)sqlite3_column_text (links, 0));
        }
      employee->services = g_strv_builder_end (services);
    }

  return g_steal_pointer (&employees);
}

KioskCustomer *
kiosk_replica_get_customer (KioskReplica  *self,
                            const char    *id,
                            GError       **error)
{
  static char *sql = NULL;
  g_autoptr(KioskCachedStmt) stmt = NULL;
  KioskCustomer *customer;
  gboolean found = FALSE;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = kiosk_replica_prepare (self,
                                kiosk_replica_record_sql (&sql, KIOSK_ENTITY_CUSTOMER, NULL, NULL,
                                                          "WHERE id = ?1"),
                                error);
  if (stmt == NULL)
    return NULL;
  kiosk_replica_bind_text (stmt, 1, id);
  customer = kiosk_replica_collect_record (self, stmt, KIOSK_ENTITY_CUSTOMER, &found, error);
  if (customer == NULL && !found && (error == NULL || *error == NULL))
    g_set_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_NOT_FOUND,
                 _("No customer %s in the local database"), id);
  return customer;
}

KioskCustomer *
kiosk_replica_find_customer_by_phone (KioskReplica  *self,
                                      const char    *phone,
                                      GError       **error)
{
  static char *sql = NULL;
  g_autoptr(KioskCachedStmt) stmt = NULL;
  KioskCustomer *customer;
  gboolean found = FALSE;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);
  g_return_val_if_fail (phone != NULL, NULL);

  /* Two rows with one phone can exist for a while (a desk registration
   * the server will answer with phone_exists): the server's one first. */
  stmt = kiosk_replica_prepare (self,
                                kiosk_replica_record_sql (&sql, KIOSK_ENTITY_CUSTOMER, NULL, NULL,
                                                          "WHERE phone = ?1 "
                                                          "ORDER BY pending, version DESC, id LIMIT 1"),
                                error);
  if (stmt == NULL)
    return NULL;
  kiosk_replica_bind_text (stmt, 1, phone);
  customer = kiosk_replica_collect_record (self, stmt, KIOSK_ENTITY_CUSTOMER, &found, error);
  if (customer == NULL && !found && (error == NULL || *error == NULL))
    g_set_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_NOT_FOUND,
                 _("No customer with the phone %s in the local database"), phone);
  return customer;
}

GPtrArray *
kiosk_replica_list_customers (KioskReplica  *self,
                              GError       **error)
{
  static char *sql = NULL;
  g_autoptr(KioskCachedStmt) stmt = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);

  stmt = kiosk_replica_prepare (self,
                                kiosk_replica_record_sql (&sql, KIOSK_ENTITY_CUSTOMER, NULL, NULL, "ORDER BY id"),
                                error);
  if (stmt == NULL)
    return NULL;
  return kiosk_replica_collect_records (self, stmt, KIOSK_ENTITY_CUSTOMER,
                                        (GDestroyNotify)kiosk_customer_free, error);
}

gboolean
kiosk_replica_count_customers_by_level (KioskReplica  *self,
                                        gint64         counts[4],
                                        GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;
  gboolean has_row = FALSE;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  for (guint i = 0; i < 4; i++)
    counts[i] = 0;

  /* customer_by_level covers this: no row of the table is read. */
  stmt = kiosk_replica_prepare (self,
                                "SELECT loyalty_level, count(*) FROM customer GROUP BY loyalty_level",
                                error);
  if (stmt == NULL)
    return FALSE;
  for (;;)
    {
      KioskLoyaltyLevel level;

      if (!kiosk_replica_next (self, stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        break;
      if (kiosk_loyalty_level_from_string ((const char *)sqlite3_column_text (stmt, 0), &level))
        counts[level] = sqlite3_column_int64 (stmt, 1);
    }
  return TRUE;
}

KioskAppointment *
kiosk_replica_get_appointment (KioskReplica  *self,
                               const char    *id,
                               GError       **error)
{
  static char *sql = NULL;
  g_autoptr(KioskCachedStmt) stmt = NULL;
  KioskAppointment *appt;
  gboolean found = FALSE;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = kiosk_replica_prepare (self,
                                kiosk_replica_record_sql (&sql, KIOSK_ENTITY_APPOINTMENT, "a", NULL,
                                                          "WHERE a.id = ?1"),
                                error);
  if (stmt == NULL)
    return NULL;
  kiosk_replica_bind_text (stmt, 1, id);
  appt = kiosk_replica_collect_record (self, stmt, KIOSK_ENTITY_APPOINTMENT, &found, error);
  if (appt == NULL && !found && (error == NULL || *error == NULL))
    g_set_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_NOT_FOUND,
                 _("No appointment %s in the local database"), id);
  return appt;
}

/* The appointment's columns, then the names its row adds (below). */
static gpointer
read_appointment_row (sqlite3_stmt *stmt)
{
  KioskAppointmentRow *row = g_new0 (KioskAppointmentRow, 1);
  int names = (int)kiosk_replica_record_n_columns (KIOSK_ENTITY_APPOINTMENT);
  const char *first = (const char *)sqlite3_column_text (stmt, names);
  const char *last = (const char *)sqlite3_column_text (stmt, names + 1);

  kiosk_replica_read_record_into (KIOSK_ENTITY_APPOINTMENT, stmt, &row->appointment);
  if (first != NULL && last != NULL && *last != '\0')
    row->customer_name = g_strconcat (first, " ", last, NULL);
  else
    row->customer_name = g_strdup (first);
  row->service_name = kiosk_replica_column_text (stmt, names + 2);
  row->employee_name = kiosk_replica_column_text (stmt, names + 3);
  return row;
}

/* Customer, service and employee may not have arrived yet (no foreign
 * keys, see the schema): LEFT JOINs, and NULL names. The (date, time)
 * index gives the rows by time; the order among bookings at the same time
 * (by staff member's name) is made in C, see sort_day_rows(). */
static const char *
appointment_rows_sql (void)
{
  static char *sql = NULL;

  return kiosk_replica_record_sql (&sql, KIOSK_ENTITY_APPOINTMENT, "a",
                                   "c.first_name, c.last_name, s.name, e.name",
                                   "LEFT JOIN customer c ON c.id = a.customer "
                                   "LEFT JOIN service s ON s.id = a.service "
                                   "LEFT JOIN employee e ON e.id = a.employee "
                                   "WHERE a.appointment_date = ?1 "
                                   "ORDER BY a.appointment_time");
}

typedef struct {
  KioskAppointmentRow *row;
  const char          *key;   /* collation key of the staff member's name; NULL: none, or not UTF-8 */
} DayRow;

/* As ORDER BY appointment_time, e.name IS NULL, e.name COLLATE KIOSK_NAME, id
 * (see collate_names(): g_utf8_collate, then the bytes; the bytes alone
 * when a name is not UTF-8), with one collation key per staff member
 * instead of a g_utf8_collate() per comparison. */
static int
compare_day_rows (gconstpointer a,
                  gconstpointer b)
{
  const DayRow *x = a, *y = b;
  const KioskAppointmentRow *rx = x->row, *ry = y->row;
  const char *nx = rx->employee_name, *ny = ry->employee_name;
  int cmp = 0;

  if (rx->appointment.appointment_time != ry->appointment.appointment_time)
    return rx->appointment.appointment_time < ry->appointment.appointment_time ? -1 : 1;
  if ((nx == NULL) != (ny == NULL))
    return nx == NULL ? 1 : -1;
  if (nx != NULL)
    {
      if (x->key != NULL && y->key != NULL)
        cmp = strcmp (x->key, y->key);
      if (cmp == 0)
        cmp = strcmp (nx, ny);
      if (cmp != 0)
        return cmp;
    }
  return strcmp (rx->appointment.id, ry->appointment.id);
}

static void
sort_day_rows (GPtrArray *rows)
{
  g_autoptr(GHashTable) keys = NULL;
  g_autofree DayRow *sorted = NULL;

  if (rows == NULL || rows->len < 2)
    return;

  keys = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  sorted = g_new (DayRow, rows->len);
  for (guint i = 0; i < rows->len; i++)
    {
      KioskAppointmentRow *row = g_ptr_array_index (rows, i);
      const char *name = row->employee_name;
      char *key = NULL;

      if (name != NULL && !g_hash_table_lookup_extended (keys, name, NULL, (gpointer *)&key))
        {
          key = g_utf8_validate (name, -1, NULL) ? g_utf8_collate_key (name, -1) : NULL;
          g_hash_table_insert (keys, (gpointer)name, key);
        }
      sorted[i].row = row;
      sorted[i].key = key;
    }
  qsort (sorted, rows->len, sizeof (DayRow), compare_day_rows);
  for (guint i = 0; i < rows->len; i++)
    rows->pdata[i] = sorted[i].row;
}

GPtrArray *
kiosk_replica_list_appointment_rows (KioskReplica  *self,
                                     const char    *date,
                                     GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;
  GPtrArray *rows;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);
  g_return_val_if_fail (date != NULL, NULL);

  stmt = kiosk_replica_prepare (self, appointment_rows_sql (), error);
  if (stmt == NULL)
    return NULL;
  kiosk_replica_bind_text (stmt, 1, date);
  rows = kiosk_replica_collect_rows (self, stmt, read_appointment_row, (GDestroyNotify)kiosk_appointment_row_free, error);
  sort_day_rows (rows);
  return rows;
}

char *
kiosk_replica_explain_appointment_rows (KioskReplica *self)
{
  g_autofree char *sql = g_strconcat ("EXPLAIN QUERY PLAN ", appointment_rows_sql (), NULL);
  GString *plan = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);

  if (sqlite3_prepare_v2 (kiosk_replica_get_db (self), sql, -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, "2026-01-01", -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_string_append_printf (plan, "%s\n", (const char *)sqlite3_column_text (stmt, 3));
    }
  sqlite3_finalize (stmt);
  return g_string_free (plan, FALSE);
}

GPtrArray *
kiosk_replica_list_appointments (KioskReplica  *self,
                                 const char    *from_date,
                                 const char    *to_date,
                                 GError       **error)
{
  static char *sql = NULL;
  g_autoptr(KioskCachedStmt) stmt = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);
  g_return_val_if_fail (from_date != NULL && to_date != NULL, NULL);

  stmt = kiosk_replica_prepare (self,
                                kiosk_replica_record_sql (&sql, KIOSK_ENTITY_APPOINTMENT, "a", NULL,
                                                          "WHERE a.appointment_date BETWEEN ?1 AND ?2 "
                                                          "ORDER BY a.appointment_date, a.appointment_time, a.id"),
                                error);
  if (stmt == NULL)
    return NULL;
  kiosk_replica_bind_text (stmt, 1, from_date);
  kiosk_replica_bind_text (stmt, 2, to_date);
  return kiosk_replica_collect_records (self, stmt, KIOSK_ENTITY_APPOINTMENT,
                                        (GDestroyNotify)kiosk_appointment_free, error);
}

/* The queue's and the desk's walk-in rows. */
gpointer
kiosk_replica_read_walkin (sqlite3_stmt *stmt)
{
  return kiosk_replica_read_record (KIOSK_ENTITY_WALKIN, stmt);
}

GPtrArray *
kiosk_replica_list_walkins (KioskReplica  *self,
                            GError       **error)
{
  static char *sql = NULL;
  g_autoptr(KioskCachedStmt) stmt = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);

  /* In order of arrival: the queue. */
  stmt = kiosk_replica_prepare (self,
                                kiosk_replica_record_sql (&sql, KIOSK_ENTITY_WALKIN, NULL, NULL,
                                                          "ORDER BY arrived_at IS NULL, arrived_at, rowid"),
                                error);
  if (stmt == NULL)
    return NULL;
  return kiosk_replica_collect_records (self, stmt, KIOSK_ENTITY_WALKIN,
                                        (GDestroyNotify)kiosk_walkin_free, error);
}

GPtrArray *
kiosk_replica_list_open_walkins (KioskReplica  *self,
                                 GError       **error)
{
  static char *sql = NULL;
  g_autoptr(KioskCachedStmt) stmt = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);

  /* The queue only: walkin_by_status skips the day's finished visits. */
  stmt = kiosk_replica_prepare (self,
                                kiosk_replica_record_sql (&sql, KIOSK_ENTITY_WALKIN, NULL, NULL,
                                                          "WHERE status IN ('waiting', 'called', 'in_service') "
                                                          "ORDER BY arrived_at IS NULL, arrived_at, rowid"),
                                error);
  if (stmt == NULL)
    return NULL;
  return kiosk_replica_collect_records (self, stmt, KIOSK_ENTITY_WALKIN,
                                        (GDestroyNotify)kiosk_walkin_free, error);
}

GPtrArray *
kiosk_replica_list_point_entries (KioskReplica  *self,
                                  const char    *customer,
                                  GError       **error)
{
  static char *every_sql = NULL;
  static char *customer_sql = NULL;
  g_autoptr(KioskCachedStmt) stmt = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);

  if (customer == NULL)
    /* Every entry, whatever its customer (the dump of the replica). */
    stmt = kiosk_replica_prepare (self,
                                  kiosk_replica_record_sql (&every_sql, KIOSK_ENTITY_POINT_ENTRY, NULL, NULL,
                                                            "ORDER BY id"),
                                  error);
  else
    stmt = kiosk_replica_prepare (self,
                                  kiosk_replica_record_sql (&customer_sql, KIOSK_ENTITY_POINT_ENTRY, NULL, NULL,
                                                            "WHERE customer = ?1 ORDER BY created_at, rowid"),
                                  error);
  if (stmt == NULL)
    return NULL;
  if (customer != NULL)
    kiosk_replica_bind_text (stmt, 1, customer);
  return kiosk_replica_collect_records (self, stmt, KIOSK_ENTITY_POINT_ENTRY,
                                        (GDestroyNotify)kiosk_point_entry_free, error);
}
