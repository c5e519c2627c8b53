/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The snapshot's hot path: a feed page (GET /changes/) read by a small,
 * strict pull parser straight into records, without a json-glib tree.
 *
 * It gives exactly what kiosk_json_parse_feed_page() gives for the same
 * body (same changes, records, reasons and raw JSON): whatever the fast
 * path is not certain about (a bad or unusual change, an entity it does not
 * read itself, a page that is not clean JSON) is handed to the json-glib
 * reader, for that change or for the whole page.
 */
#pragma once

#include "kiosk-json.h"

G_BEGIN_DECLS

KioskFeedPage *kiosk_feed_reader_parse_page (const char  *body,
                                             gssize       length,
                                             GError     **error);

G_END_DECLS
