"""The demo's payment rules: on every pool, each marked as an example."""

from puljer.payments import demo
from puljer.payments.models import PaymentRules


def test_the_demo_gives_each_pool_example_payment_rules_marked_as_examples(faaborg):
    assert demo.seed() == "Demo payments: example rules on 3 pools, 0 payment plans."
    assert sorted(PaymentRules.objects.values_list("pool__kind", "decision_percent", "source")) == [
        ("co_creation", 80, "Eksempelregel i demoen – ikke vedtaget af kommunen"),
        ("s18", 80, "Eksempelregel i demoen – ikke vedtaget af kommunen"),
        ("s79", 100, "Eksempelregel i demoen – ikke vedtaget af kommunen"),
    ]
