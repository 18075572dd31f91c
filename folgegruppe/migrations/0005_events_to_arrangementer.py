"""Sign-up and the recurring events move to the events app, frivillig.arrangementer.

Only Django's state changes here: the tables, their rows, indexes and constraints stay as they
are. An election's event lets go of the core app's Event (0006 points it at the events app's),
and this runs before the core app lets go of Event, so that no state refers to a model gone.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("folgegruppe", "0004_candidate_frozen_after_nominations")]
    run_before = [("frivillig", "0011_events_to_arrangementer")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(model_name="election", name="event"),
                migrations.DeleteModel(name="EventRegistration"),
                migrations.DeleteModel(name="RecurringEvent"),
            ],
        ),
    ]
