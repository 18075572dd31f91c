from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    """Assessment of a round's applications by a panel against the pool's criteria, with the
    assessors' declarations of impartiality (forvaltningsloven kap. 2)."""

    name = "puljer.assessment"
    label = "assessment"
    verbose_name = _("Assessment")
    consultant_permissions = [
        *(f"assessment.{action}_criterion" for action in ("add", "change", "delete", "view")),
        *(f"assessment.{action}_reasonblock" for action in ("add", "change", "delete", "view")),
        *(f"assessment.{action}_panel" for action in ("add", "change", "view")),
        "assessment.view_panelmember",
        "assessment.manage_panel",
    ]
    # An assessor sees their own assignments and assesses; nothing else of the grants.
    assessor_permissions = ["assessment.view_panelmember", "assessment.assess"]
    datafile_sections = [
        "puljer.assessment.datafile.CRITERIA",
        "puljer.assessment.datafile.REASON_BLOCKS",
    ]
    demo_seeds = ["puljer.assessment.demo.seed"]
    grant_decided_hooks = ["puljer.assessment.services.panel_record_on_decision"]
    partial_applications = ["puljer.assessment.selectors.partial_applications"]
    admin_dashboard_counts = ["puljer.assessment.admin.dashboard_counts"]
