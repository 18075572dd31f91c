from django.db import migrations, models
from django.db.models import F


def consent_when_received(apps, schema_editor):
    # The form has always required the consent box, so earlier responses gave it when sent.
    apps.get_model("frivillig", "WorkshopResponse").objects.update(consented_at=F("created_at"))


class Migration(migrations.Migration):
    dependencies = [("frivillig", "0008_data_versions")]

    operations = [
        migrations.AddField(
            model_name="workshopresponse",
            name="consented_at",
            field=models.DateTimeField(null=True, verbose_name="consent given"),
        ),
        migrations.RunPython(consent_when_received, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="workshopresponse",
            name="consented_at",
            field=models.DateTimeField(verbose_name="consent given"),
        ),
    ]
