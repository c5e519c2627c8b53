/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-context.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_WINDOW (kiosk_window_get_type ())
G_DECLARE_FINAL_TYPE (KioskWindow, kiosk_window, KIOSK, WINDOW, GtkApplicationWindow)

KioskWindow *kiosk_window_new       (GtkApplication *application,
                                     KioskContext   *context);
/* Page names: "welcome", "walkins", "checkin", "loyalty", "calendar", "staff". */
void         kiosk_window_show_page (KioskWindow    *self,
                                     const char     *name);
const char  *kiosk_window_get_page  (KioskWindow    *self);

G_END_DECLS
