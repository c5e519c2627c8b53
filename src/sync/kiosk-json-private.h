/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Inside the sync layer: what the streaming feed reader
 * (kiosk-feed-reader.c) borrows from the json-glib reader, so that the two
 * can never disagree on a change the fast path is not sure about.
 */
#pragma once

#include "kiosk-json.h"

G_BEGIN_DECLS

/* One element of a page's `changes`, read exactly as
 * kiosk_json_parse_feed_page() reads it (same record, same reason, same
 * raw_json). @text is that element's JSON text, already known to be
 * well-formed UTF-8 JSON; it need not be NUL-terminated. */
KioskChange *kiosk_json_read_change_text (const char *text,
                                          gsize       length);

/* What every body passes before json-glib 1.6 sees it: valid UTF-8, at
 * most 64 levels deep, nothing after the first value, no broken \u
 * escape (json-glib recurses per level, and leaks on the others). */
gboolean     kiosk_json_check_body       (const char  *body,
                                          gsize        length,
                                          GError     **error);

G_END_DECLS
