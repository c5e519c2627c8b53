/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-pin-store"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>
#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "kiosk-pbkdf2.h"
#include "kiosk-pin-store.h"
#include "kiosk-secret-private.h"

struct _KioskPinStore
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (KioskPinStore, kiosk_pin_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (kiosk-pin-store-error-quark, kiosk_pin_store_error)

#define PIN_LABEL "Salonity Kiosk staff PIN"

static const SecretSchema *
pin_schema (void)
{
  static const SecretSchema schema = {
    "com.salonity.Kiosk.Pin",
    SECRET_SCHEMA_NONE,
    {
      { "salon", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

static void
kiosk_pin_store_class_init (KioskPinStoreClass *klass)
{
}

static void
kiosk_pin_store_init (KioskPinStore *self)
{
}

KioskPinStore *
kiosk_pin_store_new (void)
{
  return g_object_new (KIOSK_TYPE_PIN_STORE, NULL);
}

static gboolean
check_salon (const char  *salon,
             GError     **error)
{
  if (salon == NULL || *salon == '\0')
    {
      g_set_error_literal (error, KIOSK_PIN_STORE_ERROR, KIOSK_PIN_STORE_ERROR_FAILED,
                           _("The staff PIN needs the salon it belongs to."));
      return FALSE;
    }
  return TRUE;
}

static GHashTable *
pin_attributes (const char *salon)
{
  GHashTable *attributes = g_hash_table_new (g_str_hash, g_str_equal);

  /* Borrowed: the caller's string outlives every use. */
  g_hash_table_insert (attributes, (gpointer) "salon", (gpointer) salon);
  return attributes;
}

/* The words for each case of kiosk-secret-private.h, as for the device
 * token: whatever keeps the secret store from answering is UNAVAILABLE. */
static void
set_pin_error (GError             **error,
               KioskSecretProblem   problem,
               const char          *detail)
{
  switch (problem)
    {
    case KIOSK_SECRET_NO_SERVICE:
      g_set_error_literal (error, KIOSK_PIN_STORE_ERROR, KIOSK_PIN_STORE_ERROR_UNAVAILABLE,
                           _("No secret store (keyring) is running in this session, "
                             "so the staff PIN cannot be checked or set."));
      break;
    case KIOSK_SECRET_LOCKED:
    case KIOSK_SECRET_NEEDS_PROMPT:
      g_set_error_literal (error, KIOSK_PIN_STORE_ERROR, KIOSK_PIN_STORE_ERROR_UNAVAILABLE,
                           _("The keyring is locked and cannot be unlocked here, "
                             "so the staff PIN cannot be checked or set."));
      break;
    case KIOSK_SECRET_UNREACHABLE:
      g_set_error (error, KIOSK_PIN_STORE_ERROR, KIOSK_PIN_STORE_ERROR_UNAVAILABLE,
                   _("The secret store (keyring) cannot be reached: %s."),
                   detail);
      break;
    case KIOSK_SECRET_NOT_FOUND:
      g_set_error_literal (error, KIOSK_PIN_STORE_ERROR, KIOSK_PIN_STORE_ERROR_NOT_FOUND,
                           _("No staff PIN has been set on this kiosk yet."));
      break;
    case KIOSK_SECRET_REFUSED:
    default:
      g_set_error (error, KIOSK_PIN_STORE_ERROR, KIOSK_PIN_STORE_ERROR_FAILED,
                   _("The secret store (keyring) refused the staff PIN: %s"),
                   detail);
      break;
    }
}

static gboolean
random_salt (guint8   *salt,
             gsize     length,
             GError  **error)
{
  gsize done = 0;

  while (done < length)
    {
      ssize_t got = getrandom (salt + done, length - done, 0);

      if (got < 0 && errno == EINTR)
        continue;
      if (got <= 0)
        {
          int saved = errno;

          g_set_error (error, KIOSK_PIN_STORE_ERROR, KIOSK_PIN_STORE_ERROR_FAILED,
                       _("No random numbers for the staff PIN: %s"), g_strerror (saved));
          return FALSE;
        }
      done += (gsize) got;
    }
  return TRUE;
}

gboolean
kiosk_pin_store_set_pin_sync (KioskPinStore  *self,
                              const char     *salon,
                              const char     *pin,
                              GCancellable   *cancellable,
                              GError        **error)
{
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(SecretValue) value = NULL;
  guint8 salt[KIOSK_PBKDF2_SALT_LENGTH];
  char *encoded;

  g_return_val_if_fail (KIOSK_IS_PIN_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_salon (salon, error))
    return FALSE;
  if (pin == NULL || *pin == '\0')
    {
      g_set_error_literal (error, KIOSK_PIN_STORE_ERROR, KIOSK_PIN_STORE_ERROR_FAILED,
                           _("The staff PIN cannot be empty."));
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (!random_salt (salt, sizeof salt, error))
    return FALSE;

  encoded = kiosk_pbkdf2_encode (pin, salt, sizeof salt, KIOSK_PBKDF2_DEFAULT_ITERATIONS);
  g_assert (encoded != NULL);
  /* The SecretValue owns the hash text and wipes nothing; fine, as it is
   * not the PIN. */
  value = secret_value_new_full (encoded, -1, "text/plain", g_free);

  attributes = pin_attributes (salon);
  return kiosk_secret_store_sync (pin_schema (), attributes, PIN_LABEL, value,
                                  set_pin_error, cancellable, error);
}

/* The stored hash of @salon; NULL with NOT_FOUND when there is none. */
static char *
lookup_hash (const char    *salon,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GHashTable) attributes = pin_attributes (salon);

  return kiosk_secret_lookup_sync (pin_schema (), attributes, set_pin_error, cancellable, error);
}

gboolean
kiosk_pin_store_has_pin_sync (KioskPinStore  *self,
                              const char     *salon,
                              GCancellable   *cancellable,
                              GError        **error)
{
  g_autofree char *encoded = NULL;
  GError *local = NULL;

  g_return_val_if_fail (KIOSK_IS_PIN_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_salon (salon, error))
    return FALSE;
  encoded = lookup_hash (salon, cancellable, &local);
  if (encoded != NULL)
    return TRUE;
  if (!g_error_matches (local, KIOSK_PIN_STORE_ERROR, KIOSK_PIN_STORE_ERROR_NOT_FOUND))
    g_propagate_error (error, local);
  else
    g_error_free (local);
  return FALSE;
}

gboolean
kiosk_pin_store_verify_pin_sync (KioskPinStore  *self,
                                 const char     *salon,
                                 const char     *pin,
                                 gboolean       *matches,
                                 GCancellable   *cancellable,
                                 GError        **error)
{
  g_autofree char *encoded = NULL;
  gboolean malformed = FALSE;
  gboolean right;

  g_return_val_if_fail (KIOSK_IS_PIN_STORE (self), FALSE);
  g_return_val_if_fail (matches != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *matches = FALSE;
  if (!check_salon (salon, error))
    return FALSE;
  if ((encoded = lookup_hash (salon, cancellable, error)) == NULL)
    return FALSE;

  /* An empty PIN is checked like any other, so that it takes as long. */
  right = kiosk_pbkdf2_verify (encoded, pin != NULL ? pin : "", &malformed);
  if (malformed)
    {
      g_set_error_literal (error, KIOSK_PIN_STORE_ERROR, KIOSK_PIN_STORE_ERROR_FAILED,
                           _("The stored staff PIN is damaged. Set a new one."));
      return FALSE;
    }
  *matches = right && pin != NULL && *pin != '\0';
  return TRUE;
}

gboolean
kiosk_pin_store_clear_pin_sync (KioskPinStore  *self,
                                const char     *salon,
                                GCancellable   *cancellable,
                                GError        **error)
{
  g_autoptr(GHashTable) attributes = NULL;

  g_return_val_if_fail (KIOSK_IS_PIN_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_salon (salon, error))
    return FALSE;
  attributes = pin_attributes (salon);
  return kiosk_secret_clear_sync (pin_schema (), attributes, set_pin_error, cancellable, error);
}
