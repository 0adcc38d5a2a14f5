"""Message templates: seeded per region, variants by unit and language, safe placeholders, versions."""

import pytest
from django.urls import reverse

from invitations.models import MessageTemplate, MessageTemplateVersion, StandardText, TemplateKind
from invitations.services.template_text import TemplateTextError, render_template_text
from invitations.services.templates import (
    TemplateMissing,
    template_languages,
    template_render,
    template_save,
    variant_language,
)
from rhs_portal.roles import Role
from tests.factories import CareUnitFactory, RegionFactory, StaffUserFactory, region_admin

pytestmark = pytest.mark.django_db

INTERFACE_KINDS = {
    "invitation_web", "invitation_phone", "invitation_letter", "reply_letter", "phone_script", "data_protection",
    "reply_questionnaire", "reply_we_call", "reply_self_book", "reply_declined", "reminder_auto", "reminder_manual",
    "booking_confirmation", "booking_changed", "booking_cancelled", "booking_reminder", "lab_reminder",
    "previsit_reminder",
}
CONTEXT = {"name": "Anna", "unit": "Vårdcentralen Norr", "unit_phone": "070-174 06 05", "link": "https://x/y",
           "deadline": "30 april 2026"}


@pytest.fixture
def unit():
    return CareUnitFactory(name="Vårdcentralen Norr")


def override(unit, kind="invitation_web", language="sv", subject="Egen rubrik", body="Hej {{ name }} från oss"):
    return template_save(template=MessageTemplate(region=unit.region, unit=unit, kind=kind, language=language,
                                                  subject=subject, body=body))


def test_a_new_region_gets_every_kind_in_swedish_english_and_arabic():
    region = RegionFactory()
    templates = MessageTemplate.objects.filter(region=region)
    assert set(TemplateKind.values) == INTERFACE_KINDS
    for language in ("sv", "en", "ar"):
        assert set(templates.filter(language=language).values_list("kind", flat=True)) == INTERFACE_KINDS
    assert all(t.current_version and t.version == 1 for t in templates)
    assert StandardText.objects.filter(region=region).count() == 5


@pytest.mark.parametrize(("kind", "subject", "phrase"), [
    ("invitation_web", "Inbjudan – Välkommen på ett hälsosamtal", "boka en tid själv"),
    ("invitation_phone", "Inbjudan – Välkommen på hälsosamtal", "så ringer vi dig och bokar en tid"),
    ("reply_questionnaire", "Inför ditt hälsosamtal", "Inför ditt hälsosamtal ska du fylla i följande formulär"),
    ("reply_we_call", "Vi ringer upp dig",
     "Vi ringer upp dig för att komma överens om en tid för ditt hälsosamtal."),
    ("reply_self_book", "Välkommen på ett hälsosamtal",
     "Välkommen på ett hälsosamtal. Inför hälsosamtalet ska du följa de här 3 stegen"),
    ("reply_declined", "Tack för ditt svar",
     "Hej! Tack för ditt svar, vi har noterat att du har tackat nej till hälsosamtal."),
    ("reminder_manual", "Du missar väl inte ditt hälsosamtal", "Du missar väl inte ditt hälsosamtal"),
    ("phone_script", "Samtalsstöd – inbjudan via telefon", "Hur skyddas mina data?"),
    ("booking_confirmation", "Bokningsbekräftelse – hälsosamtal", "minst en vecka före"),
])
def test_the_swedish_defaults_use_the_manuals_wording(unit, kind, subject, phrase):
    rendered = template_render(kind=kind, unit=unit, language="sv", context=CONTEXT)
    assert rendered.subject == subject
    assert phrase in rendered.body


def test_the_persons_language_picks_the_variant_and_swedish_is_the_fallback(unit):
    arabic = template_render(kind="invitation_web", unit=unit, language="ar", context=CONTEXT)
    assert arabic.language == "ar" and "مرحباً Anna" in arabic.body
    english = template_render(kind="invitation_web", unit=unit, language="en-GB", context=CONTEXT)
    assert english.language == "en" and english.body.startswith("Hello Anna,")
    finnish = template_render(kind="invitation_web", unit=unit, language="fi", context=CONTEXT)
    assert finnish.language == "sv" and finnish.body.startswith("Hej Anna!")
    assert template_languages(kind="invitation_web", unit=unit) == {"sv", "en", "ar"}
    assert variant_language(preferred="so", available={"sv", "en", "ar"}) == "sv"
    assert variant_language(preferred="AR", available={"sv", "en", "ar"}) == "ar"


def test_a_units_override_wins_in_its_language_only(unit):
    mine = override(unit)
    other_unit = CareUnitFactory(region=unit.region)
    rendered = template_render(kind="invitation_web", unit=unit, language="sv", context=CONTEXT)
    assert (rendered.subject, rendered.body, rendered.template_version_id) == (
        "Egen rubrik", "Hej Anna från oss", mine.current_version_id)
    assert template_render(kind="invitation_web", unit=other_unit, language="sv",
                           context=CONTEXT).subject == "Inbjudan – Välkommen på ett hälsosamtal"
    # The region's Arabic text still serves Arabic speakers at the unit.
    assert template_render(kind="invitation_web", unit=unit, language="ar", context=CONTEXT).language == "ar"


def test_a_missing_template_is_a_clear_error(unit):
    MessageTemplate.objects.filter(region=unit.region, kind="lab_reminder").update(current_version=None)
    with pytest.raises(TemplateMissing, match="lab_reminder"):
        template_render(kind="lab_reminder", unit=unit, language="sv", context=CONTEXT)


def test_a_changed_text_is_a_new_version_and_old_versions_keep_their_text(unit):
    template = MessageTemplate.objects.get(region=unit.region, unit=None, kind="reply_declined", language="sv")
    first = template_render(kind="reply_declined", unit=unit, language="sv", context=CONTEXT)
    template.body = "Tack, {{ name }}. Vi har noterat ditt nej."
    template_save(template=template)
    template_save(template=template)  # unchanged text: no new version
    second = template_render(kind="reply_declined", unit=unit, language="sv", context=CONTEXT)
    assert second.body == "Tack, Anna. Vi har noterat ditt nej."
    assert second.template_version_id != first.template_version_id
    assert template.versions.count() == 2 and template.version == 2
    assert "tackat nej till hälsosamtal" in MessageTemplateVersion.objects.get(pk=first.template_version_id).body


def test_placeholders_are_rendered_safely():
    assert render_template_text("Hej {{ name }}, {{ nothing }}!", {"name": "Anna"}) == "Hej Anna, !"
    assert render_template_text("{{ name|upper }}", {"name": "<b>Anna</b>"}) == "<B>ANNA</B>"  # plain text
    assert render_template_text("Hej {{ name }}", {"name": "{{ link }}{% debug %}"}) == "Hej {{ link }}{% debug %}"
    for bad in ("{% load static %}", "{% if name %}x{% endif %}", "{{ unit.region }}", "{{ name|safe }}",
                "{{ name|pprint }}", "{% debug %}", "{{ name|date:'Y' }}"):
        with pytest.raises(TemplateTextError):
            render_template_text(bad, {"name": "Anna"})


def test_region_admin_edits_the_regions_text_and_a_new_version_is_made(client, unit):
    client.force_login(region_admin(unit.region))
    template = MessageTemplate.objects.get(region=unit.region, unit=None, kind="reply_we_call", language="sv")
    url = reverse("admin:invitations_messagetemplate_change", args=[template.pk])
    data = {"region": unit.region.pk, "unit": "", "kind": "reply_we_call", "language": "sv",
            "subject": "Vi ringer dig", "body": "Hej {{ name }}! Vi ringer dig snart.",
            "versions-TOTAL_FORMS": 0, "versions-INITIAL_FORMS": 0}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    template.refresh_from_db()
    assert (template.version, template.subject, template.updated_by is not None) == (2, "Vi ringer dig", True)
    response = client.post(url, {**data, "body": "Hej {% if name %}{{ name }}{% endif %}"})
    assert response.status_code == 200
    assert "Bara platshållare" in str(response.context["adminform"].form.errors)


def test_unit_admin_writes_overrides_for_their_own_unit_only(client, unit):
    other = CareUnitFactory(region=unit.region)
    admin_user = StaffUserFactory(unit=unit, roles=[Role.UNIT_ADMIN], is_staff=True)
    client.force_login(admin_user)
    changelist = client.get(reverse("admin:invitations_messagetemplate_changelist"))
    assert list(changelist.context["cl"].queryset) == []  # the region's texts are the region admin's
    add = reverse("admin:invitations_messagetemplate_add")
    data = {"kind": "invitation_web", "language": "sv", "subject": "Välkommen till oss",
            "body": "Hej {{ name }}!", "versions-TOTAL_FORMS": 0, "versions-INITIAL_FORMS": 0}
    assert client.post(add, {**data, "unit": other.pk}).status_code == 200  # not their unit
    response = client.post(add, {**data, "unit": unit.pk})
    assert response.status_code == 302
    created = MessageTemplate.objects.get(unit=unit)
    assert (created.region, created.version) == (unit.region, 1)
    region_text = MessageTemplate.objects.filter(region=unit.region, unit=None).first()
    assert client.get(reverse("admin:invitations_messagetemplate_change", args=[region_text.pk])).status_code == 302
    assert client.post(add, {**data, "unit": unit.pk}).status_code == 200  # one override per kind and language


def test_region_texts_cannot_be_deleted_but_a_units_override_can(client, unit):
    client.force_login(region_admin(unit.region))
    region_text = MessageTemplate.objects.filter(region=unit.region, unit=None).first()
    assert client.get(reverse("admin:invitations_messagetemplate_delete", args=[region_text.pk])).status_code == 403
    mine = override(unit)
    version_id = mine.current_version_id
    response = client.post(reverse("admin:invitations_messagetemplate_delete", args=[mine.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert MessageTemplateVersion.objects.get(pk=version_id).body == "Hej {{ name }} från oss"  # kept for history
