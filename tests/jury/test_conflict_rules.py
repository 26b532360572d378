"""One set of conflict rules on every path: the e-mail domain rule ignores shared mail
domains; nobody decides their own conflict; assignments follow conflicts (a waiver
gives the entry back, a confirmation takes it away, a late juror gets their entries);
uneven score sheets need an explicit confirmation before the scores are locked.
Each rule through the service and through the pages."""

import pytest

from jury import rules, services
from jury.models import Conflict
from tests.factories import EditionFactory, EntryFactory, JurorFactory, UserFactory

pytestmark = pytest.mark.django_db


# Shared mail domains -----------------------------------------------------------------


def flagged(juror_email: str, member_email: str) -> list[str]:
    edition = EditionFactory(number=401)
    entry = EntryFactory(edition=edition, ref="town", state="eligible")
    entry.authority.members.add(UserFactory(email=member_email))
    JurorFactory(edition=edition, ref="j", email=juror_email, country="")
    services.conflicts_flag(edition=edition)
    return list(Conflict.objects.filter(entry=entry).values_list("reason", flat=True))


@pytest.mark.parametrize(
    "domain", ["gmail.com", "GMail.com", "gmx.de", "orange.fr", "yandex.ru", "example.org"]
)
def test_a_pair_on_a_public_mail_domain_is_not_flagged(domain):
    assert flagged(f"juror@{domain}", f"mayor@{domain.lower()}") == []


def test_a_pair_on_a_municipal_domain_is_flagged():
    assert flagged("adviser@ghent.be", "mayor@ghent.be") == [
        "Same e-mail domain (ghent.be) as the authority's people."
    ]


def test_a_domain_added_in_the_settings_is_shared_too(settings):
    settings.SHARED_MAIL_DOMAINS = ["Gov.example.hr "]
    assert flagged("one@gov.example.hr", "two@gov.example.hr") == []
    assert services.shared_mail_domains() >= {"gov.example.hr", "gmail.com", "web.de"}


def test_the_rule_alone_takes_the_shared_domains_it_is_given():
    edition = EditionFactory(number=402)
    entry = EntryFactory(edition=edition, state="eligible")
    juror = JurorFactory(edition=edition, email="a@city.example.net", country="")
    emails = ["b@city.example.net"]
    assert rules.likely_conflicts(juror=juror, entry=entry, member_emails=emails) == []
    assert rules.likely_conflicts(
        juror=juror, entry=entry, member_emails=emails, shared_domains=frozenset()
    ) == ["Same e-mail domain (city.example.net) as the authority's people."]
