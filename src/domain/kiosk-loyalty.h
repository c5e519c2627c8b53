/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The reference loyalty rule of the contract: levels are reached at a
 * total_spent of 0, 200, 500 and 1000 TRY; one point per 10 TRY of price.
 * The server owns the rule; the kiosk uses it to explain and to preview.
 */
#pragma once

#include <glib.h>

#include "kiosk-records.h"

G_BEGIN_DECLS

KioskLoyaltyLevel kiosk_loyalty_level_for_spent  (gint64             total_spent_kurus);

/* The total_spent (kuruş) at which @level is reached. */
gint64            kiosk_loyalty_level_threshold  (KioskLoyaltyLevel  level);

/* Whole points earned for a price; nothing for a negative price. */
gint64            kiosk_loyalty_points_for_price (gint64             price_kurus);

/* The next level and how much is left to spend to reach it. FALSE at
 * platinum (outputs untouched). Both outputs may be NULL. */
gboolean          kiosk_loyalty_next_level       (gint64             total_spent_kurus,
                                                  KioskLoyaltyLevel *next,
                                                  gint64            *kurus_to_go);

G_END_DECLS
