/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "kiosk-ui-test.h"

const char *
kiosk_ui_test_init (int    *argc,
                    char ***argv)
{
  const char *localedir = g_getenv ("KIOSK_LOCALEDIR");
  const char *lang;

  if (setlocale (LC_ALL, "") == NULL)
    g_error ("The locale %s is not available (locale-gen it)", g_getenv ("LC_ALL"));
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (argc, argv, NULL);

  lang = g_getenv ("LANGUAGE");
  if (lang == NULL || (!g_str_equal (lang, "tr") && !g_str_equal (lang, "en")))
    g_error ("Run with LANGUAGE=tr or LANGUAGE=en (see tests/ui/meson.build)");
  return lang;
}

typedef struct {
  GApplication *app;
  int           status;
} TestRun;

static gboolean
run_tests (gpointer data)
{
  TestRun *run = data;

  run->status = g_test_run ();
  g_application_quit (run->app);
  return G_SOURCE_REMOVE;
}

static void
on_activate (GApplication *app,
             TestRun      *run)
{
  g_idle_add (run_tests, run);
}

int
kiosk_ui_test_run_app (GApplication  *app,
                       char         **app_argv,
                       int           *app_status)
{
  TestRun run = { app, 1 };
  gulong handler;

  /* After the application's own handler: the window exists. */
  handler = g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), &run);
  *app_status = g_application_run (app, (int) g_strv_length (app_argv), app_argv);
  g_signal_handler_disconnect (app, handler);
  return run.status;
}

static void
set_flag (gboolean *flag)
{
  *flag = TRUE;
}

static gboolean
on_timeout (gpointer data)
{
  g_error ("timed out waiting for %s", (const char *)data);
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @widget has been painted in a new frame. */
void
kiosk_ui_test_wait_for_paint (GtkWidget *widget)
{
  GdkFrameClock *clock;
  gboolean painted = FALSE;
  gulong handler;
  guint timeout = g_timeout_add_seconds (20, on_timeout, (gpointer)"a frame");

  while (!gtk_widget_get_mapped (widget))
    g_main_context_iteration (NULL, TRUE);

  clock = gtk_widget_get_frame_clock (widget);
  g_assert_nonnull (clock);
  handler = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (set_flag), &painted);
  gtk_widget_queue_draw (widget);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, handler);
  g_source_remove (timeout);
}

void
kiosk_ui_test_wait_until (gboolean  (*done) (gpointer data),
                          gpointer    data,
                          guint       timeout_s,
                          const char *what)
{
  guint timeout = g_timeout_add_seconds (timeout_s, on_timeout, (gpointer)what);

  while (!done (data))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

static gboolean
set_flag_source (gpointer data)
{
  set_flag (data);
  return G_SOURCE_REMOVE;
}

void
kiosk_ui_test_run_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, set_flag_source, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
assert_png_not_blank (const char *path,
                      int         width,
                      int         height)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_filename (path, &error);
  g_autofree guchar *pixels = NULL;
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  gsize stride;

  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, width);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, height);

  stride = (gsize)width * 4;
  pixels = g_malloc (stride * (gsize)height);
  gdk_texture_download (texture, pixels, stride);

  /* A page with text, icons and cards has many shades; a blank or a
   * one-colour failure has one or two. */
  for (gsize i = 0; i < stride * (gsize)height && g_hash_table_size (colours) < 64; i += 4)
    g_hash_table_add (colours, GUINT_TO_POINTER (*(guint32 *)(gpointer)(pixels + i)));
  g_assert_cmpuint (g_hash_table_size (colours), >=, 64);
}

void
kiosk_ui_test_screenshot (GtkWidget  *window,
                          const char *lang,
                          const char *page_name)
{
  const char *build_dir = g_getenv ("KIOSK_BUILD_DIR");
  g_autofree char *dir = g_build_filename (build_dir != NULL ? build_dir : ".", "screenshots", lang, NULL);
  g_autofree char *file = g_strdup_printf ("%s.png", page_name);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  g_assert_nonnull (renderer);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_unlink (path);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  assert_png_not_blank (path, width, height);
  g_test_message ("screenshot: %s", path);
}

void
kiosk_ui_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        kiosk_ui_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

