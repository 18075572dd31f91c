from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class FrivilligConfig(AppConfig):
    default = True
    name = "frivillig"
    verbose_name = _("Municipality and strategy")
    # Permissions the consultant group gets; other apps declare their own the same way.
    consultant_permissions = [
        "frivillig.view_user",
        "frivillig.change_municipality",
        "frivillig.view_municipality",
        *(
            f"frivillig.{action}_{model}"
            for model in (
                "focusarea",
                "exampleinitiative",
                "region",
                "targetgroup",
                "meetingplace",
                "openinghours",
                "page",
                "actionplan",
                "actionplangoal",
                "goalstatusupdate",
                "awardcategory",
            )
            for action in ("add", "change", "delete", "view")
        ),
        # Nominations come from the public form; the consultant reviews and may delete them.
        *(f"frivillig.{action}_nomination" for action in ("change", "delete", "view")),
        # So that the consultant can see and lift a login lockout for an association's member.
        "axes.view_accessattempt",
        "axes.delete_accessattempt",
        "auditlog.view_logentry",
    ]
    # What the cached public pages show of this app's data (frivillig.pagecache). What the
    # public writes renews no other page: the nominations (the winners among them) are a scope
    # of their own that only the awards page is kept under (pagecache.PUBLIC_WRITES), and the
    # rate limits renew nothing.
    page_scope_models = [
        ("awards", "frivillig.Nomination"),
        *(
            ("frivillig", f"frivillig.{model}")
            for model in (
                "Municipality",
                "FocusArea",
                "ExampleInitiative",
                "Region",
                "TargetGroup",
                "Page",
                "MeetingPlace",
                "OpeningHours",
                "ActionPlan",
                "ActionPlanGoal",
                "GoalStatusUpdate",
                "AwardCategory",
            )
        ),
    ]
    focus_area_sections = [
        "frivillig.views.focus_area_plan_section",
        "frivillig.views.focus_area_awards_section",
    ]
    datafile_sections = [
        "frivillig.awards.AWARD_CATEGORIES_SECTION",
    ]
    demo_seeds = ["frivillig.demo.seed"]
    admin_dashboard_counts = ["frivillig.admin.dashboard_counts"]
    retention_tasks = [
        "frivillig.awards.nominations_apply_retention",
    ]

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.core import checks

        from frivillig.hooks import check_hooks
        from frivillig.roles import groups_sync
        from frivillig.selectors import municipality_forget

        checks.register(check_hooks)
        from frivillig.sessions import session_start

        # Each login's session limits start when it is made (frivillig.sessions).
        user_logged_in.connect(session_start, dispatch_uid="session_start")

        post_migrate.connect(groups_sync, dispatch_uid="groups_sync")
        post_save.connect(
            municipality_forget, sender="frivillig.Municipality", dispatch_uid="municipality_forget"
        )


class FrivilligAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "frivillig.sites.FrivilligAdminSite"
