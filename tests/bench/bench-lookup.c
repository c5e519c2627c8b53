/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Staff lookup with 200 000 customers (issue 5): p99 at most 2 ms per
 * query. The replica is made once with the demo generator and kept in the
 * build dir (lookup-data/). The queries are what staff type, taken from
 * real rows of it: name beginnings typed without Turkish letters or in
 * capitals, pieces of last names, one or two letters, phone numbers in
 * full and in fragments with spaces, +90 or a leading 0.
 */
#define G_LOG_DOMAIN "bench-lookup"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "demo/kiosk-demo.h"
#include "domain/kiosk-fold.h"
#include "replica/kiosk-replica-search.h"

#define N_CUSTOMERS  200000
#define N_QUERIES    600
#define N_ROUNDS     5
#define LIMIT        20
#define GOAL_P99_US  2000

static KioskReplica *
open_big_replica (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "replica.db", NULL);
  g_autoptr(GError) error = NULL;
  KioskReplica *replica;

  g_mkdir_with_parents (dir, 0700);
  replica = kiosk_replica_open (path, &error);
  g_assert_no_error (error);
  if (kiosk_replica_count (replica, "customer", NULL) >= N_CUSTOMERS)
    return replica;

  g_object_unref (replica);
  g_unlink (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  replica = kiosk_replica_open (path, &error);
  g_assert_no_error (error);
  {
    KioskDemoOptions options;
    gint64 start = g_get_monotonic_time ();

    g_print ("# making the benchmark replica in %s ...\n", dir);
    kiosk_demo_options_init (&options, "2026-03-20");
    options.n_customers = N_CUSTOMERS;
    options.days_before = 7;
    options.days_after = 7;
    if (!kiosk_demo_populate (replica, &options, &error))
      g_error ("cannot make the benchmark replica: %s", error->message);
    g_print ("# %" G_GINT64_FORMAT " customers in %.1f s\n",
             kiosk_replica_count (replica, "customer", NULL), (g_get_monotonic_time () - start) / 1e6);
  }
  return replica;
}

/* The first @n characters of @text (UTF-8). */
static char *
first_chars (const char *text,
             glong       n)
{
  return g_utf8_substring (text, 0, MIN (n, g_utf8_strlen (text, -1)));
}

static char *
turkish_upper (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 'i')
        c = 0x0130;
      else if (c == 0x0131)
        c = 'I';
      else
        c = g_unichar_toupper (c);
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* "+905551234567" typed one of the ways people type it, or a piece. */
static char *
phone_query (const char *e164,
             guint       kind)
{
  const char *n = e164 + 3;   /* national digits */

  if (!g_str_has_prefix (e164, "+90") || strlen (n) != 10)
    return g_strdup (e164 + 1);
  switch (kind % 6)
    {
    case 0: return g_strdup_printf ("0%.3s %.3s %.2s %.2s", n, n + 3, n + 6, n + 8);
    case 1: return g_strdup_printf ("+90 %.3s %.3s", n, n + 3);
    case 2: return g_strdup_printf ("0%.3s %.2s", n, n + 3);
    case 3: return g_strdup_printf ("%.2s %.2s", n + 6, n + 8);
    case 4: return g_strdup_printf ("(%.3s) %.3s-%.2s", n, n + 3, n + 6);
    default: return g_strdup_printf ("%.4s", n + 4);
    }
}

static GPtrArray *
make_queries (KioskReplica *replica)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) customers = kiosk_replica_list_customers (replica, &error);
  GPtrArray *queries = g_ptr_array_new_with_free_func (g_free);
  GRand *rand = g_rand_new_with_seed (5);

  g_assert_no_error (error);
  g_assert_cmpuint (customers->len, >=, N_CUSTOMERS);
  while (queries->len < N_QUERIES)
    {
      KioskCustomer *c = g_ptr_array_index (customers, g_rand_int_range (rand, 0, (gint32)customers->len));
      guint kind = queries->len % 8;
      const char *last = c->last_name != NULL ? c->last_name : c->first_name;

      switch (kind)
        {
        case 0:   /* the first name's start, without Turkish letters */
          {
            g_autofree char *folded = kiosk_fold_for_search (c->first_name);
            g_ptr_array_add (queries, first_chars (folded, g_rand_int_range (rand, 3, 6)));
          }
          break;
        case 1:   /* as written, in capitals */
          g_ptr_array_add (queries, turkish_upper (c->first_name));
          break;
        case 2:   /* one or two letters */
          g_ptr_array_add (queries, first_chars (c->first_name, g_rand_int_range (rand, 1, 3)));
          break;
        case 3:   /* a piece from inside the last name */
          {
            glong len = g_utf8_strlen (last, -1);
            glong from = len > 4 ? g_rand_int_range (rand, 1, (gint32)(len - 3)) : 0;

            g_ptr_array_add (queries, g_utf8_substring (last, from, MIN (len, from + 4)));
          }
          break;
        case 4:   /* first name and the start of the last */
          {
            g_autofree char *start = first_chars (last, 3);
            g_ptr_array_add (queries, g_strdup_printf ("%s %s", c->first_name, start));
          }
          break;
        default:  /* the phone, whole or in pieces */
          if (c->phone != NULL)
            g_ptr_array_add (queries, phone_query (c->phone, g_rand_int (rand)));
          break;
        }
    }
  g_rand_free (rand);
  return queries;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *)a;
  gint64 y = *(const gint64 *)b;

  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(KioskReplica) replica = NULL;
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char *dir = argc > 1 ? argv[1] : "lookup-data";
  guint found_any = 0;
  gint64 p50, p99, worst = 0;
  const char *worst_query = NULL;

  replica = open_big_replica (dir);
  queries = make_queries (replica);

  g_print ("1..1\n");
  /* Each query's time is the median of its rounds: on a shared machine a
   * single run may lose the CPU, which says nothing about the lookup. */
  for (guint i = 0; i < queries->len; i++)
    {
      gint64 runs[N_ROUNDS];
      gint64 took;

      for (guint round = 0; round <= N_ROUNDS; round++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GPtrArray) found = NULL;
          gint64 start = g_get_monotonic_time ();

          found = kiosk_replica_search_customers (replica, queries->pdata[i], LIMIT, &error);
          g_assert_no_error (error);
          if (round == 0)   /* warm-up: the page cache */
            {
              if (found->len > 0)
                found_any++;
              continue;
            }
          runs[round - 1] = g_get_monotonic_time () - start;
        }
      qsort (runs, N_ROUNDS, sizeof runs[0], compare_gint64);
      took = runs[N_ROUNDS / 2];
      g_array_append_val (times, took);
      /* Demo names only, never a real person's: for looking into it. */
      if (g_getenv ("BENCH_LOOKUP_SHOW_SLOW") != NULL && took > GOAL_P99_US)
        g_print ("# slow: %.3f ms [%s]\n", took / 1000.0, (const char *)queries->pdata[i]);
      if (worst_query == NULL || took > worst)
        {
          worst = took;
          worst_query = queries->pdata[i];
        }
    }

  g_array_sort (times, compare_gint64);
  p50 = g_array_index (times, gint64, times->len / 2);
  p99 = g_array_index (times, gint64, (times->len * 99) / 100);
  g_print ("# %u queries, median of %d runs each, over %" G_GINT64_FORMAT " customers, %u of them found someone\n",
           queries->len, N_ROUNDS, kiosk_replica_count (replica, "customer", NULL), found_any);
  g_print ("# p50 %.3f ms, p99 %.3f ms, max %.3f ms (goal: p99 <= %.1f ms)\n",
           p50 / 1000.0, p99 / 1000.0, worst / 1000.0, GOAL_P99_US / 1000.0);
  /* The slowest one, to see where time goes; not a name of a real person. */
  g_print ("# slowest query: %zu bytes\n", strlen (worst_query));

  /* Every query is made from a real row: nearly all must find someone. */
  if (found_any < queries->len * 95 / 100)
    {
      g_print ("not ok 1 - lookup found someone for only %u of %u queries\n", found_any, queries->len);
      return 1;
    }
  if (p99 > GOAL_P99_US)
    {
      g_print ("not ok 1 - lookup p99 %.3f ms above %.1f ms\n", p99 / 1000.0, GOAL_P99_US / 1000.0);
      return 1;
    }
  g_print ("ok 1 - lookup p99 %.3f ms with %d customers\n", p99 / 1000.0, N_CUSTOMERS);
  return 0;
}
