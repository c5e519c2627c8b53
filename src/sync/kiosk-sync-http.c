/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * One HTTP exchange of the worker (or of the feed fetcher on its own
 * thread): blocking libsoup, the whole body read with a size limit, the
 * clock skew from Date, Retry-After, and the statuses pull and push share.
 */
#define G_LOG_DOMAIN "kiosk-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "kiosk-sync-engine-private.h"

void
kiosk_sync_reply_clear (KioskSyncReply *reply)
{
  g_clear_pointer (&reply->body, g_bytes_unref);
}

static GBytes *
read_all (GInputStream  *in,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  guint8 chunk[16384];

  for (;;)
    {
      gssize n = g_input_stream_read (in, chunk, sizeof chunk, cancellable, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      if (buffer->len + (gsize) n > MAX_BODY_BYTES)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                               "The reply is too large");
          return NULL;
        }
      g_byte_array_append (buffer, chunk, (guint) n);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

void
kiosk_sync_worker_note_skew (KioskSyncWorker      *w,
                             const KioskSyncReply *reply)
{
  gint64 skew = reply->skew;

  if (!reply->has_skew)
    return;
  w->status.skew = skew;
  w->status.skew_warning = ABS (skew) > KIOSK_SYNC_SKEW_WARNING_US;
  if (w->status.skew_warning && !w->skew_warned)
    {
      /* Once: an operational fact for staff (the UI shows it), not a bug. */
      w->skew_warned = TRUE;
      g_message ("The kiosk's clock differs from the server's by %" G_GINT64_FORMAT " s",
                 skew / G_USEC_PER_SEC);
    }
}

static guint
parse_retry_after (SoupMessage *msg)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Retry-After");
  guint64 seconds;

  if (value == NULL)
    return 0;
  {
    g_autofree char *trimmed = g_strstrip (g_strdup (value));
    if (g_ascii_string_to_unsigned (trimmed, 10, 0, G_MAXUINT32, &seconds, NULL))
      return (guint) CLAMP (seconds, 1, MAX_RETRY_AFTER_S);
  }
  {
    /* An HTTP date is allowed too. */
    g_autoptr(GDateTime) when = soup_date_time_new_from_http_string (value);
    gint64 delta;

    if (when == NULL)
      return 1;
    delta = g_date_time_to_unix (when) - g_get_real_time () / G_USEC_PER_SEC;
    return (guint) CLAMP (delta, 1, MAX_RETRY_AFTER_S);
  }
}

/* One exchange. OUTCOME_OK means a status line and a whole body arrived
 * (any status); the caller judges the status. Touches nothing of the
 * worker's, so that the feed fetcher can call it on its own thread with its
 * own session. */
KioskSyncOutcome
kiosk_sync_http_exchange (SoupSession  *session,
                          const char   *server_url,
                          const char   *token,
                          GCancellable *cancellable,
                          const char   *method,
                          const char   *path,
                          const char   *body,
                          const char   *idempotency_key,
                          KioskSyncReply        *reply,
                          GError      **error)
{
  g_autofree char *url = g_strconcat (server_url, API_PREFIX, path, NULL);
  g_autofree char *auth = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GError) local = NULL;
  SoupMessageHeaders *headers;

  msg = soup_message_new (method, url);
  if (msg == NULL)
    {
      g_set_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_BAD_URL,
                   _("The server address is not valid"));
      return KIOSK_SYNC_OUTCOME_LOCAL_ERROR;
    }
  headers = soup_message_get_request_headers (msg);
  auth = g_strconcat ("Token ", token, NULL);
  soup_message_headers_replace (headers, "Authorization", auth);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (idempotency_key != NULL)
    {
      g_autofree char *quoted = g_strdup_printf ("\"%s\"", idempotency_key);
      soup_message_headers_replace (headers, "Idempotency-Key", quoted);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }

  /* The path without its query (the cursor says nothing to a reader). */
  g_debug ("HTTP %s %.*s", method, (int) strcspn (path, "?"), path);
  in = soup_session_send (session, msg, cancellable, &local);
  if (auth)
    memset (auth, 0, strlen (auth));
  if (in == NULL)
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return KIOSK_SYNC_OUTCOME_CANCELLED;
        }
      g_set_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_UNREACHABLE,
                   _("The server cannot be reached: %s"), local->message);
      return KIOSK_SYNC_OUTCOME_OFFLINE;
    }
  reply->has_skew = kiosk_transport_clock_skew (msg, g_get_real_time (), &reply->skew);
  reply->status = soup_message_get_status (msg);
  reply->retry_after = reply->status == STATUS_TOO_MANY_REQUESTS ? parse_retry_after (msg) : 0;
  reply->body = read_all (in, cancellable, &local);
  g_input_stream_close (in, NULL, NULL);
  if (reply->body == NULL)
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return KIOSK_SYNC_OUTCOME_CANCELLED;
        }
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
        {
          g_set_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_PROTOCOL,
                       _("The server's reply is too large"));
          return KIOSK_SYNC_OUTCOME_FAILING;
        }
      g_set_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_UNREACHABLE,
                   _("The connection broke during the reply: %s"), local->message);
      return KIOSK_SYNC_OUTCOME_OFFLINE;
    }
  return KIOSK_SYNC_OUTCOME_OK;
}

KioskSyncOutcome
kiosk_sync_worker_http (KioskSyncWorker     *w,
                        const char *method,
                        const char *path,
                        const char *body,
                        const char *idempotency_key,
                        KioskSyncReply      *reply,
                        GError    **error)
{
  KioskSyncOutcome outcome = kiosk_sync_http_exchange (w->session, w->server_url, w->token, w->cancellable,
                                              method, path, body, idempotency_key, reply, error);

  kiosk_sync_worker_note_skew (w, reply);
  return outcome;
}

/* DRF's {"detail": "…"} of an error reply, short, or NULL. */
static char *
reply_detail (const KioskSyncReply *reply)
{
  g_autoptr(JsonNode) root = reply->body != NULL ? kiosk_sync_parse_json (reply->body, NULL) : NULL;
  const char *detail;

  if (root == NULL)
    return NULL;
  detail = json_object_get_string_member_with_default (json_node_get_object (root), "detail", NULL);
  if (detail == NULL || *detail == '\0' || !g_utf8_validate (detail, -1, NULL))
    return NULL;
  return g_utf8_substring (detail, 0, MIN (g_utf8_strlen (detail, -1), 200));
}

/* Status-only outcomes that pull and push share. */
KioskSyncOutcome
kiosk_sync_classify_failure (const KioskSyncReply  *reply,
                             KioskSyncWorker       *w,
                             GError      **error)
{
  if (reply->status == SOUP_STATUS_UNAUTHORIZED)
    {
      /* Why, for the record of the revocation (kiosk_sync_worker_conclude). */
      g_free (w->refused_detail);
      w->refused_detail = reply_detail (reply);
      g_set_error_literal (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_UNAUTHORIZED,
                           _("The server no longer accepts this kiosk: pair it again"));
      return KIOSK_SYNC_OUTCOME_UNAUTHORIZED;
    }
  if (reply->status == STATUS_TOO_MANY_REQUESTS)
    {
      w->retry_after = reply->retry_after;
      g_set_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_THROTTLED,
                   _("The server asked to wait %u s"), reply->retry_after);
      return KIOSK_SYNC_OUTCOME_THROTTLED;
    }
  g_set_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_PROTOCOL,
               _("The server answered HTTP %u"), reply->status);
  return KIOSK_SYNC_OUTCOME_FAILING;
}

JsonNode *
kiosk_sync_parse_json (GBytes  *body,
                       GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gsize len = 0;
  const char *data = body ? g_bytes_get_data (body, &len) : NULL;
  JsonNode *root;

  if (data == NULL || len == 0)
    {
      g_set_error_literal (error, KIOSK_JSON_ERROR, KIOSK_JSON_ERROR_MALFORMED, "empty reply");
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, (gssize) len, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, KIOSK_JSON_ERROR, KIOSK_JSON_ERROR_MALFORMED, "not a JSON object");
      return NULL;
    }
  return json_node_ref (root);
}
