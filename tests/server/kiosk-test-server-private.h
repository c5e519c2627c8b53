/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Between the server, its demo seeding and its checks of a person's data
 * (kiosk-test-server-person.c); not for tests.
 */
#pragma once

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "kiosk-test-server.h"

G_BEGIN_DECLS

char       *kiosk_test_format_money         (gint64           kurus);
char       *kiosk_test_format_time          (int              seconds);

void        kiosk_test_server_begin_bulk    (KioskTestServer *self);
void        kiosk_test_server_end_bulk      (KioskTestServer *self,
                                             gboolean         commit);
gint64      kiosk_test_server_put_object    (KioskTestServer *self,
                                             const char      *entity,
                                             JsonObject      *obj);
gboolean    kiosk_test_server_is_empty      (KioskTestServer *self);
GTimeZone  *kiosk_test_server_get_timezone  (KioskTestServer *self);
const char *kiosk_test_server_get_data_dir  (KioskTestServer *self);
gboolean    kiosk_test_server_get_demo_open_every_day (KioskTestServer *self);

/* kiosk-test-server-person.c */

/* docs/kiosk-api.md §3.4: "+" and 8 to 15 digits, not starting with 0. */
gboolean    kiosk_test_phone_is_e164        (const char      *phone);

/* §3.6: the KVKK consent of the people the kiosk uploads, per record. */
#define KIOSK_TEST_CONSENT_SCHEMA                                              \
  "CREATE TABLE IF NOT EXISTS consent (entity TEXT NOT NULL, id TEXT NOT NULL," \
  "  device TEXT NOT NULL, consent_at TEXT NOT NULL, consent_notice TEXT NOT NULL," \
  "  PRIMARY KEY (entity, id));"

/* Adds DRF's field errors for the consent of @body to *@errors (made when
 * needed): consent_at (a date-time) and consent_notice (a short string)
 * come together, and are required when @required (a new customer, a
 * walk-in without one). */
void        kiosk_test_consent_check        (JsonObject      *body,
                                             gboolean         required,
                                             JsonObject     **errors);
/* Keeps the consent of @body, when it has one, for @entity @id made by
 * @device (inside the caller's transaction). */
void        kiosk_test_consent_keep         (sqlite3         *db,
                                             const char      *entity,
                                             const char      *id,
                                             const char      *device,
                                             JsonObject      *body);

G_END_DECLS
