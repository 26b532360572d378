"""Predicates about the jury: who may do what, and which conflicts are likely. Pure.
Whether someone chairs a jury is a query: jury.selectors.is_chair, the one chair check."""

from decimal import Decimal

from django.utils.translation import gettext as _

from accounts.addresses import normalise_email
from accounts.rules import is_secretariat
from prize.enums import EDITION_JURY_STATES

# Jurors and the chair log in with a second factor while the jury has the entries and the
# scores in hand: when their edition is judged or deliberated.
SECOND_FACTOR_STATES = EDITION_JURY_STATES


def seat_needs_second_factor(*, edition_state: str) -> bool:
    """Whether a seat on the jury of an edition in this state requires a second factor
    (jury.selectors.second_factor_duty asks the database the same)."""
    return edition_state in SECOND_FACTOR_STATES


def decimal_plain(value: Decimal) -> Decimal:
    """A score or step without trailing zeros and never in exponent form: 10.00 -> 10
    (`normalize()` alone gives 1E+1, which a number field cannot show), 7.50 -> 7.5."""
    value = value.normalize()
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def email_domain(address: str) -> str:
    """The domain of an address in its one form (accounts.addresses), so that look-alike
    spellings of one domain are the same domain."""
    return normalise_email(address).rsplit("@", 1)[-1] if "@" in address else ""


# Public webmail providers and reserved example domains: sharing one says nothing about
# a link between two people. Extended per site by settings.SHARED_MAIL_DOMAINS.
COMMON_MAIL_DOMAINS = frozenset(
    {
        # international
        "gmail.com", "googlemail.com", "outlook.com", "outlook.fr", "hotmail.com",
        "hotmail.fr", "hotmail.co.uk", "live.com", "live.fr", "msn.com", "yahoo.com",
        "yahoo.fr", "yahoo.co.uk", "yahoo.de", "ymail.com", "icloud.com", "me.com",
        "mac.com", "aol.com", "proton.me", "protonmail.com", "pm.me", "zoho.com",
        "mail.com", "gmx.com", "tutanota.com", "tuta.io", "fastmail.com",
        # national providers of member states
        "gmx.de", "gmx.net", "gmx.at", "gmx.ch", "web.de", "t-online.de", "freenet.de",
        "orange.fr", "wanadoo.fr", "free.fr", "laposte.net", "sfr.fr", "bbox.fr",
        "libero.it", "virgilio.it", "tiscali.it", "alice.it", "seznam.cz", "centrum.cz",
        "wp.pl", "o2.pl", "onet.pl", "interia.pl", "abv.bg", "freemail.hu", "citromail.hu",
        "yandex.ru", "yandex.com", "mail.ru", "bk.ru", "inbox.ru", "list.ru", "rambler.ru",
        "ukr.net", "btinternet.com", "sky.com", "telenet.be", "skynet.be", "ziggo.nl",
        "kpnmail.nl", "bluewin.ch", "sapo.pt", "otenet.gr", "yahoo.gr",
        # reserved for examples (RFC 2606)
        "example.org", "example.com", "example.net",
    }
)  # fmt: skip


def is_shared_domain(domain: str, shared: frozenset[str] | set[str]) -> bool:
    """`domain` is one of `shared` or a subdomain of one (mail.yahoo.com)."""
    return any(domain == d or domain.endswith("." + d) for d in shared)


def likely_conflicts(
    *,
    juror,
    entry,
    member_emails: list[str],
    shared_domains: frozenset[str] | set[str] = COMMON_MAIL_DOMAINS,
) -> list[str]:
    """Why a juror may have a conflict with an entry: same country as the authority, the
    same e-mail domain as one of its people (unless it is one of `shared_domains`, such
    as a public webmail provider), or the juror's organisation among its partners.
    Reasons in plain words, for the chair to confirm or waive."""
    reasons = []
    if juror.country and juror.country == entry.authority.country:
        reasons.append(_("Same country as the authority."))
    domain = email_domain(juror.email)
    if (
        domain
        and not is_shared_domain(domain, shared_domains)
        and domain in {email_domain(e) for e in member_emails}
    ):
        reasons.append(
            _("Same e-mail domain (%(domain)s) as the authority's people.") % {"domain": domain}
        )
    organisation = (juror.organisation or "").strip().lower()
    partners = [(p.get("name") or "").strip().lower() for p in entry.partners or []]
    if organisation and any(organisation in p or p in organisation for p in partners if p):
        reasons.append(_("The juror's organisation is a partner of the project."))
    return reasons


def may_decide_conflict(*, conflicted, user, seat) -> bool:
    """Who confirms or waives a conflict of the juror `conflicted`: never that person;
    otherwise the secretariat, the chair of the edition's jury, and, for a conflict of a
    chair, any other juror of the edition (a chair cannot judge their own case, and the
    jury may have no second chair). `seat` is the user's own seat on that jury, or None."""
    if not (user and user.is_authenticated):
        return False
    if conflicted.user_id is not None and conflicted.user_id == user.pk:
        return False
    if is_secretariat(user):
        return True
    if seat is None:
        return False
    return seat.role == "chair" or conflicted.role == "chair"


def shortlist_proposal(rows, size: int) -> list[str]:
    """The entries the first round proposes for the shortlist (their refs, in ranking
    order): the first `size` ranked entries of `rows` (ranking.Row, in ranking order),
    and every entry tied with the last of them, since a tie is not split to fit the
    size. Unranked entries (no counted score) are never proposed."""
    ranked = [r for r in rows if r.place is not None]
    if not ranked or size < 1:
        return []
    cut = ranked[min(size, len(ranked)) - 1].place
    return [r.entry for r in ranked if r.place <= cut]
