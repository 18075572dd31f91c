"""The volunteer jobs, moved from `foreninger` (its 0010 lets go of them) without touching the
database: the tables keep their names, rows, indexes and constraints. Their content types are
relabelled, so that permissions, the consultant group's permissions and the audit trail follow.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MOVED = ["opportunity", "opportunityanswer"]


def relabel(old, new):
    def run(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        types = ContentType.objects.using(schema_editor.connection.alias)
        # Rows under the new label exist only when a migrate created them before this ran
        # (post_migrate of a partial run); they hold nothing yet, the old ones hold everything.
        if types.filter(app_label=old, model__in=MOVED).exists():
            types.filter(app_label=new, model__in=MOVED).delete()
        types.filter(app_label=old, model__in=MOVED).update(app_label=new)

    return run


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("foreninger", "0010_opportunities_to_frivilligjob"),
        ("contenttypes", "0002_remove_content_type_name"),
        # Only Region and TargetGroup are needed, so no newer frivillig migration.
        ("frivillig", "0005_municipality_require_two_factor"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Opportunity",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("title", models.CharField(max_length=150, verbose_name="task")),
                        ("description", models.TextField(verbose_name="description of the task")),
                        (
                            "time_commitment",
                            models.CharField(
                                choices=[
                                    ("one_off", "One-off"),
                                    ("weekly", "Weekly"),
                                    ("monthly", "Monthly"),
                                    ("flexible", "Occasionally or flexible"),
                                ],
                                max_length=10,
                                verbose_name="time commitment",
                            ),
                        ),
                        (
                            "skills",
                            models.TextField(
                                blank=True,
                                help_text="Optional. What helps in this task?",
                                verbose_name="skills wanted",
                            ),
                        ),
                        (
                            "starts_on",
                            models.DateField(blank=True, null=True, verbose_name="start date"),
                        ),
                        (
                            "answer_by",
                            models.DateField(
                                help_text="The opportunity leaves the website after this day.",
                                verbose_name="last day to answer",
                            ),
                        ),
                        (
                            "closed_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="closed"),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="created"),
                        ),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                        (
                            "search_vector",
                            models.GeneratedField(
                                db_persist=True,
                                expression=django.contrib.postgres.search.CombinedSearchVector(
                                    django.contrib.postgres.search.CombinedSearchVector(
                                        django.contrib.postgres.search.SearchVector(
                                            "title", config="danish", weight="A"
                                        ),
                                        "||",
                                        django.contrib.postgres.search.SearchVector(
                                            "skills", config="danish", weight="B"
                                        ),
                                        django.contrib.postgres.search.SearchConfig("danish"),
                                    ),
                                    "||",
                                    django.contrib.postgres.search.SearchVector(
                                        "description", config="danish", weight="C"
                                    ),
                                    django.contrib.postgres.search.SearchConfig("danish"),
                                ),
                                output_field=django.contrib.postgres.search.SearchVectorField(),
                            ),
                        ),
                        (
                            "activity",
                            models.ForeignKey(
                                blank=True,
                                help_text="Optional. When the activity involves children under 15, volunteers need a børneattest.",
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="opportunities",
                                to="foreninger.activity",
                                verbose_name="activity",
                            ),
                        ),
                        (
                            "association",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="opportunities",
                                to="foreninger.association",
                                verbose_name="association",
                            ),
                        ),
                        (
                            "region",
                            models.ForeignKey(
                                blank=True,
                                help_text="Leave empty when the task is anywhere in the municipality.",
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="opportunities",
                                to="frivillig.region",
                                verbose_name="region",
                            ),
                        ),
                        (
                            "target_groups",
                            models.ManyToManyField(
                                blank=True,
                                db_table="foreninger_opportunity_target_groups",
                                related_name="opportunities",
                                to="frivillig.targetgroup",
                                verbose_name="target groups",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "volunteer opportunity",
                        "verbose_name_plural": "volunteer opportunities",
                        "db_table": "foreninger_opportunity",
                        "ordering": ["answer_by", "title", "pk"],
                    },
                ),
                migrations.CreateModel(
                    name="OpportunityAnswer",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("name", models.CharField(max_length=100, verbose_name="name")),
                        ("email", models.EmailField(max_length=254, verbose_name="e-mail address")),
                        (
                            "phone",
                            models.CharField(blank=True, max_length=30, verbose_name="phone"),
                        ),
                        ("message", models.TextField(verbose_name="message")),
                        (
                            "created_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="received"),
                        ),
                        (
                            "handled_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="handled"),
                        ),
                        (
                            "handled_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="handled by",
                            ),
                        ),
                        (
                            "opportunity",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="answers",
                                to="frivilligjob.opportunity",
                                verbose_name="volunteer opportunity",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "answer to a volunteer opportunity",
                        "verbose_name_plural": "answers to volunteer opportunities",
                        "db_table": "foreninger_opportunityanswer",
                        "ordering": ["-created_at", "-pk"],
                    },
                ),
                migrations.AddIndex(
                    model_name="opportunity",
                    index=django.contrib.postgres.indexes.GinIndex(
                        fields=["search_vector"], name="opportunity_search_gin"
                    ),
                ),
                migrations.AddIndex(
                    model_name="opportunity",
                    index=models.Index(
                        condition=models.Q(("closed_at__isnull", True)),
                        fields=["answer_by"],
                        name="opportunity_open_idx",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="opportunity",
                    constraint=models.CheckConstraint(
                        condition=models.Q(("title", ""), _negated=True),
                        name="opportunity_title_not_empty",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="opportunity",
                    constraint=models.CheckConstraint(
                        condition=models.Q(
                            ("starts_on__isnull", True),
                            ("answer_by__lte", models.F("starts_on")),
                            _connector="OR",
                        ),
                        name="opportunity_answer_by_not_after_start",
                        violation_error_message="The last day to answer cannot be after the start date.",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="opportunityanswer",
                    constraint=models.CheckConstraint(
                        condition=models.Q(
                            ("handled_by__isnull", True),
                            ("handled_at__isnull", False),
                            _connector="OR",
                        ),
                        name="opportunity_answer_handled_by_has_time",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="opportunityanswer",
                    constraint=models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("name", ""), _negated=True),
                            models.Q(("email", ""), _negated=True),
                            models.Q(("message", ""), _negated=True),
                        ),
                        name="opportunity_answer_not_empty",
                    ),
                ),
            ],
        ),
        migrations.RunPython(
            relabel("foreninger", "frivilligjob"), relabel("frivilligjob", "foreninger")
        ),
    ]
