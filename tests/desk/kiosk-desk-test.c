/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "desk-test"

#include <glib/gstdio.h>

#include <string.h>

#include "kiosk-context-private.h"
#include "kiosk-outbox.h"
#include "kiosk-replica-desk.h"
#include "kiosk-time.h"
#include "kiosk-desk-test.h"

static void
put_or_die (gboolean ok,
            GError  *error)
{
  g_assert_no_error (error);
  g_assert_true (ok);
}

static void
populate (KioskReplica *replica)
{
  g_autoptr(GError) error = NULL;
  KioskSalon salon = {
    .id = (char *)SALON_ID, .name = (char *)"Kuaför Işıl", .city = (char *)"İstanbul",
    .district = (char *)"Kadıköy", .opening_time = 9 * 3600, .closing_time = 19 * 3600,
    .timezone = (char *)"Europe/Istanbul", .version = 1,
  };
  const char *haircut_only[] = { HAIRCUT, NULL };
  const char *ayse_services[] = { HAIRCUT, COLOUR, NULL };
  const char *zeynep_services[] = { HAIRCUT, MANICURE, NULL };
  const KioskService services[] = {
    { .id = (char *)HAIRCUT, .name = (char *)"Saç kesimi", .price = 30000, .duration = 30, .is_active = TRUE, .version = 1 },
    { .id = (char *)COLOUR, .name = (char *)"Boya", .price = 90000, .duration = 90, .is_active = TRUE, .version = 1 },
    { .id = (char *)MANICURE, .name = (char *)"Manikür", .price = 25000, .duration = 45, .is_active = TRUE, .version = 1 },
  };
  const KioskEmployee employees[] = {
    { .id = (char *)AYSE, .name = (char *)"Ayşe", .is_active = TRUE, .services = (GStrv)ayse_services, .version = 1 },
    { .id = (char *)MEHMET, .name = (char *)"Mehmet", .is_active = TRUE, .services = (GStrv)haircut_only, .version = 1 },
    { .id = (char *)ZEYNEP, .name = (char *)"Zeynep", .is_active = FALSE, .services = (GStrv)zeynep_services, .version = 1 },
  };
  KioskCustomer irem = {
    .id = (char *)IREM, .first_name = (char *)"İrem", .last_name = (char *)"Işık",
    .phone = (char *)IREM_PHONE, .current_points = 120, .total_points = 120, .version = 1,
  };

  put_or_die (kiosk_replica_begin (replica, &error), error);
  put_or_die (kiosk_replica_put_salon (replica, &salon, &error), error);
  for (int day = 0; day < 7; day++)
    {
      g_autofree char *id = g_strdup_printf ("%s:%d", SALON_ID, day);
      KioskWorkingHours hours = {
        .id = id, .day_of_week = day, .opening_time = 9 * 3600, .closing_time = 19 * 3600,
        .is_closed = day == 6, .version = 1,
      };
      put_or_die (kiosk_replica_put_working_hours (replica, &hours, &error), error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (services); i++)
    put_or_die (kiosk_replica_put_service (replica, &services[i], &error), error);
  for (guint i = 0; i < G_N_ELEMENTS (employees); i++)
    put_or_die (kiosk_replica_put_employee (replica, &employees[i], &error), error);
  put_or_die (kiosk_replica_put_customer (replica, &irem, &error), error);
  put_or_die (kiosk_replica_commit (replica, &error), error);
}

void
desk_fixture_setup (DeskFixture   *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("kiosk-desk-XXXXXX", &error);
  g_assert_no_error (error);
  f->context = kiosk_context_new (f->dir, FALSE, 0, &error);
  g_assert_no_error (error);
  f->replica = kiosk_context_get_replica (f->context);
  populate (f->replica);
  desk_fixture_set_time (f, 10, 0);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
desk_fixture_teardown (DeskFixture   *f,
                       gconstpointer  data)
{
  g_clear_object (&f->context);
  remove_tree (f->dir);
  g_free (f->dir);
}

void
desk_fixture_set_time (DeskFixture *f,
                       int          hour,
                       int          minute)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Istanbul");
  g_autoptr(GDateTime) now = g_date_time_new (tz, 2026, 9, 14, hour, minute, 0);

  kiosk_context_set_now (f->context, now);
}

void
desk_put_appointment (DeskFixture            *f,
                      const char             *id,
                      const char             *customer,
                      const char             *service,
                      const char             *employee,
                      const char             *date,
                      const char             *time,
                      const char             *end,
                      KioskAppointmentStatus  status)
{
  g_autoptr(GError) error = NULL;
  KioskAppointment appt = {
    .id = (char *)id, .customer = (char *)customer, .service = (char *)service,
    .employee = (char *)employee, .appointment_date = (char *)date, .status = status,
    .price = 30000, .source = (char *)"app", .version = 1,
  };

  g_assert_true (kiosk_time_parse (time, &appt.appointment_time));
  g_assert_true (kiosk_time_parse (end, &appt.end_time));
  put_or_die (kiosk_replica_put_appointment (f->replica, &appt, &error), error);
}

void
desk_put_walkin (DeskFixture       *f,
                 const char        *id,
                 const char        *name,
                 const char        *service,
                 const char        *preferred,
                 const char        *employee,
                 KioskWalkinStatus  status,
                 const char        *arrived_at)
{
  g_autoptr(GError) error = NULL;
  KioskWalkin walkin = {
    .id = (char *)id, .name = (char *)name, .phone = (char *)"+905559990000",
    .service = (char *)service, .preferred_employee = (char *)preferred,
    .employee = (char *)employee, .status = status, .arrived_at = (char *)arrived_at,
    .called_at = status == KIOSK_WALKIN_WAITING ? NULL : (char *)arrived_at, .version = 1,
  };

  put_or_die (kiosk_replica_put_walkin (f->replica, &walkin, &error), error);
}

GPtrArray *
desk_outbox (DeskFixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = kiosk_replica_outbox_list (f->replica, &error);

  g_assert_no_error (error);
  return entries;
}

gint64
desk_count (DeskFixture *f,
            const char  *table)
{
  g_autoptr(GError) error = NULL;
  gint64 n = kiosk_replica_count (f->replica, table, &error);

  g_assert_no_error (error);
  return n;
}

JsonNode *
desk_payload (const KioskOutboxEntry *entry)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, entry->payload, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_parser_steal_root (parser);
}

const char *
desk_member (JsonNode   *root,
             const char *name)
{
  JsonObject *o = json_node_get_object (root);
  JsonNode *member = json_object_get_member (o, name);

  if (member == NULL || JSON_NODE_HOLDS_NULL (member))
    return NULL;
  return json_node_get_string (member);
}

void
desk_refuse (DeskFixture *f,
             gint64       entry_id,
             guint        status,
             const char  *body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskOutboxEntry) entry = kiosk_replica_outbox_get (f->replica, entry_id, &error);
  g_autoptr(GBytes) bytes = body != NULL ? g_bytes_new_static (body, strlen (body)) : NULL;

  g_assert_no_error (error);
  g_assert_true (kiosk_outbox_refuse (f->replica, entry, status, bytes, NULL, &error));
  g_assert_no_error (error);
}

/* The desk's failed writes warn; warnings are fatal in tests and
 * g_test_expect_message() does not see structured logging in GLib 2.74. */
static gboolean catching;
static guint caught;

static GLogWriterOutput
writer (GLogLevelFlags   log_level,
        const GLogField *fields,
        gsize            n_fields,
        gpointer         user_data)
{
  const char *domain = NULL;

  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
      domain = fields[i].value;
  if (catching && (log_level & G_LOG_LEVEL_WARNING) &&
      (g_strcmp0 (domain, "kiosk-desk") == 0 || g_strcmp0 (domain, "kiosk-replica") == 0))
    {
      caught++;
      return G_LOG_WRITER_HANDLED;
    }
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

void
desk_test_init (int    *argc,
                char ***argv)
{
  g_test_init (argc, argv, NULL);
  g_log_set_writer_func (writer, NULL, NULL);
}

void
desk_catch_warnings (gboolean on)
{
  catching = on;
  if (on)
    caught = 0;
}

guint
desk_caught_warnings (void)
{
  return caught;
}
