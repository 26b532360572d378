"""Every URL of the site × every role, with the expected answer.

`LOGIN` is a redirect to the login page; other numbers are HTTP statuses. A URL pattern
that is not here fails tests/security/test_permission_matrix.py, so a new page cannot
go unjudged. The admin is judged as a whole (staff only) in the same test file."""

from collections.abc import Callable
from dataclasses import dataclass, field

from outreach.tokens import opt_out_token
from tests.security.world import ANON, CHAIR, CONFLICTED, JUROR, ROLES, SEC, A, B, World

LOGIN = "login"


@dataclass(frozen=True)
class Case:
    name: str  # the URL pattern's name, namespace included
    kwargs: Callable[[World], dict] = lambda w: {}
    expect: dict = field(default_factory=dict)
    method: str = "GET"
    data: dict = field(default_factory=dict)
    why: str = ""


def everyone(status=200) -> dict:
    return dict.fromkeys(ROLES, status)


def only(*allowed: str, ok=200, others=404, anonymous=LOGIN) -> dict:
    """`allowed` get `ok`; the other logged-in roles `others`; anonymous `anonymous`."""
    expect = {role: ok if role in allowed else others for role in ROLES}
    expect[ANON] = ok if ANON in allowed else anonymous
    return expect


def logged_in(ok=200) -> dict:
    return only(*ROLES[1:], ok=ok)


def secretariat(ok=200) -> dict:
    """secretariat_only: the login page for strangers, 403 for other people."""
    return only(SEC, ok=ok, others=403)


def post_only(anonymous=LOGIN) -> dict:
    """A GET of a POST-only view: 405 (after the login check where there is one)."""
    return {**everyone(405), ANON: anonymous}


JURY = (JUROR, CONFLICTED, CHAIR)
JURY_A = (JUROR, CHAIR)  # the jurors who may see A's entry (not the conflicted one)


def _jury(w: World, **extra) -> dict:
    return {"number": w.jury_edition.number, **extra}


CASES = [
    # --- outside the language prefixes -----------------------------------------------
    Case("set_language", expect=everyone(302), method="POST", data={"language": "fr"}),
    Case("set_language", expect=everyone(302), why="GET redirects back, changing nothing"),
    Case("certificate_short", lambda w: {"number": w.certificate_a.number}, everyone(302)),
    Case("robots_txt", expect=everyone()),
    Case("favicon", expect=everyone(301), why="to the icon's static file"),
    Case("health", expect=everyone(), why="the reverse proxy's health check: 'ok', nothing else"),
    Case("ready", expect=everyone(), why="the load balancer's readiness check: no secrets"),
    Case("sitemap", expect=everyone()),
    Case("api:root", expect=everyone(302)),
    Case("api:index", expect=everyone()),
    Case("api:editions", expect=everyone()),
    Case("api:edition", lambda w: {"number": w.published.number}, everyone()),
    Case("api:edition", lambda w: {"number": w.jury_edition.number}, everyone()),
    Case("api:results", lambda w: {"number": w.published.number}, everyone()),
    Case(
        "api:results",
        lambda w: {"number": w.jury_edition.number},
        everyone(404),
        why="results of an edition in deliberation are not public",
    ),
    Case("api:openapi", expect=everyone()),
    Case("api:not_found", lambda w: {"path": "nothing/"}, everyone(404)),
    Case("api:editions", expect=everyone(405), method="POST"),
    # --- accounts ----------------------------------------------------------------------
    Case("accounts:home", expect=logged_in()),
    Case("accounts:login", expect={**everyone(302), ANON: 200}),
    Case(
        "admin_login",
        expect={**everyone(200), SEC: 302},
        why="the admin's login (429 while paused); staff already logged in go to the admin",
    ),
    Case("accounts:logout", expect=post_only(anonymous=405)),
    Case("accounts:logout", expect=everyone(302), method="POST"),
    Case("accounts:password_reset", expect=everyone()),
    Case("accounts:password_reset_done", expect=everyone()),
    Case(
        "accounts:password_reset_confirm",
        lambda w: {"uidb64": "MQ", "token": "set-password"},
        everyone(),
        why="an invalid link: a page that says so",
    ),
    Case("accounts:password_reset_complete", expect=everyone()),
    Case("accounts:invitation", lambda w: {"uidb64": "MQ", "token": "x-y"}, everyone()),
    Case("accounts:invite", expect=only(SEC, others=403)),
    Case("accounts:register", expect={**everyone(302), ANON: 200}),
    Case("accounts:register_sent", expect=everyone()),
    Case("accounts:confirm", lambda w: {"token": "forged"}, everyone(400)),
    Case("accounts:my_data", expect=logged_in(), why="the person's own data, as a JSON file"),
    Case("accounts:my_data", expect={**everyone(405), ANON: LOGIN}, method="POST"),
    Case("accounts:erase", expect=logged_in(), why="the page that asks for the password"),
    Case(
        "accounts:erase",
        expect=logged_in(ok=400),
        method="POST",
        why="no password: refused with the reason, nothing erased",
    ),
    # Two-factor login, for people whose session passed it (tests/security/
    # test_second_factor.py attacks it with sessions that did not).
    Case("accounts:second_factor", expect=logged_in()),
    Case("accounts:second_factor_verify", expect=logged_in(302), why="verified: go on"),
    Case("accounts:second_factor_recovery", expect=logged_in(302), why="verified: go on"),
    Case("accounts:second_factor_setup", expect=logged_in(302), why="set up already"),
    Case("accounts:second_factor_codes", expect=logged_in()),
    Case("accounts:second_factor_codes", expect=logged_in(302), method="POST"),
    Case(
        "accounts:second_factor_codes_download",
        expect=logged_in(302),
        why="no new codes in the session: back to the codes page",
    ),
    Case("accounts:second_factor_codes_new", expect=post_only()),
    Case("accounts:second_factor_codes_new", expect=logged_in(302), method="POST"),
    Case("accounts:second_factor_remove", expect=logged_in()),
    Case(
        "accounts:second_factor_remove",
        expect=logged_in(400),
        method="POST",
        data={"code": ""},
        why="no code: refused with the reason",
    ),
    # --- authorities and entries -------------------------------------------------------
    Case("submissions:start", expect={**logged_in(), A: 302, B: 302}),
    Case("submissions:authority_new", expect=logged_in()),
    Case("submissions:authority", lambda w: {"pk": w.authority_a.pk}, only(A, SEC)),
    Case("submissions:authority_edit", lambda w: {"pk": w.authority_a.pk}, only(A, SEC)),
    Case(
        "submissions:authority_invite",
        lambda w: {"pk": w.authority_a.pk},
        {**post_only(), A: 405, SEC: 405},
    ),
    Case(
        "submissions:authority_invite",
        lambda w: {"pk": w.authority_a.pk},
        only(A, SEC, ok=400),
        method="POST",
        why="an empty form: refused with the reason, for members",
    ),
    Case("submissions:entry_new", lambda w: {"pk": w.authority_a.pk}, post_only()),
    Case(
        "submissions:entry_new",
        lambda w: {"pk": w.authority_a.pk},
        only(A, SEC, ok=302),
        method="POST",
    ),
    Case("submissions:join", lambda w: {"token": "unknown"}, logged_in()),
    Case("submissions:entry", lambda w: {"ref": w.entry_a.ref}, only(A, SEC)),
    Case("submissions:entry", lambda w: {"ref": w.entry_b.ref}, only(B, SEC)),
    Case(
        "submissions:entry_edit",
        lambda w: {"ref": w.entry_a.ref},
        only(A, SEC, ok=302),
        why="eligible: no longer editable, back to the entry",
    ),
    Case("submissions:entry_withdraw", lambda w: {"ref": w.entry_a.ref}, post_only(anonymous=405)),
    Case(
        "submissions:entry_withdraw",
        lambda w: {"ref": w.entry_a.ref},
        only(A, SEC, ok=302),
        method="POST",
        why="refused with a message: judging has started",
    ),
    Case("submissions:entry_receipt", lambda w: {"ref": w.entry_a.ref}, only(A, SEC)),
    Case(
        "submissions:photo_file",
        lambda w: {"pk": w.photo_a.pk, "size": "thumb"},
        only(A, SEC, anonymous=404),
    ),
    Case(
        "submissions:photo_file",
        lambda w: {"pk": w.public_photo.pk, "size": "large"},
        everyone(),
        why="a published laureate's photo, with consent",
    ),
    Case(
        "submissions:attachment_file",
        lambda w: {"pk": w.attachment_a.pk},
        only(A, SEC, anonymous=404),
    ),
    Case(
        "submissions:secretariat_screening",
        lambda w: {"number": w.jury_edition.number},
        secretariat(),
    ),
    Case("submissions:screen_entry", lambda w: {"ref": w.entry_a.ref}, secretariat()),
    Case("submissions:secretariat_authorities", expect=secretariat()),
    Case("submissions:authority_verify", lambda w: {"pk": w.authority_a.pk}, secretariat(405)),
    Case(
        "submissions:authority_verify",
        lambda w: {"pk": w.authority_a.pk},
        secretariat(ok=302),
        method="POST",
    ),
    # --- the jury ----------------------------------------------------------------------
    Case("jury:seats", expect={**logged_in(), JUROR: 302, CONFLICTED: 302, CHAIR: 302}),
    Case("jury:home", _jury, only(*JURY)),
    Case("jury:entry", lambda w: _jury(w, ref=w.entry_a.ref), only(*JURY_A)),
    Case("jury:entry", lambda w: _jury(w, ref=w.entry_b.ref), only(*JURY)),
    Case("jury:autosave", lambda w: _jury(w, ref=w.entry_a.ref), post_only()),
    Case(
        "jury:autosave",
        lambda w: _jury(w, ref=w.entry_a.ref),
        only(*JURY_A, ok=400),
        method="POST",
        why="scores are locked in deliberation: refused in JSON",
    ),
    Case("jury:conflict", lambda w: _jury(w, ref=w.entry_a.ref), post_only()),
    Case(
        "jury:conflict",
        lambda w: _jury(w, ref=w.entry_b.ref),
        only(*JURY, ok=302),
        method="POST",
    ),
    Case(
        "jury:photo_file",
        lambda w: _jury(w, pk=w.photo_a.pk, size="thumb"),
        only(*JURY_A),
    ),
    Case("jury:attachment_file", lambda w: _jury(w, pk=w.attachment_a.pk), only(*JURY_A)),
    Case("jury:deliberation", _jury, only(CHAIR, SEC)),
    Case("jury:remind", _jury, post_only()),
    Case("jury:remind", _jury, only(CHAIR, SEC, ok=302), method="POST"),
    Case("jury:decide", _jury, post_only()),
    Case("jury:decide", _jury, only(CHAIR, SEC, ok=302), method="POST"),
    Case("jury:shortlist", _jury, post_only()),
    Case(
        "jury:shortlist",
        _jury,
        only(CHAIR, SEC, ok=302),
        method="POST",
        why="an edition with no shortlist to record: back to its page, with why in a message",
    ),
    Case("jury:approve", _jury, secretariat(), why="the page that asks before approving"),
    Case(
        "jury:approve",
        _jury,
        secretariat(ok=302),
        method="POST",
        why="no confirmation: refused, back to the page that asks",
    ),
    Case("jury:decide_conflict", lambda w: _jury(w, pk=w.conflict.pk), post_only()),
    Case(
        "jury:decide_conflict",
        lambda w: _jury(w, pk=w.conflict.pk),
        only(CHAIR, SEC, ok=302),
        method="POST",
    ),
    Case("jury:reopen", lambda w: _jury(w, pk=_assignment(w).pk), post_only()),
    Case(
        "jury:reopen",
        lambda w: _jury(w, pk=_assignment(w).pk),
        only(CHAIR, SEC, ok=302),
        method="POST",
    ),
    Case("jury:reopen_sheet", _jury, post_only()),
    Case(
        "jury:reopen_sheet",
        _jury,
        only(CHAIR, SEC, ok=302),
        method="POST",
        why="nothing chosen: back to the page with a message",
    ),
    Case("jury:secretariat", _jury, secretariat()),
    Case("jury:export", lambda w: _jury(w, kind="scores.csv"), secretariat()),
    Case("jury:export", lambda w: _jury(w, kind="scores.xlsx"), secretariat()),
    Case("jury:export", lambda w: _jury(w, kind="report.pdf"), secretariat()),
    # --- the public site and certificates ----------------------------------------------
    Case("results:home", expect=everyone()),
    Case("prize:privacy", expect=everyone()),
    Case("prize:contact", expect=everyone()),
    Case("results:archive", expect=everyone()),
    Case("results:edition", lambda w: {"number": w.published.number}, everyone()),
    Case(
        "results:edition",
        lambda w: {"number": w.jury_edition.number},
        everyone(),
        why="public, without any entry until the results are",
    ),
    Case(
        "results:laureate",
        lambda w: {"number": w.published.number, "ref": w.laureate_a.ref},
        everyone(),
    ),
    Case(
        "results:laureate",
        lambda w: {"number": w.jury_edition.number, "ref": w.entry_a.ref},
        everyone(404),
    ),
    Case("prize:call_pdf", lambda w: {"number": w.open_call.number}, everyone()),
    Case(
        "prize:call_pdf",
        lambda w: {"number": w.jury_edition.number},
        everyone(404),
        why="no call was written for that edition",
    ),
    Case("results:edition", lambda w: {"number": w.open_call.number}, everyone()),
    Case("results:results_rss", expect=everyone()),
    Case("results:results_atom", expect=everyone()),
    Case("results:my_certificates", expect=logged_in()),
    Case("results:certificate", lambda w: {"number": w.certificate_a.number}, everyone()),
    Case("results:certificate", lambda w: {"number": "DC9-NOSUCH"}, everyone(404)),
    Case(
        "results:certificate_pdf",
        lambda w: {"number": w.certificate_a.number},
        only(A, SEC, anonymous=404),
    ),
    Case(
        "results:certificate_pdf",
        lambda w: {"number": w.certificate_b.number},
        only(B, SEC, anonymous=404),
    ),
    Case(
        "results:certificate_revoke",
        lambda w: {"number": w.certificate_a.number},
        secretariat(),
        why="the page that asks before revoking",
    ),
    Case(
        "results:certificate_revoke",
        lambda w: {"number": w.certificate_a.number},
        secretariat(ok=302),
        method="POST",
        why="no confirmation, no reason: refused with a message",
    ),
    # --- the Alliance ------------------------------------------------------------------
    Case("alliance:list", expect=everyone()),
    Case("alliance:profile", lambda w: {"slug": w.participation_a.slug}, everyone()),
    Case(
        "alliance:profile",
        lambda w: {"slug": w.participation_b.slug},
        everyone(404),
        why="a request not yet accepted has no public profile",
    ),
    Case("alliance:mine", lambda w: {"pk": w.authority_a.pk}, only(A, SEC)),
    Case("alliance:mine", lambda w: {"pk": w.authority_b.pk}, only(B, SEC)),
    Case("alliance:profile_edit", lambda w: {"pk": w.authority_a.pk}, only(A, SEC)),
    Case("alliance:letter", lambda w: {"pk": w.authority_a.pk}, only(A, SEC)),
    Case("alliance:letter", lambda w: {"pk": w.authority_b.pk}, only(B, SEC)),
    Case("alliance:requests", expect=secretariat()),
    Case("alliance:import", expect=secretariat()),
    Case(
        "alliance:import",
        expect=secretariat(ok=400),
        method="POST",
        why="no file sent: refused with the reason, nothing imported",
    ),
    Case("alliance:review", lambda w: {"pk": w.participation_b.pk}, secretariat()),
    Case("alliance:charter", lambda w: {"pk": w.participation_a.pk}, secretariat(405)),
    Case(
        "alliance:charter",
        lambda w: {"pk": w.participation_a.pk},
        secretariat(ok=400),
        method="POST",
        why="no date given: refused with the reason",
    ),
    # --- results: news ---------------------------------------------------------------
    Case("results:news", expect=everyone()),
    Case("results:news_item", lambda w: {"pk": w.news.pk}, everyone()),
    Case("results:news_photo", lambda w: {"pk": w.news.pk, "size": "large"}, everyone()),
    Case("results:news_photo", lambda w: {"pk": w.news.pk, "size": "nope"}, everyone(404)),
    Case("results:news_rss", expect=everyone()),
    Case("results:news_atom", expect=everyone()),
    Case("results:secretariat_news", expect=secretariat()),
    Case("results:secretariat_news_new", expect=secretariat()),
    Case("results:secretariat_news_edit", lambda w: {"pk": w.news.pk}, secretariat()),
    Case(
        "results:secretariat_news_delete",
        lambda w: {"pk": w.news.pk},
        post_only(anonymous=405),
    ),
    Case(
        "results:secretariat_news_delete",
        lambda w: {"pk": w.news.pk},
        secretariat(ok=302),
        method="POST",
        why="without the confirmation: back to the item, nothing removed",
    ),
    # --- the landing pages (results) ----------------------------------------------------
    Case("results:secretariat", expect=secretariat(), why="the overview of the editions"),
    Case("results:start", expect=logged_in(302), why="after login: on to the role's page"),
    Case("results:todo", expect=logged_in(), why="each person's own to-dos"),
    Case("results:secretariat_edition_new", expect=secretariat()),
    Case("results:secretariat_edition", lambda w: {"number": w.jury_edition.number}, secretariat()),
    Case(
        "results:secretariat_edition_transition",
        lambda w: {"number": w.jury_edition.number},
        post_only(anonymous=405),
    ),
    Case(
        "results:secretariat_edition_transition",
        lambda w: {"number": w.jury_edition.number},
        secretariat(ok=302),
        method="POST",
    ),
    Case(
        "results:secretariat_edition_confirm",
        lambda w: {"number": w.jury_edition.number, "action": "publish"},
        secretariat(),
        why="the page that asks before publishing (the decision is not approved: it says so)",
    ),
    Case(
        "results:secretariat_edition_preview",
        lambda w: {"number": w.jury_edition.number},
        only(SEC, anonymous=404),
        why="the results before publication: the secretariat only, 404 for anyone else",
    ),
    Case(
        "results:secretariat_certificates",
        lambda w: {"number": w.published.number},
        secretariat(),
    ),
    Case(
        "results:secretariat_certificates_progress",
        lambda w: {"number": w.published.number},
        secretariat(),
    ),
    Case(
        "results:secretariat_certificates_generate",
        lambda w: {"number": w.published.number},
        post_only(anonymous=405),
    ),
    Case(
        "results:secretariat_certificates_generate",
        lambda w: {"number": w.published.number},
        secretariat(ok=302),
        method="POST",
    ),
    Case(
        "results:secretariat_certificates_zip",
        lambda w: {"number": w.published.number},
        secretariat(),
    ),
    # --- the secretariat's statistics ----------------------------------------------------
    Case("results:statistics", expect=secretariat()),
    Case("results:statistics_csv", expect=secretariat()),
    Case("results:edition_statistics", lambda w: {"number": w.jury_edition.number}, secretariat()),
    Case("results:edition_statistics", lambda w: {"number": w.published.number}, secretariat()),
    Case(
        "results:edition_statistics_csv",
        lambda w: {"number": w.jury_edition.number},
        secretariat(),
    ),
    Case(
        "results:edition_statistics_pdf",
        lambda w: {"number": w.published.number},
        secretariat(),
        why="the one-page report, with the results once published",
    ),
    Case(
        "results:edition_entries_csv",
        lambda w: {"number": w.jury_edition.number},
        secretariat(),
    ),
    # --- announcements and reminders ---------------------------------------------------
    Case(
        "outreach:opt_out",
        lambda w: {"token": opt_out_token(w.users[A])},
        everyone(),
        why="the signed token in an e-mail authorises, without login; the address is masked",
    ),
    Case("outreach:opt_out", lambda w: {"token": "forged"}, everyone(404)),
    Case(
        "outreach:opt_out",
        lambda w: {"token": opt_out_token(w.users[A])},
        everyone(302),
        method="POST",
        data={"choice": "stop"},
    ),
    Case(
        "outreach:one_click",
        lambda w: {"token": opt_out_token(w.users[A])},
        everyone(302),
        why="a GET (a mail scanner) only leads to the page, which asks",
    ),
    Case(
        "outreach:one_click",
        lambda w: {"token": opt_out_token(w.users[A])},
        everyone(),
        method="POST",
        data={"List-Unsubscribe": "One-Click"},
        why="RFC 8058: a mail program's one-click opt-out",
    ),
]


def _assignment(w: World):
    return w.jurors[JUROR].assignments.get(entry=w.entry_b)
