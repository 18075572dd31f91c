from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The Danish business register's modulus-11 weights for the eight digits of a CVR number.
CVR_WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)


def cvr_is_valid(value):
    if len(value) != 8 or not value.isascii() or not value.isdigit() or value[0] == "0":
        return False
    total = sum(int(digit) * weight for digit, weight in zip(value, CVR_WEIGHTS, strict=True))
    return total % 11 == 0


def validate_cvr(value):
    if not cvr_is_valid(value):
        raise ValidationError(
            _("A CVR number has eight digits that pass the check-digit rule. Check the number."),
            code="invalid_cvr",
        )
