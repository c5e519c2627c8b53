/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-test-server-thread"

#include "config.h"

#include "kiosk-test-server-thread.h"

struct _KioskTestServerThread
{
  char                *dir;
  KioskTestServerFunc  setup;
  gpointer             setup_data;
  GMainContext        *context;
  GMainLoop           *loop;
  GThread             *thread;
  KioskTestServer     *server;
  GMutex               lock;
  GCond                cond;
  gboolean             ready;
  GError              *error;
};

typedef struct {
  KioskTestServerThread *st;
  KioskTestServerFunc    func;
  gpointer               data;
  gboolean               done;
} ServerCall;

static gpointer
server_thread_main (gpointer data)
{
  KioskTestServerThread *st = data;
  g_autoptr(GError) error = NULL;

  g_main_context_push_thread_default (st->context);
  st->server = kiosk_test_server_new (st->dir, &error);
  if (st->server != NULL)
    {
      if (st->setup != NULL)
        st->setup (st->server, st->setup_data);
      kiosk_test_server_listen (st->server, 0, &error);
    }
  g_mutex_lock (&st->lock);
  st->error = g_steal_pointer (&error);
  st->ready = TRUE;
  g_cond_signal (&st->cond);
  g_mutex_unlock (&st->lock);

  g_main_loop_run (st->loop);
  g_clear_object (&st->server);
  while (g_main_context_iteration (st->context, FALSE))
    ;
  g_main_context_pop_thread_default (st->context);
  return NULL;
}

KioskTestServerThread *
kiosk_test_server_thread_start (const char          *dir,
                                KioskTestServerFunc  setup,
                                gpointer             data)
{
  KioskTestServerThread *st = g_new0 (KioskTestServerThread, 1);

  st->dir = g_strdup (dir);
  st->setup = setup;
  st->setup_data = data;
  st->context = g_main_context_new ();
  st->loop = g_main_loop_new (st->context, FALSE);
  g_mutex_init (&st->lock);
  g_cond_init (&st->cond);
  st->thread = g_thread_new ("test-server", server_thread_main, st);
  g_mutex_lock (&st->lock);
  while (!st->ready)
    g_cond_wait (&st->cond, &st->lock);
  g_mutex_unlock (&st->lock);
  if (st->error != NULL)
    g_error ("The server did not start: %s", st->error->message);
  return st;
}

KioskTestServer *
kiosk_test_server_thread_get_server (KioskTestServerThread *self)
{
  return self->server;
}

static gboolean
server_call_cb (gpointer data)
{
  ServerCall *call = data;

  call->func (call->st->server, call->data);
  g_mutex_lock (&call->st->lock);
  call->done = TRUE;
  g_cond_broadcast (&call->st->cond);
  g_mutex_unlock (&call->st->lock);
  return G_SOURCE_REMOVE;
}

void
kiosk_test_server_thread_call (KioskTestServerThread *self,
                               KioskTestServerFunc    func,
                               gpointer               data)
{
  ServerCall call = { self, func, data, FALSE };

  g_main_context_invoke (self->context, server_call_cb, &call);
  g_mutex_lock (&self->lock);
  while (!call.done)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);
}

void
kiosk_test_server_thread_stop (KioskTestServerThread *self)
{
  g_main_loop_quit (self->loop);
  g_thread_join (self->thread);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self->dir);
  g_free (self);
}
