"""Send batches: built from the round in its order, checked, sent once through the right channels."""

import datetime as dt

import pytest

from invitations.models import (
    BatchStatus,
    Contact,
    ContactKind,
    InvitationCase,
    MessageTemplate,
    Participation,
    ParticipationState,
    SendBatch,
)
from invitations.services.batches import (
    BatchError,
    BatchFilters,
    NoOneToInvite,
    batch_create,
    batch_discard,
    batch_remove_person,
    batch_send,
)
from invitations.services.contacts import contact_create
from notifications.models import OutboxMessage
from population.services.audit import Actor
from tests.factories import CareUnitFactory, staff_with
from tests.invitations.factories import participation_in, round_for
from tests.scheduling.factories import SlotFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    return CareUnitFactory(name="Vårdcentralen Norr")


@pytest.fixture
def actor(unit):
    return Actor.staff(staff_with(unit), unit)


@pytest.fixture
def web_times(unit, now):
    return SlotFactory(unit=unit, start=now + dt.timedelta(days=20))


def mixed_round(unit):
    """One person per branch of the routing rule, in this order."""
    return [
        participation_in(unit=unit, reachability="digital"),
        participation_in(unit=unit, reachability="missing"),  # notification "Saknas" → phone
        participation_in(unit=unit, reachability="locked", no_phone=True),  # → letter
        participation_in(unit=unit, reachability="never_logged_in", no_phone=True, protected_identity=True,
                         street_address="", postal_code="", postal_town=""),  # → letter via forwarding
        participation_in(unit=unit, reachability="digital", deceased=True),  # → excluded
        participation_in(unit=unit, reachability="sms", protected_identity=True),  # digital despite protection
    ]


def make(unit, actor, size=25, template="invitation_phone", **filters):
    return batch_create(round_=round_for(unit), template_kind=template, size=size, filters=BatchFilters(**filters),
                        actor=actor)


def test_a_batch_takes_selected_people_in_the_rounds_random_order(unit, actor):
    people = [participation_in(unit=unit) for _ in range(5)]
    Participation.objects.filter(pk=people[1].pk).update(state=ParticipationState.INVITED)
    batch = make(unit, actor, size=3)
    assert list(batch.items.values_list("participation", flat=True)) == [people[0].pk, people[2].pk, people[3].pk]
    assert batch.status == BatchStatus.DRAFT and batch.events.get().to_status == "draft"


def test_filters_pick_by_age_and_reachability(unit, actor):
    forty = participation_in(unit=unit, age=40, reachability="missing")
    participation_in(unit=unit, age=50, reachability="missing")
    digital = participation_in(unit=unit, age=40, reachability="digital")
    batch = make(unit, actor, ages=(40,), reachability="phone")
    assert list(batch.items.values_list("participation", flat=True)) == [forty.pk]
    batch = make(unit, actor, reachability="digital")
    assert list(batch.items.values_list("participation", flat=True)) == [digital.pk]


def test_people_in_another_unsent_batch_are_not_picked_again_until_it_goes_stale(unit, actor, now):
    first, second = participation_in(unit=unit), participation_in(unit=unit)
    held = batch_create(round_=round_for(unit), template_kind="invitation_phone", size=1, filters=BatchFilters(),
                        actor=actor, now=now)
    assert list(held.items.values_list("participation", flat=True)) == [first.pk]
    other = batch_create(round_=round_for(unit), template_kind="invitation_phone", size=5, filters=BatchFilters(),
                         actor=actor, now=now)
    assert list(other.items.values_list("participation", flat=True)) == [second.pk]
    later = batch_create(round_=round_for(unit), template_kind="invitation_phone", size=5, filters=BatchFilters(),
                         actor=actor, now=now + dt.timedelta(hours=25))
    assert set(later.items.values_list("participation", flat=True)) == {first.pk, second.pk}


def test_more_than_25_asks_for_confirmation(unit, actor):
    for _ in range(26):
        participation_in(unit=unit)
    with pytest.raises(BatchError, match="at most 25"):
        make(unit, actor, size=26)
    batch = batch_create(round_=round_for(unit), template_kind="invitation_phone", size=26, filters=BatchFilters(),
                         actor=actor, confirm_large=True)
    assert batch.items.count() == 26


def test_the_web_times_template_is_refused_without_free_web_times(unit, actor):
    participation_in(unit=unit)
    with pytest.raises(BatchError, match="web booking times"):
        make(unit, actor, template="invitation_web")
    assert not SendBatch.objects.exists()


def test_nothing_left_is_said_plainly(unit, actor):
    with pytest.raises(NoOneToInvite):
        make(unit, actor)


def test_sending_routes_everyone_by_the_manuals_rule(unit, actor, now, web_times):
    people = mixed_round(unit)
    batch = batch_create(round_=round_for(unit), template_kind="invitation_web", size=25, filters=BatchFilters(),
                         actor=actor, now=now)
    result = batch_send(batch=batch, actor=actor, message="Ta med legitimation.", now=now)
    assert result.counts == {"digital": 2, "phone": 1, "letter": 2, "excluded": 1, "skipped": 0}
    states = dict(Participation.objects.values_list("pk", "state"))
    assert [states[p.pk] for p in people] == ["invited", "invited", "invited", "invited", "excluded", "invited"]
    assert Participation.objects.get(pk=people[4].pk).exit_reason == "deceased"
    cases = InvitationCase.objects.order_by("participation__position")
    assert [c.participation_id for c in cases] == [people[0].pk, people[5].pk]
    assert {c.status for c in cases} == {"sent_unread"}
    messages = OutboxMessage.objects.order_by("id")
    assert [m.subject_ref for m in messages] == [c.subject_ref for c in cases]
    assert messages[0].subject == "Inbjudan – Välkommen på ett hälsosamtal"
    assert messages[0].body.endswith("Ta med legitimation.")
    assert messages[0].template_version_id == cases[0].template_version_id
    assert messages[0].link_url.startswith("http://127.0.0.1:8000/invanare/")
    contacts = {c.participation_id: c for c in Contact.objects.all()}
    assert contacts[people[1].pk].kind == ContactKind.PHONE
    assert contacts[people[2].pk].kind == ContactKind.LETTER and not contacts[people[2].pk].via_forwarding
    assert contacts[people[3].pk].kind == ContactKind.LETTER and contacts[people[3].pk].via_forwarding
    routes = list(batch.items.order_by("position").values_list("route", "route_reason"))
    assert routes == [("digital", ""), ("phone", ""), ("letter", ""), ("letter", "forwarding"),
                      ("excluded", "deceased"), ("digital", "")]
    batch.refresh_from_db()
    assert (batch.status, batch.sent_at, batch.message) == ("sent", now, "Ta med legitimation.")


def test_the_persons_language_picks_the_message_variant(unit, actor, now):
    participation_in(unit=unit, reachability="digital", preferred_language="ar")
    batch_send(batch=make(unit, actor), actor=actor, now=now)
    message = OutboxMessage.objects.get()
    assert message.subject == "دعوة – مرحباً بك في حوار صحي"
    assert (message.language, InvitationCase.objects.get().language) == ("ar", "ar")


def test_sending_twice_invites_no_one_twice(unit, actor, now, django_capture_on_commit_callbacks):
    mixed_round(unit)
    batch = make(unit, actor)
    with django_capture_on_commit_callbacks() as callbacks:
        first = batch_send(batch=batch, actor=actor, now=now)
        second = batch_send(batch=batch, actor=actor, now=now + dt.timedelta(seconds=1))
    assert second.already_sent and second.counts == first.counts
    assert OutboxMessage.objects.count() == 2 and InvitationCase.objects.count() == 2
    assert Contact.objects.count() == 3
    assert len(callbacks) == 2  # one delivery task per message


def test_two_batches_holding_the_same_person_invite_them_once(unit, actor, now):
    person = participation_in(unit=unit, reachability="digital")
    first = batch_create(round_=round_for(unit), template_kind="invitation_phone", size=5, filters=BatchFilters(),
                         actor=actor, now=now)
    with pytest.raises(NoOneToInvite):  # the first draft holds the person
        batch_create(round_=round_for(unit), template_kind="invitation_phone", size=5, filters=BatchFilters(),
                     actor=actor, now=now)
    # A day later the forgotten draft no longer holds them; a colleague builds a new batch.
    later = now + dt.timedelta(hours=25)
    second = batch_create(round_=round_for(unit), template_kind="invitation_phone", size=5,
                          filters=BatchFilters(), actor=actor, now=later)
    assert batch_send(batch=second, actor=actor, now=later).counts["digital"] == 1
    assert batch_send(batch=first, actor=actor, now=later).counts["skipped"] == 1
    assert InvitationCase.objects.filter(participation=person).count() == 1
    assert OutboxMessage.objects.count() == 1


def test_a_person_invited_since_the_batch_was_made_is_skipped(unit, actor, now):
    person = participation_in(unit=unit, reachability="digital")
    batch = make(unit, actor)
    Participation.objects.filter(pk=person.pk).update(state=ParticipationState.INVITED)
    result = batch_send(batch=batch, actor=actor, now=now)
    assert result.counts["skipped"] == 1 and not OutboxMessage.objects.exists()


def test_a_failure_while_sending_changes_nothing(unit, actor, now):
    mixed_round(unit)
    batch = make(unit, actor)
    MessageTemplate.objects.filter(kind="invitation_phone").update(current_version=None)
    with pytest.raises(LookupError):
        batch_send(batch=batch, actor=actor, now=now)
    assert set(Participation.objects.values_list("state", flat=True)) == {"selected"}
    assert not OutboxMessage.objects.exists() and not Contact.objects.exists()
    assert SendBatch.objects.get().status == "draft"


def test_later_contacts_in_the_round_are_new_contacts(unit, actor, now):
    participation = participation_in(unit=unit, reachability="missing")
    batch_send(batch=make(unit, actor), actor=actor, now=now)
    first = Contact.objects.get()
    again = contact_create(participation=participation, kind="phone", reason="invitation",
                           idempotency_key=first.idempotency_key, actor=actor, now=now)
    follow_up = contact_create(participation=participation, kind="phone", reason="no_answer",
                               idempotency_key=f"follow-up:participation-{participation.pk}", actor=actor, now=now)
    assert again == first and follow_up != first
    assert Contact.objects.count() == 2


def test_a_draft_can_lose_people_or_be_discarded(unit, actor, now):
    people = [participation_in(unit=unit) for _ in range(3)]
    batch = make(unit, actor)
    assert batch_remove_person(batch=batch, participation_id=people[1].pk) == 2
    batch_discard(batch=batch, actor=actor, now=now)
    with pytest.raises(BatchError, match="already been sent or discarded"):
        batch_send(batch=batch, actor=actor, now=now)
    assert make(unit, actor).items.count() == 3  # the people are free again


def test_the_web_template_is_checked_again_when_sending(unit, actor, now, web_times):
    participation_in(unit=unit)
    batch = batch_create(round_=round_for(unit), template_kind="invitation_web", size=5, filters=BatchFilters(),
                         actor=actor, now=now)
    web_times.status = "booked"
    web_times.save()  # the last free web time went meanwhile
    with pytest.raises(BatchError, match="web booking times"):
        batch_send(batch=batch, actor=actor, now=now)
    assert not OutboxMessage.objects.exists()


@pytest.mark.parametrize(("changes", "usable"), [
    ({}, True),
    ({"web": False}, False),  # bookable by staff only
    ({"status": "blocked"}, False),
    ({"start_days": 61}, False),  # beyond the citizen's 60 days
    ({"start_days": -1}, False),  # already passed
])
def test_the_web_times_check_uses_the_units_free_web_slots(unit, now, changes, usable):
    from invitations.services.web_times import unit_has_web_times

    days = changes.pop("start_days", 10)
    SlotFactory(unit=unit, start=now + dt.timedelta(days=days), **changes)
    SlotFactory(unit=CareUnitFactory(region=unit.region), start=now + dt.timedelta(days=5))  # another unit's
    assert unit_has_web_times(unit=unit, now=now) is usable
