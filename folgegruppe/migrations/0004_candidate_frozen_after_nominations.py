"""A candidate's details are frozen once nominations have closed, by the database itself.

The trigger `candidate_frozen` refuses an update of a candidate's name, address, presentation,
association, nominator or election unless the election is open for nominations and its deadline
has not passed, whatever makes the change (a service, the admin, a command, a bulk `update()`).

The one way past it is for GDPR: `folgegruppe.services.candidates_blank_for_anonymise` turns on
the transaction-local setting `frivillig.anonymise` for its own update and off again. Even then
the trigger accepts nothing but blanks: an empty name and presentation and the address
`slettet-kandidat-<id>@invalid.invalid`, so the bypass cannot put words in a candidate's mouth.
"""

from django.db import migrations, models

CREATE = """
CREATE FUNCTION folgegruppe_candidate_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (NEW.name, NEW.email, NEW.presentation, NEW.association_id, NEW.nominated_by_id,
        NEW.election_id)
       IS NOT DISTINCT FROM
       (OLD.name, OLD.email, OLD.presentation, OLD.association_id, OLD.nominated_by_id,
        OLD.election_id) THEN
        RETURN NEW;
    END IF;
    IF current_setting('frivillig.anonymise', true) = 'on' THEN
        IF NEW.name = '' AND NEW.presentation = ''
           AND NEW.email = 'slettet-kandidat-' || OLD.id || '@invalid.invalid'
           AND (NEW.association_id, NEW.nominated_by_id, NEW.election_id)
               IS NOT DISTINCT FROM (OLD.association_id, OLD.nominated_by_id, OLD.election_id)
        THEN
            RETURN NEW;
        END IF;
        RAISE EXCEPTION 'candidate_frozen: anonymising candidate % may only blank it', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF NOT EXISTS (
        SELECT 1 FROM folgegruppe_election e
        WHERE e.id = OLD.election_id
          AND e.status = 'nominating'
          AND statement_timestamp() < e.nomination_deadline
    ) THEN
        RAISE EXCEPTION 'candidate_frozen: candidate % cannot change once nominations have closed',
            OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER candidate_frozen
BEFORE UPDATE ON folgegruppe_candidate
FOR EACH ROW EXECUTE FUNCTION folgegruppe_candidate_frozen();
"""

DROP = """
DROP TRIGGER candidate_frozen ON folgegruppe_candidate;
DROP FUNCTION folgegruppe_candidate_frozen();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("folgegruppe", "0003_meeting_partner_committee"),
    ]

    operations = [
        migrations.AlterField(
            model_name="electionlog",
            name="action",
            field=models.CharField(
                choices=[
                    ("nominations_opened", "Nominations opened"),
                    ("nominated", "Candidate nominated"),
                    ("consented", "Candidate consented"),
                    ("withdrawn", "Candidate withdrawn"),
                    ("corrected", "Candidate's details corrected"),
                    ("voting_opened", "Voting opened"),
                    ("closed", "Voting closed and counted"),
                    ("published", "Result published"),
                ],
                max_length=20,
                verbose_name="action",
            ),
        ),
        migrations.RunSQL(CREATE, DROP),
    ]
