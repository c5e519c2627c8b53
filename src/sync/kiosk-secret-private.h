/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The Secret Service calls that the device token (kiosk-credentials.c) and
 * the staff PIN (kiosk-pin-store.c) share: each store keeps its own error
 * domain and words, this only tells which case a libsecret or GDBus error
 * is. Private to src/sync.
 */
#pragma once

#include <libsecret/secret.h>

G_BEGIN_DECLS

/* The cases the kiosk acts on. Whatever keeps the secret store from
 * answering (no bus, no service, a locked keyring nobody can unlock here, a
 * dismissed prompt) is one of the first three: the caller reports it as
 * unavailable and works on. */
typedef enum
{
  KIOSK_SECRET_NO_SERVICE,   /* nobody answers for the Secret Service */
  KIOSK_SECRET_LOCKED,       /* locked, and no prompt can unlock it here */
  KIOSK_SECRET_UNREACHABLE,  /* the bus or the service failed: @detail says how */
  KIOSK_SECRET_NOT_FOUND,    /* no item with these attributes (lookups only) */
  KIOSK_SECRET_REFUSED,      /* the service said no: @detail says why */
  KIOSK_SECRET_NEEDS_PROMPT, /* storing would wait for a password typed into a prompt: the
                              * default keyring is locked or missing, or the service asked */
} KioskSecretProblem;

/* Sets @error in the caller's own domain for @problem; @detail is the
 * libsecret or GDBus message for UNREACHABLE and REFUSED, else NULL. */
typedef void (*KioskSecretSetError) (GError             **error,
                                     KioskSecretProblem   problem,
                                     const char          *detail);

/* Stores @value under @attributes in the default collection, replacing the
 * item with the same attributes. */
gboolean  kiosk_secret_store_sync  (const SecretSchema   *schema,
                                    GHashTable           *attributes,
                                    const char           *label,
                                    SecretValue          *value,
                                    KioskSecretSetError   set_error,
                                    GCancellable         *cancellable,
                                    GError              **error);
/* The same, given up after @timeout_ms with NEEDS_PROMPT: a store that
 * takes that long waits for a prompt (an unlock dialog nobody at a kiosk
 * sees); it is dismissed. */
gboolean  kiosk_secret_store_timeout_sync (const SecretSchema   *schema,
                                           GHashTable           *attributes,
                                           const char           *label,
                                           SecretValue          *value,
                                           guint                 timeout_ms,
                                           KioskSecretSetError   set_error,
                                           GCancellable         *cancellable,
                                           GError              **error);
/* Whether an item can be stored now without anyone typing a password: the
 * default collection exists and is unlocked (else NEEDS_PROMPT, without
 * starting any prompt), and a probe item under @attributes is stored within
 * @timeout_ms and removed. */
gboolean  kiosk_secret_check_storable_sync (const SecretSchema   *schema,
                                            GHashTable           *attributes,
                                            const char           *label,
                                            guint                 timeout_ms,
                                            KioskSecretSetError   set_error,
                                            GCancellable         *cancellable,
                                            GError              **error);
/* The non-empty text stored under @attributes; NULL with NOT_FOUND when
 * there is none, LOCKED when there is one but it is locked. */
char     *kiosk_secret_lookup_sync (const SecretSchema   *schema,
                                    GHashTable           *attributes,
                                    KioskSecretSetError   set_error,
                                    GCancellable         *cancellable,
                                    GError              **error);
/* Nothing to clear is a success. */
gboolean  kiosk_secret_clear_sync  (const SecretSchema   *schema,
                                    GHashTable           *attributes,
                                    KioskSecretSetError   set_error,
                                    GCancellable         *cancellable,
                                    GError              **error);

G_END_DECLS
