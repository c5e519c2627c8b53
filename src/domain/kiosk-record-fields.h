/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * One table per entity of the contract (docs/kiosk-api.md §3.4): each field
 * of a record of kiosk-records.h with its contract name, its column in the
 * replica, its type and where it sits in the struct. The JSON side (sync/:
 * the readers, the writer, the feed's fast path) and the SQL side
 * (replica/: the upserts, the server copies) walk these tables, so a field
 * is added in one place. What is not a plain field (the employee's list of
 * services, working hours' rules) is said here too, as data or as a rule.
 *
 * Pure data and rules: GLib only, no JSON, no SQL.
 */
#pragma once

#include <glib.h>

#include "kiosk-records.h"

G_BEGIN_DECLS

typedef enum {
  KIOSK_FIELD_ID,        /* char *: the record's id (its form: KioskIdForm) */
  KIOSK_FIELD_STRING,    /* char *: any text */
  KIOSK_FIELD_UUID,      /* char *: the id of another record */
  KIOSK_FIELD_DATE,      /* char *: "YYYY-MM-DD" */
  KIOSK_FIELD_INSTANT,   /* char *: ISO 8601 with an offset, kept as the server sent it */
  KIOSK_FIELD_TIME,      /* int: seconds since midnight; "HH:MM:SS" in JSON */
  KIOSK_FIELD_INT,       /* int */
  KIOSK_FIELD_INT64,     /* gint64 */
  KIOSK_FIELD_MONEY,     /* gint64 kuruş; "100.00" in JSON, kuruş in SQL */
  KIOSK_FIELD_BOOL,      /* gboolean; 0 or 1 in SQL */
  KIOSK_FIELD_ENUM,      /* an enum (int-sized); its word (KioskEnumType) in JSON and SQL */
  KIOSK_FIELD_ID_LIST,   /* GStrv of UUIDs; a JSON array; in SQL a link table, not a column */
} KioskFieldType;

typedef enum {
  /* JSON: missing or null is refused. */
  KIOSK_FIELD_REQUIRED    = 1 << 0,
  /* Not in the contract's object: never read from JSON nor written. */
  KIOSK_FIELD_NO_JSON     = 1 << 1,
  /* Read from JSON when there, never written (§3.4 does not list it). */
  KIOSK_FIELD_NOT_WRITTEN = 1 << 2,
  /* The kiosk's own knowledge (KVKK consent, §3.6): the server's copy of a
   * row, which never carries it, keeps what the row holds. */
  KIOSK_FIELD_KEEP_LOCAL  = 1 << 3,
} KioskFieldFlags;

/* The words of an enum, indexed by its values (the contract's spelling). */
typedef struct {
  const char * const *words;
  guint               n_words;
  const char         *invalid;   /* why a word is refused, marked for translation */
} KioskEnumType;

extern const KioskEnumType kiosk_loyalty_level_enum;
extern const KioskEnumType kiosk_appointment_status_enum;
extern const KioskEnumType kiosk_walkin_status_enum;

const char *kiosk_enum_to_string   (const KioskEnumType *type,
                                    int                  value);
gboolean    kiosk_enum_from_string (const KioskEnumType *type,
                                    const char          *word,
                                    int                 *out);

typedef struct _KioskRecordField KioskRecordField;

struct _KioskRecordField {
  const char           *name;       /* in the contract (§3.4) */
  const char           *column;     /* in the replica; NULL: none (ID_LIST) */
  KioskFieldType        type;
  guint                 flags;      /* KioskFieldFlags */
  gsize                 offset;     /* in the record's struct */
  gint64                min;        /* INT, INT64: the values the contract allows */
  gint64                max;
  gboolean              fallback;   /* BOOL: the value of an optional field left out (other
                                     * numbers, times and enums: 0) */
  const char           *fallback_text;  /* STRING: the value whenever it is missing or null, on
                                         * every side (JSON in and out, SQL) */
  const KioskEnumType  *enum_type;  /* ENUM */
  /* Rules between fields (working hours' only, today). A field with
   * @required_if is read after the others, and is required when it says
   * so; @check runs once the field is read, refusing with @check_invalid
   * (marked for translation). */
  gboolean            (*required_if)   (gconstpointer record);
  gboolean            (*check)         (gconstpointer record);
  const char           *check_invalid;
};

typedef enum {
  KIOSK_ID_UUID,        /* a UUID */
  KIOSK_ID_SALON_DAY,   /* "<salon UUID>:<day>", day 0 … 6 (working hours) */
} KioskIdForm;

typedef struct {
  KioskEntity              entity;
  const char              *table;           /* the replica's table */
  gsize                    size;            /* of the record's struct */
  KioskIdForm              id_form;
  /* In the contract's order: the order of the JSON object and of the
   * columns. The first is the id. */
  const KioskRecordField  *fields;
  guint                    n_fields;
  gsize                    version_offset;  /* every record has a version (not in `data`) */
  gssize                   pending_offset;  /* -1: the desk never edits these */
} KioskRecordType;

/* The table of @entity; NULL for KIOSK_ENTITY_UNKNOWN. */
const KioskRecordType *kiosk_record_type_get     (KioskEntity    entity);

/* A zeroed record of @entity, for kiosk_record_free(). */
gpointer    kiosk_record_new                     (KioskEntity    entity);
/* Frees what the record's fields own (not the record itself). */
void        kiosk_record_clear                   (KioskEntity    entity,
                                                  gpointer       record);

/* The server's row version of a record, and whether a desk change to it
 * awaits acknowledgement (FALSE for the entities the desk never edits). */
gint64      kiosk_record_get_version             (KioskEntity    entity,
                                                  gconstpointer  record);
void        kiosk_record_set_version             (KioskEntity    entity,
                                                  gpointer       record,
                                                  gint64         version);
gboolean    kiosk_record_get_pending             (KioskEntity    entity,
                                                  gconstpointer  record);
void        kiosk_record_set_pending             (KioskEntity    entity,
                                                  gpointer       record,
                                                  gboolean       pending);

/* Whether @id has the form of @entity's ids (KioskIdForm). */
gboolean    kiosk_record_id_is_valid             (KioskEntity    entity,
                                                  const char    *id);

/* A field of a record, by type. */
static inline char **
kiosk_record_field_text (const KioskRecordField *field,
                         gconstpointer           record)
{
  return (char **) G_STRUCT_MEMBER_P (record, field->offset);
}

static inline int *
kiosk_record_field_int (const KioskRecordField *field,
                        gconstpointer           record)
{
  return (int *) G_STRUCT_MEMBER_P (record, field->offset);
}

static inline gint64 *
kiosk_record_field_int64 (const KioskRecordField *field,
                          gconstpointer           record)
{
  return (gint64 *) G_STRUCT_MEMBER_P (record, field->offset);
}

static inline GStrv *
kiosk_record_field_list (const KioskRecordField *field,
                         gconstpointer           record)
{
  return (GStrv *) G_STRUCT_MEMBER_P (record, field->offset);
}

G_END_DECLS
