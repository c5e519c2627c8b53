/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Staff only: sync diagnostics (engine state, waiting and refused
 * changes, server, device name), "Unpair this kiosk" and, in kiosk mode,
 * "Leave kiosk mode" (the window's win.leave-kiosk).
 */
#pragma once

#include "kiosk-page.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_SETTINGS_PAGE (kiosk_settings_page_get_type ())
G_DECLARE_FINAL_TYPE (KioskSettingsPage, kiosk_settings_page, KIOSK, SETTINGS_PAGE, KioskPage)

void        kiosk_settings_page_set_kiosk_mode (KioskSettingsPage *self,
                                                gboolean           kiosk_mode);
/* What the page last said about unpairing, or "". */
const char *kiosk_settings_page_get_message    (KioskSettingsPage *self);
/* Starts unpairing at once, as the confirmation button does (tests). */
void        kiosk_settings_page_unpair         (KioskSettingsPage *self);

G_END_DECLS
