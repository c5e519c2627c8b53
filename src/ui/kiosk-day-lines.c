/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
/* One log domain for the day view and its parts. */
#define G_LOG_DOMAIN "kiosk-day-view"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-day-lines.h"
#include "kiosk-format.h"
#include "kiosk-time.h"

/* Shared layouts kept at most, for a salon with very many services. */
#define MAX_SHARED_LAYOUTS 1024

struct _KioskDayLines
{
  GObject      parent_instance;

  /* The status words of the blocks, translated once per day shown (the
   * formats stay literal, so the compiler checks their arguments). */
  struct {
    const char *checked_in;
    const char *in_service;
    const char *statuses[KIOSK_APPOINTMENT_NO_SHOW + 1];
  } texts;

  /* Layouts of the lines many blocks draw, by width and markup. */
  GHashTable  *layouts;

  /* Layouts of texts no longer shown, freed when idle (not in a switch). */
  GPtrArray   *old_layouts;
  guint        old_layouts_idle;
};

G_DEFINE_FINAL_TYPE (KioskDayLines, kiosk_day_lines, G_TYPE_OBJECT)

KioskDayLines *
kiosk_day_lines_new (void)
{
  return g_object_new (KIOSK_TYPE_DAY_LINES, NULL);
}

/* ---- texts -------------------------------------------------------------- */

const char *
kiosk_day_format_hm (char buf[8],
                     int  seconds)
{
  seconds = CLAMP (seconds, 0, DAY_SECONDS);
  g_snprintf (buf, 8, "%02d:%02d", seconds / 3600, seconds / 60 % 60);
  return buf;
}

void
kiosk_day_lines_update_texts (KioskDayLines *self)
{
  g_return_if_fail (KIOSK_IS_DAY_LINES (self));

  self->texts.checked_in = _("Checked in");
  self->texts.in_service = kiosk_format_walkin_status (KIOSK_WALKIN_IN_SERVICE);
  for (int status = 0; status <= KIOSK_APPOINTMENT_NO_SHOW; status++)
    self->texts.statuses[status] = kiosk_format_appointment_status (status);
}

static char *
format_range (const KioskDayItem *item)
{
  char from[8], to[8];

  /* Translators: a range of times of day, "09:30 – 10:15". */
  return g_strdup_printf (_("%s – %s"), kiosk_day_format_hm (from, item->start), kiosk_day_format_hm (to, item->end));
}

static const char *
item_status (KioskDayLines      *self,
             const KioskDayItem *item)
{
  if (item->kind == KIOSK_DAY_BLOCK_WALKIN)
    return self->texts.in_service;
  if (item->checked_in && (item->status == KIOSK_APPOINTMENT_PENDING || item->status == KIOSK_APPOINTMENT_CONFIRMED))
    return self->texts.checked_in;
  if ((int) item->status >= 0 && item->status <= KIOSK_APPOINTMENT_NO_SHOW)
    return self->texts.statuses[item->status];
  return kiosk_format_appointment_status (item->status);
}

/* A symbol beside the status word, so statuses differ in shape too. */
static const char *
item_symbol (const KioskDayItem *item)
{
  if (item->kind == KIOSK_DAY_BLOCK_WALKIN)
    return "▶";
  if (item->checked_in && (item->status == KIOSK_APPOINTMENT_PENDING || item->status == KIOSK_APPOINTMENT_CONFIRMED))
    return "➜";
  switch (item->status)
    {
    case KIOSK_APPOINTMENT_PENDING:
      return "◔";
    case KIOSK_APPOINTMENT_CONFIRMED:
      return "✓";
    case KIOSK_APPOINTMENT_COMPLETED:
      return "✔";
    case KIOSK_APPOINTMENT_CANCELLED:
      return "✕";
    case KIOSK_APPOINTMENT_NO_SHOW:
      return "⊘";
    default:
      return "•";
    }
}

/* The lines after the first share their layouts (see
 * kiosk_day_lines_get_layout()). */
char **
kiosk_day_lines_dup_markup (KioskDayLines       *self,
                            const KioskDayItem  *item,
                            char               **marked_first)
{
  char start[8];
  g_autofree char *range = NULL;
  char **lines;
  gboolean struck;

  g_return_val_if_fail (KIOSK_IS_DAY_LINES (self), NULL);

  range = format_range (item);
  lines = g_new0 (char *, 4);
  struck = item->status == KIOSK_APPOINTMENT_CANCELLED || item->status == KIOSK_APPOINTMENT_NO_SHOW;
  *marked_first = NULL;
  kiosk_day_format_hm (start, item->start);
  switch (item->kind)
    {
    case KIOSK_DAY_BLOCK_FREE:
      /* Translators: drawn in free time of the calendar: "+ Book" over "10:30 – 12:00". */
      lines[0] = g_markup_printf_escaped ("<b>%s</b>", _("+ Book"));
      lines[1] = g_markup_printf_escaped ("<small>%s</small>", range);
      break;
    case KIOSK_DAY_BLOCK_WALKIN:
      lines[0] = g_markup_printf_escaped ("<b>%s %s</b>", start, item->customer);
      lines[1] = g_markup_escape_text (item->service, -1);
      lines[2] = g_markup_printf_escaped ("<small>%s %s%s</small>", item_symbol (item), item_status (self, item),
                                          item->pending ? " · ⟳" : "");
      *marked_first = g_markup_printf_escaped ("<b>%s %s %s</b>", item_symbol (item), start, item->customer);
      break;
    case KIOSK_DAY_BLOCK_APPOINTMENT:
    default:
      /* Struck through when the time is free again (cancelled, no-show). */
      if (struck)
        {
          lines[0] = g_markup_printf_escaped ("<b>%s <s>%s</s></b>", start, item->customer);
          *marked_first = g_markup_printf_escaped ("<b>%s %s <s>%s</s></b>", item_symbol (item), start, item->customer);
        }
      else
        {
          lines[0] = g_markup_printf_escaped ("<b>%s %s</b>", start, item->customer);
          *marked_first = g_markup_printf_escaped ("<b>%s %s %s</b>", item_symbol (item), start, item->customer);
        }
      lines[1] = g_markup_escape_text (item->service, -1);
      lines[2] = g_markup_printf_escaped ("<small>%s %s%s%s</small>", item_symbol (item), item_status (self, item),
                                          item->pending ? " · ⟳ " : "",
                                          item->pending ? _("Waiting to sync") : "");
      break;
    }
  return lines;
}

char *
kiosk_day_lines_dup_label (KioskDayLines      *self,
                           const KioskDayItem *item,
                           const char         *who,
                           const char         *day_text)
{
  g_autofree char *range = NULL;
  g_autofree char *when = NULL;
  g_autofree char *status = NULL;

  g_return_val_if_fail (KIOSK_IS_DAY_LINES (self), NULL);

  range = format_range (item);
  if (day_text != NULL)
    {
      GDate date;

      if (kiosk_date_parse (day_text, &date))
        {
          /* Translators: strftime format of a day in a week view's spoken label ("Wednesday 25 November"). */
          /* xgettext:no-c-format */
          g_autofree char *day = kiosk_day_model_format_day (&date, _("%A %e %B"));

          /* Translators: "<day>, <time range>". */
          when = g_strdup_printf (_("%s, %s"), g_strstrip (day), range);
        }
    }
  if (when == NULL)
    when = g_steal_pointer (&range);

  switch (item->kind)
    {
    case KIOSK_DAY_BLOCK_FREE:
      if (who != NULL)
        /* Translators: a free block's spoken label: "Free 10:30 – 12:00 with <staff>, book". */
        return g_strdup_printf (_("Free %s with %s, book"), when, who);
      /* Translators: a free block's spoken label in the week view: "Free <day>, 10:30 – 12:00, book". */
      return g_strdup_printf (_("Free %s, book"), when);
    case KIOSK_DAY_BLOCK_WALKIN:
    case KIOSK_DAY_BLOCK_APPOINTMENT:
    default:
      if (item->pending)
        /* Translators: a status of a booking the server has not accepted yet: "Confirmed, waiting to sync". */
        status = g_strdup_printf (_("%s, waiting to sync"), item_status (self, item));
      else
        status = g_strdup (item_status (self, item));
      if (item->kind == KIOSK_DAY_BLOCK_WALKIN)
        {
          g_autofree char *customer = g_strdup_printf (_("Walk-in: %s"), item->customer);

          if (who != NULL)
            /* Translators: time, customer, service, status, staff member. */
            return g_strdup_printf (_("%s, %s, %s, %s, with %s"), when, customer, item->service, status, who);
          /* Translators: time, customer, service, status. */
          return g_strdup_printf (_("%s, %s, %s, %s"), when, customer, item->service, status);
        }
      if (who != NULL)
        return g_strdup_printf (_("%s, %s, %s, %s, with %s"), when, item->customer, item->service, status, who);
      return g_strdup_printf (_("%s, %s, %s, %s"), when, item->customer, item->service, status);
    }
}

/* ---- layouts ------------------------------------------------------------ */

PangoLayout *
kiosk_day_lines_get_layout (KioskDayLines *self,
                            GtkWidget     *widget,
                            const char    *markup,
                            int            width)
{
  g_autofree char *key = NULL;
  PangoLayout *layout;

  g_return_val_if_fail (KIOSK_IS_DAY_LINES (self), NULL);

  key = g_strdup_printf ("%d\n%s", width, markup);
  layout = g_hash_table_lookup (self->layouts, key);
  if (layout != NULL)
    return layout;

  if (g_hash_table_size (self->layouts) >= MAX_SHARED_LAYOUTS)
    g_hash_table_remove_all (self->layouts);
  layout = gtk_widget_create_pango_layout (widget, NULL);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_set_markup (layout, markup, -1);
  g_hash_table_insert (self->layouts, g_steal_pointer (&key), layout);
  return layout;
}

static gboolean
free_old_layouts (gpointer data)
{
  KioskDayLines *self = data;

  self->old_layouts_idle = 0;
  g_ptr_array_set_size (self->old_layouts, 0);
  return G_SOURCE_REMOVE;
}

void
kiosk_day_lines_drop_layout (KioskDayLines *self,
                             PangoLayout   *layout)
{
  g_return_if_fail (KIOSK_IS_DAY_LINES (self));

  g_ptr_array_add (self->old_layouts, layout);
  if (self->old_layouts_idle == 0)
    self->old_layouts_idle = g_idle_add_full (G_PRIORITY_LOW, free_old_layouts, self, NULL);
}

/* ---- GObject ------------------------------------------------------------ */

static void
kiosk_day_lines_dispose (GObject *object)
{
  KioskDayLines *self = KIOSK_DAY_LINES (object);

  g_clear_handle_id (&self->old_layouts_idle, g_source_remove);
  g_ptr_array_set_size (self->old_layouts, 0);
  g_hash_table_remove_all (self->layouts);

  G_OBJECT_CLASS (kiosk_day_lines_parent_class)->dispose (object);
}

static void
kiosk_day_lines_finalize (GObject *object)
{
  KioskDayLines *self = KIOSK_DAY_LINES (object);

  g_clear_pointer (&self->old_layouts, g_ptr_array_unref);
  g_clear_pointer (&self->layouts, g_hash_table_unref);

  G_OBJECT_CLASS (kiosk_day_lines_parent_class)->finalize (object);
}

static void
kiosk_day_lines_class_init (KioskDayLinesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiosk_day_lines_dispose;
  object_class->finalize = kiosk_day_lines_finalize;
}

static void
kiosk_day_lines_init (KioskDayLines *self)
{
  self->layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->old_layouts = g_ptr_array_new_with_free_func (g_object_unref);
  kiosk_day_lines_update_texts (self);
}
