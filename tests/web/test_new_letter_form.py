"""The new-letter form: required fields marked, each problem at its field as well as in the
summary with what was typed kept, currencies offered from the thresholds, and whether the
amount goes to legal review said before and after creating the letter."""

from __future__ import annotations

from lxml import html

from tests.web.conftest import text_of

COMPLETE = {
    "customer_name": "Nora New",
    "amount": "120.00",
    "currency": "USD",
    "language": "en",
    "customer_reason": "Too late.",
    "reasons": ["delivered_on_time"],
    "concession": "none",
}


def test_required_fields_are_marked_for_eyes_and_screen_readers(world, sign_in):
    page = sign_in("ana").page("/letters/new")
    for name in ("customer_name", "amount", "currency", "language", "customer_reason"):
        [field] = page.xpath(f"//*[@name='{name}']")
        assert field.get("required") is not None and field.get("aria-required") == "true", name
    assert page.xpath("//*[@name='customer_email']")[0].get("required") is None
    assert "(required)" in text_of(page, "//fieldset[contains(@class,'checks')]/legend")
    hint = page.xpath("//*[@id='customer_value-hint']")[0].text_content()
    assert hint.startswith("An amount in the letter's currency, for example 5000.00")
    assert page.xpath("//input[@name='customer_value']/@aria-describedby") == ["customer_value-hint"]


def test_currency_is_a_choice_of_the_currencies_with_a_threshold(world, sign_in):
    page = sign_in("ana").page("/letters/new")
    assert page.xpath("//select[@name='currency']/option/@value") == ["EUR", "USD"]
    assert page.xpath("//select[@name='currency']/option[@selected]/@value") == ["USD"]
    response = sign_in("ana").post("/letters/new", {**COMPLETE, "currency": "XAU"})
    assert response.status_code == 422
    assert "Choose one of the currencies offered: EUR, USD." in response.get_data(as_text=True)


def test_each_problem_is_shown_at_its_field_and_linked_from_the_summary(world, sign_in):
    typed = {**COMPLETE, "customer_name": "", "amount": "12.345", "customer_reason": "", "customer_email": "kept@x.org"}
    response = sign_in("ana").post("/letters/new", typed)
    assert response.status_code == 422
    page = html.fromstring(response.get_data(as_text=True))
    for name, sentence in (
        ("customer_name", "Customer name is required."),
        ("amount", "USD amounts have at most 2 digits after the decimal point."),
        ("customer_reason", "Customer's reason is required."),
    ):
        [field] = page.xpath(f"//*[@name='{name}']")
        assert field.get("aria-invalid") == "true", name
        assert f"{name}-error" in field.get("aria-describedby").split()
        assert text_of(page, f"//*[@id='{name}-error']") == sentence
        assert page.xpath(f"//div[@role='alert']//a[@href='#{name}']"), name
    assert [link.text_content() for link in page.xpath("//div[@role='alert']//li/a")] == [
        "Customer name is required.",
        "Amount requested: USD amounts have at most 2 digits after the decimal point.",
        "Customer's reason is required.",
    ], "each problem once, named by its field unless the sentence names it"
    assert page.xpath("//input[@name='customer_email']/@value") == ["kept@x.org"]
    assert page.xpath("//input[@name='amount']/@value") == ["12.345"]
    assert page.xpath("//*[@name='customer_email']")[0].get("aria-invalid") is None


def test_the_form_says_whether_the_amount_goes_to_legal_review(world, sign_in):
    ana = sign_in("ana")
    assert ana.get("/letters/legal-review?amount=4800&currency=USD").json == {
        "note": "$4,800.00 is at or over the legal-review threshold for USD ($1,000.00): "
        "after the peer review, a lawyer reviews this letter too."
    }
    assert (
        ana.get("/letters/legal-review?amount=120&currency=EUR")
        .json["note"]
        .startswith("€120.00 is below the legal-review threshold for EUR (€1,000.00): a peer review is enough")
    )
    assert ana.get("/letters/legal-review?amount=lots&currency=USD").json == {"note": ""}
    page = ana.page("/letters/new")
    assert page.xpath("//script/@src") == ["/static/legal-review.js"]
    assert page.xpath("//form/@data-legal-review") == ["/letters/legal-review"]

    refused = html.fromstring(ana.post("/letters/new", {**COMPLETE, "amount": "4800", "customer_name": ""}).data)
    assert text_of(refused, "//*[@id='legal-note']").startswith("$4,800.00 is at or over the legal-review threshold")
    created = ana.post("/letters/new", {**COMPLETE, "amount": "4800"})
    flash = text_of(ana.page(created.headers["Location"]), "//p[contains(@class,'flash-success')]")
    assert flash.endswith("after the peer review, a lawyer reviews this letter too.")
