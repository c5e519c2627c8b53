/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Customer lookup over customer_search and its FTS5 trigram index. The
 * user's text is only ever bound as a parameter: the prefix tiers compare
 * it with an index range, the substring tier hands FTS5 each word as a
 * quoted phrase (so `*`, NEAR, AND, quotes are plain characters).
 *
 * What a word of the query matches: three letters or more, anywhere in the
 * name ("lışı" finds Kalışık); one or two, the start of a word ("ayse yi"
 * is Ayşe Yılmaz: the word is being typed). The index holds each name
 * after a space, so a two-letter start is the trigram " yi".
 */
#define G_LOG_DOMAIN "kiosk-replica"

#include "config.h"

#include <string.h>

#include "kiosk-fold.h"
#include "kiosk-phone.h"
#include "kiosk-replica-private.h"
#include "kiosk-replica-search-private.h"

/* What is looked at of what was typed: names are at most 100 letters each,
 * a phone 15 digits; the rest of a pasted novel cannot match anyway. */
#define MAX_QUERY_BYTES 256
#define MAX_RAW_BYTES   4096
#define MAX_WORDS       8
/* Above any byte of valid UTF-8: "prefix" .. "prefix\xff" is every text
 * that starts with prefix under BINARY collation. */
#define PREFIX_END "\xff"

#define KIOSK_META_SEARCH_DEFERRED "search_deferred"

/* ------------------------------------------------------- SQL functions */

static void
fold_func (sqlite3_context  *ctx,
           int               argc,
           sqlite3_value   **argv)
{
  const char *text = (const char *)sqlite3_value_text (argv[0]);
  char *folded;

  g_assert (argc == 1);
  if (text == NULL)
    {
      sqlite3_result_text (ctx, "", 0, SQLITE_STATIC);
      return;
    }
  folded = kiosk_fold_for_search (text);
  sqlite3_result_text (ctx, folded, -1, g_free);
}

static void
digits_func (sqlite3_context  *ctx,
             int               argc,
             sqlite3_value   **argv)
{
  const char *text = (const char *)sqlite3_value_text (argv[0]);
  char buffer[64];
  gsize n = 0;

  g_assert (argc == 1);
  if (text != NULL)
    for (const char *p = text; *p != '\0' && n < sizeof buffer; p++)
      if (g_ascii_isdigit (*p))
        buffer[n++] = *p;
  sqlite3_result_text (ctx, buffer, (int)n, SQLITE_TRANSIENT);
}

int
kiosk_replica_search_register_functions (sqlite3 *db)
{
  const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
  int rc;

  rc = sqlite3_create_function (db, "kiosk_fold", 1, flags, NULL, fold_func, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function (db, "kiosk_digits", 1, flags, NULL, digits_func, NULL, NULL);
  return rc;
}

/* ------------------------------------------------------------- queries */

/* A word of the query in the substring tier: where in the name it may be. */
typedef struct {
  const char *text;       /* folded, not empty */
  gboolean    at_start;   /* of a word of the name (fewer than 3 letters) */
} Word;

typedef struct {
  KioskReplica *self;
  GPtrArray    *ids;      /* char *, best first */
  GHashTable   *seen;     /* borrowed from ids */
  guint         limit;
  const Word   *words;    /* every word must match the name (substring tier) */
  guint         n_words;
} Collect;

static gboolean
collect_full (Collect *c)
{
  return c->ids->len >= c->limit;
}

static gboolean
word_matches (const char *name,
              const Word *word)
{
  if (!word->at_start)
    return strstr (name, word->text) != NULL;
  if (g_str_has_prefix (name, word->text))
    return TRUE;
  for (const char *at = strchr (name, ' '); at != NULL; at = strchr (at + 1, ' '))
    if (g_str_has_prefix (at + 1, word->text))
      return TRUE;
  return FALSE;
}

/* Steps @stmt (column 0 the id; if @filter, column 1 the name that every
 * one of c->words must match) until the list is full. */
static gboolean
collect (Collect          *c,
         KioskCachedStmt  *stmt,
         gboolean          filter,
         GError          **error)
{
  while (!collect_full (c))
    {
      gboolean has_row = FALSE;
      const char *id;

      if (!kiosk_replica_next (c->self, stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        break;
      id = (const char *)sqlite3_column_text (stmt, 0);
      if (id == NULL || g_hash_table_contains (c->seen, id))
        continue;
      if (filter)
        {
          const char *name = (const char *)sqlite3_column_text (stmt, 1);
          gboolean all = name != NULL;

          for (guint i = 0; all && i < c->n_words; i++)
            all = word_matches (name, &c->words[i]);
          if (!all)
            continue;
        }
      {
        char *copy = g_strdup (id);

        g_ptr_array_add (c->ids, copy);
        g_hash_table_add (c->seen, copy);
      }
    }
  return TRUE;
}

static gboolean
run_prefix (Collect     *c,
            const char  *sql,
            const char  *prefix,
            GError     **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;
  g_autofree char *end = NULL;

  if (collect_full (c) || prefix == NULL || *prefix == '\0')
    return TRUE;
  stmt = kiosk_replica_prepare (c->self, sql, error);
  if (stmt == NULL)
    return FALSE;
  end = g_strconcat (prefix, PREFIX_END, NULL);
  kiosk_replica_bind_text (stmt, 1, prefix);
  kiosk_replica_bind_text (stmt, 2, end);
  return collect (c, stmt, FALSE, error);
}

/* FTS5 sees a word as one string: doubled quotes inside, nothing special.
 * @start: the word must start a word of the name (a space before it). */
static void
append_phrase (GString    *match,
               const char *column,
               const char *word,
               gboolean    start)
{
  if (match->len > 0)
    g_string_append (match, " AND ");
  g_string_append_printf (match, "%s : \"%s", column, start ? " " : "");
  for (const char *p = word; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (match, '"');
      g_string_append_c (match, *p);
    }
  g_string_append_c (match, '"');
}

static gboolean
run_match (Collect     *c,
           const char  *match,
           GError     **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;

  if (collect_full (c) || match == NULL || *match == '\0')
    return TRUE;
  stmt = kiosk_replica_prepare (c->self,
                                "SELECT s.id, s.name FROM customer_fts f "
                                "JOIN customer_search s ON s.key = f.rowid "
                                "WHERE customer_fts MATCH ?1",
                                error);
  if (stmt == NULL)
    return FALSE;
  kiosk_replica_bind_text (stmt, 1, match);
  return collect (c, stmt, TRUE, error);
}

static gboolean
is_phone_like (const char *text)
{
  gboolean digit = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digit = TRUE;
      else if (strchr (" \t\r\n+()-./", *p) == NULL)
        return FALSE;
    }
  return digit;
}

static gboolean
search_phone (Collect     *c,
              const char  *text,
              GError     **error)
{
  g_autofree char *e164 = NULL;
  g_autoptr(GString) digits = g_string_new (NULL);
  g_autofree char *national_prefix = NULL;
  const char *national;


  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
  /* No stored phone has more than 15 digits. */
  if (digits->len > 15)
    return TRUE;

  e164 = kiosk_phone_normalize (text, NULL);
  if (e164 != NULL)
    {
      g_autoptr(KioskCachedStmt) stmt = NULL;

      stmt = kiosk_replica_prepare (c->self, "SELECT id FROM customer WHERE phone = ?1", error);
      if (stmt == NULL)
        return FALSE;
      kiosk_replica_bind_text (stmt, 1, e164);
      if (!collect (c, stmt, FALSE, error))
        return FALSE;
    }

  /* The national number as typed: "0555…", "90555…", "0090555…" and
   * "555…" all start a Turkish number "90555…". */
  national = digits->str;
  if (g_str_has_prefix (national, "00"))
    national += 2;
  if (g_str_has_prefix (national, "90") && strlen (national) > 2)
    national += 2;
  else if (national[0] == '0')
    national += 1;
  if (*national != '\0')
    national_prefix = g_strconcat ("90", national, NULL);

  if (!run_prefix (c, "SELECT id FROM customer_search WHERE digits >= ?1 AND digits < ?2 ORDER BY digits",
                   national_prefix, error) ||
      !run_prefix (c, "SELECT id FROM customer_search WHERE digits >= ?1 AND digits < ?2 ORDER BY digits",
                   digits->str, error))
    return FALSE;

  /* A substring: "0555 123" is in "905551234567" as typed, since the
   * country code ends in the trunk 0: the start of one of its suffixes. */
  if (digits->len >= 3 &&
      !run_prefix (c, "SELECT s.id FROM customer_phone_part p JOIN customer_search s ON s.key = p.key "
                      "WHERE p.part >= ?1 AND p.part < ?2 ORDER BY p.part",
                   digits->str, error))
    return FALSE;
  return TRUE;
}

/* The words in another order, as the start of the whole name: "yilmaz
 * ayse" is "ayse yilmaz" (staff often say the last name first, and
 * "ayse nur yilmaz" from "yilmaz ayse nur"). An index range like the
 * first tier; without it such a name goes to FTS5, which has to walk the
 * trigram lists of every word (1–2 ms with 200 000 customers). */
#define MAX_ROTATED_WORDS 4

static gboolean
search_rotations (Collect      *c,
                  char        **words,
                  GError      **error)
{
  const char *kept[MAX_ROTATED_WORDS];
  guint n = 0;

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      {
        if (n == MAX_ROTATED_WORDS)
          return TRUE;
        kept[n++] = words[i];
      }
  for (guint first = 1; first < n && !collect_full (c); first++)
    {
      g_autoptr(GString) rotated = g_string_new (NULL);

      for (guint k = 0; k < n; k++)
        {
          if (k > 0)
            g_string_append_c (rotated, ' ');
          g_string_append (rotated, kept[(first + k) % n]);
        }
      if (!run_prefix (c, "SELECT id FROM customer_search WHERE name >= ?1 AND name < ?2 ORDER BY name",
                       rotated->str, error))
        return FALSE;
    }

  /* The last name and the start of the first, as it is being typed:
   * "ince om" is a name that starts with "om" and has a word starting
   * with "ince". Through the name index alone (the word is checked on the
   * index entry); from two letters on, which keeps the range small. */
  if (n >= 2 && !collect_full (c))
    {
      g_autoptr(GString) rest = g_string_new (NULL);
      g_autoptr(KioskCachedStmt) stmt = NULL;
      g_autofree char *end = NULL;
      g_autofree char *later_word = g_strconcat (" ", kept[0], NULL);

      for (guint k = 1; k < n; k++)
        {
          if (k > 1)
            g_string_append_c (rest, ' ');
          g_string_append (rest, kept[k]);
        }
      if (g_utf8_strlen (rest->str, -1) < 2)
        return TRUE;
      stmt = kiosk_replica_prepare (c->self,
                                    "SELECT id FROM customer_search WHERE name >= ?1 AND name < ?2 "
                                    "AND instr (name, ?3) > 0 ORDER BY name",
                                    error);
      if (stmt == NULL)
        return FALSE;
      end = g_strconcat (rest->str, PREFIX_END, NULL);
      kiosk_replica_bind_text (stmt, 1, rest->str);
      kiosk_replica_bind_text (stmt, 2, end);
      kiosk_replica_bind_text (stmt, 3, later_word);
      if (!collect (c, stmt, FALSE, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
search_name (Collect     *c,
             const char  *text,
             GError     **error)
{
  g_autofree char *folded = kiosk_fold_for_search (text);
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) match = g_string_new (NULL);
  g_autoptr(GArray) checked = g_array_new (FALSE, FALSE, sizeof (Word));
  guint n_phrases = 0;

  if (strlen (folded) > MAX_QUERY_BYTES)
    {
      char *end = g_utf8_find_prev_char (folded, folded + MAX_QUERY_BYTES + 1);

      *end = '\0';
      g_strchomp (folded);
    }
  if (*folded == '\0')
    return TRUE;

  /* Whole name, then last name, from the start: through their indexes,
   * also for one or two letters. */
  if (!run_prefix (c, "SELECT id FROM customer_search WHERE name >= ?1 AND name < ?2 ORDER BY name",
                   folded, error) ||
      !run_prefix (c, "SELECT id FROM customer_search WHERE last >= ?1 AND last < ?2 ORDER BY last",
                   folded, error))
    return FALSE;

  words = g_strsplit (folded, " ", -1);
  if (!search_rotations (c, words, error))
    return FALSE;

  /* Every word, each where it may match (see the top of the file): FTS5
   * narrows by the words of two letters or more (trigrams, " yi" for a
   * start), the check in collect() takes all words, one letter too. A
   * single word of two letters was a start of the name or the last name
   * above; it is looked for here as the start of a middle word. */
  for (guint i = 0; words[i] != NULL; i++)
    {
      glong length = g_utf8_strlen (words[i], -1);
      Word word = { words[i], length < 3 };

      if (length == 0)
        continue;
      g_array_append_val (checked, word);
      if (length >= 2 && n_phrases < MAX_WORDS)
        {
          append_phrase (match, "name", word.text, word.at_start);
          n_phrases++;
        }
    }
  if (n_phrases == 0)
    return TRUE;
  c->words = (const Word *) checked->data;
  c->n_words = checked->len;
  return run_match (c, match->str, error);
}

GPtrArray *
kiosk_replica_search_customers (KioskReplica  *self,
                                const char    *query,
                                guint          limit,
                                GError       **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) customers = g_ptr_array_new_with_free_func ((GDestroyNotify)kiosk_customer_free);
  g_autofree char *text = NULL;
  Collect c = { self, ids, seen, limit, NULL, 0 };
  gboolean ok;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);

  if (query == NULL || limit == 0)
    return g_steal_pointer (&customers);
  if (!kiosk_replica_check_usable (self, error))
    return NULL;

  /* A pasted novel is cut; invalid UTF-8 is repaired (U+FFFD matches no
   * name). */
  text = g_utf8_make_valid (query, MIN (strlen (query), MAX_RAW_BYTES));
  /* The repairs (U+FFFD) are no letters: they part words, like a space. */
  for (char *p = strstr (text, "\xef\xbf\xbd"); p != NULL; p = strstr (p, "\xef\xbf\xbd"))
    memset (p, ' ', 3);

  ok = is_phone_like (text) ? search_phone (&c, text, error) : search_name (&c, text, error);
  if (!ok)
    return NULL;

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) local = NULL;
      KioskCustomer *customer = kiosk_replica_get_customer (self, ids->pdata[i], &local);

      if (customer != NULL)
        g_ptr_array_add (customers, customer);
      else if (!g_error_matches (local, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
    }
  return g_steal_pointer (&customers);
}

/* ------------------------------------------------------ off the caller */

/* Read-only connections for the worker threads, kept on the replica: one
 * is made when a search finds none free (two at once when a stale search
 * is still finishing), and they are closed with the replica. */
typedef struct {
  GMutex  lock;
  GSList *idle;   /* KioskReplica * */
} ReaderPool;

#define READER_POOL_KEY "kiosk-search-readers"

static void
reader_pool_free (gpointer data)
{
  ReaderPool *pool = data;

  g_slist_free_full (pool->idle, g_object_unref);
  g_mutex_clear (&pool->lock);
  g_free (pool);
}

static ReaderPool *
reader_pool_get (KioskReplica *self)
{
  ReaderPool *pool = g_object_get_data (G_OBJECT (self), READER_POOL_KEY);

  if (pool == NULL)
    {
      pool = g_new0 (ReaderPool, 1);
      g_mutex_init (&pool->lock);
      g_object_set_data_full (G_OBJECT (self), READER_POOL_KEY, pool, reader_pool_free);
    }
  return pool;
}

void
kiosk_replica_search_close_readers (KioskReplica *self)
{
  g_object_set_data (G_OBJECT (self), READER_POOL_KEY, NULL);
}

typedef struct {
  char       *query;
  guint       limit;
  ReaderPool *pool;   /* the source object's: lives as long as the task */
} SearchData;

static void
search_data_free (SearchData *data)
{
  g_free (data->query);
  g_free (data);
}

static void
interrupt_cb (GCancellable *cancellable,
              sqlite3      *db)
{
  /* A newer keystroke: the statement running now stops at once. */
  sqlite3_interrupt (db);
}

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  KioskReplica *self = source_object;
  SearchData *data = task_data;
  g_autoptr(KioskReplica) reader = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *found = NULL;
  gulong handler = 0;

  if (g_task_return_error_if_cancelled (task))
    return;

  g_mutex_lock (&data->pool->lock);
  if (data->pool->idle != NULL)
    {
      reader = data->pool->idle->data;
      data->pool->idle = g_slist_delete_link (data->pool->idle, data->pool->idle);
    }
  g_mutex_unlock (&data->pool->lock);
  if (reader == NULL)
    reader = kiosk_replica_open_reader (self, &error);
  if (reader == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (interrupt_cb),
                                     kiosk_replica_get_db (reader), NULL);
  /* One read transaction: one snapshot for all the tiers and rows, and
   * the WAL's read lock taken once. */
  if (kiosk_replica_exec (reader, "BEGIN", &error))
    found = kiosk_replica_search_customers (reader, data->query, data->limit, &error);
  /* Waits for a running interrupt_cb: none can reach the next search. */
  g_cancellable_disconnect (cancellable, handler);
  /* Never back into the pool inside a read transaction: it would keep
   * the WAL from being checkpointed. An interrupt may have ended it. */
  if (!sqlite3_get_autocommit (kiosk_replica_get_db (reader)))
    sqlite3_exec (kiosk_replica_get_db (reader), "COMMIT", NULL, NULL, NULL);

  g_mutex_lock (&data->pool->lock);
  data->pool->idle = g_slist_prepend (data->pool->idle, g_steal_pointer (&reader));
  g_mutex_unlock (&data->pool->lock);

  if (found == NULL && g_cancellable_is_cancelled (cancellable))
    g_task_return_error_if_cancelled (task);
  else if (found == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, found, (GDestroyNotify)g_ptr_array_unref);
}

void
kiosk_replica_search_customers_async (KioskReplica        *self,
                                      const char          *query,
                                      guint                limit,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SearchData *data;

  g_return_if_fail (KIOSK_IS_REPLICA (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kiosk_replica_search_customers_async);
  data = g_new0 (SearchData, 1);
  data->query = g_strdup (query);
  data->limit = limit;
  data->pool = reader_pool_get (self);
  g_task_set_task_data (task, data, (GDestroyNotify)search_data_free);

  /* Nothing to look for: no thread. */
  if (query == NULL || limit == 0)
    {
      g_task_return_pointer (task, g_ptr_array_new_with_free_func ((GDestroyNotify)kiosk_customer_free),
                             (GDestroyNotify)g_ptr_array_unref);
      return;
    }
  g_task_run_in_thread (task, search_thread);
}

GPtrArray *
kiosk_replica_search_customers_finish (KioskReplica  *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------- loyalty */

gboolean
kiosk_replica_pending_redeemed (KioskReplica  *self,
                                const char    *customer_id,
                                gint64        *out_points,
                                GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;
  gboolean has_row = FALSE;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), FALSE);
  g_return_val_if_fail (customer_id != NULL, FALSE);
  g_return_val_if_fail (out_points != NULL, FALSE);

  *out_points = 0;
  if (!kiosk_replica_check_usable (self, error))
    return FALSE;
  stmt = kiosk_replica_prepare (self,
    "SELECT coalesce (sum (-p.points), 0) FROM point_entry p "
    "WHERE p.customer = ?1 AND p.points < 0 AND ("
    /* Waiting to upload, or in flight; a refused one (or one held behind
     * a refusal) will not happen. */
    "  (p.pending = 1 AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.entity_id = p.id "
    "     AND o.kind = 'loyalty.redeem' AND o.state IN ('refused', 'held'))) "
    /* Accepted, but the customer's balance here predates it. */
    "  OR (p.pending = 0 AND EXISTS (SELECT 1 FROM outbox o WHERE o.entity_id = p.id "
    "       AND o.kind = 'loyalty.redeem' AND o.state = 'done') "
    "     AND NOT EXISTS (SELECT 1 FROM customer c WHERE c.id = p.customer "
    "       AND julianday (c.updated_at) >= julianday (p.created_at))))",
    error);
  if (stmt == NULL)
    return FALSE;
  kiosk_replica_bind_text (stmt, 1, customer_id);
  if (!kiosk_replica_next (self, stmt, &has_row, error))
    return FALSE;
  if (has_row)
    *out_points = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* ------------------------------------------------------ snapshot path */

gboolean
kiosk_replica_search_suspend (KioskReplica  *self,
                              GError       **error)
{
  g_return_val_if_fail (KIOSK_IS_REPLICA (self), FALSE);

  return kiosk_replica_exec (self,
                             "DROP TRIGGER IF EXISTS customer_search_insert;"
                             "DROP TRIGGER IF EXISTS customer_search_update;"
                             "DROP TRIGGER IF EXISTS customer_search_delete;",
                             error) &&
         kiosk_replica_set_meta (self, KIOSK_META_SEARCH_DEFERRED, "1", error);
}

gboolean
kiosk_replica_search_restore (KioskReplica  *self,
                              GError       **error)
{
  g_autofree char *deferred = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), FALSE);

  deferred = kiosk_replica_get_meta (self, KIOSK_META_SEARCH_DEFERRED);
  if (deferred == NULL)
    {
      g_autoptr(KioskCachedStmt) stmt = NULL;
      gboolean has_row = FALSE;

      /* The usual start: nothing to do, and no write lock taken for it. */
      stmt = kiosk_replica_prepare (self,
                                    "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name IN "
                                    "('customer_search_insert', 'customer_search_update', 'customer_search_delete', "
                                    " 'customer_search_keys_insert', 'customer_search_keys_delete')",
                                    error);
      if (stmt == NULL || !kiosk_replica_next (self, stmt, &has_row, error))
        return FALSE;
      if (has_row && sqlite3_column_int (stmt, 0) == 5)
        return TRUE;
    }
  if (!kiosk_replica_begin (self, error))
    return FALSE;
  /* Every key again in one pass, without the per-row triggers: the FTS
   * index rebuilt from customer_search, the phone parts inserted sorted. */
  if (deferred != NULL &&
      (!kiosk_replica_exec (self,
                            "DROP TRIGGER IF EXISTS customer_search_keys_insert;"
                            "DROP TRIGGER IF EXISTS customer_search_keys_delete;"
                            "DELETE FROM customer_search;"
                            "DELETE FROM customer_phone_part;"
                            "INSERT INTO customer_search (id, name, last, digits) "
                            "  SELECT id, kiosk_fold (coalesce (first_name, '') || ' ' || coalesce (last_name, '')), "
                            "    kiosk_fold (last_name), kiosk_digits (phone) FROM customer ORDER BY id;"
                            "INSERT INTO customer_fts (customer_fts) VALUES ('rebuild');"
                            "INSERT INTO customer_phone_part (part, key) "
                            "  SELECT substr (s.digits, d.i), s.key FROM customer_search s "
                            "  JOIN digit_position d ON d.i <= length (s.digits) - 2 ORDER BY 1, 2;",
                            error) ||
       !kiosk_replica_set_meta (self, KIOSK_META_SEARCH_DEFERRED, NULL, error)))
    goto failed;
  if (!kiosk_replica_exec (self, KIOSK_REPLICA_SEARCH_KEY_TRIGGERS_SQL, error))
    goto failed;
  if (!kiosk_replica_exec (self, KIOSK_REPLICA_SEARCH_TRIGGERS_SQL, error))
    goto failed;
  return kiosk_replica_commit (self, error);

failed:
  kiosk_replica_rollback (self);
  return FALSE;
}
