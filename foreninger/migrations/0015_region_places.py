"""The places (towns and postcodes) of the regions, by which the directory finds a region."""

import django.core.validators
import django.db.models.deletion
import django.db.models.functions.text
from django.db import migrations, models

from frivillig import pagecache


class Migration(migrations.Migration):
    dependencies = [
        ("foreninger", "0014_remove_unused_region_place"),
        ("frivillig", "0018_award_categories_in_english"),
    ]

    operations = [
        migrations.CreateModel(
            name="RegionPlace",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("town", models.CharField(max_length=100, verbose_name="town")),
                (
                    "postcode",
                    models.CharField(
                        blank=True,
                        max_length=4,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^\\d{4}$", "Enter a Danish postcode of four digits."
                            )
                        ],
                        verbose_name="postcode",
                    ),
                ),
                (
                    "region",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="places",
                        to="frivillig.region",
                        verbose_name="region",
                    ),
                ),
            ],
            options={
                "verbose_name": "place in a region",
                "verbose_name_plural": "places in regions",
                "ordering": ["town"],
                "constraints": [
                    models.UniqueConstraint(
                        django.db.models.functions.text.Lower("town"),
                        name="region_place_town_unique",
                        violation_error_message="This town is already listed in a region.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("postcode", ""), ("postcode__regex", "^[0-9]{4}$"), _connector="OR"
                        ),
                        name="region_place_postcode_four_digits",
                        violation_error_message="Enter a Danish postcode of four digits.",
                    ),
                ],
            },
        ),
        # A new place renews the directory's cached searches (apps.py, page_scope_models).
        pagecache.triggers_sync("foreninger"),
    ]
