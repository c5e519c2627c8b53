/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The staff PIN in a real gnome-keyring on a private D-Bus session: set,
 * checked right and wrong, kept apart per salon, and stored only as a
 * salted slow hash, never as the PIN.
 */
#include "config.h"

#include <string.h>
#include <libsecret/secret.h>

#include "kiosk-pbkdf2.h"
#include "kiosk-pin-store.h"
#include "kiosk-test-keyring.h"

#define SALON_1 "0a6f1c2e-3b4d-4e5f-8a9b-0c1d2e3f4a01"
#define SALON_2 "0a6f1c2e-3b4d-4e5f-8a9b-0c1d2e3f4a02"
#define PIN_1   "58316274"
#define PIN_2   "902417"

/* The hash text each salon's item holds, as another program sees it. */
static char *
stored_secret (const char *salon,
               guint      *n_items)
{
  g_autoptr(GHashTable) query = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretService) service = secret_service_get_sync (SECRET_SERVICE_OPEN_SESSION, NULL, &error);
  char *text = NULL;
  GList *items;

  g_assert_no_error (error);
  g_hash_table_insert (query, (gpointer) "xdg:schema", (gpointer) "com.salonity.Kiosk.Pin");
  g_hash_table_insert (query, (gpointer) "salon", (gpointer) salon);
  items = secret_service_search_sync (service, NULL, query, SECRET_SEARCH_ALL | SECRET_SEARCH_LOAD_SECRETS,
                                      NULL, &error);
  g_assert_no_error (error);
  *n_items = g_list_length (items);
  if (items != NULL)
    {
      g_autoptr(SecretValue) value = secret_item_get_secret (items->data);
      g_autoptr(GHashTable) attributes = secret_item_get_attributes (items->data);
      g_autofree char *label = secret_item_get_label (items->data);

      g_assert_cmpstr (label, ==, "Salonity Kiosk staff PIN");
      g_assert_cmpuint (g_hash_table_size (attributes), ==, 2);
      g_assert_cmpstr (g_hash_table_lookup (attributes, "salon"), ==, salon);
      text = g_strdup (secret_value_get_text (value));
    }
  g_list_free_full (items, g_object_unref);
  return text;
}

static gboolean
verify (KioskPinStore *store,
        const char    *salon,
        const char    *pin)
{
  g_autoptr(GError) error = NULL;
  gboolean matches = TRUE;

  g_assert_true (kiosk_pin_store_verify_pin_sync (store, salon, pin, &matches, NULL, &error));
  g_assert_no_error (error);
  return matches;
}

static void
clear_all (KioskPinStore *store)
{
  guint n = 0;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  g_assert_true (kiosk_pin_store_clear_pin_sync (store, SALON_1, NULL, NULL));
  g_assert_true (kiosk_pin_store_clear_pin_sync (store, SALON_2, NULL, NULL));
  a = stored_secret (SALON_1, &n);
  g_assert_cmpuint (n, ==, 0);
  b = stored_secret (SALON_2, &n);
  g_assert_cmpuint (n, ==, 0);
}

static void
test_set_verify (void)
{
  g_autoptr(KioskPinStore) store = kiosk_pin_store_new ();
  g_autoptr(GError) error = NULL;
  gboolean matches = TRUE;

  clear_all (store);
  g_assert_false (kiosk_pin_store_has_pin_sync (store, SALON_1, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (kiosk_pin_store_verify_pin_sync (store, SALON_1, PIN_1, &matches, NULL, &error));
  g_assert_error (error, KIOSK_PIN_STORE_ERROR, KIOSK_PIN_STORE_ERROR_NOT_FOUND);
  g_assert_false (matches);
  g_clear_error (&error);

  g_assert_true (kiosk_pin_store_set_pin_sync (store, SALON_1, PIN_1, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (kiosk_pin_store_has_pin_sync (store, SALON_1, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (verify (store, SALON_1, PIN_1));
  g_assert_false (verify (store, SALON_1, PIN_2));
  g_assert_false (verify (store, SALON_1, "5831627"));
  g_assert_false (verify (store, SALON_1, "583162745"));
  g_assert_false (verify (store, SALON_1, ""));
  g_assert_false (verify (store, SALON_1, "58316274 "));

  /* A new PIN replaces the old one. */
  g_assert_true (kiosk_pin_store_set_pin_sync (store, SALON_1, PIN_2, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (verify (store, SALON_1, PIN_2));
  g_assert_false (verify (store, SALON_1, PIN_1));

  g_assert_true (kiosk_pin_store_clear_pin_sync (store, SALON_1, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (kiosk_pin_store_has_pin_sync (store, SALON_1, NULL, &error));
  g_assert_no_error (error);
  /* Nothing to clear is fine. */
  g_assert_true (kiosk_pin_store_clear_pin_sync (store, SALON_1, NULL, &error));
  g_assert_no_error (error);
}

static void
test_salons_kept_apart (void)
{
  g_autoptr(KioskPinStore) store = kiosk_pin_store_new ();
  g_autoptr(GError) error = NULL;

  clear_all (store);
  g_assert_true (kiosk_pin_store_set_pin_sync (store, SALON_1, PIN_1, NULL, &error));
  g_assert_true (kiosk_pin_store_set_pin_sync (store, SALON_2, PIN_2, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (verify (store, SALON_1, PIN_1));
  g_assert_false (verify (store, SALON_1, PIN_2));
  g_assert_true (verify (store, SALON_2, PIN_2));
  g_assert_false (verify (store, SALON_2, PIN_1));
  clear_all (store);
}

/* What the keyring holds is a salted PBKDF2 hash, not the PIN. */
static void
test_stored_as_hash (void)
{
  g_autoptr(KioskPinStore) store = kiosk_pin_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) salt_1 = NULL;
  g_autoptr(GBytes) salt_2 = NULL;
  g_autoptr(GBytes) hash_1 = NULL;
  g_autoptr(GBytes) hash_2 = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  guint iterations = 0;
  guint n = 0;

  clear_all (store);
  g_assert_true (kiosk_pin_store_set_pin_sync (store, SALON_1, PIN_1, NULL, &error));
  g_assert_no_error (error);
  first = stored_secret (SALON_1, &n);
  g_assert_cmpuint (n, ==, 1);
  g_test_message ("stored: %s", first);

  g_assert_null (strstr (first, PIN_1));
  g_assert_true (g_str_has_prefix (first, "pbkdf2-sha256$150000$"));
  g_assert_true (kiosk_pbkdf2_decode (first, &iterations, &salt_1, &hash_1));
  g_assert_cmpuint (iterations, >=, 100000);
  g_assert_cmpuint (g_bytes_get_size (salt_1), ==, 16);
  g_assert_cmpuint (g_bytes_get_size (hash_1), ==, 32);
  /* It is the hash of the PIN, checked independently of the store. */
  g_assert_true (kiosk_pbkdf2_verify (first, PIN_1, NULL));
  g_assert_false (kiosk_pbkdf2_verify (first, PIN_2, NULL));

  /* The same PIN again: a fresh salt, so a different hash. */
  g_assert_true (kiosk_pin_store_set_pin_sync (store, SALON_1, PIN_1, NULL, &error));
  second = stored_secret (SALON_1, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (kiosk_pbkdf2_decode (second, NULL, &salt_2, &hash_2));
  g_assert_false (g_bytes_equal (salt_1, salt_2));
  g_assert_false (g_bytes_equal (hash_1, hash_2));
  g_assert_true (verify (store, SALON_1, PIN_1));

  /* And gnome-keyring's file has neither the PIN nor the hash in clear. */
  g_assert_false (kiosk_test_keyring_file_contains (PIN_1));
  g_assert_false (kiosk_test_keyring_file_contains ("pbkdf2-sha256"));
  clear_all (store);
}

/* A hash someone damaged in the keyring is an error, not a right PIN. */
static void
test_damaged_hash (void)
{
  g_autoptr(KioskPinStore) store = kiosk_pin_store_new ();
  g_autoptr(GError) error = NULL;
  static const SecretSchema schema = {
    "com.salonity.Kiosk.Pin", SECRET_SCHEMA_NONE,
    { { "salon", SECRET_SCHEMA_ATTRIBUTE_STRING }, { NULL, 0 } },
  };
  gboolean matches = TRUE;

  clear_all (store);
  g_assert_true (secret_password_store_sync (&schema, SECRET_COLLECTION_DEFAULT, "damaged", PIN_1,
                                             NULL, &error, "salon", SALON_1, NULL));
  g_assert_no_error (error);
  /* Even the PIN itself stored in clear is not accepted. */
  g_assert_false (kiosk_pin_store_verify_pin_sync (store, SALON_1, PIN_1, &matches, NULL, &error));
  g_assert_error (error, KIOSK_PIN_STORE_ERROR, KIOSK_PIN_STORE_ERROR_FAILED);
  g_assert_false (matches);
  clear_all (store);
}

static void
test_bad_input (void)
{
  g_autoptr(KioskPinStore) store = kiosk_pin_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gboolean matches = TRUE;

  clear_all (store);
  g_assert_false (kiosk_pin_store_set_pin_sync (store, SALON_1, "", NULL, &error));
  g_assert_error (error, KIOSK_PIN_STORE_ERROR, KIOSK_PIN_STORE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (kiosk_pin_store_set_pin_sync (store, "", PIN_1, NULL, &error));
  g_assert_error (error, KIOSK_PIN_STORE_ERROR, KIOSK_PIN_STORE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (kiosk_pin_store_verify_pin_sync (store, NULL, PIN_1, &matches, NULL, &error));
  g_assert_error (error, KIOSK_PIN_STORE_ERROR, KIOSK_PIN_STORE_ERROR_FAILED);
  g_assert_false (matches);
  g_clear_error (&error);

  g_cancellable_cancel (cancellable);
  g_assert_false (kiosk_pin_store_set_pin_sync (store, SALON_1, PIN_1, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (kiosk_pin_store_has_pin_sync (store, SALON_1, NULL, &error));
  g_assert_no_error (error);
}

static void
no_secret_service (KioskTestKeyring *bare)
{
  g_autoptr(KioskPinStore) store = kiosk_pin_store_new ();
  g_autoptr(GError) error = NULL;
  gboolean matches = TRUE;

  g_assert_false (kiosk_pin_store_set_pin_sync (store, SALON_1, PIN_1, NULL, &error));
  g_assert_error (error, KIOSK_PIN_STORE_ERROR, KIOSK_PIN_STORE_ERROR_UNAVAILABLE);
  g_test_message ("set: %s", error->message);
  g_assert_nonnull (strstr (error->message, "No secret store"));
  g_assert_null (strstr (error->message, PIN_1));
  g_clear_error (&error);
  g_assert_false (kiosk_pin_store_verify_pin_sync (store, SALON_1, PIN_1, &matches, NULL, &error));
  g_assert_error (error, KIOSK_PIN_STORE_ERROR, KIOSK_PIN_STORE_ERROR_UNAVAILABLE);
  g_assert_false (matches);
  g_clear_error (&error);
  g_assert_false (kiosk_pin_store_has_pin_sync (store, SALON_1, NULL, &error));
  g_assert_error (error, KIOSK_PIN_STORE_ERROR, KIOSK_PIN_STORE_ERROR_UNAVAILABLE);
}

static void
test_no_secret_service (void)
{
  kiosk_test_keyring_run_in_child (FALSE, 30, no_secret_service);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pin-store/set-verify", test_set_verify);
  g_test_add_func ("/pin-store/salons-kept-apart", test_salons_kept_apart);
  g_test_add_func ("/pin-store/stored-as-hash", test_stored_as_hash);
  g_test_add_func ("/pin-store/damaged-hash", test_damaged_hash);
  g_test_add_func ("/pin-store/bad-input", test_bad_input);
  g_test_add_func ("/pin-store/no-secret-service", test_no_secret_service);

  return kiosk_test_keyring_run ();
}
