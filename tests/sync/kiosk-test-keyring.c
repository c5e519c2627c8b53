/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <glib/gstdio.h>
#include <libsecret/secret.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "kiosk-test-keyring.h"

/* No <standard_session_servicedirs/>: nothing is activated behind our
 * back (no keyring where there must be none, no prompter that would wait
 * for a click nobody makes). */
static const char bus_config[] =
  "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
  " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
  "<busconfig>\n"
  "  <type>session</type>\n"
  "  <listen>%s</listen>\n"
  "  <auth>EXTERNAL</auth>\n"
  "  <policy context=\"default\">\n"
  "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
  "    <allow eavesdrop=\"true\"/>\n"
  "    <allow own=\"*\"/>\n"
  "  </policy>\n"
  "</busconfig>\n";

struct _KioskTestKeyring
{
  char              *dir;
  GSubprocess       *bus;
  GSubprocess       *keyring;
  KioskTestPrompter *prompter;
};

static void prompter_stop (KioskTestPrompter *prompter);

static void
child_setup (gpointer user_data)
{
#ifdef __linux__
  /* The daemons go when the test goes, even when it aborts. */
  prctl (PR_SET_PDEATHSIG, SIGTERM);
#endif
}

static GSubprocess *
spawn (const char * const  *argv,
       GSubprocessFlags     flags)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (flags);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  return process;
}

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

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_dir_close (dir);
  g_rmdir (path);
}

static gboolean
name_has_owner (GDBusConnection *connection,
                const char      *name)
{
  g_autoptr(GVariant) reply = NULL;
  gboolean has_owner = FALSE;

  reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner", g_variant_new ("(s)", name),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, 2000, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &has_owner);
  return has_owner;
}

/* gnome-keyring --unlock makes the "login" keyring and its "default"
 * alias shortly after it starts (unlocked unless @locked). */
static void
wait_for_keyring (gboolean locked)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_autoptr(SecretService) service = NULL;
  g_autoptr(SecretCollection) collection = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < 200 && !name_has_owner (connection, "org.freedesktop.secrets"); i++)
    g_usleep (50 * 1000);
  g_assert_true (name_has_owner (connection, "org.freedesktop.secrets"));

  service = secret_service_get_sync (SECRET_SERVICE_OPEN_SESSION, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 200; i++)
    {
      collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT,
                                                     SECRET_COLLECTION_NONE, NULL, NULL);
      if (collection != NULL && secret_collection_get_locked (collection) == locked)
        break;
      g_clear_object (&collection);
      g_usleep (50 * 1000);
    }
  g_assert_nonnull (collection);
  g_assert_true (secret_collection_get_locked (collection) == locked);
}

/* A login keyring with an empty password, as Seahorse leaves it when the
 * password is changed to nothing: kept in clear (gnome-keyring's textual
 * format), the default one. */
static void
write_empty_password_keyring (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "keyrings", NULL);
  g_autofree char *file = g_build_filename (dir, "login.keyring", NULL);
  g_autofree char *alias = g_build_filename (dir, "default", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (file, "[keyring]\ndisplay-name=Login\nctime=0\nmtime=0\n"
                                            "lock-on-idle=false\nlock-after=false\n", -1, &error));
  g_assert_true (g_file_set_contents (alias, "login", -1, &error));
}

KioskTestKeyring *
kiosk_test_keyring_start (gboolean with_keyring)
{
  return kiosk_test_keyring_start_kind (with_keyring ? KIOSK_TEST_KEYRING_PASSWORD : KIOSK_TEST_KEYRING_NONE);
}

KioskTestKeyring *
kiosk_test_keyring_start_kind (KioskTestKeyringKind kind)
{
  static const char * const subdirs[] = { "home", "runtime", "data", "config", "cache", "bus" };
  static const char * const variables[] = { "HOME", "XDG_RUNTIME_DIR", "XDG_DATA_HOME",
                                            "XDG_CONFIG_HOME", "XDG_CACHE_HOME" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) address_stream = NULL;
  g_autofree char *config = NULL;
  g_autofree char *config_file = NULL;
  g_autofree char *config_arg = NULL;
  g_autofree char *bus_dir = NULL;
  g_autofree char *address = NULL;
  g_autofree char *printed = NULL;
  KioskTestKeyring *ps = g_new0 (KioskTestKeyring, 1);

  ps->dir = g_dir_make_tmp ("kiosk-test-keyring-XXXXXX", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (subdirs); i++)
    {
      g_autofree char *path = g_build_filename (ps->dir, subdirs[i], NULL);

      g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
      if (i < G_N_ELEMENTS (variables))
        g_setenv (variables[i], path, TRUE);
    }
  g_unsetenv ("GNOME_KEYRING_CONTROL");

  /* Every variable is set before the first child (and GLib's worker
   * thread) exists: setenv() is not thread-safe. */
  bus_dir = g_build_filename (ps->dir, "bus", NULL);
  address = g_strconcat ("unix:path=", bus_dir, "/socket", NULL);
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);

  config = g_strdup_printf (bus_config, address);
  config_file = g_build_filename (ps->dir, "bus.conf", NULL);
  g_assert_true (g_file_set_contents (config_file, config, -1, &error));
  config_arg = g_strconcat ("--config-file=", config_file, NULL);
  ps->bus = spawn ((const char * const []) { "dbus-daemon", "--nofork", config_arg, "--print-address=1", NULL },
                   G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  /* It prints its address once it listens. */
  address_stream = g_data_input_stream_new (g_subprocess_get_stdout_pipe (ps->bus));
  printed = g_data_input_stream_read_line (address_stream, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (printed);
  g_assert_true (g_str_has_prefix (printed, address));

  if (kind == KIOSK_TEST_KEYRING_EMPTY_PASSWORD)
    {
      /* No PAM, no --unlock: as on a kiosk user's automatic login. */
      write_empty_password_keyring ();
      ps->keyring = spawn ((const char * const []) { "gnome-keyring-daemon", "--foreground", "--start",
                                                     "--components=secrets", NULL },
                           G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
      wait_for_keyring (TRUE);
    }
  else if (kind == KIOSK_TEST_KEYRING_PASSWORD)
    {
      /* As build-aux/quickstart does: a throwaway, non-empty password on
       * stdin creates and unlocks a fresh login keyring (with an empty one
       * gnome-keyring 42 makes none). Its stdout (variables) would spoil
       * the TAP output. */
      static const char password[] = "salonity-kiosk-tests";
      GOutputStream *input;

      ps->keyring = spawn ((const char * const []) { "gnome-keyring-daemon", "--foreground", "--unlock",
                                                     "--components=secrets", NULL },
                           G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
      input = g_subprocess_get_stdin_pipe (ps->keyring);
      g_assert_true (g_output_stream_write_all (input, password, strlen (password), NULL, NULL, &error));
      g_assert_true (g_output_stream_close (input, NULL, &error));
      wait_for_keyring (FALSE);
    }
  return ps;
}

static void
stop_process (GSubprocess *process)
{
  if (process == NULL)
    return;
  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, NULL);
  g_object_unref (process);
}

void
kiosk_test_keyring_stop (KioskTestKeyring *ps)
{
  g_autoptr(GDBusConnection) connection = NULL;

  /* The shared session connection would kill this process when the bus
   * goes away. */
  secret_service_disconnect ();
  connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (connection != NULL)
    g_dbus_connection_set_exit_on_close (connection, FALSE);
  stop_process (ps->keyring);
  /* After the keyring: a prompter going away under a waiting prompt makes
   * gnome-keyring abort. */
  if (ps->prompter != NULL)
    prompter_stop (ps->prompter);
  stop_process (ps->bus);
  remove_tree (ps->dir);
  g_free (ps->dir);
  g_free (ps);
}

const char *
kiosk_test_keyring_get_dir (KioskTestKeyring *keyring)
{
  return keyring->dir;
}

int
kiosk_test_keyring_run (void)
{
  KioskTestKeyring *keyring = NULL;
  int status;

  if (!g_test_subprocess ())
    keyring = kiosk_test_keyring_start (TRUE);
  status = g_test_run ();
  if (keyring != NULL)
    kiosk_test_keyring_stop (keyring);
  return status;
}

void
kiosk_test_keyring_run_in_child (gboolean              with_keyring,
                                 guint                 timeout_seconds,
                                 KioskTestKeyringFunc  func)
{
  kiosk_test_keyring_run_in_child_kind (with_keyring ? KIOSK_TEST_KEYRING_PASSWORD : KIOSK_TEST_KEYRING_NONE,
                                        timeout_seconds, func);
}

void
kiosk_test_keyring_run_in_child_kind (KioskTestKeyringKind  kind,
                                      guint                 timeout_seconds,
                                      KioskTestKeyringFunc  func)
{
  if (g_test_subprocess ())
    {
      KioskTestKeyring *own = kiosk_test_keyring_start_kind (kind);

      func (own);
      kiosk_test_keyring_stop (own);
      return;
    }
  g_test_trap_subprocess (NULL, timeout_seconds * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

gboolean
kiosk_test_keyring_file_contains (const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_build_filename (g_get_user_data_dir (), "keyrings", "login.keyring", NULL);
  g_autofree char *data = NULL;
  gsize size = 0;
  gsize length = strlen (needle);

  g_assert_true (g_file_get_contents (file, &data, &size, &error));
  g_assert_no_error (error);
  for (gsize i = 0; i + length <= size; i++)
    if (memcmp (data + i, needle, length) == 0)
      return TRUE;
  return FALSE;
}

void
kiosk_test_keyring_lock (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretService) service = secret_service_get_sync (SECRET_SERVICE_OPEN_SESSION, NULL, &error);
  g_autoptr(SecretCollection) collection = NULL;
  GList *objects;

  g_assert_no_error (error);
  collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT,
                                                 SECRET_COLLECTION_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (collection);
  /* Locking needs no prompt; unlocking again would. */
  objects = g_list_prepend (NULL, collection);
  g_assert_cmpint (secret_service_lock_sync (service, objects, NULL, NULL, &error), ==, 1);
  g_list_free (objects);
  g_assert_no_error (error);
}

/* ------------------------------------------------ a prompter nobody sees */

/* gcr's prompter protocol, as gnome-keyring speaks it to gcr-prompter. */
#define PROMPTER_NAME      "org.gnome.keyring.SystemPrompter"
#define PROMPTER_PATH      "/org/gnome/keyring/Prompter"
#define PROMPTER_INTERFACE "org.gnome.keyring.internal.Prompter"

static const char prompter_xml[] =
  "<node>"
  " <interface name='" PROMPTER_INTERFACE "'>"
  "  <method name='BeginPrompting'><arg type='o' direction='in'/></method>"
  "  <method name='PerformPrompt'><arg type='o' direction='in'/><arg type='s' direction='in'/>"
  "   <arg type='a{sv}' direction='in'/><arg type='s' direction='in'/></method>"
  "  <method name='StopPrompting'><arg type='o' direction='in'/></method>"
  " </interface>"
  "</node>";

struct _KioskTestPrompter
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  GMutex        lock;
  GCond         cond;
  gboolean      ready;
  gint          n_prompts;   /* atomic */
};

static void
prompter_method_call (GDBusConnection       *connection,
                      const char            *sender,
                      const char            *object_path,
                      const char            *interface_name,
                      const char            *method_name,
                      GVariant              *parameters,
                      GDBusMethodInvocation *invocation,
                      gpointer               user_data)
{
  KioskTestPrompter *prompter = user_data;

  /* Takes the prompt and never says it is ready (gcr-prompter would call
   * back PromptReady, then show the dialog): the dialog nobody at a kiosk
   * sees or answers. gnome-keyring waits for it without end. */
  if (g_str_equal (method_name, "BeginPrompting"))
    g_atomic_int_inc (&prompter->n_prompts);
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static const GDBusInterfaceVTable prompter_vtable = { prompter_method_call, NULL, NULL, { 0 } };

static gpointer
prompter_thread (gpointer data)
{
  KioskTestPrompter *prompter = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (prompter_xml, &error);
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GVariant) reply = NULL;
  guint registration;
  guint32 owner = 0;

  g_assert_no_error (error);
  g_main_context_push_thread_default (prompter->context);
  /* A connection of its own: its calls are answered on this thread. */
  connection = g_dbus_connection_new_for_address_sync (g_getenv ("DBUS_SESSION_BUS_ADDRESS"),
                                                       G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                       G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                       NULL, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_set_exit_on_close (connection, FALSE);
  registration = g_dbus_connection_register_object (connection, PROMPTER_PATH, info->interfaces[0],
                                                    &prompter_vtable, prompter, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", PROMPTER_NAME, 0x4 /* DO_NOT_QUEUE */),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(u)", &owner);
  g_assert_cmpuint (owner, ==, 1);   /* the primary owner */

  g_mutex_lock (&prompter->lock);
  prompter->ready = TRUE;
  g_cond_signal (&prompter->cond);
  g_mutex_unlock (&prompter->lock);

  g_main_loop_run (prompter->loop);
  g_dbus_connection_unregister_object (connection, registration);
  g_dbus_connection_close_sync (connection, NULL, NULL);
  g_main_context_pop_thread_default (prompter->context);
  return NULL;
}

KioskTestPrompter *
kiosk_test_keyring_start_prompter (KioskTestKeyring *keyring)
{
  KioskTestPrompter *prompter = g_new0 (KioskTestPrompter, 1);

  g_assert_null (keyring->prompter);
  keyring->prompter = prompter;

  prompter->context = g_main_context_new ();
  prompter->loop = g_main_loop_new (prompter->context, FALSE);
  g_mutex_init (&prompter->lock);
  g_cond_init (&prompter->cond);
  prompter->thread = g_thread_new ("silent-prompter", prompter_thread, prompter);
  g_mutex_lock (&prompter->lock);
  while (!prompter->ready)
    g_cond_wait (&prompter->cond, &prompter->lock);
  g_mutex_unlock (&prompter->lock);
  return prompter;
}

guint
kiosk_test_prompter_get_n_prompts (KioskTestPrompter *prompter)
{
  return (guint) g_atomic_int_get (&prompter->n_prompts);
}

static void
prompter_stop (KioskTestPrompter *prompter)
{
  g_main_loop_quit (prompter->loop);
  g_thread_join (prompter->thread);
  g_main_loop_unref (prompter->loop);
  g_main_context_unref (prompter->context);
  g_mutex_clear (&prompter->lock);
  g_cond_clear (&prompter->cond);
  g_free (prompter);
}
