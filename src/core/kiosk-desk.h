/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * What customers do themselves at the kiosk, as application-level writes:
 * each is a replica row plus its outbox entry in one transaction, then a
 * nudge to the engine and KioskContext::replica-changed. No GTK, no JSON
 * built here (the bodies are sync's). Logs never carry names or phones.
 */
#pragma once

#include "kiosk-context.h"
#include "kiosk-records.h"

G_BEGIN_DECLS

#define KIOSK_DESK_ERROR (kiosk_desk_error_quark ())

typedef enum {
  KIOSK_DESK_ERROR_INVALID,      /* the message says which field and why */
  KIOSK_DESK_ERROR_NO_CONSENT,   /* the KVKK notice was not accepted */
  KIOSK_DESK_ERROR_EXISTS,       /* this phone number is already a member */
  KIOSK_DESK_ERROR_FAILED,       /* the replica could not keep it */
  KIOSK_DESK_ERROR_NOT_FOUND,    /* no such booking, walk-in, customer */
  KIOSK_DESK_ERROR_REFUSED,      /* a rule says no: cancelled booking, too few points, a move the queue does not allow */
} KioskDeskError;

GQuark         kiosk_desk_error_quark          (void);

/* The customer whose phone is exactly @phone_input once normalised, or
 * NULL (and an error: KIOSK_PHONE_ERROR when it is no phone number,
 * KIOSK_REPLICA_ERROR_NOT_FOUND when no one has it). */
KioskCustomer *kiosk_desk_find_self            (KioskContext  *context,
                                                const char    *phone_input,
                                                GError       **error);

/* "Yılmaz" -> "Y****": the first letter, upper-cased the Turkish way
 * (i -> İ), then four asterisks whatever the length. "" for none. */
char          *kiosk_desk_mask_surname         (const char    *last_name);

/* A new member from the kiosk's "Become a member" form (or the booking
 * panel's new customer): a pending customer row with consent_at =
 * @consent_time and the member notice's version (domain/kiosk-kvkk.h), and
 * a "customer.create" outbox entry carrying both, in one transaction.
 * Returns the new id. */
char          *kiosk_desk_register_customer    (KioskContext  *context,
                                                const char    *first_name,
                                                const char    *last_name,
                                                const char    *phone_input,
                                                GDateTime     *consent_time,
                                                GError       **error);

G_END_DECLS
