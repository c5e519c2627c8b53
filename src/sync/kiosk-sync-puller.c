/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The pull: GET /changes/ page after page, each page applied in one
 * transaction with its cursor; a snapshot's pages fetched ahead on a
 * thread of their own; 410 starts a snapshot over.
 */
#define G_LOG_DOMAIN "kiosk-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "kiosk-sync-engine-private.h"

static gboolean
apply_page (KioskSyncWorker         *w,
            KioskFeedPage  *page,
            guint          *touched,
            GError        **error)
{
  KioskReplica *replica = w->replica;

  if (!kiosk_replica_begin (replica, error))
    return FALSE;
  for (guint i = 0; i < page->changes->len; i++)
    {
      KioskChange *change = g_ptr_array_index (page->changes, i);
      KioskApplyResult result = KIOSK_APPLY_REPLAY;
      g_autoptr(GError) local = NULL;
      gboolean ok;

      if (change->invalid_reason != NULL)
        {
          ok = kiosk_replica_quarantine_add (replica, change->entity_name, change->id,
                                             change->invalid_reason, change->raw_json, &local);
          if (!ok)
            goto failed;
          continue;
        }
      if (change->entity == KIOSK_ENTITY_UNKNOWN)
        continue;   /* a newer server's entity: skipped, the cursor still advances */
      if (change->is_delete)
        ok = kiosk_replica_apply_delete (replica, change->entity, change->id, change->version, &result, &local);
      else
        ok = kiosk_replica_apply_upsert (replica, change->entity, change->record, &result, &local);
      if (!ok)
        {
          /* A row the schema refuses is quarantined; the rest applies. */
          if (!g_error_matches (local, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_CONSTRAINT) &&
              !g_error_matches (local, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_NOT_FOUND))
            goto failed;
          g_clear_error (&local);
          if (!kiosk_replica_quarantine_add (replica, change->entity_name, change->id,
                                             "the replica refused the row", change->raw_json, &local))
            goto failed;
          continue;
        }
      if (result == KIOSK_APPLY_APPLIED)
        *touched |= KIOSK_SYNC_ENTITY_BIT (change->entity);
      continue;

    failed:
      kiosk_replica_rollback (replica);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (!kiosk_replica_set_meta (replica, KIOSK_META_CURSOR, page->cursor, error))
    {
      kiosk_replica_rollback (replica);
      return FALSE;
    }
  if (!page->has_more && kiosk_replica_in_snapshot (replica))
    {
      if (!kiosk_replica_snapshot_finish (replica, error))
        {
          kiosk_replica_rollback (replica);
          return FALSE;
        }
      *touched |= KIOSK_SYNC_ALL_ENTITIES;
    }
  if (!kiosk_replica_commit (replica, error))
    {
      kiosk_replica_rollback (replica);
      return FALSE;
    }
  return TRUE;
}

/* The feed is pipelined: a fetcher thread asks for page N+1 and reads it
 * (kiosk_feed_reader_parse_page()) while the worker applies page N, so that
 * the server, the reading and SQLite work at the same time. The worker still
 * applies the pages one by one, in order, each in one transaction with its
 * cursor; a page fetched past a failure is simply dropped, and the next pull
 * starts again from the stored cursor. At most FETCH_AHEAD pages wait, so a
 * snapshot's memory stays that of a few pages. */
#define FETCH_AHEAD 2

typedef struct {
  KioskSyncOutcome        outcome;    /* of the exchange */
  KioskSyncReply          reply;
  KioskFeedPage *page;       /* a 200 that reads */
  GError        *error;      /* an exchange or a page that failed */
} FetchItem;

static void
fetch_item_free (FetchItem *item)
{
  kiosk_sync_reply_clear (&item->reply);
  g_clear_pointer (&item->page, kiosk_feed_page_free);
  g_clear_error (&item->error);
  g_free (item);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FetchItem, fetch_item_free)

typedef struct {
  char         *server_url;
  char         *token;
  char         *ca_file;
  guint         timeout_s;
  char         *cursor;        /* NULL: a snapshot from its start */
  GCancellable *cancellable;   /* the fetcher's own, cancelled with the worker's */
  gulong        cancelled_id;
  GCancellable *parent;
  GAsyncQueue  *items;         /* of FetchItem, in page order */
  GMutex        lock;
  GCond         room;
  guint         waiting;       /* items pushed and not yet taken */
  GThread      *thread;        /* NULL: inline, on the worker's session */
  SoupSession  *session;       /* inline only: the worker's */
  gboolean      done;          /* inline only: the last page was fetched */
} Fetcher;

static gboolean
fetcher_wait_for_room (Fetcher *f)
{
  gboolean go;

  g_mutex_lock (&f->lock);
  while (f->waiting >= FETCH_AHEAD && !g_cancellable_is_cancelled (f->cancellable))
    g_cond_wait (&f->room, &f->lock);
  go = !g_cancellable_is_cancelled (f->cancellable);
  if (go)
    f->waiting++;
  g_mutex_unlock (&f->lock);
  return go;
}

/* One GET of the feed after *@cursor into @item; moves *@cursor on when
 * more pages follow. */
static void
fetch_page (Fetcher      *f,
            SoupSession  *session,
            FetchItem    *item,
            char        **cursor)
{
  g_autofree char *path = NULL;

  if (*cursor == NULL)
    path = g_strdup_printf ("changes/?limit=%d", FEED_LIMIT);
  else
    {
      g_autofree char *escaped = g_uri_escape_string (*cursor, NULL, FALSE);
      path = g_strdup_printf ("changes/?since=%s&limit=%d", escaped, FEED_LIMIT);
    }
  item->outcome = kiosk_sync_http_exchange (session, f->server_url, f->token, f->cancellable,
                                            "GET", path, NULL, NULL, &item->reply, &item->error);
  if (item->outcome == KIOSK_SYNC_OUTCOME_OK && item->reply.status == SOUP_STATUS_OK)
    {
      gsize len = 0;
      const char *body = g_bytes_get_data (item->reply.body, &len);
      g_autoptr(GError) parse_error = NULL;

      item->page = kiosk_feed_reader_parse_page (body ? body : "", (gssize) len, &parse_error);
      if (item->page == NULL)
        {
          item->outcome = KIOSK_SYNC_OUTCOME_FAILING;
          g_set_error (&item->error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_PROTOCOL,
                       _("The server sent a feed page that cannot be read: %s"), parse_error->message);
        }
      /* The body is read: only the page is kept. */
      g_clear_pointer (&item->reply.body, g_bytes_unref);
    }
  if (item->page != NULL && item->page->has_more)
    {
      g_free (*cursor);
      *cursor = g_strdup (item->page->cursor);
    }
}

static gpointer
fetcher_thread (gpointer data)
{
  Fetcher *f = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *cursor = g_strdup (f->cursor);

  kiosk_sync_lower_thread_priority ();
  /* The session's sources and locks are this thread's own: without a
   * thread-default context of its own it would use the global default
   * one, the UI's, and take its lock for every socket wait. */
  g_main_context_push_thread_default (context);
  session = kiosk_transport_new_session_full (f->ca_file, f->timeout_s, &local);
  for (;;)
    {
      FetchItem *item;
      gboolean more;

      if (!fetcher_wait_for_room (f))
        {
          /* The worker may be waiting for a page: it gets the news. */
          item = g_new0 (FetchItem, 1);
          item->outcome = KIOSK_SYNC_OUTCOME_CANCELLED;
          g_set_error_literal (&item->error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
          g_mutex_lock (&f->lock);
          f->waiting++;
          g_mutex_unlock (&f->lock);
          g_async_queue_push (f->items, item);
          break;
        }
      item = g_new0 (FetchItem, 1);
      if (session == NULL)
        {
          item->outcome = KIOSK_SYNC_OUTCOME_LOCAL_ERROR;
          item->error = g_steal_pointer (&local);
          g_async_queue_push (f->items, item);
          break;
        }
      fetch_page (f, session, item, &cursor);
      more = item->page != NULL && item->page->has_more;
      g_async_queue_push (f->items, item);
      if (!more)
        break;
    }
  g_clear_object (&session);
  g_main_context_pop_thread_default (context);
  return NULL;
}

static void
fetcher_cancelled_cb (GCancellable *cancellable,
                      Fetcher      *f)
{
  g_cancellable_cancel (f->cancellable);
}

/* @threaded: fetch ahead on a thread of its own (a snapshot's many pages);
 * otherwise each page is fetched when asked for, on the worker's session,
 * which keeps an ordinary pull to one connection and no extra thread. */
static Fetcher *
fetcher_start (KioskSyncWorker     *w,
               const char *cursor,
               gboolean    threaded)
{
  Fetcher *f = g_new0 (Fetcher, 1);

  f->server_url = g_strdup (w->server_url);
  f->token = g_strdup (w->token);
  f->ca_file = g_strdup (w->engine->ca_file);
  f->timeout_s = w->timings.request_timeout_s;
  f->cursor = g_strdup (cursor);
  f->cancellable = g_cancellable_new ();
  f->parent = g_object_ref (w->cancellable);
  f->cancelled_id = g_cancellable_connect (w->cancellable, G_CALLBACK (fetcher_cancelled_cb), f, NULL);
  f->items = g_async_queue_new_full ((GDestroyNotify) fetch_item_free);
  g_mutex_init (&f->lock);
  g_cond_init (&f->room);
  if (threaded)
    f->thread = g_thread_new ("kiosk-feed", fetcher_thread, f);
  else
    f->session = g_object_ref (w->session);
  return f;
}

static FetchItem *
fetcher_next (Fetcher *f)
{
  FetchItem *item;

  if (f->thread == NULL)
    {
      item = g_new0 (FetchItem, 1);
      if (f->done)
        {
          /* Not reached: the worker stops at the page without has_more. */
          item->outcome = KIOSK_SYNC_OUTCOME_CANCELLED;
          g_set_error_literal (&item->error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
          return item;
        }
      fetch_page (f, f->session, item, &f->cursor);
      f->done = item->page == NULL || !item->page->has_more;
      return item;
    }

  item = g_async_queue_pop (f->items);

  g_mutex_lock (&f->lock);
  f->waiting--;
  g_cond_signal (&f->room);
  g_mutex_unlock (&f->lock);
  return item;
}

/* Stops the fetcher (if it still runs) and drops what it fetched. */
static void
fetcher_free (Fetcher *f)
{
  g_mutex_lock (&f->lock);
  g_cancellable_cancel (f->cancellable);
  g_cond_signal (&f->room);
  g_mutex_unlock (&f->lock);
  if (f->thread != NULL)
    g_thread_join (f->thread);
  g_clear_object (&f->session);
  g_cancellable_disconnect (f->parent, f->cancelled_id);
  g_object_unref (f->parent);
  g_object_unref (f->cancellable);
  g_async_queue_unref (f->items);
  g_mutex_clear (&f->lock);
  g_cond_clear (&f->room);
  if (f->token)
    memset (f->token, 0, strlen (f->token));
  g_free (f->token);
  g_free (f->server_url);
  g_free (f->ca_file);
  g_free (f->cursor);
  g_free (f);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fetcher, fetcher_free)

static KioskSyncOutcome worker_pull_pages (KioskSyncWorker *w, GError **error);

KioskSyncOutcome
kiosk_sync_worker_pull (KioskSyncWorker  *w,
                        GError **error)
{
  g_autofree char *cursor = kiosk_replica_get_meta (w->replica, KIOSK_META_CURSOR);
  gboolean bulk = cursor == NULL || *cursor == '\0' || kiosk_replica_in_snapshot (w->replica);
  KioskSyncOutcome outcome;

  g_debug ("Pull started");
  /* Bulk for a pull that starts as a snapshot; a snapshot after a 410
   * inside an ordinary pull goes at the ordinary pace. */
  if (bulk && !kiosk_replica_set_bulk (w->replica, TRUE, error))
    return KIOSK_SYNC_OUTCOME_LOCAL_ERROR;
  outcome = worker_pull_pages (w, error);
  if (bulk)
    kiosk_replica_set_bulk (w->replica, FALSE, NULL);
  return outcome;
}

static KioskSyncOutcome
worker_pull_pages (KioskSyncWorker  *w,
                   GError **error)
{
  guint expired = 0;

  for (;;)
    {
      g_autofree char *cursor = kiosk_replica_get_meta (w->replica, KIOSK_META_CURSOR);
      g_autoptr(Fetcher) fetcher = NULL;
      gboolean restart = FALSE;

      if (cursor == NULL || *cursor == '\0')
        {
          /* No cursor: a snapshot from its start (one left by a restart
           * before its first page simply starts again). */
          g_clear_pointer (&cursor, g_free);
          if (!kiosk_replica_in_snapshot (w->replica) &&
              !kiosk_replica_snapshot_begin (w->replica, error))
            return KIOSK_SYNC_OUTCOME_LOCAL_ERROR;
        }

      if (kiosk_replica_in_snapshot (w->replica) && w->status.state != KIOSK_SYNC_STATE_SYNCING)
        {
          w->status.state = KIOSK_SYNC_STATE_SYNCING;
          w->status.received = 0;
          w->status.expected = 0;
          kiosk_sync_worker_publish (w, 0);
        }

      fetcher = fetcher_start (w, cursor, kiosk_replica_in_snapshot (w->replica));
      while (!restart)
        {
          g_autoptr(FetchItem) item = fetcher_next (fetcher);
          guint touched = 0;

          kiosk_sync_worker_note_skew (w, &item->reply);
          if (item->outcome != KIOSK_SYNC_OUTCOME_OK)
            {
              if (g_cancellable_is_cancelled (w->cancellable) && item->outcome != KIOSK_SYNC_OUTCOME_LOCAL_ERROR)
                {
                  g_cancellable_set_error_if_cancelled (w->cancellable, error);
                  return KIOSK_SYNC_OUTCOME_CANCELLED;
                }
              if (item->error != NULL)
                g_propagate_error (error, g_steal_pointer (&item->error));
              else
                g_set_error_literal (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_PROTOCOL,
                                     _("The change feed could not be read"));
              return item->outcome;
            }
          if (item->reply.status == SOUP_STATUS_GONE)
            {
              /* cursor_expired: start over with a snapshot that keeps our
               * own pending rows (snapshot_finish spares them). */
              if (++expired > MAX_410_IN_A_ROW)
                {
                  g_set_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_PROTOCOL,
                               _("The server keeps refusing the feed cursor"));
                  return KIOSK_SYNC_OUTCOME_FAILING;
                }
              g_message ("The feed cursor expired: resyncing with a snapshot");
              if (!kiosk_replica_snapshot_begin (w->replica, error))
                return KIOSK_SYNC_OUTCOME_LOCAL_ERROR;
              restart = TRUE;
              continue;
            }
          if (item->reply.status != SOUP_STATUS_OK)
            return kiosk_sync_classify_failure (&item->reply, w, error);

          if (!apply_page (w, item->page, &touched, error))
            return KIOSK_SYNC_OUTCOME_LOCAL_ERROR;
          g_debug ("Pull: a page of %u changes applied", item->page->changes->len);

          if (w->status.state == KIOSK_SYNC_STATE_SYNCING)
            w->status.received += item->page->changes->len;
          kiosk_sync_worker_publish (w, touched);

          if (!item->page->has_more)
            {
              /* After a first snapshot: its indexes, one at a time. */
              g_autoptr(GError) local = NULL;

              if (!kiosk_replica_restore_indexes (w->replica, &local))
                g_warning ("Cannot build the replica's indexes: %s", local->message);
              return KIOSK_SYNC_OUTCOME_OK;
            }
          if (g_cancellable_set_error_if_cancelled (w->cancellable, error))
            return KIOSK_SYNC_OUTCOME_CANCELLED;
        }
    }
}
