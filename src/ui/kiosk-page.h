/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The base of the window's pages: holds the context and calls ->reload()
 * once on construction and again whenever the replica changes.
 */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-context.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_PAGE (kiosk_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (KioskPage, kiosk_page, KIOSK, PAGE, GtkWidget)

struct _KioskPageClass
{
  GtkWidgetClass parent_class;

  /* Read what the page shows from the replica and rebuild it. */
  void (*reload) (KioskPage *self);
  /* Forget what the person in front of the kiosk typed or was shown:
   * search texts, a customer's details, half-filled forms. */
  void (*clear)  (KioskPage *self);

  gpointer padding[3];
};

KioskContext *kiosk_page_get_context (KioskPage *self);
gboolean      kiosk_page_get_staff_mode (KioskPage *self);
void          kiosk_page_set_staff_mode (KioskPage *self,
                                         gboolean   staff_mode);
void          kiosk_page_reload      (KioskPage *self);
void          kiosk_page_clear       (KioskPage *self);
/* Reloads again in @seconds (at most a day; ≤ 0 cancels), as a change of
 * the replica would: for what changes with the clock alone, such as the
 * salon opening or closing. */
void          kiosk_page_reload_in   (KioskPage *self,
                                      int        seconds);

G_END_DECLS
