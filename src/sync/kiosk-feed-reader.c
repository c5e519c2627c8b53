/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * A strict pull parser for pages of the change feed. Building a json-glib
 * tree costs about twice what SQLite needs to store a row, so a snapshot
 * (customers, appointments, point entries, tombstones, …) is read here in
 * one pass over the body into records, by the entities' tables
 * (kiosk-record-fields.h), as kiosk-json-records.c reads them.
 *
 * The fast path only ever says "this change is valid and reads as …". When
 * it is not certain (a field missing or of another type, a duplicate key,
 * an escape json-glib may read differently, a number that is not a plain
 * integer, a list, working hours' rules between fields), the change's own
 * text goes to the json-glib reader (kiosk_json_read_change_text()), which
 * gives the reason and the raw JSON for the quarantine. When the page itself is not
 * clean JSON with the three members, the whole body goes to
 * kiosk_json_parse_feed_page(), so errors are worded the same.
 */
#define G_LOG_DOMAIN "kiosk-feed"

#include "config.h"

#include <string.h>

#include "kiosk-feed-reader.h"
#include "kiosk-json-private.h"

#include "kiosk-money.h"
#include "kiosk-time.h"

/* As check_shape() in kiosk-json.c: deeper pages go to json-glib, which
 * refuses them with its reason. */
#define MAX_DEPTH  64
/* More members in `data` than any entity has: left to json-glib. */
#define MAX_FIELDS 40

typedef enum {
  V_MISSING,
  V_NULL,
  V_TRUE,
  V_FALSE,
  V_STRING,
  V_INT,       /* at most 18 digits: exact in a gint64, as json-glib reads it */
  V_NUMBER,    /* any other number */
  V_OBJECT,
  V_ARRAY,
} Kind;

typedef struct {
  Kind   kind;
  guint  off;      /* V_STRING: NUL-terminated text at scratch->str + off */
  gint64 i;        /* V_INT */
  guint  count;    /* how often the member was present */
} Value;

typedef struct {
  guint off;       /* the key, NUL-terminated in scratch */
  Value value;
} Field;

typedef struct {
  const char *p;
  const char *end;
  int         depth;
  GString    *scratch;
} Reader;

/* One change while it is read: the members that matter, and `data`'s. */
typedef struct {
  Value    entity, op, id, version, data;
  Field    fields[MAX_FIELDS];
  guint    n_fields;
  gboolean unsure;
} Change;

static inline void
skip_ws (Reader *r)
{
  while (r->p < r->end && (*r->p == ' ' || *r->p == '\n' || *r->p == '\r' || *r->p == '\t'))
    r->p++;
}

static inline gboolean
expect (Reader *r,
        char    c)
{
  skip_ws (r);
  if (r->p >= r->end || *r->p != c)
    return FALSE;
  r->p++;
  return TRUE;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* At a '"': the string, unescaped and NUL-terminated, appended to the
 * scratch buffer (when @v is not NULL). FALSE: not JSON. */
static gboolean
read_string (Reader *r,
             Value  *v)
{
  const char *run;

  r->p++;   /* the quote */
  if (v != NULL)
    {
      v->kind = V_STRING;
      v->off = (guint) r->scratch->len;
    }
  run = r->p;
  for (;;)
    {
      guchar c;

      if (r->p >= r->end)
        return FALSE;
      c = (guchar) *r->p;
      if (c == '"')
        break;
      if (c < 0x20)
        return FALSE;   /* raw control characters: left to json-glib */
      if (c != '\\')
        {
          r->p++;
          continue;
        }

      if (v != NULL)
        g_string_append_len (r->scratch, run, r->p - run);
      if (r->p + 1 >= r->end)
        return FALSE;
      r->p++;
      switch (*r->p)
        {
        case '"':  if (v) g_string_append_c (r->scratch, '"'); break;
        case '\\': if (v) g_string_append_c (r->scratch, '\\'); break;
        case '/':  if (v) g_string_append_c (r->scratch, '/'); break;
        case 'b':  if (v) g_string_append_c (r->scratch, '\b'); break;
        case 'f':  if (v) g_string_append_c (r->scratch, '\f'); break;
        case 'n':  if (v) g_string_append_c (r->scratch, '\n'); break;
        case 'r':  if (v) g_string_append_c (r->scratch, '\r'); break;
        case 't':  if (v) g_string_append_c (r->scratch, '\t'); break;
        case 'u':
          {
            gunichar cp = 0;

            if (r->end - r->p < 5)
              return FALSE;
            for (int k = 1; k <= 4; k++)
              {
                int h = hex_value (r->p[k]);

                if (h < 0)
                  return FALSE;
                cp = cp * 16 + (gunichar) h;
              }
            r->p += 4;
            /* NUL ends a C string early, and json-glib may refuse a
             * surrogate, even a paired one, for the whole page: the page
             * is left to json-glib. */
            if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF))
              return FALSE;
            if (v != NULL)
              {
                char utf8[6];
                int n = g_unichar_to_utf8 (cp, utf8);

                g_string_append_len (r->scratch, utf8, n);
              }
          }
          break;
        default:
          return FALSE;
        }
      r->p++;
      run = r->p;
    }
  if (v != NULL)
    {
      g_string_append_len (r->scratch, run, r->p - run);
      g_string_append_c (r->scratch, '\0');
    }
  r->p++;   /* the closing quote */
  return TRUE;
}

static gboolean
read_number (Reader *r,
             Value  *v)
{
  const char *start = r->p;
  gboolean plain = TRUE;
  guint digits = 0;

  if (r->p < r->end && *r->p == '-')
    r->p++;
  if (r->p >= r->end || !g_ascii_isdigit (*r->p))
    return FALSE;
  if (*r->p == '0')
    {
      r->p++;
      digits = 1;
    }
  else
    while (r->p < r->end && g_ascii_isdigit (*r->p))
      {
        r->p++;
        digits++;
      }
  if (r->p < r->end && *r->p == '.')
    {
      plain = FALSE;
      r->p++;
      if (r->p >= r->end || !g_ascii_isdigit (*r->p))
        return FALSE;
      while (r->p < r->end && g_ascii_isdigit (*r->p))
        r->p++;
    }
  if (r->p < r->end && (*r->p == 'e' || *r->p == 'E'))
    {
      plain = FALSE;
      r->p++;
      if (r->p < r->end && (*r->p == '+' || *r->p == '-'))
        r->p++;
      if (r->p >= r->end || !g_ascii_isdigit (*r->p))
        return FALSE;
      while (r->p < r->end && g_ascii_isdigit (*r->p))
        r->p++;
    }
  if (plain && digits <= 18)
    {
      gint64 value = 0;

      for (const char *q = *start == '-' ? start + 1 : start; q < r->p; q++)
        value = value * 10 + (*q - '0');
      v->kind = V_INT;
      v->i = *start == '-' ? -value : value;
    }
  else
    v->kind = V_NUMBER;
  return TRUE;
}

static gboolean
read_literal (Reader     *r,
              const char *word,
              gsize       len)
{
  if ((gsize) (r->end - r->p) < len || memcmp (r->p, word, len) != 0)
    return FALSE;
  r->p += len;
  return TRUE;
}

static gboolean read_value (Reader *r, Value *v, gboolean keep_strings);

/* At a '{' or '[': the whole compound value, checked and skipped. */
static gboolean
skip_compound (Reader *r)
{
  char close = *r->p == '{' ? '}' : ']';
  gboolean object = close == '}';

  if (++r->depth > MAX_DEPTH)
    return FALSE;
  r->p++;
  skip_ws (r);
  if (r->p < r->end && *r->p == close)
    {
      r->p++;
      r->depth--;
      return TRUE;
    }
  for (;;)
    {
      Value v;

      if (object)
        {
          skip_ws (r);
          if (r->p >= r->end || *r->p != '"' || !read_string (r, NULL) || !expect (r, ':'))
            return FALSE;
        }
      if (!read_value (r, &v, FALSE))
        return FALSE;
      skip_ws (r);
      if (r->p >= r->end)
        return FALSE;
      if (*r->p == ',')
        {
          r->p++;
          continue;
        }
      if (*r->p != close)
        return FALSE;
      r->p++;
      r->depth--;
      return TRUE;
    }
}

/* Any value; strings are kept in the scratch buffer when @keep_strings. */
static gboolean
read_value (Reader   *r,
            Value    *v,
            gboolean  keep_strings)
{
  skip_ws (r);
  if (r->p >= r->end)
    return FALSE;
  switch (*r->p)
    {
    case '"':
      if (!keep_strings)
        {
          v->kind = V_STRING;
          return read_string (r, NULL);
        }
      return read_string (r, v);
    case '{':
      v->kind = V_OBJECT;
      return skip_compound (r);
    case '[':
      v->kind = V_ARRAY;
      return skip_compound (r);
    case 't':
      v->kind = V_TRUE;
      return read_literal (r, "true", 4);
    case 'f':
      v->kind = V_FALSE;
      return read_literal (r, "false", 5);
    case 'n':
      v->kind = V_NULL;
      return read_literal (r, "null", 4);
    default:
      return read_number (r, v);
    }
}

/* A member value the change keeps: the first one, counted. */
static gboolean
read_member (Reader *r,
             Value  *slot)
{
  Value v = { 0 };

  if (!read_value (r, &v, TRUE))
    return FALSE;
  if (slot->count++ == 0)
    {
      v.count = 1;
      *slot = v;
    }
  return TRUE;
}

/* At `data`'s '{': its members into c->fields (nested values skipped). */
static gboolean
read_data (Reader *r,
           Change *c)
{
  Value ignored = { 0 };

  if (c->data.count++ > 0)
    return read_value (r, &ignored, FALSE);   /* a second `data`: unsure below */
  c->data.kind = V_OBJECT;
  c->data.count = 1;
  if (++r->depth > MAX_DEPTH)
    return FALSE;
  r->p++;
  skip_ws (r);
  if (r->p < r->end && *r->p == '}')
    {
      r->p++;
      r->depth--;
      return TRUE;
    }
  for (;;)
    {
      Value key = { 0 };
      Value v = { 0 };

      skip_ws (r);
      if (r->p >= r->end || *r->p != '"' || !read_string (r, &key) || !expect (r, ':'))
        return FALSE;
      if (!read_value (r, &v, TRUE))
        return FALSE;
      if (key.kind != V_STRING || c->n_fields == MAX_FIELDS)
        c->unsure = TRUE;
      else
        {
          c->fields[c->n_fields].off = key.off;
          c->fields[c->n_fields].value = v;
          c->n_fields++;
        }
      skip_ws (r);
      if (r->p >= r->end)
        return FALSE;
      if (*r->p == ',')
        {
          r->p++;
          continue;
        }
      if (*r->p != '}')
        return FALSE;
      r->p++;
      r->depth--;
      return TRUE;
    }
}

/* At a change's '{': its members into @c. FALSE: not JSON. */
static gboolean
read_change_members (Reader *r,
                     Change *c)
{
  if (++r->depth > MAX_DEPTH)
    return FALSE;
  r->p++;
  skip_ws (r);
  if (r->p < r->end && *r->p == '}')
    {
      r->p++;
      r->depth--;
      return TRUE;
    }
  for (;;)
    {
      Value key = { 0 };
      const char *name;
      gboolean ok;

      skip_ws (r);
      if (r->p >= r->end || *r->p != '"' || !read_string (r, &key) || !expect (r, ':'))
        return FALSE;
      name = r->scratch->str + key.off;
      if (key.kind != V_STRING)
        {
          Value ignored = { 0 };

          c->unsure = TRUE;
          ok = read_value (r, &ignored, FALSE);
        }
      else if (strcmp (name, "entity") == 0)
        ok = read_member (r, &c->entity);
      else if (strcmp (name, "op") == 0)
        ok = read_member (r, &c->op);
      else if (strcmp (name, "id") == 0)
        ok = read_member (r, &c->id);
      else if (strcmp (name, "version") == 0)
        ok = read_member (r, &c->version);
      else if (strcmp (name, "data") == 0)
        {
          skip_ws (r);
          if (r->p < r->end && *r->p == '{')
            ok = read_data (r, c);
          else
            ok = read_member (r, &c->data);
        }
      else
        {
          Value ignored = { 0 };

          ok = read_value (r, &ignored, FALSE);
        }
      if (!ok)
        return FALSE;
      skip_ws (r);
      if (r->p >= r->end)
        return FALSE;
      if (*r->p == ',')
        {
          r->p++;
          continue;
        }
      if (*r->p != '}')
        return FALSE;
      r->p++;
      r->depth--;
      return TRUE;
    }
}

/* ------------------------------------------------------------ fields */

/* More fields in an entity's table than this: left to json-glib. */
#define MAX_TABLE_FIELDS 32

typedef struct {
  Reader      *r;
  /* `data`'s member for each field of the entity's table, NULL when it
   * has none. */
  const Value *values[MAX_TABLE_FIELDS];
} Fields;

/* Matches `data`'s members to the table's fields, in one pass over the
 * members: a server writes them in the table's order, so the next field
 * is tried first. FALSE when a field comes twice (json-glib's choice
 * between the two is left to json-glib). Members of no field are ignored,
 * as the json-glib reader ignores them. */
static gboolean
match_fields (Fields                *f,
              const Change          *c,
              const KioskRecordType *type)
{
  guint next = 0;

  if (type->n_fields > MAX_TABLE_FIELDS)
    return FALSE;
  memset (f->values, 0, sizeof f->values);
  for (guint m = 0; m < c->n_fields; m++)
    {
      const char *key = f->r->scratch->str + c->fields[m].off;

      for (guint tries = 0; tries < type->n_fields; tries++)
        {
          guint k = (next + tries) % type->n_fields;
          const KioskRecordField *field = &type->fields[k];

          if ((field->flags & KIOSK_FIELD_NO_JSON) != 0 || strcmp (field->name, key) != 0)
            continue;
          if (f->values[k] != NULL)
            return FALSE;
          f->values[k] = &c->fields[m].value;
          next = k + 1;
          break;
        }
    }
  return TRUE;
}

static inline const char *
text_of (Fields      *f,
         const Value *v)
{
  return f->r->scratch->str + v->off;
}

/* As kiosk_json_peek_string(), for values it accepts: the text, NULL when
 * missing or null (allowed unless @required). */
static gboolean
peek (Fields       *f,
      const Value  *v,
      gboolean      required,
      const char  **out)
{
  *out = NULL;
  if (v == NULL || v->kind == V_NULL)
    return !required;
  if (v->kind != V_STRING)
    return FALSE;
  *out = text_of (f, v);
  return TRUE;
}

/* One field of @record from its member @v, by the field's type
 * (kiosk-record-fields.h), when it reads exactly as kiosk-json-records.c
 * reads it; FALSE when not sure. */
static gboolean
field_fast (Fields                 *f,
            const KioskRecordField *field,
            const Value            *v,
            gpointer                record)
{
  gboolean required = (field->flags & KIOSK_FIELD_REQUIRED) != 0;
  const char *text;
  GDate d;

  if (v != NULL && v->kind == V_NULL)
    v = NULL;

  switch (field->type)
    {
    case KIOSK_FIELD_ID:      /* change_fast() takes UUID ids only */
    case KIOSK_FIELD_UUID:
      if (!peek (f, v, required, &text) || (text != NULL && !g_uuid_string_is_valid (text)))
        return FALSE;
      *kiosk_record_field_text (field, record) = g_strdup (text);
      return TRUE;

    case KIOSK_FIELD_STRING:
    case KIOSK_FIELD_INSTANT:
      if (!peek (f, v, required, &text))
        return FALSE;
      *kiosk_record_field_text (field, record) = g_strdup (text != NULL ? text : field->fallback_text);
      return TRUE;

    case KIOSK_FIELD_DATE:
      if (!peek (f, v, required, &text) || (text != NULL && !kiosk_date_parse (text, &d)))
        return FALSE;
      *kiosk_record_field_text (field, record) = g_strdup (text);
      return TRUE;

    case KIOSK_FIELD_TIME:
      if (!peek (f, v, required, &text))
        return FALSE;
      *kiosk_record_field_int (field, record) = 0;
      return text == NULL || kiosk_time_parse (text, kiosk_record_field_int (field, record));

    case KIOSK_FIELD_MONEY:
      if (!peek (f, v, required, &text))
        return FALSE;
      *kiosk_record_field_int64 (field, record) = 0;
      return text == NULL || kiosk_money_parse (text, kiosk_record_field_int64 (field, record));

    case KIOSK_FIELD_INT:
    case KIOSK_FIELD_INT64:
      if (v == NULL ? required : (v->kind != V_INT || v->i < field->min || v->i > field->max))
        return FALSE;
      if (field->type == KIOSK_FIELD_INT)
        *kiosk_record_field_int (field, record) = v != NULL ? (int) v->i : 0;
      else
        *kiosk_record_field_int64 (field, record) = v != NULL ? v->i : 0;
      return TRUE;

    case KIOSK_FIELD_BOOL:
      if (v == NULL ? required : (v->kind != V_TRUE && v->kind != V_FALSE))
        return FALSE;
      *kiosk_record_field_int (field, record) = v != NULL ? v->kind == V_TRUE : field->fallback;
      return TRUE;

    case KIOSK_FIELD_ENUM:
      if (!peek (f, v, required, &text))
        return FALSE;
      *kiosk_record_field_int (field, record) = 0;
      return text == NULL || kiosk_enum_from_string (field->enum_type, text, kiosk_record_field_int (field, record));

    case KIOSK_FIELD_ID_LIST:   /* nested values are skipped, not kept */
    default:
      return FALSE;
    }
}

/* The record of @entity from `data` when every field reads as the json-glib
 * reader would read it, else NULL. Fields with rules between them
 * (working hours') are left to json-glib. */
static gpointer
record_fast (Reader       *r,
             const Change *c,
             KioskEntity   entity,
             gint64        version)
{
  const KioskRecordType *type = kiosk_record_type_get (entity);
  Fields f;
  gpointer record;

  f.r = r;
  if (!match_fields (&f, c, type))
    return NULL;
  record = kiosk_record_new (entity);
  for (guint i = 0; i < type->n_fields; i++)
    {
      const KioskRecordField *field = &type->fields[i];

      if ((field->flags & KIOSK_FIELD_NO_JSON) != 0)
        continue;
      if (field->required_if != NULL || field->check != NULL || !field_fast (&f, field, f.values[i], record))
        {
          kiosk_record_free (entity, record);
          return NULL;
        }
    }
  kiosk_record_set_version (entity, record, version);
  return record;
}

/* The change the fast path is certain of, or NULL. */
static KioskChange *
change_fast (Reader *r,
             Change *c)
{
  g_autoptr(KioskChange) change = NULL;
  const char *entity_name, *op, *id;
  const KioskRecordType *type;
  KioskEntity entity;
  gboolean is_delete;

  if (c->unsure ||
      c->entity.count != 1 || c->entity.kind != V_STRING ||
      c->op.count != 1 || c->op.kind != V_STRING ||
      c->id.count != 1 || c->id.kind != V_STRING ||
      c->version.count != 1 || c->version.kind != V_INT || c->version.i < 1 ||
      c->data.count > 1)
    return NULL;

  entity_name = r->scratch->str + c->entity.off;
  op = r->scratch->str + c->op.off;
  id = r->scratch->str + c->id.off;
  entity = kiosk_entity_from_string (entity_name);
  type = kiosk_record_type_get (entity);
  /* Unknown entities, and ids of another form (working hours'), are
   * json-glib's. */
  if (type == NULL || type->id_form != KIOSK_ID_UUID || !g_uuid_string_is_valid (id))
    return NULL;
  if (strcmp (op, "delete") == 0)
    is_delete = TRUE;
  else if (strcmp (op, "upsert") == 0)
    is_delete = FALSE;
  else
    return NULL;

  change = g_new0 (KioskChange, 1);
  change->entity = entity;
  change->version = c->version.i;
  change->is_delete = is_delete;
  if (!is_delete)
    {
      if (c->data.kind != V_OBJECT)
        return NULL;
      change->record = record_fast (r, c, entity, c->version.i);
      if (change->record == NULL ||
          strcmp (kiosk_record_get_id (entity, change->record), id) != 0)
        return NULL;
    }
  change->entity_name = g_strdup (entity_name);
  change->id = g_strdup (id);
  return g_steal_pointer (&change);
}

/* ------------------------------------------------------------- pages */

/* FALSE: the page is not clean JSON with the three members (or has them
 * twice): json-glib's reader says what is wrong. */
static gboolean
read_page (Reader        *r,
           KioskFeedPage *page)
{
  gboolean has_changes = FALSE, has_cursor = FALSE, has_more = FALSE;

  if (!expect (r, '{'))
    return FALSE;
  r->depth = 1;
  skip_ws (r);
  if (r->p < r->end && *r->p == '}')
    return FALSE;   /* no members: no changes */
  for (;;)
    {
      Value key = { 0 };
      const char *name;

      g_string_truncate (r->scratch, 0);
      skip_ws (r);
      if (r->p >= r->end || *r->p != '"' || !read_string (r, &key) || !expect (r, ':'))
        return FALSE;
      name = r->scratch->str + key.off;
      if (key.kind != V_STRING)
        return FALSE;

      if (strcmp (name, "changes") == 0)
        {
          if (has_changes || !expect (r, '['))
            return FALSE;
          has_changes = TRUE;
          if (++r->depth > MAX_DEPTH)
            return FALSE;
          skip_ws (r);
          if (r->p < r->end && *r->p == ']')
            r->p++;
          else
            for (;;)
              {
                const char *start;
                KioskChange *change = NULL;

                skip_ws (r);
                start = r->p;
                if (r->p < r->end && *r->p == '{')
                  {
                    Change c;

                    /* Only the members that matter are cleared. */
                    memset (&c, 0, G_STRUCT_OFFSET (Change, fields));
                    c.n_fields = 0;
                    c.unsure = FALSE;
                    g_string_truncate (r->scratch, 0);
                    if (!read_change_members (r, &c))
                      return FALSE;
                    change = change_fast (r, &c);
                  }
                else
                  {
                    Value ignored = { 0 };

                    if (!read_value (r, &ignored, FALSE))
                      return FALSE;
                  }
                if (change == NULL)
                  change = kiosk_json_read_change_text (start, (gsize) (r->p - start));
                g_ptr_array_add (page->changes, change);

                skip_ws (r);
                if (r->p >= r->end)
                  return FALSE;
                if (*r->p == ',')
                  {
                    r->p++;
                    continue;
                  }
                if (*r->p != ']')
                  return FALSE;
                r->p++;
                break;
              }
          r->depth--;
        }
      else if (strcmp (name, "cursor") == 0)
        {
          Value v = { 0 };

          if (has_cursor)
            return FALSE;
          has_cursor = TRUE;
          skip_ws (r);
          if (r->p >= r->end || *r->p != '"' || !read_string (r, &v) || v.kind != V_STRING)
            return FALSE;
          /* Too long: the slow reader says why. */
          if (strlen (r->scratch->str + v.off) > KIOSK_FEED_MAX_CURSOR)
            return FALSE;
          page->cursor = g_strdup (r->scratch->str + v.off);
        }
      else if (strcmp (name, "has_more") == 0)
        {
          Value v = { 0 };

          if (has_more || !read_value (r, &v, FALSE) || (v.kind != V_TRUE && v.kind != V_FALSE))
            return FALSE;
          has_more = TRUE;
          page->has_more = v.kind == V_TRUE;
        }
      else
        {
          Value ignored = { 0 };

          if (!read_value (r, &ignored, FALSE))
            return FALSE;
        }

      skip_ws (r);
      if (r->p >= r->end)
        return FALSE;
      if (*r->p == ',')
        {
          r->p++;
          continue;
        }
      if (*r->p != '}')
        return FALSE;
      r->p++;
      break;
    }
  skip_ws (r);
  return r->p == r->end && has_changes && has_cursor && has_more;
}

KioskFeedPage *
kiosk_feed_reader_parse_page (const char  *body,
                              gssize       length,
                              GError     **error)
{
  g_autoptr(KioskFeedPage) page = NULL;
  g_autoptr(GString) scratch = NULL;
  gsize len;
  Reader r;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (body == NULL)
    return kiosk_json_parse_feed_page (body, length, error);
  len = length < 0 ? strlen (body) : (gsize) length;
  if (!g_utf8_validate_len (body, len, NULL))
    return kiosk_json_parse_feed_page (body, length, error);

  scratch = g_string_sized_new (4096);
  r.p = body;
  r.end = body + len;
  r.depth = 0;
  r.scratch = scratch;

  page = g_new0 (KioskFeedPage, 1);
  page->changes = g_ptr_array_new_full (1024, (GDestroyNotify) kiosk_change_free);
  if (!read_page (&r, page))
    return kiosk_json_parse_feed_page (body, length, error);
  return g_steal_pointer (&page);
}
