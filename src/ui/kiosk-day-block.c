/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
/* One log domain for the day view and its parts. */
#define G_LOG_DOMAIN "kiosk-day-view"

#include "config.h"

#include "kiosk-day-block-private.h"
#include "kiosk-day-style.h"

/* A GtkButton so that keyboard activation, clicks and the screen reader's
 * "click" action come for free; its own CSS name keeps the theme's button
 * look (and minimum size) off, since it draws itself. */
G_DEFINE_FINAL_TYPE (KioskDayBlock, kiosk_day_block, GTK_TYPE_BUTTON)

/* Where the first line of text starts, below the block's top. */
#define TEXT_TOP  3
/* A block's lines: who and when, the service, the status. */
#define MAX_LINES 3
/* A tap in free time books from the quarter hour it fell in. */
#define CLICK_STEP (15 * 60)
/* Copying a block's image costs about 0.25 ns a pixel in every frame,
 * drawing its nodes about 7 µs whatever its size (the glyphs of its three
 * lines): past about this many pixels (a block of an hour and a half in a
 * 168-pixel column) the nodes are cheaper. */
#define RASTER_MAX_AREA 30000

typedef struct {
  GdkRGBA fill;
  GdkRGBA border;
} Palette;

static const Palette *
block_palette (KioskDayBlock *self)
{
  static const Palette pending = { KIOSK_DAY_RGBA (0xff, 0xf4, 0xce), KIOSK_DAY_RGBA (0x9c, 0x6e, 0x03) };
  static const Palette confirmed = { KIOSK_DAY_RGBA (0xdb, 0xea, 0xfe), KIOSK_DAY_RGBA (0x1c, 0x71, 0xd8) };
  static const Palette checked_in = { KIOSK_DAY_RGBA (0xd1, 0xf5, 0xe3), KIOSK_DAY_RGBA (0x26, 0xa2, 0x69) };
  static const Palette completed = { KIOSK_DAY_RGBA (0xe6, 0xe6, 0xe6), KIOSK_DAY_RGBA (0x77, 0x76, 0x7b) };
  static const Palette cancelled = { KIOSK_DAY_RGBA (0xf6, 0xf5, 0xf4), KIOSK_DAY_RGBA (0x9a, 0x99, 0x96) };
  static const Palette no_show = { KIOSK_DAY_RGBA (0xfd, 0xe2, 0xe2), KIOSK_DAY_RGBA (0xc0, 0x1c, 0x28) };
  static const Palette walkin = { KIOSK_DAY_RGBA (0xec, 0xe5, 0xfb), KIOSK_DAY_RGBA (0x81, 0x3d, 0x9c) };
  static const Palette free_time = { { 1.f, 1.f, 1.f, 0.f }, KIOSK_DAY_RGBA (0xa0, 0xa0, 0xa8) };

  switch (self->kind)
    {
    case KIOSK_DAY_BLOCK_WALKIN:
      return &walkin;
    case KIOSK_DAY_BLOCK_FREE:
      return &free_time;
    case KIOSK_DAY_BLOCK_APPOINTMENT:
    default:
      break;
    }

  switch (self->status)
    {
    case KIOSK_APPOINTMENT_PENDING:
      return self->checked_in ? &checked_in : &pending;
    case KIOSK_APPOINTMENT_CONFIRMED:
      return self->checked_in ? &checked_in : &confirmed;
    case KIOSK_APPOINTMENT_COMPLETED:
      return &completed;
    case KIOSK_APPOINTMENT_CANCELLED:
      return &cancelled;
    case KIOSK_APPOINTMENT_NO_SHOW:
      return &no_show;
    default:
      return &confirmed;
    }
}

/* Stripes from plain rectangles (cheap to render, unlike a cairo node):
 * across for cancelled, a grid for no-show, so the two read apart without
 * colour. */
static void
append_stripes (GtkSnapshot           *snapshot,
                const graphene_rect_t *r,
                const GdkRGBA         *color,
                gboolean               grid)
{
  for (float y = r->origin.y + 5; y < r->origin.y + r->size.height; y += 7)
    gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (r->origin.x, y, r->size.width, 1));
  for (float x = r->origin.x + 5; grid && x < r->origin.x + r->size.width; x += 7)
    gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, r->origin.y, 1, r->size.height));
}

static void
append_outline (GtkSnapshot           *snapshot,
                const graphene_rect_t *r,
                float                  radius,
                const GdkRGBA         *color,
                float                  width)
{
  GskRoundedRect outline;
  const float widths[4] = { width, width, width, width };
  const GdkRGBA colors[4] = { *color, *color, *color, *color };

  gsk_rounded_rect_init_from_rect (&outline, r, radius);
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);
}

/* The layout of the first line, or of the marked one, at @text_width. */
static PangoLayout *
first_line_layout (KioskDayBlock *self,
                   gboolean       marked,
                   int            text_width)
{
  PangoLayout **layout = marked ? &self->marked_layout : &self->layout;

  if (*layout == NULL)
    {
      *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
      pango_layout_set_ellipsize (*layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_markup (*layout, marked ? self->marked_first : self->lines[0], -1);
    }
  if (pango_layout_get_width (*layout) != text_width * PANGO_SCALE)
    pango_layout_set_width (*layout, text_width * PANGO_SCALE);
  return *layout;
}

/* The lines the block draws, made when it is first drawn: a busy day
 * shows hundreds of blocks, of which a screen draws a few. */
static char **
dup_markup (KioskDayBlock  *self,
            char          **marked_first)
{
  KioskDayItem item = {
    .kind = self->kind,
    .start = self->start,
    .end = self->end,
    .customer = self->customer,
    .service = self->service,
    .status = self->status,
    .checked_in = self->checked_in,
    .pending = self->pending,
  };

  if (self->texts == NULL)
    return NULL;
  return kiosk_day_lines_dup_markup (self->texts, &item, marked_first);
}

/* The lines the block draws at @width × @height, top to bottom, into
 * @layouts and @heights: whole lines only, as many as fit. When not all
 * fit, the status's symbol goes in front of the first, so that no block
 * shows its status by colour alone. *@clip: the first line does not fit
 * either (a very short block). */
static guint
text_lines (KioskDayBlock *self,
            int            width,
            int            height,
            PangoLayout   *layouts[MAX_LINES],
            int            heights[MAX_LINES],
            gboolean      *clip)
{
  int text_width = MAX (width - 20, 8);
  int room = height - 2 - TEXT_TOP;
  guint n = 0, fit = 0;
  int total = 0;

  *clip = FALSE;
  if (self->lines == NULL)
    self->lines = dup_markup (self, &self->marked_first);
  if (self->lines == NULL)
    return 0;
  for (; n < MAX_LINES && self->lines[n] != NULL; n++)
    {
      layouts[n] = n == 0 ? first_line_layout (self, FALSE, text_width)
                          : kiosk_day_lines_get_layout (self->texts, GTK_WIDGET (self), self->lines[n], text_width);
      if (layouts[n] == NULL)
        break;
      pango_layout_get_pixel_size (layouts[n], NULL, &heights[n]);
      total += heights[n];
    }
  if (n == 0)
    return 0;
  if (total > room && self->marked_first != NULL)
    {
      layouts[0] = first_line_layout (self, TRUE, text_width);
      pango_layout_get_pixel_size (layouts[0], NULL, &heights[0]);
    }
  for (total = 0; fit < n && (fit == 0 || total + heights[fit] <= room); fit++)
    total += heights[fit];
  *clip = heights[0] > room;
  return fit;
}

void
kiosk_day_block_show_item (KioskDayBlock      *self,
                           guint               index,
                           const KioskDayItem *item,
                           const char         *who,
                           const char         *day,
                           gboolean            selected,
                           KioskDayLines      *texts)
{
  gboolean changed = FALSE;

  g_return_if_fail (KIOSK_IS_DAY_BLOCK (self));
  g_return_if_fail (KIOSK_IS_DAY_LINES (texts));

  self->index = index;
  g_set_object (&self->texts, texts);
  if (self->kind != item->kind || self->status != item->status || self->checked_in != item->checked_in
      || self->pending != item->pending || self->selected != selected)
    {
      self->kind = item->kind;
      self->status = item->status;
      self->checked_in = item->checked_in;
      self->pending = item->pending;
      self->selected = selected;
      changed = TRUE;
    }
  /* The texts only when what they say changed: a reload or a day like the
   * last one reuses them (and their drawn layout). */
  if (changed || self->label == NULL || self->start != item->start || self->end != item->end
      || g_strcmp0 (self->customer, item->customer) != 0 || g_strcmp0 (self->service, item->service) != 0
      || g_strcmp0 (self->who, who) != 0 || g_strcmp0 (self->day, day) != 0)
    {
      g_autofree char *label = kiosk_day_lines_dup_label (texts, item, who, day);

      self->start = item->start;
      self->end = item->end;
      g_free (self->customer);
      self->customer = g_strdup (item->customer);
      g_free (self->service);
      self->service = g_strdup (item->service);
      g_free (self->who);
      self->who = g_strdup (who);
      g_free (self->day);
      self->day = g_strdup (day);
      g_clear_pointer (&self->lines, g_strfreev);
      g_clear_pointer (&self->marked_first, g_free);
      if (self->layout != NULL)
        kiosk_day_lines_drop_layout (texts, g_steal_pointer (&self->layout));
      if (self->marked_layout != NULL)
        kiosk_day_lines_drop_layout (texts, g_steal_pointer (&self->marked_layout));
      changed = TRUE;
      if (g_strcmp0 (self->label, label) != 0)
        {
          g_free (self->label);
          self->label = g_steal_pointer (&label);
          gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, self->label, -1);
        }
    }
  if (changed)
    {
      g_clear_pointer (&self->raster, gsk_render_node_unref);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  if (!gtk_widget_get_child_visible (GTK_WIDGET (self)))
    gtk_widget_set_child_visible (GTK_WIDGET (self), TRUE);
}

void
kiosk_day_block_set_selected (KioskDayBlock *self,
                              gboolean       selected)
{
  g_return_if_fail (KIOSK_IS_DAY_BLOCK (self));

  if (self->selected == (guint) !!selected)
    return;
  self->selected = selected;
  g_clear_pointer (&self->raster, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

int
kiosk_day_block_take_book_time (KioskDayBlock *self)
{
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  int time = self->start;

  g_return_val_if_fail (KIOSK_IS_DAY_BLOCK (self), 0);

  /* A tap books from the quarter hour it fell in; a key from the start. */
  if (self->press_time != 0 && g_get_monotonic_time () - self->press_time < G_USEC_PER_SEC && height > 0)
    {
      int at = self->start + (int) (self->press_y / height * (self->end - self->start));

      time = CLAMP (at / CLICK_STEP * CLICK_STEP, self->start, MAX (self->end - CLICK_STEP, self->start));
    }
  self->press_time = 0;
  return time;
}

char **
kiosk_day_block_dup_drawn_lines (KioskDayBlock *self,
                                 int           *text_bottom)
{
  PangoLayout *layouts[MAX_LINES];
  int heights[MAX_LINES];
  gboolean clip;
  guint n = text_lines (self, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)),
                        layouts, heights, &clip);
  char **texts = g_new0 (char *, n + 1);
  int bottom = TEXT_TOP;

  for (guint i = 0; i < n; i++)
    {
      texts[i] = g_strdup (pango_layout_get_text (layouts[i]));
      bottom += heights[i];
    }
  if (text_bottom != NULL)
    *text_bottom = bottom;
  return texts;
}

/* What the block draws at @width × @height, as vector nodes. */
static void
append_drawing (KioskDayBlock *self,
                GtkSnapshot   *snapshot,
                int            width,
                int            height)
{
  GtkWidget *widget = GTK_WIDGET (self);
  const Palette *palette = block_palette (self);
  graphene_rect_t box = GRAPHENE_RECT_INIT (1, 1, MAX (width - 2, 1), MAX (height - 2, 1));
  gboolean appointment = self->kind == KIOSK_DAY_BLOCK_APPOINTMENT;
  PangoLayout *layouts[MAX_LINES];
  int heights[MAX_LINES];
  guint n_lines;
  gboolean clip;

  /* Square corners and plain rectangles only: a busy day draws hundreds
   * of these in every frame of a scroll. */
  if (self->kind != KIOSK_DAY_BLOCK_FREE)
    gtk_snapshot_append_color (snapshot, &palette->fill, &box);
  if (appointment && self->status == KIOSK_APPOINTMENT_CANCELLED)
    append_stripes (snapshot, &box, &palette->border, FALSE);
  else if (appointment && self->status == KIOSK_APPOINTMENT_NO_SHOW)
    append_stripes (snapshot, &box, &palette->border, TRUE);
  /* Checked in and walk-ins in service: a thick bar down the left side. */
  if (self->kind == KIOSK_DAY_BLOCK_WALKIN || (appointment && self->checked_in && self->status != KIOSK_APPOINTMENT_CANCELLED))
    gtk_snapshot_append_color (snapshot, &palette->border, &GRAPHENE_RECT_INIT (1, 1, 6, box.size.height));
  /* Not yet accepted by the server: a solid corner. */
  if (self->pending)
    gtk_snapshot_append_color (snapshot, &kiosk_day_text_color, &GRAPHENE_RECT_INIT (box.size.width - 11, 1, 12, 12));

  append_outline (snapshot, &box, 0, &palette->border, 1);
  /* Pending (not confirmed yet): a second outline inside the first. */
  if (appointment && self->status == KIOSK_APPOINTMENT_PENDING && !self->checked_in)
    append_outline (snapshot, &GRAPHENE_RECT_INIT (4, 4, MAX (width - 8, 1), MAX (height - 8, 1)), 0,
                    &palette->border, 1);

  n_lines = text_lines (self, width, height, layouts, heights, &clip);
  if (n_lines > 0)
    {
      int y = 0;

      if (clip)
        gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (2, 2, MAX (width - 4, 1), MAX (height - 4, 1)));
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (self->kind == KIOSK_DAY_BLOCK_FREE ? 8 : 11, TEXT_TOP));
      for (guint i = 0; i < n_lines; i++)
        {
          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, y));
          gtk_snapshot_append_layout (snapshot, layouts[i], &kiosk_day_text_color);
          gtk_snapshot_restore (snapshot);
          y += heights[i];
        }
      gtk_snapshot_restore (snapshot);
      if (clip)
        gtk_snapshot_pop (snapshot);
    }

  if (gtk_widget_has_focus (widget))
    {
      append_outline (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height), 0, &kiosk_day_focus_color, 3);
      append_outline (snapshot, &GRAPHENE_RECT_INIT (3, 3, MAX (width - 6, 1), MAX (height - 6, 1)), 0,
                      &(GdkRGBA) { 1, 1, 1, 1 }, 1);
    }
  else if (self->selected)
    append_outline (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height), 0, &kiosk_day_text_color, 2);
}

void
kiosk_day_block_append_drawing (KioskDayBlock *self,
                                GtkSnapshot   *snapshot)
{
  g_return_if_fail (KIOSK_IS_DAY_BLOCK (self));

  append_drawing (self, snapshot, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)));
}

void
kiosk_day_block_drop_raster (KioskDayBlock *self)
{
  g_return_if_fail (KIOSK_IS_DAY_BLOCK (self));

  if (self->raster == NULL)
    return;
  g_clear_pointer (&self->raster, gsk_render_node_unref);
  /* GTK keeps the block's last render node, which holds the image, until
   * it is drawn again. */
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* What append_drawing() adds, drawn into an image at @scale and painted by
 * a cairo node: GTK 4.8's cairo renderer then copies the image in each
 * frame instead of compositing every glyph, fill and outline again, which
 * is about half the CPU time of drawing a busy day at scale 1 (see
 * docs/performance.md). The blocks sit on whole pixels, so the image
 * lands on the screen's pixels as they are: the same pixels as drawing
 * the nodes there. */
static GskRenderNode *
make_raster (KioskDayBlock *self,
             int            width,
             int            height,
             int            scale)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) drawing = NULL;
  GskRenderNode *node;
  cairo_surface_t *image;
  cairo_t *cr;

  append_drawing (self, snapshot, width, height);
  drawing = gtk_snapshot_free_to_node (snapshot);
  if (drawing == NULL)
    return NULL;
  image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale, height * scale);
  cairo_surface_set_device_scale (image, scale, scale);
  cr = cairo_create (image);
  gsk_render_node_draw (drawing, cr);
  cairo_destroy (cr);

  node = gsk_cairo_node_new (&GRAPHENE_RECT_INIT (0, 0, width, height));
  cr = gsk_cairo_node_get_draw_context (node);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  /* The node's recording keeps its own reference to the image. */
  cairo_surface_destroy (image);
  return node;
}

/* At scale 1 from the image of what it draws, made again when the block
 * shows something else (kiosk_day_block_show_item() and _set_selected()
 * drop it) or when its size, scale, focus or style changed. At scale 2
 * and above, copying an image of four times the pixels in every frame
 * costs more than drawing the nodes (measured: twice the time), so the
 * nodes are drawn as they are, which are crisp at any scale; an image
 * made at scale 1 is never shown at another. A tall block is cheaper
 * drawn than copied too (RASTER_MAX_AREA). */
static void
kiosk_day_block_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  KioskDayBlock *self = KIOSK_DAY_BLOCK (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int scale = gtk_widget_get_scale_factor (widget);
  gboolean focus = gtk_widget_has_focus (widget);

  if (scale != 1 || width * height > RASTER_MAX_AREA)
    {
      g_clear_pointer (&self->raster, gsk_render_node_unref);
      append_drawing (self, snapshot, width, height);
      return;
    }
  if (self->raster == NULL || self->raster_width != width || self->raster_height != height
      || self->raster_scale != scale || self->raster_focus != (guint) focus)
    {
      g_clear_pointer (&self->raster, gsk_render_node_unref);
      self->raster = make_raster (self, width, height, scale);
      self->raster_width = width;
      self->raster_height = height;
      self->raster_scale = scale;
      self->raster_focus = focus;
    }
  if (self->raster != NULL)
    gtk_snapshot_append_node (snapshot, self->raster);
}

static void
kiosk_day_block_state_flags_changed (GtkWidget     *widget,
                                     GtkStateFlags  previous)
{
  GTK_WIDGET_CLASS (kiosk_day_block_parent_class)->state_flags_changed (widget, previous);

  /* The focus ring is drawn here, not by the theme. */
  if ((previous ^ gtk_widget_get_state_flags (widget)) & (GTK_STATE_FLAG_FOCUSED | GTK_STATE_FLAG_FOCUS_VISIBLE))
    gtk_widget_queue_draw (widget);
}

/* A new font or theme: the image shows the old one. */
static void
kiosk_day_block_css_changed (GtkWidget         *widget,
                             GtkCssStyleChange *change)
{
  KioskDayBlock *self = KIOSK_DAY_BLOCK (widget);

  GTK_WIDGET_CLASS (kiosk_day_block_parent_class)->css_changed (widget, change);

  g_clear_pointer (&self->raster, gsk_render_node_unref);
}

static void
kiosk_day_block_pressed (GtkGestureClick *gesture,
                         int              n_press,
                         double           x,
                         double           y,
                         KioskDayBlock   *self)
{
  self->press_y = y;
  self->press_time = g_get_monotonic_time ();
}

static void
kiosk_day_block_finalize (GObject *object)
{
  KioskDayBlock *self = KIOSK_DAY_BLOCK (object);

  g_free (self->customer);
  g_free (self->service);
  g_free (self->who);
  g_free (self->day);
  g_strfreev (self->lines);
  g_free (self->marked_first);
  g_free (self->label);
  g_clear_object (&self->layout);
  g_clear_object (&self->marked_layout);
  g_clear_object (&self->texts);
  g_clear_pointer (&self->raster, gsk_render_node_unref);

  G_OBJECT_CLASS (kiosk_day_block_parent_class)->finalize (object);
}

static void
kiosk_day_block_class_init (KioskDayBlockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = kiosk_day_block_finalize;
  widget_class->snapshot = kiosk_day_block_snapshot;
  widget_class->state_flags_changed = kiosk_day_block_state_flags_changed;
  widget_class->css_changed = kiosk_day_block_css_changed;

  gtk_widget_class_set_css_name (widget_class, "calendar-block");
}

static void
kiosk_day_block_init (KioskDayBlock *self)
{
  GtkGesture *press = gtk_gesture_click_new ();

  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (press), GTK_PHASE_CAPTURE);
  g_signal_connect (press, "pressed", G_CALLBACK (kiosk_day_block_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (press));
}
