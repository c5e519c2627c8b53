/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Staff's view of one customer's loyalty card (kiosk_desk_loyalty_card()):
 * name, phone, level, points (current and available), visits, spent, what
 * is left to the next level, the history newest first; and redeeming points
 * with a confirmation step. Staff mode only: it shows whole names.
 */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-context.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_LOYALTY_CUSTOMER (kiosk_loyalty_customer_get_type ())
G_DECLARE_FINAL_TYPE (KioskLoyaltyCustomer, kiosk_loyalty_customer, KIOSK, LOYALTY_CUSTOMER, GtkWidget)

GtkWidget  *kiosk_loyalty_customer_new          (KioskContext         *context);

/* Shows @customer_id's card (NULL: none); FALSE and a message on screen
 * when it cannot be read. */
gboolean    kiosk_loyalty_customer_set_customer (KioskLoyaltyCustomer *self,
                                                 const char           *customer_id);
const char *kiosk_loyalty_customer_get_customer (KioskLoyaltyCustomer *self);

/* Re-reads the card from the replica, keeping what staff typed. */
void        kiosk_loyalty_customer_reload       (KioskLoyaltyCustomer *self);

/* Forgets the customer and everything typed. */
void        kiosk_loyalty_customer_clear        (KioskLoyaltyCustomer *self);

/* Signals:
 *   close (KioskLoyaltyCustomer *self): staff pressed "Back to search".
 */

G_END_DECLS
