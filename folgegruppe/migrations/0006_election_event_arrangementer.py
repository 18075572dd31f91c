"""An election's event is the events app's Event: the same column and foreign key, state only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("arrangementer", "0001_initial"),
        ("folgegruppe", "0005_events_to_arrangementer"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="election",
                    name="event",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="elections",
                        to="arrangementer.event",
                        verbose_name="held at event",
                    ),
                ),
            ],
        ),
    ]
