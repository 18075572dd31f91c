import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("frivillig", "0013_english_beside_danish"),
    ]

    operations = [
        migrations.AddField(
            model_name="municipality",
            name="cvr",
            field=models.CharField(
                blank=True,
                help_text="Identifies the municipality as the funder in the open grant data.",
                max_length=8,
                validators=[
                    django.core.validators.RegexValidator(
                        "^[0-9]{8}$", "A CVR number is eight digits."
                    )
                ],
                verbose_name="CVR number",
            ),
        ),
        migrations.AddField(
            model_name="municipality",
            name="threesixtygiving_prefix",
            field=models.CharField(
                blank=True,
                help_text=(
                    "The prefix 360Giving gives a publisher of grant data, without “360G-”. "
                    "Until there is one, the grant data use the municipality's name."
                ),
                max_length=50,
                validators=[
                    django.core.validators.RegexValidator(
                        "^[a-z0-9-]+$", "Use lowercase letters, digits and -."
                    )
                ],
                verbose_name="360Giving prefix",
            ),
        ),
        migrations.AddConstraint(
            model_name="municipality",
            constraint=models.CheckConstraint(
                condition=models.Q(("cvr", ""), ("cvr__regex", "^[0-9]{8}$"), _connector="OR"),
                name="municipality_cvr_eight_digits",
                violation_error_message="A CVR number is eight digits.",
            ),
        ),
    ]
