from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrivilligjobConfig(AppConfig):
    """Volunteer jobs: approved associations post them, citizens answer.

    Nested in `foreninger`, whose associations and activities it builds on; `foreninger` never
    imports it, so what it adds to the associations' pages comes through these hooks.
    """

    name = "foreninger.frivilligjob"
    label = "frivilligjob"
    verbose_name = _("Volunteer jobs")
    consultant_permissions = [
        "frivilligjob.view_opportunity",
        "frivilligjob.view_opportunityanswer",
    ]
    navigation = [(_("Volunteer jobs"), "foreninger:opportunities")]
    home_sections = ["foreninger.frivilligjob.views.home_section"]
    association_sections = ["foreninger.frivilligjob.views.association_section"]
    # The front page shows the newest jobs (frivillig.pagecache).
    page_scope_models = [("frivilligjob", "frivilligjob.Opportunity")]
    # A link for each association on "My associations" and its edit page (url name, its pk).
    association_member_links = [(_("Volunteer jobs"), "foreninger:my_opportunities")]
    # Beside the HSDS endpoints in the API's index: (url name, description, parameters).
    open_data_endpoints = [
        (
            "api:opportunities",
            _("Current volunteer opportunities of the approved associations (not HSDS)."),
            [
                "search",
                "taxonomy_term_id",
                "organization_id",
                "time_commitment",
                "page",
                "per_page",
            ],
        ),
    ]
    demo_seeds = ["foreninger.frivilligjob.demo.seed"]
    association_export_sections = ["foreninger.frivilligjob.selectors.association_opportunity_data"]
    association_anonymise_hooks = [
        "foreninger.frivilligjob.services.association_opportunities_anonymise"
    ]
    retention_tasks = ["foreninger.frivilligjob.services.opportunity_answers_apply_retention"]
