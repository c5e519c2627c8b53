/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Desk changes from the command line, for the tests that run the kiosk
 * program against the Django app (server/tests/kiosk/). The program has no
 * headless command that makes a desk change (docs/command-line.md lists the
 * four it has), so this calls the same desk API the kiosk's pages call
 * (kiosk-desk.h, kiosk-desk-front.h) on a data folder: each change is the
 * replica row and its outbox entry in one transaction, exactly as a person
 * at the desk would leave it. Nothing here talks to a server.
 *
 * Usage: kiosk-desk-tool --data-dir DIR COMMAND ARGS…
 *
 *   today                                    {"today", "now"} (the context's clock)
 *   register FIRST LAST PHONE                {"id"}    a new member (consent now)
 *   book CUSTOMER SERVICE EMPLOYEE|any DATE HH:MM NOTES   {"id"}
 *   slots SERVICE DATE EMPLOYEE|any          [{"date","time","employee"}…]
 *   check-in APPOINTMENT                     {}
 *   appointment-status APPOINTMENT STATUS    {}
 *   join NAME PHONE SERVICE PREFERRED|any    {"id"}    a walk-in (consent now)
 *   walkin-status WALKIN STATUS EMPLOYEE|-   {}
 *   redeem CUSTOMER POINTS REASON            {"id"}
 *   outbox                                   [{"id","key","kind","entity","state",…,"refusal_code","payload"}…]
 *   refused                                  [{"entry","kind","state","code","reason"}…]
 *   dismiss ENTRY NOTE                       {}    staff close a refused change
 *
 * One JSON value on stdout. Exit 0 when done, 3 when the desk refused (a
 * KIOSK_DESK_ERROR: {"error": code, "message"} on stdout), 2 for wrong use,
 * 1 for anything else.
 */
#define G_LOG_DOMAIN "kiosk-desk-tool"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "kiosk-context-private.h"
#include "kiosk-desk.h"
#include "kiosk-desk-bookings.h"
#include "kiosk-desk-loyalty.h"
#include "kiosk-desk-queue.h"
#include "kiosk-desk-refused.h"

static void
print_node (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = json_to_string (root, FALSE);

  g_print ("%s\n", text);
}

static void
print_id (const char *id)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  if (id != NULL)
    {
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, id);
    }
  json_builder_end_object (b);
  print_node (b);
}

static int
fail (GError *error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  if (error == NULL)
    {
      g_printerr ("kiosk-desk-tool: failed without a reason\n");
      return 1;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "error");
  json_builder_add_int_value (b, error->code);
  json_builder_set_member_name (b, "domain");
  json_builder_add_string_value (b, g_quark_to_string (error->domain));
  json_builder_set_member_name (b, "message");
  json_builder_add_string_value (b, error->message);
  json_builder_end_object (b);
  print_node (b);
  return error->domain == KIOSK_DESK_ERROR ? 3 : 1;
}

static const char *
any (const char *arg)
{
  return g_strcmp0 (arg, "any") == 0 || g_strcmp0 (arg, "-") == 0 ? NULL : arg;
}

/* "HH:MM" → seconds since midnight, -1 if it is not that. */
static int
parse_time (const char *text)
{
  int h = -1, m = -1;

  if (sscanf (text, "%d:%d", &h, &m) != 2 || h < 0 || h > 23 || m < 0 || m > 59)
    return -1;
  return h * 3600 + m * 60;
}

static int
cmd_today (KioskContext *context)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GDateTime) now = kiosk_context_dup_now (context);
  g_autofree char *today = kiosk_context_dup_today (context);
  g_autofree char *iso = g_date_time_format_iso8601 (now);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "today");
  json_builder_add_string_value (b, today);
  json_builder_set_member_name (b, "now");
  json_builder_add_string_value (b, iso);
  json_builder_end_object (b);
  print_node (b);
  return 0;
}

static int
cmd_slots (KioskContext *context,
           char        **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GPtrArray) slots = NULL;
  KioskSlotsReason reason;

  slots = kiosk_desk_find_slots (context, args[0], args[1], any (args[2]), &reason, &error);
  if (slots == NULL)
    return fail (error);
  json_builder_begin_array (b);
  for (guint i = 0; i < slots->len; i++)
    {
      KioskSlot *slot = g_ptr_array_index (slots, i);
      g_autofree char *time = g_strdup_printf ("%02d:%02d", slot->start / 3600, slot->start / 60 % 60);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "date");
      json_builder_add_string_value (b, slot->date);
      json_builder_set_member_name (b, "time");
      json_builder_add_string_value (b, time);
      json_builder_set_member_name (b, "employee");
      json_builder_add_string_value (b, slot->employee);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  print_node (b);
  return 0;
}

static int
cmd_outbox (KioskContext *context)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GPtrArray) entries = kiosk_replica_outbox_list (kiosk_context_get_replica (context), &error);

  if (entries == NULL)
    return fail (error);
  json_builder_begin_array (b);
  for (guint i = 0; i < entries->len; i++)
    {
      KioskOutboxEntry *e = g_ptr_array_index (entries, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, e->id);
      json_builder_set_member_name (b, "key");
      json_builder_add_string_value (b, e->idempotency_key);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, e->kind);
      json_builder_set_member_name (b, "entity");
      json_builder_add_string_value (b, e->entity_id);
      json_builder_set_member_name (b, "state");
      json_builder_add_string_value (b, kiosk_outbox_state_to_string (e->state));
      json_builder_set_member_name (b, "attempts");
      json_builder_add_int_value (b, e->attempts);
      json_builder_set_member_name (b, "last_status");
      json_builder_add_int_value (b, e->last_status);
      json_builder_set_member_name (b, "last_reason");
      if (e->last_reason != NULL)
        json_builder_add_string_value (b, e->last_reason);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "refusal_code");
      if (e->refusal_code != NULL)
        json_builder_add_string_value (b, e->refusal_code);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "payload");
      json_builder_add_string_value (b, e->payload);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  print_node (b);
  return 0;
}

static int
cmd_refused (KioskContext *context)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GPtrArray) changes = kiosk_desk_list_refused (context, &error);

  if (changes == NULL)
    return fail (error);
  json_builder_begin_array (b);
  for (guint i = 0; i < changes->len; i++)
    {
      KioskRefusedChange *c = g_ptr_array_index (changes, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "entry");
      json_builder_add_int_value (b, c->entry_id);
      json_builder_set_member_name (b, "kind");
      if (kiosk_outbox_kind_to_string (c->kind) != NULL)
        json_builder_add_string_value (b, kiosk_outbox_kind_to_string (c->kind));
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "state");
      json_builder_add_string_value (b, kiosk_outbox_state_to_string (c->state));
      json_builder_set_member_name (b, "code");
      if (c->code != NULL)
        json_builder_add_string_value (b, c->code);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "reason");
      json_builder_add_string_value (b, c->reason != NULL ? c->reason : "");
      json_builder_set_member_name (b, "what");
      json_builder_add_string_value (b, c->what != NULL ? c->what : "");
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  print_node (b);
  return 0;
}

static int
usage (void)
{
  g_printerr ("usage: kiosk-desk-tool --data-dir DIR COMMAND ARGS… (see the source's head)\n");
  return 2;
}

static int
run (KioskContext *context,
     const char   *command,
     char        **args,
     int           n_args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = kiosk_context_dup_now (context);
  g_autofree char *id = NULL;

#define NEED(n) G_STMT_START { if (n_args != (n)) return usage (); } G_STMT_END

  if (g_str_equal (command, "today"))
    {
      NEED (0);
      return cmd_today (context);
    }
  if (g_str_equal (command, "outbox"))
    {
      NEED (0);
      return cmd_outbox (context);
    }
  if (g_str_equal (command, "refused"))
    {
      NEED (0);
      return cmd_refused (context);
    }
  if (g_str_equal (command, "dismiss"))
    {
      NEED (2);
      if (!kiosk_desk_refused_dismiss (context, g_ascii_strtoll (args[0], NULL, 10), args[1], &error))
        return fail (error);
      print_id (NULL);
      return 0;
    }
  if (g_str_equal (command, "slots"))
    {
      NEED (3);
      return cmd_slots (context, args);
    }
  if (g_str_equal (command, "register"))
    {
      NEED (3);
      id = kiosk_desk_register_customer (context, args[0], args[1], args[2], now, &error);
      if (id == NULL)
        return fail (error);
      print_id (id);
      return 0;
    }
  if (g_str_equal (command, "book"))
    {
      int time;

      NEED (6);
      time = parse_time (args[4]);
      if (time < 0)
        return usage ();
      id = kiosk_desk_book (context, args[0], args[1], any (args[2]), args[3], time, args[5], &error);
      if (id == NULL)
        return fail (error);
      print_id (id);
      return 0;
    }
  if (g_str_equal (command, "check-in"))
    {
      NEED (1);
      if (!kiosk_desk_check_in (context, args[0], NULL, NULL, &error))
        return fail (error);
      print_id (NULL);
      return 0;
    }
  if (g_str_equal (command, "appointment-status"))
    {
      KioskAppointmentStatus status;

      NEED (2);
      if (!kiosk_appointment_status_from_string (args[1], &status))
        return usage ();
      if (!kiosk_desk_set_appointment_status (context, args[0], status, &error))
        return fail (error);
      print_id (NULL);
      return 0;
    }
  if (g_str_equal (command, "join"))
    {
      NEED (4);
      id = kiosk_desk_join_queue (context, args[0], args[1], args[2], any (args[3]), now, &error);
      if (id == NULL)
        return fail (error);
      print_id (id);
      return 0;
    }
  if (g_str_equal (command, "walkin-status"))
    {
      KioskWalkinStatus status;

      NEED (3);
      if (!kiosk_walkin_status_from_string (args[1], &status))
        return usage ();
      if (!kiosk_desk_set_walkin_status (context, args[0], status, any (args[2]), &error))
        return fail (error);
      print_id (NULL);
      return 0;
    }
  if (g_str_equal (command, "redeem"))
    {
      gint64 points;

      NEED (3);
      points = g_ascii_strtoll (args[1], NULL, 10);
      id = kiosk_desk_redeem (context, args[0], points, args[2], &error);
      if (id == NULL)
        return fail (error);
      print_id (id);
      return 0;
    }
#undef NEED
  return usage ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskContext) context = NULL;
  const char *data_dir = NULL;
  int first = 1;

  if (argc >= 3 && g_str_equal (argv[1], "--data-dir"))
    {
      data_dir = argv[2];
      first = 3;
    }
  else if (argc >= 2 && g_str_has_prefix (argv[1], "--data-dir="))
    {
      data_dir = argv[1] + strlen ("--data-dir=");
      first = 2;
    }
  if (data_dir == NULL || first >= argc)
    return usage ();

  context = kiosk_context_new (data_dir, FALSE, 0, &error);
  if (context == NULL)
    return fail (error);
  return run (context, argv[first], argv + first + 1, argc - first - 1);
}
