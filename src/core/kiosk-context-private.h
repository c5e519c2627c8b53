/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The context's parts that only core, the application and the tests may
 * reach: the UI room cannot include this (it does not see the replica's
 * or the sync engine's headers).
 */
#pragma once

#include "kiosk-context.h"
#include "kiosk-replica.h"
#include "kiosk-credentials.h"
#include "kiosk-sync-engine.h"

G_BEGIN_DECLS

KioskReplica     *kiosk_context_get_replica      (KioskContext *self);
/* Credentials are always there (the secret store may still be missing).
 * The engine exists when the replica has an enrollment (server and device
 * in its meta) and this is not the demo; NULL otherwise. It runs once
 * kiosk_context_start_sync() was called (after the window is shown) and
 * stops when the context is disposed. */
KioskCredentials *kiosk_context_get_credentials  (KioskContext *self);
KioskSyncEngine  *kiosk_context_get_sync_engine  (KioskContext *self);

G_END_DECLS
