/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-cli"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "kiosk-context-private.h"
#include "kiosk-cli.h"
#include "kiosk-context.h"
#include "kiosk-pairing.h"
#include "kiosk-replica-sync.h"
#include "kiosk-replica-records-private.h"
#include "kiosk-json.h"
#include "kiosk-json-status.h"
#include "kiosk-record-fields.h"
#include "kiosk-transport.h"

typedef struct {
  const char *data_dir;
  const char *server;
  const char *salon;
  const char *pairing_code;
  const char *name;
  const char *ca_file;
  gboolean    json;
} CliOptions;

/* Machine output (JSON) is UTF-8 whatever the locale: g_print() would
 * convert it to the locale's charset and spoil Turkish text under LANG=C. */
static void
write_stdout_line (const char *line)
{
  fputs (line, stdout);
  fputc ('\n', stdout);
}

static void
say_error (const char *format,
           ...) G_GNUC_PRINTF (1, 2);

static void
say_error (const char *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("salonity-kiosk: %s\n", message);
}

static KioskContext *
open_context (const CliOptions *opts)
{
  g_autoptr(GError) error = NULL;
  KioskContext *context = kiosk_context_new (opts->data_dir, FALSE, 0, &error);

  if (context == NULL)
    {
      say_error (_("Cannot open the local database: %s"), error->message);
      return NULL;
    }
  if (kiosk_context_get_notice (context) != NULL)
    say_error ("%s", kiosk_context_get_notice (context));
  return context;
}

/* The CA file: --ca-file, else the ca-file setting, else NULL (system). */
static char *
dup_ca_file (const CliOptions *opts,
             KioskContext     *context)
{
  GSettings *settings;
  g_autofree char *value = NULL;

  if (opts->ca_file != NULL && *opts->ca_file != '\0')
    return g_strdup (opts->ca_file);
  settings = context != NULL ? kiosk_context_get_settings (context) : NULL;
  if (settings == NULL)
    return NULL;
  value = g_settings_get_string (settings, "ca-file");
  return *value != '\0' ? g_steal_pointer (&value) : NULL;
}

static void
wipe_string (char **str)
{
  if (*str != NULL)
    {
      memset (*str, 0, strlen (*str));
      g_clear_pointer (str, g_free);
    }
}

/* --enroll */

static int
exit_for_transport_error (const GError *error,
                          guint         retry_after)
{
  if (error->domain != KIOSK_TRANSPORT_ERROR)
    {
      say_error (_("Enrollment failed: %s"), error->message);
      return KIOSK_CLI_UNREACHABLE;
    }

  switch ((KioskTransportError)error->code)
    {
    case KIOSK_TRANSPORT_ERROR_PAIRING_CODE:
      /* The transport's message already says what to do. */
      say_error (_("Enrollment refused: %s"), error->message);
      return KIOSK_CLI_PAIRING_CODE;
    case KIOSK_TRANSPORT_ERROR_REFUSED:
      say_error (_("The server refused the enrollment: %s"), error->message);
      return KIOSK_CLI_PAIRING_CODE;
    case KIOSK_TRANSPORT_ERROR_THROTTLED:
      if (retry_after > 0)
        say_error (g_dngettext (GETTEXT_PACKAGE,
                                "Too many enrollment attempts: wait %u second and try again.",
                                "Too many enrollment attempts: wait %u seconds and try again.",
                                retry_after),
                   retry_after);
      else
        say_error (_("Too many enrollment attempts: wait a minute and try again."));
      return KIOSK_CLI_THROTTLED;
    case KIOSK_TRANSPORT_ERROR_BAD_URL:
    case KIOSK_TRANSPORT_ERROR_INSECURE:
    case KIOSK_TRANSPORT_ERROR_CA_FILE:
    case KIOSK_TRANSPORT_ERROR_UNTRUSTED:
      say_error (_("Refusing to talk to this server: %s"), error->message);
      return KIOSK_CLI_REFUSED_URL;
    case KIOSK_TRANSPORT_ERROR_UNREACHABLE:
      say_error (_("The server cannot be reached: %s"), error->message);
      return KIOSK_CLI_UNREACHABLE;
    case KIOSK_TRANSPORT_ERROR_UNAUTHORIZED:
    case KIOSK_TRANSPORT_ERROR_PROTOCOL:
    default:
      say_error (_("The server did not answer as expected: %s"), error->message);
      return KIOSK_CLI_UNREACHABLE;
    }
}

static int
run_enroll (const CliOptions *opts)
{
  g_autoptr(KioskContext) context = NULL;
  g_autoptr(KioskEnrollment) enrollment = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) missing = g_string_new (NULL);
  g_autofree char *server = NULL;
  g_autofree char *ca_file = NULL;
  g_autofree char *old_salon = NULL;
  g_autofree char *old_server = NULL;
  g_autofree char *old_device = NULL;
  KioskReplica *replica;
  guint retry_after = 0;

  if (opts->server == NULL || *opts->server == '\0')
    g_string_append (missing, " --server=URL");
  if (opts->salon == NULL || *opts->salon == '\0')
    g_string_append (missing, " --salon=ID");
  if (opts->pairing_code == NULL || *opts->pairing_code == '\0')
    g_string_append (missing, " --pairing-code=CODE");
  if (opts->name == NULL || *opts->name == '\0')
    g_string_append (missing, " --name=NAME");
  if (missing->len > 0)
    {
      say_error (_("--enroll also needs:%s"), missing->str);
      return KIOSK_CLI_USAGE;
    }
  if (!g_utf8_validate (opts->name, -1, NULL))
    {
      say_error (_("The device name is not valid UTF-8 text."));
      return KIOSK_CLI_USAGE;
    }

  server = kiosk_pairing_normalize_server_url (opts->server);
  if (!kiosk_transport_check_url (server, &error))
    {
      say_error (_("Refusing to talk to this server: %s"), error->message);
      return KIOSK_CLI_REFUSED_URL;
    }

  context = open_context (opts);
  if (context == NULL)
    return KIOSK_CLI_FAILED;
  replica = kiosk_context_get_replica (context);

  /* One data folder holds one salon: mixing two would upload one salon's
   * customers to the other. */
  old_salon = kiosk_replica_get_meta (replica, KIOSK_META_SALON);
  if (old_salon != NULL && *old_salon != '\0' && g_strcmp0 (old_salon, opts->salon) != 0)
    {
      say_error (_("The data folder %s already belongs to salon %s. Use another --data-dir for salon %s."),
                 kiosk_context_get_data_dir (context), old_salon, opts->salon);
      return KIOSK_CLI_OTHER_SALON;
    }

  ca_file = dup_ca_file (opts, context);
  old_server = kiosk_replica_get_meta (replica, KIOSK_META_SERVER_URL);
  old_device = kiosk_replica_get_meta (replica, KIOSK_META_DEVICE);
  enrollment = kiosk_pairing_enroll (kiosk_context_get_credentials (context), server, opts->salon,
                                     opts->pairing_code, opts->name, ca_file, old_server, old_device,
                                     &retry_after, NULL, &error);
  if (enrollment == NULL)
    {
      if (error->domain == KIOSK_CREDENTIALS_ERROR)
        {
          say_error ("%s", error->message);
          return error->code == KIOSK_CREDENTIALS_ERROR_UNAVAILABLE ? KIOSK_CLI_NO_SECRET_STORE : KIOSK_CLI_FAILED;
        }
      return exit_for_transport_error (error, retry_after);
    }

  if (enrollment->name == NULL || *enrollment->name == '\0')
    {
      g_free (enrollment->name);
      enrollment->name = g_strdup (opts->name);
    }
  if (!kiosk_pairing_record (replica, server, enrollment, &error))
    {
      say_error (_("The server enrolled this kiosk, but the local database could not record it: %s"),
                 error->message);
      return KIOSK_CLI_FAILED;
    }

  g_print (_("Enrolled “%s” as device %s of salon %s at %s.\n"),
           enrollment->name, enrollment->device, enrollment->salon, server);
  return KIOSK_CLI_OK;
}

/* --sync-once */

static gboolean
is_enrolled (KioskReplica *replica)
{
  g_autofree char *server = kiosk_replica_get_meta (replica, KIOSK_META_SERVER_URL);
  g_autofree char *device = kiosk_replica_get_meta (replica, KIOSK_META_DEVICE);

  return server != NULL && *server != '\0' && device != NULL && *device != '\0';
}

static gint64
count_waiting (KioskReplica *replica)
{
  gint64 counts[5] = { 0, };

  if (!kiosk_replica_outbox_counts (replica, counts, NULL))
    return 0;
  return counts[KIOSK_OUTBOX_PENDING] + counts[KIOSK_OUTBOX_IN_FLIGHT] + counts[KIOSK_OUTBOX_HELD];
}

static int
run_sync_once (const CliOptions *opts)
{
  g_autoptr(KioskContext) context = NULL;
  g_autoptr(KioskSyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ca_file = NULL;
  g_autofree char *server = NULL;
  KioskReplica *replica;
  KioskSyncOnceResult result;
  gint64 waiting;

  context = open_context (opts);
  if (context == NULL)
    return KIOSK_SYNC_ONCE_FAILED;
  replica = kiosk_context_get_replica (context);

  if (!is_enrolled (replica))
    {
      waiting = count_waiting (replica);
      g_print (g_dngettext (GETTEXT_PACKAGE,
                            "Not enrolled: nothing was synced; %lld change is kept. Pair this kiosk with --enroll.\n",
                            "Not enrolled: nothing was synced; %lld changes are kept. Pair this kiosk with --enroll.\n",
                            (gulong)waiting),
               (long long)waiting);
      return KIOSK_SYNC_ONCE_UNENROLLED;
    }

  server = kiosk_replica_get_meta (replica, KIOSK_META_SERVER_URL);
  ca_file = dup_ca_file (opts, context);
  engine = kiosk_sync_engine_new (kiosk_replica_get_path (replica),
                                  kiosk_context_get_credentials (context), ca_file);
  result = kiosk_sync_engine_run_once (engine, NULL, &error);

  if (result == KIOSK_SYNC_ONCE_UP_TO_DATE || result == KIOSK_SYNC_ONCE_REFUSED)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *stamp = g_date_time_format_iso8601 (now);
      g_autoptr(GError) meta_error = NULL;

      if (!kiosk_replica_set_meta (replica, KIOSK_META_LAST_PULL, stamp, &meta_error))
        g_warning ("Cannot record the time of the pull: %s", meta_error->message);
    }

  waiting = count_waiting (replica);

  switch (result)
    {
    case KIOSK_SYNC_ONCE_UP_TO_DATE:
      g_print (g_dngettext (GETTEXT_PACKAGE,
                            "Up to date with %s; %lld change waits to upload.\n",
                            "Up to date with %s; %lld changes wait to upload.\n",
                            (gulong)waiting),
               server, (long long)waiting);
      break;
    case KIOSK_SYNC_ONCE_REFUSED:
      g_print (g_dngettext (GETTEXT_PACKAGE,
                            "Up to date with %s, but %u change was refused by the server and waits for staff.\n",
                            "Up to date with %s, but %u changes were refused by the server and wait for staff.\n",
                            kiosk_sync_engine_get_refused_count (engine)),
               server, kiosk_sync_engine_get_refused_count (engine));
      break;
    case KIOSK_SYNC_ONCE_UNREACHABLE:
      g_print (g_dngettext (GETTEXT_PACKAGE,
                            "Not synced with %s: %s; %lld change is kept for later.\n",
                            "Not synced with %s: %s; %lld changes are kept for later.\n",
                            (gulong)waiting),
               server, error != NULL ? error->message : _("the server cannot be reached"), (long long)waiting);
      break;
    case KIOSK_SYNC_ONCE_UNENROLLED:
      g_print (g_dngettext (GETTEXT_PACKAGE,
                            "Not enrolled (no token, or the server revoked this device); %lld change is kept. Pair again with --enroll.\n",
                            "Not enrolled (no token, or the server revoked this device); %lld changes are kept. Pair again with --enroll.\n",
                            (gulong)waiting),
               (long long)waiting);
      break;
    case KIOSK_SYNC_ONCE_FAILED:
    default:
      g_print (_("Sync failed: %s\n"), error != NULL ? error->message : _("unknown error"));
      result = KIOSK_SYNC_ONCE_FAILED;
      break;
    }

  return (int)result;
}

/* --status */

static const char *
token_state (KioskContext *context,
             const char   *server,
             const char   *device)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  const char *state;

  if (server == NULL || device == NULL)
    return "none";
  token = kiosk_credentials_lookup_token_sync (kiosk_context_get_credentials (context),
                                               server, device, NULL, &error);
  if (token != NULL)
    state = "stored";
  else if (g_error_matches (error, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_UNAVAILABLE))
    state = "unavailable";
  else if (g_error_matches (error, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_NOT_FOUND))
    state = "missing";
  else
    state = "error";
  wipe_string (&token);
  return state;
}

static int
run_status (const CliOptions *opts)
{
  g_autoptr(KioskContext) context = NULL;
  g_autoptr(KioskSalon) salon = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) last_pull_time = NULL;
  g_autofree char *server = NULL;
  g_autofree char *salon_id = NULL;
  g_autofree char *device = NULL;
  g_autofree char *device_name = NULL;
  g_autofree char *last_pull = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *revoked_at = NULL;
  g_autofree char *revoked_reason = NULL;
  gint64 counts[5] = { 0, };
  gint64 quarantined;
  gint64 age = -1;
  gboolean enrolled;
  gboolean revoked;
  const char *token;
  KioskReplica *replica;

  context = open_context (opts);
  if (context == NULL)
    return KIOSK_CLI_FAILED;
  replica = kiosk_context_get_replica (context);

  server = kiosk_replica_get_meta (replica, KIOSK_META_SERVER_URL);
  salon_id = kiosk_replica_get_meta (replica, KIOSK_META_SALON);
  device = kiosk_replica_get_meta (replica, KIOSK_META_DEVICE);
  device_name = kiosk_replica_get_meta (replica, KIOSK_META_DEVICE_NAME);
  last_pull = kiosk_replica_get_meta (replica, KIOSK_META_LAST_PULL);
  cursor = kiosk_replica_get_meta (replica, KIOSK_META_CURSOR);
  /* A device the server refused (401) is no longer enrolled, though its
   * enrollment is kept until the kiosk pairs again (kiosk-replica-sync.h). */
  revoked = kiosk_replica_get_revoked (replica, device, &revoked_at, &revoked_reason);
  enrolled = is_enrolled (replica) && !revoked;
  token = revoked ? "revoked" : token_state (context, server, device);
  salon = kiosk_replica_get_salon (replica, NULL);

  if (!kiosk_replica_outbox_counts (replica, counts, &error))
    {
      say_error (_("Cannot read the outbox: %s"), error->message);
      return KIOSK_CLI_FAILED;
    }
  quarantined = kiosk_replica_quarantine_count (replica);

  if (last_pull != NULL)
    last_pull_time = g_date_time_new_from_iso8601 (last_pull, NULL);
  if (last_pull_time != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      age = MAX (0, g_date_time_difference (now, last_pull_time) / G_TIME_SPAN_SECOND);
    }

  if (opts->json)
    {
      /* The JSON is the sync room's to write. */
      KioskStatusReport report = {
        .enrolled = enrolled,
        .server = server,
        .salon = salon_id,
        .salon_name = salon != NULL ? salon->name : NULL,
        .device = device,
        .device_name = device_name,
        .token = token,
        .revoked_at = revoked_at,
        .revoked_reason = revoked_reason,
        .has_cursor = cursor != NULL && *cursor != '\0',
        .last_pull = last_pull_time != NULL ? last_pull : NULL,
        .cursor_age_seconds = age,
        .quarantined = quarantined,
      };
      g_autofree char *text = NULL;

      G_STATIC_ASSERT (sizeof counts == sizeof report.outbox);
      memcpy (report.outbox, counts, sizeof counts);
      text = kiosk_json_status_report (&report);
      write_stdout_line (text);
      return KIOSK_CLI_OK;
    }

  if (enrolled || revoked)
    {
      if (revoked)
        /* Translators: the first %s is a time (ISO 8601, UTC), the second
         * why, in English ("the server refused the device token (HTTP 401:
         * …)"). */
        g_print (_("Enrolled: no — revoked at %s: %s; pair again with --enroll\n"),
                 revoked_at, revoked_reason != NULL ? revoked_reason : _("no reason given"));
      else
        g_print (_("Enrolled: yes\n"));
      g_print (_("Server: %s\n"), server);
      if (salon != NULL && salon->name != NULL)
        g_print (_("Salon: %s (%s)\n"), salon->name, salon_id != NULL ? salon_id : "?");
      else
        g_print (_("Salon: %s\n"), salon_id != NULL ? salon_id : "?");
      g_print (_("Device: %s (%s)\n"), device_name != NULL ? device_name : "?", device);
      if (g_str_equal (token, "revoked"))
        g_print (_("Token: refused by the server\n"));
      else if (g_str_equal (token, "stored"))
        g_print (_("Token: kept in the secret store\n"));
      else if (g_str_equal (token, "unavailable"))
        g_print (_("Token: no secret store answers; nothing can be uploaded\n"));
      else
        g_print (_("Token: missing; pair again with --enroll\n"));
    }
  else
    g_print (_("Enrolled: no (local database only)\n"));

  if (age >= 0)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "Last pull: %s (%lld second ago)\n",
                          "Last pull: %s (%lld seconds ago)\n",
                          (gulong)age),
             last_pull, (long long)age);
  else
    g_print (_("Last pull: never\n"));
  g_print (_("Outbox: %lld pending, %lld in flight, %lld done, "
             "%lld refused, %lld held\n"),
           (long long)counts[KIOSK_OUTBOX_PENDING], (long long)counts[KIOSK_OUTBOX_IN_FLIGHT],
           (long long)counts[KIOSK_OUTBOX_DONE], (long long)counts[KIOSK_OUTBOX_REFUSED],
           (long long)counts[KIOSK_OUTBOX_HELD]);
  g_print (_("Quarantined records: %lld\n"), (long long)quarantined);
  return KIOSK_CLI_OK;
}

/* --dump-replica */

/* Every row of @entity, the employee's services included, read by the
 * entity's table (kiosk-record-fields.h); free with
 * kiosk_replica_free_records(). */
static GPtrArray *
list_all (KioskReplica  *replica,
          KioskEntity    entity,
          GError       **error)
{
  return kiosk_replica_list_records (replica, entity, error);
}

static int
compare_by_id (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  KioskEntity entity = GPOINTER_TO_INT (user_data);
  const char *id_a = kiosk_record_get_id (entity, *(gconstpointer const *)a);
  const char *id_b = kiosk_record_get_id (entity, *(gconstpointer const *)b);

  return strcmp (id_a, id_b);
}

static int
compare_entity_names (gconstpointer a,
                      gconstpointer b)
{
  KioskEntity ea = *(const KioskEntity *)a;
  KioskEntity eb = *(const KioskEntity *)b;

  return strcmp (kiosk_entity_to_string (ea), kiosk_entity_to_string (eb));
}

static int
run_dump_replica (const CliOptions *opts)
{
  g_autoptr(KioskContext) context = NULL;
  KioskEntity entities[KIOSK_N_ENTITIES];
  KioskReplica *replica;

  context = open_context (opts);
  if (context == NULL)
    return KIOSK_CLI_FAILED;
  replica = kiosk_context_get_replica (context);

  /* Sorted by the entity's contract name, then by id (byte order), so that
   * two dumps compare with diff. */
  for (guint i = 0; i < KIOSK_N_ENTITIES; i++)
    entities[i] = (KioskEntity)i;
  qsort (entities, KIOSK_N_ENTITIES, sizeof entities[0], compare_entity_names);

  for (guint i = 0; i < KIOSK_N_ENTITIES; i++)
    {
      KioskEntity entity = entities[i];
      g_autoptr(GError) error = NULL;
      GPtrArray *rows = list_all (replica, entity, &error);

      if (rows == NULL)
        {
          say_error (_("Cannot read the %s rows of the local database: %s"),
                     kiosk_entity_to_string (entity), error != NULL ? error->message : "?");
          return KIOSK_CLI_FAILED;
        }

      g_ptr_array_sort_with_data (rows, compare_by_id, GINT_TO_POINTER (entity));

      for (guint j = 0; j < rows->len; j++)
        {
          gconstpointer record = g_ptr_array_index (rows, j);
          g_autofree char *line = kiosk_json_dump_line (entity, record,
                                                        kiosk_record_get_version (entity, record),
                                                        kiosk_record_get_pending (entity, record));

          write_stdout_line (line);
        }
      kiosk_replica_free_records (entity, rows);
    }

  if (fflush (stdout) != 0)
    {
      say_error (_("Cannot write the dump: %s"), g_strerror (errno));
      return KIOSK_CLI_FAILED;
    }
  return KIOSK_CLI_OK;
}

int
kiosk_cli_run (GVariantDict *options,
               const char   *data_dir)
{
  CliOptions opts = { 0, };
  gboolean enroll = g_variant_dict_contains (options, "enroll");
  gboolean sync_once = g_variant_dict_contains (options, "sync-once");
  gboolean status = g_variant_dict_contains (options, "status");
  gboolean dump = g_variant_dict_contains (options, "dump-replica");
  guint n_commands = (guint)enroll + (guint)sync_once + (guint)status + (guint)dump;
  int result;

  /* Standard output carries the JSON and the dump: log lines (debug and
   * info included, with G_MESSAGES_DEBUG set) must never mix into it. */
  if (n_commands > 0)
    g_log_writer_default_set_use_stderr (TRUE);

  opts.data_dir = data_dir;
  g_variant_dict_lookup (options, "server", "&s", &opts.server);
  g_variant_dict_lookup (options, "salon", "&s", &opts.salon);
  g_variant_dict_lookup (options, "pairing-code", "&s", &opts.pairing_code);
  g_variant_dict_lookup (options, "name", "^&ay", &opts.name);
  g_variant_dict_lookup (options, "ca-file", "^&ay", &opts.ca_file);
  opts.json = g_variant_dict_contains (options, "json");

  if (n_commands == 0)
    {
      if (opts.server != NULL || opts.salon != NULL || opts.pairing_code != NULL || opts.name != NULL)
        {
          say_error (_("--server, --salon, --pairing-code and --name go with --enroll."));
          return KIOSK_CLI_USAGE;
        }
      if (opts.json)
        {
          say_error (_("--json goes with --status."));
          return KIOSK_CLI_USAGE;
        }
      return -1;
    }
  if (n_commands > 1)
    {
      say_error (_("Give only one of --enroll, --sync-once, --status and --dump-replica."));
      return KIOSK_CLI_USAGE;
    }
  if (opts.json && !status)
    {
      say_error (_("--json goes with --status."));
      return KIOSK_CLI_USAGE;
    }
  if (!enroll && (opts.server != NULL || opts.salon != NULL || opts.pairing_code != NULL || opts.name != NULL))
    {
      say_error (_("--server, --salon, --pairing-code and --name go with --enroll."));
      return KIOSK_CLI_USAGE;
    }

  if (enroll)
    result = run_enroll (&opts);
  else if (sync_once)
    result = run_sync_once (&opts);
  else if (status)
    result = run_status (&opts);
  else
    result = run_dump_replica (&opts);

  fflush (stdout);
  return result;
}
