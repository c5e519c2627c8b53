/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The KVKK privacy notices a person reads at the kiosk before agreeing, and
 * the version the kiosk sends with the consent (docs/kiosk-api.md §3.6).
 *
 * They are two notices, so two versions: the walk-in's tells what the queue
 * does with a name and a phone number for one visit; the member's tells what
 * the salon does with a customer record (first and last name, phone, loyalty
 * points, appointments and visits). The member's serves every customer record
 * the kiosk makes: a member joining on the loyalty page reads it on screen,
 * and at the booking panel staff tick that the customer has read it.
 *
 * A version names one wording exactly. Any change to a text, even a comma,
 * gets a new version here, so the server can always tell which text a
 * person agreed to. The texts are the salon's legal text in Turkish and
 * English together, not run through gettext.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The walk-in queue's notice (the walk-in page), as first shown. */
#define KIOSK_KVKK_NOTICE_WALKIN "kiosk-kvkk-walkin-2026-1"
/* The customer record's notice (loyalty membership, new customers at the
 * booking panel), as first shown. */
#define KIOSK_KVKK_NOTICE_MEMBER "kiosk-kvkk-member-2026-1"

extern const char kiosk_kvkk_walkin_notice[];   /* KIOSK_KVKK_NOTICE_WALKIN */
extern const char kiosk_kvkk_member_notice[];   /* KIOSK_KVKK_NOTICE_MEMBER */

G_END_DECLS
