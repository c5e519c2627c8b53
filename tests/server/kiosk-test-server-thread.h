/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The contract test server on a thread (and main context) of its own, for
 * the benchmarks: the main thread blocks in synchronous calls, or runs
 * hundreds of engines, while the server answers.
 */
#pragma once

#include "kiosk-test-server.h"

G_BEGIN_DECLS

typedef struct _KioskTestServerThread KioskTestServerThread;

typedef void (*KioskTestServerFunc) (KioskTestServer *server,
                                     gpointer         data);

/* Opens a server in @dir on a new thread, runs @setup (may be NULL) there,
 * then listens on a free port of 127.0.0.1; aborts when it cannot start. */
KioskTestServerThread *kiosk_test_server_thread_start      (const char             *dir,
                                                            KioskTestServerFunc     setup,
                                                            gpointer                data);
/* For what is safe from any thread (its URI, its salon, the request
 * times); everything else goes through kiosk_test_server_thread_call(). */
KioskTestServer       *kiosk_test_server_thread_get_server (KioskTestServerThread  *self);
/* Runs @func on the server's thread and waits for it. */
void                   kiosk_test_server_thread_call       (KioskTestServerThread  *self,
                                                            KioskTestServerFunc     func,
                                                            gpointer                data);
void                   kiosk_test_server_thread_stop       (KioskTestServerThread  *self);

G_END_DECLS
