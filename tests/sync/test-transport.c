/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * How the kiosk speaks HTTP: the URL policy, the session (user agent, CA
 * file, time-outs), certificate checks against a real TLS server on
 * loopback, the clock skew from Date, and enrollment, the salon search
 * (Turkish names, no match, server trouble) and unenrollment (the token
 * dies) against the contract server.
 *
 * The servers run on the main context; every client call runs on a worker
 * thread (the blocking API is what the sync thread and the command line
 * use) while the main thread serves.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "kiosk-transport.h"
#include "kiosk-test-server.h"

#define SALON "0b8f3f4e-5d7a-4c1e-9a51-3f0e2b6c7d11"
#define CODE  "493027"

static char *
data_file (const char *name)
{
  return g_build_filename (TEST_DATA_DIR, name, NULL);
}

/* --------------------------------------------------- client on a thread */

typedef struct
{
  GThreadFunc func;
  gpointer    data;
  gint        done;
} Job;

static gboolean
job_done_cb (gpointer user_data)
{
  Job *job = user_data;

  g_atomic_int_set (&job->done, 1);
  return G_SOURCE_REMOVE;
}

static gpointer
job_thread (gpointer user_data)
{
  Job *job = user_data;

  job->func (job->data);
  g_idle_add (job_done_cb, job);
  return NULL;
}

/* Runs @func on a worker thread while the main context serves. */
static void
run_client (GThreadFunc func,
            gpointer    data)
{
  Job job = { func, data, 0 };
  GThread *thread = g_thread_new ("client", job_thread, &job);

  while (!g_atomic_int_get (&job.done))
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (thread);
}

typedef struct
{
  /* in */
  const char *ca_file;
  guint       timeout;
  const char *url;
  const char *path;
  const char *salon;
  const char *code;
  const char *name;
  /* out */
  GError          *error;
  GBytes          *body;
  guint            status;
  gboolean         have_skew;
  gint64           skew_us;
  gint64           elapsed_us;
  KioskEnrollment *enrollment;
  guint            retry_after;
} Call;

static void
call_clear (Call *call)
{
  g_clear_error (&call->error);
  g_clear_pointer (&call->body, g_bytes_unref);
  g_clear_pointer (&call->enrollment, kiosk_enrollment_free);
}

static gpointer
get_thread (gpointer data)
{
  Call *call = data;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *url = g_strconcat (call->url, call->path ? call->path : "/", NULL);
  gint64 start = g_get_monotonic_time ();

  session = kiosk_transport_new_session_full (call->ca_file, call->timeout ? call->timeout : 10, &call->error);
  if (session == NULL)
    return NULL;
  message = soup_message_new ("GET", url);
  g_assert_nonnull (message);
  call->body = kiosk_transport_send (session, message, 64 * 1024, NULL, &call->error);
  call->elapsed_us = g_get_monotonic_time () - start;
  if (call->body != NULL)
    {
      call->status = soup_message_get_status (message);
      call->have_skew = kiosk_transport_clock_skew (message, g_get_real_time (), &call->skew_us);
    }
  return NULL;
}

static gpointer
enroll_thread (gpointer data)
{
  Call *call = data;
  g_autoptr(SoupSession) session = NULL;
  gint64 start = g_get_monotonic_time ();

  session = kiosk_transport_new_session_full (call->ca_file, call->timeout ? call->timeout : 10, &call->error);
  if (session == NULL)
    return NULL;
  call->retry_after = 12345;  /* must be reset by the call */
  call->enrollment = kiosk_transport_enroll (session, call->url, call->salon, call->code,
                                             call->name, &call->retry_after, NULL, &call->error);
  call->elapsed_us = g_get_monotonic_time () - start;
  return NULL;
}

/* The token works: GET devices/me/ with it names the new device. */
static gpointer
me_thread (gpointer data)
{
  Call *call = data;
  g_autoptr(SoupSession) session = kiosk_transport_new_session (NULL, &call->error);
  g_autofree char *url = g_strconcat (call->url, "/api/kiosk/v1/devices/me/", NULL);
  g_autoptr(SoupMessage) message = soup_message_new ("GET", url);
  g_autofree char *auth = g_strconcat ("Token ", call->code, NULL);

  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", auth);
  call->body = kiosk_transport_send (session, message, 64 * 1024, NULL, &call->error);
  call->status = soup_message_get_status (message);
  return NULL;
}

/* ------------------------------------------------------------ URL policy */

static void
test_url_policy (void)
{
  static const struct {
    const char *url;
    int         code;   /* -1: accepted */
    const char *says;   /* part of the reason */
  } cases[] = {
    { "http://127.0.0.1", -1, NULL },
    { "http://127.0.0.1:8000/", -1, NULL },
    { "http://127.4.5.6:8000", -1, NULL },
    { "http://localhost", -1, NULL },
    { "http://LOCALHOST:8000/kiosk", -1, NULL },
    { "http://[::1]", -1, NULL },
    { "http://[::1]:8000/", -1, NULL },
    { "https://example.com", -1, NULL },
    { "https://salon.example.com.tr:8443/api-prefix", -1, NULL },
    { "https://10.0.0.5", -1, NULL },
    { "HTTPS://Example.COM", -1, NULL },
    { "http://example.com", KIOSK_TRANSPORT_ERROR_INSECURE, "example.com" },
    { "http://10.0.0.5", KIOSK_TRANSPORT_ERROR_INSECURE, "10.0.0.5" },
    { "http://192.168.1.20:8000", KIOSK_TRANSPORT_ERROR_INSECURE, "https://" },
    { "http://128.0.0.1", KIOSK_TRANSPORT_ERROR_INSECURE, "128.0.0.1" },
    { "http://localhost.example.com", KIOSK_TRANSPORT_ERROR_INSECURE, "localhost.example.com" },
    { "http://[::2]", KIOSK_TRANSPORT_ERROR_INSECURE, "::2" },
    { "ftp://example.com", KIOSK_TRANSPORT_ERROR_BAD_URL, "ftp" },
    { "ws://127.0.0.1", KIOSK_TRANSPORT_ERROR_BAD_URL, "https://" },
    { "https://", KIOSK_TRANSPORT_ERROR_BAD_URL, "host" },
    { "http:///api/", KIOSK_TRANSPORT_ERROR_BAD_URL, "host" },
    { "example.com", KIOSK_TRANSPORT_ERROR_BAD_URL, "example.com" },
    { "kuaför nerede?", KIOSK_TRANSPORT_ERROR_BAD_URL, "kuaför" },
    { "http://exa mple.com", KIOSK_TRANSPORT_ERROR_BAD_URL, "exa mple" },
    { "", KIOSK_TRANSPORT_ERROR_BAD_URL, "empty" },
    { NULL, KIOSK_TRANSPORT_ERROR_BAD_URL, "empty" },
    { "https://ayse:sifre@example.com", KIOSK_TRANSPORT_ERROR_BAD_URL, "password" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = kiosk_transport_check_url (cases[i].url, &error);

      g_test_message ("%s → %s", cases[i].url ? cases[i].url : "(null)", error ? error->message : "ok");
      if (cases[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, KIOSK_TRANSPORT_ERROR, cases[i].code);
          g_assert_nonnull (strstr (error->message, cases[i].says));
        }
    }
}

/* ------------------------------------------------------------- session */

static void
test_session (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupSession) with_ca = NULL;
  g_autoptr(SoupSession) missing = NULL;
  g_autoptr(SoupSession) not_pem = NULL;
  g_autofree char *ca = data_file ("ca.pem");
  g_autofree char *readme = data_file ("README.md");

  session = kiosk_transport_new_session (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (soup_session_get_user_agent (session), ==, "SalonityKiosk/" PACKAGE_VERSION);
  g_assert_cmpuint (soup_session_get_timeout (session), ==, KIOSK_TRANSPORT_TIMEOUT_SECONDS);
  g_assert_cmpuint (soup_session_get_idle_timeout (session), >, 0);
  g_assert_cmpuint (soup_session_get_max_conns_per_host (session), >=, 2);

  with_ca = kiosk_transport_new_session_full (ca, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_session_get_timeout (with_ca), ==, 3);
  g_assert_true (G_IS_TLS_FILE_DATABASE (soup_session_get_tls_database (with_ca)));

  missing = kiosk_transport_new_session ("/nonexistent/salon-ca.pem", &error);
  g_assert_null (missing);
  g_assert_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_CA_FILE);
  g_assert_nonnull (strstr (error->message, "/nonexistent/salon-ca.pem"));
  g_clear_error (&error);

  not_pem = kiosk_transport_new_session (readme, &error);
  g_assert_null (not_pem);
  g_assert_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_CA_FILE);
}

static void
test_retry_after (void)
{
  g_autoptr(SoupMessage) message = soup_message_new ("GET", "https://example.com/");
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 90);
  g_autofree char *http_date = soup_date_time_to_string (later, SOUP_DATE_HTTP);
  guint seconds;
  gint64 skew = 0;

  g_assert_cmpuint (kiosk_transport_retry_after (message, 60), ==, 60);
  soup_message_headers_replace (headers, "Retry-After", "120");
  g_assert_cmpuint (kiosk_transport_retry_after (message, 60), ==, 120);
  soup_message_headers_replace (headers, "Retry-After", "0");
  g_assert_cmpuint (kiosk_transport_retry_after (message, 60), ==, 1);
  soup_message_headers_replace (headers, "Retry-After", "yarın");
  g_assert_cmpuint (kiosk_transport_retry_after (message, 60), ==, 60);
  soup_message_headers_replace (headers, "Retry-After", "99999999999999999999");
  g_assert_cmpuint (kiosk_transport_retry_after (message, 60), ==, 60);
  soup_message_headers_replace (headers, "Retry-After", http_date);
  seconds = kiosk_transport_retry_after (message, 60);
  g_assert_cmpuint (seconds, >=, 88);
  g_assert_cmpuint (seconds, <=, 91);

  /* No reply yet, so no Date: no estimate. */
  g_assert_false (kiosk_transport_clock_skew (message, g_get_real_time (), &skew));
  soup_message_headers_replace (headers, "Date", "not a date");
  g_assert_false (kiosk_transport_clock_skew (message, g_get_real_time (), &skew));
}

/* -------------------------------------------------- a small TLS server */

typedef struct
{
  SoupServer *server;
  char       *url;
  int         date_offset;  /* seconds added to the Date header */
  char       *user_agent;   /* as last seen */
  guint       n_requests;
} TinyServer;

static void
tiny_handler (SoupServer        *server,
              SoupServerMessage *message,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  TinyServer *tiny = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) date = g_date_time_add_seconds (now, tiny->date_offset);
  g_autofree char *date_string = soup_date_time_to_string (date, SOUP_DATE_HTTP);

  tiny->n_requests++;
  g_free (tiny->user_agent);
  tiny->user_agent = g_strdup (soup_message_headers_get_one (soup_server_message_get_request_headers (message),
                                                             "User-Agent"));
  soup_message_headers_replace (headers, "Date", date_string);

  if (g_str_equal (path, "/redirect"))
    {
      soup_server_message_set_redirect (message, 302, "http://example.com/stolen");
      return;
    }
  if (g_str_equal (path, "/big"))
    {
      gsize size = 200 * 1024;
      char *big = g_malloc (size);

      memset (big, 'x', size);
      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "text/plain", SOUP_MEMORY_TAKE, big, size);
      return;
    }
  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                    "{\"ok\": \"merhaba\"}", strlen ("{\"ok\": \"merhaba\"}"));
}

static TinyServer *
tiny_server_new (const char *cert_name,
                 const char *host)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cert_file = NULL;
  g_autofree char *key_file = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  TinyServer *tiny = g_new0 (TinyServer, 1);
  GSList *uris;
  SoupServerListenOptions options = SOUP_SERVER_LISTEN_IPV4_ONLY;

  if (cert_name != NULL)
    {
      g_autofree char *key_name = g_strconcat (cert_name, "-key", NULL);
      g_autofree char *cert_pem = g_strconcat (cert_name, ".pem", NULL);
      g_autofree char *key_pem = g_strconcat (key_name, ".pem", NULL);

      cert_file = data_file (cert_pem);
      key_file = data_file (key_pem);
      certificate = g_tls_certificate_new_from_files (cert_file, key_file, &error);
      g_assert_no_error (error);
      options |= SOUP_SERVER_LISTEN_HTTPS;
    }
  tiny->server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (tiny->server, NULL, tiny_handler, tiny, NULL);
  g_assert_true (soup_server_listen_local (tiny->server, 0, options, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (tiny->server);
  g_assert_nonnull (uris);
  tiny->url = g_strdup_printf ("%s://%s:%d", cert_name ? "https" : "http", host, g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return tiny;
}

static void
tiny_server_free (TinyServer *tiny)
{
  soup_server_disconnect (tiny->server);
  g_object_unref (tiny->server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_free (tiny->url);
  g_free (tiny->user_agent);
  g_free (tiny);
}

static void
test_https_untrusted_without_ca (void)
{
  TinyServer *tiny = tiny_server_new ("server", "127.0.0.1");
  Call call = { .url = tiny->url };

  run_client (get_thread, &call);
  g_assert_error (call.error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_UNTRUSTED);
  g_assert_null (call.body);
  g_assert_nonnull (strstr (call.error->message, "127.0.0.1"));
  g_assert_nonnull (strstr (call.error->message, "authority"));
  /* Nothing reached the handler: the request died in the handshake. */
  g_assert_cmpuint (tiny->n_requests, ==, 0);
  call_clear (&call);
  tiny_server_free (tiny);
}

static void
test_https_untrusted_other_ca (void)
{
  g_autofree char *other_ca = data_file ("other-ca.pem");
  TinyServer *tiny = tiny_server_new ("server", "127.0.0.1");
  Call call = { .url = tiny->url, .ca_file = other_ca };

  run_client (get_thread, &call);
  g_assert_error (call.error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_UNTRUSTED);
  g_assert_cmpuint (tiny->n_requests, ==, 0);
  call_clear (&call);
  tiny_server_free (tiny);
}

static void
test_https_wrong_host (void)
{
  g_autofree char *ca = data_file ("ca.pem");
  TinyServer *tiny = tiny_server_new ("wrong-host", "127.0.0.1");
  Call call = { .url = tiny->url, .ca_file = ca };

  run_client (get_thread, &call);
  g_assert_error (call.error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_UNTRUSTED);
  g_assert_nonnull (strstr (call.error->message, "another host"));
  g_assert_cmpuint (tiny->n_requests, ==, 0);
  call_clear (&call);
  tiny_server_free (tiny);
}

static void
test_https_trusted (gconstpointer data)
{
  const char *host = data;
  g_autofree char *ca = data_file ("ca.pem");
  TinyServer *tiny = tiny_server_new ("server", host);
  Call call = { .url = tiny->url, .ca_file = ca };
  gsize size = 0;
  const char *body;

  run_client (get_thread, &call);
  g_assert_no_error (call.error);
  g_assert_cmpuint (call.status, ==, 200);
  body = g_bytes_get_data (call.body, &size);
  g_assert_cmpmem (body, size, "{\"ok\": \"merhaba\"}", strlen ("{\"ok\": \"merhaba\"}"));
  g_assert_cmpuint (tiny->n_requests, ==, 1);
  g_assert_cmpstr (tiny->user_agent, ==, "SalonityKiosk/" PACKAGE_VERSION);
  /* The server's clock agrees with ours to about a second. */
  g_assert_true (call.have_skew);
  g_assert_cmpint (ABS (call.skew_us), <=, 2 * G_USEC_PER_SEC);
  call_clear (&call);
  tiny_server_free (tiny);
}

static void
test_clock_skew (void)
{
  static const int offsets[] = { 300, -300 };
  g_autofree char *ca = data_file ("ca.pem");

  for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
    {
      TinyServer *tiny = tiny_server_new ("server", "127.0.0.1");
      Call call = { .url = tiny->url, .ca_file = ca };

      tiny->date_offset = offsets[i];
      run_client (get_thread, &call);
      g_assert_no_error (call.error);
      g_assert_true (call.have_skew);
      g_test_message ("offset %d s → skew %" G_GINT64_FORMAT " µs", offsets[i], call.skew_us);
      /* Date has whole seconds; the request takes well under one. */
      g_assert_cmpint (call.skew_us, >=, (gint64) (offsets[i] - 2) * G_USEC_PER_SEC);
      g_assert_cmpint (call.skew_us, <=, (gint64) (offsets[i] + 2) * G_USEC_PER_SEC);
      call_clear (&call);
      tiny_server_free (tiny);
    }
}

static void
test_no_redirect (void)
{
  TinyServer *tiny = tiny_server_new (NULL, "127.0.0.1");
  Call call = { .url = tiny->url, .path = "/redirect" };

  run_client (get_thread, &call);
  g_assert_no_error (call.error);
  /* The 302 comes back as it is: nobody follows it to plain HTTP. */
  g_assert_cmpuint (call.status, ==, 302);
  g_assert_cmpuint (tiny->n_requests, ==, 1);
  call_clear (&call);
  tiny_server_free (tiny);
}

static void
test_reply_too_big (void)
{
  TinyServer *tiny = tiny_server_new (NULL, "127.0.0.1");
  Call call = { .url = tiny->url, .path = "/big" };

  run_client (get_thread, &call);
  g_assert_error (call.error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_PROTOCOL);
  g_assert_null (call.body);
  call_clear (&call);
  tiny_server_free (tiny);
}

static void
test_insecure_refused_before_sending (void)
{
  Call call = { .url = "http://example.com", .path = "/" };
  Call enroll = { .url = "http://192.168.1.20:8000", .salon = SALON, .code = CODE, .name = "Ön büro" };

  run_client (get_thread, &call);
  g_assert_error (call.error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_INSECURE);
  /* Refused at once, without a connection attempt. */
  g_assert_cmpint (call.elapsed_us, <, G_USEC_PER_SEC);
  call_clear (&call);

  run_client (enroll_thread, &enroll);
  g_assert_error (enroll.error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_INSECURE);
  g_assert_null (enroll.enrollment);
  call_clear (&enroll);
}

/* ------------------------------------------------------------ time-outs */

/* A server that takes the connection (the kernel's backlog does) and never
 * answers. */
static GSocket *
silent_server (char **url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  GSocket *socket;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, address, TRUE, &error));
  g_assert_true (g_socket_listen (socket, &error));
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  *url = g_strdup_printf ("http://127.0.0.1:%u",
                          g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  return socket;
}

static void
test_timeout (void)
{
  g_autofree char *url = NULL;
  g_autoptr(GSocket) socket = silent_server (&url);
  Call call = { .url = url, .timeout = 2 };
  Call enroll = { .url = url, .timeout = 1, .salon = SALON, .code = CODE, .name = "Ön büro" };

  run_client (get_thread, &call);
  g_test_message ("GET gave up after %" G_GINT64_FORMAT " ms: %s", call.elapsed_us / 1000,
                  call.error ? call.error->message : "no error");
  g_assert_error (call.error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_UNREACHABLE);
  g_assert_cmpint (call.elapsed_us, >=, 1500 * 1000);
  g_assert_cmpint (call.elapsed_us, <, 6 * G_USEC_PER_SEC);
  call_clear (&call);

  run_client (enroll_thread, &enroll);
  g_assert_error (enroll.error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_UNREACHABLE);
  g_assert_null (enroll.enrollment);
  g_assert_cmpint (enroll.elapsed_us, >=, 700 * 1000);
  g_assert_cmpint (enroll.elapsed_us, <, 5 * G_USEC_PER_SEC);
  call_clear (&enroll);
}

static void
test_connection_refused (void)
{
  g_autofree char *url = NULL;
  Call call = { 0 };

  /* Take a free port and close it again: nothing listens there. */
  {
    g_autoptr(GSocket) socket = silent_server (&url);
    g_socket_close (socket, NULL);
  }
  call.url = url;
  run_client (get_thread, &call);
  g_assert_error (call.error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_UNREACHABLE);
  g_assert_cmpint (call.elapsed_us, <, 5 * G_USEC_PER_SEC);
  call_clear (&call);
}

/* ------------------------------------------------------------ enrollment */

typedef struct
{
  char            *dir;
  KioskTestServer *server;
} Fixture;

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_dir_close (dir);
  g_rmdir (path);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("kiosk-test-transport-XXXXXX", &error);
  g_assert_no_error (error);
  f->server = kiosk_test_server_new (f->dir, &error);
  g_assert_no_error (error);
  g_assert_true (kiosk_test_server_listen (f->server, 0, &error));
  g_assert_cmpint (kiosk_test_server_put (f->server, "salon",
                                          "{\"id\": \"" SALON "\", \"name\": \"Moda Kuaför\", \"address\": \"Moda Cad. 1\","
                                          " \"city\": \"İstanbul\", \"district\": \"Kadıköy\", \"phone\": \"+902161234567\","
                                          " \"opening_time\": \"09:00:00\", \"closing_time\": \"19:00:00\","
                                          " \"timezone\": \"Europe/Istanbul\"}", &error), >, 0);
  g_assert_no_error (error);
  kiosk_test_server_add_pairing_code (f->server, CODE, 600);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  remove_tree (f->dir);
  g_free (f->dir);
}

static void
test_enroll_good_code (Fixture       *f,
                       gconstpointer  data)
{
  /* The server URL as people paste it: with a trailing slash. */
  g_autofree char *url = g_strconcat (kiosk_test_server_get_uri (f->server), "/", NULL);
  Call call = { .url = url, .salon = SALON, .code = "493 027", .name = "  Ön büro İğdeşçiöü 1 " };
  Call me = { .url = kiosk_test_server_get_uri (f->server) };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;

  run_client (enroll_thread, &call);
  g_assert_no_error (call.error);
  g_assert_nonnull (call.enrollment);
  g_assert_true (g_uuid_string_is_valid (call.enrollment->device));
  g_assert_cmpuint (strlen (call.enrollment->token), ==, 40);
  g_assert_cmpstr (call.enrollment->salon, ==, SALON);
  g_assert_cmpstr (call.enrollment->name, ==, "Ön büro İğdeşçiöü 1");
  g_assert_cmpuint (call.retry_after, ==, 0);

  /* The token is the server's: it names this device. */
  me.code = call.enrollment->token;
  run_client (me_thread, &me);
  g_assert_no_error (me.error);
  g_assert_cmpuint (me.status, ==, 200);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (me.body, NULL),
                                             (gssize) g_bytes_get_size (me.body), NULL));
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (object, "device"), ==, call.enrollment->device);
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "Ön büro İğdeşçiöü 1");
  call_clear (&me);
  call_clear (&call);
}

static void
test_enroll_bad_codes (Fixture       *f,
                       gconstpointer  data)
{
  const char *url = kiosk_test_server_get_uri (f->server);
  Call first = { .url = url, .salon = SALON, .code = CODE, .name = "Ön büro 1" };
  Call reuse = { .url = url, .salon = SALON, .code = CODE, .name = "Ön büro 2" };
  Call wrong = { .url = url, .salon = SALON, .code = "000000", .name = "Ön büro 3" };
  Call expired = { .url = url, .salon = SALON, .code = "111111", .name = "Ön büro 4" };
  Call typo = { .url = url, .salon = SALON, .code = "49302", .name = "Ön büro 5" };
  Call letters = { .url = url, .salon = SALON, .code = "49302a", .name = "Ön büro 5" };
  Call unknown_salon = { .url = url, .salon = "6a1d2c3b-0000-4000-8000-000000000000", .code = "222222",
                         .name = "Ön büro 6" };
  Call not_a_salon = { .url = url, .salon = "Moda Kuaför", .code = "222222", .name = "Ön büro 6" };
  Call no_name = { .url = url, .salon = SALON, .code = "222222", .name = "   " };
  Call good_after = { .url = url, .salon = SALON, .code = "222222", .name = "Ön büro 7" };

  kiosk_test_server_add_pairing_code (f->server, "111111", 0);
  kiosk_test_server_add_pairing_code (f->server, "222222", 600);

  run_client (enroll_thread, &first);
  g_assert_no_error (first.error);

  /* Codes are single use. */
  run_client (enroll_thread, &reuse);
  g_assert_error (reuse.error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_PAIRING_CODE);
  g_assert_null (reuse.enrollment);
  g_assert_nonnull (strstr (reuse.error->message, "Eşleştirme kodu"));  /* the server's own words */

  run_client (enroll_thread, &wrong);
  g_assert_error (wrong.error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_PAIRING_CODE);
  run_client (enroll_thread, &expired);
  g_assert_error (expired.error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_PAIRING_CODE);

  /* Refused before anything is sent. */
  run_client (enroll_thread, &typo);
  g_assert_error (typo.error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_PAIRING_CODE);
  g_assert_nonnull (strstr (typo.error->message, "6"));
  run_client (enroll_thread, &letters);
  g_assert_error (letters.error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_PAIRING_CODE);
  run_client (enroll_thread, &not_a_salon);
  g_assert_error (not_a_salon.error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_REFUSED);
  g_assert_nonnull (strstr (not_a_salon.error->message, "Moda Kuaför"));
  run_client (enroll_thread, &no_name);
  g_assert_error (no_name.error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_REFUSED);

  /* A salon the server does not know: its code cannot match either. */
  run_client (enroll_thread, &unknown_salon);
  g_assert_nonnull (unknown_salon.error);
  g_assert_true (unknown_salon.error->domain == KIOSK_TRANSPORT_ERROR);
  g_assert_nonnull (strstr (unknown_salon.error->message, "salon"));

  /* None of that used up the good code. */
  run_client (enroll_thread, &good_after);
  g_assert_no_error (good_after.error);
  g_assert_cmpstr (good_after.enrollment->name, ==, "Ön büro 7");
  g_assert_cmpstr (good_after.enrollment->device, !=, first.enrollment->device);
  g_assert_cmpstr (good_after.enrollment->token, !=, first.enrollment->token);

  call_clear (&first);
  call_clear (&reuse);
  call_clear (&wrong);
  call_clear (&expired);
  call_clear (&typo);
  call_clear (&letters);
  call_clear (&unknown_salon);
  call_clear (&not_a_salon);
  call_clear (&no_name);
  call_clear (&good_after);
}

static void
test_enroll_throttled (Fixture       *f,
                       gconstpointer  data)
{
  const char *url = kiosk_test_server_get_uri (f->server);

  kiosk_test_server_set_throttle (f->server, "enrollment", 2, 60);
  for (guint i = 0; i < 3; i++)
    {
      Call call = { .url = url, .salon = SALON, .code = "000000", .name = "Ön büro" };

      run_client (enroll_thread, &call);
      if (i < 2)
        {
          g_assert_error (call.error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_PAIRING_CODE);
          g_assert_cmpuint (call.retry_after, ==, 0);
        }
      else
        {
          g_autofree char *seconds = NULL;

          g_assert_error (call.error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_THROTTLED);
          g_assert_cmpuint (call.retry_after, >=, 1);
          g_assert_cmpuint (call.retry_after, <=, 60);
          seconds = g_strdup_printf ("%u", call.retry_after);
          g_assert_nonnull (strstr (call.error->message, seconds));
        }
      call_clear (&call);
    }
}

static void
test_enroll_server_trouble (Fixture       *f,
                            gconstpointer  data)
{
  const char *url = kiosk_test_server_get_uri (f->server);
  g_autofree char *wrong_path = g_strconcat (url, "/not-salonity", NULL);
  KioskFault unavailable = { .kind = KIOSK_FAULT_STATUS, .status = 503 };
  KioskFault throttled = { .kind = KIOSK_FAULT_STATUS, .status = 429, .retry_after = 7 };
  KioskFault truncated = { .kind = KIOSK_FAULT_TRUNCATED_JSON };
  Call down = { .url = url, .salon = SALON, .code = CODE, .name = "Ön büro" };
  Call busy = { .url = url, .salon = SALON, .code = CODE, .name = "Ön büro" };
  Call spoiled = { .url = url, .salon = SALON, .code = CODE, .name = "Ön büro" };
  Call elsewhere = { .url = wrong_path, .salon = SALON, .code = CODE, .name = "Ön büro" };

  kiosk_test_server_push_fault (f->server, "POST", "/api/kiosk/v1/devices/", &unavailable);
  run_client (enroll_thread, &down);
  g_assert_error (down.error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (down.error->message, "503"));

  kiosk_test_server_push_fault (f->server, "POST", "/api/kiosk/v1/devices/", &throttled);
  run_client (enroll_thread, &busy);
  g_assert_error (busy.error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_THROTTLED);
  g_assert_cmpuint (busy.retry_after, ==, 7);

  run_client (enroll_thread, &elsewhere);
  g_assert_error (elsewhere.error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (elsewhere.error->message, "not-salonity"));

  /* Applied on the server, but the answer is spoiled: no half enrollment. */
  kiosk_test_server_push_fault (f->server, "POST", "/api/kiosk/v1/devices/", &truncated);
  run_client (enroll_thread, &spoiled);
  g_assert_error (spoiled.error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_PROTOCOL);
  g_assert_null (spoiled.enrollment);

  call_clear (&down);
  call_clear (&busy);
  call_clear (&spoiled);
  call_clear (&elsewhere);
}

/* ------------------------------------------------ salon picker, unpairing */

#define SALON_2 "7c2e4a19-3b5d-4f60-8e21-9d4c6b1a0f32"
#define SALON_3 "e5a0c7d2-61f4-4b8a-a3c9-2f7e1d0b8c45"

typedef struct
{
  const char *url;
  const char *search;
  const char *token;
  GPtrArray  *hits;
  gboolean    ok;
  GError     *error;
} SalonCall;

static gpointer
list_salons_thread (gpointer data)
{
  SalonCall *call = data;
  g_autoptr(SoupSession) session = kiosk_transport_new_session_full (NULL, 10, &call->error);

  if (session != NULL)
    call->hits = kiosk_transport_list_salons (session, call->url, call->search, NULL, &call->error);
  return NULL;
}

static gpointer
unenroll_thread (gpointer data)
{
  SalonCall *call = data;
  g_autoptr(SoupSession) session = kiosk_transport_new_session_full (NULL, 10, &call->error);

  if (session != NULL)
    call->ok = kiosk_transport_unenroll (session, call->url, call->token, NULL, &call->error);
  return NULL;
}

static void
salon_call_clear (SalonCall *call)
{
  g_clear_error (&call->error);
  g_clear_pointer (&call->hits, g_ptr_array_unref);
}

static void
put_more_salons (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (kiosk_test_server_put (f->server, "salon",
                                          "{\"id\": \"" SALON_2 "\", \"name\": \"Şöhret Güzellik Salonu\","
                                          " \"address\": \"Bağdat Cad. 5\", \"city\": \"İstanbul\","
                                          " \"district\": \"Üsküdar\", \"phone\": \"+902161112233\","
                                          " \"opening_time\": \"10:00:00\", \"closing_time\": \"20:00:00\","
                                          " \"timezone\": \"Europe/Istanbul\"}", &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (kiosk_test_server_put (f->server, "salon",
                                          "{\"id\": \"" SALON_3 "\", \"name\": \"Çağla Şöhret Berber\","
                                          " \"address\": \"Atatürk Bulvarı 12\", \"city\": \"Ankara\","
                                          " \"district\": \"Çankaya\", \"phone\": \"+903121112233\","
                                          " \"opening_time\": \"09:00:00\", \"closing_time\": \"18:00:00\","
                                          " \"timezone\": \"Europe/Istanbul\"}", &error), >, 0);
  g_assert_no_error (error);
}

static const KioskSalonHit *
find_hit (GPtrArray  *hits,
          const char *id)
{
  for (guint i = 0; i < hits->len; i++)
    {
      const KioskSalonHit *hit = g_ptr_array_index (hits, i);

      if (g_str_equal (hit->id, id))
        return hit;
    }
  return NULL;
}

static void
test_list_salons (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *slash_url = g_strconcat (kiosk_test_server_get_uri (f->server), "/", NULL);
  const char *url = kiosk_test_server_get_uri (f->server);
  /* Upper case with Turkish letters: the server folds case, so this finds
   * both "…Şöhret…" salons and not "Moda Kuaför". */
  SalonCall upper = { .url = slash_url, .search = "ŞÖHRET" };
  SalonCall one = { .url = url, .search = "çağla" };
  SalonCall all = { .url = url, .search = "" };
  SalonCall none = { .url = url, .search = "Yokyerde Kuaför" };
  const KioskSalonHit *hit;

  put_more_salons (f);

  run_client (list_salons_thread, &upper);
  g_assert_no_error (upper.error);
  g_assert_nonnull (upper.hits);
  g_assert_cmpuint (upper.hits->len, ==, 2);
  hit = find_hit (upper.hits, SALON_2);
  g_assert_nonnull (hit);
  g_assert_cmpstr (hit->name, ==, "Şöhret Güzellik Salonu");
  g_assert_cmpstr (hit->city, ==, "İstanbul");
  g_assert_cmpstr (hit->district, ==, "Üsküdar");
  hit = find_hit (upper.hits, SALON_3);
  g_assert_nonnull (hit);
  g_assert_cmpstr (hit->name, ==, "Çağla Şöhret Berber");
  g_assert_cmpstr (hit->district, ==, "Çankaya");
  g_assert_null (find_hit (upper.hits, SALON));

  run_client (list_salons_thread, &one);
  g_assert_no_error (one.error);
  g_assert_cmpuint (one.hits->len, ==, 1);
  g_assert_cmpstr (((KioskSalonHit *) g_ptr_array_index (one.hits, 0))->id, ==, SALON_3);

  /* No search: every salon. */
  run_client (list_salons_thread, &all);
  g_assert_no_error (all.error);
  g_assert_cmpuint (all.hits->len, ==, 3);
  g_assert_nonnull (find_hit (all.hits, SALON));
  g_assert_cmpstr (find_hit (all.hits, SALON)->name, ==, "Moda Kuaför");

  /* Nothing matches: an empty list, not an error. */
  run_client (list_salons_thread, &none);
  g_assert_no_error (none.error);
  g_assert_nonnull (none.hits);
  g_assert_cmpuint (none.hits->len, ==, 0);

  salon_call_clear (&upper);
  salon_call_clear (&one);
  salon_call_clear (&all);
  salon_call_clear (&none);
}

static void
test_list_salons_trouble (Fixture       *f,
                          gconstpointer  data)
{
  const char *url = kiosk_test_server_get_uri (f->server);
  g_autofree char *wrong_path = g_strconcat (url, "/not-salonity", NULL);
  KioskFault unavailable = { .kind = KIOSK_FAULT_STATUS, .status = 500 };
  KioskFault malformed = { .kind = KIOSK_FAULT_MALFORMED_JSON };
  SalonCall down = { .url = url, .search = "Moda" };
  SalonCall spoiled = { .url = url, .search = "Moda" };
  SalonCall elsewhere = { .url = wrong_path, .search = "Moda" };
  SalonCall after = { .url = url, .search = "moda" };

  kiosk_test_server_push_fault (f->server, "GET", "/api/salons/", &unavailable);
  run_client (list_salons_thread, &down);
  g_assert_error (down.error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (down.error->message, "500"));
  g_assert_null (down.hits);

  kiosk_test_server_push_fault (f->server, "GET", "/api/salons/", &malformed);
  run_client (list_salons_thread, &spoiled);
  g_assert_error (spoiled.error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_PROTOCOL);
  g_assert_null (spoiled.hits);

  run_client (list_salons_thread, &elsewhere);
  g_assert_error (elsewhere.error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (elsewhere.error->message, "not-salonity"));

  /* The faults were one-off: the next search works. */
  run_client (list_salons_thread, &after);
  g_assert_no_error (after.error);
  g_assert_cmpuint (after.hits->len, ==, 1);
  g_assert_cmpstr (((KioskSalonHit *) g_ptr_array_index (after.hits, 0))->name, ==, "Moda Kuaför");

  salon_call_clear (&down);
  salon_call_clear (&spoiled);
  salon_call_clear (&elsewhere);
  salon_call_clear (&after);
}

static void
test_unenroll (Fixture       *f,
               gconstpointer  data)
{
  const char *url = kiosk_test_server_get_uri (f->server);
  Call enroll = { .url = url, .salon = SALON, .code = CODE, .name = "Ön büro Şişli" };
  Call before = { .url = url };
  Call after = { .url = url };
  SalonCall unenroll = { .url = url };
  SalonCall again = { .url = url };

  run_client (enroll_thread, &enroll);
  g_assert_no_error (enroll.error);

  before.code = enroll.enrollment->token;
  run_client (me_thread, &before);
  g_assert_no_error (before.error);
  g_assert_cmpuint (before.status, ==, 200);

  unenroll.token = enroll.enrollment->token;
  run_client (unenroll_thread, &unenroll);
  g_assert_no_error (unenroll.error);
  g_assert_true (unenroll.ok);

  /* The old token is dead on the server. */
  after.code = enroll.enrollment->token;
  run_client (me_thread, &after);
  g_assert_no_error (after.error);
  g_assert_cmpuint (after.status, ==, 401);

  /* Unpairing twice: the server refuses the revoked token, reported as such. */
  again.token = enroll.enrollment->token;
  run_client (unenroll_thread, &again);
  g_assert_error (again.error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_UNAUTHORIZED);
  g_assert_false (again.ok);
  g_assert_nonnull (strstr (again.error->message, "401"));

  call_clear (&enroll);
  call_clear (&before);
  call_clear (&after);
  salon_call_clear (&unenroll);
  salon_call_clear (&again);
}

static void
test_unenroll_server_trouble (Fixture       *f,
                              gconstpointer  data)
{
  const char *url = kiosk_test_server_get_uri (f->server);
  KioskFault unavailable = { .kind = KIOSK_FAULT_STATUS, .status = 503 };
  Call enroll = { .url = url, .salon = SALON, .code = CODE, .name = "Ön büro" };
  Call still = { .url = url };
  SalonCall down = { .url = url };
  SalonCall bogus = { .url = url, .token = "0000000000000000000000000000000000000000" };

  run_client (enroll_thread, &enroll);
  g_assert_no_error (enroll.error);

  /* A server in trouble: a clear error, and the token still works. */
  kiosk_test_server_push_fault (f->server, "DELETE", "/api/kiosk/v1/devices/me/", &unavailable);
  down.token = enroll.enrollment->token;
  run_client (unenroll_thread, &down);
  g_assert_error (down.error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (down.error->message, "503"));
  g_assert_false (down.ok);
  still.code = enroll.enrollment->token;
  run_client (me_thread, &still);
  g_assert_cmpuint (still.status, ==, 200);

  run_client (unenroll_thread, &bogus);
  g_assert_error (bogus.error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_UNAUTHORIZED);

  call_clear (&enroll);
  call_clear (&still);
  salon_call_clear (&down);
  salon_call_clear (&bogus);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/transport/url-policy", test_url_policy);
  g_test_add_func ("/transport/session", test_session);
  g_test_add_func ("/transport/retry-after", test_retry_after);
  g_test_add_func ("/transport/insecure-refused-before-sending", test_insecure_refused_before_sending);
  g_test_add_func ("/transport/https/untrusted-without-ca", test_https_untrusted_without_ca);
  g_test_add_func ("/transport/https/untrusted-other-ca", test_https_untrusted_other_ca);
  g_test_add_func ("/transport/https/wrong-host", test_https_wrong_host);
  g_test_add_data_func ("/transport/https/trusted-127.0.0.1", "127.0.0.1", test_https_trusted);
  g_test_add_data_func ("/transport/https/trusted-localhost", "localhost", test_https_trusted);
  g_test_add_func ("/transport/https/clock-skew", test_clock_skew);
  g_test_add_func ("/transport/no-redirect", test_no_redirect);
  g_test_add_func ("/transport/reply-too-big", test_reply_too_big);
  g_test_add_func ("/transport/timeout", test_timeout);
  g_test_add_func ("/transport/connection-refused", test_connection_refused);
  g_test_add ("/transport/enroll/good-code", Fixture, NULL, fixture_setup, test_enroll_good_code, fixture_teardown);
  g_test_add ("/transport/enroll/bad-codes", Fixture, NULL, fixture_setup, test_enroll_bad_codes, fixture_teardown);
  g_test_add ("/transport/enroll/throttled", Fixture, NULL, fixture_setup, test_enroll_throttled, fixture_teardown);
  g_test_add ("/transport/enroll/server-trouble", Fixture, NULL, fixture_setup, test_enroll_server_trouble,
              fixture_teardown);
  g_test_add ("/transport/salons/search", Fixture, NULL, fixture_setup, test_list_salons, fixture_teardown);
  g_test_add ("/transport/salons/server-trouble", Fixture, NULL, fixture_setup, test_list_salons_trouble,
              fixture_teardown);
  g_test_add ("/transport/unenroll/revokes-token", Fixture, NULL, fixture_setup, test_unenroll, fixture_teardown);
  g_test_add ("/transport/unenroll/server-trouble", Fixture, NULL, fixture_setup, test_unenroll_server_trouble,
              fixture_teardown);

  return g_test_run ();
}
