/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Loyalty at the desk: lookup, the card, redemption.
 *
 * The balance (docs/kiosk-api.md §3.3, §3.4): current_points is the server's
 * figure and stays so here; a redemption does not lower it locally. The
 * desk writes a pending point entry with negative points and a
 * "loyalty.redeem" outbox entry; the card shows current_points minus the
 * redemptions not reflected in it yet (kiosk_replica_pending_redeemed()):
 * while the entry waits or is in flight, and after the server's 201 until
 * the feed brings the customer's new balance. So the available figure is
 * right before, between and after, and nothing is counted twice. A
 * refused redemption stops counting (the refused changes screen shows it).
 */
#define G_LOG_DOMAIN "kiosk-desk"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-context-private.h"
#include "kiosk-loyalty.h"
#include "kiosk-desk-loyalty.h"
#include "kiosk-replica-search.h"
#include "kiosk-replica-sync.h"
#include "kiosk-outbox.h"

#define MAX_REASON_CHARS 200

/* The replica's failure in the desk's words (the details are logged). */
static GError *
search_failed (const GError *local)
{
  g_warning ("Customer search failed: %s", local->message);
  return g_error_new (KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_FAILED,
                      _("The customer list could not be searched (%s)."), local->message);
}

GPtrArray *
kiosk_desk_search_customers (KioskContext  *context,
                             const char    *query,
                             guint          limit,
                             GError       **error)
{
  g_autoptr(GError) local = NULL;
  GPtrArray *found;

  g_return_val_if_fail (KIOSK_IS_CONTEXT (context), NULL);

  /* Phone fragments (digits in any spacing, +90, a leading 0) and Turkish
   * folding of names are the replica's search (kiosk-replica-search.h). */
  found = kiosk_replica_search_customers (kiosk_context_get_replica (context), query, limit, &local);
  if (found == NULL)
    g_propagate_error (error, search_failed (local));
  return found;
}

static void
search_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) local = NULL;
  GPtrArray *found;

  found = kiosk_replica_search_customers_finish (KIOSK_REPLICA (source), result, &local);
  if (found != NULL)
    g_task_return_pointer (task, found, (GDestroyNotify)g_ptr_array_unref);
  else if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, g_steal_pointer (&local));
  else
    g_task_return_error (task, search_failed (local));
}

void
kiosk_desk_search_customers_async (KioskContext        *context,
                                   const char          *query,
                                   guint                limit,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (KIOSK_IS_CONTEXT (context));

  task = g_task_new (context, cancellable, callback, user_data);
  g_task_set_source_tag (task, kiosk_desk_search_customers_async);
  kiosk_replica_search_customers_async (kiosk_context_get_replica (context), query, limit, cancellable,
                                        search_done_cb, task);
}

GPtrArray *
kiosk_desk_search_customers_finish (KioskContext  *context,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (KIOSK_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (g_task_is_valid (result, context), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
kiosk_loyalty_card_free (KioskLoyaltyCard *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->customer, kiosk_customer_free);
  g_clear_pointer (&self->history, g_ptr_array_unref);
  g_free (self);
}

static KioskLoyaltyCard *
make_card (KioskReplica  *replica,
           const char    *customer_id,
           GError       **error)
{
  g_autoptr(KioskLoyaltyCard) card = g_new0 (KioskLoyaltyCard, 1);
  g_autoptr(GError) local = NULL;
  GPtrArray *entries;
  gint64 to_go = 0;

  card->customer = kiosk_replica_get_customer (replica, customer_id, &local);
  if (card->customer == NULL)
    {
      if (g_error_matches (local, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_NOT_FOUND))
        g_set_error_literal (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_NOT_FOUND,
                             _("This customer is not on this kiosk any more."));
      else
        g_set_error (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_FAILED,
                     _("The loyalty card could not be read (%s)."), local->message);
      return NULL;
    }

  entries = kiosk_replica_list_point_entries (replica, customer_id, &local);
  if (entries == NULL ||
      !kiosk_replica_pending_redeemed (replica, customer_id, &card->pending_redeemed, &local))
    {
      g_clear_pointer (&entries, g_ptr_array_unref);
      g_set_error (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_FAILED,
                   _("The loyalty card could not be read (%s)."), local->message);
      return NULL;
    }
  /* The replica lists by time: newest first for the card. */
  card->history = g_ptr_array_new_full (entries->len, (GDestroyNotify)kiosk_point_entry_free);
  for (guint i = entries->len; i > 0; i--)
    g_ptr_array_add (card->history, g_ptr_array_steal_index (entries, i - 1));
  g_ptr_array_unref (entries);

  card->available = MAX (0, card->customer->current_points - card->pending_redeemed);
  card->has_next_level = kiosk_loyalty_next_level (card->customer->total_spent, &card->next_level, &to_go);
  card->spend_to_next = card->has_next_level ? to_go : 0;
  return g_steal_pointer (&card);
}

KioskLoyaltyCard *
kiosk_desk_loyalty_card (KioskContext  *context,
                         const char    *customer_id,
                         GError       **error)
{
  g_return_val_if_fail (KIOSK_IS_CONTEXT (context), NULL);

  if (customer_id == NULL)
    {
      g_set_error_literal (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_NOT_FOUND,
                           _("This customer is not on this kiosk any more."));
      return NULL;
    }
  return make_card (kiosk_context_get_replica (context), customer_id, error);
}

static char *
clean_reason (const char  *reason,
              GError     **error)
{
  g_autofree char *text = NULL;

  if (reason != NULL && g_utf8_validate (reason, -1, NULL))
    text = g_utf8_normalize (reason, -1, G_NORMALIZE_NFC);
  if (text != NULL)
    g_strstrip (text);
  /* The server wants a reason; the history shows it. */
  if (text == NULL || *text == '\0')
    return g_strdup (_("Points redeemed at the desk"));
  if (g_utf8_strlen (text, -1) > MAX_REASON_CHARS)
    {
      g_set_error (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_INVALID,
                   _("The reason is too long (at most %d letters)."), MAX_REASON_CHARS);
      return NULL;
    }
  return g_steal_pointer (&text);
}

char *
kiosk_desk_redeem (KioskContext  *context,
                   const char    *customer_id,
                   gint64         points,
                   const char    *reason,
                   GError       **error)
{
  g_autoptr(KioskPointEntry) entry = NULL;
  g_autoptr(KioskLoyaltyCard) card = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) now_utc = NULL;
  g_autoptr(GError) local = NULL;
  KioskReplica *replica;
  KioskSyncEngine *engine;

  g_return_val_if_fail (KIOSK_IS_CONTEXT (context), NULL);

  if (points <= 0)
    {
      g_set_error_literal (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_INVALID,
                           _("Please enter how many points to redeem (at least 1)."));
      return NULL;
    }
  if (customer_id == NULL)
    {
      g_set_error_literal (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_NOT_FOUND,
                           _("This customer is not on this kiosk any more."));
      return NULL;
    }

  entry = g_new0 (KioskPointEntry, 1);
  entry->reason = clean_reason (reason, error);
  if (entry->reason == NULL)
    return NULL;

  replica = kiosk_context_get_replica (context);
  now = kiosk_context_dup_now (context);
  now_utc = g_date_time_to_utc (now);
  entry->id = g_uuid_string_random ();
  entry->customer = g_strdup (customer_id);
  entry->points = -points;
  entry->created_at = g_date_time_format_iso8601 (now_utc);
  entry->pending = TRUE;

  /* The balance is read and the redemption written in one transaction. */
  if (!kiosk_replica_begin (replica, &local))
    goto failed;
  card = make_card (replica, customer_id, error);
  if (card == NULL)
    {
      kiosk_replica_rollback (replica);
      return NULL;
    }
  if (points > card->available)
    {
      kiosk_replica_rollback (replica);
      g_set_error (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_REFUSED,
                   ngettext ("Only %lld point is available now, fewer than the %lld asked for.",
                             "Only %lld points are available now, fewer than the %lld asked for.",
                             (unsigned long)MIN (card->available, G_MAXLONG)),
                   (long long)card->available, (long long)points);
      return NULL;
    }
  if (!kiosk_replica_put_point_entry (replica, entry, &local) ||
      !kiosk_outbox_enqueue (replica, KIOSK_OUTBOX_KIND_LOYALTY_REDEEM, entry, &local) ||
      !kiosk_replica_commit (replica, &local))
    goto failed;

  g_debug ("Redemption %s for customer %s waits to upload", entry->id, customer_id);
  engine = kiosk_context_get_sync_engine (context);
  if (engine != NULL)
    kiosk_sync_engine_nudge (engine);
  kiosk_context_notify_replica_changed (context);
  return g_strdup (entry->id);

failed:
  kiosk_replica_rollback (replica);
  g_warning ("Cannot record redemption %s: %s", entry->id, local->message);
  g_set_error (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_FAILED,
               _("The redemption could not be saved on this kiosk (%s)."), local->message);
  return NULL;
}
