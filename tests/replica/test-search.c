/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Staff lookup of customers (kiosk-replica-search.h): Turkish names however
 * they are typed, phone fragments however they are spaced, any input
 * without an error, best first, and results that follow every way a
 * customer row is written (desk puts, the feed, deletes, snapshots,
 * repointing, clearing).
 */
#define G_LOG_DOMAIN "test-search"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "kiosk-replica.h"
#include "kiosk-replica-private.h"
#include "kiosk-replica-search.h"
#include "kiosk-replica-sync.h"

typedef struct {
  char         *dir;
  char         *path;
  KioskReplica *replica;
} Fixture;

static KioskCustomer *
make_customer (const char *id,
               const char *first_name,
               const char *last_name,
               const char *phone,
               gint64      version)
{
  KioskCustomer *customer = g_new0 (KioskCustomer, 1);

  customer->id = g_strdup (id);
  customer->first_name = g_strdup (first_name);
  customer->last_name = g_strdup (last_name);
  customer->phone = g_strdup (phone);
  customer->updated_at = g_strdup ("2026-03-01T10:00:00Z");
  customer->version = version;
  return customer;
}

static void
put (KioskReplica *replica,
     const char   *id,
     const char   *first_name,
     const char   *last_name,
     const char   *phone)
{
  g_autoptr(KioskCustomer) customer = make_customer (id, first_name, last_name, phone, 1);
  g_autoptr(GError) error = NULL;

  g_assert_true (kiosk_replica_put_customer (replica, customer, &error));
  g_assert_no_error (error);
}

/* The salon of these tests. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  KioskReplica *replica;

  fixture->dir = g_dir_make_tmp ("kiosk-search-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "replica.db", NULL);
  fixture->replica = replica = kiosk_replica_open (fixture->path, &error);
  g_assert_no_error (error);

  g_assert_true (kiosk_replica_begin (replica, &error));
  put (replica, "c-isik", "Işık", "Yılmaz", "+905551234567");
  put (replica, "c-irem", "İrem", "Çelik", "+905329876543");
  put (replica, "c-ismail", "İsmail", "Kaya", "+905441112233");
  put (replica, "c-ayse", "Ayşe", "Işıkçı", "+902125550011");
  put (replica, "c-gul", "Gülşen", "Öztürk", "+905551239999");
  put (replica, "c-nopho", "Şule", "Doğan", NULL);
  put (replica, "c-quote", "O\"Brien", "D'Arcy", "+447700900123");
  g_assert_true (kiosk_replica_commit (replica, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->replica);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (fixture->dir, name, NULL);
      g_assert_no_errno (g_unlink (child));
    }
  g_assert_no_errno (g_rmdir (fixture->dir));
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* The ids found, comma-separated, in order. */
static char *
search (KioskReplica *replica,
        const char   *query,
        guint         limit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = kiosk_replica_search_customers (replica, query, limit, &error);
  g_autoptr(GString) ids = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpuint (found->len, <=, limit);
  for (guint i = 0; i < found->len; i++)
    {
      KioskCustomer *customer = g_ptr_array_index (found, i);

      g_assert_nonnull (customer->id);
      if (i > 0)
        g_string_append_c (ids, ',');
      g_string_append (ids, customer->id);
    }
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static gboolean
contains_id (const char *ids,
             const char *id)
{
  g_auto(GStrv) parts = g_strsplit (ids, ",", -1);

  return g_strv_contains ((const char * const *)parts, id);
}

static void
test_turkish_names (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char * const isik[] = { "ışık", "IŞIK", "isik", "Işık", "ISIK", "işik", "ıs" };
  static const char * const irem[] = { "İrem", "irem", "IREM", "İREM", "ire" };
  KioskReplica *replica = fixture->replica;

  for (guint i = 0; i < G_N_ELEMENTS (isik); i++)
    {
      g_autofree char *ids = search (replica, isik[i], 10);

      g_test_message ("%s -> %s", isik[i], ids);
      /* Işık Yılmaz by first name first, then Ayşe Işıkçı by last name. */
      g_assert_true (g_str_has_prefix (ids, "c-isik"));
      g_assert_true (contains_id (ids, "c-ayse"));
      g_assert_false (contains_id (ids, "c-irem"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (irem); i++)
    {
      g_autofree char *ids = search (replica, irem[i], 10);

      g_test_message ("%s -> %s", irem[i], ids);
      g_assert_cmpstr (ids, ==, "c-irem");
    }

  {
    g_autofree char *ids = search (replica, "gulsen ozturk", 10);
    g_assert_cmpstr (ids, ==, "c-gul");
  }
  {
    /* Words in any order, anywhere in the name. */
    g_autofree char *ids = search (replica, "ÖZTÜRK gül", 10);
    g_assert_cmpstr (ids, ==, "c-gul");
  }
  {
    /* A substring inside a word. */
    g_autofree char *ids = search (replica, "elı", 10);
    g_assert_cmpstr (ids, ==, "c-irem");
  }
  {
    /* One letter: names that start with it, through the index. */
    g_autofree char *ids = search (replica, "ş", 10);
    g_assert_cmpstr (ids, ==, "c-nopho");
  }
  {
    /* Last names from their start too. */
    g_autofree char *ids = search (replica, "Kay", 10);
    g_assert_cmpstr (ids, ==, "c-ismail");
  }
  {
    g_autofree char *ids = search (replica, "Ayşe Işıkçı", 10);
    g_assert_cmpstr (ids, ==, "c-ayse");
  }
  {
    /* The last name first, with the whole first name or its start. */
    g_autofree char *ids = search (replica, "YILMAZ Işık", 10);
    g_assert_cmpstr (ids, ==, "c-isik");
  }
  {
    g_autofree char *ids = search (replica, "yılmaz ış", 10);
    g_assert_cmpstr (ids, ==, "c-isik");
  }
  {
    g_autofree char *ids = search (replica, "Öztürk Gü", 10);
    g_assert_cmpstr (ids, ==, "c-gul");
  }
  {
    g_autofree char *ids = search (replica, "nobody", 10);
    g_assert_cmpstr (ids, ==, "");
  }
}

static void
test_ranking_and_limit (Fixture       *fixture,
                        gconstpointer  data)
{
  KioskReplica *replica = fixture->replica;
  g_autoptr(GError) error = NULL;

  /* Name prefix before substring: "Işıkçı" is a last name starting with
   * isik, "Aysel Kalışık" only contains it. */
  put (replica, "c-sub", "Aysel", "Kalışık", "+905000000001");
  {
    g_autofree char *ids = search (replica, "isik", 10);

    g_test_message ("isik -> %s", ids);
    g_assert_cmpstr (ids, ==, "c-isik,c-ayse,c-sub");
  }

  /* The last name and the start of the first before a name that has
   * both further in: Aysel Yılmaz, then Aysel Nur Yılmaz (who came
   * first); not Kayra Yılmaz, in whose name "ay" starts no word. */
  put (replica, "c-kayra", "Kayra", "Yılmaz", "+905000000003");
  put (replica, "c-mid", "Nur Aysel", "Yılmaz", "+905000000004");
  put (replica, "c-yil", "Aysel", "Yılmaz", "+905000000002");
  {
    g_autofree char *ids = search (replica, "yilmaz ay", 10);

    g_test_message ("yilmaz ay -> %s", ids);
    g_assert_cmpstr (ids, ==, "c-yil,c-mid");
  }
  {
    /* Both words whole: the name that starts with them first. */
    g_autofree char *ids = search (replica, "Yılmaz Aysel", 10);
    g_assert_cmpstr (ids, ==, "c-yil,c-mid");
  }
  {
    g_autofree char *ids = search (replica, "isik", 2);
    g_assert_cmpstr (ids, ==, "c-isik,c-ayse");
  }
  {
    g_autofree char *ids = search (replica, "isik", 0);
    g_assert_cmpstr (ids, ==, "");
  }

  /* The exact phone first, then numbers that start with what was typed,
   * then numbers that contain it. */
  put (replica, "c-has", "Mehmet", "Ak", "+905305551234");
  {
    g_autofree char *ids = search (replica, "0555 123 45 67", 10);
    g_assert_cmpstr (ids, ==, "c-isik");
  }
  {
    g_autofree char *ids = search (replica, "555 123", 10);

    g_test_message ("555 123 -> %s", ids);
    /* Two numbers start with 555 123, one only contains it. */
    g_assert_cmpuint (strlen (ids), >, 0);
    g_assert_true (g_str_has_prefix (ids, "c-isik,c-gul") || g_str_has_prefix (ids, "c-gul,c-isik"));
    g_assert_true (g_str_has_suffix (ids, ",c-has"));
  }
  g_assert_no_error (error);
}

/* A word of one or two letters is the start of a word being typed; three
 * letters or more are found anywhere in the name. */
static void
test_word_starts (Fixture       *fixture,
                  gconstpointer  data)
{
  KioskReplica *replica = fixture->replica;

  put (replica, "c-sub", "Aysel", "Kalışık", "+905000000001");
  put (replica, "c-mid", "Ayşe Nur", "Kaya", "+905000000005");
  {
    /* Two starts, neither of them the start of the whole name or the
     * last name: through the index (" nu", " ka"). */
    g_autofree char *ids = search (replica, "NU KA", 10);
    g_assert_cmpstr (ids, ==, "c-mid");
  }
  {
    /* "ış" starts Işık in Işık Yılmaz and Işıkçı in Ayşe Işıkçı; it is
     * inside Kalışık only. */
    g_autofree char *ids = search (replica, "yılmaz ış", 10);
    g_assert_cmpstr (ids, ==, "c-isik");
  }
  {
    g_autofree char *ids = search (replica, "ayşe ış", 10);
    g_assert_cmpstr (ids, ==, "c-ayse");
  }
  {
    g_autofree char *ids = search (replica, "aysel ış", 10);
    g_assert_cmpstr (ids, ==, "");
  }
  {
    /* Three letters: inside a word too. */
    g_autofree char *ids = search (replica, "aysel lış", 10);
    g_assert_cmpstr (ids, ==, "c-sub");
  }
  {
    /* One letter: the start of a word too, checked row by row. */
    g_autofree char *ids = search (replica, "ayşe n", 10);
    g_assert_cmpstr (ids, ==, "c-mid");
  }
  {
    g_autofree char *ids = search (replica, "kaya ş", 10);
    g_assert_cmpstr (ids, ==, "");
  }
  {
    /* The first word of the name counts as a start as well. */
    g_autofree char *ids = search (replica, "kaya ay", 10);
    g_assert_cmpstr (ids, ==, "c-mid");
  }
  {
    /* "aya" is inside Kaya; "ay" starts the name: only the index (which
     * holds the name after a space) sees that start. */
    g_autofree char *ids = search (replica, "aya ay", 10);
    g_assert_cmpstr (ids, ==, "c-mid");
  }
  {
    g_autofree char *ids = search (replica, "KAY nu", 10);
    g_assert_cmpstr (ids, ==, "c-mid");
  }
}

static void
test_phone_fragments (Fixture       *fixture,
                      gconstpointer  data)
{
  static const struct {
    const char *typed;
    const char *ids;
  } cases[] = {
    { "0555 123 45 67", "c-isik" },
    { "+90 555 123 4567", "c-isik" },
    { "5551234567", "c-isik" },
    { "0 (555) 123-45-67", "c-isik" },
    { "905551234567", "c-isik" },
    { "+905551234567", "c-isik" },
    { "00905551234567", "c-isik" },
    { "45 67", "c-isik" },
    { "4567", "c-isik" },
    { "(532)", "c-irem" },
    { "0532 98", "c-irem" },
    { "98 76 54", "c-irem" },
    { "212 555", "c-ayse" },
    { "0212", "c-ayse" },
    { "7700 900", "c-quote" },
    { "+44 7700", "c-quote" },
    { "1112233", "c-ismail" },
    { "0000", "" },
    { "0", "" },
  };
  KioskReplica *replica = fixture->replica;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *ids = search (replica, cases[i].typed, 10);

      g_test_message ("%s -> %s", cases[i].typed, ids);
      g_assert_cmpstr (ids, ==, cases[i].ids);
    }

  {
    /* Both 0555 123… numbers, whatever the spacing. */
    g_autofree char *ids = search (replica, "0555 123", 10);
    g_assert_true (contains_id (ids, "c-isik"));
    g_assert_true (contains_id (ids, "c-gul"));
    g_assert_false (contains_id (ids, "c-irem"));
  }
}

static void
test_nasty_input (Fixture       *fixture,
                  gconstpointer  data)
{
  KioskReplica *replica = fixture->replica;
  g_autofree char *long_a = g_strnfill (10000, 'a');
  g_autofree char *long_digits = g_strnfill (10000, '5');
  g_autofree char *long_isik = NULL;
  g_autoptr(GString) many_words = g_string_new (NULL);
  const char *nasty[] = {
    "\"", "\"\"", "'", "''", "*", "**", "isik*", "\"isik\"", "\"isik", "isik\"", "NEAR", "NEAR(isik yilmaz)",
    "isik NEAR yilmaz", "AND", "OR", "NOT", "isik AND", "isik OR irem", "isik NOT yilmaz", "AND OR NOT",
    "name:isik", "{name}: isik", "digits : 555", "^isik", "-isik", "+isik", "(isik", "isik)", "()",
    "'; DROP TABLE customer; --", "' OR 1=1 --", "\" OR \"\"=\"", "isik'; DELETE FROM customer_search; --",
    "%", "_", "%isik%", "isi_", "\\", "\\\"", "a\tb\nc", "   ", "", "\x01\x02", "\xff\xfe\xfd",
    "Işık\xff", "\xc4", "is\xc4\xb1", "\xed\xa0\x80", "🙂", "Işık 🙂", "ＩＳＩＫ", "i\xcc\x87rem",
    "customer_fts MATCH '*'", "x' OR customer_fts MATCH 'a", "12'34", "+", "()-", "--", "..",
  };
  g_autofree char *before = NULL;

  for (guint i = 0; i < 200; i++)
    g_string_append (many_words, "isik AND OR NEAR \"x\" * ");
  long_isik = g_strconcat ("Işık ", long_a, NULL);

  before = search (replica, "Işık", 10);
  for (guint i = 0; i < G_N_ELEMENTS (nasty); i++)
    {
      g_autofree char *ids = NULL;

      g_test_message ("nasty input %u", i);
      ids = search (replica, nasty[i], 10);
      /* Nothing here names anyone but Işık, İrem or the quoted one. */
      g_assert_false (contains_id (ids, "c-gul"));
    }
  {
    g_autofree char *ids = search (replica, long_a, 10);
    g_assert_cmpstr (ids, ==, "");
  }
  {
    g_autofree char *ids = search (replica, long_digits, 10);
    g_assert_cmpstr (ids, ==, "");
  }
  {
    g_autofree char *ids = search (replica, long_isik, 10);
    g_assert_cmpstr (ids, ==, "");
  }
  {
    g_autofree char *ids = search (replica, many_words->str, 10);
    g_assert_cmpstr (ids, ==, "");
  }
  {
    g_autofree char *ids = search (replica, NULL, 10);
    g_assert_cmpstr (ids, ==, "");
  }

  /* Sensible: punctuation is text like any other. */
  {
    g_autofree char *ids = search (replica, "o\"bri", 10);
    g_assert_cmpstr (ids, ==, "c-quote");
  }
  {
    g_autofree char *ids = search (replica, "d'arcy", 10);
    g_assert_cmpstr (ids, ==, "c-quote");
  }
  {
    /* Invalid UTF-8 after a name: the name still counts. */
    g_autofree char *ids = search (replica, "İrem\xff", 10);
    g_assert_cmpstr (ids, ==, "c-irem");
  }
  {
    /* NFD input folds like NFC. */
    g_autofree char *ids = search (replica, "i\xcc\x87rem", 10);
    g_assert_cmpstr (ids, ==, "c-irem");
  }
  {
    /* Full-width letters are letters. */
    g_autofree char *ids = search (replica, "ＩＲＥＭ", 10);
    g_assert_cmpstr (ids, ==, "c-irem");
  }

  /* The start of any Turkish number lists Turkish numbers only. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) found = kiosk_replica_search_customers (replica, "+90 (", 3, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, 3);
    for (guint i = 0; i < found->len; i++)
      g_assert_true (g_str_has_prefix (((KioskCustomer *)g_ptr_array_index (found, i))->phone, "+90"));
  }

  /* And nothing was harmed. */
  {
    g_autofree char *after = search (replica, "Işık", 10);
    g_assert_cmpstr (after, ==, before);
    g_assert_cmpint (kiosk_replica_count (replica, "customer", NULL), ==, 7);
  }
}

static void
test_current_after_put (Fixture       *fixture,
                        gconstpointer  data)
{
  KioskReplica *replica = fixture->replica;
  g_autoptr(KioskCustomer) renamed = make_customer ("c-gul", "Gülşen", "Şahin", "+905067778899", 2);
  g_autoptr(GError) error = NULL;

  put (replica, "c-new", "Çağrı", "Ünal", "+905301112200");
  {
    g_autofree char *ids = search (replica, "cagri", 10);
    g_assert_cmpstr (ids, ==, "c-new");
  }
  {
    g_autofree char *ids = search (replica, "0530 111 22", 10);
    g_assert_cmpstr (ids, ==, "c-new");
  }

  /* A new last name and phone: found by the new ones only. */
  g_assert_true (kiosk_replica_put_customer (replica, renamed, &error));
  g_assert_no_error (error);
  {
    g_autofree char *ids = search (replica, "ozturk", 10);
    g_assert_cmpstr (ids, ==, "");
  }
  {
    g_autofree char *ids = search (replica, "SAHİN", 10);
    g_assert_cmpstr (ids, ==, "c-gul");
  }
  {
    g_autofree char *ids = search (replica, "555 123 99", 10);
    g_assert_cmpstr (ids, ==, "");
  }
  {
    g_autofree char *ids = search (replica, "506 777", 10);
    g_assert_cmpstr (ids, ==, "c-gul");
  }

  /* A write that changes no name or phone leaves the keys alone. */
  renamed->current_points = 55;
  g_assert_true (kiosk_replica_put_customer (replica, renamed, &error));
  g_assert_no_error (error);
  {
    g_autofree char *ids = search (replica, "gulsen sahin", 10);
    g_assert_cmpstr (ids, ==, "c-gul");
  }

  /* A rolled-back write leaves no key behind. */
  g_assert_true (kiosk_replica_begin (replica, &error));
  put (replica, "c-ghost", "Hayalet", "Yok", "+905559990000");
  kiosk_replica_rollback (replica);
  {
    g_autofree char *ids = search (replica, "hayalet", 10);
    g_assert_cmpstr (ids, ==, "");
  }
}

static KioskApplyResult
upsert (KioskReplica  *replica,
        KioskCustomer *customer)
{
  g_autoptr(GError) error = NULL;
  KioskApplyResult result = KIOSK_APPLY_REPLAY;

  g_assert_true (kiosk_replica_apply_upsert (replica, KIOSK_ENTITY_CUSTOMER, customer, &result, &error));
  g_assert_no_error (error);
  return result;
}

static void
test_current_after_feed (Fixture       *fixture,
                         gconstpointer  data)
{
  KioskReplica *replica = fixture->replica;
  g_autoptr(KioskCustomer) fresh = make_customer ("c-feed", "Özlem", "Ateş", "+905061230000", 3);
  g_autoptr(KioskCustomer) moved = make_customer ("c-irem", "İrem", "Kılıç", "+905329876543", 5);
  g_autoptr(KioskCustomer) desk = make_customer ("c-desk", "Derya", "Kurt", "+905071112233", 0);
  g_autoptr(KioskCustomer) server = make_customer ("c-desk", "Derya", "Kurtuluş", "+905071112233", 4);
  g_autoptr(GError) error = NULL;
  KioskApplyResult result = KIOSK_APPLY_REPLAY;

  g_assert_cmpint (upsert (replica, fresh), ==, KIOSK_APPLY_APPLIED);
  g_assert_cmpint (upsert (replica, moved), ==, KIOSK_APPLY_APPLIED);
  {
    g_autofree char *ids = search (replica, "ozlem ates", 10);
    g_assert_cmpstr (ids, ==, "c-feed");
  }
  {
    g_autofree char *ids = search (replica, "kılıç", 10);
    g_assert_cmpstr (ids, ==, "c-irem");
  }
  {
    g_autofree char *ids = search (replica, "çelik", 10);
    g_assert_cmpstr (ids, ==, "");
  }

  /* A row with desk changes keeps the desk's name until it settles. */
  desk->pending = TRUE;
  g_assert_true (kiosk_replica_put_customer (replica, desk, &error));
  g_assert_no_error (error);
  g_assert_cmpint (upsert (replica, server), ==, KIOSK_APPLY_KEPT_LOCAL);
  {
    g_autofree char *ids = search (replica, "kurtulus", 10);
    g_assert_cmpstr (ids, ==, "");
  }
  {
    g_autofree char *ids = search (replica, "derya kurt", 10);
    g_assert_cmpstr (ids, ==, "c-desk");
  }
  g_assert_true (kiosk_replica_settle_row (replica, KIOSK_ENTITY_CUSTOMER, "c-desk", NULL, &error));
  g_assert_no_error (error);
  {
    g_autofree char *ids = search (replica, "kurtulus", 10);
    g_assert_cmpstr (ids, ==, "c-desk");
  }

  /* A tombstone. */
  g_assert_true (kiosk_replica_apply_delete (replica, KIOSK_ENTITY_CUSTOMER, "c-feed", 9, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, KIOSK_APPLY_APPLIED);
  {
    g_autofree char *ids = search (replica, "ozlem", 10);
    g_assert_cmpstr (ids, ==, "");
  }
  {
    g_autofree char *ids = search (replica, "0506 123", 10);
    g_assert_cmpstr (ids, ==, "");
  }
}

static void
snapshot_of (KioskReplica  *replica,
             KioskCustomer **customers,
             guint           n)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kiosk_replica_set_bulk (replica, TRUE, &error));
  g_assert_true (kiosk_replica_snapshot_begin (replica, &error));
  g_assert_true (kiosk_replica_begin (replica, &error));
  for (guint i = 0; i < n; i++)
    upsert (replica, customers[i]);
  g_assert_true (kiosk_replica_commit (replica, &error));
  g_assert_true (kiosk_replica_snapshot_finish (replica, &error));
  g_assert_true (kiosk_replica_set_bulk (replica, FALSE, &error));
  g_assert_no_error (error);
}

static void
test_current_after_snapshot (Fixture       *fixture,
                             gconstpointer  data)
{
  KioskReplica *replica = fixture->replica;
  KioskCustomer *customers[] = {
    make_customer ("c-isik", "Işık", "Yılmaz", "+905551234567", 7),
    make_customer ("c-snap", "Hülya", "Güneş", "+905421110000", 7),
  };

  /* A resync into a replica with rows: Işık stays, Hülya comes, the rest go. */
  snapshot_of (replica, customers, G_N_ELEMENTS (customers));
  {
    g_autofree char *ids = search (replica, "hulya gunes", 10);
    g_assert_cmpstr (ids, ==, "c-snap");
  }
  {
    g_autofree char *ids = search (replica, "irem", 10);
    g_assert_cmpstr (ids, ==, "");
  }
  {
    g_autofree char *ids = search (replica, "işık", 10);
    g_assert_cmpstr (ids, ==, "c-isik");
  }

  for (guint i = 0; i < G_N_ELEMENTS (customers); i++)
    kiosk_customer_free (customers[i]);
}

static void
test_current_after_first_snapshot (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskCustomer) during = make_customer ("c-during", "Büşra", "Çınar", "+905559998877", 0);
  KioskCustomer *customers[] = {
    make_customer ("c-1", "Işıl", "Koç", "+905321000001", 1),
    make_customer ("c-2", "İpek", "Sarı", "+905321000002", 1),
    make_customer ("c-3", "Ömer", "Işık", "+905321000003", 1),
  };
  KioskReplica *replica;

  /* An empty replica: the search keys are made once at the end. */
  g_assert_true (kiosk_replica_clear_all (fixture->replica, &error));
  g_assert_no_error (error);
  replica = fixture->replica;
  {
    g_autofree char *ids = search (replica, "işık", 10);
    g_assert_cmpstr (ids, ==, "");
  }

  g_assert_true (kiosk_replica_snapshot_begin (replica, &error));
  g_assert_no_error (error);
  g_assert_true (kiosk_replica_begin (replica, &error));
  for (guint i = 0; i < G_N_ELEMENTS (customers); i++)
    upsert (replica, customers[i]);
  g_assert_true (kiosk_replica_commit (replica, &error));
  /* The desk registers someone in the middle, and the kiosk restarts. */
  during->pending = TRUE;
  g_assert_true (kiosk_replica_put_customer (replica, during, &error));
  g_assert_no_error (error);
  g_clear_object (&fixture->replica);
  fixture->replica = replica = kiosk_replica_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (kiosk_replica_restore_indexes (replica, &error));   /* still in the snapshot: waits */
  g_assert_true (kiosk_replica_snapshot_finish (replica, &error));
  g_assert_no_error (error);

  {
    g_autofree char *ids = search (replica, "ISIL", 10);
    g_assert_cmpstr (ids, ==, "c-1");
  }
  {
    g_autofree char *ids = search (replica, "ipek sari", 10);
    g_assert_cmpstr (ids, ==, "c-2");
  }
  {
    g_autofree char *ids = search (replica, "ışık", 10);
    g_assert_cmpstr (ids, ==, "c-3");
  }
  {
    g_autofree char *ids = search (replica, "busra", 10);
    g_assert_cmpstr (ids, ==, "c-during");
  }
  {
    g_autofree char *ids = search (replica, "532 100 00 02", 10);
    g_assert_cmpstr (ids, ==, "c-2");
  }

  /* And the keys follow writes again afterwards. */
  put (replica, "c-after", "Tuğçe", "Er", "+905001234000");
  {
    g_autofree char *ids = search (replica, "tugce", 10);
    g_assert_cmpstr (ids, ==, "c-after");
  }

  for (guint i = 0; i < G_N_ELEMENTS (customers); i++)
    kiosk_customer_free (customers[i]);
}

static void
test_current_after_repoint_and_clear (Fixture       *fixture,
                                      gconstpointer  data)
{
  KioskReplica *replica = fixture->replica;
  g_autoptr(KioskCustomer) desk = make_customer ("c-desk", "Fatma", "Aydın", "+905073334455", 0);
  g_autoptr(KioskCustomer) server = make_customer ("c-server", "Fatma", "Aydın", "+905073334455", 8);
  g_autoptr(KioskOutboxEntry) create = NULL;
  g_autoptr(GError) error = NULL;

  desk->pending = TRUE;
  g_assert_true (kiosk_replica_begin (replica, &error));
  g_assert_true (kiosk_replica_put_customer (replica, desk, &error));
  g_assert_true (kiosk_replica_outbox_add (replica, "customer.create", "c-desk", "{\"id\": \"c-desk\"}",
                                           &create, &error));
  g_assert_true (kiosk_replica_commit (replica, &error));
  g_assert_no_error (error);
  {
    g_autofree char *ids = search (replica, "fatma", 10);
    g_assert_cmpstr (ids, ==, "c-desk");
  }

  g_assert_true (kiosk_replica_begin (replica, &error));
  g_assert_true (kiosk_replica_repoint_customer (replica, create->id, "c-desk", "c-server", &error));
  g_assert_cmpint (upsert (replica, server), ==, KIOSK_APPLY_APPLIED);
  g_assert_true (kiosk_replica_commit (replica, &error));
  g_assert_no_error (error);
  {
    g_autofree char *ids = search (replica, "fatma aydin", 10);
    g_assert_cmpstr (ids, ==, "c-server");
  }
  {
    g_autofree char *ids = search (replica, "0507 333 44 55", 10);
    g_assert_cmpstr (ids, ==, "c-server");
  }

  g_assert_true (kiosk_replica_clear_all (replica, &error));
  g_assert_no_error (error);
  {
    g_autofree char *ids = search (replica, "fatma", 10);
    g_assert_cmpstr (ids, ==, "");
  }
  {
    g_autofree char *ids = search (replica, "isik", 10);
    g_assert_cmpstr (ids, ==, "");
  }
  {
    g_autofree char *ids = search (replica, "555", 10);
    g_assert_cmpstr (ids, ==, "");
  }
}

static void
got_result_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* The search on a worker thread with a read-only connection: the same
 * results, and that connection closes before the replica's own, which as
 * the last one checkpoints the WAL into the file and removes it (a copy of
 * the file alone then has everything). */
static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *expected = search (fixture->replica, "isik", 10);
  KioskReplica *replica;

  kiosk_replica_search_customers_async (fixture->replica, "isik", 10, NULL, got_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  found = kiosk_replica_search_customers_finish (fixture->replica, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_cmpstr (((KioskCustomer *)g_ptr_array_index (found, 0))->id, ==, "c-isik");
  g_assert_true (g_str_has_prefix (expected, "c-isik,"));

  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  replica = g_steal_pointer (&fixture->replica);
  g_object_add_weak_pointer (G_OBJECT (replica), (gpointer *)&replica);
  g_clear_object (&result);
  g_object_unref (replica);
  /* The worker may drop its reference a moment after the callback, and
   * then closes the connections on its own thread. */
  for (guint i = 0; (replica != NULL || g_file_test (wal, G_FILE_TEST_EXISTS)) && i < 2000; i++)
    g_usleep (1000);
  g_assert_null (replica);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/search/turkish-names", test_turkish_names);
  ADD ("/search/ranking-and-limit", test_ranking_and_limit);
  ADD ("/search/word-starts", test_word_starts);
  ADD ("/search/phone-fragments", test_phone_fragments);
  ADD ("/search/nasty-input", test_nasty_input);
  ADD ("/search/current/put", test_current_after_put);
  ADD ("/search/current/feed", test_current_after_feed);
  ADD ("/search/current/snapshot", test_current_after_snapshot);
  ADD ("/search/current/first-snapshot", test_current_after_first_snapshot);
  ADD ("/search/current/repoint-and-clear", test_current_after_repoint_and_clear);
  ADD ("/search/async", test_async);

#undef ADD

  return g_test_run ();
}
