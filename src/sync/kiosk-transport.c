/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-transport"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "kiosk-transport.h"

G_DEFINE_QUARK (kiosk-transport-error-quark, kiosk_transport_error)

#define USER_AGENT "SalonityKiosk/" PACKAGE_VERSION
#define IDLE_TIMEOUT_SECONDS 60
#define ENROLL_PATH "/api/kiosk/v1/devices/"
#define ENROLL_MAX_REPLY (64 * 1024)
#define TLS_ERRORS_KEY "kiosk-transport-tls-errors"

/* ------------------------------------------------------------ URL policy */

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  /* 127.0.0.0/8 and ::1; GUri gives "[::1]" without its brackets. */
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* A DNS name (an IDN such as "kuaför.com.tr" counts) or an IP literal. */
static gboolean
host_is_valid (const char *host)
{
  g_autofree char *ascii = NULL;

  if (g_hostname_is_ip_address (host))
    return TRUE;
  if ((ascii = g_hostname_to_ascii (host)) == NULL || *ascii == '\0')
    return FALSE;
  for (const char *p = ascii; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '.')
      return FALSE;
  return TRUE;
}

gboolean
kiosk_transport_check_url (const char  *url,
                           GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (url == NULL || *url == '\0')
    {
      g_set_error_literal (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_BAD_URL,
                           _("The server address is empty. Enter it as https://host.example.com."));
      return FALSE;
    }

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    {
      g_set_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_BAD_URL,
                   _("“%s” is not a web address. Enter it as https://host.example.com."), url);
      return FALSE;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
    {
      g_set_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_BAD_URL,
                   _("The server address must start with https:// (it starts with “%s:”)."), scheme);
      return FALSE;
    }

  host = g_uri_get_host (uri);
  if (host == NULL || *host == '\0')
    {
      g_set_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_BAD_URL,
                   _("The server address “%s” names no host. Enter it as https://host.example.com."), url);
      return FALSE;
    }

  if (!host_is_valid (host))
    {
      g_set_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_BAD_URL,
                   _("“%s” is not a valid host name. Enter the address as https://host.example.com."), host);
      return FALSE;
    }

  /* A password in the address would end up in logs and on screens. */
  if (g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error_literal (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_BAD_URL,
                           _("The server address must not contain a user name or password."));
      return FALSE;
    }

  if (g_ascii_strcasecmp (scheme, "http") == 0 && !host_is_loopback (host))
    {
      g_set_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_INSECURE,
                   _("The kiosk does not talk to “%s” over plain HTTP: the device token and the "
                     "customers’ data would cross the network unencrypted. Use https:// "
                     "(plain http:// is only for this computer itself, such as http://127.0.0.1)."),
                   host);
      return FALSE;
    }

  return TRUE;
}

/* --------------------------------------------------------------- session */

static void
on_request_queued (SoupSession *session,
                   SoupMessage *message,
                   gpointer     user_data)
{
  /* A redirect could lead the token to a host the URL policy refuses (or
   * to plain HTTP); the contract has none, so none is followed. */
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
}

SoupSession *
kiosk_transport_new_session_full (const char  *ca_file,
                                  guint        timeout_seconds,
                                  GError     **error)
{
  g_autoptr(GTlsDatabase) database = NULL;
  SoupSession *session;

  if (ca_file != NULL && *ca_file != '\0')
    {
      g_autoptr(GError) local = NULL;
      g_autoptr(GList) certificates = NULL;

      /* Read it first: an unreadable or empty file gets a message that says
       * so, instead of "no certificate is trusted" later. */
      certificates = g_tls_certificate_list_new_from_file (ca_file, &local);
      if (local != NULL || certificates == NULL)
        {
          g_set_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_CA_FILE,
                       _("The CA certificate file “%s” cannot be used: %s"), ca_file,
                       local != NULL ? local->message : _("it holds no PEM certificate"));
          return NULL;
        }
      g_list_foreach (certificates, (GFunc) g_object_unref, NULL);

      database = g_tls_file_database_new (ca_file, &local);
      if (database == NULL)
        {
          g_set_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_CA_FILE,
                       _("The CA certificate file “%s” cannot be used: %s"), ca_file, local->message);
          return NULL;
        }
    }

  session = soup_session_new_with_options ("user-agent", USER_AGENT,
                                           "timeout", timeout_seconds,
                                           "idle-timeout", IDLE_TIMEOUT_SECONDS,
                                           "max-conns", 8,
                                           "max-conns-per-host", 4,
                                           NULL);
  /* Without a CA file the session keeps the system's trust store. */
  if (database != NULL)
    soup_session_set_tls_database (session, database);
  g_signal_connect (session, "request-queued", G_CALLBACK (on_request_queued), NULL);
  return session;
}

SoupSession *
kiosk_transport_new_session (const char  *ca_file,
                             GError     **error)
{
  return kiosk_transport_new_session_full (ca_file, KIOSK_TRANSPORT_TIMEOUT_SECONDS, error);
}

/* ---------------------------------------------------------------- errors */

static char *
describe_host (SoupMessage *message)
{
  GUri *uri = message != NULL ? soup_message_get_uri (message) : NULL;

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup (_("the server"));
  return g_strdup_printf ("“%s”", g_uri_get_host (uri));
}

static const char *
describe_tls_errors (GTlsCertificateFlags flags)
{
  if (flags & G_TLS_CERTIFICATE_BAD_IDENTITY)
    return _("it was made for another host name");
  if (flags & G_TLS_CERTIFICATE_EXPIRED)
    return _("it has expired");
  if (flags & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    return _("it is not valid yet (check this computer’s date and time)");
  if (flags & G_TLS_CERTIFICATE_REVOKED)
    return _("it has been revoked");
  if (flags & G_TLS_CERTIFICATE_INSECURE)
    return _("it uses an insecure algorithm");
  if (flags & G_TLS_CERTIFICATE_UNKNOWN_CA)
    return _("it is not signed by an authority this kiosk trusts; if the salon uses its own "
             "certificate authority, give the kiosk its CA file");
  return _("it could not be checked");
}

void
kiosk_transport_propagate_error (GError       **error,
                                 GError        *in,
                                 SoupMessage   *message,
                                 GCancellable  *cancellable)
{
  g_autoptr(GError) local = in;
  g_autofree char *host = NULL;

  g_return_if_fail (in != NULL);

  if (local->domain == KIOSK_TRANSPORT_ERROR ||
      (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
       g_cancellable_is_cancelled (cancellable)))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return;
    }

  host = describe_host (message);

  if (g_error_matches (local, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
    {
      GTlsCertificateFlags flags = 0;

      if (message != NULL)
        flags = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (message), TLS_ERRORS_KEY));
      g_set_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_UNTRUSTED,
                   _("The certificate of %s is not trusted: %s."), host, describe_tls_errors (flags));
    }
  else if (g_error_matches (local, G_TLS_ERROR, G_TLS_ERROR_NOT_TLS))
    g_set_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_UNREACHABLE,
                 _("%s does not speak HTTPS at this address."), host);
  else if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    g_set_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_UNREACHABLE,
                 _("%s did not answer in time."), host);
  else if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    g_set_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_UNREACHABLE,
                 _("%s refused the connection (is the server running?)."), host);
  else if (local->domain == G_RESOLVER_ERROR)
    g_set_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_UNREACHABLE,
                 _("The host name %s cannot be found (check the address and the network)."), host);
  else if (g_error_matches (local, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_PARSING) ||
           g_error_matches (local, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_ENCODING))
    g_set_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_PROTOCOL,
                 _("%s sent a reply that is not valid HTTP: %s"), host, local->message);
  else
    g_set_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_UNREACHABLE,
                 _("%s cannot be reached: %s"), host, local->message);
}

static gboolean
on_accept_certificate (SoupMessage          *message,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  /* Never accepted; only remembered, to say why. */
  g_object_set_data (G_OBJECT (message), TLS_ERRORS_KEY, GUINT_TO_POINTER (errors));
  return FALSE;
}

GBytes *
kiosk_transport_send (SoupSession   *session,
                      SoupMessage   *message,
                      gsize          max_bytes,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GByteArray) body = NULL;
  g_autofree char *url = NULL;
  GError *local = NULL;
  guint8 buffer[16 * 1024];

  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (SOUP_IS_MESSAGE (message), NULL);

  url = g_uri_to_string (soup_message_get_uri (message));
  if (!kiosk_transport_check_url (url, error))
    return NULL;

  g_signal_connect (message, "accept-certificate", G_CALLBACK (on_accept_certificate), NULL);
  stream = soup_session_send (session, message, cancellable, &local);
  g_signal_handlers_disconnect_by_func (message, on_accept_certificate, NULL);
  if (stream == NULL)
    {
      kiosk_transport_propagate_error (error, local, message, cancellable);
      return NULL;
    }

  body = g_byte_array_new ();
  for (;;)
    {
      gssize n = g_input_stream_read (stream, buffer, sizeof buffer, cancellable, &local);

      if (n < 0)
        {
          kiosk_transport_propagate_error (error, local, message, cancellable);
          return NULL;
        }
      if (n == 0)
        break;
      if (body->len + (gsize) n > max_bytes)
        {
          g_autofree char *host = describe_host (message);
          g_autofree char *limit = g_format_size (max_bytes);

          g_set_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_PROTOCOL,
                       _("%s sent a reply larger than %s."), host, limit);
          return NULL;
        }
      g_byte_array_append (body, buffer, (guint) n);
    }
  /* Closing lets the connection go back to the pool. */
  g_input_stream_close (stream, NULL, NULL);
  return g_byte_array_free_to_bytes (g_steal_pointer (&body));
}

/* ------------------------------------------------------------ clock, 429 */

gboolean
kiosk_transport_clock_skew (SoupMessage *message,
                            gint64       local_now_us,
                            gint64      *skew_us)
{
  g_autoptr(GDateTime) server_time = NULL;
  const char *date;

  g_return_val_if_fail (SOUP_IS_MESSAGE (message), FALSE);

  date = soup_message_headers_get_one (soup_message_get_response_headers (message), "Date");
  if (date == NULL || (server_time = soup_date_time_new_from_http_string (date)) == NULL)
    return FALSE;

  /* Date has whole seconds: the estimate is good to about a second, plenty
   * for a warning at two minutes. */
  if (skew_us != NULL)
    *skew_us = g_date_time_to_unix (server_time) * G_USEC_PER_SEC - local_now_us;
  return TRUE;
}

guint
kiosk_transport_retry_after (SoupMessage *message,
                             guint        fallback)
{
  const char *value;
  g_autoptr(GDateTime) when = NULL;

  g_return_val_if_fail (SOUP_IS_MESSAGE (message), fallback);

  value = soup_message_headers_get_one (soup_message_get_response_headers (message), "Retry-After");
  if (value == NULL)
    return fallback;

  while (g_ascii_isspace (*value))
    value++;
  if (g_ascii_isdigit (*value))
    {
      char *end = NULL;
      guint64 seconds;

      errno = 0;
      seconds = g_ascii_strtoull (value, &end, 10);
      while (end != NULL && g_ascii_isspace (*end))
        end++;
      if (errno != 0 || end == NULL || *end != '\0')
        return fallback;
      /* A day at most: a broken header must not park the kiosk for years. */
      return (guint) CLAMP (seconds, 1, 24 * 60 * 60);
    }

  if ((when = soup_date_time_new_from_http_string (value)) != NULL)
    {
      gint64 seconds = g_date_time_to_unix (when) - g_get_real_time () / G_USEC_PER_SEC;

      return (guint) CLAMP (seconds, 1, 24 * 60 * 60);
    }
  return fallback;
}

/* ------------------------------------------------------------ enrollment */

void
kiosk_enrollment_free (KioskEnrollment *enrollment)
{
  if (enrollment == NULL)
    return;
  g_free (enrollment->device);
  if (enrollment->token != NULL)
    {
      /* Do not leave the token lying in freed memory. */
      memset (enrollment->token, 0, strlen (enrollment->token));
      g_free (enrollment->token);
    }
  g_free (enrollment->salon);
  g_free (enrollment->name);
  g_free (enrollment);
}

/* "493 027" as people read it out → "493027"; NULL unless 6 digits. */
static char *
normalize_pairing_code (const char *code)
{
  GString *digits = g_string_new (NULL);

  for (const char *p = code; p != NULL && *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (*p != ' ' && *p != '-')
        {
          g_string_free (digits, TRUE);
          return NULL;
        }
    }
  if (digits->len != 6)
    {
      g_string_free (digits, TRUE);
      return NULL;
    }
  return g_string_free (digits, FALSE);
}

static gboolean
is_token (const char *token)
{
  gsize len = 0;

  for (const char *p = token; *p != '\0'; p++, len++)
    if (!g_ascii_isxdigit (*p))
      return FALSE;
  return len == 40;
}

/* The messages of a DRF 400 body, "field: message; …", for people. */
static char *
drf_errors_text (JsonNode *root)
{
  g_autoptr(GString) text = g_string_new (NULL);
  JsonObject *object;
  g_autoptr(GList) members = NULL;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  object = json_node_get_object (root);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (object, l->data);

      if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *item = json_array_get_element (array, i);

              if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
                g_string_append_printf (text, "%s%s: %s", text->len ? "; " : "",
                                        (const char *) l->data, json_node_get_string (item));
            }
        }
      else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_string_append_printf (text, "%s%s: %s", text->len ? "; " : "",
                                (const char *) l->data, json_node_get_string (node));
    }
  return text->len ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static JsonNode *
parse_json (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gsize size = 0;
  const char *data = g_bytes_get_data (body, &size);

  if (size == 0 || !json_parser_load_from_data (parser, data, (gssize) size, NULL))
    return NULL;
  return json_parser_steal_root (parser);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static KioskEnrollment *
enrollment_from_reply (JsonNode    *root,
                       const char  *salon,
                       GError     **error)
{
  g_autoptr(KioskEnrollment) enrollment = NULL;
  JsonObject *object;
  const char *device, *token, *reply_salon, *name;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    goto bad;
  object = json_node_get_object (root);
  device = member_string (object, "device");
  token = member_string (object, "token");
  reply_salon = member_string (object, "salon");
  name = member_string (object, "name");
  if (device == NULL || !g_uuid_string_is_valid (device) ||
      token == NULL || !is_token (token) ||
      reply_salon == NULL || g_ascii_strcasecmp (reply_salon, salon) != 0)
    goto bad;

  enrollment = g_new0 (KioskEnrollment, 1);
  enrollment->device = g_strdup (device);
  enrollment->token = g_strdup (token);
  enrollment->salon = g_strdup (reply_salon);
  enrollment->name = g_strdup (name != NULL ? name : "");
  return g_steal_pointer (&enrollment);

bad:
  /* Never quote the body: it may hold a token. */
  g_set_error_literal (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_PROTOCOL,
                       _("The server accepted the pairing but its answer is not what the kiosk "
                         "expects (a device id, a token and the same salon). Nothing was saved."));
  return NULL;
}

KioskEnrollment *
kiosk_transport_enroll (SoupSession   *session,
                        const char    *server_url,
                        const char    *salon,
                        const char    *pairing_code,
                        const char    *name,
                        guint         *retry_after,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) request = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(GBytes) request_body = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *code = NULL;
  g_autofree char *base = NULL;
  g_autofree char *url = NULL;
  g_autofree char *json = NULL;
  g_autofree char *reasons = NULL;
  g_autofree char *clean_name = NULL;
  gsize json_length = 0;
  guint status;

  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (retry_after != NULL)
    *retry_after = 0;

  if (!kiosk_transport_check_url (server_url, error))
    return NULL;
  if (salon == NULL || !g_uuid_string_is_valid (salon))
    {
      g_set_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_REFUSED,
                   _("“%s” is not a salon id. It looks like ad7c5547-1026-434d-a200-08dc7c539cb3 "
                     "and is shown to the salon owner next to the pairing code."),
                   salon != NULL ? salon : "");
      return NULL;
    }
  if ((code = normalize_pairing_code (pairing_code)) == NULL)
    {
      g_set_error_literal (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_PAIRING_CODE,
                           _("A pairing code has 6 digits. Ask the salon owner for the code."));
      return NULL;
    }
  clean_name = g_strstrip (g_strdup (name != NULL ? name : ""));
  if (*clean_name == '\0')
    {
      g_set_error_literal (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_REFUSED,
                           _("Give this kiosk a name, such as “Front desk 1”."));
      return NULL;
    }

  base = g_strdup (server_url);
  while (*base != '\0' && base[strlen (base) - 1] == '/')
    base[strlen (base) - 1] = '\0';
  url = g_strconcat (base, ENROLL_PATH, NULL);

  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "salon");
  json_builder_add_string_value (builder, salon);
  json_builder_set_member_name (builder, "pairing_code");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, clean_name);
  json_builder_end_object (builder);
  request = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_root (generator, request);
  json = json_generator_to_data (generator, &json_length);
  request_body = g_bytes_new_take (g_steal_pointer (&json), json_length);

  message = soup_message_new (SOUP_METHOD_POST, url);
  if (message == NULL)
    {
      g_set_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_BAD_URL,
                   _("“%s” is not a web address. Enter it as https://host.example.com."), server_url);
      return NULL;
    }
  soup_message_headers_replace (soup_message_get_request_headers (message), "Accept", "application/json");
  soup_message_set_request_body_from_bytes (message, "application/json", request_body);

  if ((body = kiosk_transport_send (session, message, ENROLL_MAX_REPLY, cancellable, error)) == NULL)
    return NULL;

  status = soup_message_get_status (message);
  reply = parse_json (body);

  if (status == SOUP_STATUS_CREATED)
    return enrollment_from_reply (reply, salon, error);

  if (status == 429 /* Too Many Requests */)
    {
      guint seconds = kiosk_transport_retry_after (message, 60);

      if (retry_after != NULL)
        *retry_after = seconds;
      g_set_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_THROTTLED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Too many pairing attempts. Try again in %u second.",
                                "Too many pairing attempts. Try again in %u seconds.",
                                seconds),
                   seconds);
      return NULL;
    }

  reasons = drf_errors_text (reply);

  if (status == SOUP_STATUS_BAD_REQUEST)
    {
      if (reply != NULL && JSON_NODE_HOLDS_OBJECT (reply) &&
          json_object_has_member (json_node_get_object (reply), "pairing_code"))
        g_set_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_PAIRING_CODE,
                     _("The pairing code was not accepted: it is wrong, already used or expired "
                       "(a code is valid for 10 minutes, once). Ask the salon owner for a new one. "
                       "(Server: %s)"),
                     reasons != NULL ? reasons : "—");
      else
        g_set_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_REFUSED,
                     _("The server refused the pairing: %s"),
                     reasons != NULL ? reasons : _("no reason given"));
      return NULL;
    }

  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    g_set_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_UNAUTHORIZED,
                 _("The server does not allow this kiosk to pair (HTTP %u)."), status);
  else if (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_METHOD_NOT_ALLOWED)
    g_set_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_PROTOCOL,
                 _("%s does not offer kiosk pairing. Check the server address."), base);
  else if (status >= 500)
    g_set_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_UNREACHABLE,
                 _("The server has a problem (HTTP %u). Try again in a few minutes."), status);
  else
    g_set_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_PROTOCOL,
                 _("The server answered the pairing with HTTP %u, which the kiosk does not expect."),
                 status);
  return NULL;
}

/* ------------------------------------------------- salon list, unpairing */

#define SALONS_PATH "/api/salons/"
#define DEVICE_ME_PATH "/api/kiosk/v1/devices/me/"
#define SALONS_MAX_REPLY (1024 * 1024)

void
kiosk_salon_hit_free (KioskSalonHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->id);
  g_free (hit->name);
  g_free (hit->city);
  g_free (hit->district);
  g_free (hit);
}

static char *
strip_base (const char *server_url)
{
  char *base = g_strstrip (g_strdup (server_url));
  gsize len = strlen (base);

  while (len > 0 && base[len - 1] == '/')
    base[--len] = '\0';
  return base;
}

/* The common answers of endpoints other than enrollment. */
static void
set_status_error (GError     **error,
                  guint        status,
                  const char  *base)
{
  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    g_set_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_UNAUTHORIZED,
                 _("The server no longer accepts this kiosk (HTTP %u)."), status);
  else if (status == 429)
    g_set_error_literal (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_THROTTLED,
                         _("The server is busy with too many requests. Try again in a minute."));
  else if (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_METHOD_NOT_ALLOWED)
    g_set_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_PROTOCOL,
                 _("%s does not offer this. Check the server address."), base);
  else if (status >= 500)
    g_set_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_UNREACHABLE,
                 _("The server has a problem (HTTP %u). Try again in a few minutes."), status);
  else
    g_set_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_PROTOCOL,
                 _("The server answered with HTTP %u, which the kiosk does not expect."), status);
}

GPtrArray *
kiosk_transport_list_salons (SoupSession   *session,
                             const char    *server_url,
                             const char    *search,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *base = NULL;
  g_autofree char *query = NULL;
  g_autofree char *url = NULL;
  JsonNode *results;
  JsonArray *array;
  guint status;

  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!kiosk_transport_check_url (server_url, error))
    return NULL;

  base = strip_base (server_url);
  query = g_uri_escape_string (search != NULL ? search : "", NULL, FALSE);
  url = g_strconcat (base, SALONS_PATH, "?search=", query, NULL);
  message = soup_message_new (SOUP_METHOD_GET, url);
  if (message == NULL)
    {
      g_set_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_BAD_URL,
                   _("“%s” is not a web address. Enter it as https://host.example.com."), server_url);
      return NULL;
    }
  soup_message_headers_replace (soup_message_get_request_headers (message), "Accept", "application/json");

  if ((body = kiosk_transport_send (session, message, SALONS_MAX_REPLY, cancellable, error)) == NULL)
    return NULL;

  status = soup_message_get_status (message);
  if (status != SOUP_STATUS_OK)
    {
      set_status_error (error, status, base);
      return NULL;
    }

  reply = parse_json (body);
  if (reply == NULL || !JSON_NODE_HOLDS_OBJECT (reply) ||
      (results = json_object_get_member (json_node_get_object (reply), "results")) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (results))
    {
      g_set_error_literal (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_PROTOCOL,
                           _("The server's list of salons is not what the kiosk expects."));
      return NULL;
    }

  hits = g_ptr_array_new_with_free_func ((GDestroyNotify) kiosk_salon_hit_free);
  array = json_node_get_array (results);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object;
      const char *id, *name, *city, *district;
      KioskSalonHit *hit;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      id = member_string (object, "id");
      name = member_string (object, "name");
      city = member_string (object, "city");
      district = member_string (object, "district");
      if (id == NULL || !g_uuid_string_is_valid (id) || name == NULL ||
          !g_utf8_validate (name, -1, NULL))
        continue;

      hit = g_new0 (KioskSalonHit, 1);
      hit->id = g_strdup (id);
      hit->name = g_strdup (name);
      hit->city = g_strdup (city != NULL && g_utf8_validate (city, -1, NULL) ? city : "");
      hit->district = g_strdup (district != NULL && g_utf8_validate (district, -1, NULL) ? district : "");
      g_ptr_array_add (hits, hit);
    }
  return g_steal_pointer (&hits);
}

gboolean
kiosk_transport_unenroll (SoupSession   *session,
                          const char    *server_url,
                          const char    *token,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *base = NULL;
  g_autofree char *url = NULL;
  g_autofree char *authorization = NULL;
  guint status;

  g_return_val_if_fail (SOUP_IS_SESSION (session), FALSE);
  g_return_val_if_fail (token != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!kiosk_transport_check_url (server_url, error))
    return FALSE;

  base = strip_base (server_url);
  url = g_strconcat (base, DEVICE_ME_PATH, NULL);
  message = soup_message_new (SOUP_METHOD_DELETE, url);
  if (message == NULL)
    {
      g_set_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_BAD_URL,
                   _("“%s” is not a web address. Enter it as https://host.example.com."), server_url);
      return FALSE;
    }
  authorization = g_strconcat ("Token ", token, NULL);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", authorization);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Accept", "application/json");
  memset (authorization, 0, strlen (authorization));

  if ((body = kiosk_transport_send (session, message, ENROLL_MAX_REPLY, cancellable, error)) == NULL)
    return FALSE;

  status = soup_message_get_status (message);
  if (status == SOUP_STATUS_NO_CONTENT || status == SOUP_STATUS_OK)
    return TRUE;
  set_status_error (error, status, base);
  return FALSE;
}
