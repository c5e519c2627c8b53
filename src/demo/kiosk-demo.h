/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The demo salon: a Kadıköy kuaför made by our own code, deterministic from a
 * seed, written through the replica API. Used by --demo, the screenshots,
 * the tests and (with larger counts) the benchmarks.
 */
#pragma once

#include "kiosk-replica.h"

G_BEGIN_DECLS

typedef struct {
  guint32     seed;
  const char *today;          /* YYYY-MM-DD, the salon's today */
  guint       n_customers;    /* ~300 for the demo */
  guint       days_before;    /* appointments from today - days_before … */
  guint       days_after;     /* … to today + days_after */
  gboolean    open_every_day; /* Sundays open too (10:00–18:00): for journeys
                               * through the desk that need a working today */
} KioskDemoOptions;

/* Fills defaults: seed 2026, n_customers 300, 7 days before and after,
 * closed on Sundays. */
void     kiosk_demo_options_init (KioskDemoOptions       *options,
                                  const char             *today);

/* Writes the whole salon in one transaction into an empty replica. */
gboolean kiosk_demo_populate     (KioskReplica           *replica,
                                  const KioskDemoOptions *options,
                                  GError                **error);

G_END_DECLS
