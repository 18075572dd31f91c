from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForeningerConfig(AppConfig):
    name = "foreninger"
    verbose_name = _("Associations")
    consultant_permissions = [
        "foreninger.view_association",
        "foreninger.change_association",
        *(f"foreninger.{action}_activity" for action in ("add", "change", "delete", "view")),
        *(f"foreninger.{action}_membership" for action in ("add", "delete", "view")),
        "foreninger.view_invitation",
        # Change only to revoke: every field of an invitation is read-only in the admin.
        "foreninger.change_invitation",
        "foreninger.view_associationlog",
        # Requests to join: answered with the admin's actions, which call the service.
        "foreninger.view_joinrequest",
        "foreninger.change_joinrequest",
        *(f"foreninger.{action}_searchsynonym" for action in ("add", "change", "delete", "view")),
        *(f"foreninger.{action}_regionplace" for action in ("add", "change", "delete", "view")),
    ]
    # Hooks the core app calls without importing this app (dependencies point one way).
    navigation = [(_("Associations"), "foreninger:directory")]
    focus_area_sections = ["foreninger.views.focus_area_section"]
    # What the cached public pages show of this app's data (frivillig.pagecache).
    page_scope_models = [
        ("foreninger", "foreninger.Association"),
        ("foreninger", "foreninger.Activity"),
        # The directory's search reads these too.
        ("foreninger", "foreninger.SearchSynonym"),
        ("foreninger", "foreninger.RegionPlace"),
    ]
    demo_seeds = ["foreninger.demo.seed"]
    datafile_sections = ["foreninger.datafile.REGION_PLACES"]
    # After a MitID Erhverv login: the privilege rule binds the person to the CVR's association.
    professional_login = ["foreninger.mitid.after_login"]
    admin_dashboard_counts = ["foreninger.admin.dashboard_counts"]
    retention_tasks = ["foreninger.services.associations_apply_retention"]
