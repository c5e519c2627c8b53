/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The demo's customers: names, phones, loyalty consistent with what they
 * spent, and for some of them the point history that adds up to it.
 */
#define G_LOG_DOMAIN "kiosk-demo"

#include "config.h"

#include "kiosk-loyalty.h"
#include "kiosk-demo-private.h"

/* A total spent that puts the customer at @level, and the rest of the
 * loyalty fields consistent with it. */
static void
make_loyalty (KioskDemoRng  *rng,
              KioskCustomer *c)
{
  static const guint level_percent[] = { 40, 30, 20, 10 };
  guint roll = kiosk_demo_rng_below (rng, 100);
  KioskLoyaltyLevel level = KIOSK_LEVEL_BRONZE;
  gint64 low, high;
  gint64 average_visit;

  for (guint i = 0; i < G_N_ELEMENTS (level_percent); i++)
    {
      if (roll < level_percent[i])
        {
          level = (KioskLoyaltyLevel)i;
          break;
        }
      roll -= level_percent[i];
    }

  low = kiosk_loyalty_level_threshold (level);
  high = level == KIOSK_LEVEL_PLATINUM ? TRY (8000) : kiosk_loyalty_level_threshold (level + 1);

  /* Some bronze customers are new: nothing spent yet. */
  if (level == KIOSK_LEVEL_BRONZE && kiosk_demo_rng_percent (rng, 25))
    c->total_spent = 0;
  else
    c->total_spent = low + (gint64)kiosk_demo_rng_below (rng, (guint)((high - low) / 50)) * 50;

  c->loyalty_level = kiosk_loyalty_level_for_spent (c->total_spent);
  average_visit = TRY (350 + kiosk_demo_rng_below (rng, 300));
  c->total_visits = c->total_spent == 0 ? 0 : MAX (1, c->total_spent / average_visit);
  c->total_points = c->total_spent / TRY (10);
  c->current_points = c->total_points;
  if (c->total_points >= 50 && kiosk_demo_rng_percent (rng, 40))
    c->current_points -= 50 * (gint64)(1 + kiosk_demo_rng_below (rng, (guint)(c->total_points / 50)));
}

/* A history whose sum is current_points: some visits, then maybe one
 * redemption, on increasing days before today. */
static gboolean
write_point_history (KioskDemoBuilder     *b,
                     KioskDemoRng         *rng,
                     const KioskCustomer  *c,
                     GError              **error)
{
  guint n_earn = 1 + kiosk_demo_rng_below (rng, 3);
  gboolean redeemed = c->current_points < c->total_points;
  guint n = n_earn + (redeemed ? 1 : 0);
  guint span = MIN (b->today, 180);
  gint64 left = c->total_points;

  for (guint j = 0; j < n; j++)
    {
      char id[UUID_LEN + 1];
      char created[40];
      char reason[96];
      guint day = b->today - span + span * j / n + kiosk_demo_rng_below (rng, MAX (span / n, 1));
      KioskPointEntry entry = {
        .id = id,
        .customer = (char *)c->id,
        .reason = reason,
        .created_at = created,
      };

      if (j < n_earn)
        {
          entry.points = j + 1 < n_earn ? left / (n_earn - j) : left;
          left -= entry.points;
          g_strlcpy (reason, "Tamamlanan randevu", sizeof reason);
        }
      else
        {
          entry.points = c->current_points - c->total_points;
          g_strlcpy (reason, "Puan kullanımı: hizmet indirimi", sizeof reason);
        }

      kiosk_demo_format_instant (created, sizeof created, &b->days[day],
                                 HM (10, 0) + (int)kiosk_demo_rng_below (rng, 9 * 60) * 60);
      kiosk_demo_next_id (b, id);
      entry.version = ++b->version;
      if (!kiosk_replica_put_point_entry (b->replica, &entry, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
kiosk_demo_write_customers (KioskDemoBuilder  *b,
                            GError           **error)
{
  KioskDemoRng rng;
  KioskDemoRng points;
  guint n = b->n_customers;

  kiosk_demo_rng_init (&rng, b->options->seed, STREAM_CUSTOMERS);
  kiosk_demo_rng_init (&points, b->options->seed, STREAM_POINTS);

  kiosk_demo_phones_init (&b->phones, &rng);

  b->customer_ids = g_malloc ((gsize)n * sizeof *b->customer_ids);
  b->customer_phones = g_malloc ((gsize)n * sizeof *b->customer_phones);
  b->customer_names = g_new (KioskDemoPerson, n);
  b->regulars = g_new (guint, n);

  for (guint i = 0; i < n; i++)
    {
      char updated[40];
      KioskDemoPerson person = kiosk_demo_person_draw (&rng, 25);
      KioskCustomer c = {
        .id = b->customer_ids[i],
        .first_name = (char *)kiosk_demo_person_first_name (&person),
        .last_name = (char *)kiosk_demo_person_last_name (&person),
        .phone = b->customer_phones[i],
        .updated_at = updated,
      };

      kiosk_demo_next_id (b, b->customer_ids[i]);
      kiosk_demo_phone_make (&b->phones, &rng, i, b->customer_phones[i]);
      make_loyalty (&rng, &c);
      kiosk_demo_format_instant (updated, sizeof updated,
                                 &b->days[b->today - 1 - kiosk_demo_rng_below (&rng, DEMO_LEAD_DAYS)],
                                 HM (9, 0) + (int)kiosk_demo_rng_below (&rng, 11 * 60) * 60);
      c.version = ++b->version;

      b->customer_names[i] = person;
      if (c.total_visits > 0)
        b->regulars[b->n_regulars++] = i;

      if (!kiosk_replica_put_customer (b->replica, &c, error))
        return FALSE;

      if (c.total_points > 0 && kiosk_demo_rng_percent (&points, 15) &&
          !write_point_history (b, &points, &c, error))
        return FALSE;
    }

  return TRUE;
}
