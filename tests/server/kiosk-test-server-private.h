/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Between the server and its demo seeding; not for tests.
 */
#pragma once

#include <json-glib/json-glib.h>

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

G_END_DECLS
