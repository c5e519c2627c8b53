/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#pragma once

#include "kiosk-page.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_REFUSED_PAGE (kiosk_refused_page_get_type ())
G_DECLARE_FINAL_TYPE (KioskRefusedPage, kiosk_refused_page, KIOSK, REFUSED_PAGE, KioskPage)

GtkWidget *kiosk_refused_page_new (KioskContext *context);

G_END_DECLS
