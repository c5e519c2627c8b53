/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Seeds the contract server with the demo salon: the project's generator
 * writes into a scratch replica, which is read back with the typed queries
 * and turned into contract JSON (docs/kiosk-api.md §3.4). These record→JSON
 * functions are the server's own; the app's sync layer has its own.
 */
#define G_LOG_DOMAIN "kiosk-test-server"

#include <glib/gstdio.h>

#include "kiosk-demo.h"
#include "kiosk-replica.h"

#include "kiosk-test-server-private.h"

static void
set_str_or_null (JsonObject *o, const char *member, const char *value)
{
  if (value)
    json_object_set_string_member (o, member, value);
  else
    json_object_set_null_member (o, member);
}

static void
set_time (JsonObject *o, const char *member, int seconds)
{
  g_autofree char *t = kiosk_test_format_time (seconds);
  json_object_set_string_member (o, member, t);
}

static void
set_money (JsonObject *o, const char *member, gint64 kurus)
{
  g_autofree char *m = kiosk_test_format_money (kurus);
  json_object_set_string_member (o, member, m);
}

static JsonObject *
salon_json (const KioskSalon *s)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "id", s->id);
  set_str_or_null (o, "name", s->name);
  set_str_or_null (o, "address", s->address);
  set_str_or_null (o, "city", s->city);
  set_str_or_null (o, "district", s->district);
  set_str_or_null (o, "phone", s->phone);
  set_time (o, "opening_time", s->opening_time);
  set_time (o, "closing_time", s->closing_time);
  json_object_set_string_member (o, "timezone", s->timezone ? s->timezone : "Europe/Istanbul");
  return o;
}

static JsonObject *
working_hours_json (const KioskWorkingHours *h)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "id", h->id);
  json_object_set_int_member (o, "day_of_week", h->day_of_week);
  set_time (o, "opening_time", h->opening_time);
  set_time (o, "closing_time", h->closing_time);
  json_object_set_boolean_member (o, "is_closed", h->is_closed);
  return o;
}

static JsonObject *
category_json (const KioskCategory *c)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "id", c->id);
  set_str_or_null (o, "name", c->name);
  json_object_set_string_member (o, "description", c->description ? c->description : "");
  json_object_set_string_member (o, "icon", c->icon ? c->icon : "");
  return o;
}

static JsonObject *
service_json (const KioskService *s)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "id", s->id);
  set_str_or_null (o, "category", s->category);
  set_str_or_null (o, "name", s->name);
  json_object_set_string_member (o, "description", s->description ? s->description : "");
  set_money (o, "price", s->price);
  json_object_set_int_member (o, "duration", s->duration);
  json_object_set_boolean_member (o, "is_active", s->is_active);
  return o;
}

static JsonObject *
employee_json (const KioskEmployee *e)
{
  JsonObject *o = json_object_new ();
  JsonArray *services = json_array_new ();

  json_object_set_string_member (o, "id", e->id);
  set_str_or_null (o, "name", e->name);
  json_object_set_string_member (o, "position", e->position ? e->position : "");
  json_object_set_boolean_member (o, "is_active", e->is_active);
  for (guint i = 0; e->services && e->services[i]; i++)
    json_array_add_string_element (services, e->services[i]);
  json_object_set_array_member (o, "services", services);
  return o;
}

static JsonObject *
customer_json (const KioskCustomer *c, const char *now)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "id", c->id);
  json_object_set_string_member (o, "first_name", c->first_name ? c->first_name : "");
  json_object_set_string_member (o, "last_name", c->last_name ? c->last_name : "");
  set_str_or_null (o, "phone", c->phone);
  json_object_set_string_member (o, "loyalty_level", kiosk_loyalty_level_to_string (c->loyalty_level));
  json_object_set_int_member (o, "total_points", c->total_points);
  json_object_set_int_member (o, "current_points", c->current_points);
  set_money (o, "total_spent", c->total_spent);
  json_object_set_int_member (o, "total_visits", c->total_visits);
  json_object_set_string_member (o, "updated_at", c->updated_at ? c->updated_at : now);
  return o;
}

static JsonObject *
appointment_json (const KioskAppointment *a, const char *now)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "id", a->id);
  set_str_or_null (o, "customer", a->customer);
  set_str_or_null (o, "service", a->service);
  set_str_or_null (o, "employee", a->employee);
  json_object_set_string_member (o, "appointment_date", a->appointment_date);
  set_time (o, "appointment_time", a->appointment_time);
  set_time (o, "end_time", a->end_time);
  json_object_set_string_member (o, "status", kiosk_appointment_status_to_string (a->status));
  json_object_set_string_member (o, "notes", a->notes ? a->notes : "");
  set_money (o, "price", a->price);
  json_object_set_string_member (o, "source", a->source ? a->source : "app");
  set_str_or_null (o, "checked_in_at", a->checked_in_at);
  json_object_set_string_member (o, "created_at", a->created_at ? a->created_at : now);
  json_object_set_string_member (o, "updated_at", a->updated_at ? a->updated_at : now);
  return o;
}

static JsonObject *
walkin_json (const KioskWalkin *w, const char *now)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "id", w->id);
  set_str_or_null (o, "customer", w->customer);
  json_object_set_string_member (o, "name", w->name ? w->name : "");
  json_object_set_string_member (o, "phone", w->phone ? w->phone : "");
  set_str_or_null (o, "service", w->service);
  set_str_or_null (o, "preferred_employee", w->preferred_employee);
  set_str_or_null (o, "employee", w->employee);
  json_object_set_string_member (o, "status", kiosk_walkin_status_to_string (w->status));
  json_object_set_string_member (o, "arrived_at", w->arrived_at ? w->arrived_at : now);
  set_str_or_null (o, "called_at", w->called_at);
  set_str_or_null (o, "finished_at", w->finished_at);
  return o;
}

static JsonObject *
point_entry_json (const KioskPointEntry *p, const char *now)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "id", p->id);
  set_str_or_null (o, "customer", p->customer);
  json_object_set_int_member (o, "points", p->points);
  json_object_set_string_member (o, "reason", p->reason ? p->reason : "");
  json_object_set_string_member (o, "created_at", p->created_at ? p->created_at : now);
  return o;
}

static void
put_all (KioskTestServer *self, const char *entity, GPtrArray *records,
         JsonObject *(*to_json) (gconstpointer, const char *), const char *now)
{
  for (guint i = 0; i < records->len; i++)
    {
      g_autoptr(JsonObject) o = to_json (g_ptr_array_index (records, i), now);
      kiosk_test_server_put_object (self, entity, o);
    }
}

/* Adapters so that put_all() can take every record type. */
#define ADAPT(name, type)                                                     \
  static JsonObject *name##_any (gconstpointer r, const char *now)            \
  { return name##_json ((const type *) r); }
#define ADAPT_NOW(name, type)                                                 \
  static JsonObject *name##_any (gconstpointer r, const char *now)            \
  { return name##_json ((const type *) r, now); }
ADAPT (working_hours, KioskWorkingHours)
ADAPT (category, KioskCategory)
ADAPT (service, KioskService)
ADAPT (employee, KioskEmployee)
ADAPT_NOW (customer, KioskCustomer)
ADAPT_NOW (appointment, KioskAppointment)
ADAPT_NOW (walkin, KioskWalkin)
ADAPT_NOW (point_entry, KioskPointEntry)
#undef ADAPT
#undef ADAPT_NOW

gboolean
kiosk_test_server_seed_demo (KioskTestServer  *self,
                             const char       *today,
                             GError          **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *real_today = NULL;
  g_autofree char *now = NULL;
  g_autoptr(KioskReplica) replica = NULL;
  g_autoptr(KioskSalon) salon = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(JsonObject) salon_obj = NULL;
  KioskDemoOptions options;
  gboolean ok = FALSE;

  g_return_val_if_fail (KIOSK_IS_TEST_SERVER (self), FALSE);

  if (!kiosk_test_server_is_empty (self))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "The server already holds data; seed an empty one");
      return FALSE;
    }
  dt = kiosk_test_server_dup_now (self);
  now = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S.%f%:z");
  if (today == NULL)
    today = real_today = g_date_time_format (dt, "%Y-%m-%d");

  dir = g_build_filename (kiosk_test_server_get_data_dir (self), "demo-scratch", NULL);
  g_mkdir_with_parents (dir, 0700);
  path = g_build_filename (dir, "demo.sqlite3", NULL);
  g_unlink (path);
  if ((replica = kiosk_replica_open (path, error)) == NULL)
    return FALSE;
  kiosk_demo_options_init (&options, today);
  options.open_every_day = kiosk_test_server_get_demo_open_every_day (self);
  if (!kiosk_demo_populate (replica, &options, error))
    goto out;
  if ((salon = kiosk_replica_get_salon (replica, error)) == NULL)
    goto out;

  kiosk_test_server_begin_bulk (self);
  salon_obj = salon_json (salon);
  kiosk_test_server_put_object (self, "salon", salon_obj);
#define PUT(entity, call, fn)                                               \
  G_STMT_START {                                                            \
    g_clear_pointer (&list, g_ptr_array_unref);                             \
    if ((list = call) == NULL)                                              \
      {                                                                     \
        kiosk_test_server_end_bulk (self, FALSE);                           \
        goto out;                                                           \
      }                                                                     \
    put_all (self, entity, list, fn, now);                                  \
  } G_STMT_END
  PUT ("working_hours", kiosk_replica_list_working_hours (replica, error), working_hours_any);
  PUT ("category", kiosk_replica_list_categories (replica, error), category_any);
  PUT ("service", kiosk_replica_list_services (replica, error), service_any);
  PUT ("employee", kiosk_replica_list_employees (replica, error), employee_any);
  PUT ("customer", kiosk_replica_list_customers (replica, error), customer_any);
  PUT ("appointment", kiosk_replica_list_appointments (replica, "0001-01-01", "9999-12-31", error), appointment_any);
  PUT ("walkin", kiosk_replica_list_walkins (replica, error), walkin_any);
  customers = kiosk_replica_list_customers (replica, error);
  if (customers == NULL)
    {
      kiosk_test_server_end_bulk (self, FALSE);
      goto out;
    }
  for (guint i = 0; i < customers->len; i++)
    {
      const KioskCustomer *c = g_ptr_array_index (customers, i);
      PUT ("point_entry", kiosk_replica_list_point_entries (replica, c->id, error), point_entry_any);
    }
#undef PUT
  kiosk_test_server_end_bulk (self, TRUE);
  ok = TRUE;

out:
  g_clear_object (&replica);
  g_unlink (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
  return ok;
}
