"""A visitor's line breaks never reach an e-mail's headers: the subject stays one line."""

import pytest
from django.core import mail
from django.urls import reverse

from tests import factories


@pytest.mark.parametrize("line_break", ["\n", "\r", "\r\n", "\u2028"])
def test_a_line_break_in_the_contact_name_leaves_the_subject_one_line(client, faaborg, line_break):
    association = factories.association()
    response = client.post(
        reverse("foreninger:contact", args=[association.slug]),
        {
            "name": f"Eve{line_break}Bcc: victim@example.com",
            "email": "eve@example.com",
            "message": "Hej",
        },
    )
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.subject == "Besked fra Eve Bcc: victim@example.com via frivilligportalen"
    assert message.to == [association.email]
    assert message.bcc == []
    header = message.message()["Subject"]
    assert "\n" not in str(header) and "\r" not in str(header)
