/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Pairing as the screens ask core for it (kiosk-pairing.h, the context's
 * async functions), against the contract server in this process on
 * loopback (docs/kiosk-api.md §3.1 and §2), with the token and the staff
 * PIN in a real gnome-keyring on a private bus and the enrollment in a real
 * replica file. What the screens tell apart comes back in
 * KIOSK_PAIRING_ERROR with the sync room's own words: a plain-HTTP address,
 * a server that does not answer, a CA file that cannot be read, a throttled
 * or wrong pairing code, no secret store. Each case starts where the last
 * one left (one salon, one data folder).
 */
#define G_LOG_DOMAIN "test-pairing"

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "kiosk-context-private.h"
#include "kiosk-pairing.h"
#include "kiosk-replica-sync.h"
#include "kiosk-staff-lock.h"
#include "kiosk-sync-engine.h"
#include "kiosk-test-keyring.h"
#include "kiosk-test-server.h"
#include "kiosk-transport.h"

#define CODE_THROTTLED "381946"
#define CODE_BAD_PIN   "502813"
#define CODE_AGAIN     "664120"
#define KIOSK_NAME     "Ön büro 2"
#define PIN            "1357"
#define RETRY_AFTER    37u
#define OTHER_SALON    "6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b"
#define OTHER_NAME     "Işıl Güzellik Salonu"

static KioskTestServer *server;
static KioskContext    *context;
static char            *server_dir;
static char            *data_dir;

/* ---- helpers ------------------------------------------------------------- */

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_true (source == G_OBJECT (context));
  *out = g_object_ref (result);
}

/* The server answers from this thread's main context, the worker asks it
 * from its own thread: iterate until the answer comes back here. */
static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static GPtrArray *
list_salons (const char  *url,
             const char  *search,
             GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  kiosk_pairing_list_salons_async (context, url, search, NULL, on_done, &result);
  return kiosk_pairing_list_salons_finish (context, wait_for (&result), error);
}

static gboolean
enroll (const char               *code,
        const char               *pin,
        KioskPairingEnrollFlags   flags,
        GCancellable             *cancellable,
        char                    **pin_problem,
        guint                    *retry_after,
        GError                  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  kiosk_pairing_enroll_async (context, kiosk_test_server_get_uri (server), kiosk_test_server_get_salon_id (server),
                              code, KIOSK_NAME, pin, flags, cancellable, on_done, &result);
  return kiosk_pairing_enroll_finish (context, wait_for (&result), pin_problem, retry_after, error);
}

static gboolean
unpair (GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  kiosk_pairing_unpair_async (context, NULL, on_done, &result);
  return kiosk_pairing_unpair_finish (context, wait_for (&result), error);
}

static const KioskPairingSalon *
find_salon (GPtrArray  *salons,
            const char *id)
{
  for (guint i = 0; i < salons->len; i++)
    {
      const KioskPairingSalon *salon = g_ptr_array_index (salons, i);

      if (g_strcmp0 (salon->id, id) == 0)
        return salon;
    }
  return NULL;
}

static void
assert_not_paired (void)
{
  g_autofree char *url = kiosk_pairing_dup_server_url (context);
  g_autofree char *device = kiosk_pairing_dup_device (context);

  g_assert_null (url);
  g_assert_null (device);
}

static char *
dup_token (void)
{
  g_autofree char *device = kiosk_pairing_dup_device (context);
  g_autoptr(GError) error = NULL;
  char *token;

  g_assert_nonnull (device);
  token = kiosk_credentials_lookup_token_sync (kiosk_context_get_credentials (context),
                                               kiosk_test_server_get_uri (server), device, NULL, &error);
  if (token == NULL)
    g_assert_error (error, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_NOT_FOUND);
  return token;
}

static void
set_ca_file (const char *path)
{
  GSettings *settings = kiosk_context_get_settings (context);

  g_assert_nonnull (settings);
  g_settings_set_string (settings, "ca-file", path);
}

/* The server and a data folder, made once the private bus is up (starting
 * it sets environment variables, which no other thread may read then). */
static void
start (void)
{
  g_autoptr(GError) error = NULL;

  if (server != NULL)
    return;
  server_dir = g_dir_make_tmp ("kiosk-test-pairing-server-XXXXXX", &error);
  g_assert_no_error (error);
  data_dir = g_dir_make_tmp ("kiosk-test-pairing-XXXXXX", &error);
  g_assert_no_error (error);
  server = kiosk_test_server_new (server_dir, &error);
  g_assert_no_error (error);
  g_assert_true (kiosk_test_server_listen (server, 0, &error));
  g_assert_no_error (error);
  g_assert_true (kiosk_test_server_seed_demo (server, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kiosk_test_server_put (server, "salon",
                                          "{\"id\": \"" OTHER_SALON "\", \"name\": \"" OTHER_NAME "\","
                                          " \"address\": \"Kızılay Meydanı 3\", \"city\": \"Ankara\","
                                          " \"district\": \"Çankaya\", \"phone\": \"+903124445566\","
                                          " \"opening_time\": \"09:00:00\", \"closing_time\": \"19:00:00\","
                                          " \"timezone\": \"Europe/Istanbul\"}", &error), >, 0);
  g_assert_no_error (error);
  kiosk_test_server_add_pairing_code (server, CODE_THROTTLED, 600);
  kiosk_test_server_add_pairing_code (server, CODE_BAD_PIN, 600);
  kiosk_test_server_add_pairing_code (server, CODE_AGAIN, 600);

  context = kiosk_context_new (data_dir, FALSE, 0, &error);
  g_assert_no_error (error);
}

/* ---- the tests ----------------------------------------------------------- */

/* The address is checked as the transport checks it, with its words: the
 * screen can say "plain HTTP refused" apart from "not an address". */
static void
test_check_url (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) transport_error = NULL;

  start ();
  g_assert_false (kiosk_pairing_check_url ("http://10.0.0.5", &error));
  g_assert_error (error, KIOSK_PAIRING_ERROR, KIOSK_PAIRING_ERROR_INSECURE);
  g_assert_false (kiosk_transport_check_url ("http://10.0.0.5", &transport_error));
  g_assert_cmpstr (error->message, ==, transport_error->message);
  g_clear_error (&error);

  g_assert_false (kiosk_pairing_check_url ("salonity.com.tr", &error));
  g_assert_error (error, KIOSK_PAIRING_ERROR, KIOSK_PAIRING_ERROR_BAD_URL);
  g_clear_error (&error);

  g_assert_true (kiosk_pairing_check_url ("https://salonity.com.tr", &error));
  g_assert_no_error (error);
  g_assert_true (kiosk_pairing_check_url (kiosk_test_server_get_uri (server), &error));
  g_assert_no_error (error);
}

/* A fresh data folder: nothing paired, nothing waiting. */
static void
test_fresh (void)
{
  g_autofree char *salon = kiosk_pairing_dup_salon (context);
  g_autofree char *name = kiosk_pairing_dup_device_name (context);

  assert_not_paired ();
  g_assert_null (salon);
  g_assert_null (name);
  g_assert_cmpuint (kiosk_pairing_count_unsent_changes (context), ==, 0);
}

/* The salon picker's list: every active salon with its name and where it
 * is, the one the kiosk pairs with among them. */
static void
test_list_salons (void)
{
  const char *salon_id = kiosk_test_server_get_salon_id (server);
  g_autoptr(GPtrArray) salons = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  const KioskPairingSalon *other;

  /* The address as a person types it, trailing slash and all. */
  g_autofree char *typed = g_strdup_printf ("  %s/ ", kiosk_test_server_get_uri (server));

  salons = list_salons (typed, "", &error);
  g_assert_no_error (error);
  g_assert_nonnull (salons);
  g_assert_cmpuint (salons->len, ==, 2);
  g_assert_nonnull (find_salon (salons, salon_id));
  g_assert_cmpstr (find_salon (salons, salon_id)->name, !=, "");
  other = find_salon (salons, OTHER_SALON);
  g_assert_nonnull (other);
  g_assert_cmpstr (other->name, ==, OTHER_NAME);
  g_assert_cmpstr (other->city, ==, "Ankara");
  g_assert_cmpstr (other->district, ==, "Çankaya");

  /* By part of its name, as the server searches. */
  found = list_salons (kiosk_test_server_get_uri (server), "Işıl", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((KioskPairingSalon *) g_ptr_array_index (found, 0))->id, ==, OTHER_SALON);
}

/* Each failure of the picker in the pairing's own terms. */
static void
test_list_salons_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *missing_ca = g_build_filename (data_dir, "no-such-ca.pem", NULL);

  g_assert_null (list_salons ("http://10.0.0.5", "", &error));
  g_assert_error (error, KIOSK_PAIRING_ERROR, KIOSK_PAIRING_ERROR_INSECURE);
  g_clear_error (&error);

  /* Nothing listens on port 1 of loopback. */
  g_assert_null (list_salons ("http://127.0.0.1:1", "", &error));
  g_assert_error (error, KIOSK_PAIRING_ERROR, KIOSK_PAIRING_ERROR_UNREACHABLE);
  g_clear_error (&error);

  /* The ca-file setting is read when asked, and a file that is not there
   * is said so. */
  set_ca_file (missing_ca);
  g_assert_null (list_salons (kiosk_test_server_get_uri (server), "", &error));
  g_assert_error (error, KIOSK_PAIRING_ERROR, KIOSK_PAIRING_ERROR_CA_FILE);
  set_ca_file ("");
}

/* A 429 says how long to wait, records nothing and does not spend the
 * code; a wrong code is told apart. */
static void
test_enroll_refused (void)
{
  KioskFault fault = { .kind = KIOSK_FAULT_STATUS, .status = 429, .retry_after = RETRY_AFTER };
  g_autoptr(GError) error = NULL;
  g_autofree char *pin_problem = NULL;
  guint retry_after = 0;

  kiosk_test_server_push_fault (server, "POST", "/api/kiosk/v1/devices/", &fault);
  g_assert_false (enroll (CODE_THROTTLED, PIN, KIOSK_PAIRING_ENROLL_NONE, NULL, &pin_problem, &retry_after, &error));
  g_assert_error (error, KIOSK_PAIRING_ERROR, KIOSK_PAIRING_ERROR_THROTTLED);
  g_assert_cmpuint (kiosk_test_server_get_n_faults (server), ==, 0);
  g_assert_cmpuint (retry_after, ==, RETRY_AFTER);
  g_assert_null (pin_problem);
  assert_not_paired ();
  g_clear_error (&error);

  g_assert_false (enroll ("111111", PIN, KIOSK_PAIRING_ENROLL_NONE, NULL, NULL, &retry_after, &error));
  g_assert_error (error, KIOSK_PAIRING_ERROR, KIOSK_PAIRING_ERROR_PAIRING_CODE);
  g_assert_cmpuint (retry_after, ==, 0);
  assert_not_paired ();
}

/* The screen went away: nothing is recorded. */
static void
test_enroll_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (enroll (CODE_THROTTLED, PIN, KIOSK_PAIRING_ENROLL_NONE, cancellable, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_not_paired ();
}

/* Paired with the code the throttled attempt did not spend: the replica
 * records the server, salon, device and name, the token is kept, the
 * staff PIN opens staff mode. */
static void
test_enroll (void)
{
  const char *salon_id = kiosk_test_server_get_salon_id (server);
  g_autoptr(GError) error = NULL;
  g_autofree char *pin_problem = NULL;
  g_autofree char *url = NULL;
  g_autofree char *salon = NULL;
  g_autofree char *device = NULL;
  g_autofree char *name = NULL;
  g_autofree char *token = NULL;
  g_autoptr(KioskStaffLock) lock = NULL;
  guint retry_after = 99;

  g_assert_true (enroll (CODE_THROTTLED, PIN, KIOSK_PAIRING_ENROLL_NONE, NULL, &pin_problem, &retry_after, &error));
  g_assert_no_error (error);
  g_assert_null (pin_problem);
  g_assert_cmpuint (retry_after, ==, 0);

  url = kiosk_pairing_dup_server_url (context);
  salon = kiosk_pairing_dup_salon (context);
  device = kiosk_pairing_dup_device (context);
  name = kiosk_pairing_dup_device_name (context);
  g_assert_cmpstr (url, ==, kiosk_test_server_get_uri (server));
  g_assert_cmpstr (salon, ==, salon_id);
  g_assert_true (g_uuid_string_is_valid (device));
  g_assert_cmpstr (name, ==, KIOSK_NAME);
  token = dup_token ();
  g_assert_nonnull (token);

  lock = kiosk_staff_lock_new_for_context (context, salon_id);
  g_assert_true (kiosk_staff_lock_try (lock, PIN, NULL, &error));
  g_assert_no_error (error);
}

/* Paired again (same salon): a PIN that cannot be kept does not undo the
 * pairing, the reason comes back; the new device replaces the old one,
 * whose token is forgotten; what waits to upload stays. */
static void
test_enroll_pin_not_kept (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) staff_error = NULL;
  g_autofree char *pin_problem = NULL;
  g_autofree char *old_device = kiosk_pairing_dup_device (context);
  g_autofree char *device = NULL;
  g_autofree char *old_token = NULL;
  g_autoptr(KioskStaffLock) lock = NULL;

  g_assert_true (kiosk_replica_outbox_add (kiosk_context_get_replica (context), "customer.create",
                                           "0a6f1c2e-3b4d-4e5f-8a9b-0c1d2e3f4a09", "{\"first_name\": \"Ayşe\"}",
                                           NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kiosk_pairing_count_unsent_changes (context), ==, 1);

  g_assert_true (enroll (CODE_BAD_PIN, "12", KIOSK_PAIRING_ENROLL_NONE, NULL, &pin_problem, NULL, &error));
  g_assert_no_error (error);
  lock = kiosk_staff_lock_new_for_context (context, kiosk_test_server_get_salon_id (server));
  g_assert_false (kiosk_staff_lock_set_pin (lock, "12", NULL, &staff_error));
  g_assert_error (staff_error, KIOSK_STAFF_LOCK_ERROR, KIOSK_STAFF_LOCK_ERROR_INVALID);
  g_assert_cmpstr (pin_problem, ==, staff_error->message);
  /* The PIN of the first pairing still opens staff mode. */
  g_assert_true (kiosk_staff_lock_try (lock, PIN, NULL, &error));
  g_assert_no_error (error);

  device = kiosk_pairing_dup_device (context);
  g_assert_cmpstr (device, !=, old_device);
  old_token = kiosk_credentials_lookup_token_sync (kiosk_context_get_credentials (context),
                                                   kiosk_test_server_get_uri (server), old_device, NULL, &error);
  g_assert_null (old_token);
  g_assert_error (error, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_NOT_FOUND);
  g_assert_cmpuint (kiosk_pairing_count_unsent_changes (context), ==, 1);
}

/* The server refused the device: the screens read it, with when and why,
 * until the kiosk pairs again. */
static void
test_revoked (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *device = kiosk_pairing_dup_device (context);
  g_autofree char *revoked_at = NULL;
  g_autofree char *reason = NULL;
  g_autoptr(GDateTime) when = NULL;

  g_assert_false (kiosk_pairing_get_revoked (context, NULL, NULL));
  g_assert_true (kiosk_replica_set_revoked (kiosk_context_get_replica (context), device, "401 token revoked", &error));
  g_assert_no_error (error);
  g_assert_true (kiosk_pairing_get_revoked (context, &revoked_at, &reason));
  g_assert_cmpstr (reason, ==, "401 token revoked");
  when = g_date_time_new_from_iso8601 (revoked_at, NULL);
  g_assert_nonnull (when);
  g_assert_true (kiosk_replica_clear_revoked (kiosk_context_get_replica (context), &error));
  g_assert_no_error (error);
  g_assert_false (kiosk_pairing_get_revoked (context, NULL, NULL));
}

/* Unpairing forgets the device here, on the server and in the secret
 * store, and keeps the salon and what waits to upload. */
static void
test_unpair (void)
{
  const char *salon_id = kiosk_test_server_get_salon_id (server);
  g_autoptr(GError) error = NULL;
  g_autofree char *salon = NULL;
  g_autofree char *device = kiosk_pairing_dup_device (context);
  g_autofree char *token = NULL;

  g_assert_true (unpair (&error));
  g_assert_no_error (error);
  assert_not_paired ();
  salon = kiosk_pairing_dup_salon (context);
  g_assert_cmpstr (salon, ==, salon_id);
  g_assert_cmpuint (kiosk_pairing_count_unsent_changes (context), ==, 1);
  token = kiosk_credentials_lookup_token_sync (kiosk_context_get_credentials (context),
                                               kiosk_test_server_get_uri (server), device, NULL, &error);
  g_assert_null (token);
  g_assert_error (error, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Nothing left to unpair. */
  g_assert_false (unpair (&error));
  g_assert_error (error, KIOSK_PAIRING_ERROR, KIOSK_PAIRING_ERROR_NOT_PAIRED);
}

/* Another salon's data is removed once paired when the screen says so,
 * after its unsent changes were saved to a file. */
static void
test_enroll_replace_salon (void)
{
  KioskReplica *replica = kiosk_context_get_replica (context);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *salon = NULL;

  /* As if the data folder were the other salon's. */
  g_assert_true (kiosk_replica_set_meta (replica, KIOSK_META_SALON, OTHER_SALON, &error));
  g_assert_no_error (error);

  path = kiosk_pairing_export_unsent_changes (context, data_dir, &error);
  g_assert_no_error (error);
  g_assert_nonnull (path);
  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, OTHER_SALON));
  g_assert_nonnull (strstr (text, "Ayşe"));
  g_unlink (path);

  g_assert_true (enroll (CODE_AGAIN, PIN, KIOSK_PAIRING_ENROLL_REPLACE_SALON, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kiosk_pairing_count_unsent_changes (context), ==, 0);
  salon = kiosk_pairing_dup_salon (context);
  g_assert_cmpstr (salon, ==, kiosk_test_server_get_salon_id (server));
}

/* Without a secret store the code is not spent, and nothing recorded. */
static void
no_secret_store (KioskTestKeyring *bare)
{
  g_autoptr(GError) error = NULL;

  start ();
  g_assert_false (enroll (CODE_AGAIN, PIN, KIOSK_PAIRING_ENROLL_NONE, NULL, NULL, NULL, &error));
  g_assert_error (error, KIOSK_PAIRING_ERROR, KIOSK_PAIRING_ERROR_SECRET_STORE);
  g_test_message ("%s", error->message);
  assert_not_paired ();
}

static void
test_no_secret_store (void)
{
  kiosk_test_keyring_run_in_child (FALSE, 60, no_secret_store);
}

/* ---- set-up -------------------------------------------------------------- */

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

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  /* One suite, run in this order: each step starts where the last left. */
  g_test_add_func ("/pairing/check-url", test_check_url);
  g_test_add_func ("/pairing/fresh", test_fresh);
  g_test_add_func ("/pairing/list-salons", test_list_salons);
  g_test_add_func ("/pairing/list-salons-refused", test_list_salons_refused);
  g_test_add_func ("/pairing/enroll-refused", test_enroll_refused);
  g_test_add_func ("/pairing/enroll-cancelled", test_enroll_cancelled);
  g_test_add_func ("/pairing/enroll", test_enroll);
  g_test_add_func ("/pairing/enroll-pin-not-kept", test_enroll_pin_not_kept);
  g_test_add_func ("/pairing/revoked", test_revoked);
  g_test_add_func ("/pairing/unpair", test_unpair);
  g_test_add_func ("/pairing/enroll-replace-salon", test_enroll_replace_salon);
  g_test_add_func ("/pairing/no-secret-store", test_no_secret_store);

  status = kiosk_test_keyring_run ();

  g_clear_object (&context);
  g_clear_object (&server);
  if (data_dir != NULL)
    remove_tree (data_dir);
  if (server_dir != NULL)
    remove_tree (server_dir);
  g_free (data_dir);
  g_free (server_dir);
  return status;
}
