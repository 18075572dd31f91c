from frivillig.jobs.schedule import daily_job
from frivillig.retention import retention_apply

apply_retention = daily_job(
    name="apply_retention", cron="30 1 * * *", function=lambda: "; ".join(retention_apply())
)
