/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * A walk-in's details in the day view, over its block: who, what, with
 * whom, since when, whether it waits to sync, and a button to the Queue
 * page (win.show-walkin, with the walk-in's id).
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KIOSK_TYPE_DAY_WALKIN (kiosk_day_walkin_get_type ())
G_DECLARE_FINAL_TYPE (KioskDayWalkin, kiosk_day_walkin, KIOSK, DAY_WALKIN, GtkPopover)

GtkWidget *kiosk_day_walkin_new        (void);

/* @staff: whose column it is in, NULL for none (the week view's column is
 * a day); @since: when service began, "HH:MM". */
void       kiosk_day_walkin_set_walkin (KioskDayWalkin *self,
                                        const char     *walkin_id,
                                        const char     *customer,
                                        const char     *service,
                                        const char     *staff,
                                        const char     *since,
                                        gboolean        pending);

G_END_DECLS
