/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-staff-lock"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "kiosk-context-private.h"
#include "kiosk-pin-lock.h"
#include "kiosk-pin-store.h"
#include "kiosk-replica.h"
#include "kiosk-staff-lock.h"

/* The lock-out state in the replica's meta table: not a secret (counts
 * and times), and it must outlive a restart of the program. */
#define META_KEY "pin_lock"

#define PIN_MIN_DIGITS 4
#define PIN_MAX_DIGITS 12

struct _KioskStaffLock
{
  GObject         parent_instance;

  KioskReplica   *replica;     /* as given: only its path is used */
  KioskReplica   *connection;  /* our own, for the worker thread */
  char           *key;
  KioskPinStore  *store;

  KioskClockFunc  clock;
  gpointer        clock_data;

  /* try_mutex keeps tries (PBKDF2 and D-Bus, a fraction of a second)
   * one at a time; state_mutex guards the state and the connection, so
   * that reading the state never waits for a try. */
  GMutex          try_mutex;
  GMutex          state_mutex;
  KioskPinLock    state;
};

G_DEFINE_FINAL_TYPE (KioskStaffLock, kiosk_staff_lock, G_TYPE_OBJECT)

G_DEFINE_QUARK (kiosk-staff-lock-error-quark, kiosk_staff_lock_error)

enum {
  PROP_0,
  PROP_REPLICA,
  PROP_KEY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gint64
real_clock (gpointer user_data)
{
  return g_get_real_time ();
}

static gint64
now (KioskStaffLock *self)
{
  return self->clock (self->clock_data);
}

/* Called with state_mutex held. A replica that cannot be written keeps
 * the count in memory: this process still enforces it. */
static void
save_state (KioskStaffLock *self)
{
  g_autofree char *text = kiosk_pin_lock_serialise (&self->state);
  g_autoptr(GError) error = NULL;

  if (!kiosk_replica_set_meta (self->connection, META_KEY, text, &error))
    g_warning ("The PIN lock-out state could not be saved: %s", error->message);
}

static void
load_state (KioskStaffLock *self)
{
  g_autofree char *text = kiosk_replica_get_meta (self->connection, META_KEY);

  kiosk_pin_lock_init (&self->state);
  /* Only someone who can already edit the replica file could damage it;
   * starting over is then better than shutting staff out for good. */
  if (text != NULL && !kiosk_pin_lock_parse (text, &self->state))
    g_warning ("The saved PIN lock-out state is damaged; starting over");
}

static void
kiosk_staff_lock_constructed (GObject *object)
{
  KioskStaffLock *self = KIOSK_STAFF_LOCK (object);
  g_autoptr(GError) error = NULL;

  G_OBJECT_CLASS (kiosk_staff_lock_parent_class)->constructed (object);

  g_return_if_fail (KIOSK_IS_REPLICA (self->replica));

  /* Tries run in a worker thread (see the header) while the UI goes on
   * using the application's replica, and one KioskReplica must not be
   * used by two threads at once: like the sync engine, open our own
   * connection to the same file. */
  self->connection = kiosk_replica_open (kiosk_replica_get_path (self->replica), &error);
  if (self->connection == NULL)
    {
      g_warning ("The staff lock uses the shared replica connection: %s", error->message);
      self->connection = g_object_ref (self->replica);
    }
  load_state (self);
}

static void
kiosk_staff_lock_dispose (GObject *object)
{
  KioskStaffLock *self = KIOSK_STAFF_LOCK (object);

  g_clear_object (&self->connection);
  g_clear_object (&self->replica);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kiosk_staff_lock_parent_class)->dispose (object);
}

static void
kiosk_staff_lock_finalize (GObject *object)
{
  KioskStaffLock *self = KIOSK_STAFF_LOCK (object);

  g_clear_pointer (&self->key, g_free);
  g_mutex_clear (&self->try_mutex);
  g_mutex_clear (&self->state_mutex);

  G_OBJECT_CLASS (kiosk_staff_lock_parent_class)->finalize (object);
}

static void
kiosk_staff_lock_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KioskStaffLock *self = KIOSK_STAFF_LOCK (object);

  switch (prop_id)
    {
    case PROP_REPLICA:
      g_value_set_object (value, self->replica);
      break;
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_staff_lock_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KioskStaffLock *self = KIOSK_STAFF_LOCK (object);

  switch (prop_id)
    {
    case PROP_REPLICA:
      self->replica = g_value_dup_object (value);
      break;
    case PROP_KEY:
      self->key = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_staff_lock_class_init (KioskStaffLockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = kiosk_staff_lock_constructed;
  object_class->dispose = kiosk_staff_lock_dispose;
  object_class->finalize = kiosk_staff_lock_finalize;
  object_class->get_property = kiosk_staff_lock_get_property;
  object_class->set_property = kiosk_staff_lock_set_property;

  properties[PROP_REPLICA] =
    g_param_spec_object ("replica", NULL, NULL,
                         KIOSK_TYPE_REPLICA,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kiosk_staff_lock_init (KioskStaffLock *self)
{
  self->store = kiosk_pin_store_new ();
  self->clock = real_clock;
  g_mutex_init (&self->try_mutex);
  g_mutex_init (&self->state_mutex);
}

KioskStaffLock *
kiosk_staff_lock_new (KioskReplica *replica,
                      const char   *key)
{
  g_return_val_if_fail (KIOSK_IS_REPLICA (replica), NULL);

  return g_object_new (KIOSK_TYPE_STAFF_LOCK,
                       "replica", replica,
                       "key", key,
                       NULL);
}

KioskStaffLock *
kiosk_staff_lock_new_for_context (KioskContext *context,
                                  const char   *key)
{
  g_return_val_if_fail (KIOSK_IS_CONTEXT (context), NULL);

  return kiosk_staff_lock_new (kiosk_context_get_replica (context), key);
}

void
kiosk_staff_lock_set_clock (KioskStaffLock *self,
                            KioskClockFunc  clock,
                            gpointer        user_data)
{
  g_return_if_fail (KIOSK_IS_STAFF_LOCK (self));

  g_mutex_lock (&self->state_mutex);
  self->clock = clock != NULL ? clock : real_clock;
  self->clock_data = clock != NULL ? user_data : NULL;
  g_mutex_unlock (&self->state_mutex);
}

/* The store's errors in the terms of the staff lock; the messages already
 * say what to do. */
static void
propagate_store_error (GError **error,
                       GError  *in)
{
  g_autoptr(GError) local = in;

  if (local->domain != KIOSK_PIN_STORE_ERROR)
    g_propagate_error (error, g_steal_pointer (&local));   /* cancelled */
  else if (local->code == KIOSK_PIN_STORE_ERROR_UNAVAILABLE)
    g_set_error_literal (error, KIOSK_STAFF_LOCK_ERROR, KIOSK_STAFF_LOCK_ERROR_UNAVAILABLE, local->message);
  else if (local->code == KIOSK_PIN_STORE_ERROR_NOT_FOUND)
    g_set_error_literal (error, KIOSK_STAFF_LOCK_ERROR, KIOSK_STAFF_LOCK_ERROR_NO_PIN, local->message);
  else
    /* A damaged stored hash: the way out is to set a new PIN. */
    g_set_error_literal (error, KIOSK_STAFF_LOCK_ERROR, KIOSK_STAFF_LOCK_ERROR_NO_PIN, local->message);
}

static gboolean
check_key (KioskStaffLock  *self,
           GError         **error)
{
  if (self->key == NULL || *self->key == '\0')
    {
      g_set_error_literal (error, KIOSK_STAFF_LOCK_ERROR, KIOSK_STAFF_LOCK_ERROR_NO_PIN,
                           _("This kiosk is not set up yet, so it has no staff PIN."));
      return FALSE;
    }
  return TRUE;
}

static char *
format_local_time (gint64 usec)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (usec / G_USEC_PER_SEC);

  if (when == NULL)
    return g_strdup ("?");
  return g_date_time_format (when, "%H:%M");
}

static void
set_locked_out_error (GError **error,
                      gint64   until,
                      gint64   remaining)
{
  g_autofree char *at = format_local_time (until);
  /* Rounded up: "1 minute" while 20 seconds are left. */
  gint64 minutes = (remaining + 60 * G_USEC_PER_SEC - 1) / (60 * G_USEC_PER_SEC);

  g_set_error (error, KIOSK_STAFF_LOCK_ERROR, KIOSK_STAFF_LOCK_ERROR_LOCKED_OUT,
               g_dngettext (GETTEXT_PACKAGE,
                            "Too many wrong PINs. PIN entry is locked for %d more minute, until %s.",
                            "Too many wrong PINs. PIN entry is locked for %d more minutes, until %s.",
                            (gulong) minutes),
               (int) minutes, at);
}

static gboolean
check_pin_form (const char  *pin,
                GError     **error)
{
  gsize length = pin != NULL ? strlen (pin) : 0;
  gboolean digits = length >= PIN_MIN_DIGITS && length <= PIN_MAX_DIGITS;

  for (gsize i = 0; digits && i < length; i++)
    digits = g_ascii_isdigit (pin[i]);
  if (!digits)
    {
      g_set_error (error, KIOSK_STAFF_LOCK_ERROR, KIOSK_STAFF_LOCK_ERROR_INVALID,
                   _("A staff PIN is %d to %d digits (0–9)."), PIN_MIN_DIGITS, PIN_MAX_DIGITS);
      return FALSE;
    }
  return TRUE;
}

gboolean
kiosk_staff_lock_set_pin (KioskStaffLock  *self,
                          const char      *pin,
                          GCancellable    *cancellable,
                          GError         **error)
{
  GError *local = NULL;

  g_return_val_if_fail (KIOSK_IS_STAFF_LOCK (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_pin_form (pin, error) || !check_key (self, error))
    return FALSE;

  g_mutex_lock (&self->try_mutex);
  if (!kiosk_pin_store_set_pin_sync (self->store, self->key, pin, cancellable, &local))
    {
      g_mutex_unlock (&self->try_mutex);
      propagate_store_error (error, local);
      return FALSE;
    }
  /* Whoever may set the PIN is staff: a new PIN starts the count over. */
  g_mutex_lock (&self->state_mutex);
  kiosk_pin_lock_record_success (&self->state);
  save_state (self);
  g_mutex_unlock (&self->state_mutex);
  g_mutex_unlock (&self->try_mutex);
  return TRUE;
}

gboolean
kiosk_staff_lock_has_pin (KioskStaffLock  *self,
                          GCancellable    *cancellable,
                          GError         **error)
{
  GError *local = NULL;

  g_return_val_if_fail (KIOSK_IS_STAFF_LOCK (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->key == NULL || *self->key == '\0')
    return FALSE;
  if (kiosk_pin_store_has_pin_sync (self->store, self->key, cancellable, &local))
    return TRUE;
  if (local != NULL)
    propagate_store_error (error, local);
  return FALSE;
}

gboolean
kiosk_staff_lock_try (KioskStaffLock  *self,
                      const char      *pin,
                      GCancellable    *cancellable,
                      GError         **error)
{
  KioskPinLock before;
  GError *local = NULL;
  gboolean matches = FALSE;
  gint64 remaining;
  gint64 lock_length = 0;
  gint64 at;

  g_return_val_if_fail (KIOSK_IS_STAFF_LOCK (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_key (self, error))
    return FALSE;

  g_mutex_lock (&self->try_mutex);
  g_mutex_lock (&self->state_mutex);
  at = now (self);
  before = self->state;
  remaining = kiosk_pin_lock_remaining (&self->state, at);
  if (remaining > 0)
    {
      /* Refused without a look at the PIN, and not counted. */
      set_locked_out_error (error, self->state.locked_until, remaining);
      if (memcmp (&before, &self->state, sizeof before) != 0)
        save_state (self);   /* the clock went back: the lock restarted */
      g_mutex_unlock (&self->state_mutex);
      g_mutex_unlock (&self->try_mutex);
      return FALSE;
    }

  /* Counted as wrong, and saved, before it is checked: quitting the
   * program in the middle of a check cannot win a free try. */
  before = self->state;
  kiosk_pin_lock_record_failure (&self->state, at, &lock_length);
  save_state (self);
  g_mutex_unlock (&self->state_mutex);

  if (!kiosk_pin_store_verify_pin_sync (self->store, self->key, pin != NULL ? pin : "",
                                        &matches, cancellable, &local))
    {
      /* Not checked at all (no keyring, no PIN): not a wrong try. */
      g_mutex_lock (&self->state_mutex);
      self->state = before;
      save_state (self);
      g_mutex_unlock (&self->state_mutex);
      g_mutex_unlock (&self->try_mutex);
      propagate_store_error (error, local);
      return FALSE;
    }

  g_mutex_lock (&self->state_mutex);
  if (matches)
    {
      kiosk_pin_lock_record_success (&self->state);
      save_state (self);
    }
  else if (lock_length > 0)
    set_locked_out_error (error, self->state.locked_until, lock_length);
  else
    {
      guint left = kiosk_pin_lock_tries_left (&self->state, at);

      g_set_error (error, KIOSK_STAFF_LOCK_ERROR, KIOSK_STAFF_LOCK_ERROR_WRONG_PIN,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Wrong PIN. %u more try before PIN entry is locked.",
                                "Wrong PIN. %u more tries before PIN entry is locked.",
                                left),
                   left);
    }
  g_mutex_unlock (&self->state_mutex);
  g_mutex_unlock (&self->try_mutex);
  return matches;
}

gint64
kiosk_staff_lock_locked_until (KioskStaffLock *self)
{
  gint64 until = 0;

  g_return_val_if_fail (KIOSK_IS_STAFF_LOCK (self), 0);

  g_mutex_lock (&self->state_mutex);
  if (kiosk_pin_lock_remaining (&self->state, now (self)) > 0)
    until = self->state.locked_until;
  g_mutex_unlock (&self->state_mutex);
  return until;
}

guint
kiosk_staff_lock_tries_left (KioskStaffLock *self)
{
  guint left;

  g_return_val_if_fail (KIOSK_IS_STAFF_LOCK (self), 0);

  g_mutex_lock (&self->state_mutex);
  left = kiosk_pin_lock_tries_left (&self->state, now (self));
  g_mutex_unlock (&self->state_mutex);
  return left;
}
