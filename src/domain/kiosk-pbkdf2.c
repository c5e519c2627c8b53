/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-pbkdf2"

#include <string.h>

#include "kiosk-pbkdf2.h"

#define SCHEME "pbkdf2-sha256"

/* KIOSK_PBKDF2_DEFAULT_ITERATIONS: on the development machine (2 cores,
 * GLib 2.74's SHA-256) a round costs about 0.8 µs, so 150 000 rounds take
 * 0.12 s idle and under 0.25 s with both cores busy: slow for guessing,
 * still quick for a PIN typed at the desk. */

static void
wipe (gpointer data,
      gsize    length)
{
  volatile guint8 *p = data;

  /* volatile: the compiler may not drop stores to memory freed next. */
  while (length-- > 0)
    *p++ = 0;
}

gboolean
kiosk_pbkdf2_sha256 (const guint8 *password,
                     gsize         password_length,
                     const guint8 *salt,
                     gsize         salt_length,
                     guint         iterations,
                     guint8       *out,
                     gsize         out_length)
{
  GHmac *keyed;
  guint8 u[KIOSK_PBKDF2_HASH_LENGTH];
  guint8 t[KIOSK_PBKDF2_HASH_LENGTH];
  guint32 blocks;

  g_return_val_if_fail (password != NULL || password_length == 0, FALSE);
  g_return_val_if_fail (salt != NULL || salt_length == 0, FALSE);
  g_return_val_if_fail (out != NULL || out_length == 0, FALSE);

  /* RFC 8018 §5.2: dkLen ≤ (2^32 - 1) · hLen. */
  if (iterations == 0 || out_length == 0 ||
      (out_length - 1) / KIOSK_PBKDF2_HASH_LENGTH >= G_MAXUINT32)
    return FALSE;
  blocks = (guint32) ((out_length + KIOSK_PBKDF2_HASH_LENGTH - 1) / KIOSK_PBKDF2_HASH_LENGTH);

  /* Keyed once; every HMAC below is a copy, which saves hashing the key
   * pads again in each of the many rounds. */
  keyed = g_hmac_new (G_CHECKSUM_SHA256, password != NULL ? password : (const guint8 *) "",
                      password_length);

  for (guint32 block = 1; block <= blocks; block++)
    {
      const guint8 block_index[4] = { block >> 24, (block >> 16) & 0xff, (block >> 8) & 0xff, block & 0xff };
      gsize offset = (gsize) (block - 1) * KIOSK_PBKDF2_HASH_LENGTH;
      gsize take = MIN (out_length - offset, KIOSK_PBKDF2_HASH_LENGTH);
      GHmac *hmac;
      gsize length = sizeof u;

      /* U1 = PRF (P, S || INT (i)) */
      hmac = g_hmac_copy (keyed);
      if (salt_length > 0)
        g_hmac_update (hmac, salt, salt_length);
      g_hmac_update (hmac, block_index, sizeof block_index);
      g_hmac_get_digest (hmac, u, &length);
      g_hmac_unref (hmac);
      memcpy (t, u, sizeof t);

      /* Uj = PRF (P, Uj-1); T = U1 ^ … ^ Uc */
      for (guint j = 1; j < iterations; j++)
        {
          hmac = g_hmac_copy (keyed);
          g_hmac_update (hmac, u, sizeof u);
          length = sizeof u;
          g_hmac_get_digest (hmac, u, &length);
          g_hmac_unref (hmac);
          for (guint k = 0; k < sizeof t; k++)
            t[k] ^= u[k];
        }

      memcpy (out + offset, t, take);
    }

  g_hmac_unref (keyed);
  wipe (u, sizeof u);
  wipe (t, sizeof t);
  return TRUE;
}

gboolean
kiosk_constant_time_equal (const guint8 *a,
                           const guint8 *b,
                           gsize         length)
{
  guint8 difference = 0;

  for (gsize i = 0; i < length; i++)
    difference |= a[i] ^ b[i];
  return difference == 0;
}

char *
kiosk_pbkdf2_encode (const char   *pin,
                     const guint8 *salt,
                     gsize         salt_length,
                     guint         iterations)
{
  guint8 hash[KIOSK_PBKDF2_HASH_LENGTH];
  g_autofree char *salt_text = NULL;
  g_autofree char *hash_text = NULL;
  char *encoded;

  g_return_val_if_fail (pin != NULL, NULL);

  if (salt == NULL || salt_length == 0 ||
      iterations == 0 || iterations > KIOSK_PBKDF2_MAX_ITERATIONS)
    return NULL;
  if (!kiosk_pbkdf2_sha256 ((const guint8 *) pin, strlen (pin), salt, salt_length,
                            iterations, hash, sizeof hash))
    return NULL;

  salt_text = g_base64_encode (salt, salt_length);
  hash_text = g_base64_encode (hash, sizeof hash);
  wipe (hash, sizeof hash);
  encoded = g_strdup_printf (SCHEME "$%u$%s$%s", iterations, salt_text, hash_text);
  wipe (hash_text, strlen (hash_text));
  return encoded;
}

static gboolean
is_base64 (const char *text)
{
  gsize length = strlen (text);
  gsize padding = 0;

  if (length == 0 || length % 4 != 0)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (c == '=')
        {
          /* Only at the end, at most two. */
          if (i + 2 < length)
            return FALSE;
          padding++;
        }
      else if (padding > 0 ||
               !(g_ascii_isalnum (c) || c == '+' || c == '/'))
        return FALSE;
    }
  return padding <= 2;
}

gboolean
kiosk_pbkdf2_decode (const char  *encoded,
                     guint       *iterations,
                     GBytes     **salt,
                     GBytes     **hash)
{
  g_auto(GStrv) parts = NULL;
  guint64 rounds = 0;
  guchar *salt_data;
  guchar *hash_data;
  gsize salt_length = 0;
  gsize hash_length = 0;

  if (encoded == NULL)
    return FALSE;
  parts = g_strsplit (encoded, "$", 0);
  if (g_strv_length (parts) != 4 || strcmp (parts[0], SCHEME) != 0)
    return FALSE;
  /* Decimal digits only: no sign, no spaces, no leading zero. */
  if (!g_ascii_string_to_unsigned (parts[1], 10, 1, KIOSK_PBKDF2_MAX_ITERATIONS, &rounds, NULL) ||
      parts[1][0] == '0' || parts[1][0] == '+')
    return FALSE;
  if (!is_base64 (parts[2]) || !is_base64 (parts[3]))
    return FALSE;

  salt_data = g_base64_decode (parts[2], &salt_length);
  hash_data = g_base64_decode (parts[3], &hash_length);
  if (salt_length == 0 || hash_length != KIOSK_PBKDF2_HASH_LENGTH)
    {
      g_free (salt_data);
      g_free (hash_data);
      return FALSE;
    }

  if (iterations != NULL)
    *iterations = (guint) rounds;
  if (salt != NULL)
    *salt = g_bytes_new_take (salt_data, salt_length);
  else
    g_free (salt_data);
  if (hash != NULL)
    *hash = g_bytes_new_take (hash_data, hash_length);
  else
    g_free (hash_data);
  return TRUE;
}

gboolean
kiosk_pbkdf2_verify (const char *encoded,
                     const char *pin,
                     gboolean   *malformed)
{
  g_autoptr(GBytes) salt = NULL;
  g_autoptr(GBytes) hash = NULL;
  guint8 candidate[KIOSK_PBKDF2_HASH_LENGTH];
  guint iterations = 0;
  gsize salt_length = 0;
  const guint8 *salt_data;
  gboolean equal;

  g_return_val_if_fail (pin != NULL, FALSE);

  if (malformed != NULL)
    *malformed = FALSE;
  if (!kiosk_pbkdf2_decode (encoded, &iterations, &salt, &hash))
    {
      if (malformed != NULL)
        *malformed = TRUE;
      return FALSE;
    }

  salt_data = g_bytes_get_data (salt, &salt_length);
  if (!kiosk_pbkdf2_sha256 ((const guint8 *) pin, strlen (pin), salt_data, salt_length,
                            iterations, candidate, sizeof candidate))
    return FALSE;
  equal = kiosk_constant_time_equal (candidate, g_bytes_get_data (hash, NULL), sizeof candidate);
  wipe (candidate, sizeof candidate);
  return equal;
}
