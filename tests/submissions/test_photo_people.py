"""A photo says one of two things about the people in it: "no identifiable people in this
photo" or "the people shown have consented". One of them is required; either lets it be
published (submissions.rules.photo_people_cleared, the one place), on every path: the
upload, the edit of a photo, the submit checklist, the admin, publication and the
import (whose format says nothing about people: its photos stay "not said")."""

import io
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from PIL import Image

from prize.enums import EditionState
from prize.models import Edition
from submissions import rules, services
from submissions.enums import EntryState, PhotoPeople
from submissions.models import Entry, Photo
from tests.factories import EntryFactory
from tests.html_forms import forms_of
from tests.migrations import migrate
from tests.submissions.conftest import PHOTO_TEXT, fill, jpeg_upload

NO_ONE = {**PHOTO_TEXT, "people": "none"}


def entry_form_data(client, entry, **changes) -> dict:
    page = client.get(f"/en/entries/{entry.ref}/edit/").content.decode()
    [form] = [f for f in forms_of(page) if "title_en" in f.names()]
    return {**form.entry_list(), **changes}


def test_the_upload_offers_the_two_answers_in_a_labelled_group(client, draft, member):
    client.force_login(member)
    html = client.get(f"/en/entries/{draft.ref}/edit/").content.decode()
    group = re.search(r'<fieldset class="choices">(.*?)</fieldset>', html, re.S).group(1)
    assert "<legend>People in the photo</legend>" in group
    assert re.findall(r'<input type="radio" name="photo_people" value="(\w+)"', group) == [
        "none",
        "consented",
    ]
    assert "No identifiable people in this photo" in group
    assert "The people shown have consented" in group


def test_a_photo_without_identifiable_people_is_added_from_the_page_and_completes_it(
    client, draft, member
):
    fill(draft, member)
    client.force_login(member)
    data = entry_form_data(
        client,
        draft,
        photo=jpeg_upload(),
        photo_caption=[PHOTO_TEXT["caption"]],
        photo_credit=[PHOTO_TEXT["credit"]],
        photo_alt=[PHOTO_TEXT["alt"]],
        photo_people=["none"],
    )
    response = client.post(f"/en/entries/{draft.ref}/edit/", data)
    assert response.status_code == 302
    assert draft.photos.get().people == PhotoPeople.NONE
    draft.refresh_from_db()
    assert services.entry_submit_missing(draft) == []


@pytest.mark.parametrize("people", [None, "", "yes"], ids=["neither", "empty", "crafted"])
def test_a_new_photo_with_neither_answer_is_refused_and_the_text_kept(
    client, draft, member, people
):
    client.force_login(member)
    data = entry_form_data(
        client,
        draft,
        summary=["Kept summary."],
        photo=jpeg_upload(),
        photo_caption=["A caption"],
        photo_credit=["A credit"],
        photo_alt=["An alternative text"],
    )
    data.pop("photo_people", None)
    if people is not None:
        data["photo_people"] = [people]
    response = client.post(f"/en/entries/{draft.ref}/edit/", data)
    html = response.content.decode()
    assert response.status_code == 400
    message = (
        "Say whether the photo shows identifiable people: choose “No identifiable people in "
        "this photo” or “The people shown have consented”."
    )
    assert message.replace("“", "&ldquo;") in html or message in html
    assert '<a href="#id_photo_people_0">' in html  # the summary leads to the first answer
    assert not Photo.objects.exists()
    draft.refresh_from_db()
    assert draft.text("summary") == "Kept summary."


def test_an_existing_photo_can_change_its_answer_but_not_drop_it(client, draft, member):
    photo = services.photo_add(entry_id=draft.pk, by=member, upload=jpeg_upload(), **PHOTO_TEXT)
    client.force_login(member)
    key = f"photo_{photo.pk}_people"
    data = entry_form_data(client, draft)
    assert data[key] == ["consented"]  # the page shows the stored answer

    response = client.post(f"/en/entries/{draft.ref}/edit/", {**data, key: ["none"]})
    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.people == PhotoPeople.NONE

    dropped = {k: v for k, v in entry_form_data(client, draft).items() if k != key}
    response = client.post(f"/en/entries/{draft.ref}/edit/", dropped)
    assert response.status_code == 400
    assert "Photo 1: Say whether the photo shows identifiable people" in response.content.decode()
    photo.refresh_from_db()
    assert photo.people == PhotoPeople.NONE


def test_the_services_accept_either_answer_and_refuse_anything_else(draft, member):
    none = services.photo_add(entry_id=draft.pk, by=member, upload=jpeg_upload(), **NO_ONE)
    assert rules.photo_people_cleared(none.people)
    for bad in ("", "yes", "NONE"):
        with pytest.raises(ValidationError) as refused:
            services.photo_add(
                entry_id=draft.pk, by=member, upload=jpeg_upload(), **{**NO_ONE, "people": bad}
            )
        assert list(refused.value.message_dict) == ["people"]
        with pytest.raises(ValidationError):
            services.photo_update(photo_id=none.pk, by=member, **{**NO_ONE, "people": bad})
    assert Photo.objects.get().people == PhotoPeople.NONE


@pytest.mark.parametrize(
    ("people", "published"),
    [("none", True), ("consented", True), ("", False)],
    ids=["no-identifiable-people", "people-consented", "not-said"],
)
def test_publication_accepts_either_answer_and_nothing_else(draft, member, people, published):
    photo = services.photo_add(entry_id=draft.pk, by=member, upload=jpeg_upload(), **PHOTO_TEXT)
    Photo.objects.filter(pk=photo.pk).update(people=people)  # arrange: rows as stored
    Entry.objects.filter(pk=draft.pk).update(state=EntryState.AWARDED, consent_publication=True)
    Edition.objects.filter(pk=draft.edition_id).update(state=EditionState.PUBLISHED)
    photo = Photo.objects.select_related("entry__edition").get(pk=photo.pk)
    assert rules.photo_consented(photo) is published
    assert rules.photo_is_public(photo) is published
    Entry.objects.filter(pk=draft.pk).update(consent_publication=False)
    photo = Photo.objects.select_related("entry__edition").get(pk=photo.pk)
    assert rules.photo_is_public(photo) is False  # the authority's consent still counts


@pytest.mark.django_db
def test_the_admin_offers_the_same_two_answers_for_a_draft(client, secretary, draft, member):
    photo = services.photo_add(entry_id=draft.pk, by=member, upload=jpeg_upload(), **PHOTO_TEXT)
    client.force_login(secretary)
    url = f"/en/admin/submissions/entry/{draft.pk}/change/"
    page = client.get(url).content.decode()
    [form] = [f for f in forms_of(page) if "photos-0-people" in f.names()]
    [control] = [c for c in form.controls if c.name == "photos-0-people"]
    assert [value for value, _selected in control.options] == ["", "none", "consented"]

    data = {**form.entry_list(("_continue", "")), "photos-0-people": ["none"]}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    photo.refresh_from_db()
    assert photo.people == PhotoPeople.NONE and photo.people_cleared


@pytest.mark.django_db
def test_an_imported_photo_says_nothing_of_the_people_so_it_is_not_published(tmp_path):
    """The interchange format carries no answer about the people in a photo (and its
    unknown keys are errors): an imported photo is "not said" until someone answers."""
    (tmp_path / "photos").mkdir()
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), (20, 90, 160)).save(buffer, "JPEG")
    (tmp_path / "photos" / "a-1.jpg").write_bytes(buffer.getvalue())
    data = {
        "format": "dosta-edition",
        "version": 1,
        "edition": {
            "number": 92,
            "name": {"en": "92nd Prize"},
            "year": 2092,
            "state": "screening",
            "criteria": [
                {"code": "impact", "name": {"en": "Impact"}, "weight": "1", "max_score": 10}
            ],
        },
        "entries": [
            {
                "ref": "a-92",
                "authority": {"name": "City of A", "kind": "municipality", "country": "BE"},
                "state": "submitted",
                "photos": [
                    {
                        "file": "photos/a-1.jpg",
                        "caption": {"en": "C"},
                        "credit": "A",
                        "alt": {"en": "A"},
                    }
                ],
            }
        ],
    }
    path = tmp_path / "edition.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    call_command("import_edition", str(path), stdout=io.StringIO())
    photo = Photo.objects.get(entry__ref="a-92")
    assert photo.people == PhotoPeople.NOT_SAID
    assert not photo.people_cleared


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("migrations_restored")
def test_the_migration_keeps_consented_photos_consented():
    entry = EntryFactory()
    old = migrate([("submissions", "0003_authority_name_in_french")])
    OldPhoto = old.get_model("submissions", "Photo")
    yes = OldPhoto.objects.create(entry_id=entry.pk, file="private/y.jpg", people_consented=True)
    no = OldPhoto.objects.create(entry_id=entry.pk, file="private/n.jpg", people_consented=False)

    new = migrate([("submissions", "0004_photo_people_none_or_consented")])
    NewPhoto = new.get_model("submissions", "Photo")
    assert NewPhoto.objects.get(pk=yes.pk).people == "consented"
    assert NewPhoto.objects.get(pk=no.pk).people == ""
