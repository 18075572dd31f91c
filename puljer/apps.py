from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PuljerConfig(AppConfig):
    name = "puljer"
    verbose_name = _("Grants")
    consultant_permissions = [
        *(f"puljer.{action}_pool" for action in ("add", "change", "view")),
        *(f"puljer.{action}_round" for action in ("add", "change", "delete", "view")),
        "puljer.view_application",
        "puljer.change_application",
        "puljer.view_applicationevent",
        "puljer.view_budgetline",
        "puljer.view_attachment",
        "puljer.view_report",
    ]
    navigation = [(_("Grants"), "puljer:index")]
    focus_area_sections = ["puljer.views.focus_area_section"]
    association_dashboard_sections = ["puljer.views.association_dashboard_section"]
    admin_dashboard_counts = ["puljer.admin.dashboard_counts"]
    # What the cached public pages show of this app's data (frivillig.pagecache).
    page_scope_models = [
        ("puljer", "puljer.Pool"),
        ("puljer", "puljer.Round"),
        ("puljer", "puljer.Application"),
    ]
    demo_seeds = ["puljer.demo.seed"]
    # The grants in the 360Giving Data Standard, listed in the open data API's index.
    open_data_endpoints = [
        (
            "puljer:threesixtygiving",
            _("Decided grants of each year in the 360Giving Data Standard (not HSDS)."),
            [],
        ),
    ]
    datafile_sections = ["puljer.datafile.POOLS"]
    association_export_sections = ["puljer.services.association_grant_data"]
    association_anonymise_hooks = ["puljer.services.association_grants_anonymise"]
    # Grant cases go first, so that associations they kept can then be deleted.
    retention_tasks = ["puljer.services.applications_apply_retention"]
