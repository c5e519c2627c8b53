/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * A small salon of our own for the desk tests: a context on a temporary
 * data dir (a real SQLite file), the clock pinned to Monday 14 September
 * 2026, 10:00 in Istanbul, open 09:00–19:00.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "kiosk-desk.h"
#include "kiosk-desk-bookings.h"
#include "kiosk-desk-loyalty.h"
#include "kiosk-desk-queue.h"
#include "kiosk-desk-refused.h"

G_BEGIN_DECLS

#define TEST_TODAY      "2026-09-14"   /* a Monday */
#define TEST_TOMORROW   "2026-09-15"

/* Fixed ids, so that failures read well. */
#define SALON_ID        "00000000-0000-4000-8000-000000000001"
#define HAIRCUT         "00000000-0000-4000-8000-000000000101"   /* 30 min, 300 TL, Ayşe and Mehmet */
#define COLOUR          "00000000-0000-4000-8000-000000000102"   /* 90 min, 900 TL, Ayşe */
#define MANICURE        "00000000-0000-4000-8000-000000000103"   /* 45 min, only the inactive Zeynep */
#define AYSE            "00000000-0000-4000-8000-000000000201"
#define MEHMET          "00000000-0000-4000-8000-000000000202"
#define ZEYNEP          "00000000-0000-4000-8000-000000000203"   /* inactive */
#define IREM            "00000000-0000-4000-8000-000000000301"   /* İrem Işık, +905551234567 */
#define IREM_PHONE      "+905551234567"

typedef struct {
  char         *dir;
  KioskContext *context;
  KioskReplica *replica;   /* the context's */
} DeskFixture;

void        desk_fixture_setup      (DeskFixture   *f,
                                     gconstpointer  data);
void        desk_fixture_teardown   (DeskFixture   *f,
                                     gconstpointer  data);

/* Pins the clock at @hour:@minute of TEST_TODAY, Istanbul. */
void        desk_fixture_set_time   (DeskFixture   *f,
                                     int            hour,
                                     int            minute);

/* A server row (version 1, not pending). @time and @end as "HH:MM". */
void        desk_put_appointment    (DeskFixture            *f,
                                     const char             *id,
                                     const char             *customer,
                                     const char             *service,
                                     const char             *employee,
                                     const char             *date,
                                     const char             *time,
                                     const char             *end,
                                     KioskAppointmentStatus  status);
void        desk_put_walkin         (DeskFixture        *f,
                                     const char         *id,
                                     const char         *name,
                                     const char         *service,
                                     const char         *preferred,
                                     const char         *employee,
                                     KioskWalkinStatus   status,
                                     const char         *arrived_at);

/* The outbox entries, and how many rows a table has. */
GPtrArray  *desk_outbox             (DeskFixture   *f);
gint64      desk_count              (DeskFixture   *f,
                                     const char    *table);
/* The payload of @entry as a JSON object (free with json_node_unref on the
 * returned root). */
JsonNode   *desk_payload            (const KioskOutboxEntry *entry);
const char *desk_member             (JsonNode      *root,
                                     const char    *name);   /* NULL for null/absent */

/* What the engine books when the server refuses entry @entry_id with
 * @status and the error body @body (may be NULL): kiosk_outbox_refuse(). */
void        desk_refuse             (DeskFixture   *f,
                                     gint64         entry_id,
                                     guint          status,
                                     const char    *body);

/* Warnings of the desk's log domain are expected when a write fails:
 * counted instead of aborting while @catching. Call desk_test_init() in
 * main() before g_test_run(). */
void        desk_test_init          (int           *argc,
                                     char        ***argv);
void        desk_catch_warnings     (gboolean       catching);
guint       desk_caught_warnings    (void);

G_END_DECLS
