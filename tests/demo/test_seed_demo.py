import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from alliance import services as alliance_services
from alliance.models import Participation, ParticipationTransition, Profile
from demo import data
from jury import services as jury_services
from jury.models import Assignment, Conflict, Decision, Juror, Score
from jury.ranking import rank
from jury.selectors import ranking_input, ranking_settings
from prize import services
from prize.enums import EditionState
from prize.models import Edition, EditionTransition
from results.enums import CertificateStatus
from results.models import Certificate, NewsItem
from results.services import news_create
from submissions.models import Authority, Entry, EntryTransition, Photo
from tests.downloads import downloaded
from web.access import CONFIRM_FIELD

pytestmark = pytest.mark.django_db
ARCHIVE = range(1, 8)


def seed(*args) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def log_in_as_a_tester(client, email: str) -> None:
    """The password the README prints, then the code `demo_totp_code` prints."""
    assert client.login(username=email, password=data.DEMO_PASSWORD)
    out = io.StringIO()
    call_command("demo_totp_code", email, stdout=out)
    answer = client.post("/en/accounts/two-factor/code/", {"code": out.getvalue().strip()})
    assert (answer.status_code, answer["Location"]) == (302, "/en/start/")
    TOTPDevice.objects.filter(user__email=email).update(last_t=-1)  # the next login too


def entry_states(number: int) -> list[tuple[str, str]]:
    return sorted(
        Entry.objects.filter(edition__number=number).values_list("authority__name", "state")
    )


def snapshot() -> dict:
    """Every count the demo touches, and the times that a write would move."""
    return {
        "counts": [
            m.objects.count()
            for m in (
                Edition,
                Entry,
                EntryTransition,
                EditionTransition,
                Photo,
                Authority,
                User,
                Juror,
                Assignment,
                Score,
                Conflict,
                Decision,
                Certificate,
                Participation,
                ParticipationTransition,
                Profile,
                TOTPDevice,
                StaticToken,
                NewsItem,
            )
        ],
        "news": sorted(NewsItem.objects.values_list("title_en", "updated_at", "file")),
        "call": list(
            Edition.objects.filter(number=data.OPEN).values_list("call_text_en", "call_text_fr")
        ),
        "entries": sorted(Entry.objects.values_list("ref", "updated_at", "version", "state")),
        "users": sorted(User.objects.values_list("email", "password", "last_login")),
        "devices": sorted(TOTPDevice.objects.values_list("pk", "user__email")),
    }


def test_seed_demo_builds_every_phase_through_the_services_and_a_second_run_changes_nothing(
    mailoutbox,
):
    first = seed()
    assert "Imported the past editions 1–7." in first
    states = dict(Edition.objects.values_list("number", "state"))
    assert {n: states[n] for n in data.DEMO_EDITIONS} == {
        91: EditionState.PUBLISHED,
        92: EditionState.DELIBERATION,
        93: EditionState.JUDGING,
        94: EditionState.SCREENING,
        95: EditionState.OPEN,
    }
    assert all(
        Edition.objects.get(number=n).name["en"].startswith("Demo · ") for n in states if n > 90
    )
    assert all(
        Edition.objects.get(number=n).name["fr"].startswith("Démo · ") for n in states if n > 90
    )
    # Each edition went the whole way, one logged step at a time.
    assert list(
        EditionTransition.objects.filter(edition__number=91).values_list("action", flat=True)
    ) == ["create", "open_call", "close_call", "start_judging", "start_deliberation", "publish"]

    assert entry_states(95) == [
        ("Ayuntamiento de Villaejemplo", "submitted"),
        ("Demoköy Belediyesi", "submitted"),
        ("Gmina Przykładowo", "draft"),
        ("Општина Демоград", "draft"),
    ]
    assert entry_states(94) == [
        ("Demoköy Belediyesi", "submitted"),
        ("Esimerkkilän kunta", "submitted"),
        ("Landkreis Musterstadt", "submitted"),
        ("Δήμος Δειγματούπολης", "eligible"),
        ("Општина Демоград", "info_requested"),
    ]
    assert (
        Edition.objects.get(number=95).submission_deadline
        > Edition.objects.get(number=95).created_at
    )
    assert all(
        e.submission_deadline < e.created_at
        for e in Edition.objects.filter(number__lt=95, number__gt=90)
    )

    # Judging: sheets submitted, one autosaved draft, one flagged conflict to decide.
    sheets = Assignment.objects.filter(juror__edition__number=93)
    assert (sheets.count(), sheets.filter(state="submitted").count()) == (15, 8)
    draft = Assignment.objects.get(
        juror__edition__number=93,
        juror__user__email="juror@institute.example",
        entry__authority__name="Општина Демоград",
    )
    assert (draft.state, draft.scores.exclude(value=None).count()) == ("draft", 2)
    assert list(
        Conflict.objects.filter(juror__edition__number=93).values_list(
            "juror__user__email", "entry__authority__name", "status"
        )
    ) == [("juror@forum.example", "Ayuntamiento de Villaejemplo", "flagged")]
    # Nobody else is flagged: each person has a mail domain of their own.
    assert Conflict.objects.count() == 1

    # Deliberation: every sheet in, and the ranking ties two entries for the 2nd place.
    assert not Assignment.objects.filter(juror__edition__number=92, state="draft").exists()
    assert not Decision.objects.filter(edition__number=92).exists()
    delib = Edition.objects.get(number=92)
    rows = rank(settings=ranking_settings(delib), **ranking_input(edition=delib))
    names = dict(Entry.objects.filter(edition=delib).values_list("ref", "authority__name"))
    assert [(names[r.entry], r.place, r.ex_aequo) for r in rows] == [
        ("Landkreis Musterstadt", 1, False),
        ("Commune d’Exempleville", 2, True),
        ("Δήμος Δειγματούπολης", 2, True),
        ("Demoköy Belediyesi", 3, False),
    ]

    # Published: laureates with photos and the jury's statements; rendered certificates.
    assert entry_states(91) == [
        ("Ayuntamiento de Villaejemplo", "ineligible"),
        ("Demoköy Belediyesi", "awarded"),
        ("Gmina Przykładowo", "not_awarded"),
        ("Δήμος Δειγματούπολης", "awarded"),
        ("Општина Демоград", "awarded"),
    ]
    decision = Decision.objects.get(edition__number=91)
    assert decision.approved_by.email == "approvals@congress.example"
    assert decision.recorded_by.email == "chair@university.example"
    assert all(
        r.statement["en"].startswith("Demonstration statement") for r in decision.results.all()
    )
    assert Photo.objects.filter(entry__edition__number=91, entry__state="awarded").count() == 6
    certificates = Certificate.objects.filter(edition__number=91)
    assert [(c.status, bool(c.file)) for c in certificates] == [(CertificateStatus.VALID, True)] * 3

    # The open edition's call in both languages, and news items, all saying "demo".
    call = Edition.objects.get(number=95)
    assert call.call_text_en.startswith("This is a demonstration call for entries")
    assert call.call_text_fr.startswith("Ceci est un appel à candidatures de démonstration")
    news = list(NewsItem.objects.newest_first())
    assert [n.title_en.split(":")[0] for n in news] == ["Demo news"] * 2
    assert [n.title_fr.split(" :")[0] for n in news] == ["Actualité de démonstration"] * 2
    assert [bool(n.file) for n in news] == [True, False]  # a drawn photo, with its text:
    assert news[0].photo_alt_en.startswith("A drawing of coloured shapes marked DEMO")

    # Nobody and nothing real: every demo address is on a reserved domain.
    assert all(p.email.rsplit(".", 1)[1] == "example" for p in data.PEOPLE)
    assert set(User.objects.values_list("email", flat=True)) == set(data.DEMO_EMAILS)

    before, mails = snapshot(), len(mailoutbox)
    second = seed()
    assert snapshot() == before
    assert len(mailoutbox) == mails  # nothing queued twice
    assert "Built the demo edition" not in second
    assert "jury chair               chair@university.example" in second


def test_a_demo_certificate_verifies_and_the_laureate_downloads_its_pdf(client):
    out = seed()
    certificate = Certificate.objects.get(
        edition__number=91, entry__authority__name="Општина Демоград"
    )
    # The number the README's walk asks the visitor to open is printed with the logins.
    printed = re.search(r"A certificate to verify \(.*\): (/en/certificates/\S+/)", out)
    assert printed.group(1) == f"/en/certificates/{certificate.number}/"
    page = Client().get(printed.group(1))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Општина Демоград" in text
    assert "Demo · results published" in text
    assert "1st place" in text
    mayor = User.objects.get(email="mayor@demograd.example")
    client.force_login(mayor)
    pdf = downloaded(client.get(f"/en/certificates/{certificate.number}/pdf/"))  # S3: a redirect
    assert (pdf.status, pdf["Content-Type"]) == (200, "application/pdf")
    assert pdf.body[:5] == b"%PDF-"
    laureate = Client().get(f"/fr/editions/91/{certificate.entry.ref}/")
    assert laureate.status_code == 200
    assert "Déclaration de démonstration" in laureate.content.decode()


def test_each_demo_person_logs_in_and_finds_their_work(settings):
    from settings import local

    settings.TEMPLATES = local.TEMPLATES  # as `make run` serves them (the chair's rows too)
    seed()
    assert list(User.objects.filter(is_superuser=True)) == []
    assert sorted(
        User.objects.filter(groups__name="Secretariat").values_list("email", flat=True)
    ) == ["approvals@congress.example", "secretariat@congress.example"]
    tie = Client()
    log_in_as_a_tester(tie, "chair@university.example")
    deliberation = tie.get("/en/jury/92/deliberation/").content.decode()
    assert deliberation.count("2 ex aequo") == 2
    assert "Commune d’Exempleville" in deliberation
    assert "Confirm the computed ranking" in deliberation

    juror = Client()
    log_in_as_a_tester(juror, "juror@institute.example")
    scoring = juror.get("/en/jury/93/").content.decode()
    for name in ("Општина Демоград", "Gmina Przykładowo", "Commune d’Exempleville"):
        assert name in scoring

    conflicted = Client()
    log_in_as_a_tester(conflicted, "juror@forum.example")
    assert "Ayuntamiento de Villaejemplo" not in conflicted.get("/en/jury/93/").content.decode()

    secretariat = Client()
    log_in_as_a_tester(secretariat, "secretariat@congress.example")
    screening = secretariat.get("/en/secretariat/editions/94/entries/").content.decode()
    for name in ("Demoköy Belediyesi", "Esimerkkilän kunta", "Landkreis Musterstadt"):
        assert name in screening
    conflicts = secretariat.get("/en/jury/93/deliberation/").content.decode()
    assert "Ayuntamiento de Villaejemplo" in conflicts
    assert "Општина Демоград" in secretariat.get("/en/secretariat/alliance/").content.decode()

    # The chair records the tie; the second person of the secretariat approves it.
    chair = User.objects.get(email="chair@university.example")
    jury_services.decision_record(edition_id=Edition.objects.get(number=92).pk, by=chair)
    approver = Client()
    log_in_as_a_tester(approver, "approvals@congress.example")
    approved = approver.post("/en/jury/92/deliberation/approve/", {CONFIRM_FIELD: "yes"})
    assert approved.status_code == 302
    assert (
        Decision.objects.get(edition__number=92).approved_by.email == "approvals@congress.example"
    )

    authority = Client()
    assert authority.login(username="mayor@demograd.example", password=data.DEMO_PASSWORD)
    draft = Entry.objects.get(edition__number=95, authority__name="Општина Демоград")
    assert authority.get(f"/en/entries/{draft.ref}/edit/").status_code == 200
    asked = Entry.objects.get(edition__number=94, authority__name="Општина Демоград")
    page = authority.get(f"/en/entries/{asked.ref}/").content.decode()
    assert "please add the number of Roma families" in page


@pytest.mark.slow
def test_seed_demo_demotes_the_superusers_an_older_demo_made(client):
    seed()
    User.objects.filter(
        email__in=["secretariat@congress.example", "juror@institute.example"]
    ).update(is_superuser=True)
    User.objects.get(email="secretariat@congress.example").groups.clear()
    seed()
    assert list(User.objects.filter(is_superuser=True)) == []
    assert User.objects.get(email="secretariat@congress.example").is_secretariat is True
    assert User.objects.get(email="juror@institute.example").is_secretariat is False
    log_in_as_a_tester(client, "secretariat@congress.example")
    assert client.get("/en/admin/").status_code == 200
    assert client.get("/en/admin/jury/decision/add/").status_code == 403


@pytest.mark.slow
def test_reset_deletes_and_rebuilds_the_demo_and_leaves_the_archive_and_others_untouched(
    django_capture_on_commit_callbacks,
):
    seed()
    archive = sorted(
        Entry.objects.filter(edition__number__in=ARCHIVE).values_list(
            "pk", "ref", "state", "authority__name", "updated_at"
        )
    )
    someone = User.objects.create_user(email="real.person@municipality.test", password="x")
    old_certificate = Certificate.objects.filter(edition__number=91).first()
    old_news = NewsItem.objects.exclude(file="").get()
    real_news = news_create(
        by=User.objects.get(email="secretariat@congress.example"),
        title_en="The 8th edition is announced",
        text_en="A real item: the reset leaves it.",
    )
    with django_capture_on_commit_callbacks(execute=True):  # the files go after the commit
        out = seed("--reset")
    assert "Deleted the demo data: 5 editions, 8 authorities, 14 people, 2 news items." in out
    assert (
        sorted(
            Entry.objects.filter(edition__number__in=ARCHIVE).values_list(
                "pk", "ref", "state", "authority__name", "updated_at"
            )
        )
        == archive
    )
    assert User.objects.filter(pk=someone.pk).exists()
    assert not Certificate.objects.filter(pk=old_certificate.pk).exists()
    assert not old_certificate.file.storage.exists(old_certificate.file.name)
    assert not old_news.file.storage.exists(old_news.file.name)
    assert NewsItem.objects.get(title_en=old_news.title_en).pk != old_news.pk
    assert NewsItem.objects.count() == 3  # the demo's two again, and the real one
    assert NewsItem.objects.filter(pk=real_news.pk).exists()
    assert Edition.objects.get(number=91).state == EditionState.PUBLISHED
    assert Certificate.objects.filter(edition__number=91).exclude(file="").count() == 3
    assert Authority.objects.filter(name="Општина Демоград").count() == 1


def test_reset_refuses_when_a_real_edition_has_a_demo_number(secretary):
    services.edition_create(by=secretary, number=93, name={"en": "93rd edition"}, year=2070)
    with pytest.raises(CommandError, match="Edition 93 is not a demo edition"):
        seed("--reset")
    assert Edition.objects.get(number=93).name == {"en": "93rd edition"}
    assert not User.objects.filter(email__in=data.DEMO_EMAILS).exists()


@pytest.mark.slow
def test_seed_demo_removes_what_an_older_demo_invented_about_real_laureates():
    seed()
    legacy = User.objects.create_user(email="secretariat@example.org", password="x", is_staff=True)
    legacy.groups.add(*User.objects.get(email="secretariat@congress.example").groups.all())
    ghent = Authority.objects.get(name="City of Ghent")
    alliance_services.participation_register(
        authority_id=ghent.pk, by=legacy, accepted_on=ghent.created_at.date()
    )
    out = seed()
    assert "Removed what an older seed_demo made: 1 invented Alliance records." in out
    assert not Participation.objects.filter(authority=ghent).exists()
    assert Authority.objects.filter(pk=ghent.pk).exists()
    assert not User.objects.filter(email="secretariat@example.org").exists()


def test_the_demo_s_two_factor_key_is_printed_and_its_codes_restored_for_demo_accounts_only():
    first = seed()
    assert "Key for any authenticator app (time-based, 6 digits): DOST ADEM OKEY" in first
    assert "otpauth://totp/Dosta%21-Congress%20Prize%3Achair%40university.example?secret=" in first
    assert "demo-0001 demo-0002" in first
    client = Client()
    assert client.login(username="juror@institute.example", password=data.DEMO_PASSWORD)
    used = client.post("/en/accounts/two-factor/recovery/", {"code": "DEMO-0001"})
    assert used.status_code == 302
    assert "You have 9 unused recovery codes." in client.get("/en/accounts/two-factor/").text

    seed()  # the used code works again: the demo's codes are published, not secrets
    client.logout()
    assert client.login(username="juror@institute.example", password=data.DEMO_PASSWORD)
    assert client.post("/en/accounts/two-factor/recovery/", {"code": "demo0001"}).status_code == 302
    for key in data.SECOND_FACTOR:  # demo_totp_code answers for every demo person with one
        out = io.StringIO()
        call_command("demo_totp_code", data.PEOPLE_BY_KEY[key].email, stdout=out)
        assert out.getvalue().strip().isdigit()
    # and never for a real account
    User.objects.create_user(email="real@example.org", password="x")
    with pytest.raises(CommandError, match="has no demo authenticator app"):
        call_command("demo_totp_code", "real@example.org", stdout=io.StringIO())


def test_the_demo_call_and_news_are_on_the_public_pages_in_both_languages():
    seed()
    home = Client().get("/en/").content.decode()
    assert "This is a demonstration call for entries" in home
    assert "Who may enter" in home
    assert "Ceci est un appel à candidatures de démonstration" in Client().get("/fr/").text
    call_pdf = Client().get("/fr/editions/95/call.pdf")
    assert (call_pdf.status_code, call_pdf["Content-Type"]) == (200, "application/pdf")
    news = Client().get("/en/news/").content.decode()
    assert "Demo news: the demo call for entries is open" in news
    item = NewsItem.objects.get(title_en="Demo news: the demo call for entries is open")
    assert "A drawing of coloured shapes marked DEMO" in Client().get(f"/en/news/{item.pk}/").text
    assert "Actualité de démonstration : les lauréats" in Client().get("/fr/news/").text


def test_an_older_demo_gets_its_call_and_a_call_the_secretariat_changed_is_kept():
    seed()
    Edition.objects.filter(number=95).update(call_text_en="", call_text_fr="")
    seed()  # a demo built before the call had a text
    assert Edition.objects.get(number=95).call_text_fr.startswith("Ceci est un appel")
    Edition.objects.filter(number=95).update(call_text_en="Our own call.", call_text_fr="")
    seed()
    assert list(Edition.objects.filter(number=95).values_list("call_text_en", "call_text_fr")) == [
        ("Our own call.", "")
    ]
