"""A pool's budget never goes below what it has already granted, by the database itself.

The constraint trigger `pool_budget_covers_granted` refuses to change a pool's budget to less
than the sum granted from it (or to unset it once something is granted), whatever makes the
change (the admin, a service, the data file, a bulk `update()`). The statuses are those of
`puljer.models.GRANTED_STATUSES`; `puljer.services.pool_budget_check` is the same rule, checked
first so that the admin can show it on the form.
"""

from django.db import migrations

CREATE = """
CREATE FUNCTION puljer_pool_budget_covers_granted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    granted bigint;
BEGIN
    SELECT coalesce(sum(a.amount_granted), 0) INTO granted
    FROM puljer_application a JOIN puljer_round r ON r.id = a.round_id
    WHERE r.pool_id = NEW.id
      AND a.status IN ('granted', 'partially_granted', 'report_due', 'reported',
                       'report_approved');
    IF granted > 0 AND (NEW.budget IS NULL OR NEW.budget < granted) THEN
        RAISE EXCEPTION 'pool_budget_covers_granted: pool % budget % is below % granted',
            NEW.id, coalesce(NEW.budget::text, 'unset'), granted
            USING ERRCODE = 'check_violation', CONSTRAINT = 'pool_budget_covers_granted';
    END IF;
    RETURN NULL;
END;
$$;
CREATE CONSTRAINT TRIGGER pool_budget_covers_granted
AFTER UPDATE OF budget ON puljer_pool
FOR EACH ROW WHEN (NEW.budget IS DISTINCT FROM OLD.budget)
EXECUTE FUNCTION puljer_pool_budget_covers_granted();
"""

DROP = """
DROP TRIGGER pool_budget_covers_granted ON puljer_pool;
DROP FUNCTION puljer_pool_budget_covers_granted();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("puljer", "0003_data_version_scope"),
    ]

    operations = [
        migrations.RunSQL(CREATE, DROP),
    ]
