/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Inside the sync layer: what the kiosk-json*.c files share (kiosk-json.c
 * defines the helpers), and what the streaming feed reader
 * (kiosk-feed-reader.c) borrows from the json-glib reader, so that the two
 * can never disagree on a change the fast path is not sure about.
 */
#pragma once

#include "kiosk-json.h"
#include "kiosk-record-fields.h"

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

/* The body checked and parsed (length -1: NUL-terminated);
 * KIOSK_JSON_ERROR_MALFORMED when it is empty or not JSON. */
JsonNode    *kiosk_json_parse_body       (const char  *body,
                                          gssize       length,
                                          GError     **error);

/* Reading one member with the contract's rules (§1). A refusal is
 * KIOSK_JSON_ERROR_INVALID, "<field>: <why>". */
typedef enum {
  KIOSK_JSON_OPTIONAL,
  KIOSK_JSON_REQUIRED,
} KioskJsonNeed;

/* Sets "@field: @what" and returns FALSE. */
gboolean     kiosk_json_invalid          (GError        **error,
                                          const char     *field,
                                          const char     *what);
/* "@field: expected @expected, got <what @node is>", FALSE. */
gboolean     kiosk_json_wrong_type       (GError        **error,
                                          const char     *field,
                                          const char     *expected,
                                          JsonNode       *node);
/* The string of a string node; NULL for anything else (or no node). */
const char  *kiosk_json_node_string      (JsonNode       *node);
/* The member, or NULL when it is missing or null. FALSE when a required
 * member is missing or null. */
gboolean     kiosk_json_get_member       (JsonObject     *o,
                                          const char     *field,
                                          KioskJsonNeed   need,
                                          JsonNode      **out,
                                          GError        **error);
/* A borrowed string member (valid UTF-8), NULL when optional and absent. */
gboolean     kiosk_json_peek_string      (JsonObject     *o,
                                          const char     *field,
                                          KioskJsonNeed   need,
                                          const char    **out,
                                          GError        **error);
/* A whole number in @min … @max; 0 when optional and absent. */
gboolean     kiosk_json_read_int         (JsonObject     *o,
                                          const char     *field,
                                          KioskJsonNeed   need,
                                          gint64          min,
                                          gint64          max,
                                          gint64         *out,
                                          GError        **error);
/* Why an id is refused for @entity (its form, KioskIdForm), translated. */
const char  *kiosk_json_id_form_invalid  (KioskEntity     entity);

/* Writing one member. A string member is null when @value is NULL. */
void         kiosk_json_set_string       (JsonObject     *o,
                                          const char     *field,
                                          const char     *value);
/* Text the server keeps as a blank-able CharField: "" rather than null. */
void         kiosk_json_set_text         (JsonObject     *o,
                                          const char     *field,
                                          const char     *value);
/* "HH:MM:SS" */
void         kiosk_json_set_time         (JsonObject     *o,
                                          const char     *field,
                                          int             seconds);
/* "100.00" */
void         kiosk_json_set_money        (JsonObject     *o,
                                          const char     *field,
                                          gint64          kurus);
/* Takes @o; its compact text. */
char        *kiosk_json_object_to_string (JsonObject     *o);

G_END_DECLS
