/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The device token in a real gnome-keyring, on a private D-Bus session the
 * test starts itself (dbus-daemon + gnome-keyring-daemon, HOME and the XDG
 * dirs in a temporary directory), so it never touches the developer's own
 * keyring and does not depend on how it was launched. The cases where no
 * secret store answers run in child processes with their own bus, since a
 * process keeps its session bus connection for life.
 */
#include "config.h"

#include <string.h>
#include <libsecret/secret.h>

#include "kiosk-credentials.h"
#include "kiosk-test-keyring.h"

#define SERVER   "https://salon.example.com.tr"
#define SERVER_2 "https://yedek.example.com.tr"
#define DEVICE_1 "5f0c7a52-8d3e-4b1a-9c6f-2e4d8b7a1c01"
#define DEVICE_2 "5f0c7a52-8d3e-4b1a-9c6f-2e4d8b7a1c02"
#define TOKEN_1  "0123456789abcdef0123456789abcdef01234567"
#define TOKEN_2  "fedcba9876543210fedcba9876543210fedcba98"
#define TOKEN_3  "aaaaaaaaaabbbbbbbbbbccccccccccdddddddddd"

/* ------------------------------------------------------ keyring answers */

static guint
count_kiosk_items (void)
{
  g_autoptr(GHashTable) attributes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretService) service = secret_service_get_sync (SECRET_SERVICE_NONE, NULL, &error);
  GList *items;
  guint n;

  g_assert_no_error (error);
  g_hash_table_insert (attributes, (gpointer) "xdg:schema", (gpointer) "com.salonity.Kiosk.Token");
  items = secret_service_search_sync (service, NULL, attributes, SECRET_SEARCH_ALL, NULL, &error);
  g_assert_no_error (error);
  n = g_list_length (items);
  g_list_free_full (items, g_object_unref);
  return n;
}

static void
assert_token (KioskCredentials *credentials,
              const char       *server,
              const char       *device,
              const char       *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = kiosk_credentials_lookup_token_sync (credentials, server, device, NULL, &error);

  if (expected == NULL)
    {
      g_assert_error (error, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_NOT_FOUND);
      g_assert_null (token);
    }
  else
    {
      g_assert_no_error (error);
      g_assert_cmpstr (token, ==, expected);
    }
}

static void
clear_all (KioskCredentials *credentials)
{
  const char *servers[] = { SERVER, SERVER_2 };
  const char *devices[] = { DEVICE_1, DEVICE_2 };

  for (guint s = 0; s < G_N_ELEMENTS (servers); s++)
    for (guint d = 0; d < G_N_ELEMENTS (devices); d++)
      g_assert_true (kiosk_credentials_clear_token_sync (credentials, servers[s], devices[d], NULL, NULL));
  g_assert_cmpuint (count_kiosk_items (), ==, 0);
}

static void
test_store_lookup_clear (void)
{
  g_autoptr(KioskCredentials) credentials = kiosk_credentials_new ();
  g_autoptr(GError) error = NULL;

  clear_all (credentials);
  assert_token (credentials, SERVER, DEVICE_1, NULL);

  g_assert_true (kiosk_credentials_store_token_sync (credentials, SERVER, DEVICE_1, TOKEN_1, NULL, &error));
  g_assert_no_error (error);
  assert_token (credentials, SERVER, DEVICE_1, TOKEN_1);
  g_assert_cmpuint (count_kiosk_items (), ==, 1);

  /* Pairing again replaces the token instead of piling up items. */
  g_assert_true (kiosk_credentials_store_token_sync (credentials, SERVER, DEVICE_1, TOKEN_2, NULL, &error));
  g_assert_no_error (error);
  assert_token (credentials, SERVER, DEVICE_1, TOKEN_2);
  g_assert_cmpuint (count_kiosk_items (), ==, 1);

  g_assert_true (kiosk_credentials_clear_token_sync (credentials, SERVER, DEVICE_1, NULL, &error));
  g_assert_no_error (error);
  assert_token (credentials, SERVER, DEVICE_1, NULL);
  g_assert_cmpuint (count_kiosk_items (), ==, 0);

  /* Clearing what is not there is what the caller wanted. */
  g_assert_true (kiosk_credentials_clear_token_sync (credentials, SERVER, DEVICE_1, NULL, &error));
  g_assert_no_error (error);
}

static void
test_devices_kept_apart (void)
{
  g_autoptr(KioskCredentials) credentials = kiosk_credentials_new ();
  g_autoptr(GError) error = NULL;

  clear_all (credentials);
  g_assert_true (kiosk_credentials_store_token_sync (credentials, SERVER, DEVICE_1, TOKEN_1, NULL, &error));
  g_assert_true (kiosk_credentials_store_token_sync (credentials, SERVER, DEVICE_2, TOKEN_2, NULL, &error));
  g_assert_true (kiosk_credentials_store_token_sync (credentials, SERVER_2, DEVICE_1, TOKEN_3, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_kiosk_items (), ==, 3);

  assert_token (credentials, SERVER, DEVICE_1, TOKEN_1);
  assert_token (credentials, SERVER, DEVICE_2, TOKEN_2);
  assert_token (credentials, SERVER_2, DEVICE_1, TOKEN_3);
  assert_token (credentials, SERVER_2, DEVICE_2, NULL);

  g_assert_true (kiosk_credentials_clear_token_sync (credentials, SERVER, DEVICE_1, NULL, &error));
  assert_token (credentials, SERVER, DEVICE_1, NULL);
  assert_token (credentials, SERVER, DEVICE_2, TOKEN_2);
  assert_token (credentials, SERVER_2, DEVICE_1, TOKEN_3);
  clear_all (credentials);
}

/* What another program (Seahorse, secret-tool) sees in the keyring. */
static void
test_stored_as_documented (void)
{
  g_autoptr(KioskCredentials) credentials = kiosk_credentials_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GHashTable) query = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(SecretValue) value = NULL;
  g_autofree char *label = NULL;
  GList *items;
  SecretItem *item;

  clear_all (credentials);
  g_assert_true (kiosk_credentials_store_token_sync (credentials, SERVER, DEVICE_1, TOKEN_1, NULL, &error));
  g_assert_no_error (error);

  service = secret_service_get_sync (SECRET_SERVICE_OPEN_SESSION, NULL, &error);
  g_assert_no_error (error);
  g_hash_table_insert (query, (gpointer) "server", (gpointer) SERVER);
  items = secret_service_search_sync (service, NULL, query, SECRET_SEARCH_ALL | SECRET_SEARCH_LOAD_SECRETS,
                                      NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_length (items), ==, 1);
  item = items->data;

  label = secret_item_get_label (item);
  g_assert_cmpstr (label, ==, "Salonity Kiosk device token");
  attributes = secret_item_get_attributes (item);
  g_assert_cmpstr (g_hash_table_lookup (attributes, "xdg:schema"), ==, "com.salonity.Kiosk.Token");
  g_assert_cmpstr (g_hash_table_lookup (attributes, "server"), ==, SERVER);
  g_assert_cmpstr (g_hash_table_lookup (attributes, "device"), ==, DEVICE_1);
  g_assert_cmpuint (g_hash_table_size (attributes), ==, 3);
  value = secret_item_get_secret (item);
  g_assert_cmpstr (secret_value_get_text (value), ==, TOKEN_1);
  g_list_free_full (items, g_object_unref);

  /* It lives in gnome-keyring's encrypted file, not in plain text. */
  g_assert_false (kiosk_test_keyring_file_contains (TOKEN_1));

  clear_all (credentials);
}

/* Before a pairing code is spent: an open keyring can keep a token, and
 * the check leaves nothing behind. */
static void
test_check_storable (void)
{
  g_autoptr(KioskCredentials) credentials = kiosk_credentials_new ();
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  clear_all (credentials);
  g_assert_true (kiosk_credentials_check_storable_sync (credentials, SERVER, 3000, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
  g_assert_cmpuint (count_kiosk_items (), ==, 0);
}

static void
on_lookup (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
  g_main_context_wakeup (NULL);
}

static char *
lookup_async (KioskCredentials  *credentials,
              const char        *server,
              const char        *device,
              GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  kiosk_credentials_lookup_token_async (credentials, server, device, NULL, on_lookup, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return kiosk_credentials_lookup_token_finish (credentials, result, error);
}

static void
test_async (void)
{
  g_autoptr(KioskCredentials) credentials = kiosk_credentials_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *missing = NULL;

  clear_all (credentials);
  g_assert_true (kiosk_credentials_store_token_sync (credentials, SERVER, DEVICE_2, TOKEN_2, NULL, &error));
  token = lookup_async (credentials, SERVER, DEVICE_2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, TOKEN_2);

  missing = lookup_async (credentials, SERVER, DEVICE_1, &error);
  g_assert_null (missing);
  g_assert_error (error, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_NOT_FOUND);
  clear_all (credentials);
}

static void
test_bad_input (void)
{
  g_autoptr(KioskCredentials) credentials = kiosk_credentials_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (kiosk_credentials_store_token_sync (credentials, SERVER, DEVICE_1, "", NULL, &error));
  g_assert_error (error, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (kiosk_credentials_store_token_sync (credentials, "", DEVICE_1, TOKEN_1, NULL, &error));
  g_assert_error (error, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_null (kiosk_credentials_lookup_token_sync (credentials, SERVER, "", NULL, &error));
  g_assert_error (error, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_FAILED);
  g_assert_cmpuint (count_kiosk_items (), ==, 0);
}

static void
test_cancelled (void)
{
  g_autoptr(KioskCredentials) credentials = kiosk_credentials_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (kiosk_credentials_store_token_sync (credentials, SERVER, DEVICE_1, TOKEN_1, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count_kiosk_items (), ==, 0);
}

/* ------------------------------------------------ no secret store answers */

/* Every call says UNAVAILABLE at once, in a way people understand. */
static void
assert_all_unavailable (const char *says)
{
  g_autoptr(KioskCredentials) credentials = kiosk_credentials_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *async_token = NULL;
  gint64 start = g_get_monotonic_time ();

  g_assert_false (kiosk_credentials_store_token_sync (credentials, SERVER, DEVICE_1, TOKEN_1, NULL, &error));
  g_test_message ("store: %s", error ? error->message : "no error");
  g_assert_error (error, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, says));
  g_assert_null (strstr (error->message, TOKEN_1));
  g_clear_error (&error);

  token = kiosk_credentials_lookup_token_sync (credentials, SERVER, DEVICE_1, NULL, &error);
  g_assert_null (token);
  g_assert_error (error, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_UNAVAILABLE);
  g_clear_error (&error);

  g_assert_false (kiosk_credentials_clear_token_sync (credentials, SERVER, DEVICE_1, NULL, &error));
  g_assert_error (error, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_UNAVAILABLE);
  g_clear_error (&error);

  async_token = lookup_async (credentials, SERVER, DEVICE_1, &error);
  g_assert_null (async_token);
  g_assert_error (error, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_UNAVAILABLE);

  /* Promptly: no D-Bus time-out (25 s) was waited for. */
  g_test_message ("four calls took %" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - start) / 1000);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

/* A session bus where nobody owns org.freedesktop.secrets. */
static void
no_secret_service (KioskTestKeyring *bare)
{
  assert_all_unavailable ("No secret store");
}

static void
test_no_secret_service (void)
{
  kiosk_test_keyring_run_in_child (FALSE, 30, no_secret_service);
}

static void
test_no_session_bus (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *nowhere = g_build_filename (g_get_tmp_dir (), "kiosk-no-such-bus-XXXXXX", "bus", NULL);
      g_autofree char *address = g_strconcat ("unix:path=", nowhere, NULL);

      g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
      assert_all_unavailable ("secret store");
      return;
    }
  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* A keyring of its own: locking it cannot be undone without a prompt. */
static void
locked_keyring (KioskTestKeyring *own)
{
  g_autoptr(KioskCredentials) credentials = kiosk_credentials_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretService) service = secret_service_get_sync (SECRET_SERVICE_OPEN_SESSION, NULL, &error);
  g_autoptr(SecretCollection) collection = NULL;
  g_autofree char *token = NULL;
  GList *objects;
  gint64 start;

  g_assert_true (kiosk_credentials_store_token_sync (credentials, SERVER, DEVICE_1, TOKEN_1, NULL, &error));
  g_assert_no_error (error);
  collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT,
                                                 SECRET_COLLECTION_NONE, NULL, &error);
  g_assert_no_error (error);
  objects = g_list_prepend (NULL, collection);
  g_assert_cmpint (secret_service_lock_sync (service, objects, NULL, NULL, &error), ==, 1);
  g_list_free (objects);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  token = kiosk_credentials_lookup_token_sync (credentials, SERVER, DEVICE_1, NULL, &error);
  g_test_message ("lookup: %s", error ? error->message : "no error");
  g_assert_null (token);
  g_assert_error (error, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, "locked"));
  g_clear_error (&error);

  g_assert_false (kiosk_credentials_store_token_sync (credentials, SERVER, DEVICE_2, TOKEN_2, NULL, &error));
  g_test_message ("store: %s", error ? error->message : "no error");
  g_assert_error (error, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_UNAVAILABLE);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
}

static void
test_locked_keyring (void)
{
  kiosk_test_keyring_run_in_child (TRUE, 40, locked_keyring);
}

/* A locked keyring and a prompter that shows its dialog to nobody (a kiosk
 * logged in automatically): the check says so without starting a prompt,
 * and a store gives up after its time instead of waiting for ever. */
static void
locked_keyring_prompt_unanswered (KioskTestKeyring *own)
{
  g_autoptr(KioskCredentials) credentials = kiosk_credentials_new ();
  g_autoptr(GError) error = NULL;
  KioskTestPrompter *prompter;
  gint64 start;

  kiosk_test_keyring_lock ();
  prompter = kiosk_test_keyring_start_prompter (own);

  start = g_get_monotonic_time ();
  g_assert_false (kiosk_credentials_check_storable_sync (credentials, SERVER, 2000, NULL, &error));
  g_test_message ("check: %s", error ? error->message : "no error");
  g_assert_error (error, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, "locked"));
  /* At once: not after its time-out, which is for a prompt. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  g_assert_cmpuint (kiosk_test_prompter_get_n_prompts (prompter), ==, 0);
  g_clear_error (&error);

  start = g_get_monotonic_time ();
  g_assert_false (kiosk_credentials_store_token_timeout_sync (credentials, SERVER, DEVICE_1, TOKEN_1, 1500,
                                                              NULL, &error));
  g_test_message ("store: %s after %" G_GINT64_FORMAT " ms", error ? error->message : "no error",
                  (g_get_monotonic_time () - start) / 1000);
  g_assert_error (error, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_UNAVAILABLE);
  g_assert_null (strstr (error->message, TOKEN_1));
  /* The prompt was asked for, and not waited for beyond the time given. */
  g_assert_cmpuint (kiosk_test_prompter_get_n_prompts (prompter), ==, 1);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 1500 * 1000);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

static void
test_locked_keyring_prompt_unanswered (void)
{
  kiosk_test_keyring_run_in_child (TRUE, 40, locked_keyring_prompt_unanswered);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/credentials/store-lookup-clear", test_store_lookup_clear);
  g_test_add_func ("/credentials/devices-kept-apart", test_devices_kept_apart);
  g_test_add_func ("/credentials/stored-as-documented", test_stored_as_documented);
  g_test_add_func ("/credentials/async", test_async);
  g_test_add_func ("/credentials/check-storable", test_check_storable);
  g_test_add_func ("/credentials/bad-input", test_bad_input);
  g_test_add_func ("/credentials/cancelled", test_cancelled);
  g_test_add_func ("/credentials/unavailable/no-secret-service", test_no_secret_service);
  g_test_add_func ("/credentials/unavailable/no-session-bus", test_no_session_bus);
  g_test_add_func ("/credentials/unavailable/locked-keyring", test_locked_keyring);
  g_test_add_func ("/credentials/unavailable/locked-keyring-prompt-unanswered",
                   test_locked_keyring_prompt_unanswered);

  return kiosk_test_keyring_run ();
}
