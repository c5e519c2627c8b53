/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Pairing a kiosk with the contract test server the way --enroll does, for
 * the sync tests, the UI tests and the benchmarks: enroll, keep the token
 * in the Secret Service, write the server, device and salon to the
 * replica's meta.
 */
#pragma once

#include "kiosk-test-server.h"
#include "kiosk-replica.h"
#include "kiosk-credentials.h"
#include "kiosk-transport.h"

G_BEGIN_DECLS

/* Enrolls with @server using @code and @name when the server answers on
 * this thread's default main context: the blocking call runs on a worker
 * thread while this one iterates that context. Aborts after @timeout_s. */
KioskEnrollment *kiosk_test_enroll_on_thread (KioskTestServer         *server,
                                              const char              *code,
                                              const char              *name,
                                              guint                    timeout_s,
                                              GError                 **error);

/* The server (@url), device and salon of @enrollment to @replica's meta. */
gboolean         kiosk_test_enroll_write_meta (KioskReplica           *replica,
                                               const char             *url,
                                               const KioskEnrollment  *enrollment,
                                               GError                **error);

/* The token of @enrollment to @credentials, then the meta as above. */
gboolean         kiosk_test_enroll_save       (KioskCredentials       *credentials,
                                               KioskReplica           *replica,
                                               const char             *url,
                                               const KioskEnrollment  *enrollment,
                                               GError                **error);

G_END_DECLS
