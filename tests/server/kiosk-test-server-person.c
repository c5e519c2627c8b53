/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * What the contract server checks and keeps of a person's data besides the
 * record: phones in E.164 (docs/kiosk-api.md §3.4) and the KVKK consent
 * that comes with a new customer or walk-in (§3.6). The consent is kept in
 * the table `consent` of the server's SQLite file, where tests read it:
 * who (the record), when (consent_at as the kiosk sent it), which notice
 * (consent_notice) and from which device.
 */
#define G_LOG_DOMAIN "kiosk-test-server"

#include <string.h>

#include "kiosk-test-server-private.h"

#define MAX_NOTICE_CHARS 64

gboolean
kiosk_test_phone_is_e164 (const char *phone)
{
  gsize len;

  if (phone == NULL || phone[0] != '+' || phone[1] < '1' || phone[1] > '9')
    return FALSE;
  len = strlen (phone);
  if (len < 9 || len > 16)
    return FALSE;
  for (gsize i = 1; i < len; i++)
    if (!g_ascii_isdigit (phone[i]))
      return FALSE;
  return TRUE;
}

/* As DRF's serializers do: every message of a field in its list. */
static void
add_error (JsonObject **errors,
           const char  *field,
           const char  *message)
{
  if (*errors == NULL)
    *errors = json_object_new ();
  if (!json_object_has_member (*errors, field))
    json_object_set_array_member (*errors, field, json_array_new ());
  json_array_add_string_element (json_object_get_array_member (*errors, field), message);
}

/* The member as a string; NULL when absent or null, and @wrong_type set when
 * it is there but not a string. */
static const char *
member_string (JsonObject *body,
               const char *field,
               gboolean   *wrong_type)
{
  JsonNode *node = json_object_get_member (body, field);

  *wrong_type = FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      *wrong_type = TRUE;
      return NULL;
    }
  return json_node_get_string (node);
}

void
kiosk_test_consent_check (JsonObject  *body,
                          gboolean     required,
                          JsonObject **errors)
{
  gboolean at_wrong = FALSE;
  gboolean notice_wrong = FALSE;
  const char *at = member_string (body, "consent_at", &at_wrong);
  const char *notice = member_string (body, "consent_notice", &notice_wrong);
  gboolean given = at != NULL || at_wrong || notice != NULL || notice_wrong;

  /* Both or neither: a consent names when and which notice. */
  if (at != NULL || at_wrong)
    {
      g_autoptr(GDateTime) parsed = at != NULL ? g_date_time_new_from_iso8601 (at, NULL) : NULL;

      if (parsed == NULL)
        add_error (errors, "consent_at",
                   "Datetime hatalı biçimde. Şunlardan birini kullanın: "
                   "YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].");
    }
  else if (required || given)
    add_error (errors, "consent_at",
               json_object_has_member (body, "consent_at") ? "Bu alan boş olamaz." : "Bu alan zorunludur.");

  if (notice_wrong)
    add_error (errors, "consent_notice", "Geçerli bir metin girin.");
  else if (notice != NULL && notice[strspn (notice, " \t\r\n")] == '\0')
    add_error (errors, "consent_notice", "Bu alan boş bırakılamaz.");
  else if (notice != NULL && g_utf8_strlen (notice, -1) > MAX_NOTICE_CHARS)
    add_error (errors, "consent_notice",
               "Bu alanın 64 karakterden fazla karakter içermediğinden emin olun.");
  else if (notice == NULL && (required || given))
    add_error (errors, "consent_notice",
               json_object_has_member (body, "consent_notice") ? "Bu alan boş olamaz." : "Bu alan zorunludur.");
}

void
kiosk_test_consent_keep (sqlite3    *db,
                         const char *entity,
                         const char *id,
                         const char *device,
                         JsonObject *body)
{
  gboolean wrong_type = FALSE;
  const char *at = member_string (body, "consent_at", &wrong_type);
  sqlite3_stmt *stmt = NULL;

  /* A walk-in of a known customer may come without one. */
  if (at == NULL)
    return;
  if (sqlite3_prepare_v2 (db,
                          "INSERT OR REPLACE INTO consent (entity, id, device, consent_at, consent_notice) "
                          "VALUES (?, ?, ?, ?, ?)",
                          -1, &stmt, NULL) != SQLITE_OK)
    g_error ("Cannot keep the consent: %s", sqlite3_errmsg (db));
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, device, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, member_string (body, "consent_notice", &wrong_type), -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    g_error ("Cannot keep the consent: %s", sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
}
