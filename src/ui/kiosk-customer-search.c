/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-customer-search"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-customer-search.h"
#include "kiosk-desk-loyalty.h"
#include "kiosk-format.h"
#include "kiosk-widgets.h"

/* Long enough that a fast typist's keystrokes share one search, short
 * enough that the list seems to follow the fingers. */
#define SEARCH_DELAY_MS 120
/* Rows made per idle turn: a frame's work stays small even for a full list. */
#define ROWS_PER_TURN   4
#define DEFAULT_LIMIT   20

struct _KioskCustomerSearch
{
  GtkWidget       parent_instance;

  KioskContext   *context;
  guint           limit;

  GtkSearchEntry *entry;
  GtkLabel       *status_label;
  GtkWidget      *scroller;
  GtkListBox     *list;

  /* The results still to be made into rows, and the idle that makes them. */
  GPtrArray      *results;
  guint           next_result;
  guint           fill_id;
  /* What the shown results were found for: Enter activates the first only
   * when it matches the text. */
  char           *searched;
  /* The search running on the replica's worker thread, if any: a newer
   * keystroke cancels it, so that its rows never come. */
  GCancellable   *cancellable;
  gint64          search_started;
};

G_DEFINE_FINAL_TYPE (KioskCustomerSearch, kiosk_customer_search, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_LIMIT,
  N_PROPS
};

enum {
  CUSTOMER_ACTIVATED,
  SEARCH_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GtkWidget *
kiosk_customer_search_new (KioskContext *context)
{
  return g_object_new (KIOSK_TYPE_CUSTOMER_SEARCH, "context", context, NULL);
}

KioskContext *
kiosk_customer_search_get_context (KioskCustomerSearch *self)
{
  g_return_val_if_fail (KIOSK_IS_CUSTOMER_SEARCH (self), NULL);
  return self->context;
}

void
kiosk_customer_search_set_context (KioskCustomerSearch *self,
                                   KioskContext        *context)
{
  g_return_if_fail (KIOSK_IS_CUSTOMER_SEARCH (self));
  g_return_if_fail (context == NULL || KIOSK_IS_CONTEXT (context));

  if (g_set_object (&self->context, context))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

guint
kiosk_customer_search_get_limit (KioskCustomerSearch *self)
{
  g_return_val_if_fail (KIOSK_IS_CUSTOMER_SEARCH (self), 0);
  return self->limit;
}

void
kiosk_customer_search_set_limit (KioskCustomerSearch *self,
                                 guint                limit)
{
  g_return_if_fail (KIOSK_IS_CUSTOMER_SEARCH (self));

  limit = CLAMP (limit, 1, 500);
  if (self->limit == limit)
    return;
  self->limit = limit;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIMIT]);
}

const char *
kiosk_customer_search_get_text (KioskCustomerSearch *self)
{
  g_return_val_if_fail (KIOSK_IS_CUSTOMER_SEARCH (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->entry));
}

void
kiosk_customer_search_set_text (KioskCustomerSearch *self,
                                const char          *text)
{
  g_return_if_fail (KIOSK_IS_CUSTOMER_SEARCH (self));
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text != NULL ? text : "");
}

void
kiosk_customer_search_focus (KioskCustomerSearch *self)
{
  g_return_if_fail (KIOSK_IS_CUSTOMER_SEARCH (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

/* ---- the list ------------------------------------------------------------ */

static void
set_status (KioskCustomerSearch *self,
            const char          *text)
{
  gtk_label_set_text (self->status_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL && *text != '\0');
}

static void
stop_filling (KioskCustomerSearch *self)
{
  g_clear_handle_id (&self->fill_id, g_source_remove);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  self->next_result = 0;
}

static void
result_clicked_cb (GtkButton           *button,
                   KioskCustomerSearch *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "customer-id");

  if (id != NULL)
    {
      /* The handler may clear us: keep the id alive through the emission. */
      g_autofree char *copy = g_strdup (id);

      g_signal_emit (self, signals[CUSTOMER_ACTIVATED], 0, copy);
    }
}

/* A result row, made once and reused for later results: new widgets
 * (their CSS nodes above all) cost far more than new label texts. */
static GtkWidget *
make_result_row (KioskCustomerSearch *self)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title_label = gtk_label_new (NULL);
  GtkWidget *subtitle_label = gtk_label_new (NULL);
  GtkWidget *badge = kiosk_pending_badge_new ();

  gtk_label_set_xalign (GTK_LABEL (title_label), 0.0f);
  gtk_label_set_xalign (GTK_LABEL (subtitle_label), 0.0f);
  /* One line each: the scroller's natural height then does not depend on
   * the width (wrapped labels made it cut the last row). */
  gtk_label_set_ellipsize (GTK_LABEL (title_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title_label, "row-title");
  gtk_widget_add_css_class (subtitle_label, "row-subtitle");
  gtk_widget_add_css_class (subtitle_label, "dim-label");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (text), title_label);
  gtk_box_append (GTK_BOX (text), subtitle_label);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), badge);

  gtk_widget_add_css_class (box, "kiosk-row-box");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "customer-result");
  gtk_button_set_child (GTK_BUTTON (button), box);
  g_signal_connect (button, "clicked", G_CALLBACK (result_clicked_cb), self);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_add_css_class (row, "kiosk-row");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), button);

  g_object_set_data (G_OBJECT (row), "title", title_label);
  g_object_set_data (G_OBJECT (row), "subtitle", subtitle_label);
  g_object_set_data (G_OBJECT (row), "badge", badge);
  g_object_set_data (G_OBJECT (row), "button", button);
  return row;
}

static void
show_result (GtkWidget           *row,
             const KioskCustomer *customer)
{
  g_autofree char *name = g_strstrip (g_strdup_printf ("%s %s",
                                                       customer->first_name != NULL ? customer->first_name : "",
                                                       customer->last_name != NULL ? customer->last_name : ""));
  g_autofree char *phone = kiosk_format_phone (customer->phone != NULL ? customer->phone : "");
  g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, customer->current_points);
  g_autofree char *points = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *button = g_object_get_data (G_OBJECT (row), "button");

  if (*name == '\0')
    {
      g_free (name);
      name = g_strdup (_("Guest"));
    }
  /* Translators: a number of points. */
  points = g_strdup_printf (ngettext ("%s point", "%s points", (gulong) MAX (customer->current_points, 0)), count);
  /* Translators: "<phone> · <level> · <points>", e.g. "0532 … · Gold · 120 points". */
  subtitle = g_strdup_printf (_("%s · %s · %s"), phone, kiosk_format_level_name (customer->loyalty_level), points);

  gtk_label_set_text (g_object_get_data (G_OBJECT (row), "title"), name);
  gtk_label_set_text (g_object_get_data (G_OBJECT (row), "subtitle"), subtitle);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "badge"), customer->pending);
  /* A screen reader (and the journeys) meet a button named by the person. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle,
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "customer-id", g_strdup (customer->id), g_free);
  gtk_widget_set_visible (row, TRUE);
}

/* Rows past the results are hidden, not destroyed: the next search reuses them. */
static void
hide_rows_from (KioskCustomerSearch *self,
                guint                index)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (self->list, (int) index++)) != NULL)
    {
      GtkWidget *button = g_object_get_data (G_OBJECT (row), "button");

      /* Nobody's id or name stays in a hidden row. */
      g_object_set_data (G_OBJECT (button), "customer-id", NULL);
      gtk_label_set_text (g_object_get_data (G_OBJECT (row), "title"), "");
      gtk_label_set_text (g_object_get_data (G_OBJECT (row), "subtitle"), "");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_widget_set_visible (GTK_WIDGET (row), FALSE);
    }
}

static void
finish_filling (KioskCustomerSearch *self)
{
  guint n = self->results != NULL ? self->results->len : 0;

  self->fill_id = 0;
  g_clear_pointer (&self->results, g_ptr_array_unref);
  self->next_result = 0;
  g_signal_emit (self, signals[SEARCH_FINISHED], 0, n);
}

static gboolean
fill_some_cb (gpointer data)
{
  KioskCustomerSearch *self = data;
  guint end = MIN (self->next_result + ROWS_PER_TURN, self->results->len);

  for (; self->next_result < end; self->next_result++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, (int) self->next_result);

      if (row == NULL)
        {
          row = GTK_LIST_BOX_ROW (make_result_row (self));
          gtk_list_box_append (self->list, GTK_WIDGET (row));
        }
      show_result (GTK_WIDGET (row), g_ptr_array_index (self->results, self->next_result));
    }

  if (self->next_result < self->results->len)
    return G_SOURCE_CONTINUE;
  hide_rows_from (self, self->results->len);
  finish_filling (self);
  return G_SOURCE_REMOVE;
}

static void
cancel_search (KioskCustomerSearch *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

/* Shows what the search of self->searched found (@found, or @error). */
static void
show_found (KioskCustomerSearch *self,
            GPtrArray           *found,
            const GError        *error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (self->searched != NULL ? self->searched : ""));

  /* Durations and counts only: never what was typed. */
  g_debug ("search of %ld characters: %u results in %.1f ms", g_utf8_strlen (stripped, -1),
           found != NULL ? found->len : 0, (g_get_monotonic_time () - self->search_started) / 1000.0);
  if (found == NULL)
    {
      /* The replica's trouble, not the person's: say so, keep the text. */
      g_warning ("Customer search failed: %s", error->message);
      hide_rows_from (self, 0);
      set_status (self, _("Customers cannot be searched right now. Try again in a moment."));
      gtk_widget_set_visible (self->scroller, FALSE);
      g_signal_emit (self, signals[SEARCH_FINISHED], 0, 0u);
      return;
    }

  if (found->len == 0)
    {
      /* Translators: %s is what staff typed into the customer search. */
      g_autofree char *none = g_strdup_printf (_("No customer matches “%s”."), stripped);

      g_ptr_array_unref (found);
      hide_rows_from (self, 0);
      set_status (self, none);
      gtk_widget_set_visible (self->scroller, FALSE);
      g_signal_emit (self, signals[SEARCH_FINISHED], 0, 0u);
      return;
    }

  if (found->len >= self->limit)
    {
      g_autofree char *more =
        g_strdup_printf (ngettext ("The first %u customer found. Type more to narrow the search.",
                                   "The first %u customers found. Type more to narrow the search.",
                                   found->len),
                         found->len);

      set_status (self, more);
    }
  else
    set_status (self, NULL);
  gtk_widget_set_visible (self->scroller, TRUE);

  self->results = found;
  self->next_result = 0;
  /* The first rows now, so that the list never flickers empty between two
   * searches; the rest on idle turns. */
  if (fill_some_cb (self) == G_SOURCE_CONTINUE)
    self->fill_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, fill_some_cb, self, NULL);
}

static void
search_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(KioskCustomerSearch) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *found;

  found = kiosk_desk_search_customers_finish (KIOSK_CONTEXT (source), result, &error);
  /* A newer keystroke, a clear, or the widget went: nothing to show. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  stop_filling (self);
  show_found (self, found, error);
}

/* Searches for the entry's text. The query runs on the replica's worker
 * thread, so that a keystroke never waits for SQL on this one; @now (Enter
 * before the results came) runs it here instead, to act on them at once. */
static void
run_search (KioskCustomerSearch *self,
            gboolean             now)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  stop_filling (self);
  cancel_search (self);
  g_free (self->searched);
  self->searched = g_strdup (text);
  self->search_started = g_get_monotonic_time ();

  if (*stripped == '\0' || self->context == NULL)
    {
      hide_rows_from (self, 0);
      set_status (self, NULL);
      gtk_widget_set_visible (self->scroller, FALSE);
      g_signal_emit (self, signals[SEARCH_FINISHED], 0, 0u);
      return;
    }

  if (now)
    {
      g_autoptr(GError) error = NULL;
      GPtrArray *found = kiosk_desk_search_customers (self->context, stripped, self->limit, &error);

      show_found (self, found, error);
      return;
    }
  self->cancellable = g_cancellable_new ();
  kiosk_desk_search_customers_async (self->context, stripped, self->limit, self->cancellable,
                                     search_done_cb, g_object_ref (self));
}

static void
search_changed_cb (KioskCustomerSearch *self)
{
  run_search (self, FALSE);
}

static void
entry_activate_cb (KioskCustomerSearch *self)
{
  GtkListBoxRow *first;
  GtkWidget *button;

  /* Enter before the pause ran the search, or before its results came:
   * run it now. */
  if (g_strcmp0 (self->searched, gtk_editable_get_text (GTK_EDITABLE (self->entry))) != 0 ||
      self->cancellable != NULL)
    run_search (self, TRUE);
  first = gtk_list_box_get_row_at_index (self->list, 0);
  if (first == NULL || !gtk_widget_get_visible (GTK_WIDGET (first)))
    return;
  button = gtk_list_box_row_get_child (first);
  if (GTK_IS_BUTTON (button))
    result_clicked_cb (GTK_BUTTON (button), self);
}

void
kiosk_customer_search_refresh (KioskCustomerSearch *self)
{
  g_return_if_fail (KIOSK_IS_CUSTOMER_SEARCH (self));

  if (self->searched != NULL && *self->searched != '\0')
    run_search (self, FALSE);
}

void
kiosk_customer_search_clear (KioskCustomerSearch *self)
{
  g_return_if_fail (KIOSK_IS_CUSTOMER_SEARCH (self));

  stop_filling (self);
  cancel_search (self);
  /* Blocked: an empty text needs no search, and the list goes right now. */
  g_signal_handlers_block_by_func (self->entry, search_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  g_signal_handlers_unblock_by_func (self->entry, search_changed_cb, self);
  g_clear_pointer (&self->searched, g_free);
  hide_rows_from (self, 0);
  set_status (self, NULL);
  gtk_widget_set_visible (self->scroller, FALSE);
}

/* ---- GObject ---------------------------------------------------------------- */

static void
kiosk_customer_search_dispose (GObject *object)
{
  KioskCustomerSearch *self = KIOSK_CUSTOMER_SEARCH (object);
  GtkWidget *child;

  stop_filling (self);
  cancel_search (self);
  gtk_widget_dispose_template (GTK_WIDGET (object), KIOSK_TYPE_CUSTOMER_SEARCH);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kiosk_customer_search_parent_class)->dispose (object);
}

static void
kiosk_customer_search_finalize (GObject *object)
{
  KioskCustomerSearch *self = KIOSK_CUSTOMER_SEARCH (object);

  g_free (self->searched);

  G_OBJECT_CLASS (kiosk_customer_search_parent_class)->finalize (object);
}

static void
kiosk_customer_search_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  KioskCustomerSearch *self = KIOSK_CUSTOMER_SEARCH (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_LIMIT:
      g_value_set_uint (value, self->limit);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_customer_search_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  KioskCustomerSearch *self = KIOSK_CUSTOMER_SEARCH (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      kiosk_customer_search_set_context (self, g_value_get_object (value));
      break;
    case PROP_LIMIT:
      kiosk_customer_search_set_limit (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
kiosk_customer_search_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (KIOSK_CUSTOMER_SEARCH (widget)->entry));
}

static void
kiosk_customer_search_class_init (KioskCustomerSearchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_customer_search_dispose;
  object_class->finalize = kiosk_customer_search_finalize;
  object_class->get_property = kiosk_customer_search_get_property;
  object_class->set_property = kiosk_customer_search_set_property;
  widget_class->grab_focus = kiosk_customer_search_grab_focus;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, KIOSK_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LIMIT] =
    g_param_spec_uint ("limit", NULL, NULL, 1, 500, DEFAULT_LIMIT,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CUSTOMER_ACTIVATED] =
    g_signal_new ("customer-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SEARCH_FINISHED] =
    g_signal_new ("search-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/salonity/Kiosk/kiosk-customer-search.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskCustomerSearch, entry);
  gtk_widget_class_bind_template_child (widget_class, KioskCustomerSearch, status_label);
  gtk_widget_class_bind_template_child (widget_class, KioskCustomerSearch, scroller);
  gtk_widget_class_bind_template_child (widget_class, KioskCustomerSearch, list);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, kiosk_customer_search_clear);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kioskcustomersearch");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_SEARCH);
}

static void
kiosk_customer_search_init (KioskCustomerSearch *self)
{
  GtkLayoutManager *layout;

  self->limit = DEFAULT_LIMIT;
  gtk_widget_init_template (GTK_WIDGET (self));

  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 8);
  gtk_search_entry_set_search_delay (self->entry, SEARCH_DELAY_MS);
}
