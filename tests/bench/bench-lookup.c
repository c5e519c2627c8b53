/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Staff lookup with 200 000 customers: p99 at most 2 ms per
 * query. The replica is made once with the demo generator and kept in the
 * build dir (lookup-data/). The queries are what staff type, taken from
 * real rows of it, 60 of each pattern: one, two or three letters, first
 * names in capitals or as written (İ, ı), name beginnings typed without
 * Turkish letters, pieces of last names, first and last name in either
 * order, phone numbers in full and in fragments (spaces, +90, a leading 0,
 * "555", "4567"); and the slow cases, which run every tier of the search
 * to its end: a misspelt last name, a first name and the start of a last
 * name that nobody has, the number of someone who is not a customer yet. Each pattern's p50/p99 is printed beside a same-run
 * reference (one customer looked up by primary key on the same
 * connection, timed right after each query), and in CPU time too: on a
 * loaded machine the wall clock says more about the other processes.
 */
#define G_LOG_DOMAIN "bench-lookup"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib/gstdio.h>

#include "kiosk-demo.h"
#include "kiosk-fold.h"
#include "kiosk-replica-search.h"
#include "kiosk-replica-search-private.h"

#define N_CUSTOMERS  200000
#define N_QUERIES_PER_PATTERN 60
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

/* A slip of the fingers: two letters of the last name swapped. */
static char *
misspelt (const char *last)
{
  g_autofree char *folded = kiosk_fold_for_search (last);
  gsize len = strlen (folded);

  if (len >= 4)
    {
      char c = folded[len - 2];

      folded[len - 2] = folded[len - 3];
      folded[len - 3] = c;
    }
  return g_steal_pointer (&folded);
}

/* What staff type at the desk, one pattern at a time. Those marked
 * must_find are made from a real row and must find someone; the others
 * (a misspelt name, a number nobody has) may find nobody, and run every
 * tier of the search to its end: the slow case of a lookup. */
typedef struct {
  const char *name;
  gboolean    must_find;
} Pattern;

enum {
  ONE_LETTER,
  TWO_LETTERS,
  THREE_LETTERS,
  FIRST_NAME_CAPITALS,
  FIRST_NAME_AS_WRITTEN,
  FOLDED_START,
  LAST_NAME_PIECE,
  FIRST_AND_LAST_START,
  SURNAME_FIRST,
  SURNAME_FIRST_START,
  MISSPELT_NAME,
  NEW_CUSTOMER,
  PHONE_WHOLE,
  PHONE_PIECE,
  PHONE_THREE_DIGITS,
  PHONE_LAST_FOUR,
  PHONE_OF_NOBODY,
  N_PATTERNS
};

static const Pattern patterns[N_PATTERNS] = {
  [ONE_LETTER]            = { "1 letter",                        TRUE },
  [TWO_LETTERS]           = { "2 letters",                       TRUE },
  [THREE_LETTERS]         = { "3 letters, folded",               TRUE },
  [FIRST_NAME_CAPITALS]   = { "first name in capitals",          TRUE },
  [FIRST_NAME_AS_WRITTEN] = { "first name as written",           TRUE },
  [FOLDED_START]          = { "3-5 letters, folded",             TRUE },
  [LAST_NAME_PIECE]       = { "4 letters inside a last name",    TRUE },
  [FIRST_AND_LAST_START]  = { "first name + start of last",      TRUE },
  [SURNAME_FIRST]         = { "last name + first name",          TRUE },
  [SURNAME_FIRST_START]   = { "last name + start of first",      TRUE },
  [MISSPELT_NAME]         = { "first + misspelt last name",      FALSE },
  [NEW_CUSTOMER]          = { "first + 2-5 letters, new surname", FALSE },
  [PHONE_WHOLE]           = { "whole phone, 0555 123 45 67",     TRUE },
  [PHONE_PIECE]           = { "phone piece, +90 555 123, 45 67", TRUE },
  [PHONE_THREE_DIGITS]    = { "3 digits, 555",                   TRUE },
  [PHONE_LAST_FOUR]       = { "last 4 digits, 4567",             TRUE },
  [PHONE_OF_NOBODY]       = { "whole phone of nobody",           FALSE },
};

typedef struct {
  char  *text;
  guint  pattern;
} Query;

static void
query_free (Query *q)
{
  g_free (q->text);
  g_free (q);
}

static char *
make_query (guint                pattern,
            const KioskCustomer *c,
            GRand               *rand)
{
  const char *last = c->last_name != NULL ? c->last_name : c->first_name;
  const char *n = c->phone != NULL && g_str_has_prefix (c->phone, "+90") && strlen (c->phone) == 13
                  ? c->phone + 3 : NULL;

  switch (pattern)
    {
    case ONE_LETTER:
      return first_chars (c->first_name, 1);
    case TWO_LETTERS:
      return first_chars (c->first_name, 2);
    case THREE_LETTERS:
      {
        g_autofree char *folded = kiosk_fold_for_search (c->first_name);
        return first_chars (folded, 3);
      }
    case FIRST_NAME_CAPITALS:
      return turkish_upper (c->first_name);
    case FIRST_NAME_AS_WRITTEN:
      return g_strdup (c->first_name);
    case FOLDED_START:
      {
        g_autofree char *folded = kiosk_fold_for_search (c->first_name);
        return first_chars (folded, g_rand_int_range (rand, 3, 6));
      }
    case LAST_NAME_PIECE:
      {
        glong len = g_utf8_strlen (last, -1);
        glong from = len > 4 ? g_rand_int_range (rand, 1, (gint32)(len - 3)) : 0;

        return g_utf8_substring (last, from, MIN (len, from + 4));
      }
    case FIRST_AND_LAST_START:
      {
        g_autofree char *start = first_chars (last, 3);
        return g_strdup_printf ("%s %s", c->first_name, start);
      }
    case SURNAME_FIRST:
      return g_strdup_printf ("%s %s", last, c->first_name);
    case SURNAME_FIRST_START:
      {
        g_autofree char *start = first_chars (c->first_name, g_rand_int_range (rand, 1, 4));
        return g_strdup_printf ("%s %s", last, start);
      }
    case MISSPELT_NAME:
      {
        g_autofree char *typo = misspelt (last);
        return g_strdup_printf ("%s %s", c->first_name, typo);
      }
    case NEW_CUSTOMER:
      {
        /* Is she a customer yet? Last names the demo never gives. */
        static const char * const new_last_names[] = {
          "Toprak", "Sezer", "Uysal", "Bozkurt", "Yavuz", "Tekin", "Avcı", "Başaran", "Coşkun", "Yalçın",
        };
        const char *new_last = new_last_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (new_last_names))];
        g_autofree char *start = first_chars (new_last, g_rand_int_range (rand, 2, 6));

        return g_strdup_printf ("%s %s", c->first_name, start);
      }
    case PHONE_WHOLE:
      return n == NULL ? NULL : phone_query (c->phone, 0);
    case PHONE_PIECE:
      return n == NULL ? NULL : phone_query (c->phone, 1 + g_rand_int_range (rand, 0, 4));
    case PHONE_THREE_DIGITS:
      return n == NULL ? NULL : g_strndup (n, 3);
    case PHONE_LAST_FOUR:
      return n == NULL ? NULL : g_strdup (n + 6);
    case PHONE_OF_NOBODY:
      /* No demo number has an operator code 56x. */
      return g_strdup_printf ("0 56%u %03u %02u %02u", g_rand_int_range (rand, 0, 10),
                              g_rand_int_range (rand, 0, 1000), g_rand_int_range (rand, 0, 100),
                              g_rand_int_range (rand, 0, 100));
    default:
      g_assert_not_reached ();
    }
}

static GPtrArray *
make_queries (KioskReplica  *replica,
              GPtrArray    **out_ids)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) customers = kiosk_replica_list_customers (replica, &error);
  GPtrArray *queries = g_ptr_array_new_with_free_func ((GDestroyNotify)query_free);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  GRand *rand = g_rand_new_with_seed (5);

  g_assert_no_error (error);
  g_assert_cmpuint (customers->len, >=, N_CUSTOMERS);
  while (queries->len < N_QUERIES_PER_PATTERN * N_PATTERNS)
    {
      KioskCustomer *c = g_ptr_array_index (customers, g_rand_int_range (rand, 0, (gint32)customers->len));
      guint pattern = queries->len % N_PATTERNS;
      char *text = make_query (pattern, c, rand);
      Query *q;

      if (text == NULL)
        continue;
      q = g_new0 (Query, 1);
      q->text = text;
      q->pattern = pattern;
      g_ptr_array_add (queries, q);
      /* The reference looks up another customer by id each time. */
      c = g_ptr_array_index (customers, g_rand_int_range (rand, 0, (gint32)customers->len));
      g_ptr_array_add (ids, g_strdup (c->id));
    }
  g_rand_free (rand);
  *out_ids = ids;
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

static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64)ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gint64
median (gint64 *runs)
{
  qsort (runs, N_ROUNDS, sizeof runs[0], compare_gint64);
  return runs[N_ROUNDS / 2];
}

/* p50 and p99 (nearest rank) of @times, sorted in place. */
static void
percentiles (GArray *times,
             gint64 *p50,
             gint64 *p99,
             gint64 *max)
{
  g_array_sort (times, compare_gint64);
  *p50 = g_array_index (times, gint64, times->len / 2);
  *p99 = g_array_index (times, gint64, MIN (times->len - 1, (times->len * 99 + 99) / 100 - 1));
  *max = g_array_index (times, gint64, times->len - 1);
}

typedef struct {
  GArray *wall;   /* gint64 µs, the median of each query's rounds */
  GArray *cpu;    /* likewise, this thread's CPU time */
  guint   found;
  guint   n;
} Stats;

static void
stats_init (Stats *s)
{
  s->wall = g_array_new (FALSE, FALSE, sizeof (gint64));
  s->cpu = g_array_new (FALSE, FALSE, sizeof (gint64));
  s->found = s->n = 0;
}

static void
stats_clear (Stats *s)
{
  g_array_unref (s->wall);
  g_array_unref (s->cpu);
}

static void
print_stats (const char *name,
             Stats      *s)
{
  gint64 p50, p99, max, c50, c99, cmax;

  percentiles (s->wall, &p50, &p99, &max);
  percentiles (s->cpu, &c50, &c99, &cmax);
  g_print ("# %-38s %4u %6.3f %6.3f %6.3f | %6.3f %6.3f  %3u found\n",
           name, s->n, p50 / 1000.0, p99 / 1000.0, max / 1000.0, c50 / 1000.0, c99 / 1000.0, s->found);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(KioskReplica) replica = NULL;
  g_autoptr(KioskReplica) reader = NULL;
  g_autoptr(GError) open_error = NULL;
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  const char *dir = argc > 1 ? argv[1] : "lookup-data";
  Stats per_pattern[N_PATTERNS];
  Stats all, reference;
  guint must_find = 0, found = 0;
  gint64 p50, p99, max, ref50, ref99, ref_max;
  gint64 worst = -1;
  const Query *worst_query = NULL;
  double load[3] = { 0 };

  replica = open_big_replica (dir);
  /* Staff's search runs on a read-only connection of its own
   * (kiosk_replica_search_customers_async()): measured on one such. */
  reader = kiosk_replica_open_reader (replica, &open_error);
  g_assert_no_error (open_error);

  /* bench-lookup DIR QUERY…: times the given queries alone, for looking
   * into one. */
  if (argc > 2)
    {
      for (int a = 2; a < argc; a++)
        {
          gint64 runs[N_ROUNDS], cpu_runs[N_ROUNDS];
          guint n_found = 0;

          for (guint round = 0; round <= N_ROUNDS; round++)
            {
              g_autoptr(GPtrArray) result = NULL;
              gint64 start = g_get_monotonic_time ();
              gint64 start_cpu = thread_cpu_us ();

              result = kiosk_replica_search_customers (reader, argv[a], LIMIT, NULL);
              g_assert_nonnull (result);
              n_found = result->len;
              if (round > 0)
                {
                  runs[round - 1] = g_get_monotonic_time () - start;
                  cpu_runs[round - 1] = thread_cpu_us () - start_cpu;
                }
            }
          printf ("# %.3f ms (CPU %.3f ms), %u found: %s\n",
                  median (runs) / 1000.0, median (cpu_runs) / 1000.0, n_found, argv[a]);
        }
      return 0;
    }

  queries = make_queries (replica, &ids);
  for (guint p = 0; p < N_PATTERNS; p++)
    stats_init (&per_pattern[p]);
  stats_init (&all);
  stats_init (&reference);

  g_print ("1..1\n");
  /* Each query's time is the median of its rounds: on a shared machine a
   * single run may lose the CPU, which says nothing about the lookup.
   * After each round the same connection looks one customer up by its
   * primary key (kiosk_replica_get_customer()): the reference, measured
   * in the same moments, tells what the machine's load does to a lookup
   * that is as cheap as a lookup gets. */
  for (guint i = 0; i < queries->len; i++)
    {
      const Query *q = queries->pdata[i];
      gint64 runs[N_ROUNDS], cpu_runs[N_ROUNDS], ref_runs[N_ROUNDS], ref_cpu_runs[N_ROUNDS];
      gint64 took, took_cpu;
      gboolean any = FALSE;

      for (guint round = 0; round <= N_ROUNDS; round++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GPtrArray) result = NULL;
          g_autoptr(KioskCustomer) customer = NULL;
          gint64 start = g_get_monotonic_time ();
          gint64 start_cpu = thread_cpu_us ();

          result = kiosk_replica_search_customers (reader, q->text, LIMIT, &error);
          g_assert_no_error (error);
          if (round > 0)   /* round 0 warms the page cache */
            {
              runs[round - 1] = g_get_monotonic_time () - start;
              cpu_runs[round - 1] = thread_cpu_us () - start_cpu;
            }
          any = result->len > 0;

          start = g_get_monotonic_time ();
          start_cpu = thread_cpu_us ();
          customer = kiosk_replica_get_customer (reader, ids->pdata[i], &error);
          g_assert_no_error (error);
          if (round > 0)
            {
              ref_runs[round - 1] = g_get_monotonic_time () - start;
              ref_cpu_runs[round - 1] = thread_cpu_us () - start_cpu;
            }
        }
      took = median (runs);
      took_cpu = median (cpu_runs);
      for (Stats *s = &per_pattern[q->pattern]; s != NULL; s = (s == &all) ? NULL : &all)
        {
          g_array_append_val (s->wall, took);
          g_array_append_val (s->cpu, took_cpu);
          s->n++;
          s->found += any;
        }
      {
        gint64 ref = median (ref_runs), ref_cpu = median (ref_cpu_runs);

        g_array_append_val (reference.wall, ref);
        g_array_append_val (reference.cpu, ref_cpu);
        reference.n++;
        reference.found++;
      }
      if (patterns[q->pattern].must_find)
        {
          must_find++;
          found += any;
        }
      /* Demo names only, never a real person's: for looking into it. */
      if (g_getenv ("BENCH_LOOKUP_SHOW_SLOW") != NULL && took > GOAL_P99_US / 4)
        printf ("# slow: %.3f ms (CPU %.3f ms) [%s]\n", took / 1000.0, took_cpu / 1000.0, q->text);
      if (took > worst)
        {
          worst = took;
          worst_query = q;
        }
    }

  if (getloadavg (load, 3) < 0)
    load[0] = -1;
  g_print ("# %u queries over %" G_GINT64_FORMAT " customers, at most %d results, "
           "each the median of %d runs, on the search's read-only connection; load average %.1f\n",
           queries->len, kiosk_replica_count (replica, "customer", NULL), LIMIT, N_ROUNDS, load[0]);
  g_print ("# %-38s %4s %6s %6s %6s | %6s %6s  (ms; CPU: this thread's)\n",
           "pattern", "n", "p50", "p99", "max", "CPU50", "CPU99");
  for (guint p = 0; p < N_PATTERNS; p++)
    print_stats (patterns[p].name, &per_pattern[p]);
  print_stats ("all queries", &all);
  print_stats ("reference: one customer by id", &reference);

  percentiles (all.wall, &p50, &p99, &max);
  percentiles (reference.wall, &ref50, &ref99, &ref_max);
  g_print ("# lookup p50 %.3f ms, p99 %.3f ms (goal: p99 <= %.1f ms); same-run reference p50 %.3f ms, p99 %.3f ms\n",
           p50 / 1000.0, p99 / 1000.0, GOAL_P99_US / 1000.0, ref50 / 1000.0, ref99 / 1000.0);
  /* The slowest one, to see where time goes; not a name of a real person. */
  g_print ("# slowest query: %.3f ms, pattern \"%s\", %zu bytes\n",
           worst / 1000.0, patterns[worst_query->pattern].name, strlen (worst_query->text));

  for (guint p = 0; p < N_PATTERNS; p++)
    stats_clear (&per_pattern[p]);
  stats_clear (&all);
  stats_clear (&reference);

  /* Every such query is made from a real row: nearly all must find someone. */
  if (found < must_find * 95 / 100)
    {
      g_print ("not ok 1 - lookup found someone for only %u of %u queries\n", found, must_find);
      return 1;
    }
  if (p99 > GOAL_P99_US)
    {
      g_print ("not ok 1 - lookup p99 %.3f ms above %.1f ms (same-run reference p99 %.3f ms)\n",
               p99 / 1000.0, GOAL_P99_US / 1000.0, ref99 / 1000.0);
      return 1;
    }
  g_print ("ok 1 - lookup p99 %.3f ms with %d customers (same-run reference p99 %.3f ms)\n",
           p99 / 1000.0, N_CUSTOMERS, ref99 / 1000.0);
  return 0;
}
