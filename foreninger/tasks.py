from foreninger.mitid import associations_cvr_refresh
from foreninger.services import associations_remind_stale
from frivillig.jobs.schedule import daily_job

refresh_cvr = daily_job(name="refresh_cvr", cron="0 2 * * *", function=associations_cvr_refresh)
remind_stale_associations = daily_job(
    name="remind_stale_associations",
    cron="0 6 * * *",
    function=lambda: f"{associations_remind_stale()} association(s) reminded",
)
