/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The staff PIN, kept in the Secret Service (inside Flatpak: the Secret
 * portal) only as a salted slow hash, never the PIN itself:
 * "pbkdf2-sha256$<iterations>$<salt, base64>$<hash, base64>" (see
 * src/domain/kiosk-pbkdf2.h), with a fresh 16-byte salt from getrandom(2)
 * each time it is set. Schema "com.salonity.Kiosk.Pin", attribute "salon"
 * (the salon id, or the device id before pairing).
 *
 * Every call blocks (PBKDF2 and D-Bus): use a worker thread in the UI.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define KIOSK_PIN_STORE_ERROR (kiosk_pin_store_error_quark ())

typedef enum {
  KIOSK_PIN_STORE_ERROR_UNAVAILABLE,  /* no secret store answers, or it is locked */
  KIOSK_PIN_STORE_ERROR_NOT_FOUND,    /* no PIN set for this salon */
  KIOSK_PIN_STORE_ERROR_FAILED,       /* refused, or a damaged stored hash */
} KioskPinStoreError;

GQuark kiosk_pin_store_error_quark (void);

#define KIOSK_TYPE_PIN_STORE (kiosk_pin_store_get_type ())
G_DECLARE_FINAL_TYPE (KioskPinStore, kiosk_pin_store, KIOSK, PIN_STORE, GObject)

KioskPinStore *kiosk_pin_store_new             (void);

/* Replaces any PIN of @salon. @pin must not be empty; what a good PIN is
 * (digits, length) is the caller's rule. */
gboolean       kiosk_pin_store_set_pin_sync    (KioskPinStore  *self,
                                                const char     *salon,
                                                const char     *pin,
                                                GCancellable   *cancellable,
                                                GError        **error);
/* FALSE without an error when @salon has no PIN. */
gboolean       kiosk_pin_store_has_pin_sync    (KioskPinStore  *self,
                                                const char     *salon,
                                                GCancellable   *cancellable,
                                                GError        **error);
/* TRUE when the PIN could be checked, with *@matches telling whether it is
 * right (compared in constant time). NOT_FOUND when none is set. */
gboolean       kiosk_pin_store_verify_pin_sync (KioskPinStore  *self,
                                                const char     *salon,
                                                const char     *pin,
                                                gboolean       *matches,
                                                GCancellable   *cancellable,
                                                GError        **error);
/* Nothing to clear is a success. */
gboolean       kiosk_pin_store_clear_pin_sync  (KioskPinStore  *self,
                                                const char     *salon,
                                                GCancellable   *cancellable,
                                                GError        **error);

G_END_DECLS
