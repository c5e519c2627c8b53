/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-loyalty"

#include "kiosk-loyalty.h"

/* kuruş; indexed by KioskLoyaltyLevel. */
static const gint64 thresholds[] = { 0, 200 * 100, 500 * 100, 1000 * 100 };

#define KURUS_PER_POINT (10 * 100)

KioskLoyaltyLevel
kiosk_loyalty_level_for_spent (gint64 total_spent_kurus)
{
  for (int level = KIOSK_LEVEL_PLATINUM; level > KIOSK_LEVEL_BRONZE; level--)
    if (total_spent_kurus >= thresholds[level])
      return (KioskLoyaltyLevel)level;

  return KIOSK_LEVEL_BRONZE;
}

gint64
kiosk_loyalty_level_threshold (KioskLoyaltyLevel level)
{
  g_return_val_if_fail ((guint)level < G_N_ELEMENTS (thresholds), 0);
  return thresholds[level];
}

gint64
kiosk_loyalty_points_for_price (gint64 price_kurus)
{
  if (price_kurus <= 0)
    return 0;
  return price_kurus / KURUS_PER_POINT;
}

gboolean
kiosk_loyalty_next_level (gint64             total_spent_kurus,
                          KioskLoyaltyLevel *next,
                          gint64            *kurus_to_go)
{
  KioskLoyaltyLevel level = kiosk_loyalty_level_for_spent (total_spent_kurus);
  KioskLoyaltyLevel following;

  if (level == KIOSK_LEVEL_PLATINUM)
    return FALSE;

  following = (KioskLoyaltyLevel)(level + 1);
  if (next != NULL)
    *next = following;
  if (kurus_to_go != NULL)
    /* Clamped only so that absurd negative totals cannot overflow. */
    *kurus_to_go = thresholds[following] - MAX (total_spent_kurus, G_MININT64 / 2);

  return TRUE;
}
