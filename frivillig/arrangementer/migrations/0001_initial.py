"""Events, workshops, sign-up and the recurring events, moved from the core app (its 0011) and
the follow-up group (its 0005) without touching the database: the tables keep their names, rows,
indexes and constraints. Their content types are relabelled, so that permissions, the consultant
group's permissions and the audit trail follow.
"""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MOVED = {
    "frivillig": [
        "event",
        "workshopquestion",
        "workshoptag",
        "workshopresponse",
        "workshopanswer",
    ],
    "folgegruppe": ["eventregistration", "recurringevent"],
}
LABEL = "arrangementer"


def relabel(forwards):
    def run(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        types = ContentType.objects.using(schema_editor.connection.alias)
        for app_label, models_ in MOVED.items():
            old, new = (app_label, LABEL) if forwards else (LABEL, app_label)
            # Rows under the new label exist only when a migrate created them before this ran
            # (post_migrate of a partial run); they hold nothing yet, the old ones everything.
            if types.filter(app_label=old, model__in=models_).exists():
                types.filter(app_label=new, model__in=models_).delete()
            types.filter(app_label=old, model__in=models_).update(app_label=new)

    return run


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('folgegruppe', '0005_events_to_arrangementer'),
        ('foreninger', '0009_invitation_revocation'),
        ('frivillig', '0011_events_to_arrangementer'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.CreateModel(
                name='Event',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('title', models.CharField(max_length=200, verbose_name='title')),
                    ('slug', models.SlugField(max_length=200, unique=True, verbose_name='slug')),
                    ('kind', models.CharField(choices=[('nytaarskur', 'New Year reception'), ('fair', 'Volunteer fair'), ('volunteer_day', 'Volunteer day'), ('regional_meeting', 'Regional meeting'), ('workshop', 'Workshop'), ('other', 'Other event')], default='other', max_length=20, verbose_name='kind')),
                    ('starts_at', models.DateTimeField(blank=True, help_text='Leave empty when there is no fixed date.', null=True, verbose_name='starts')),
                    ('date_text', models.CharField(blank=True, help_text='For an event without a fixed start, e.g. “Spring 2019”.', max_length=100, verbose_name='date in words')),
                    ('ends_at', models.DateTimeField(blank=True, null=True, verbose_name='ends')),
                    ('place', models.CharField(max_length=200, verbose_name='place')),
                    ('description', models.TextField(blank=True, help_text='Blank line between paragraphs.', verbose_name='description')),
                    ('registration_open', models.BooleanField(default=False, verbose_name='registration open')),
                    ('capacity', models.PositiveIntegerField(blank=True, help_text='Leave empty for no limit.', null=True, verbose_name='capacity')),
                    ('registration_deadline', models.DateTimeField(blank=True, null=True, verbose_name='registration deadline')),
                    ('input_open', models.BooleanField(default=False, help_text="Participants can answer the workshop's questions on its page, before and after the workshop, until the input deadline or until this is switched off.", verbose_name='input open')),
                    ('input_closes_at', models.DateTimeField(blank=True, help_text='Leave empty to keep input open until it is switched off.', null=True, verbose_name='input deadline')),
                    ('workshop_summary', models.TextField(blank=True, help_text="Blank line between paragraphs. Shown on the event's page when published.", verbose_name='summary of the input')),
                    ('summary_published', models.BooleanField(default=False, verbose_name='summary published')),
                    ('region', models.ForeignKey(blank=True, help_text='Leave empty for events for the whole municipality.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='events', to='frivillig.region', verbose_name='region')),
                ],
                options={
                    'verbose_name': 'event',
                    'verbose_name_plural': 'events',
                    'db_table': 'frivillig_event',
                    'ordering': ['starts_at', 'title'],
                },
            ),
            migrations.CreateModel(
                name='EventRegistration',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('attendees', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(500)], verbose_name='number of people')),
                    ('note', models.CharField(blank=True, help_text='For example diets or accessibility needs.', max_length=500, verbose_name='note')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='signed up')),
                    ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                    ('association', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='event_registrations', to='foreninger.association', verbose_name='association')),
                    ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='registrations', to='arrangementer.event', verbose_name='event')),
                    ('registered_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='registered by')),
                ],
                options={
                    'verbose_name': 'event sign-up',
                    'verbose_name_plural': 'event sign-ups',
                    'db_table': 'folgegruppe_eventregistration',
                    'ordering': ['event', 'association__name'],
                },
            ),
            migrations.CreateModel(
                name='RecurringEvent',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('name', models.CharField(max_length=200, verbose_name='name')),
                    ('slug', models.SlugField(max_length=200, unique=True, verbose_name='slug')),
                    ('kind', models.CharField(choices=[('nytaarskur', 'New Year reception'), ('fair', 'Volunteer fair'), ('volunteer_day', 'Volunteer day'), ('regional_meeting', 'Regional meeting'), ('workshop', 'Workshop'), ('other', 'Other event')], max_length=20, verbose_name='kind')),
                    ('description', models.TextField(blank=True, verbose_name='description')),
                    ('every_years', models.PositiveSmallIntegerField(default=1, help_text='1 for every year, 4 for every fourth year.', validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(10)], verbose_name='every how many years')),
                    ('month', models.PositiveSmallIntegerField(blank=True, help_text='Empty when the month is not fixed.', null=True, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(12)], verbose_name='month')),
                    ('order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                ],
                options={
                    'verbose_name': 'recurring event',
                    'verbose_name_plural': 'recurring events',
                    'db_table': 'folgegruppe_recurringevent',
                    'ordering': ['order', 'name'],
                    'constraints': [models.CheckConstraint(condition=models.Q(('every_years__gte', 1), ('every_years__lte', 10)), name='recurring_every_years_range'), models.CheckConstraint(condition=models.Q(('month__isnull', True), models.Q(('month__gte', 1), ('month__lte', 12)), _connector='OR'), name='recurring_month_range')],
                },
            ),
            migrations.CreateModel(
                name='WorkshopQuestion',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('text', models.TextField(verbose_name='question')),
                    ('order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                    ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='questions', to='arrangementer.event', verbose_name='event')),
                ],
                options={
                    'verbose_name': 'workshop question',
                    'verbose_name_plural': 'workshop questions',
                    'db_table': 'frivillig_workshopquestion',
                    'ordering': ['event', 'order', 'pk'],
                },
            ),
            migrations.CreateModel(
                name='WorkshopResponse',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('name', models.CharField(max_length=150, verbose_name='name')),
                    ('email', models.EmailField(max_length=254, verbose_name='e-mail address')),
                    ('organisation', models.CharField(blank=True, max_length=200, verbose_name='organisation or association')),
                    ('consented_at', models.DateTimeField(verbose_name='consent given')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='received')),
                    ('event', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='responses', to='arrangementer.event', verbose_name='event')),
                    ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='workshop_responses', to=settings.AUTH_USER_MODEL, verbose_name='user')),
                ],
                options={
                    'verbose_name': 'workshop response',
                    'verbose_name_plural': 'workshop responses',
                    'db_table': 'frivillig_workshopresponse',
                    'ordering': ['-created_at', '-pk'],
                },
            ),
            migrations.CreateModel(
                name='WorkshopAnswer',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('text', models.TextField(verbose_name='answer')),
                    ('question', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='answers', to='arrangementer.workshopquestion', verbose_name='question')),
                    ('response', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='answers', to='arrangementer.workshopresponse', verbose_name='response')),
                ],
                options={
                    'verbose_name': 'workshop answer',
                    'verbose_name_plural': 'workshop answers',
                    'db_table': 'frivillig_workshopanswer',
                    'ordering': ['question__order', 'question__pk'],
                },
            ),
            migrations.CreateModel(
                name='WorkshopTag',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('name', models.CharField(max_length=100, unique=True, verbose_name='name')),
                ],
                options={
                    'verbose_name': 'workshop tag',
                    'verbose_name_plural': 'workshop tags',
                    'db_table': 'frivillig_workshoptag',
                    'ordering': ['name'],
                    'constraints': [models.CheckConstraint(condition=models.Q(('name', ''), _negated=True), name='workshop_tag_name_not_empty')],
                },
            ),
            migrations.AddField(
                model_name='workshopresponse',
                name='tags',
                field=models.ManyToManyField(blank=True, db_table='frivillig_workshopresponse_tags', related_name='responses', to='arrangementer.workshoptag', verbose_name='tags'),
            ),
            migrations.AddIndex(
                model_name='event',
                index=models.Index(fields=['starts_at'], name='event_starts_at_idx'),
            ),
            migrations.AddConstraint(
                model_name='event',
                constraint=models.CheckConstraint(condition=models.Q(('starts_at__isnull', False), models.Q(('date_text', ''), _negated=True), _connector='OR'), name='event_has_start_or_date_text', violation_error_message='An event needs a start or a date in words.'),
            ),
            migrations.AddConstraint(
                model_name='event',
                constraint=models.CheckConstraint(condition=models.Q(('ends_at__isnull', True), ('starts_at__isnull', False), _connector='OR'), name='event_end_needs_start', violation_error_message='An event without a start cannot have an end.'),
            ),
            migrations.AddConstraint(
                model_name='event',
                constraint=models.CheckConstraint(condition=models.Q(('ends_at__isnull', True), ('ends_at__gt', models.F('starts_at')), _connector='OR'), name='event_ends_after_start', violation_error_message='An event must end after it starts.'),
            ),
            migrations.AddConstraint(
                model_name='event',
                constraint=models.CheckConstraint(condition=models.Q(models.Q(('registration_deadline__isnull', True), ('registration_open', False)), ('starts_at__isnull', False), _connector='OR'), name='event_registration_needs_start', violation_error_message='Sign-up needs a start.'),
            ),
            migrations.AddConstraint(
                model_name='event',
                constraint=models.CheckConstraint(condition=models.Q(('capacity__isnull', True), ('capacity__gte', 1), _connector='OR'), name='event_capacity_gte_1', violation_error_message='The capacity must be at least 1, or empty for no limit.'),
            ),
            migrations.AddConstraint(
                model_name='event',
                constraint=models.CheckConstraint(condition=models.Q(models.Q(('input_closes_at__isnull', True), ('input_open', False)), ('kind', 'workshop'), _connector='OR'), name='event_input_only_for_workshops', violation_error_message='Only a workshop collects input.'),
            ),
            migrations.AddConstraint(
                model_name='event',
                constraint=models.CheckConstraint(condition=models.Q(('summary_published', False), models.Q(('workshop_summary', ''), _negated=True), _connector='OR'), name='event_published_summary_not_empty', violation_error_message='Write the summary before publishing it.'),
            ),
            migrations.AddConstraint(
                model_name='eventregistration',
                constraint=models.UniqueConstraint(fields=('event', 'association'), name='registration_once_per_association', violation_error_message='The association is already signed up for this event.'),
            ),
            migrations.AddConstraint(
                model_name='eventregistration',
                constraint=models.CheckConstraint(condition=models.Q(('attendees__gte', 1)), name='registration_attendees_gte_1'),
            ),
            migrations.AddConstraint(
                model_name='workshopquestion',
                constraint=models.CheckConstraint(condition=models.Q(('text', ''), _negated=True), name='workshop_question_not_empty', violation_error_message='Write the question.'),
            ),
            migrations.AddConstraint(
                model_name='workshopanswer',
                constraint=models.UniqueConstraint(fields=('response', 'question'), name='workshop_answer_once_per_question'),
            ),
            migrations.AddConstraint(
                model_name='workshopanswer',
                constraint=models.CheckConstraint(condition=models.Q(('text', ''), _negated=True), name='workshop_answer_not_empty'),
            ),
            migrations.AddIndex(
                model_name='workshopresponse',
                index=models.Index(fields=['created_at'], name='workshop_response_created_idx'),
            ),
            migrations.AddConstraint(
                model_name='workshopresponse',
                constraint=models.CheckConstraint(condition=models.Q(models.Q(('name', ''), _negated=True), models.Q(('email', ''), _negated=True)), name='workshop_response_has_name_and_email'),
            ),
            ],
        ),
        migrations.RunPython(relabel(forwards=True), relabel(forwards=False)),
    ]
