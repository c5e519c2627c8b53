/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * What the day view's blocks show on screen, now that a block at scale 1 is
 * drawn once into an image that is painted in every frame (see
 * kiosk-day-block.c and docs/performance.md): on the demo salon with the
 * clock pinned to a Wednesday morning, every block in view shows exactly
 * the pixels its own drawing gives, at scale 1 and at scale 2 (the same
 * view moved to a window on a second connection to the display opened
 * with GDK_SCALE=2, as a window moves to a HiDPI screen), and back at scale
 * 1: an image made at one scale and shown at another would be blurred. A
 * booking checked in meanwhile shows its new status and colour, not the
 * image of the old ones. Blocks far from the viewport let go of their
 * images.
 */
#define G_LOG_DOMAIN "test-ui-day-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kiosk-context-private.h"
#include "kiosk-context.h"
#include "kiosk-day-block-private.h"
#include "kiosk-day-style.h"
#include "kiosk-day-view.h"
#include "kiosk-demo.h"
#include "kiosk-desk-bookings.h"
#include "kiosk-ui-test.h"

#define TODAY "2026-11-25"   /* a Wednesday: the demo salon is open 09:00-20:00 */

static const char   *lang;
static KioskContext *context;
static char         *data_dir;
static GtkWidget    *window_1;      /* on the display GTK opened, scale 1 */
static GtkWidget    *window_2;      /* on a second connection, scale 2 */
static GtkWidget    *scrolled;
static GtkWidget    *view;          /* KioskDayView */

/* ---- drawing ------------------------------------------------------------ */

static cairo_surface_t *
render_node (GskRenderNode *node,
             int            width,
             int            height,
             int            scale)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale, height * scale);
  cairo_t *cr;

  /* As GTK's cairo renderer draws a window of that scale. */
  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  if (node != NULL)
    gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* What GTK paints for @block: its render node, as kept between frames. */
static cairo_surface_t *
render_shown (KioskDayBlock *block)
{
  GtkWidget *widget = GTK_WIDGET (block);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  return render_node (node, width, height, gtk_widget_get_scale_factor (widget));
}

/* What @block draws, as nodes drawn there and then: never an image. */
static cairo_surface_t *
render_drawing (KioskDayBlock *block)
{
  GtkWidget *widget = GTK_WIDGET (block);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;

  kiosk_day_block_append_drawing (block, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  return render_node (node, gtk_widget_get_width (widget), gtk_widget_get_height (widget),
                      gtk_widget_get_scale_factor (widget));
}

/* How many pixels of @a and @b differ (the same size). */
static guint
count_differences (cairo_surface_t *a,
                   cairo_surface_t *b)
{
  int width = cairo_image_surface_get_width (a);
  int height = cairo_image_surface_get_height (a);
  int stride = cairo_image_surface_get_stride (a);
  const guchar *pa = cairo_image_surface_get_data (a);
  const guchar *pb = cairo_image_surface_get_data (b);
  guint n = 0;

  g_assert_cmpint (cairo_image_surface_get_width (b), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (b), ==, height);
  g_assert_cmpint (cairo_image_surface_get_stride (b), ==, stride);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      n += ((const guint32 *) (pa + y * stride))[x] != ((const guint32 *) (pb + y * stride))[x];
  return n;
}

static void
assert_shows_its_drawing (KioskDayBlock *block)
{
  cairo_surface_t *shown = render_shown (block);
  cairo_surface_t *drawing = render_drawing (block);
  guint differ = count_differences (shown, drawing);

  if (differ > 0)
    g_test_message ("block \"%s\" (%d×%d at scale %d): %u pixels differ", block->label,
                    gtk_widget_get_width (GTK_WIDGET (block)), gtk_widget_get_height (GTK_WIDGET (block)),
                    gtk_widget_get_scale_factor (GTK_WIDGET (block)), differ);
  g_assert_cmpuint (differ, ==, 0);
  cairo_surface_destroy (shown);
  cairo_surface_destroy (drawing);
}

/* ---- the view ----------------------------------------------------------- */

/* The blocks GTK draws now: shown, and at least partly in the viewport
 * below the header. */
static GPtrArray *
blocks_in_view (void)
{
  GPtrArray *blocks = g_ptr_array_new ();
  int height = gtk_widget_get_height (view);
  int width = gtk_widget_get_width (view);

  for (GtkWidget *child = gtk_widget_get_first_child (view); child; child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;

      if (!KIOSK_IS_DAY_BLOCK (child) || !gtk_widget_get_child_visible (child) || !KIOSK_DAY_BLOCK (child)->placed)
        continue;
      g_assert_true (gtk_widget_compute_bounds (child, view, &bounds));
      if (bounds.origin.y + bounds.size.height > HEADER_H && bounds.origin.y < height
          && bounds.origin.x + bounds.size.width > AXIS_W && bounds.origin.x < width)
        g_ptr_array_add (blocks, child);
    }
  return blocks;
}

/* Puts the view in @window and waits until it is drawn there. */
static void
move_to (GtkWidget *window)
{
  GtkWidget *other = window == window_1 ? window_2 : window_1;

  if (gtk_window_get_child (GTK_WINDOW (window)) != scrolled)
    {
      g_object_ref (scrolled);
      gtk_window_set_child (GTK_WINDOW (other), NULL);
      gtk_window_set_child (GTK_WINDOW (window), scrolled);
      g_object_unref (scrolled);
    }
  kiosk_ui_test_wait_for_paint (window);
  kiosk_ui_test_wait_for_paint (view);
}

/* Every block in view shows what it draws, at @scale. */
static void
check_blocks_at (int scale)
{
  g_autoptr(GPtrArray) blocks = blocks_in_view ();
  guint from_images = 0;

  g_assert_cmpint (gtk_widget_get_scale_factor (view), ==, scale);
  g_assert_cmpuint (blocks->len, >=, 4);
  for (guint i = 0; i < blocks->len; i++)
    {
      KioskDayBlock *block = g_ptr_array_index (blocks, i);

      g_assert_cmpint (gtk_widget_get_scale_factor (GTK_WIDGET (block)), ==, scale);
      assert_shows_its_drawing (block);
      from_images += block->raster != NULL;
    }
  g_test_message ("scale %d: %u blocks in view, %u of them painted from an image", scale, blocks->len, from_images);
  /* At scale 1 the images are what is on screen: this test is about them. */
  if (scale == 1)
    g_assert_cmpuint (from_images, >, 0);
}

/* A block at scale 1 is painted from an image of what it draws: the same
 * pixels. Moved to a scale 2 window it shows its drawing at scale 2, not
 * the image of scale 1 made larger (blurred), and back at scale 1 not what
 * it drew at scale 2. */
static void
test_scales (void)
{
  move_to (window_1);
  check_blocks_at (1);
  move_to (window_2);
  check_blocks_at (2);
  move_to (window_1);
  check_blocks_at (1);
}

/* The first booking of today in view that can be checked in. */
static const KioskAppointmentRow *
find_confirmed (GPtrArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const KioskAppointmentRow *row = g_ptr_array_index (rows, i);

      if (row->appointment.status == KIOSK_APPOINTMENT_CONFIRMED && row->appointment.checked_in_at == NULL
          && row->appointment.appointment_time >= 10 * 3600 && row->appointment.employee != NULL)
        return row;
    }
  return NULL;
}

static gboolean
says (char       **lines,
      const char  *text)
{
  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], text) != NULL)
      return TRUE;
  return FALSE;
}

/* A booking checked in while its block is on screen, with the focus on it
 * before and after (so that its size, scale and focus are as they were):
 * the block shows "Checked in" in its new colour, drawn anew. */
static void
test_booking_changes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  const KioskAppointmentRow *row;
  g_autofree char *id = NULL;
  g_auto(GStrv) before_lines = NULL;
  g_auto(GStrv) after_lines = NULL;
  cairo_surface_t *before, *after;
  KioskDayBlock *block;

  move_to (window_1);
  rows = kiosk_context_list_appointment_rows (context, TODAY, &error);
  g_assert_no_error (error);
  row = find_confirmed (rows);
  g_assert_nonnull (row);
  id = g_strdup (row->appointment.id);

  g_assert_true (kiosk_day_view_focus_block (KIOSK_DAY_VIEW (view), id));
  kiosk_ui_test_wait_for_paint (view);
  block = KIOSK_DAY_BLOCK (gtk_widget_get_focus_child (view));
  g_assert_nonnull (block);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (block)));
  before = render_shown (block);
  g_assert_nonnull (block->raster);
  before_lines = kiosk_day_block_dup_drawn_lines (block, NULL);
  g_assert_false (says (before_lines, _("Checked in")));

  g_assert_true (kiosk_desk_check_in (context, id, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (kiosk_day_view_reload (KIOSK_DAY_VIEW (view), &error));
  g_assert_no_error (error);
  kiosk_ui_test_wait_for_paint (view);

  /* The same block, where it was, with the focus. */
  g_assert_true (GTK_WIDGET (block) == gtk_widget_get_focus_child (view));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (block)));
  after_lines = kiosk_day_block_dup_drawn_lines (block, NULL);
  g_assert_true (says (after_lines, _("Checked in")));
  after = render_shown (block);
  g_assert_cmpuint (count_differences (before, after), >, 0);
  assert_shows_its_drawing (block);
  g_assert_nonnull (block->raster);
  cairo_surface_destroy (before);
  cairo_surface_destroy (after);
}

/* Scrolled to the end of the day, the blocks more than a screen above
 * have let go of their images; back at the top they show their drawing. */
static void
test_far_blocks_let_go (void)
{
  GtkAdjustment *vadj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  double page = gtk_adjustment_get_page_size (vadj);
  g_autoptr(GPtrArray) top = NULL;
  guint far = 0, with_images = 0;

  move_to (window_1);
  gtk_adjustment_set_value (vadj, 0);
  kiosk_ui_test_wait_for_paint (view);
  top = blocks_in_view ();
  for (guint i = 0; i < top->len; i++)
    with_images += KIOSK_DAY_BLOCK (g_ptr_array_index (top, i))->raster != NULL;
  g_assert_cmpuint (with_images, >, 0);

  /* In steps, as a finger scrolls. */
  for (double y = 0; y < gtk_adjustment_get_upper (vadj); y += 60)
    {
      gtk_adjustment_set_value (vadj, y);
      kiosk_ui_test_wait_for_paint (view);
    }
  for (guint i = 0; i < top->len; i++)
    {
      KioskDayBlock *block = g_ptr_array_index (top, i);
      graphene_rect_t bounds;

      g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (block), view, &bounds));
      if (bounds.origin.y + bounds.size.height < -page)
        {
          far += block->placed == FALSE;
          g_assert_null (block->raster);
        }
    }
  g_assert_cmpuint (far, >, 0);

  gtk_adjustment_set_value (vadj, 0);
  kiosk_ui_test_wait_for_paint (view);
  check_blocks_at (1);
}

/* ---- set-up ------------------------------------------------------------- */

static void
add_style (GdkDisplay *display)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (provider, "/com/salonity/Kiosk/style.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  KioskDemoOptions options;
  GdkDisplay *display_2;
  int status;

  lang = kiosk_ui_test_init (&argc, &argv);
  /* GDK reads the scale when it opens a display: 1 for GTK's own, 2 for
   * the second connection. */
  g_setenv ("GDK_SCALE", "1", TRUE);
  gtk_init ();
  g_setenv ("GDK_SCALE", "2", TRUE);
  display_2 = gdk_display_open (gdk_display_get_name (gdk_display_get_default ()));
  g_unsetenv ("GDK_SCALE");
  g_assert_nonnull (display_2);
  add_style (gdk_display_get_default ());
  add_style (display_2);

  data_dir = g_dir_make_tmp ("kiosk-test-ui-day-view-XXXXXX", &error);
  g_assert_no_error (error);
  context = kiosk_context_new (data_dir, FALSE, 0, &error);
  g_assert_no_error (error);
  /* Wednesday 10:00 in the salon (Europe/Istanbul, +03:00 all year). */
  tz = g_time_zone_new_identifier ("Europe/Istanbul");
  if (tz == NULL)
    tz = g_time_zone_new_offset (3 * 3600);
  now = g_date_time_new (tz, 2026, 11, 25, 10, 0, 0);
  kiosk_context_set_now (context, now);
  kiosk_demo_options_init (&options, TODAY);
  g_assert_true (kiosk_demo_populate (kiosk_context_get_replica (context), &options, &error));
  g_assert_no_error (error);
  kiosk_context_notify_replica_changed (context);

  window_1 = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window_1), 1000, 500);
  window_2 = gtk_window_new ();
  gtk_window_set_display (GTK_WINDOW (window_2), display_2);
  gtk_window_set_default_size (GTK_WINDOW (window_2), 1000, 500);
  scrolled = gtk_scrolled_window_new ();
  view = kiosk_day_view_new (context);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_window_set_child (GTK_WINDOW (window_1), scrolled);
  g_assert_true (kiosk_day_view_show_day (KIOSK_DAY_VIEW (view), TODAY, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window_1));
  gtk_window_present (GTK_WINDOW (window_2));
  kiosk_ui_test_wait_for_paint (window_1);
  kiosk_ui_test_wait_for_paint (window_2);
  g_test_message ("language %s", lang);

  g_test_add_func ("/day-view/blocks/scales", test_scales);
  g_test_add_func ("/day-view/blocks/booking-changes", test_booking_changes);
  g_test_add_func ("/day-view/blocks/far-ones-let-go", test_far_blocks_let_go);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window_1));
  gtk_window_destroy (GTK_WINDOW (window_2));
  g_clear_object (&context);
  kiosk_ui_test_remove_tree (data_dir);
  g_free (data_dir);
  return status;
}
