"""The volunteer jobs move to their own app, foreninger.frivilligjob (label `frivilligjob`).

Only Django's state changes here: the tables, their rows, indexes and constraints stay as they
are, and frivilligjob's 0001_initial takes the models over with the same table names.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("foreninger", "0009_invitation_revocation")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="OpportunityAnswer"),
                migrations.DeleteModel(name="Opportunity"),
            ],
        ),
    ]
