/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The first-run screen: server address, salon (typed or picked from the
 * server's list), the 6-digit pairing code, a name for this kiosk and a
 * new staff PIN. The asking, pairing and recording are core's
 * (kiosk-pairing.h), whose network and secret-store work runs in a worker
 * thread; each failure says what to do. Emits ::paired once the replica
 * records the new enrollment. Widgets are named for tests ("server-entry", …).
 */
#pragma once

#include "kiosk-page.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_PAIRING_PAGE (kiosk_pairing_page_get_type ())
G_DECLARE_FINAL_TYPE (KioskPairingPage, kiosk_pairing_page, KIOSK, PAIRING_PAGE, KioskPage)

/* What the page says now (the last error, or progress), or "". */
const char *kiosk_pairing_page_get_message (KioskPairingPage *self);
/* TRUE while a request runs. */
gboolean    kiosk_pairing_page_get_busy    (KioskPairingPage *self);
/* Why the pairing screen is back (unpaired, revoked), shown above the form. */
void        kiosk_pairing_page_set_reason  (KioskPairingPage *self,
                                            const char       *reason);

G_END_DECLS
