# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""Change capture (docs/change-feed.md): PostgreSQL triggers on today's
Salonity tables and on the app's own append every change to the feed of
each salon that sees the row, in the writer's transaction, whoever writes
(the kiosk API, upstream's endpoints, the admin, QuerySet.update(), bulk
operations, raw SQL). PostgreSQL only.

Table names come from the migration state (db_table), so a host whose
tables are named differently still gets its triggers; column names are
upstream's (kesknahmet/salonity).
"""

from django.conf import settings
from django.db import migrations

# Every function and trigger this migration makes, for the reverse.
FUNCTIONS = [
    "salonity_kiosk_emit(uuid, text, text, text)",
    "salonity_kiosk_emit_customer(uuid, text, text, text)",
    "salonity_kiosk_present(uuid, uuid)",
    "salonity_kiosk_during(date, time, time)",
    "salonity_kiosk_tg_presence()",
    "salonity_kiosk_tg_salon()",
    "salonity_kiosk_tg_salon_options()",
    "salonity_kiosk_tg_working_hours()",
    "salonity_kiosk_tg_category()",
    "salonity_kiosk_tg_service()",
    "salonity_kiosk_tg_employee()",
    "salonity_kiosk_tg_service_employee()",
    "salonity_kiosk_tg_customer()",
    "salonity_kiosk_tg_user()",
    "salonity_kiosk_tg_point_entry()",
    "salonity_kiosk_tg_appointment()",
    "salonity_kiosk_tg_appointment_extra()",
    "salonity_kiosk_tg_walkin()",
]

# (trigger name, table key)
TRIGGERS = [
    ("salonity_kiosk_presence", "presence"),
    ("salonity_kiosk_salon_ins", "salon"),
    ("salonity_kiosk_salon_upd", "salon"),
    ("salonity_kiosk_salon_options", "salon_options"),
    ("salonity_kiosk_working_hours_ins_del", "working_hours"),
    ("salonity_kiosk_working_hours_upd", "working_hours"),
    ("salonity_kiosk_category_upd", "category"),
    ("salonity_kiosk_category_del", "category"),
    ("salonity_kiosk_service_ins_del", "service"),
    ("salonity_kiosk_service_upd", "service"),
    ("salonity_kiosk_employee_ins_del", "employee"),
    ("salonity_kiosk_employee_upd", "employee"),
    ("salonity_kiosk_service_employee", "service_employee"),
    ("salonity_kiosk_customer_upd", "customer"),
    ("salonity_kiosk_customer_del", "customer"),
    ("salonity_kiosk_user_upd", "user"),
    ("salonity_kiosk_point_entry", "point_entry"),
    ("salonity_kiosk_appointment_ins_del", "appointment"),
    ("salonity_kiosk_appointment_upd", "appointment"),
    ("salonity_kiosk_appointment_extra", "appointment_extra"),
    ("salonity_kiosk_walkin_ins_del", "walkin"),
    ("salonity_kiosk_walkin_upd", "walkin"),
]

# The statuses in which an appointment holds its employee's time; the same
# list as salonity_kiosk.booking.LIVE_STATUSES.
LIVE = "('pending', 'confirmed', 'completed')"

SQL = r"""
CREATE EXTENSION IF NOT EXISTS btree_gist;

ALTER TABLE {booked} ADD COLUMN during tsrange NOT NULL;
ALTER TABLE {booked} ADD CONSTRAINT salonity_kiosk_no_double_booking
    EXCLUDE USING gist (employee_id WITH =, during WITH &&);

-- A page of the log is an index range scan on (salon_id, seq) (the unique
-- constraint); trimming by age reads this small BRIN index (the log is
-- appended in time order).
CREATE INDEX salonity_kiosk_change_age ON {change} USING brin (created_at);

-- Appends one change to a salon's feed. The UPDATE of the salon's counter
-- row holds that row's lock until the transaction ends, so the salon's
-- writers take their seqs and commit one after the other: a reader that has
-- seen seq N never later finds a smaller seq committed.
CREATE FUNCTION salonity_kiosk_emit(p_salon uuid, p_entity text, p_row text, p_op text)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_seq bigint;
BEGIN
    IF p_salon IS NULL OR p_row IS NULL THEN
        RETURN;
    END IF;
    UPDATE {feed} SET last_seq = last_seq + 1 WHERE salon_id = p_salon
        RETURNING last_seq INTO v_seq;
    IF NOT FOUND THEN
        INSERT INTO {feed} AS f (salon_id, last_seq, trimmed_seq) VALUES (p_salon, 1, 0)
            ON CONFLICT (salon_id) DO UPDATE SET last_seq = f.last_seq + 1
            RETURNING last_seq INTO v_seq;
    END IF;
    INSERT INTO {change} (salon_id, seq, entity, row_id, op, created_at)
        VALUES (p_salon, v_seq, p_entity, p_row, p_op, now());
    INSERT INTO {rowversion} AS r (salon_id, entity, row_id, seq, op)
        VALUES (p_salon, p_entity, p_row, v_seq, p_op)
        ON CONFLICT (salon_id, entity, row_id) DO UPDATE SET seq = EXCLUDED.seq, op = EXCLUDED.op;
    -- Delivered at commit; identical payloads of one transaction are merged.
    PERFORM pg_notify('salonity_kiosk', p_salon::text);
END $$;

-- A customer is global upstream: a change of one goes to every salon that
-- sees them (in salon order, the same order every writer locks in).
CREATE FUNCTION salonity_kiosk_emit_customer(p_customer uuid, p_entity text, p_row text, p_op text)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_salon uuid;
BEGIN
    FOR v_salon IN SELECT salon_id FROM {presence} WHERE customer_id = p_customer ORDER BY salon_id LOOP
        PERFORM salonity_kiosk_emit(v_salon, p_entity, p_row, p_op);
    END LOOP;
END $$;

CREATE FUNCTION salonity_kiosk_present(p_customer uuid, p_salon uuid)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF p_customer IS NULL OR p_salon IS NULL THEN
        RETURN;
    END IF;
    INSERT INTO {presence} (customer_id, salon_id, created_at) VALUES (p_customer, p_salon, now())
        ON CONFLICT (customer_id, salon_id) DO NOTHING;
END $$;

-- A customer who comes to a salon's feed brings their point history.
CREATE FUNCTION salonity_kiosk_tg_presence() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    v_id uuid;
BEGIN
    PERFORM salonity_kiosk_emit(NEW.salon_id, 'customer', NEW.customer_id::text, 'upsert');
    FOR v_id IN SELECT id FROM {point_entry} WHERE customer_id = NEW.customer_id ORDER BY id LOOP
        PERFORM salonity_kiosk_emit(NEW.salon_id, 'point_entry', v_id::text, 'upsert');
    END LOOP;
    RETURN NULL;
END $$;

-- An appointment's booked time as a range of the salon's wall clock; one
-- that ends before it starts ran past midnight (upstream's save() wraps).
CREATE FUNCTION salonity_kiosk_during(p_date date, p_start time, p_end time)
RETURNS tsrange LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE
        WHEN p_date IS NULL OR p_start IS NULL OR p_end IS NULL THEN NULL
        WHEN p_end >= p_start THEN tsrange(p_date + p_start, p_date + p_end, '[)')
        ELSE tsrange(p_date + p_start, (p_date + 1) + p_end, '[)')
    END
$$;

CREATE FUNCTION salonity_kiosk_tg_salon() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM salonity_kiosk_emit(NEW.id, 'salon', NEW.id::text, 'upsert');
    RETURN NULL;
END $$;

CREATE FUNCTION salonity_kiosk_tg_salon_options() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM salonity_kiosk_emit(OLD.salon_id, 'salon', OLD.salon_id::text, 'upsert');
    ELSE
        PERFORM salonity_kiosk_emit(NEW.salon_id, 'salon', NEW.salon_id::text, 'upsert');
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION salonity_kiosk_tg_working_hours() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM salonity_kiosk_emit(OLD.salon_id, 'working_hours',
                                    OLD.salon_id::text || ':' || OLD.day_of_week, 'delete');
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        IF (OLD.salon_id, OLD.day_of_week) IS DISTINCT FROM (NEW.salon_id, NEW.day_of_week) THEN
            PERFORM salonity_kiosk_emit(OLD.salon_id, 'working_hours',
                                        OLD.salon_id::text || ':' || OLD.day_of_week, 'delete');
        END IF;
    END IF;
    PERFORM salonity_kiosk_emit(NEW.salon_id, 'working_hours',
                                NEW.salon_id::text || ':' || NEW.day_of_week, 'upsert');
    RETURN NULL;
END $$;

-- Categories are global upstream: a salon sees those of its services.
CREATE FUNCTION salonity_kiosk_tg_category() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    v_salon uuid;
    v_id uuid;
BEGIN
    IF TG_OP = 'DELETE' THEN
        v_id := OLD.id;
    ELSE
        v_id := NEW.id;
    END IF;
    FOR v_salon IN SELECT DISTINCT salon_id FROM {service} WHERE category_id = v_id ORDER BY salon_id LOOP
        PERFORM salonity_kiosk_emit(v_salon, 'category', v_id::text,
                                    CASE WHEN TG_OP = 'DELETE' THEN 'delete' ELSE 'upsert' END);
    END LOOP;
    RETURN NULL;
END $$;

CREATE FUNCTION salonity_kiosk_tg_service() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM salonity_kiosk_emit(OLD.salon_id, 'service', OLD.id::text, 'delete');
    ELSE
        IF TG_OP = 'UPDATE' THEN
            IF OLD.salon_id IS DISTINCT FROM NEW.salon_id THEN
                PERFORM salonity_kiosk_emit(OLD.salon_id, 'service', OLD.id::text, 'delete');
            END IF;
        END IF;
        PERFORM salonity_kiosk_emit(NEW.salon_id, 'service', NEW.id::text, 'upsert');
        -- The service's category comes with it (a repeat is harmless).
        IF TG_OP = 'INSERT' THEN
            PERFORM salonity_kiosk_emit(NEW.salon_id, 'category', NEW.category_id::text, 'upsert');
        ELSIF (OLD.salon_id, OLD.category_id) IS DISTINCT FROM (NEW.salon_id, NEW.category_id) THEN
            PERFORM salonity_kiosk_emit(NEW.salon_id, 'category', NEW.category_id::text, 'upsert');
        END IF;
    END IF;
    -- A category the salon no longer uses leaves its feed. The check runs
    -- after the emit above took the salon's lock, so it sees every other
    -- writer of this salon's services that committed before us.
    IF TG_OP <> 'INSERT' THEN
        IF TG_OP = 'DELETE' OR (OLD.salon_id, OLD.category_id) IS DISTINCT FROM (NEW.salon_id, NEW.category_id) THEN
            IF NOT EXISTS (SELECT 1 FROM {service} WHERE salon_id = OLD.salon_id
                           AND category_id = OLD.category_id) THEN
                PERFORM salonity_kiosk_emit(OLD.salon_id, 'category', OLD.category_id::text, 'delete');
            END IF;
        END IF;
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION salonity_kiosk_tg_employee() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM salonity_kiosk_emit(OLD.salon_id, 'employee', OLD.id::text, 'delete');
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        IF OLD.salon_id IS DISTINCT FROM NEW.salon_id THEN
            PERFORM salonity_kiosk_emit(OLD.salon_id, 'employee', OLD.id::text, 'delete');
        END IF;
    END IF;
    PERFORM salonity_kiosk_emit(NEW.salon_id, 'employee', NEW.id::text, 'upsert');
    RETURN NULL;
END $$;

-- An employee's `services` (§3.4) are their service links.
CREATE FUNCTION salonity_kiosk_tg_service_employee() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM salonity_kiosk_emit((SELECT salon_id FROM {employee} WHERE id = OLD.employee_id),
                                    'employee', OLD.employee_id::text, 'upsert');
    END IF;
    IF TG_OP <> 'DELETE' THEN
        IF TG_OP = 'INSERT' OR OLD.employee_id IS DISTINCT FROM NEW.employee_id THEN
            PERFORM salonity_kiosk_emit((SELECT salon_id FROM {employee} WHERE id = NEW.employee_id),
                                        'employee', NEW.employee_id::text, 'upsert');
        END IF;
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION salonity_kiosk_tg_customer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM salonity_kiosk_emit_customer(OLD.id, 'customer', OLD.id::text, 'delete');
        DELETE FROM {presence} WHERE customer_id = OLD.id;
    ELSE
        PERFORM salonity_kiosk_emit_customer(NEW.id, 'customer', NEW.id::text, 'upsert');
    END IF;
    RETURN NULL;
END $$;

-- A customer's first and last name live on their user.
CREATE FUNCTION salonity_kiosk_tg_user() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    v_id uuid;
BEGIN
    FOR v_id IN SELECT id FROM {customer} WHERE user_id = NEW.{user_pk} LOOP
        PERFORM salonity_kiosk_emit_customer(v_id, 'customer', v_id::text, 'upsert');
    END LOOP;
    RETURN NULL;
END $$;

CREATE FUNCTION salonity_kiosk_tg_point_entry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM salonity_kiosk_emit_customer(OLD.customer_id, 'point_entry', OLD.id::text, 'delete');
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        IF OLD.customer_id IS DISTINCT FROM NEW.customer_id THEN
            PERFORM salonity_kiosk_emit_customer(OLD.customer_id, 'point_entry', OLD.id::text, 'delete');
        END IF;
    END IF;
    PERFORM salonity_kiosk_emit_customer(NEW.customer_id, 'point_entry', NEW.id::text, 'upsert');
    RETURN NULL;
END $$;

CREATE FUNCTION salonity_kiosk_tg_appointment() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    v_old_key text;
    v_new_key text;
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM salonity_kiosk_emit(OLD.salon_id, 'appointment', OLD.id::text, 'delete');
        DELETE FROM {booked} WHERE appointment_id = OLD.id;
        RETURN NULL;
    END IF;
    -- The customer first: a kiosk gets them no later than their appointment.
    PERFORM salonity_kiosk_present(NEW.customer_id, NEW.salon_id);
    IF TG_OP = 'UPDATE' THEN
        IF OLD.salon_id IS DISTINCT FROM NEW.salon_id THEN
            PERFORM salonity_kiosk_emit(OLD.salon_id, 'appointment', OLD.id::text, 'delete');
        END IF;
    END IF;
    PERFORM salonity_kiosk_emit(NEW.salon_id, 'appointment', NEW.id::text, 'upsert');

    -- The employee's booked time. ON CONFLICT DO NOTHING: a write made
    -- outside the kiosk API (upstream's booking, the admin) is never
    -- refused here, as upstream never refused it; the kiosk's booking
    -- inserts its interval itself, before the appointment, and is refused.
    v_new_key := CASE WHEN NEW.employee_id IS NOT NULL AND NEW.status IN {live}
                      THEN concat_ws('|', NEW.employee_id, NEW.appointment_date, NEW.appointment_time, NEW.end_time)
                 END;
    IF TG_OP = 'UPDATE' THEN
        v_old_key := CASE WHEN OLD.employee_id IS NOT NULL AND OLD.status IN {live}
                          THEN concat_ws('|', OLD.employee_id, OLD.appointment_date, OLD.appointment_time, OLD.end_time)
                     END;
        IF v_old_key IS NOT DISTINCT FROM v_new_key THEN
            RETURN NULL;
        END IF;
        DELETE FROM {booked} WHERE appointment_id = NEW.id;
    END IF;
    IF v_new_key IS NOT NULL THEN
        INSERT INTO {booked} (appointment_id, employee_id, during)
        SELECT NEW.id, NEW.employee_id,
               salonity_kiosk_during(NEW.appointment_date, NEW.appointment_time, NEW.end_time)
        WHERE salonity_kiosk_during(NEW.appointment_date, NEW.appointment_time, NEW.end_time) IS NOT NULL
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION salonity_kiosk_tg_appointment_extra() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    v_id uuid;
BEGIN
    IF TG_OP = 'DELETE' THEN
        v_id := OLD.appointment_id;
    ELSE
        v_id := NEW.appointment_id;
    END IF;
    -- Gone with its appointment (a cascade), nothing to say: the
    -- appointment's own delete sends the tombstone.
    PERFORM salonity_kiosk_emit((SELECT salon_id FROM {appointment} WHERE id = v_id),
                                'appointment', v_id::text, 'upsert');
    RETURN NULL;
END $$;

CREATE FUNCTION salonity_kiosk_tg_walkin() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM salonity_kiosk_emit(OLD.salon_id, 'walkin', OLD.id::text, 'delete');
        RETURN NULL;
    END IF;
    PERFORM salonity_kiosk_present(NEW.customer_id, NEW.salon_id);
    IF TG_OP = 'UPDATE' THEN
        IF OLD.salon_id IS DISTINCT FROM NEW.salon_id THEN
            PERFORM salonity_kiosk_emit(OLD.salon_id, 'walkin', OLD.id::text, 'delete');
        END IF;
    END IF;
    PERFORM salonity_kiosk_emit(NEW.salon_id, 'walkin', NEW.id::text, 'upsert');
    RETURN NULL;
END $$;

-- What exists today: customers are in the feeds of the salons of their
-- appointments, and every live appointment with an employee holds its
-- time (the first one booked wins where old data overlaps). No change is
-- logged for old rows: a snapshot reads them (docs/change-feed.md).
INSERT INTO {presence} (customer_id, salon_id, created_at)
    SELECT DISTINCT customer_id, salon_id, now() FROM {appointment}
    ON CONFLICT DO NOTHING;
INSERT INTO {booked} (appointment_id, employee_id, during)
    SELECT id, employee_id, salonity_kiosk_during(appointment_date, appointment_time, end_time)
    FROM {appointment}
    WHERE employee_id IS NOT NULL AND status IN {live}
      AND salonity_kiosk_during(appointment_date, appointment_time, end_time) IS NOT NULL
    ORDER BY created_at, id
    ON CONFLICT DO NOTHING;

-- The triggers. An UPDATE trigger fires only when a field the feed serves
-- changed (not on every save(), which rewrites every column).
CREATE TRIGGER salonity_kiosk_presence AFTER INSERT ON {presence}
    FOR EACH ROW EXECUTE FUNCTION salonity_kiosk_tg_presence();

CREATE TRIGGER salonity_kiosk_salon_ins AFTER INSERT ON {salon}
    FOR EACH ROW EXECUTE FUNCTION salonity_kiosk_tg_salon();
CREATE TRIGGER salonity_kiosk_salon_upd AFTER UPDATE ON {salon}
    FOR EACH ROW WHEN ((OLD.name, OLD.address, OLD.city, OLD.district, OLD.phone,
                        OLD.opening_time, OLD.closing_time)
                       IS DISTINCT FROM
                       (NEW.name, NEW.address, NEW.city, NEW.district, NEW.phone,
                        NEW.opening_time, NEW.closing_time))
    EXECUTE FUNCTION salonity_kiosk_tg_salon();

CREATE TRIGGER salonity_kiosk_salon_options AFTER INSERT OR UPDATE OR DELETE ON {salon_options}
    FOR EACH ROW EXECUTE FUNCTION salonity_kiosk_tg_salon_options();

CREATE TRIGGER salonity_kiosk_working_hours_ins_del AFTER INSERT OR DELETE ON {working_hours}
    FOR EACH ROW EXECUTE FUNCTION salonity_kiosk_tg_working_hours();
CREATE TRIGGER salonity_kiosk_working_hours_upd AFTER UPDATE ON {working_hours}
    FOR EACH ROW WHEN ((OLD.salon_id, OLD.day_of_week, OLD.opening_time, OLD.closing_time, OLD.is_closed)
                       IS DISTINCT FROM
                       (NEW.salon_id, NEW.day_of_week, NEW.opening_time, NEW.closing_time, NEW.is_closed))
    EXECUTE FUNCTION salonity_kiosk_tg_working_hours();

CREATE TRIGGER salonity_kiosk_category_upd AFTER UPDATE ON {category}
    FOR EACH ROW WHEN ((OLD.name, OLD.description, OLD.icon) IS DISTINCT FROM (NEW.name, NEW.description, NEW.icon))
    EXECUTE FUNCTION salonity_kiosk_tg_category();
CREATE TRIGGER salonity_kiosk_category_del AFTER DELETE ON {category}
    FOR EACH ROW EXECUTE FUNCTION salonity_kiosk_tg_category();

CREATE TRIGGER salonity_kiosk_service_ins_del AFTER INSERT OR DELETE ON {service}
    FOR EACH ROW EXECUTE FUNCTION salonity_kiosk_tg_service();
CREATE TRIGGER salonity_kiosk_service_upd AFTER UPDATE ON {service}
    FOR EACH ROW WHEN ((OLD.salon_id, OLD.category_id, OLD.name, OLD.description, OLD.price,
                        OLD.duration, OLD.is_active)
                       IS DISTINCT FROM
                       (NEW.salon_id, NEW.category_id, NEW.name, NEW.description, NEW.price,
                        NEW.duration, NEW.is_active))
    EXECUTE FUNCTION salonity_kiosk_tg_service();

CREATE TRIGGER salonity_kiosk_employee_ins_del AFTER INSERT OR DELETE ON {employee}
    FOR EACH ROW EXECUTE FUNCTION salonity_kiosk_tg_employee();
CREATE TRIGGER salonity_kiosk_employee_upd AFTER UPDATE ON {employee}
    FOR EACH ROW WHEN ((OLD.salon_id, OLD.name, OLD.position, OLD.is_active)
                       IS DISTINCT FROM (NEW.salon_id, NEW.name, NEW.position, NEW.is_active))
    EXECUTE FUNCTION salonity_kiosk_tg_employee();

CREATE TRIGGER salonity_kiosk_service_employee AFTER INSERT OR UPDATE OR DELETE ON {service_employee}
    FOR EACH ROW EXECUTE FUNCTION salonity_kiosk_tg_service_employee();

CREATE TRIGGER salonity_kiosk_customer_upd AFTER UPDATE ON {customer}
    FOR EACH ROW WHEN ((OLD.phone, OLD.loyalty_level, OLD.total_points, OLD.current_points,
                        OLD.total_spent, OLD.total_visits, OLD.user_id)
                       IS DISTINCT FROM
                       (NEW.phone, NEW.loyalty_level, NEW.total_points, NEW.current_points,
                        NEW.total_spent, NEW.total_visits, NEW.user_id))
    EXECUTE FUNCTION salonity_kiosk_tg_customer();
CREATE TRIGGER salonity_kiosk_customer_del AFTER DELETE ON {customer}
    FOR EACH ROW EXECUTE FUNCTION salonity_kiosk_tg_customer();

CREATE TRIGGER salonity_kiosk_user_upd AFTER UPDATE ON {user}
    FOR EACH ROW WHEN ((OLD.first_name, OLD.last_name) IS DISTINCT FROM (NEW.first_name, NEW.last_name))
    EXECUTE FUNCTION salonity_kiosk_tg_user();

CREATE TRIGGER salonity_kiosk_point_entry AFTER INSERT OR UPDATE OR DELETE ON {point_entry}
    FOR EACH ROW EXECUTE FUNCTION salonity_kiosk_tg_point_entry();

CREATE TRIGGER salonity_kiosk_appointment_ins_del AFTER INSERT OR DELETE ON {appointment}
    FOR EACH ROW EXECUTE FUNCTION salonity_kiosk_tg_appointment();
CREATE TRIGGER salonity_kiosk_appointment_upd AFTER UPDATE ON {appointment}
    FOR EACH ROW WHEN ((OLD.salon_id, OLD.customer_id, OLD.service_id, OLD.employee_id,
                        OLD.appointment_date, OLD.appointment_time, OLD.end_time, OLD.status,
                        OLD.notes, OLD.price)
                       IS DISTINCT FROM
                       (NEW.salon_id, NEW.customer_id, NEW.service_id, NEW.employee_id,
                        NEW.appointment_date, NEW.appointment_time, NEW.end_time, NEW.status,
                        NEW.notes, NEW.price))
    EXECUTE FUNCTION salonity_kiosk_tg_appointment();

CREATE TRIGGER salonity_kiosk_appointment_extra AFTER INSERT OR UPDATE OR DELETE ON {appointment_extra}
    FOR EACH ROW EXECUTE FUNCTION salonity_kiosk_tg_appointment_extra();

CREATE TRIGGER salonity_kiosk_walkin_ins_del AFTER INSERT OR DELETE ON {walkin}
    FOR EACH ROW EXECUTE FUNCTION salonity_kiosk_tg_walkin();
CREATE TRIGGER salonity_kiosk_walkin_upd AFTER UPDATE ON {walkin}
    FOR EACH ROW WHEN ((OLD.salon_id, OLD.customer_id, OLD.name, OLD.phone, OLD.service_id,
                        OLD.preferred_employee_id, OLD.employee_id, OLD.status, OLD.arrived_at,
                        OLD.called_at, OLD.finished_at)
                       IS DISTINCT FROM
                       (NEW.salon_id, NEW.customer_id, NEW.name, NEW.phone, NEW.service_id,
                        NEW.preferred_employee_id, NEW.employee_id, NEW.status, NEW.arrived_at,
                        NEW.called_at, NEW.finished_at))
    EXECUTE FUNCTION salonity_kiosk_tg_walkin();
"""


def _tables(apps):
    def table(label, model):
        return apps.get_model(label, model)._meta.db_table

    user_label, user_model = settings.AUTH_USER_MODEL.split(".")
    user = apps.get_model(user_label, user_model)
    return {
        "salon": table("salons", "Salon"),
        "employee": table("salons", "SalonEmployee"),
        "working_hours": table("salons", "SalonWorkingHours"),
        "category": table("services", "ServiceCategory"),
        "service": table("services", "Service"),
        "service_employee": table("services", "ServiceEmployee"),
        "customer": table("customers", "Customer"),
        "point_entry": table("customers", "PointHistory"),
        "appointment": table("appointments", "Appointment"),
        "user": user._meta.db_table,
        "user_pk": user._meta.pk.column,
        "feed": table("salonity_kiosk", "SalonFeed"),
        "change": table("salonity_kiosk", "Change"),
        "rowversion": table("salonity_kiosk", "RowVersion"),
        "presence": table("salonity_kiosk", "CustomerSalon"),
        "booked": table("salonity_kiosk", "BookedInterval"),
        "salon_options": table("salonity_kiosk", "SalonOptions"),
        "appointment_extra": table("salonity_kiosk", "AppointmentExtra"),
        "walkin": table("salonity_kiosk", "WalkIn"),
    }


def install(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        raise RuntimeError("salonity_kiosk needs PostgreSQL (its change feed is made by triggers)")
    names = _tables(apps)
    schema_editor.execute(SQL.format(live=LIVE, **names))


def uninstall(apps, schema_editor):
    names = _tables(apps)
    for trigger, table in TRIGGERS:
        schema_editor.execute("DROP TRIGGER IF EXISTS %s ON %s" % (trigger, names[table]))
    for function in FUNCTIONS:
        schema_editor.execute("DROP FUNCTION IF EXISTS %s" % function)
    schema_editor.execute("DROP INDEX IF EXISTS salonity_kiosk_change_age")
    schema_editor.execute("ALTER TABLE %s DROP CONSTRAINT IF EXISTS salonity_kiosk_no_double_booking"
                          % names["booked"])
    schema_editor.execute("ALTER TABLE %s DROP COLUMN IF EXISTS during" % names["booked"])


class Migration(migrations.Migration):

    dependencies = [
        ("salonity_kiosk", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(install, uninstall),
    ]
