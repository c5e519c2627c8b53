/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * PBKDF2-HMAC-SHA256 (RFC 8018) on GLib's GHmac, for the staff PIN, and the
 * text form a PIN hash is kept in:
 *
 *   pbkdf2-sha256$<iterations>$<salt, base64>$<hash, base64>
 *
 * The salt comes from the caller (the domain has no randomness of its own).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* 100 000 rounds is the floor the kiosk accepts for a new PIN hash; the
 * default is measured on the target hardware (see kiosk-pbkdf2.c). */
#define KIOSK_PBKDF2_MIN_ITERATIONS      100000
#define KIOSK_PBKDF2_DEFAULT_ITERATIONS  150000
/* A stored hash asking for more is refused: it would hang the kiosk. */
#define KIOSK_PBKDF2_MAX_ITERATIONS      10000000
#define KIOSK_PBKDF2_SALT_LENGTH         16
#define KIOSK_PBKDF2_HASH_LENGTH         32

/* Derives @out_length bytes into @out. FALSE (and @out untouched) when
 * @iterations is 0 or @out_length is 0 or too long for PBKDF2. */
gboolean  kiosk_pbkdf2_sha256        (const guint8 *password,
                                      gsize         password_length,
                                      const guint8 *salt,
                                      gsize         salt_length,
                                      guint         iterations,
                                      guint8       *out,
                                      gsize         out_length);

/* The encoded hash of @pin with @salt, or NULL when @iterations is outside
 * [1, KIOSK_PBKDF2_MAX_ITERATIONS] or the salt is empty. */
char     *kiosk_pbkdf2_encode        (const char   *pin,
                                      const guint8 *salt,
                                      gsize         salt_length,
                                      guint         iterations);

/* Splits an encoded hash. FALSE for anything not in the form above (wrong
 * scheme, iterations out of range, bad base64, empty salt, a hash that is
 * not 32 bytes). Outputs may be NULL; they are set only on success. */
gboolean  kiosk_pbkdf2_decode        (const char   *encoded,
                                      guint        *iterations,
                                      GBytes      **salt,
                                      GBytes      **hash);

/* Whether @pin matches @encoded, comparing the hashes in constant time.
 * FALSE for a malformed @encoded (see @malformed, may be NULL). */
gboolean  kiosk_pbkdf2_verify        (const char   *encoded,
                                      const char   *pin,
                                      gboolean     *malformed);

/* memcmp() whose time does not depend on where the bytes differ. */
gboolean  kiosk_constant_time_equal  (const guint8 *a,
                                      const guint8 *b,
                                      gsize         length);

G_END_DECLS
