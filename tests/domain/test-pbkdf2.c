/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * PBKDF2-HMAC-SHA256 against the published RFC 6070-style vectors for
 * SHA-256 (the same values as Python's hashlib.pbkdf2_hmac), and the text
 * form the staff PIN hash is stored in.
 */
#define G_LOG_DOMAIN "test-pbkdf2"

#include <string.h>
#include <glib.h>

#include "kiosk-pbkdf2.h"

static char *
to_hex (const guint8 *data,
        gsize         length)
{
  GString *hex = g_string_sized_new (length * 2);

  for (gsize i = 0; i < length; i++)
    g_string_append_printf (hex, "%02x", data[i]);
  return g_string_free (hex, FALSE);
}

static void
test_vectors (void)
{
  static const struct {
    const char *password;
    gsize       password_length;
    const char *salt;
    gsize       salt_length;
    guint       iterations;
    gsize       length;
    const char *expected;
  } vectors[] = {
    { "password", 8, "salt", 4, 1, 32,
      "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b" },
    { "password", 8, "salt", 4, 2, 32,
      "ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43" },
    { "password", 8, "salt", 4, 4096, 32,
      "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a" },
    { "passwordPASSWORDpassword", 24, "saltSALTsaltSALTsaltSALTsaltSALTsalt", 36, 4096, 40,
      "348c89dbcbd32b2f32d814b8116e84cf2b17347ebc1800181c4e2a1fb8dd53e1c635518c7dac47e9" },
    { "pass\0word", 9, "sa\0lt", 5, 4096, 16,
      "89b69d0516f829893c696226650a8687" },
    /* Two blocks: T2 must use INT (2). */
    { "password", 8, "salt", 4, 1, 64,
      "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b"
      "4dbf3a2f3dad3377264bb7b8e8330d4efc7451418617dabef683735361cdc18c" },
    /* An empty password is a valid HMAC key. */
    { "", 0, "salt", 4, 1, 32,
      "f135c27993baf98773c5cdb40a5706ce6a345cde61b000a67858650cd6a324d7" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      guint8 out[64];
      g_autofree char *hex = NULL;

      memset (out, 0xaa, sizeof out);
      g_assert_true (kiosk_pbkdf2_sha256 ((const guint8 *) vectors[i].password, vectors[i].password_length,
                                          (const guint8 *) vectors[i].salt, vectors[i].salt_length,
                                          vectors[i].iterations, out, vectors[i].length));
      hex = to_hex (out, vectors[i].length);
      g_assert_cmpstr (hex, ==, vectors[i].expected);
      /* Nothing written past the asked length. */
      for (gsize k = vectors[i].length; k < sizeof out; k++)
        g_assert_cmpuint (out[k], ==, 0xaa);
    }
}

/* The kiosk's own round count, against hashlib, and how long it takes
 * here (the default is chosen to stay well under half a second). */
static void
test_default_rounds (void)
{
  guint8 out[32];
  g_autofree char *hex = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 took;

  g_assert_cmpuint (KIOSK_PBKDF2_DEFAULT_ITERATIONS, >=, KIOSK_PBKDF2_MIN_ITERATIONS);
  g_assert_cmpuint (KIOSK_PBKDF2_MIN_ITERATIONS, >=, 100000);
  g_assert_cmpuint (KIOSK_PBKDF2_DEFAULT_ITERATIONS, ==, 150000);
  g_assert_true (kiosk_pbkdf2_sha256 ((const guint8 *) "password", 8, (const guint8 *) "salt", 4,
                                      KIOSK_PBKDF2_DEFAULT_ITERATIONS, out, sizeof out));
  took = g_get_monotonic_time () - start;
  hex = to_hex (out, sizeof out);
  g_assert_cmpstr (hex, ==, "95c443d04a2b5e204a2e7f3d5bd4f9a806781e0f1dc67d8235fabaf9bbe0b4c9");
  g_test_message ("%u rounds took %.3f s", KIOSK_PBKDF2_DEFAULT_ITERATIONS, took / (double) G_USEC_PER_SEC);
}

static void
test_refuses_nonsense (void)
{
  guint8 out[32] = { 0 };

  g_assert_false (kiosk_pbkdf2_sha256 ((const guint8 *) "password", 8, (const guint8 *) "salt", 4, 0, out, 32));
  g_assert_false (kiosk_pbkdf2_sha256 ((const guint8 *) "password", 8, (const guint8 *) "salt", 4, 1, out, 0));
  for (guint i = 0; i < sizeof out; i++)
    g_assert_cmpuint (out[i], ==, 0);
}

static void
test_encode (void)
{
  static const guint8 salt[16] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 };
  g_autofree char *encoded = kiosk_pbkdf2_encode ("1234", salt, sizeof salt, KIOSK_PBKDF2_DEFAULT_ITERATIONS);
  g_autofree char *turkish = kiosk_pbkdf2_encode ("şİğ", (const guint8 *) "tuz", 3, 1000);

  /* Python: base64 of hashlib.pbkdf2_hmac ('sha256', b'1234', bytes (range (16)), 150000). */
  g_assert_cmpstr (encoded, ==,
                   "pbkdf2-sha256$150000$AAECAwQFBgcICQoLDA0ODw==$wtJTjguMa3tlH45CbCVFVrUS6fB0TgqOlCKUb6FTuEU=");
  g_assert_null (strstr (encoded, "1234"));
  /* UTF-8 bytes as given. */
  g_assert_cmpstr (turkish, ==, "pbkdf2-sha256$1000$dHV6$qtfmxckRD1XmcMU0wFOTQBkPB8MoVRgC3y5pdxpQam8=");

  g_assert_null (kiosk_pbkdf2_encode ("1234", salt, 0, 1000));
  g_assert_null (kiosk_pbkdf2_encode ("1234", salt, sizeof salt, 0));
  g_assert_null (kiosk_pbkdf2_encode ("1234", salt, sizeof salt, KIOSK_PBKDF2_MAX_ITERATIONS + 1));
}

static void
test_decode (void)
{
  g_autoptr(GBytes) salt = NULL;
  g_autoptr(GBytes) hash = NULL;
  guint iterations = 0;
  const guint8 *data;
  gsize length = 0;

  g_assert_true (kiosk_pbkdf2_decode ("pbkdf2-sha256$150000$AAECAwQFBgcICQoLDA0ODw==$"
                                      "wtJTjguMa3tlH45CbCVFVrUS6fB0TgqOlCKUb6FTuEU=",
                                      &iterations, &salt, &hash));
  g_assert_cmpuint (iterations, ==, 150000);
  data = g_bytes_get_data (salt, &length);
  g_assert_cmpuint (length, ==, 16);
  for (guint i = 0; i < 16; i++)
    g_assert_cmpuint (data[i], ==, i);
  g_assert_cmpuint (g_bytes_get_size (hash), ==, 32);
  g_assert_cmpuint (((const guint8 *) g_bytes_get_data (hash, NULL))[0], ==, 0xc2);
}

static void
test_decode_malformed (void)
{
  static const char * const bad[] = {
    "",
    "1234",
    "pbkdf2-sha256",
    "pbkdf2-sha1$150000$AAECAwQFBgcICQoLDA0ODw==$wtJTjguMa3tlH45CbCVFVrUS6fB0TgqOlCKUb6FTuEU=",
    "PBKDF2-SHA256$150000$AAECAwQFBgcICQoLDA0ODw==$wtJTjguMa3tlH45CbCVFVrUS6fB0TgqOlCKUb6FTuEU=",
    "pbkdf2-sha256$0$AAECAwQFBgcICQoLDA0ODw==$wtJTjguMa3tlH45CbCVFVrUS6fB0TgqOlCKUb6FTuEU=",
    "pbkdf2-sha256$-1$AAECAwQFBgcICQoLDA0ODw==$wtJTjguMa3tlH45CbCVFVrUS6fB0TgqOlCKUb6FTuEU=",
    "pbkdf2-sha256$+150000$AAECAwQFBgcICQoLDA0ODw==$wtJTjguMa3tlH45CbCVFVrUS6fB0TgqOlCKUb6FTuEU=",
    "pbkdf2-sha256$0150000$AAECAwQFBgcICQoLDA0ODw==$wtJTjguMa3tlH45CbCVFVrUS6fB0TgqOlCKUb6FTuEU=",
    "pbkdf2-sha256$ 150000$AAECAwQFBgcICQoLDA0ODw==$wtJTjguMa3tlH45CbCVFVrUS6fB0TgqOlCKUb6FTuEU=",
    "pbkdf2-sha256$10000001$AAECAwQFBgcICQoLDA0ODw==$wtJTjguMa3tlH45CbCVFVrUS6fB0TgqOlCKUb6FTuEU=",
    "pbkdf2-sha256$99999999999999999999$AAECAwQFBgcICQoLDA0ODw==$wtJTjguMa3tlH45CbCVFVrUS6fB0TgqOlCKUb6FTuEU=",
    "pbkdf2-sha256$abc$AAECAwQFBgcICQoLDA0ODw==$wtJTjguMa3tlH45CbCVFVrUS6fB0TgqOlCKUb6FTuEU=",
    "pbkdf2-sha256$150000$$wtJTjguMa3tlH45CbCVFVrUS6fB0TgqOlCKUb6FTuEU=",
    "pbkdf2-sha256$150000$AAECAwQFBgcICQoLDA0ODw==$",
    "pbkdf2-sha256$150000$AAECAwQFBgcICQoLDA0ODw$wtJTjguMa3tlH45CbCVFVrUS6fB0TgqOlCKUb6FTuEU=",
    "pbkdf2-sha256$150000$AAEC*wQFBgcICQoLDA0ODw==$wtJTjguMa3tlH45CbCVFVrUS6fB0TgqOlCKUb6FTuEU=",
    "pbkdf2-sha256$150000$AAECAwQFBgcICQoLDA0ODw==$wtJTjguMa3tlH45CbCVFVrUS6fB0TgqOlCKUb6FTuE=A",
    /* A hash of 31 bytes */
    "pbkdf2-sha256$150000$AAECAwQFBgcICQoLDA0ODw==$wtJTjguMa3tlH45CbCVFVrUS6fB0TgqOlCKUb6FTuA==",
    "pbkdf2-sha256$150000$AAECAwQFBgcICQoLDA0ODw==$wtJTjguMa3tlH45CbCVFVrUS6fB0TgqOlCKUb6FTuEU=$",
    "pbkdf2-sha256$150000$AAECAwQFBgcICQoLDA0ODw==",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      GBytes *salt = NULL;
      GBytes *hash = NULL;
      guint iterations = 7;
      gboolean malformed = FALSE;

      g_test_message ("%s", bad[i]);
      g_assert_false (kiosk_pbkdf2_decode (bad[i], &iterations, &salt, &hash));
      g_assert_cmpuint (iterations, ==, 7);
      g_assert_null (salt);
      g_assert_null (hash);
      g_assert_false (kiosk_pbkdf2_verify (bad[i], "1234", &malformed));
      g_assert_true (malformed);
    }
  g_assert_false (kiosk_pbkdf2_decode (NULL, NULL, NULL, NULL));
}

static void
test_verify (void)
{
  static const guint8 salt[16] = { 0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
  g_autofree char *encoded = kiosk_pbkdf2_encode ("482916", salt, sizeof salt, 1000);
  g_autofree char *other_salt = kiosk_pbkdf2_encode ("482916", (const guint8 *) "other", 5, 1000);
  gboolean malformed = TRUE;

  g_assert_true (kiosk_pbkdf2_verify (encoded, "482916", &malformed));
  g_assert_false (malformed);
  g_assert_false (kiosk_pbkdf2_verify (encoded, "482917", &malformed));
  g_assert_false (malformed);
  g_assert_false (kiosk_pbkdf2_verify (encoded, "48291", NULL));
  g_assert_false (kiosk_pbkdf2_verify (encoded, "4829166", NULL));
  g_assert_false (kiosk_pbkdf2_verify (encoded, "", NULL));
  /* The salt matters: the same PIN hashes differently. */
  g_assert_cmpstr (encoded, !=, other_salt);
  g_assert_true (kiosk_pbkdf2_verify (other_salt, "482916", NULL));
}

static void
test_constant_time_equal (void)
{
  const guint8 a[4] = { 1, 2, 3, 4 };
  const guint8 b[4] = { 1, 2, 3, 5 };
  const guint8 c[4] = { 0, 2, 3, 4 };

  g_assert_true (kiosk_constant_time_equal (a, a, 4));
  g_assert_false (kiosk_constant_time_equal (a, b, 4));
  g_assert_false (kiosk_constant_time_equal (a, c, 4));
  g_assert_true (kiosk_constant_time_equal (a, b, 3));
  g_assert_true (kiosk_constant_time_equal (a, c, 0));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pbkdf2/vectors", test_vectors);
  g_test_add_func ("/pbkdf2/default-rounds", test_default_rounds);
  g_test_add_func ("/pbkdf2/refuses-nonsense", test_refuses_nonsense);
  g_test_add_func ("/pbkdf2/encode", test_encode);
  g_test_add_func ("/pbkdf2/decode", test_decode);
  g_test_add_func ("/pbkdf2/decode-malformed", test_decode_malformed);
  g_test_add_func ("/pbkdf2/verify", test_verify);
  g_test_add_func ("/pbkdf2/constant-time-equal", test_constant_time_equal);

  return g_test_run ();
}
