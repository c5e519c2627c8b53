/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * What GTK itself costs, for bench-calendar's reference (see
 * bench-calendar.h), and the window manager it runs under.
 */
#define G_LOG_DOMAIN "bench-calendar"

#include <stdlib.h>

#include <gtk/gtk.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "bench-calendar.h"

/* ---- GTK's own cost: a sheet in a plain GtkViewport ----------------------- */

#define BENCH_TYPE_SHEET (bench_sheet_get_type ())
G_DECLARE_FINAL_TYPE (BenchSheet, bench_sheet, BENCH, SHEET, GtkWidget)

struct _BenchSheet
{
  GtkWidget parent_instance;
  int       height;
  gboolean  draws;
};

G_DEFINE_FINAL_TYPE (BenchSheet, bench_sheet, GTK_TYPE_WIDGET)

static void
bench_sheet_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  *minimum = *natural = orientation == GTK_ORIENTATION_VERTICAL ? BENCH_SHEET (widget)->height : 1;
}

/* All of it, as little as possible: GTK culls nothing itself, and the
 * lines move with every step, so the whole viewport is new in a frame. */
static void
bench_sheet_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  BenchSheet *self = BENCH_SHEET (widget);
  int width = gtk_widget_get_width (widget);
  static const GdkRGBA white = { 1, 1, 1, 1 }, line = { 0.75, 0.75, 0.74, 1 };

  if (!self->draws)
    return;
  gtk_snapshot_append_color (snapshot, &white, &GRAPHENE_RECT_INIT (0, 0, width, self->height));
  for (int y = 60; y < self->height; y += 60)
    gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (0, y, width, 1));
}

static void
bench_sheet_class_init (BenchSheetClass *klass)
{
  GTK_WIDGET_CLASS (klass)->measure = bench_sheet_measure;
  GTK_WIDGET_CLASS (klass)->snapshot = bench_sheet_snapshot;
}

static void
bench_sheet_init (BenchSheet *self)
{
}

GtkAdjustment *
bench_calendar_show_sheet (GtkWidget  *window,
                           int         height,
                           gboolean    draws,
                           int         strip,
                           GtkWidget **out_sheet)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  BenchSheet *sheet = g_object_new (BENCH_TYPE_SHEET, NULL);

  if (strip > 0)
    {
      BenchSheet *top = g_object_new (BENCH_TYPE_SHEET, NULL);

      top->height = strip;
      top->draws = TRUE;
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (top));
    }
  sheet->height = height;
  sheet->draws = draws;
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (sheet));
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_window_set_child (GTK_WINDOW (window), box);
  *out_sheet = GTK_WIDGET (sheet);
  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
}

/* Why a window manager: see the top of bench-calendar.c. */
GSubprocess *
bench_calendar_ensure_window_manager (void)
{
#ifdef GDK_WINDOWING_X11
  GdkDisplay *display = gdk_display_get_default ();
  GdkX11Screen *screen;
  g_autofree char *path = NULL;
  g_autoptr(GSubprocess) wm = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline;

  if (!GDK_IS_X11_DISPLAY (display))
    return NULL;
  if (g_getenv ("BENCH_CALENDAR_NO_WM") != NULL)
    {
      g_print ("# window manager: none started (BENCH_CALENDAR_NO_WM is set)\n");
      return NULL;
    }
  screen = gdk_x11_display_get_screen (display);
  if (g_strcmp0 (gdk_x11_screen_get_window_manager_name (screen), "unknown") != 0)
    {
      g_print ("# window manager: %s (the display's)\n", gdk_x11_screen_get_window_manager_name (screen));
      return NULL;
    }
  path = g_find_program_in_path ("matchbox-window-manager");
  if (path == NULL)
    {
      g_print ("Bail out! no window manager on the display, and matchbox-window-manager is not installed "
               "(build-aux/quickstart installs it)\n");
      exit (1);
    }
  wm = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                         path, "-use_titlebar", "no", NULL);
  g_assert_no_error (error);
  /* GDK asks the server again on each call while it has seen none. */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (g_strcmp0 (gdk_x11_screen_get_window_manager_name (screen), "unknown") == 0)
    {
      if (g_get_monotonic_time () > deadline)
        {
          g_print ("Bail out! matchbox-window-manager did not start within 10 s\n");
          exit (1);
        }
      g_usleep (20 * 1000);
    }
  g_print ("# window manager: %s (started for the bench)\n", gdk_x11_screen_get_window_manager_name (screen));
  return g_steal_pointer (&wm);
#else
  return NULL;
#endif
}
