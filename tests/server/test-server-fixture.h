/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The contract server's tests speak to it over real HTTP on loopback as a
 * kiosk would: a fixture with a small salon (a server in a temporary
 * directory, its SQLite file there), requests with a token and an
 * Idempotency-Key, and the reading of replies and of the feed.
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "kiosk-test-server.h"

G_BEGIN_DECLS

#define SALON     "5f0c1e2a-1111-4a5b-8c9d-000000000001"
#define CATEGORY  "5f0c1e2a-2222-4a5b-8c9d-000000000001"
#define HAIRCUT   "5f0c1e2a-3333-4a5b-8c9d-000000000001"
#define COLOR     "5f0c1e2a-3333-4a5b-8c9d-000000000002"
#define AYSE      "5f0c1e2a-4444-4a5b-8c9d-000000000001"
#define MEHMET    "5f0c1e2a-4444-4a5b-8c9d-000000000002"
#define SULE      "5f0c1e2a-5555-4a5b-8c9d-000000000001"
#define CODE      "493027"

typedef struct {
  char            *dir;
  KioskTestServer *server;
  SoupSession     *session;
  char            *token;
  char            *tomorrow;
  char            *yesterday;
} Fixture;

typedef struct {
  guint       status;
  GBytes     *body;
  GError     *error;
  SoupMessageHeaders *headers;
  JsonNode   *json;
  gint64      elapsed_ms;
} Reply;

void         reply_free        (Reply        *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reply, reply_free)

/* The salon of every test: Moda Kuaför, two services, Ayşe and Mehmet,
 * the customer Şule; no device yet. */
void         fixture_setup     (Fixture       *f,
                                gconstpointer  data);
void         fixture_teardown  (Fixture       *f,
                                gconstpointer  data);
void         remove_tree       (const char    *path);
/* A row straight into the server, as its own admin would. */
void         put               (Fixture       *f,
                                const char    *entity,
                                const char    *json);
/* "YYYY-MM-DD" @days from today in Istanbul. */
char        *date_from_today   (int            days);

SoupMessage *make_message      (Fixture       *f,
                                const char    *method,
                                const char    *path,
                                const char    *body,
                                const char    *token,
                                const char    *idem_key);
/* Sends and spins the main loop (the server lives on this thread too). */
Reply       *send_message      (SoupSession   *session,
                                SoupMessage   *msg);
Reply       *request           (Fixture       *f,
                                const char    *method,
                                const char    *path,
                                const char    *body,
                                const char    *token,
                                const char    *idem_key);
Reply       *get               (Fixture       *f,
                                const char    *path);
/* A mutation with a fresh Idempotency-Key. */
Reply       *post              (Fixture       *f,
                                const char    *path,
                                const char    *body);

JsonObject  *obj               (Reply         *r);
const char  *str               (Reply         *r,
                                const char    *member);
char        *body_text         (Reply         *r);
/* The first message of a DRF field error. */
const char  *field_error       (Reply         *r,
                                const char    *field);

/* Pairs a device (f->token). */
void         enroll            (Fixture       *f);
char        *appointment_body  (Fixture       *f,
                                const char    *id,
                                const char    *customer,
                                const char    *service,
                                const char    *employee,
                                const char    *date,
                                const char    *time);
Reply       *book              (Fixture       *f,
                                const char    *id,
                                const char    *service,
                                const char    *employee,
                                const char    *date,
                                const char    *time);
/* Pulls the feed from @since (NULL: snapshot) to the end. */
JsonArray   *pull_all          (Fixture       *f,
                                const char    *since,
                                int            limit,
                                char         **out_cursor,
                                guint         *out_pages);
/* The last change of @entity @id (and @op, unless NULL) in @changes. */
JsonObject  *find_change       (JsonArray     *changes,
                                const char    *entity,
                                const char    *id,
                                const char    *op);

G_END_DECLS
