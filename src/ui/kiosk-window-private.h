/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Inside the window, shared by the files of its one class (the way of
 * GNOME Text Editor's editor-window-*.c):
 *  - kiosk-window.c: construction, the pages (each made when first
 *    wanted) and the rail, navigation, the header's salon name and clock;
 *  - kiosk-window-status.c: what it says above the pages: the header's
 *    salon name, clock and sync indicator, the notice and offline banners,
 *    and the count of refused changes on the rail;
 *  - kiosk-window-staff.c: customer mode and staff mode, the PIN pad, the
 *    idle time-out back to customer mode;
 *  - kiosk-window-lockdown.c: the window's size kept in the settings, and
 *    kiosk lockdown (full screen, no close, the session inhibited);
 *  - kiosk-window-pairing.c: the pairing screen instead of the pages while
 *    the kiosk is not paired (or the server withdrew its access).
 * Nothing else includes this.
 */
#pragma once

#include "kiosk-staff-lock.h"
#include "kiosk-sync-status.h"
#include "kiosk-window.h"

G_BEGIN_DECLS

typedef struct
{
  const char *name;
  const char *icon_name;
  const char *title;          /* marked for translation where the table is written */
  GType     (*get_type) (void);
  gboolean    staff;          /* behind the staff PIN */
} KioskWindowPageInfo;

/* The rail's pages, in its order (kiosk-window.c). */
#define KIOSK_WINDOW_N_PAGES 9
extern const KioskWindowPageInfo _kiosk_window_pages[KIOSK_WINDOW_N_PAGES];

enum {
  KIOSK_WINDOW_PROP_0,
  KIOSK_WINDOW_PROP_CONTEXT,
  KIOSK_WINDOW_PROP_PAGE,
  KIOSK_WINDOW_PROP_STAFF_MODE,
  KIOSK_WINDOW_PROP_KIOSK_MODE,
  KIOSK_WINDOW_N_PROPS
};

struct _KioskWindow
{
  GtkApplicationWindow  parent_instance;

  KioskContext         *context;
  guint                 clock_source;
  char                 *today;

  GtkLabel             *title_label;
  GtkLabel             *clock_label;
  KioskSyncStatus      *sync_status;
  GtkWidget            *demo_badge;
  GtkRevealer          *notice_revealer;
  GtkLabel             *notice_label;
  GtkRevealer          *offline_revealer;
  GtkWidget            *offline_banner;
  GtkLabel             *offline_label;
  GtkWidget            *attention_label;   /* the count on the "refused" rail row */
  GtkListBox           *rail;
  GtkStack             *stack;

  GtkWidget            *rows[KIOSK_WINDOW_N_PAGES];
  GtkWidget            *page_widgets[KIOSK_WINDOW_N_PAGES];   /* NULL until first wanted */

  /* Customer mode (the default) and staff mode, behind the PIN pad. */
  GtkWidget            *mode_stack;      /* "main" or "pairing" */
  GtkWidget            *overlay;
  GtkWidget            *pin_pad;
  GtkWidget            *pairing_page;
  GtkWidget            *staff_button;
  GtkWidget            *lock_button;
  KioskStaffLock       *staff_lock;
  char                 *staff_lock_key;
  gboolean              staff_mode;
  char                 *wanted_page;     /* the staff page asked for before the PIN */

  /* Idle: back to customer mode, every screen cleared. */
  guint                 idle_timeout_ms;
  gboolean              idle_timeout_set;   /* by a test: GSettings no longer counts */
  gint64                last_activity;
  guint                 idle_source;

  /* Kiosk lockdown */
  gboolean              kiosk_mode;
  guint                 inhibit_cookie;
};

/* kiosk-window.c */
int        _kiosk_window_page_index            (const char   *name);
/* The page at @index of _kiosk_window_pages, made if it was not yet. */
GtkWidget *_kiosk_window_ensure_page           (KioskWindow  *self,
                                                guint         index);
void       _kiosk_window_notify                (KioskWindow  *self,
                                                guint         prop_id);

/* kiosk-window-status.c */
void       _kiosk_window_status_class_init     (GtkWidgetClass *widget_class);
void       _kiosk_window_update_salon_name     (KioskWindow  *self);
/* Also every minute, just after it turns, until dispose. */
void       _kiosk_window_update_clock          (KioskWindow  *self);
void       _kiosk_window_show_notice           (KioskWindow  *self,
                                                const char   *text);
void       _kiosk_window_update_sync_status    (KioskWindow  *self);
void       _kiosk_window_update_desk_status    (KioskWindow  *self);
void       _kiosk_window_status_dispose        (KioskWindow  *self);

/* kiosk-window-staff.c */
void       _kiosk_window_staff_class_init      (GtkWidgetClass *widget_class);
void       _kiosk_window_build_staff           (KioskWindow  *self,
                                                GtkWidget    *header);
void       _kiosk_window_update_mode_widgets   (KioskWindow  *self);
void       _kiosk_window_watch_idle            (KioskWindow  *self);
void       _kiosk_window_staff_dispose         (KioskWindow  *self);

/* kiosk-window-lockdown.c */
gboolean   _kiosk_window_settings_has_key      (GSettings    *settings,
                                                const char   *key);
void       _kiosk_window_restore_size          (KioskWindow  *self);
/* When the window closes. */
void       _kiosk_window_save_size             (KioskWindow  *self);
void       _kiosk_window_lockdown_class_init   (GtkWidgetClass *widget_class);
void       _kiosk_window_lockdown_dispose      (KioskWindow  *self);

/* kiosk-window-pairing.c */
void       _kiosk_window_update_pairing        (KioskWindow  *self);

G_END_DECLS
