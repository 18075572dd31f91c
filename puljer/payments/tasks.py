from frivillig.jobs.schedule import daily_job
from puljer.payments.services import payments_sync, sync_summary

sync_payments = daily_job(
    name="sync_payments",
    cron="30 6 * * *",
    function=lambda: sync_summary(payments_sync()),
)
