from tests.e2e.conftest import axe_violations


def test_axe_reports_an_image_without_a_text_alternative(page):
    page.set_content(
        '<!doctype html><html lang="da"><title>x</title><main><img src="a.png"></main>'
    )
    assert [violation.split(" ")[0] for violation in axe_violations(page)] == ["image-alt"]
