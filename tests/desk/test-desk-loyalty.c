/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Loyalty at the desk (kiosk-desk-loyalty.h): the card's figures, and
 * redemption: refused on the spot when the known balance minus pending
 * redemptions is too low, otherwise a pending entry and its upload, with
 * the balance right before and after the server accepts.
 */
#define G_LOG_DOMAIN "test-desk-loyalty"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "kiosk-context-private.h"
#include "kiosk-desk-loyalty.h"
#include "kiosk-outbox.h"
#include "kiosk-replica-sync.h"

typedef struct {
  char         *dir;
  KioskContext *context;
  KioskReplica *replica;
} Fixture;

static void
put_entry (KioskReplica *replica,
           const char   *id,
           const char   *customer,
           gint64        points,
           const char   *reason,
           const char   *created_at)
{
  KioskPointEntry entry = {
    .id = (char *)id, .customer = (char *)customer, .points = points, .reason = (char *)reason,
    .created_at = (char *)created_at, .version = 1, .pending = FALSE,
  };
  g_autoptr(GError) error = NULL;

  g_assert_true (kiosk_replica_put_point_entry (replica, &entry, &error));
  g_assert_no_error (error);
}

static KioskCustomer *
make_customer (const char *id,
               const char *first_name,
               const char *last_name,
               const char *phone,
               gint64      current_points,
               gint64      total_spent)
{
  KioskCustomer *customer = g_new0 (KioskCustomer, 1);

  customer->id = g_strdup (id);
  customer->first_name = g_strdup (first_name);
  customer->last_name = g_strdup (last_name);
  customer->phone = g_strdup (phone);
  customer->current_points = current_points;
  customer->total_points = current_points + 20;
  customer->total_spent = total_spent;
  customer->total_visits = 7;
  customer->loyalty_level = KIOSK_LEVEL_SILVER;
  customer->updated_at = g_strdup ("2026-03-10T09:00:00Z");
  customer->version = 4;
  return customer;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 3, 20, 11, 30, 0);
  g_autoptr(KioskCustomer) ayse = make_customer ("c-ayse", "Ayşe", "Işık", "+905551234567", 120, 35000);
  g_autoptr(KioskCustomer) irem = make_customer ("c-irem", "İrem", "Çelik", "+905329876543", 0, 0);

  fixture->dir = g_dir_make_tmp ("kiosk-desk-loyalty-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->context = kiosk_context_new (fixture->dir, FALSE, 0, &error);
  g_assert_no_error (error);
  kiosk_context_set_now (fixture->context, now);
  fixture->replica = kiosk_context_get_replica (fixture->context);

  irem->loyalty_level = KIOSK_LEVEL_BRONZE;
  g_assert_true (kiosk_replica_put_customer (fixture->replica, ayse, &error));
  g_assert_true (kiosk_replica_put_customer (fixture->replica, irem, &error));
  g_assert_no_error (error);
  put_entry (fixture->replica, "p-1", "c-ayse", 50, "Saç kesimi", "2026-03-01T10:00:00Z");
  put_entry (fixture->replica, "p-2", "c-ayse", -20, "İndirim", "2026-03-05T10:00:00Z");
  put_entry (fixture->replica, "p-3", "c-ayse", 90, "Boya", "2026-03-10T09:00:00Z");
  put_entry (fixture->replica, "p-other", "c-irem", 5, "Fön", "2026-03-02T10:00:00Z");
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->context);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static KioskLoyaltyCard *
card_of (Fixture    *fixture,
         const char *customer_id)
{
  g_autoptr(GError) error = NULL;
  KioskLoyaltyCard *card = kiosk_desk_loyalty_card (fixture->context, customer_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (card);
  return card;
}

static KioskOutboxEntry *
outbox_entry_for (KioskReplica *replica,
                  const char   *entity_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = kiosk_replica_outbox_list (replica, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      KioskOutboxEntry *entry = g_ptr_array_index (entries, i);

      if (g_strcmp0 (entry->entity_id, entity_id) == 0)
        return g_ptr_array_steal_index (entries, i);
    }
  return NULL;
}

static void
test_card (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(KioskLoyaltyCard) card = card_of (fixture, "c-ayse");
  g_autoptr(KioskLoyaltyCard) bronze = card_of (fixture, "c-irem");
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskLoyaltyCard) missing = NULL;
  KioskPointEntry *entry;

  g_assert_cmpstr (card->customer->first_name, ==, "Ayşe");
  g_assert_cmpint (card->customer->current_points, ==, 120);
  g_assert_cmpint (card->pending_redeemed, ==, 0);
  g_assert_cmpint (card->available, ==, 120);
  /* 350 TRY spent: silver; gold at 500 TRY. */
  g_assert_true (card->has_next_level);
  g_assert_cmpint (card->next_level, ==, KIOSK_LEVEL_GOLD);
  g_assert_cmpint (card->spend_to_next, ==, 15000);

  /* Her own history, newest first. */
  g_assert_cmpuint (card->history->len, ==, 3);
  entry = g_ptr_array_index (card->history, 0);
  g_assert_cmpstr (entry->id, ==, "p-3");
  g_assert_cmpint (entry->points, ==, 90);
  entry = g_ptr_array_index (card->history, 1);
  g_assert_cmpstr (entry->id, ==, "p-2");
  g_assert_cmpint (entry->points, ==, -20);
  entry = g_ptr_array_index (card->history, 2);
  g_assert_cmpstr (entry->id, ==, "p-1");

  g_assert_cmpuint (bronze->history->len, ==, 1);
  g_assert_cmpint (bronze->next_level, ==, KIOSK_LEVEL_SILVER);
  g_assert_cmpint (bronze->spend_to_next, ==, 20000);
  g_assert_cmpint (bronze->available, ==, 0);

  missing = kiosk_desk_loyalty_card (fixture->context, "c-nobody", &error);
  g_assert_null (missing);
  g_assert_error (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_NOT_FOUND);
}

static void
test_platinum_has_no_next (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(KioskCustomer) rich = make_customer ("c-rich", "Zeynep", "Aksoy", "+905001112233", 900, 250000);
  g_autoptr(KioskLoyaltyCard) card = NULL;
  g_autoptr(GError) error = NULL;

  rich->loyalty_level = KIOSK_LEVEL_PLATINUM;
  g_assert_true (kiosk_replica_put_customer (fixture->replica, rich, &error));
  g_assert_no_error (error);
  card = card_of (fixture, "c-rich");
  g_assert_false (card->has_next_level);
  g_assert_cmpint (card->spend_to_next, ==, 0);
  g_assert_cmpuint (card->history->len, ==, 0);
}

static void
test_redeem (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *refused = NULL;
  g_autoptr(KioskLoyaltyCard) card = NULL;
  g_autoptr(KioskOutboxEntry) outbox = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *body;
  KioskPointEntry *entry;

  first = kiosk_desk_redeem (fixture->context, "c-ayse", 100, "Ücretsiz fön", &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);

  /* The pending entry is on the card at once; the server's balance is
   * untouched, the available figure is not. */
  card = card_of (fixture, "c-ayse");
  g_assert_cmpint (card->customer->current_points, ==, 120);
  g_assert_cmpint (card->pending_redeemed, ==, 100);
  g_assert_cmpint (card->available, ==, 20);
  g_assert_cmpuint (card->history->len, ==, 4);
  entry = g_ptr_array_index (card->history, 0);
  g_assert_cmpstr (entry->id, ==, first);
  g_assert_cmpint (entry->points, ==, -100);
  g_assert_cmpstr (entry->reason, ==, "Ücretsiz fön");
  g_assert_true (entry->pending);
  g_clear_pointer (&card, kiosk_loyalty_card_free);

  /* Its upload: the positive number of points, as the endpoint wants. */
  outbox = outbox_entry_for (fixture->replica, first);
  g_assert_nonnull (outbox);
  g_assert_cmpstr (outbox->kind, ==, "loyalty.redeem");
  g_assert_cmpint (outbox->state, ==, KIOSK_OUTBOX_PENDING);
  g_assert_true (json_parser_load_from_data (parser, outbox->payload, -1, &error));
  g_assert_no_error (error);
  body = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (body, "id"), ==, first);
  g_assert_cmpstr (json_object_get_string_member (body, "customer"), ==, "c-ayse");
  g_assert_cmpint (json_object_get_int_member (body, "points"), ==, 100);
  g_assert_cmpstr (json_object_get_string_member (body, "reason"), ==, "Ücretsiz fön");

  /* 120 known, 100 pending: 30 more is refused here and now, with the
   * figure in the sentence, and nothing is written. */
  refused = kiosk_desk_redeem (fixture->context, "c-ayse", 30, "Fazla", &error);
  g_assert_null (refused);
  g_assert_error (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_REFUSED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "20"));
  g_clear_error (&error);
  card = card_of (fixture, "c-ayse");
  g_assert_cmpuint (card->history->len, ==, 4);
  g_assert_cmpint (card->available, ==, 20);
  g_clear_pointer (&card, kiosk_loyalty_card_free);

  /* Exactly what is left is fine; a reason of blanks gets a default one. */
  second = kiosk_desk_redeem (fixture->context, "c-ayse", 20, "   ", &error);
  g_assert_no_error (error);
  g_assert_nonnull (second);
  card = card_of (fixture, "c-ayse");
  g_assert_cmpint (card->pending_redeemed, ==, 120);
  g_assert_cmpint (card->available, ==, 0);
  entry = g_ptr_array_index (card->history, 0);
  g_assert_cmpstr (entry->id, ==, second);
  g_assert_cmpstr (entry->reason, !=, "");
  g_clear_pointer (&card, kiosk_loyalty_card_free);

  refused = kiosk_desk_redeem (fixture->context, "c-ayse", 1, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_REFUSED);
  g_clear_error (&error);
}

static void
test_redeem_invalid (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *too_long = g_strnfill (201, 'x');
  char *id;

  id = kiosk_desk_redeem (fixture->context, "c-ayse", 0, "Sıfır", &error);
  g_assert_null (id);
  g_assert_error (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_INVALID);
  g_clear_error (&error);

  id = kiosk_desk_redeem (fixture->context, "c-ayse", -5, "Eksi", &error);
  g_assert_null (id);
  g_assert_error (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_INVALID);
  g_clear_error (&error);

  id = kiosk_desk_redeem (fixture->context, "c-nobody", 5, "Kimse", &error);
  g_assert_null (id);
  g_assert_error (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_NOT_FOUND);
  g_clear_error (&error);

  id = kiosk_desk_redeem (fixture->context, "c-ayse", 5, too_long, &error);
  g_assert_null (id);
  g_assert_error (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_INVALID);
  g_clear_error (&error);

  /* None of them left anything behind. */
  g_assert_cmpint (kiosk_replica_count (fixture->replica, "outbox", NULL), ==, 0);
  g_assert_cmpint (kiosk_replica_count (fixture->replica, "point_entry", NULL), ==, 4);
}

/* The balance stays right while the server accepts: after its 201 and
 * before the feed brings the new balance, then after. */
static void
test_balance_through_acceptance (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autoptr(KioskOutboxEntry) outbox = NULL;
  g_autoptr(KioskLoyaltyCard) card = NULL;
  g_autoptr(KioskCustomer) fed = make_customer ("c-ayse", "Ayşe", "Işık", "+905551234567", 50, 35000);
  KioskPointEntry reply = { 0 };
  KioskApplyResult result;

  id = kiosk_desk_redeem (fixture->context, "c-ayse", 70, "Bakım", &error);
  g_assert_no_error (error);
  outbox = outbox_entry_for (fixture->replica, id);
  g_assert_nonnull (outbox);

  /* 201 point_entry: the server's copy of the entry, no longer pending. */
  reply.id = id;
  reply.customer = (char *)"c-ayse";
  reply.points = -70;
  reply.reason = (char *)"Bakım";
  reply.created_at = (char *)"2026-03-20T11:30:02.123456Z";
  reply.version = 12;
  g_assert_true (kiosk_replica_outbox_acknowledge (fixture->replica, outbox->id, 201,
                                                   KIOSK_ENTITY_POINT_ENTRY, &reply, &error));
  g_assert_no_error (error);
  card = card_of (fixture, "c-ayse");
  g_assert_false (((KioskPointEntry *)g_ptr_array_index (card->history, 0))->pending);
  g_assert_cmpint (card->customer->current_points, ==, 120);
  g_assert_cmpint (card->pending_redeemed, ==, 70);
  g_assert_cmpint (card->available, ==, 50);
  g_clear_pointer (&card, kiosk_loyalty_card_free);

  /* The feed brings the customer with the redemption taken off. */
  g_free (fed->updated_at);
  fed->updated_at = g_strdup ("2026-03-20T11:30:02.123456Z");
  fed->version = 13;
  g_assert_true (kiosk_replica_apply_upsert (fixture->replica, KIOSK_ENTITY_CUSTOMER, fed, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, KIOSK_APPLY_APPLIED);
  card = card_of (fixture, "c-ayse");
  g_assert_cmpint (card->customer->current_points, ==, 50);
  g_assert_cmpint (card->pending_redeemed, ==, 0);
  g_assert_cmpint (card->available, ==, 50);
}

/* A redemption the server refused (insufficient_points) no longer holds
 * points back. */
static void
test_refused_redemption_frees_points (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autoptr(KioskOutboxEntry) outbox = NULL;
  g_autoptr(KioskLoyaltyCard) card = NULL;

  id = kiosk_desk_redeem (fixture->context, "c-ayse", 100, "Boya", &error);
  g_assert_no_error (error);
  outbox = outbox_entry_for (fixture->replica, id);
  /* As the engine books the server's 409 (§3.3). */
  {
    static const char body[] = "{\"code\": \"insufficient_points\", \"current_points\": 20}";
    g_autoptr(GBytes) bytes = g_bytes_new_static (body, strlen (body));

    g_assert_true (kiosk_outbox_refuse (fixture->replica, outbox, 409, bytes, NULL, &error));
  }
  g_assert_no_error (error);
  card = card_of (fixture, "c-ayse");
  g_assert_cmpint (card->pending_redeemed, ==, 0);
  g_assert_cmpint (card->available, ==, 120);
}

/* A customer made at this desk and not uploaded yet: the redemption waits
 * for the customer's creation. */
static void
test_redeem_for_pending_customer (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskCustomer) fresh = make_customer ("c-new", "Çağla", "Ün", "+905071230000", 40, 0);
  g_autoptr(KioskOutboxEntry) create = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autofree char *id = NULL;

  fresh->pending = TRUE;
  g_assert_true (kiosk_replica_begin (fixture->replica, &error));
  g_assert_true (kiosk_replica_put_customer (fixture->replica, fresh, &error));
  g_assert_true (kiosk_replica_outbox_add (fixture->replica, "customer.create", "c-new",
                                           "{\"id\": \"c-new\"}", &create, &error));
  g_assert_true (kiosk_replica_commit (fixture->replica, &error));
  g_assert_no_error (error);

  id = kiosk_desk_redeem (fixture->context, "c-new", 15, "Hoş geldin", &error);
  g_assert_no_error (error);
  due = kiosk_replica_outbox_due (fixture->replica, G_MAXINT64, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 1);
  g_assert_cmpint (((KioskOutboxEntry *)g_ptr_array_index (due, 0))->id, ==, create->id);
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  static const char * const queries[] = { "ışık", "IŞIK", "isik", "Işık", "0555 123", "+90 555 123 45 67" };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GPtrArray) found = kiosk_desk_search_customers (fixture->context, queries[i], 10, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (found->len, ==, 1);
      g_assert_cmpstr (((KioskCustomer *)g_ptr_array_index (found, 0))->id, ==, "c-ayse");
    }
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GPtrArray) found = kiosk_desk_search_customers (fixture->context, i ? "irem" : "İrem", 10, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (found->len, ==, 1);
      g_assert_cmpstr (((KioskCustomer *)g_ptr_array_index (found, 0))->id, ==, "c-irem");
    }
  {
    g_autoptr(GPtrArray) found = kiosk_desk_search_customers (fixture->context, "\" OR 1=1; --*", 10, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, 0);
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

/* Runs the main context until @result is set. */
static GPtrArray *
finish_search (Fixture       *fixture,
               GAsyncResult **result,
               GError       **error)
{
  GPtrArray *found;

  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  found = kiosk_desk_search_customers_finish (fixture->context, *result, error);
  g_clear_object (result);
  return found;
}

static char *
ids_of (GPtrArray *found)
{
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < found->len; i++)
    g_string_append_printf (ids, "%s%s", i > 0 ? "," : "",
                            ((KioskCustomer *)g_ptr_array_index (found, i))->id);
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

/* The search as staff type: on a worker thread with its own read-only
 * connection, the same results as the search on the desk's connection,
 * every committed write seen, a stale search cancelled without a result. */
static void
test_search_async (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char * const queries[] = {
    "ışık", "IŞIK", "isik", "Işık ayşe", "0555 123", "+90 555 123 45 67", "İrem", "irem", "4567", "e", "",
    "\" OR 1=1; --*",
  };
  g_autoptr(KioskCustomer) new_one = make_customer ("c-new", "Işıl", "Ak", "+905301112233", 0, 0);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GPtrArray) expected = kiosk_desk_search_customers (fixture->context, queries[i], 10, &error);
      g_autoptr(GPtrArray) found = NULL;
      g_autofree char *expected_ids = NULL;
      g_autofree char *found_ids = NULL;

      g_assert_no_error (error);
      kiosk_desk_search_customers_async (fixture->context, queries[i], 10, NULL, got_result_cb, &result);
      found = finish_search (fixture, &result, &error);
      g_assert_no_error (error);
      expected_ids = ids_of (expected);
      found_ids = ids_of (found);
      g_test_message ("query %u -> %s", i, found_ids);
      g_assert_cmpstr (found_ids, ==, expected_ids);
    }

  /* A desk write, committed on the desk's connection: the next search on
   * the worker's connection finds it. */
  g_assert_true (kiosk_replica_put_customer (fixture->replica, new_one, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GPtrArray) found = NULL;
    g_autofree char *ids = NULL;

    kiosk_desk_search_customers_async (fixture->context, "ışı", 10, NULL, got_result_cb, &result);
    found = finish_search (fixture, &result, &error);
    g_assert_no_error (error);
    ids = ids_of (found);
    g_assert_cmpstr (ids, ==, "c-new,c-ayse");
  }

  /* A newer keystroke cancels the search before: no stale result, even
   * when the stale one finished first. */
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(GCancellable) stale = g_cancellable_new ();
      g_autoptr(GCancellable) fresh = g_cancellable_new ();
      g_autoptr(GAsyncResult) stale_result = NULL;
      g_autoptr(GAsyncResult) fresh_result = NULL;
      g_autoptr(GPtrArray) stale_found = NULL;
      g_autoptr(GPtrArray) fresh_found = NULL;
      g_autoptr(GError) stale_error = NULL;
      g_autofree char *ids = NULL;

      kiosk_desk_search_customers_async (fixture->context, "isik", 10, stale, got_result_cb, &stale_result);
      if (i % 2 == 1)
        g_usleep (2000);   /* let the stale one finish on its thread */
      g_cancellable_cancel (stale);
      kiosk_desk_search_customers_async (fixture->context, "irem", 10, fresh, got_result_cb, &fresh_result);
      stale_found = finish_search (fixture, &stale_result, &stale_error);
      g_assert_error (stale_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_null (stale_found);
      fresh_found = finish_search (fixture, &fresh_result, &error);
      g_assert_no_error (error);
      ids = ids_of (fresh_found);
      g_assert_cmpstr (ids, ==, "c-irem");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/desk-loyalty/card", test_card);
  ADD ("/desk-loyalty/card-platinum", test_platinum_has_no_next);
  ADD ("/desk-loyalty/redeem", test_redeem);
  ADD ("/desk-loyalty/redeem-invalid", test_redeem_invalid);
  ADD ("/desk-loyalty/balance-through-acceptance", test_balance_through_acceptance);
  ADD ("/desk-loyalty/refused-frees-points", test_refused_redemption_frees_points);
  ADD ("/desk-loyalty/pending-customer", test_redeem_for_pending_customer);
  ADD ("/desk-loyalty/search", test_search);
  ADD ("/desk-loyalty/search-async", test_search_async);

#undef ADD

  return g_test_run ();
}
