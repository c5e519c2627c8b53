/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Reading rows: the typed gets and lists the screens use.
 */
#define G_LOG_DOMAIN "kiosk-replica"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "kiosk-replica-private.h"

/* Queries */

#define SALON_COLUMNS \
  "id, name, address, city, district, phone, opening_time, closing_time, timezone, version"

static gpointer
read_salon (sqlite3_stmt *stmt)
{
  KioskSalon *salon = g_new0 (KioskSalon, 1);

  salon->id = kiosk_replica_column_text (stmt, 0);
  salon->name = kiosk_replica_column_text (stmt, 1);
  salon->address = kiosk_replica_column_text (stmt, 2);
  salon->city = kiosk_replica_column_text (stmt, 3);
  salon->district = kiosk_replica_column_text (stmt, 4);
  salon->phone = kiosk_replica_column_text (stmt, 5);
  salon->opening_time = sqlite3_column_int (stmt, 6);
  salon->closing_time = sqlite3_column_int (stmt, 7);
  salon->timezone = kiosk_replica_column_text (stmt, 8);
  salon->version = sqlite3_column_int64 (stmt, 9);
  return salon;
}

KioskSalon *
kiosk_replica_get_salon (KioskReplica  *self,
                         GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;
  gboolean found = FALSE;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);

  stmt = kiosk_replica_prepare (self, "SELECT " SALON_COLUMNS " FROM salon ORDER BY rowid LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  /* No salon is the normal state of a kiosk not yet paired: NULL, and an
   * error only when reading failed. */
  return kiosk_replica_collect_one (self, stmt, read_salon, &found, error);
}

static gpointer
read_working_hours (sqlite3_stmt *stmt)
{
  KioskWorkingHours *hours = g_new0 (KioskWorkingHours, 1);

  hours->id = kiosk_replica_column_text (stmt, 0);
  hours->day_of_week = sqlite3_column_int (stmt, 1);
  hours->opening_time = sqlite3_column_int (stmt, 2);
  hours->closing_time = sqlite3_column_int (stmt, 3);
  hours->is_closed = sqlite3_column_int (stmt, 4) != 0;
  hours->version = sqlite3_column_int64 (stmt, 5);
  return hours;
}

GPtrArray *
kiosk_replica_list_working_hours (KioskReplica  *self,
                                  GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);

  stmt = kiosk_replica_prepare (self,
                                "SELECT id, day_of_week, opening_time, closing_time, is_closed, version "
                                "FROM working_hours ORDER BY day_of_week, id",
                                error);
  if (stmt == NULL)
    return NULL;
  return kiosk_replica_collect_rows (self, stmt, read_working_hours, (GDestroyNotify)kiosk_working_hours_free, error);
}

static gpointer
read_category (sqlite3_stmt *stmt)
{
  KioskCategory *category = g_new0 (KioskCategory, 1);

  category->id = kiosk_replica_column_text (stmt, 0);
  category->name = kiosk_replica_column_text (stmt, 1);
  category->description = kiosk_replica_column_text (stmt, 2);
  category->icon = kiosk_replica_column_text (stmt, 3);
  category->version = sqlite3_column_int64 (stmt, 4);
  return category;
}

GPtrArray *
kiosk_replica_list_categories (KioskReplica  *self,
                               GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);

  stmt = kiosk_replica_prepare (self,
                                "SELECT id, name, description, icon, version FROM category "
                                "ORDER BY name COLLATE KIOSK_NAME, id",
                                error);
  if (stmt == NULL)
    return NULL;
  return kiosk_replica_collect_rows (self, stmt, read_category, (GDestroyNotify)kiosk_category_free, error);
}

static gpointer
read_service (sqlite3_stmt *stmt)
{
  KioskService *service = g_new0 (KioskService, 1);

  service->id = kiosk_replica_column_text (stmt, 0);
  service->category = kiosk_replica_column_text (stmt, 1);
  service->name = kiosk_replica_column_text (stmt, 2);
  service->description = kiosk_replica_column_text (stmt, 3);
  service->price = sqlite3_column_int64 (stmt, 4);
  service->duration = sqlite3_column_int (stmt, 5);
  service->is_active = sqlite3_column_int (stmt, 6) != 0;
  service->version = sqlite3_column_int64 (stmt, 7);
  return service;
}

GPtrArray *
kiosk_replica_list_services (KioskReplica  *self,
                             GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);

  /* By the category's name (services without one last), then by name. */
  stmt = kiosk_replica_prepare (self,
                                "SELECT s.id, s.category, s.name, s.description, s.price, s.duration, "
                                "       s.is_active, s.version "
                                "FROM service s LEFT JOIN category c ON c.id = s.category "
                                "ORDER BY c.name IS NULL, c.name COLLATE KIOSK_NAME, s.category, "
                                "         s.name COLLATE KIOSK_NAME, s.id",
                                error);
  if (stmt == NULL)
    return NULL;
  return kiosk_replica_collect_rows (self, stmt, read_service, (GDestroyNotify)kiosk_service_free, error);
}

/* An employee row without the services, SELECT KIOSK_EMPLOYEE_COLUMNS
 * (here, and with the services after them in kiosk-replica-desk.c). */
gpointer
kiosk_replica_read_employee (sqlite3_stmt *stmt)
{
  KioskEmployee *employee = g_new0 (KioskEmployee, 1);

  employee->id = kiosk_replica_column_text (stmt, 0);
  employee->name = kiosk_replica_column_text (stmt, 1);
  employee->position = kiosk_replica_column_text (stmt, 2);
  employee->is_active = sqlite3_column_int (stmt, 3) != 0;
  employee->version = sqlite3_column_int64 (stmt, 4);
  return employee;
}

GPtrArray *
kiosk_replica_list_employees (KioskReplica  *self,
                              GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;
  g_autoptr(KioskCachedStmt) links = NULL;
  g_autoptr(GPtrArray) employees = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);

  stmt = kiosk_replica_prepare (self,
                                "SELECT " KIOSK_EMPLOYEE_COLUMNS " FROM employee "
                                "ORDER BY name COLLATE KIOSK_NAME, id",
                                error);
  if (stmt == NULL)
    return NULL;
  links = kiosk_replica_prepare (self,
                                 "SELECT service FROM employee_service WHERE employee = ?1 "
                                 "ORDER BY position",
                                 error);
  if (links == NULL)
    return NULL;

  employees = kiosk_replica_collect_rows (self, stmt, kiosk_replica_read_employee,
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

#define CUSTOMER_COLUMNS \
  "id, first_name, last_name, phone, loyalty_level, total_points, current_points, total_spent, " \
  "total_visits, updated_at, consent_at, version, pending, consent_notice"

static gpointer
read_customer (sqlite3_stmt *stmt)
{
  KioskCustomer *customer = g_new0 (KioskCustomer, 1);

  customer->id = kiosk_replica_column_text (stmt, 0);
  customer->first_name = kiosk_replica_column_text (stmt, 1);
  customer->last_name = kiosk_replica_column_text (stmt, 2);
  customer->phone = kiosk_replica_column_text (stmt, 3);
  /* The schema's CHECK keeps the word known; bronze if it ever is not. */
  customer->loyalty_level = KIOSK_LEVEL_BRONZE;
  kiosk_loyalty_level_from_string ((const char *)sqlite3_column_text (stmt, 4), &customer->loyalty_level);
  customer->total_points = sqlite3_column_int64 (stmt, 5);
  customer->current_points = sqlite3_column_int64 (stmt, 6);
  customer->total_spent = sqlite3_column_int64 (stmt, 7);
  customer->total_visits = sqlite3_column_int64 (stmt, 8);
  customer->updated_at = kiosk_replica_column_text (stmt, 9);
  customer->consent_at = kiosk_replica_column_text (stmt, 10);
  customer->version = sqlite3_column_int64 (stmt, 11);
  customer->pending = sqlite3_column_int (stmt, 12) != 0;
  customer->consent_notice = kiosk_replica_column_text (stmt, 13);
  return customer;
}

KioskCustomer *
kiosk_replica_get_customer (KioskReplica  *self,
                            const char    *id,
                            GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;
  KioskCustomer *customer;
  gboolean found = FALSE;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = kiosk_replica_prepare (self, "SELECT " CUSTOMER_COLUMNS " FROM customer WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  kiosk_replica_bind_text (stmt, 1, id);
  customer = kiosk_replica_collect_one (self, stmt, read_customer, &found, error);
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
  g_autoptr(KioskCachedStmt) stmt = NULL;
  KioskCustomer *customer;
  gboolean found = FALSE;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);
  g_return_val_if_fail (phone != NULL, NULL);

  /* Two rows with one phone can exist for a while (a desk registration
   * the server will answer with phone_exists): the server's one first. */
  stmt = kiosk_replica_prepare (self,
                                "SELECT " CUSTOMER_COLUMNS " FROM customer WHERE phone = ?1 "
                                "ORDER BY pending, version DESC, id LIMIT 1",
                                error);
  if (stmt == NULL)
    return NULL;
  kiosk_replica_bind_text (stmt, 1, phone);
  customer = kiosk_replica_collect_one (self, stmt, read_customer, &found, error);
  if (customer == NULL && !found && (error == NULL || *error == NULL))
    g_set_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_NOT_FOUND,
                 _("No customer with the phone %s in the local database"), phone);
  return customer;
}

GPtrArray *
kiosk_replica_list_customers (KioskReplica  *self,
                              GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);

  stmt = kiosk_replica_prepare (self, "SELECT " CUSTOMER_COLUMNS " FROM customer ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  return kiosk_replica_collect_rows (self, stmt, read_customer, (GDestroyNotify)kiosk_customer_free, error);
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

#define APPOINTMENT_COLUMNS \
  "a.id, a.customer, a.service, a.employee, a.appointment_date, a.appointment_time, a.end_time, " \
  "a.status, a.notes, a.price, a.source, a.checked_in_at, a.created_at, a.updated_at, a.version, " \
  "a.pending"
#define N_APPOINTMENT_COLUMNS 16

static void
read_appointment_into (sqlite3_stmt     *stmt,
                       KioskAppointment *appt)
{
  appt->id = kiosk_replica_column_text (stmt, 0);
  appt->customer = kiosk_replica_column_text (stmt, 1);
  appt->service = kiosk_replica_column_text (stmt, 2);
  appt->employee = kiosk_replica_column_text (stmt, 3);
  appt->appointment_date = kiosk_replica_column_text (stmt, 4);
  appt->appointment_time = sqlite3_column_int (stmt, 5);
  appt->end_time = sqlite3_column_int (stmt, 6);
  appt->status = KIOSK_APPOINTMENT_PENDING;
  kiosk_appointment_status_from_string ((const char *)sqlite3_column_text (stmt, 7), &appt->status);
  appt->notes = kiosk_replica_column_text (stmt, 8);
  appt->price = sqlite3_column_int64 (stmt, 9);
  appt->source = kiosk_replica_column_text (stmt, 10);
  appt->checked_in_at = kiosk_replica_column_text (stmt, 11);
  appt->created_at = kiosk_replica_column_text (stmt, 12);
  appt->updated_at = kiosk_replica_column_text (stmt, 13);
  appt->version = sqlite3_column_int64 (stmt, 14);
  appt->pending = sqlite3_column_int (stmt, 15) != 0;
}

static gpointer
read_appointment (sqlite3_stmt *stmt)
{
  KioskAppointment *appt = g_new0 (KioskAppointment, 1);

  read_appointment_into (stmt, appt);
  return appt;
}

KioskAppointment *
kiosk_replica_get_appointment (KioskReplica  *self,
                               const char    *id,
                               GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;
  KioskAppointment *appt;
  gboolean found = FALSE;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = kiosk_replica_prepare (self, "SELECT " APPOINTMENT_COLUMNS " FROM appointment a WHERE a.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  kiosk_replica_bind_text (stmt, 1, id);
  appt = kiosk_replica_collect_one (self, stmt, read_appointment, &found, error);
  if (appt == NULL && !found && (error == NULL || *error == NULL))
    g_set_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_NOT_FOUND,
                 _("No appointment %s in the local database"), id);
  return appt;
}

static gpointer
read_appointment_row (sqlite3_stmt *stmt)
{
  KioskAppointmentRow *row = g_new0 (KioskAppointmentRow, 1);
  const char *first = (const char *)sqlite3_column_text (stmt, N_APPOINTMENT_COLUMNS);
  const char *last = (const char *)sqlite3_column_text (stmt, N_APPOINTMENT_COLUMNS + 1);

  read_appointment_into (stmt, &row->appointment);
  if (first != NULL && last != NULL && *last != '\0')
    row->customer_name = g_strconcat (first, " ", last, NULL);
  else
    row->customer_name = g_strdup (first);
  row->service_name = kiosk_replica_column_text (stmt, N_APPOINTMENT_COLUMNS + 2);
  row->employee_name = kiosk_replica_column_text (stmt, N_APPOINTMENT_COLUMNS + 3);
  return row;
}

/* Customer, service and employee may not have arrived yet (no foreign
 * keys, see the schema): LEFT JOINs, and NULL names. The (date, time)
 * index gives the rows by time; the order among bookings at the same time
 * (by staff member's name) is made in C, see sort_day_rows(). */
static const char appointment_rows_sql[] =
  "SELECT " APPOINTMENT_COLUMNS ", c.first_name, c.last_name, s.name, e.name "
  "FROM appointment a "
  "LEFT JOIN customer c ON c.id = a.customer "
  "LEFT JOIN service s ON s.id = a.service "
  "LEFT JOIN employee e ON e.id = a.employee "
  "WHERE a.appointment_date = ?1 "
  "ORDER BY a.appointment_time";

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

  stmt = kiosk_replica_prepare (self, appointment_rows_sql, error);
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
  g_autofree char *sql = g_strconcat ("EXPLAIN QUERY PLAN ", appointment_rows_sql, NULL);
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
  g_autoptr(KioskCachedStmt) stmt = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);
  g_return_val_if_fail (from_date != NULL && to_date != NULL, NULL);

  stmt = kiosk_replica_prepare (self,
                                "SELECT " APPOINTMENT_COLUMNS " FROM appointment a "
                                "WHERE a.appointment_date BETWEEN ?1 AND ?2 "
                                "ORDER BY a.appointment_date, a.appointment_time, a.id",
                                error);
  if (stmt == NULL)
    return NULL;
  kiosk_replica_bind_text (stmt, 1, from_date);
  kiosk_replica_bind_text (stmt, 2, to_date);
  return kiosk_replica_collect_rows (self, stmt, read_appointment, (GDestroyNotify)kiosk_appointment_free, error);
}

gpointer
kiosk_replica_read_walkin (sqlite3_stmt *stmt)
{
  KioskWalkin *walkin = g_new0 (KioskWalkin, 1);

  walkin->id = kiosk_replica_column_text (stmt, 0);
  walkin->customer = kiosk_replica_column_text (stmt, 1);
  walkin->name = kiosk_replica_column_text (stmt, 2);
  walkin->phone = kiosk_replica_column_text (stmt, 3);
  walkin->service = kiosk_replica_column_text (stmt, 4);
  walkin->preferred_employee = kiosk_replica_column_text (stmt, 5);
  walkin->employee = kiosk_replica_column_text (stmt, 6);
  walkin->status = KIOSK_WALKIN_WAITING;
  kiosk_walkin_status_from_string ((const char *)sqlite3_column_text (stmt, 7), &walkin->status);
  walkin->arrived_at = kiosk_replica_column_text (stmt, 8);
  walkin->called_at = kiosk_replica_column_text (stmt, 9);
  walkin->finished_at = kiosk_replica_column_text (stmt, 10);
  walkin->version = sqlite3_column_int64 (stmt, 11);
  walkin->pending = sqlite3_column_int (stmt, 12) != 0;
  walkin->consent_at = kiosk_replica_column_text (stmt, 13);
  walkin->consent_notice = kiosk_replica_column_text (stmt, 14);
  return walkin;
}

GPtrArray *
kiosk_replica_list_walkins (KioskReplica  *self,
                            GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);

  /* In order of arrival: the queue. */
  stmt = kiosk_replica_prepare (self,
                                "SELECT " KIOSK_WALKIN_COLUMNS
                                "FROM walkin ORDER BY arrived_at IS NULL, arrived_at, rowid",
                                error);
  if (stmt == NULL)
    return NULL;
  return kiosk_replica_collect_rows (self, stmt, kiosk_replica_read_walkin, (GDestroyNotify)kiosk_walkin_free, error);
}

GPtrArray *
kiosk_replica_list_open_walkins (KioskReplica  *self,
                                 GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);

  /* The queue only: walkin_by_status skips the day's finished visits. */
  stmt = kiosk_replica_prepare (self,
                                "SELECT " KIOSK_WALKIN_COLUMNS
                                "FROM walkin WHERE status IN ('waiting', 'called', 'in_service') "
                                "ORDER BY arrived_at IS NULL, arrived_at, rowid",
                                error);
  if (stmt == NULL)
    return NULL;
  return kiosk_replica_collect_rows (self, stmt, kiosk_replica_read_walkin, (GDestroyNotify)kiosk_walkin_free, error);
}

#define POINT_ENTRY_COLUMNS \
  "id, customer, points, reason, created_at, version, pending"

static gpointer
read_point_entry (sqlite3_stmt *stmt)
{
  KioskPointEntry *entry = g_new0 (KioskPointEntry, 1);

  entry->id = kiosk_replica_column_text (stmt, 0);
  entry->customer = kiosk_replica_column_text (stmt, 1);
  entry->points = sqlite3_column_int64 (stmt, 2);
  entry->reason = kiosk_replica_column_text (stmt, 3);
  entry->created_at = kiosk_replica_column_text (stmt, 4);
  entry->version = sqlite3_column_int64 (stmt, 5);
  entry->pending = sqlite3_column_int (stmt, 6) != 0;
  return entry;
}

GPtrArray *
kiosk_replica_list_point_entries (KioskReplica  *self,
                                  const char    *customer,
                                  GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);

  if (customer == NULL)
    /* Every entry, whatever its customer (the dump of the replica). */
    stmt = kiosk_replica_prepare (self,
                                  "SELECT " POINT_ENTRY_COLUMNS " FROM point_entry ORDER BY id",
                                  error);
  else
    stmt = kiosk_replica_prepare (self,
                                  "SELECT " POINT_ENTRY_COLUMNS " FROM point_entry "
                                  "WHERE customer = ?1 ORDER BY created_at, rowid",
                                  error);
  if (stmt == NULL)
    return NULL;
  if (customer != NULL)
    kiosk_replica_bind_text (stmt, 1, customer);
  return kiosk_replica_collect_rows (self, stmt, read_point_entry, (GDestroyNotify)kiosk_point_entry_free, error);
}
