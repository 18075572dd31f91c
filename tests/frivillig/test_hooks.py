"""The hooks' contract (frivillig.hooks.HOOKS): the system check refuses what the table does not
list, and every retention task takes the same arguments."""

import inspect
import sys

import pytest
from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured

from frivillig.hooks import app_attribute, check_hooks, demo_seeds, retention_tasks


def config(cls):
    return cls(cls.name, sys.modules[__name__])


def summary(*, today=None):
    return "nothing deleted"


def not_a_retention_task(*, now=None):
    return "nothing deleted"


def test_the_project_declares_only_hooks_of_the_table():
    assert check_hooks() == []


def test_a_misspelt_hook_is_error_e001():
    class MisspeltConfig(AppConfig):
        name = "tests.frivillig"
        navigaton = [("Somewhere", "home")]

    errors = check_hooks(app_configs=[config(MisspeltConfig)])

    assert [error.id for error in errors] == ["frivillig.E001"]
    assert errors[0].msg == (
        "MisspeltConfig.navigaton is neither a hook of frivillig.hooks.HOOKS nor an attribute "
        "of AppConfig."
    )


def test_a_dotted_path_that_does_not_import_is_error_e002():
    class BrokenPathConfig(AppConfig):
        name = "tests.frivillig"
        demo_seeds = ["tests.frivillig.test_hooks.summary", "tests.frivillig.test_hooks.seeed"]

    errors = check_hooks(app_configs=[config(BrokenPathConfig)])

    assert [error.id for error in errors] == ["frivillig.E002"]
    assert errors[0].msg.startswith(
        "BrokenPathConfig.demo_seeds names 'tests.frivillig.test_hooks.seeed', which does not "
        "import"
    )


def test_a_retention_task_with_other_arguments_is_error_e003():
    class OtherArgumentsConfig(AppConfig):
        name = "tests.frivillig"
        retention_tasks = [
            "tests.frivillig.test_hooks.summary",
            "tests.frivillig.test_hooks.not_a_retention_task",
        ]

    errors = check_hooks(app_configs=[config(OtherArgumentsConfig)])

    assert [error.id for error in errors] == ["frivillig.E003"]
    assert errors[0].msg == (
        "The retention task tests.frivillig.test_hooks.not_a_retention_task takes (*, now=None); "
        "every retention task takes (*, today=None)."
    )


def test_django_and_admin_attributes_are_no_hooks():
    class PlainConfig(AppConfig):
        name = "tests.frivillig"
        label = "plain"
        verbose_name = "Plain"
        default = False
        default_auto_field = "django.db.models.BigAutoField"

        def ready(self):
            pass

    assert check_hooks(app_configs=[config(PlainConfig)]) == []


def test_reading_a_hook_the_table_does_not_list_is_refused():
    with pytest.raises(ImproperlyConfigured, match="'navigaton' is not a hook listed"):
        app_attribute("navigaton")


def test_every_retention_task_takes_only_today():
    assert {str(inspect.signature(task)) for task in retention_tasks()} == {"(*, today=None)"}


def test_grant_cases_go_before_the_associations_they_kept():
    names = [f"{task.__module__}.{task.__name__}" for task in retention_tasks()]
    assert names.index("puljer.services.applications_apply_retention") < names.index(
        "foreninger.services.associations_apply_retention"
    )


def _paths(functions):
    return [f"{function.__module__}.{function.__name__}" for function in functions]


def test_retention_runs_dependants_first():
    assert _paths(retention_tasks()) == [
        "frivillig.outbox.services.messages_apply_retention",
        "foreninger.frivilligjob.services.opportunity_answers_apply_retention",
        "puljer.services.applications_apply_retention",
        "frivillig.arrangementer.workshops.workshop_responses_apply_retention",
        "foreninger.services.associations_apply_retention",
        "frivillig.awards.nominations_apply_retention",
    ]


def test_demo_data_are_seeded_dependencies_first_whatever_the_menu_order():
    assert _paths(demo_seeds()) == [
        "frivillig.demo.seed",
        "foreninger.demo.seed",
        "frivillig.arrangementer.demo.seed",
        "foreninger.frivilligjob.demo.seed",
        "puljer.demo.seed",
        "puljer.payments.demo.seed",
        "puljer.assessment.demo.seed",
        "folgegruppe.demo.seed",
    ]
