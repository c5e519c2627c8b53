/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#pragma once

#include "kiosk-page.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_QUEUE_PAGE (kiosk_queue_page_get_type ())
G_DECLARE_FINAL_TYPE (KioskQueuePage, kiosk_queue_page, KIOSK, QUEUE_PAGE, KioskPage)

GtkWidget *kiosk_queue_page_new         (KioskContext   *context);
/* Puts the keyboard focus on @walkin_id's row (its first button), now or
 * once the queue is shown; a walk-in no longer in the queue is ignored. */
void       kiosk_queue_page_show_walkin (KioskQueuePage *self,
                                         const char     *walkin_id);

G_END_DECLS
