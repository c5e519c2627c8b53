/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The demo salon, written into a real replica file: what a person looking
 * at the front desk would notice if it were wrong.
 */
#define G_LOG_DOMAIN "test-demo"

#include <glib/gstdio.h>

#include "kiosk-demo.h"
#include "kiosk-loyalty.h"
#include "kiosk-phone.h"
#include "kiosk-time.h"

/* A Wednesday, so that today has appointments and walk-ins; the 7 days on
 * either side take in two Saturdays and two Sundays. */
#define TODAY      "2026-03-18"
#define FIRST_DAY  "2026-03-11"
#define LAST_DAY   "2026-03-25"
#define DEMO_NOW   (12 * 3600 + 30 * 60)

typedef struct {
  char         *dir;
  KioskReplica *replica;
} Fixture;

static KioskReplica *
open_replica (Fixture    *fixture,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  KioskReplica *replica = kiosk_replica_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (replica);
  return replica;
}

static void
populate (KioskReplica *replica,
          guint32       seed,
          const char   *today)
{
  g_autoptr(GError) error = NULL;
  KioskDemoOptions options;

  kiosk_demo_options_init (&options, today);
  options.seed = seed;
  g_assert_true (kiosk_demo_populate (replica, &options, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("kiosk-test-demo-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->replica = open_replica (fixture, "replica.db");
  if (data == NULL)
    populate (fixture->replica, 2026, TODAY);
}

/* An empty replica, for tests that populate it their own way. */
#define EMPTY GINT_TO_POINTER (1)

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->replica);
  remove_dir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static GPtrArray *
checked (GPtrArray *array,
         GError    *error)
{
  g_assert_no_error (error);
  g_assert_nonnull (array);
  return array;
}

#define LIST(call) ({ GError *_e = NULL; GPtrArray *_a = (call); checked (_a, _e); })

static gboolean
is_uuid_v4 (const char *id)
{
  if (id == NULL || strlen (id) != 36 || !g_uuid_string_is_valid (id))
    return FALSE;
  return id[14] == '4' && strchr ("89ab", id[19]) != NULL;
}

static gboolean
strv_has (char       **strv,
          const char  *s)
{
  return strv != NULL && g_strv_contains ((const char * const *)strv, s);
}

/* ---- the salon -------------------------------------------------------- */

static void
test_salon (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskSalon) salon = kiosk_replica_get_salon (fixture->replica, &error);
  g_autoptr(GPtrArray) hours = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GPtrArray) services = NULL;
  g_autoptr(GPtrArray) employees = NULL;
  g_autoptr(GHashTable) category_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) service_ids = g_hash_table_new (g_str_hash, g_str_equal);
  guint per_category[4] = { 0 };
  guint n_active = 0;

  g_assert_no_error (error);
  g_assert_nonnull (salon);
  g_assert_true (is_uuid_v4 (salon->id));
  g_assert_nonnull (strstr (salon->name, "Kuaför"));
  g_assert_nonnull (strstr (salon->address, "Caferağa"));
  g_assert_cmpstr (salon->city, ==, "İstanbul");
  g_assert_cmpstr (salon->district, ==, "Kadıköy");
  g_assert_cmpstr (salon->timezone, ==, "Europe/Istanbul");
  g_assert_true (kiosk_phone_is_e164 (salon->phone));
  g_assert_true (g_str_has_prefix (salon->phone, "+90216"));   /* Kadıköy's area code */
  g_assert_cmpint (salon->version, >, 0);

  hours = LIST (kiosk_replica_list_working_hours (fixture->replica, &_e));
  g_assert_cmpuint (hours->len, ==, 7);
  for (guint i = 0; i < hours->len; i++)
    {
      KioskWorkingHours *wh = g_ptr_array_index (hours, i);
      g_autofree char *expected_id = g_strdup_printf ("%s:%d", salon->id, wh->day_of_week);

      g_assert_cmpstr (wh->id, ==, expected_id);
      g_assert_cmpint (wh->version, >, 0);
      if (wh->day_of_week <= 4)
        {
          g_assert_false (wh->is_closed);
          g_assert_cmpint (wh->opening_time, ==, 9 * 3600);
          g_assert_cmpint (wh->closing_time, ==, 20 * 3600);
        }
      else if (wh->day_of_week == 5)
        {
          g_assert_false (wh->is_closed);
          g_assert_cmpint (wh->opening_time, ==, 9 * 3600);
          g_assert_cmpint (wh->closing_time, <, 20 * 3600);
          g_assert_cmpint (wh->closing_time, >, wh->opening_time);
        }
      else
        g_assert_true (wh->is_closed);
    }

  categories = LIST (kiosk_replica_list_categories (fixture->replica, &_e));
  g_assert_cmpuint (categories->len, ==, 4);
  for (guint i = 0; i < categories->len; i++)
    {
      KioskCategory *c = g_ptr_array_index (categories, i);

      g_assert_true (is_uuid_v4 (c->id));
      g_hash_table_insert (category_ids, c->id, GUINT_TO_POINTER (i));
    }

  services = LIST (kiosk_replica_list_services (fixture->replica, &_e));
  g_assert_cmpuint (services->len, >=, 18);
  g_assert_cmpuint (services->len, <=, 24);
  for (guint i = 0; i < services->len; i++)
    {
      KioskService *s = g_ptr_array_index (services, i);
      gpointer cat;

      g_assert_true (is_uuid_v4 (s->id));
      g_assert_true (g_hash_table_lookup_extended (category_ids, s->category, NULL, &cat));
      per_category[GPOINTER_TO_UINT (cat)]++;
      /* Realistic Istanbul prices: 100 to 5000 TRY, whole lira. */
      g_assert_cmpint (s->price, >=, 100 * 100);
      g_assert_cmpint (s->price, <=, 5000 * 100);
      g_assert_cmpint (s->price % 100, ==, 0);
      g_assert_cmpint (s->duration, >=, 15);
      g_assert_cmpint (s->duration % 15, ==, 0);
      g_assert_true (g_utf8_validate (s->name, -1, NULL));
      if (s->is_active)
        n_active++;
      g_hash_table_add (service_ids, s->id);
    }
  g_assert_cmpuint (n_active, >=, 18);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpuint (per_category[i], >=, 3);

  employees = LIST (kiosk_replica_list_employees (fixture->replica, &_e));
  g_assert_cmpuint (employees->len, ==, 6);
  for (guint i = 0; i < employees->len; i++)
    {
      KioskEmployee *e = g_ptr_array_index (employees, i);

      g_assert_true (is_uuid_v4 (e->id));
      g_assert_true (e->is_active);
      g_assert_nonnull (e->position);
      g_assert_nonnull (strchr (e->name, ' '));   /* first and last name */
      g_assert_nonnull (e->services);
      /* A sensible subset: some, not all. */
      g_assert_cmpuint (g_strv_length (e->services), >=, 3);
      g_assert_cmpuint (g_strv_length (e->services), <, services->len);
      for (guint k = 0; e->services[k] != NULL; k++)
        g_assert_true (g_hash_table_contains (service_ids, e->services[k]));
    }

  /* Every active service has someone who does it. */
  for (guint i = 0; i < services->len; i++)
    {
      KioskService *s = g_ptr_array_index (services, i);
      gboolean someone = FALSE;

      for (guint k = 0; k < employees->len && !someone; k++)
        someone = strv_has (((KioskEmployee *)g_ptr_array_index (employees, k))->services, s->id);
      g_assert_true (someone || !s->is_active);
    }
}

/* ---- customers ---------------------------------------------------------- */

static void
test_customers (Fixture       *fixture,
                gconstpointer  data)
{
  static const char * const letters[] = {
    "İ", "ı", "Ş", "ş", "ğ", "Ç", "ç", "Ö", "ö", "Ü", "ü", "I",
  };
  g_autoptr(GPtrArray) customers = LIST (kiosk_replica_list_customers (fixture->replica, &_e));
  g_autoptr(GHashTable) phones = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) all_names = g_string_new (NULL);
  guint per_level[4] = { 0 };
  guint with_history = 0;

  g_assert_cmpuint (customers->len, ==, 300);
  g_assert_cmpint (kiosk_replica_count (fixture->replica, "customer", NULL), ==, 300);

  for (guint i = 0; i < customers->len; i++)
    {
      KioskCustomer *c = g_ptr_array_index (customers, i);
      g_autoptr(GPtrArray) entries = NULL;
      gint64 sum = 0;

      g_assert_true (is_uuid_v4 (c->id));
      g_assert_true (g_utf8_validate (c->first_name, -1, NULL));
      g_assert_true (g_utf8_validate (c->last_name, -1, NULL));
      g_string_append_printf (all_names, "%s %s\n", c->first_name, c->last_name);

      g_assert_true (kiosk_phone_is_e164 (c->phone));
      g_assert_true (g_str_has_prefix (c->phone, "+905"));
      g_assert_cmpuint (strlen (c->phone), ==, 13);
      g_assert_false (g_hash_table_contains (phones, c->phone));
      g_hash_table_add (phones, c->phone);

      g_assert_cmpint (c->loyalty_level, ==, kiosk_loyalty_level_for_spent (c->total_spent));
      per_level[c->loyalty_level]++;
      g_assert_cmpint (c->total_spent, >=, 0);
      g_assert_cmpint (c->current_points, >=, 0);
      g_assert_cmpint (c->current_points, <=, c->total_points);
      /* Points follow the reference rule: one per 10 TRY spent. */
      g_assert_cmpint (c->total_points, ==, kiosk_loyalty_points_for_price (c->total_spent));
      g_assert_cmpint (c->total_visits > 0, ==, c->total_spent > 0);
      g_assert_cmpint (c->version, >, 0);
      g_assert_false (c->pending);
      g_assert_nonnull (c->updated_at);

      /* Where there is a history, it adds up to the balance. */
      entries = LIST (kiosk_replica_list_point_entries (fixture->replica, c->id, &_e));
      for (guint k = 0; k < entries->len; k++)
        {
          KioskPointEntry *entry = g_ptr_array_index (entries, k);

          g_assert_true (is_uuid_v4 (entry->id));
          g_assert_cmpint (entry->points, !=, 0);
          g_assert_nonnull (entry->reason);
          g_assert_nonnull (entry->created_at);
          sum += entry->points;
        }
      if (entries->len > 0)
        {
          with_history++;
          g_assert_cmpint (sum, ==, c->current_points);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (letters); i++)
    {
      g_test_message ("letter %s", letters[i]);
      g_assert_nonnull (strstr (all_names->str, letters[i]));
    }

  /* Levels spread over bronze … platinum. */
  for (guint i = 0; i < 4; i++)
    g_assert_cmpuint (per_level[i], >=, 10);

  g_assert_cmpuint (with_history, >=, 10);
  g_assert_cmpint (kiosk_replica_count (fixture->replica, "point_entry", NULL), >=, with_history);
}

/* ---- appointments ------------------------------------------------------ */

static int
compare_by_employee_date_time (gconstpointer a,
                               gconstpointer b)
{
  const KioskAppointment *x = *(KioskAppointment * const *)a;
  const KioskAppointment *y = *(KioskAppointment * const *)b;
  int c = g_strcmp0 (x->employee, y->employee);

  if (c == 0)
    c = g_strcmp0 (x->appointment_date, y->appointment_date);
  if (c == 0)
    c = x->appointment_time - y->appointment_time;
  return c;
}

static void
test_appointments (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) hours = LIST (kiosk_replica_list_working_hours (fixture->replica, &_e));
  g_autoptr(GPtrArray) services = LIST (kiosk_replica_list_services (fixture->replica, &_e));
  g_autoptr(GPtrArray) employees = LIST (kiosk_replica_list_employees (fixture->replica, &_e));
  g_autoptr(GPtrArray) customers = LIST (kiosk_replica_list_customers (fixture->replica, &_e));
  g_autoptr(GPtrArray) appts = LIST (kiosk_replica_list_appointments (fixture->replica, "1900-01-01", "2100-12-31", &_e));
  g_autoptr(GHashTable) service_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) employee_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) customer_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) appt_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) days = g_hash_table_new (g_str_hash, g_str_equal);
  KioskWorkingHours *by_day[7] = { NULL };
  guint past[5] = { 0 }, today[5] = { 0 }, future[5] = { 0 };
  guint today_done_early = 0;

  for (guint i = 0; i < hours->len; i++)
    {
      KioskWorkingHours *wh = g_ptr_array_index (hours, i);
      by_day[wh->day_of_week] = wh;
    }
  for (guint i = 0; i < services->len; i++)
    {
      KioskService *s = g_ptr_array_index (services, i);
      g_hash_table_insert (service_by_id, s->id, s);
    }
  for (guint i = 0; i < employees->len; i++)
    {
      KioskEmployee *e = g_ptr_array_index (employees, i);
      g_hash_table_insert (employee_by_id, e->id, e);
    }
  for (guint i = 0; i < customers->len; i++)
    g_hash_table_add (customer_ids, ((KioskCustomer *)g_ptr_array_index (customers, i))->id);

  /* 13 days open of 15, 6 staff: a busy salon has dozens a day. */
  g_assert_cmpuint (appts->len, >=, 13 * 30);
  g_assert_cmpuint (appts->len, <=, 15 * 6 * 16);

  for (guint i = 0; i < appts->len; i++)
    {
      KioskAppointment *a = g_ptr_array_index (appts, i);
      KioskService *service = g_hash_table_lookup (service_by_id, a->service);
      KioskEmployee *employee = a->employee ? g_hash_table_lookup (employee_by_id, a->employee) : NULL;
      int weekday = kiosk_date_day_of_week (a->appointment_date);
      int cmp = strcmp (a->appointment_date, TODAY);
      guint *bucket = cmp < 0 ? past : cmp == 0 ? today : future;

      g_assert_true (is_uuid_v4 (a->id));
      g_assert_false (g_hash_table_contains (appt_ids, a->id));
      g_hash_table_add (appt_ids, a->id);
      g_hash_table_add (days, a->appointment_date);

      g_assert_cmpstr (a->appointment_date, >=, FIRST_DAY);
      g_assert_cmpstr (a->appointment_date, <=, LAST_DAY);

      /* Nothing on Sunday; inside that weekday's hours. */
      g_assert_cmpint (weekday, >=, 0);
      g_assert_cmpint (weekday, !=, 6);
      g_assert_false (by_day[weekday]->is_closed);
      g_assert_cmpint (a->appointment_time, >=, by_day[weekday]->opening_time);
      g_assert_cmpint (a->end_time, <=, by_day[weekday]->closing_time);
      g_assert_cmpint (a->appointment_time % (15 * 60), ==, 0);

      g_assert_nonnull (service);
      g_assert_true (service->is_active);
      g_assert_cmpint (a->end_time, ==, a->appointment_time + service->duration * 60);
      g_assert_cmpint (a->price, ==, service->price);

      g_assert_nonnull (employee);
      g_assert_true (strv_has (employee->services, a->service));
      g_assert_true (g_hash_table_contains (customer_ids, a->customer));

      g_assert_nonnull (a->source);
      g_assert_nonnull (a->created_at);
      g_assert_nonnull (a->updated_at);
      /* Booked before it happens. */
      g_assert_cmpint (strncmp (a->created_at, a->appointment_date, 10), <=, 0);
      g_assert_cmpint (a->version, >, 0);
      g_assert_false (a->pending);

      bucket[a->status]++;
      if (cmp == 0 && a->status == KIOSK_APPOINTMENT_COMPLETED)
        {
          g_assert_cmpint (a->end_time, <=, DEMO_NOW);
          today_done_early++;
        }
      if (a->status == KIOSK_APPOINTMENT_COMPLETED)
        {
          g_assert_nonnull (a->checked_in_at);
          g_assert_cmpint (cmp, <=, 0);
        }
    }

  /* Every open day of the range has appointments. */
  g_assert_cmpuint (g_hash_table_size (days), ==, 13);

  /* Past: mostly completed, some cancelled and no-shows, nothing left open. */
  g_assert_cmpuint (past[KIOSK_APPOINTMENT_COMPLETED], >, past[KIOSK_APPOINTMENT_CANCELLED] + past[KIOSK_APPOINTMENT_NO_SHOW]);
  g_assert_cmpuint (past[KIOSK_APPOINTMENT_CANCELLED], >, 0);
  g_assert_cmpuint (past[KIOSK_APPOINTMENT_NO_SHOW], >, 0);
  g_assert_cmpuint (past[KIOSK_APPOINTMENT_PENDING] + past[KIOSK_APPOINTMENT_CONFIRMED], ==, 0);

  /* Today: some done earlier in the day, some still to come. */
  g_assert_cmpuint (today_done_early, >, 0);
  g_assert_cmpuint (today[KIOSK_APPOINTMENT_CONFIRMED], >, 0);
  g_assert_cmpuint (today[KIOSK_APPOINTMENT_PENDING], >, 0);

  /* Future: booked, not yet happened. */
  g_assert_cmpuint (future[KIOSK_APPOINTMENT_PENDING], >, 0);
  g_assert_cmpuint (future[KIOSK_APPOINTMENT_CONFIRMED], >, 0);
  g_assert_cmpuint (future[KIOSK_APPOINTMENT_COMPLETED] + future[KIOSK_APPOINTMENT_NO_SHOW], ==, 0);

  for (guint s = 0; s < 5; s++)
    {
      g_test_message ("status %s", kiosk_appointment_status_to_string (s));
      g_assert_cmpuint (past[s] + today[s] + future[s], >, 0);
    }

  /* Never two at once for one person, cancelled or not. */
  g_ptr_array_sort (appts, compare_by_employee_date_time);
  for (guint i = 1; i < appts->len; i++)
    {
      KioskAppointment *prev = g_ptr_array_index (appts, i - 1);
      KioskAppointment *a = g_ptr_array_index (appts, i);

      if (g_strcmp0 (prev->employee, a->employee) == 0 &&
          g_strcmp0 (prev->appointment_date, a->appointment_date) == 0)
        g_assert_cmpint (prev->end_time, <=, a->appointment_time);
    }
}

static void
test_walkins (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) walkins = LIST (kiosk_replica_list_walkins (fixture->replica, &_e));
  g_autoptr(GPtrArray) employees = LIST (kiosk_replica_list_employees (fixture->replica, &_e));
  g_autoptr(GPtrArray) customers = LIST (kiosk_replica_list_customers (fixture->replica, &_e));
  g_autoptr(GPtrArray) rows = LIST (kiosk_replica_list_appointment_rows (fixture->replica, TODAY, &_e));
  g_autoptr(GHashTable) employee_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) phones = g_hash_table_new (g_str_hash, g_str_equal);
  guint per_status[5] = { 0 };

  for (guint i = 0; i < employees->len; i++)
    {
      KioskEmployee *e = g_ptr_array_index (employees, i);
      g_hash_table_insert (employee_by_id, e->id, e);
    }
  for (guint i = 0; i < customers->len; i++)
    {
      KioskCustomer *c = g_ptr_array_index (customers, i);
      g_hash_table_insert (phones, c->phone, c->id);
    }

  g_assert_cmpuint (walkins->len, >=, 4);
  for (guint i = 0; i < walkins->len; i++)
    {
      KioskWalkin *w = g_ptr_array_index (walkins, i);
      const char *owner;

      g_assert_true (is_uuid_v4 (w->id));
      g_assert_true (g_str_has_prefix (w->arrived_at, TODAY "T"));
      g_assert_nonnull (w->name);
      g_assert_true (kiosk_phone_is_e164 (w->phone));
      /* A phone that belongs to a customer is that customer's. */
      owner = g_hash_table_lookup (phones, w->phone);
      g_assert_cmpstr (owner, ==, w->customer);
      per_status[w->status]++;

      if (w->status == KIOSK_WALKIN_CALLED || w->status == KIOSK_WALKIN_IN_SERVICE ||
          w->status == KIOSK_WALKIN_DONE)
        {
          KioskEmployee *e = g_hash_table_lookup (employee_by_id, w->employee);
          g_autofree char *called_time = NULL;
          int called;

          g_assert_nonnull (e);
          g_assert_true (strv_has (e->services, w->service));
          g_assert_nonnull (w->called_at);
          g_assert_cmpstr (w->called_at, >=, w->arrived_at);

          /* The person serving a walk-in right now has no appointment then. */
          called_time = g_strndup (w->called_at + 11, 8);   /* "…T12:15:00+03:00" */
          g_assert_true (kiosk_time_parse (called_time, &called));
          if (w->status != KIOSK_WALKIN_DONE)
            for (guint k = 0; k < rows->len; k++)
              {
                KioskAppointmentRow *row = g_ptr_array_index (rows, k);

                if (g_strcmp0 (row->appointment.employee, w->employee) == 0)
                  g_assert_false (row->appointment.appointment_time <= called && called < row->appointment.end_time);
              }
        }
      if (w->status == KIOSK_WALKIN_WAITING)
        {
          g_assert_null (w->employee);
          g_assert_null (w->called_at);
          g_assert_null (w->finished_at);
        }
      if (w->status == KIOSK_WALKIN_DONE)
        g_assert_cmpstr (w->finished_at, >, w->called_at);
    }

  g_assert_cmpuint (per_status[KIOSK_WALKIN_WAITING], >, 0);
  g_assert_cmpuint (per_status[KIOSK_WALKIN_CALLED], >, 0);
  g_assert_cmpuint (per_status[KIOSK_WALKIN_IN_SERVICE], >, 0);
  g_assert_cmpuint (per_status[KIOSK_WALKIN_DONE], >, 0);
}

/* ---- determinism ---------------------------------------------------------- */

static void
dump_str (GString    *out,
          const char *s)
{
  g_string_append (out, s ? s : "∅");
  g_string_append_c (out, '|');
}

/* Everything the replica holds, as one string. */
static char *
dump (KioskReplica *replica)
{
  GString *out = g_string_new (NULL);
  g_autoptr(KioskSalon) salon = kiosk_replica_get_salon (replica, NULL);
  g_autoptr(GPtrArray) hours = LIST (kiosk_replica_list_working_hours (replica, &_e));
  g_autoptr(GPtrArray) categories = LIST (kiosk_replica_list_categories (replica, &_e));
  g_autoptr(GPtrArray) services = LIST (kiosk_replica_list_services (replica, &_e));
  g_autoptr(GPtrArray) employees = LIST (kiosk_replica_list_employees (replica, &_e));
  g_autoptr(GPtrArray) customers = LIST (kiosk_replica_list_customers (replica, &_e));
  g_autoptr(GPtrArray) appts = LIST (kiosk_replica_list_appointments (replica, "1900-01-01", "2100-12-31", &_e));
  g_autoptr(GPtrArray) walkins = LIST (kiosk_replica_list_walkins (replica, &_e));

  g_assert_nonnull (salon);
  dump_str (out, salon->id); dump_str (out, salon->name); dump_str (out, salon->address);
  dump_str (out, salon->phone);
  g_string_append_printf (out, "%d|%d|%" G_GINT64_FORMAT "\n", salon->opening_time, salon->closing_time, salon->version);

  for (guint i = 0; i < hours->len; i++)
    {
      KioskWorkingHours *wh = g_ptr_array_index (hours, i);
      dump_str (out, wh->id);
      g_string_append_printf (out, "%d|%d|%d|%d\n", wh->day_of_week, wh->opening_time, wh->closing_time, wh->is_closed);
    }
  for (guint i = 0; i < categories->len; i++)
    {
      KioskCategory *c = g_ptr_array_index (categories, i);
      dump_str (out, c->id); dump_str (out, c->name); dump_str (out, c->icon);
      g_string_append_c (out, '\n');
    }
  for (guint i = 0; i < services->len; i++)
    {
      KioskService *s = g_ptr_array_index (services, i);
      dump_str (out, s->id); dump_str (out, s->category); dump_str (out, s->name);
      g_string_append_printf (out, "%" G_GINT64_FORMAT "|%d|%d\n", s->price, s->duration, s->is_active);
    }
  for (guint i = 0; i < employees->len; i++)
    {
      KioskEmployee *e = g_ptr_array_index (employees, i);
      g_autofree char *svc = g_strjoinv (",", e->services);
      dump_str (out, e->id); dump_str (out, e->name); dump_str (out, e->position); dump_str (out, svc);
      g_string_append_c (out, '\n');
    }
  for (guint i = 0; i < customers->len; i++)
    {
      KioskCustomer *c = g_ptr_array_index (customers, i);
      g_autoptr(GPtrArray) entries = LIST (kiosk_replica_list_point_entries (replica, c->id, &_e));

      dump_str (out, c->id); dump_str (out, c->first_name); dump_str (out, c->last_name);
      dump_str (out, c->phone); dump_str (out, c->updated_at);
      g_string_append_printf (out, "%d|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%"
                              G_GINT64_FORMAT "|%" G_GINT64_FORMAT "\n",
                              c->loyalty_level, c->total_points, c->current_points, c->total_spent,
                              c->total_visits, c->version);
      for (guint k = 0; k < entries->len; k++)
        {
          KioskPointEntry *p = g_ptr_array_index (entries, k);
          dump_str (out, p->id); dump_str (out, p->reason); dump_str (out, p->created_at);
          g_string_append_printf (out, "%" G_GINT64_FORMAT "\n", p->points);
        }
    }
  for (guint i = 0; i < appts->len; i++)
    {
      KioskAppointment *a = g_ptr_array_index (appts, i);
      dump_str (out, a->id); dump_str (out, a->customer); dump_str (out, a->service);
      dump_str (out, a->employee); dump_str (out, a->appointment_date); dump_str (out, a->notes);
      dump_str (out, a->source); dump_str (out, a->checked_in_at); dump_str (out, a->created_at);
      dump_str (out, a->updated_at);
      g_string_append_printf (out, "%d|%d|%d|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "\n",
                              a->appointment_time, a->end_time, a->status, a->price, a->version);
    }
  for (guint i = 0; i < walkins->len; i++)
    {
      KioskWalkin *w = g_ptr_array_index (walkins, i);
      dump_str (out, w->id); dump_str (out, w->customer); dump_str (out, w->name);
      dump_str (out, w->phone); dump_str (out, w->service); dump_str (out, w->preferred_employee);
      dump_str (out, w->employee); dump_str (out, w->arrived_at); dump_str (out, w->called_at);
      dump_str (out, w->finished_at);
      g_string_append_printf (out, "%d\n", w->status);
    }

  return g_string_free (out, FALSE);
}

static void
test_deterministic (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(KioskReplica) same = open_replica (fixture, "same.db");
  g_autoptr(KioskReplica) other = open_replica (fixture, "other.db");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autoptr(KioskSalon) salon_a = NULL;
  g_autoptr(KioskSalon) salon_c = NULL;

  populate (same, 2026, TODAY);
  populate (other, 7, TODAY);

  first = dump (fixture->replica);
  second = dump (same);
  third = dump (other);

  g_assert_cmpuint (strlen (first), >, 10000);
  g_assert_cmpstr (first, ==, second);
  g_assert_cmpstr (first, !=, third);

  /* A different seed gives different ids, not just a different order. */
  salon_a = kiosk_replica_get_salon (fixture->replica, NULL);
  salon_c = kiosk_replica_get_salon (other, NULL);
  g_assert_cmpstr (salon_a->id, !=, salon_c->id);
}

/* ---- edges ----------------------------------------------------------------- */

static void
test_sunday_today (Fixture       *fixture,
                   gconstpointer  data)
{
  KioskReplica *replica = fixture->replica;
  g_autoptr(GPtrArray) today = NULL;
  g_autoptr(GPtrArray) walkins = NULL;
  g_autoptr(GPtrArray) week = NULL;

  populate (replica, 2026, "2026-03-22");   /* a Sunday: the salon is closed */

  today = LIST (kiosk_replica_list_appointments (replica, "2026-03-22", "2026-03-22", &_e));
  walkins = LIST (kiosk_replica_list_walkins (replica, &_e));
  week = LIST (kiosk_replica_list_appointments (replica, "2026-03-16", "2026-03-21", &_e));
  g_assert_cmpuint (today->len, ==, 0);
  g_assert_cmpuint (walkins->len, ==, 0);
  g_assert_cmpuint (week->len, >, 0);
}

/* For journeys that need a working today: the same Sunday, open. */
static void
test_sunday_open (Fixture       *fixture,
                  gconstpointer  data)
{
  KioskReplica *replica = fixture->replica;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) today = NULL;
  g_autoptr(GPtrArray) walkins = NULL;
  g_autoptr(GPtrArray) hours = NULL;
  KioskDemoOptions options;

  kiosk_demo_options_init (&options, "2026-03-22");
  options.open_every_day = TRUE;
  g_assert_true (kiosk_demo_populate (replica, &options, &error));
  g_assert_no_error (error);

  hours = LIST (kiosk_replica_list_working_hours (replica, &_e));
  for (guint i = 0; i < hours->len; i++)
    {
      const KioskWorkingHours *wh = g_ptr_array_index (hours, i);

      g_assert_false (wh->is_closed);
      if (wh->day_of_week == 6)
        {
          g_assert_cmpint (wh->opening_time, ==, 10 * 3600);
          g_assert_cmpint (wh->closing_time, ==, 18 * 3600);
        }
    }
  today = LIST (kiosk_replica_list_appointments (replica, "2026-03-22", "2026-03-22", &_e));
  walkins = LIST (kiosk_replica_list_walkins (replica, &_e));
  g_assert_cmpuint (today->len, >, 0);
  g_assert_cmpuint (walkins->len, >, 0);
  for (guint i = 0; i < today->len; i++)
    {
      const KioskAppointment *a = g_ptr_array_index (today, i);

      g_assert_cmpint (a->appointment_time, >=, 10 * 3600);
      g_assert_cmpint (a->end_time, <=, 18 * 3600);
    }
}

static void
test_bad_options (void)
{
  static const struct {
    const char *today;
    guint       n_customers;
  } cases[] = {
    { NULL,         300 },
    { "",           300 },
    { "18.03.2026", 300 },
    { "2026-02-30", 300 },
    { TODAY,        0 },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kiosk-test-demo-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "replica.db", NULL);
  g_autoptr(KioskReplica) replica = kiosk_replica_open (path, &error);

  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) local_error = NULL;
      KioskDemoOptions options;

      kiosk_demo_options_init (&options, cases[i].today);
      options.n_customers = cases[i].n_customers;
      g_assert_false (kiosk_demo_populate (replica, &options, &local_error));
      g_assert_nonnull (local_error);
      g_assert_nonnull (local_error->message);
      /* Nothing half-written. */
      g_assert_cmpint (kiosk_replica_count (replica, "salon", NULL), ==, 0);
      g_assert_cmpint (kiosk_replica_count (replica, "customer", NULL), ==, 0);
    }

  /* The replica is still usable afterwards. */
  populate (replica, 2026, TODAY);
  g_assert_cmpint (kiosk_replica_count (replica, "customer", NULL), ==, 300);

  g_clear_object (&replica);
  remove_dir (dir);
}

static void
test_defaults (void)
{
  KioskDemoOptions options;

  kiosk_demo_options_init (&options, TODAY);
  g_assert_cmpuint (options.seed, ==, 2026);
  g_assert_cmpuint (options.n_customers, ==, 300);
  g_assert_cmpuint (options.days_before, ==, 7);
  g_assert_cmpuint (options.days_after, ==, 7);
  g_assert_cmpstr (options.today, ==, TODAY);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/demo/defaults", test_defaults);
  g_test_add ("/demo/salon", Fixture, NULL, fixture_set_up, test_salon, fixture_tear_down);
  g_test_add ("/demo/customers", Fixture, NULL, fixture_set_up, test_customers, fixture_tear_down);
  g_test_add ("/demo/appointments", Fixture, NULL, fixture_set_up, test_appointments, fixture_tear_down);
  g_test_add ("/demo/walkins", Fixture, NULL, fixture_set_up, test_walkins, fixture_tear_down);
  g_test_add ("/demo/deterministic", Fixture, NULL, fixture_set_up, test_deterministic, fixture_tear_down);
  g_test_add ("/demo/sunday-today", Fixture, EMPTY, fixture_set_up, test_sunday_today, fixture_tear_down);
  g_test_add ("/demo/sunday-open", Fixture, EMPTY, fixture_set_up, test_sunday_open, fixture_tear_down);
  g_test_add_func ("/demo/bad-options", test_bad_options);

  return g_test_run ();
}
