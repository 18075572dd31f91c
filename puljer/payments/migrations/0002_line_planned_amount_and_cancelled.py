# A line keeps the amount the plan gave (the decision letter states it) and an instalment not
# paid because the money was not spent stays as "cancelled" instead of being deleted.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('payments', '0001_payment_plans'),
    ]

    operations = [
        migrations.AddField(
            model_name='paymentline',
            name='planned_amount',
            field=models.PositiveIntegerField(default=0, verbose_name='planned amount (kr.)'),
            preserve_default=False,
        ),
        migrations.RunSQL(
            "UPDATE payments_paymentline SET planned_amount = amount",
            reverse_sql=migrations.RunSQL.noop,
        ),
        migrations.AlterField(
            model_name='paymentline',
            name='status',
            field=models.CharField(choices=[('waiting', 'Waits for the approved report'), ('held', 'Held'), ('to_pay', 'To pay'), ('sent', 'Sent to finance'), ('paid', 'Paid'), ('cancelled', 'Not paid: the money was not spent')], db_index=True, default='to_pay', max_length=10, verbose_name='status'),
        ),
        migrations.RemoveConstraint(
            model_name='paymentline',
            name='paymentline_amount_positive',
        ),
        migrations.AddConstraint(
            model_name='paymentline',
            constraint=models.CheckConstraint(condition=models.Q(('amount__gt', 0), models.Q(('amount', 0), ('status', 'cancelled')), _connector='OR'), name='paymentline_amount_positive'),
        ),
        migrations.AddConstraint(
            model_name='paymentline',
            constraint=models.CheckConstraint(condition=models.Q(('planned_amount__gte', models.F('amount'))), name='paymentline_at_most_planned'),
        ),
    ]
