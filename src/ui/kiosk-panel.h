/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The base of the calendar's side panels (a new booking, a booking's
 * details): holds the context, calls ->replica_changed() whenever the
 * replica changes, and lets go of its template when disposed. Each panel
 * is a final type made from a template of its own.
 */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-context.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_PANEL (kiosk_panel_get_type ())
G_DECLARE_DERIVABLE_TYPE (KioskPanel, kiosk_panel, KIOSK, PANEL, GtkWidget)

struct _KioskPanelClass
{
  GtkWidgetClass parent_class;

  /* Another kiosk, the server or this desk changed the replica: read
   * again what the panel shows, if it shows anything. */
  void (*replica_changed) (KioskPanel *self);

  gpointer padding[4];
};

KioskContext *kiosk_panel_get_context (KioskPanel *self);

/* A label that says something only at times (an error, a message): shown
 * with @text, hidden for NULL or "". */
void          kiosk_panel_show_label  (GtkLabel   *label,
                                       const char *text);

G_END_DECLS
