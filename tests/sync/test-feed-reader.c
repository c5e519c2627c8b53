/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The streaming feed reader (kiosk-feed-reader.c) against the json-glib
 * one (kiosk_json_parse_feed_page()): on the fuzzer's seed pages and on
 * pages made here to hit each of its decisions, both give the same page
 * (changes, records, reasons, raw JSON) or the same error.
 */
#include <glib/gstdio.h>
#include <string.h>

#include "feed-compare.h"

#define CUSTOMER_ID "5a3e1d7f-9b6c-4d4f-8e1a-7c2b4f6d1e25"
#define APPT_ID     "6b4f2e8a-1c7d-4e5a-9f2b-8d3c5a7e2f36"
#define SERVICE_ID  "2d9b7a4c-6e3f-4a1c-9b5d-1e7f3a9c5b42"

static void
assert_agree (const char *body)
{
  g_autofree char *why = feed_compare_readers (body, -1);

  if (why != NULL)
    g_error ("the readers disagree on\n%s\n%s", body, why);
}

/* A page of one change around @data. */
static char *
page_of (const char *change)
{
  return g_strdup_printf ("{\"changes\": [%s], \"cursor\": \"c1\", \"has_more\": true}", change);
}

static char *
customer_change (const char *fields)
{
  return g_strdup_printf ("{\"entity\": \"customer\", \"op\": \"upsert\", \"id\": \"" CUSTOMER_ID "\", "
                          "\"version\": 4, \"data\": {\"id\": \"" CUSTOMER_ID "\"%s}}", fields);
}

#define GOOD_CUSTOMER ", \"first_name\": \"İpek\", \"last_name\": \"Öz\", \"phone\": \"+905551234567\", " \
  "\"loyalty_level\": \"gold\", \"total_points\": 73, \"current_points\": 21, \"total_spent\": \"730.99\", " \
  "\"total_visits\": 9, \"updated_at\": \"2026-03-01T10:00:00+03:00\""

static void
test_seed_corpus (void)
{
  g_autofree char *dir_path = g_build_filename (g_getenv ("KIOSK_SOURCE_DIR"), "tests", "fuzz", "corpus", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autofree char *body = NULL;
      g_autofree char *why = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (path, &body, &len, NULL));
      why = feed_compare_readers (body, (gssize) len);
      if (why != NULL)
        g_error ("the readers disagree on %s: %s", name, why);
      /* Every prefix too: truncated replies are the common failure. */
      for (gsize cut = 0; cut < len; cut += 7)
        {
          g_autofree char *part = feed_compare_readers (body, (gssize) cut);

          if (part != NULL)
            g_error ("the readers disagree on %s cut at %" G_GSIZE_FORMAT ": %s", name, cut, part);
        }
      n++;
    }
  g_assert_cmpuint (n, >=, 10);
}

static void
test_fast_records (void)
{
  g_autofree char *customer = customer_change (GOOD_CUSTOMER ", \"consent_at\": \"2026-03-01T09:00:00+03:00\"");
  g_autofree char *body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskFeedPage) page = NULL;
  const KioskCustomer *c;
  const KioskAppointment *a;

  body = g_strdup_printf ("{\"cursor\": \"c\\u00e7\", \"extra\": [1, {\"a\": null}], \"changes\": [%s, "
                          "{\"entity\": \"appointment\", \"op\": \"upsert\", \"id\": \"" APPT_ID "\", \"version\": 9, "
                          "\"data\": {\"id\": \"" APPT_ID "\", \"customer\": \"" CUSTOMER_ID "\", "
                          "\"service\": \"" SERVICE_ID "\", \"employee\": null, \"appointment_date\": \"2026-03-02\", "
                          "\"appointment_time\": \"10:30\", \"end_time\": \"11:15:00\", \"status\": \"confirmed\", "
                          "\"notes\": \"Saç \\\"kesim\\\"\\n\\u015eule\", \"price\": \"450\", \"source\": \"app\", "
                          "\"checked_in_at\": null, \"extra\": {\"x\": [1.5e3, -0, true]}}},"
                          "{\"entity\": \"customer\", \"op\": \"delete\", \"id\": \"" CUSTOMER_ID "\", \"version\": 10, \"data\": null}"
                          "], \"has_more\": false}", customer);
  assert_agree (body);

  page = kiosk_feed_reader_parse_page (body, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (page->cursor, ==, "cç");
  g_assert_false (page->has_more);
  g_assert_cmpuint (page->changes->len, ==, 3);

  c = ((KioskChange *) g_ptr_array_index (page->changes, 0))->record;
  g_assert_cmpstr (c->first_name, ==, "İpek");
  g_assert_cmpint (c->total_spent, ==, 73099);
  g_assert_cmpint (c->loyalty_level, ==, KIOSK_LEVEL_GOLD);
  g_assert_cmpstr (c->consent_at, ==, "2026-03-01T09:00:00+03:00");
  g_assert_cmpint (c->version, ==, 4);

  a = ((KioskChange *) g_ptr_array_index (page->changes, 1))->record;
  g_assert_cmpstr (a->notes, ==, "Saç \"kesim\"\nŞule");
  g_assert_null (a->employee);
  g_assert_cmpint (a->appointment_time, ==, 10 * 3600 + 30 * 60);
  g_assert_cmpint (a->price, ==, 45000);
  g_assert_cmpint (a->status, ==, KIOSK_APPOINTMENT_CONFIRMED);

  g_assert_true (((KioskChange *) g_ptr_array_index (page->changes, 2))->is_delete);
}

/* Each bad or unusual change goes the json-glib way and comes out the same. */
static void
test_bad_changes (void)
{
  const char *fields[] = {
    GOOD_CUSTOMER ", \"total_points\": 5",                        /* duplicate member */
    GOOD_CUSTOMER ", \"nested\": {\"deep\": [[[]]]}",
    ", \"first_name\": \"A\", \"phone\": \"1\", \"loyalty_level\": \"gold\"",   /* missing counters */
    ", \"first_name\": null" GOOD_CUSTOMER,
    ", \"first_name\": 5, \"last_name\": \"x\"",
    ", \"first_name\": \"\\ud83d\\ude00\", \"phone\": \"1\"",        /* surrogate pair */
    ", \"first_name\": \"\\ud800\", \"phone\": \"1\"",               /* lone surrogate */
    ", \"first_name\": \"a\\u0000b\", \"phone\": \"1\"",
    GOOD_CUSTOMER ", \"total_visits\": 1.0",
    GOOD_CUSTOMER ", \"total_visits\": 99999999999999999999",
    GOOD_CUSTOMER ", \"total_visits\": 1234567890123456789",
    GOOD_CUSTOMER ", \"total_visits\": -1",
    GOOD_CUSTOMER ", \"total_spent\": 730.99",
    GOOD_CUSTOMER ", \"total_spent\": \"7.999\"",
    GOOD_CUSTOMER ", \"loyalty_level\": \"diamond\"",
    GOOD_CUSTOMER ", \"updated_at\": 1",
    GOOD_CUSTOMER ", \"id\": \"not-a-uuid\"",
  };
  const char *changes[] = {
    "{\"entity\": \"customer\", \"op\": \"upsert\", \"id\": \"" CUSTOMER_ID "\", \"version\": 0, \"data\": {}}",
    "{\"entity\": \"customer\", \"op\": \"upsert\", \"id\": \"" CUSTOMER_ID "\", \"version\": \"3\", \"data\": {}}",
    "{\"entity\": \"customer\", \"op\": \"merge\", \"id\": \"" CUSTOMER_ID "\", \"version\": 3}",
    "{\"entity\": \"customer\", \"op\": \"upsert\", \"id\": \"" APPT_ID "\", \"version\": 3, \"data\": {\"id\": \"" CUSTOMER_ID "\"" GOOD_CUSTOMER "}}",
    "{\"entity\": \"customer\", \"op\": \"upsert\", \"id\": \"" CUSTOMER_ID "\", \"version\": 3, \"data\": []}",
    "{\"entity\": \"customer\", \"op\": \"upsert\", \"id\": \"" CUSTOMER_ID "\", \"version\": 3}",
    "{\"entity\": \"customer\", \"entity\": \"appointment\", \"op\": \"delete\", \"id\": \"" CUSTOMER_ID "\", \"version\": 3}",
    "{\"entity\": \"hologram\", \"op\": \"upsert\", \"id\": 5, \"version\": 2}",
    "{\"entity\": \"working_hours\", \"op\": \"delete\", \"id\": \"" CUSTOMER_ID ":3\", \"version\": 2}",
    "{\"entity\": \"point_entry\", \"op\": \"upsert\", \"id\": \"" APPT_ID "\", \"version\": 2, \"data\": {\"id\": \"" APPT_ID "\", \"customer\": \"" CUSTOMER_ID "\", \"points\": -25, \"reason\": \"İade\"}}",
    "{\"entity\": \"point_entry\", \"op\": \"upsert\", \"id\": \"" APPT_ID "\", \"version\": 2, \"data\": {\"id\": \"" APPT_ID "\", \"customer\": \"" CUSTOMER_ID "\", \"points\": 2.5}}",
    "{\"entity\": \"cust\\u006fmer\", \"op\": \"delete\", \"id\": \"" CUSTOMER_ID "\", \"version\": 7}",
    "\"not an object\"",
    "[1, 2]",
    "null",
    "{}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *change = customer_change (fields[i]);
      g_autofree char *body = page_of (change);

      assert_agree (body);
    }
  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    {
      g_autofree char *body = page_of (changes[i]);

      assert_agree (body);
    }
}

/* Pages that are not clean JSON, or lack what a page needs. */
static void
test_bad_pages (void)
{
  const char *bodies[] = {
    "",
    "   ",
    "{",
    "[]",
    "{}",
    "{\"changes\": [], \"cursor\": \"c\"}",
    "{\"changes\": [], \"cursor\": 5, \"has_more\": false}",
    "{\"changes\": {}, \"cursor\": \"c\", \"has_more\": false}",
    "{\"changes\": [], \"cursor\": \"c\", \"has_more\": \"no\"}",
    "{\"changes\": [], \"cursor\": \"c\", \"has_more\": false} {}",
    "{\"changes\": [], \"cursor\": \"c\", \"has_more\": false, \"changes\": [1]}",
    "{\"changes\": [,], \"cursor\": \"c\", \"has_more\": false}",
    "{\"changes\": [], \"cursor\": \"c\", \"has_more\": false,}",
    "{\"changes\": [01], \"cursor\": \"c\", \"has_more\": false}",
    "{\"changes\": [], \"cursor\": \"c\\x\", \"has_more\": false}",
    "{\"changes\": [], \"cursor\": \"c\\ud800\", \"has_more\": false}",
    "{\"changes\": [], \"cursor\": \"c\\udc00\", \"has_more\": false}",
    "{\"changes\": [], \"cursor\": \"c\\ud800\\ud800\", \"has_more\": false}",
    "{\"\\ude15\\ude15e}",
    "{\"changes\": [], \"cursor\": \"c\\ud83d",
    "{\"changes\": [], \"cursor\": \"c\", \"has_more\": false}\f",
    "{\"changes\": [tru], \"cursor\": \"c\", \"has_more\": false}",
    "{\"changes\": [], \"cursor\": \"c\", \"has_more\": false, \"x\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
    "{\"changes\": [], \"cursor\": \"\xff\", \"has_more\": false}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    assert_agree (bodies[i]);
  {
    /* Not NUL-terminated where the length ends. */
    const char *body = "{\"changes\": [], \"cursor\": \"c\", \"has_more\": false}xyz";
    g_autofree char *why = feed_compare_readers (body, (gssize) strlen (body) - 3);
    g_autoptr(KioskFeedPage) page = kiosk_feed_reader_parse_page (body, (gssize) strlen (body) - 3, NULL);

    g_assert_null (why);
    g_assert_nonnull (page);
  }
}

/* Escaped surrogates: a whole pair is one character; a half alone (a low
 * one, or a high one at the end of the text) makes the page unreadable,
 * and never reaches json-glib, which leaks on them (a fuzzer finding). */
static void
test_surrogates (void)
{
  const char *pair = "{\"changes\": [], \"cursor\": \"c\\ud83d\\ude00\", \"has_more\": false}";
  const char *halves[] = {
    "{\"changes\": [], \"cursor\": \"c\\udc00\", \"has_more\": false}",
    "{\"changes\": [], \"cursor\": \"c\\ud83d\\ud83d\", \"has_more\": false}",
    "{\"changes\": [], \"cursor\": \"c\\ud83d",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskFeedPage) page = kiosk_feed_reader_parse_page (pair, -1, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (page->cursor, ==, "c\xf0\x9f\x98\x80");
  for (guint i = 0; i < G_N_ELEMENTS (halves); i++)
    {
      g_autoptr(GError) local = NULL;
      g_autoptr(KioskFeedPage) none = kiosk_feed_reader_parse_page (halves[i], -1, &local);

      g_assert_null (none);
      g_assert_error (local, KIOSK_JSON_ERROR, KIOSK_JSON_ERROR_MALFORMED);
    }
}

/* A cursor is opaque but short: one past KIOSK_FEED_MAX_CURSOR bytes is a
 * broken page (never stored as the replica's cursor); the longest allowed
 * one is kept whole. */
static void
test_giant_cursor (void)
{
  for (guint extra = 0; extra <= 1; extra++)
    {
      g_autofree char *cursor = g_strnfill (KIOSK_FEED_MAX_CURSOR + extra, 'c');
      g_autofree char *body = g_strdup_printf ("{\"changes\": [], \"cursor\": \"%s\", \"has_more\": true}", cursor);
      g_autofree char *why = feed_compare_readers (body, -1);
      g_autoptr(GError) error = NULL;
      g_autoptr(KioskFeedPage) page = kiosk_feed_reader_parse_page (body, -1, &error);

      g_assert_null (why);
      if (extra == 0)
        {
          g_assert_no_error (error);
          g_assert_nonnull (page);
          g_assert_cmpstr (page->cursor, ==, cursor);
        }
      else
        {
          g_assert_null (page);
          g_assert_error (error, KIOSK_JSON_ERROR, KIOSK_JSON_ERROR_INVALID);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/feed-reader/seed-corpus", test_seed_corpus);
  g_test_add_func ("/feed-reader/fast-records", test_fast_records);
  g_test_add_func ("/feed-reader/bad-changes", test_bad_changes);
  g_test_add_func ("/feed-reader/bad-pages", test_bad_pages);
  g_test_add_func ("/feed-reader/giant-cursor", test_giant_cursor);
  g_test_add_func ("/feed-reader/surrogates", test_surrogates);

  return g_test_run ();
}
