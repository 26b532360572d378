"""The Alliance's existing participants from the secretariat's CSV file: one service
(alliance.importing) behind the secretariat's upload page and `manage.py
import_alliance`. All or nothing; problems by line; a second import of the same file
changes nothing; an imported authority is claimed by its officials, never duplicated."""

import base64
import re
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from alliance import importing, selectors
from alliance.enums import ParticipationState
from alliance.models import Participation, ParticipationTransition
from submissions.models import Authority
from submissions.services import authorities as authority_services
from tests.factories import AuthorityFactory, UserFactory

pytestmark = pytest.mark.django_db

GOOD = (
    "name,kind,country,participant_since,website,name_fr\n"
    "City of Ghent,municipality,BE,2013-09-01,https://stad.gent,Ville de Gand\n"
    "Comunidad de Madrid,Region,Spain,2014-03,,\n"
    '"Municipality of Volos",municipality,GR,2015-05-01,,\n'
    "Municipality of Heraklion,Municipalité,Grèce,2016-02-01,,\n"
)


def everything() -> tuple:
    """What an import may write, to show that a refusal wrote nothing."""
    return (
        sorted(Authority.objects.values_list("name", "country", "website", "name_fr")),
        sorted(Participation.objects.values_list("authority__name", "state", "accepted_on")),
        ParticipationTransition.objects.count(),
    )


def test_a_file_creates_verified_participants_and_the_counter_counts_them(secretary):
    assert (selectors.counter().participants, selectors.counter().countries) == (0, 0)
    plan = importing.participants_import(data=GOOD.encode(), by=secretary)
    assert [s.action for s in plan.steps] == ["create"] * 4
    ghent = Authority.objects.get(name="City of Ghent")
    assert (ghent.kind, ghent.country, ghent.website, ghent.name_fr) == (
        "municipality",
        "BE",
        "https://stad.gent",
        "Ville de Gand",
    )
    assert ghent.is_verified and ghent.verified_by == secretary
    assert list(ghent.members.all()) == []
    madrid = Participation.objects.get(authority__name="Comunidad de Madrid")
    assert (madrid.state, madrid.accepted_on, madrid.authority.kind) == (
        ParticipationState.ACCEPTED,
        date(2014, 3, 1),
        "region",
    )
    # Four participants from three countries: the two Greek cities count Greece once.
    assert (selectors.counter().participants, selectors.counter().countries) == (4, 3)


def test_utf8_with_a_byte_order_mark_and_semicolons_is_read_the_same(secretary):
    text = GOOD.replace(",", ";").replace("Comunidad de Madrid", "Comunidad de Madrid – Región")
    importing.participants_import(data=b"\xef\xbb\xbf" + text.encode(), by=secretary)
    assert sorted(Authority.objects.values_list("name", flat=True)) == [
        "City of Ghent",
        "Comunidad de Madrid – Región",
        "Municipality of Heraklion",
        "Municipality of Volos",
    ]


def test_the_same_file_twice_changes_nothing_the_second_time(secretary):
    importing.participants_import(data=GOOD.encode(), by=secretary)
    before = everything()
    plan = importing.participants_import(data=GOOD.encode(), by=secretary)
    assert [s.action for s in plan.steps] == ["unchanged"] * 4
    assert everything() == before


def test_a_changed_date_is_corrected_and_logged_and_nothing_else_changes(secretary):
    importing.participants_import(data=GOOD.encode(), by=secretary)
    changed = GOOD.replace("2015-05-01", "2015-06-15").replace("https://stad.gent", "https://x.be")
    plan = importing.participants_import(data=changed.encode(), by=secretary)
    assert [s.action for s in plan.steps] == ["unchanged", "unchanged", "update", "unchanged"]
    volos = Participation.objects.get(authority__name="Municipality of Volos")
    assert volos.accepted_on == date(2015, 6, 15)
    log = volos.transitions.order_by("pk").last()
    assert (log.action, log.note, log.by) == ("since", "2015-05-01 → 2015-06-15", secretary)
    # A website already on the site is the authority's own: the file does not replace it.
    assert Authority.objects.get(name="City of Ghent").website == "https://stad.gent"


def test_an_authority_already_registered_joins_without_a_second_row(secretary):
    official = UserFactory()
    ghent = AuthorityFactory(name="city of ghent", country="BE", kind="municipality")
    ghent.members.add(official)
    plan = importing.participants_import(data=GOOD.encode(), by=secretary)
    assert plan.steps[0].action == "join"
    assert plan.steps[0].changes == [
        "website: https://stad.gent",
        "name in French: Ville de Gand",
        "verified now (it was waiting for verification)",
    ]
    assert Authority.objects.filter(country="BE").count() == 1
    ghent.refresh_from_db()
    assert ghent.is_verified and ghent.participation.state == ParticipationState.ACCEPTED
    assert list(ghent.members.all()) == [official]


BAD = (
    "name,kind,country,participant_since,website\n"
    "City of Ghent,municipality,BE,2013-09-01,\n"
    "City of Nowhere,municipality,Atlantis,2014-01-01,\n"
    "City of Lyon,municipality,FR,01/02/2014,\n"
    "City of Ghent,municipality,BE,2015-01-01,\n"
    ",municipality,FR,2014-01-01,\n"
    "Kocaeli,metropolis,TR,2014-01-01,\n"
    "Moscow,municipality,RU,2014-01-01,\n"
    "Salford,municipality,GB,2999-01-01,\n"
    "Argostoli,municipality,GR,2014-01-01,argostoli\n"
    "Only,three,fields\n"
)
BAD_PROBLEMS = [
    "Line 3: unknown country “Atlantis”: write its two-letter code (such as BE) or its "
    "name in English or French.",
    "Line 4: “01/02/2014” is not a date: write it as 2014-03-01 (year, month, day) or 2014-03.",
    "Line 5: City of Ghent (BE) is already on line 2.",
    "Line 6: the “name” field is empty.",
    "Line 7: unknown kind “metropolis”: write municipality, region or other_local.",
    "Line 8: Russian Federation is not a member state of the Council of Europe.",
    "Line 9: the date 1 January 2999 is after today.",
    "Line 10: “argostoli” is not a web address: write it in full, with https://.",
    "Line 11: 3 fields where the first line names 5.",
]


def test_a_file_with_problems_is_refused_whole_each_problem_by_its_line(secretary):
    before = everything()
    with pytest.raises(ValidationError) as refused:
        importing.participants_import(data=BAD.encode(), by=secretary)
    assert refused.value.messages == BAD_PROBLEMS
    assert everything() == before


def test_a_file_that_is_not_utf8_or_has_the_wrong_header_is_refused_clearly(secretary):
    with pytest.raises(ValidationError) as refused:
        importing.participants_import(data=GOOD.encode("cp1252"), by=secretary)
    assert "The file is not UTF-8 text." in refused.value.messages[0]
    with pytest.raises(ValidationError) as refused:
        importing.participants_import(data=b"authority,country\nGhent,BE\n", by=secretary)
    assert refused.value.messages == [
        "Line 1 must name the columns: name,kind,country,participant_since,website (and "
        "optionally name_fr). It reads “authority,country”."
    ]
    assert everything() == ([], [], 0)


def test_a_pending_request_stops_the_import_until_it_is_decided(secretary, requested):
    line = f"{requested.authority.name},municipality,RS,2014-01-01,\n"
    data = ("name,kind,country,participant_since,website\n" + line).encode()
    with pytest.raises(ValidationError) as refused:
        importing.participants_import(data=data, by=secretary)
    assert refused.value.messages == [
        "Line 2: Крагујевац's Alliance record is “Requested” on the site: decide or leave "
        "it on its page first, or remove this line."
    ]


def test_nobody_but_the_secretariat_imports(member):
    with pytest.raises(PermissionDenied):
        importing.participants_import(data=GOOD.encode(), by=member)
    with pytest.raises(PermissionDenied):
        importing.participants_import_preview(data=GOOD.encode(), by=member)
    assert everything() == ([], [], 0)


# --- Claiming an imported authority ------------------------------------------------------


@pytest.mark.parametrize("name", ["CITY OF GHENT", "Ville de Gand"])
def test_an_imported_authority_is_claimed_through_the_secretariat_never_duplicated(secretary, name):
    importing.participants_import(data=GOOD.encode(), by=secretary)
    official = UserFactory(email="mayor@stad.gent", language="fr")
    with pytest.raises(ValidationError) as refused:
        authority_services.authority_create(
            by=official, name=name, kind="other_local", country="BE", contact_name="M"
        )
    assert refused.value.messages == [
        "City of Ghent is already on the site, and nobody manages it yet. Write to the "
        "secretariat at dosta-prize@example.org from your authority's e-mail address: it "
        "will invite you to manage it."
    ]
    assert Authority.objects.filter(country="BE").count() == 1
    ghent = Authority.objects.get(country="BE")
    invitation = authority_services.authority_invite(
        authority_id=ghent.pk, by=secretary, email="mayor@stad.gent"
    )
    assert authority_services.invitation_accept(token=invitation.token, by=official) == ghent
    assert list(ghent.members.all()) == [official]
    # Once claimed, a second official is sent to their colleague, as for any authority.
    with pytest.raises(ValidationError) as refused:
        authority_services.authority_create(
            by=UserFactory(), name=name, kind="municipality", country="BE"
        )
    assert refused.value.messages == [
        "City of Ghent is already registered. Ask a colleague who manages it to invite "
        "you, or write to the secretariat."
    ]


def test_the_claimed_participant_sees_its_alliance_page(client, secretary):
    importing.participants_import(data=GOOD.encode(), by=secretary)
    ghent = Authority.objects.get(country="BE")
    official = UserFactory()
    ghent.members.add(official)
    client.force_login(official)
    page = client.get(f"/en/authorities/{ghent.pk}/alliance/").content.decode()
    assert "Participant" in page


# --- The secretariat's page --------------------------------------------------------------


def upload(client, text: str, language: str = "en"):
    file = SimpleUploadedFile("participants.csv", text.encode(), "text/csv")
    return client.post(f"/{language}/secretariat/alliance/import/", {"file": file})


def hidden(html: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]*)"', html).group(1)


def test_upload_preview_then_confirm(client, secretary):
    client.force_login(secretary)
    assert client.get("/en/secretariat/alliance/import/").status_code == 200
    preview = upload(client, GOOD)
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "4 new authorities, verified, become participants." in html
    assert "New authority, verified, becomes a participant" in html
    assert everything() == ([], [], 0)  # a preview writes nothing
    content, digest = hidden(html, "content"), hidden(html, "digest")
    assert base64.b64decode(content) == GOOD.encode()
    unticked = client.post(
        "/en/secretariat/alliance/import/", {"content": content, "digest": digest}
    )
    assert unticked.status_code == 400 and "Tick the box to confirm the import." in (
        unticked.content.decode()
    )
    assert everything() == ([], [], 0)
    done = client.post(
        "/en/secretariat/alliance/import/",
        {"content": content, "digest": digest, "confirm": "on"},
        follow=True,
    )
    assert done.redirect_chain == [("/en/alliance/", 302)]
    assert (
        "Imported: 4 new participants, 0 authorities already on the site now participants, "
        "0 updated, 0 unchanged."
    ) in done.content.decode()
    assert 'data-participants="4" data-countries="3"' in done.content.decode()


def test_a_confirmation_after_the_site_changed_is_refused(client, secretary):
    client.force_login(secretary)
    html = upload(client, GOOD).content.decode()
    importing.participants_import(data=GOOD.encode(), by=secretary)  # meanwhile
    before = everything()
    response = client.post(
        "/en/secretariat/alliance/import/",
        {"content": hidden(html, "content"), "digest": hidden(html, "digest"), "confirm": "on"},
    )
    assert response.status_code == 400
    assert "The site changed since your preview" in response.content.decode()
    assert everything() == before
    # The file is kept: the new preview (everything now unchanged) waits to be confirmed.
    again = response.content.decode()
    assert hidden(again, "content") == hidden(html, "content")
    assert hidden(again, "digest") != hidden(html, "digest")
    assert "Participant: no change" in again


def test_the_page_lists_every_problem_by_line_and_writes_nothing(client, secretary):
    client.force_login(secretary)
    response = upload(client, BAD)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Nothing was imported: 9 problems." in html
    assert 'class="error-summary"' in html
    for problem in BAD_PROBLEMS:
        assert problem.replace("“", "&ldquo;").replace("”", "&rdquo;") in html or problem in html
    assert everything() == ([], [], 0)


def test_the_french_page_says_it_in_french(client, secretary):
    client.force_login(secretary)
    html = client.get("/fr/secretariat/alliance/import/").content.decode()
    assert "Importer les participants de l’Alliance" in html
    response = upload(client, BAD, language="fr")
    html = response.content.decode().replace("\xa0", " ")  # French spacing before a colon
    assert response.status_code == 400
    assert "Rien n’a été importé : 9 problèmes." in html
    assert "Ligne 7 : type inconnu « metropolis »" in html


def test_the_page_is_the_secretariats_only(client, member):
    client.force_login(member)
    assert upload(client, GOOD).status_code == 403
    assert everything()[0] == []


# --- The command -------------------------------------------------------------------------


def test_the_command_dry_run_writes_nothing_then_imports(tmp_path, secretary, capsys):
    path = tmp_path / "participants.csv"
    path.write_text(GOOD, encoding="utf-8")
    call_command("import_alliance", str(path), "--by", secretary.email, "--dry-run")
    out = capsys.readouterr().out
    assert "line 2: City of Ghent (BE): create" in out
    assert out.strip().endswith("Dry run, nothing written: 4 create, 0 join, 0 update, 0 unchanged")
    assert everything() == ([], [], 0)
    call_command("import_alliance", str(path), "--by", secretary.email)
    assert (
        capsys.readouterr()
        .out.strip()
        .endswith("Imported: 4 create, 0 join, 0 update, 0 unchanged")
    )
    assert (selectors.counter().participants, selectors.counter().countries) == (4, 3)


def test_the_command_lists_the_problems_and_writes_nothing(tmp_path, secretary, member):
    path = tmp_path / "participants.csv"
    path.write_text(BAD, encoding="utf-8")
    with pytest.raises(CommandError) as refused:
        call_command("import_alliance", str(path), "--by", secretary.email)
    assert str(refused.value) == "Nothing was imported:\n" + "\n".join(
        f"  - {p}" for p in BAD_PROBLEMS
    )
    with pytest.raises(CommandError, match="Only the secretariat imports"):
        call_command("import_alliance", str(path), "--by", member.email, "--dry-run")
    assert everything() == ([], [], 0)


def test_a_post_without_a_file_says_so(client, secretary):
    client.force_login(secretary)
    response = client.post("/en/secretariat/alliance/import/", {})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()


def test_names_in_other_scripts_match_as_search_folds_them_never_as_empty(secretary):
    """Łódź in the file is the Lodz on the site, and a name in its French form finds the
    authority; two Cyrillic names are two authorities (folding never leaves them empty)."""
    lodz = AuthorityFactory(name="City of Lodz", country="PL", kind="municipality")
    gand = AuthorityFactory(name="Stad Gent", name_fr="Ville de Gand", country="BE")
    data = (
        "name,kind,country,participant_since,website,name_fr\n"
        "City of Łódź,municipality,PL,2014-01-01,,\n"
        f"Ghent,{gand.kind},BE,2014-01-01,,Ville de Gand\n"
        "Општина Бор,municipality,RS,2015-01-01,,\n"
        "Општина Пирот,municipality,RS,2015-01-01,,\n"
    )
    plan = importing.participants_import(data=data.encode(), by=secretary)
    assert [(s.action, s.authority and s.authority.pk) for s in plan.steps[:2]] == [
        ("join", lodz.pk),
        ("join", gand.pk),
    ]
    assert [s.action for s in plan.steps[2:]] == ["create", "create"]
    assert Authority.objects.filter(country="RS").count() == 2
