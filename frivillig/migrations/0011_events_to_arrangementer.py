"""Events and workshops move to their own app, frivillig.arrangementer (label `arrangementer`).

Only Django's state changes here: the tables, their rows, indexes and constraints stay as they
are, and arrangementer's 0001_initial takes the models over with the same table names.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("frivillig", "0010_two_factor_on_by_default")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="WorkshopAnswer"),
                migrations.DeleteModel(name="WorkshopResponse"),
                migrations.DeleteModel(name="WorkshopQuestion"),
                migrations.DeleteModel(name="WorkshopTag"),
                migrations.DeleteModel(name="Event"),
            ],
        ),
    ]
