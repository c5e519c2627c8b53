/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-week-view"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-context-reads.h"
#include "kiosk-week-view.h"

struct _KioskWeekView
{
  GtkWidget      parent_instance;

  KioskContext  *context;

  /* template */
  GtkDropDown   *staff_dropdown;
  GtkButton     *previous_button;
  GtkButton     *today_button;
  GtkButton     *next_button;
  GtkMenuButton *date_button;
  GtkCalendar   *calendar;
  KioskDayView  *day_view;

  GtkStringList *staff_names;
  GPtrArray     *staff_ids;      /* char *, parallel to staff_names */
  char          *employee;
  gboolean       updating;
};

G_DEFINE_FINAL_TYPE (KioskWeekView, kiosk_week_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
kiosk_week_view_new (KioskContext *context)
{
  return g_object_new (KIOSK_TYPE_WEEK_VIEW, "context", context, NULL);
}

static void
show_error (KioskWeekView *self,
            GError        *error)
{
  /* The toolbar stays usable; the log says why the week is not shown. */
  g_warning ("Cannot show the week: %s", error->message);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->date_button), error->message);
}

/* Re-reads the active staff; the chooser is rebuilt only when they changed,
 * so a sync does not close it under someone's finger. */
static gboolean
load_staff (KioskWeekView  *self,
            GError        **error)
{
  g_autoptr(GPtrArray) employees = kiosk_context_list_employees (self->context, error);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  gboolean same;

  if (employees == NULL)
    return FALSE;
  for (guint i = 0; i < employees->len; i++)
    {
      KioskEmployee *employee = g_ptr_array_index (employees, i);

      if (!employee->is_active)
        continue;
      g_ptr_array_add (ids, g_strdup (employee->id));
      g_ptr_array_add (names, employee->name);
    }

  same = ids->len == self->staff_ids->len;
  for (guint i = 0; same && i < ids->len; i++)
    same = g_str_equal (g_ptr_array_index (ids, i), g_ptr_array_index (self->staff_ids, i))
           && g_strcmp0 (g_ptr_array_index (names, i), gtk_string_list_get_string (self->staff_names, i)) == 0;
  if (same)
    return TRUE;

  self->updating = TRUE;
  g_ptr_array_add (names, NULL);
  gtk_string_list_splice (self->staff_names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->staff_names)),
                          (const char * const *) names->pdata);
  g_ptr_array_unref (self->staff_ids);
  self->staff_ids = g_steal_pointer (&ids);
  self->updating = FALSE;
  return TRUE;
}

static void
sync_toolbar (KioskWeekView *self)
{
  const char *date = kiosk_day_view_get_date (self->day_view);
  int y, m, d;

  self->updating = TRUE;
  for (guint i = 0; i < self->staff_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->staff_ids, i), self->employee) == 0)
      gtk_drop_down_set_selected (self->staff_dropdown, i);

  if (date != NULL && sscanf (date, "%4d-%2d-%2d", &y, &m, &d) == 3)
    {
      g_autoptr(GDateTime) day = g_date_time_new_utc (y, m, d, 12, 0, 0);

      if (day != NULL)
        {
          int offset = g_date_time_get_day_of_week (day) - 1;
          g_autoptr(GDateTime) monday = g_date_time_add_days (day, -offset);
          g_autoptr(GDateTime) sunday = g_date_time_add_days (monday, 6);
          /* Translators: strftime formats of a week's first and last day in the date button. */
          /* xgettext:no-c-format */
          g_autofree char *from = g_date_time_format (monday, _("%e %b"));
          /* xgettext:no-c-format */
          g_autofree char *to = g_date_time_format (sunday, _("%e %b %Y"));
          /* Translators: the week shown: "23 Nov – 29 Nov 2026". */
          g_autofree char *label = g_strdup_printf (_("%s – %s"), g_strstrip (from), g_strstrip (to));
          /* Translators: the date button's spoken name: "Week of 23 Nov – 29 Nov 2026, choose a date". */
          g_autofree char *spoken = g_strdup_printf (_("Week of %s, choose a date"), label);

          gtk_menu_button_set_label (self->date_button, label);
          gtk_accessible_update_property (GTK_ACCESSIBLE (self->date_button),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
          gtk_calendar_select_day (self->calendar, day);
        }
    }
  self->updating = FALSE;
}

gboolean
kiosk_week_view_show (KioskWeekView  *self,
                      const char     *employee_id,
                      const char     *date,
                      GError        **error)
{
  g_autofree char *wanted_date = NULL;

  g_return_val_if_fail (KIOSK_IS_WEEK_VIEW (self), FALSE);
  g_return_val_if_fail (self->context != NULL, FALSE);

  if (!load_staff (self, error))
    return FALSE;

  if (employee_id != NULL)
    {
      g_free (self->employee);
      self->employee = g_strdup (employee_id);
    }
  if (self->employee == NULL && self->staff_ids->len > 0)
    self->employee = g_strdup (g_ptr_array_index (self->staff_ids, 0));

  if (date != NULL)
    wanted_date = g_strdup (date);
  else if (kiosk_day_view_get_date (self->day_view) != NULL)
    wanted_date = g_strdup (kiosk_day_view_get_date (self->day_view));
  else
    wanted_date = kiosk_context_dup_today (self->context);

  if (!kiosk_day_view_show_week (self->day_view, self->employee, wanted_date, error))
    return FALSE;
  sync_toolbar (self);
  return TRUE;
}

gboolean
kiosk_week_view_reload (KioskWeekView  *self,
                        GError        **error)
{
  g_return_val_if_fail (KIOSK_IS_WEEK_VIEW (self), FALSE);

  if (self->context == NULL)
    return TRUE;
  if (kiosk_day_view_get_date (self->day_view) == NULL)
    return kiosk_week_view_show (self, NULL, NULL, error);
  if (!load_staff (self, error) || !kiosk_day_view_reload (self->day_view, error))
    return FALSE;
  sync_toolbar (self);
  return TRUE;
}

const char *
kiosk_week_view_get_employee (KioskWeekView *self)
{
  g_return_val_if_fail (KIOSK_IS_WEEK_VIEW (self), NULL);
  return self->employee;
}

KioskDayView *
kiosk_week_view_get_day_view (KioskWeekView *self)
{
  g_return_val_if_fail (KIOSK_IS_WEEK_VIEW (self), NULL);
  return self->day_view;
}

void
kiosk_week_view_set_context (KioskWeekView *self,
                             KioskContext  *context)
{
  g_return_if_fail (KIOSK_IS_WEEK_VIEW (self));

  if (g_set_object (&self->context, context))
    {
      kiosk_day_view_set_context (self->day_view, context);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
    }
}

/* ---- the toolbar -------------------------------------------------------- */

static void
move_weeks (KioskWeekView *self,
            int            weeks)
{
  const char *date = kiosk_day_view_get_date (self->day_view);
  g_autoptr(GError) error = NULL;
  int y, m, d;

  if (date == NULL || sscanf (date, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return;
  {
    g_autoptr(GDateTime) day = g_date_time_new_utc (y, m, d, 12, 0, 0);
    g_autoptr(GDateTime) moved = day != NULL ? g_date_time_add_weeks (day, weeks) : NULL;
    g_autofree char *text = moved != NULL ? g_date_time_format (moved, "%Y-%m-%d") : NULL;

    if (text != NULL && !kiosk_week_view_show (self, NULL, text, &error))
      show_error (self, error);
  }
}

static void
previous_clicked (KioskWeekView *self)
{
  move_weeks (self, -1);
}

static void
next_clicked (KioskWeekView *self)
{
  move_weeks (self, 1);
}

static void
today_clicked (KioskWeekView *self)
{
  g_autofree char *today = kiosk_context_dup_today (self->context);
  g_autoptr(GError) error = NULL;

  if (!kiosk_week_view_show (self, NULL, today, &error))
    show_error (self, error);
}

/* GTK 4.8's drop-down shows its choice in a toggle button that it leaves
 * nameless ("GtkToggleButton"), with the list item inside it in the tree too:
 * the button is named by the choice, and what it holds is only its picture. */
static void
name_staff_button (KioskWeekView *self)
{
  GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (self->staff_dropdown));
  guint index = gtk_drop_down_get_selected (self->staff_dropdown);
  const char *name = index < g_list_model_get_n_items (G_LIST_MODEL (self->staff_names))
                     ? gtk_string_list_get_string (self->staff_names, index) : NULL;

  if (!GTK_IS_BUTTON (button))
    return;
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name != NULL ? name : _("Staff member"), -1);
  if (gtk_button_get_child (GTK_BUTTON (button)) != NULL)
    gtk_accessible_update_state (GTK_ACCESSIBLE (gtk_button_get_child (GTK_BUTTON (button))),
                                 GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
}

static void
staff_selected (KioskWeekView *self)
{
  guint index = gtk_drop_down_get_selected (self->staff_dropdown);
  g_autoptr(GError) error = NULL;

  if (self->updating || self->context == NULL || index >= self->staff_ids->len)
    return;
  if (g_strcmp0 (self->employee, g_ptr_array_index (self->staff_ids, index)) == 0)
    return;
  if (!kiosk_week_view_show (self, g_ptr_array_index (self->staff_ids, index), NULL, &error))
    show_error (self, error);
}

static void
day_selected (KioskWeekView *self)
{
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (self->updating || self->context == NULL)
    return;
  day = gtk_calendar_get_date (self->calendar);
  text = g_date_time_format (day, "%Y-%m-%d");
  gtk_menu_button_popdown (self->date_button);
  if (!kiosk_week_view_show (self, NULL, text, &error))
    show_error (self, error);
}

/* The day view moved by keyboard (PageUp/PageDown): follow it. */
static void
view_date_changed (KioskWeekView *self)
{
  if (!self->updating)
    sync_toolbar (self);
}

/* ---- GObject ------------------------------------------------------------ */

static void
kiosk_week_view_dispose (GObject *object)
{
  KioskWeekView *self = KIOSK_WEEK_VIEW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), KIOSK_TYPE_WEEK_VIEW);
  /* GTK 4.8 only unparents bound children: the toolbar box is not. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->staff_names);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kiosk_week_view_parent_class)->dispose (object);
}

static void
kiosk_week_view_finalize (GObject *object)
{
  KioskWeekView *self = KIOSK_WEEK_VIEW (object);

  g_clear_pointer (&self->staff_ids, g_ptr_array_unref);
  g_free (self->employee);

  G_OBJECT_CLASS (kiosk_week_view_parent_class)->finalize (object);
}

static void
kiosk_week_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KioskWeekView *self = KIOSK_WEEK_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_week_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  KioskWeekView *self = KIOSK_WEEK_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      kiosk_week_view_set_context (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_week_view_class_init (KioskWeekViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_week_view_dispose;
  object_class->finalize = kiosk_week_view_finalize;
  object_class->get_property = kiosk_week_view_get_property;
  object_class->set_property = kiosk_week_view_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, KIOSK_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KIOSK_TYPE_DAY_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/salonity/Kiosk/kiosk-week-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskWeekView, staff_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KioskWeekView, previous_button);
  gtk_widget_class_bind_template_child (widget_class, KioskWeekView, today_button);
  gtk_widget_class_bind_template_child (widget_class, KioskWeekView, next_button);
  gtk_widget_class_bind_template_child (widget_class, KioskWeekView, date_button);
  gtk_widget_class_bind_template_child (widget_class, KioskWeekView, calendar);
  gtk_widget_class_bind_template_child (widget_class, KioskWeekView, day_view);
  gtk_widget_class_set_css_name (widget_class, "week-view");
  /* A group of controls, read as such (not as "KioskWeekView"). */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
kiosk_week_view_init (KioskWeekView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->staff_ids = g_ptr_array_new_with_free_func (g_free);
  self->staff_names = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->staff_dropdown, G_LIST_MODEL (self->staff_names));

  g_signal_connect_swapped (self->staff_dropdown, "notify::selected", G_CALLBACK (staff_selected), self);
  g_signal_connect_swapped (self->staff_dropdown, "notify::selected-item", G_CALLBACK (name_staff_button), self);
  name_staff_button (self);
  g_signal_connect_swapped (self->previous_button, "clicked", G_CALLBACK (previous_clicked), self);
  g_signal_connect_swapped (self->next_button, "clicked", G_CALLBACK (next_clicked), self);
  g_signal_connect_swapped (self->today_button, "clicked", G_CALLBACK (today_clicked), self);
  g_signal_connect_swapped (self->calendar, "day-selected", G_CALLBACK (day_selected), self);
  g_signal_connect_swapped (self->day_view, "notify::date", G_CALLBACK (view_date_changed), self);
}
