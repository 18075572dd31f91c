from tests.htmlcheck import check


def test_the_checker_reports_an_element_where_html_does_not_allow_it():
    document = b"<!doctype html><html lang=da><title>x</title><ul><p>Punkt</p></ul></html>"
    assert [message["message"] for message in check(document)] == [
        "Element “p” not allowed as child of element “ul” in this context. "
        "(Suppressing further errors from this subtree.)"
    ]


def test_the_checker_passes_a_valid_document():
    assert check(b"<!doctype html><html lang=da><title>x</title><p>Tekst</p></html>") == []
