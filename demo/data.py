"""Who and what the demo is made of: invented people on reserved mail domains (RFC 2606:
`.example`), invented authorities whose names say "demo" or "example" in their own
language and script, and the numbers of the demo editions. Nothing here is a real
person or place; the seven past editions (the archive) come from the history data only.

The lists are also what `seed_demo --reset` deletes: it deletes only these."""

from dataclasses import dataclass

DEMO_PASSWORD = "dosta-demo-2026"  # nosec B105 # the demo's published password (README)


@dataclass(frozen=True)
class Person:
    key: str
    email: str
    name: str
    role: str  # as printed by seed_demo
    language: str = "en"
    secretariat: bool = False


# Each on the mail domain of their own (invented) organisation, so that the jury's check
# for a shared domain flags only the conflict the demo means to show.
PEOPLE = (
    Person("secretariat", "secretariat@congress.example", "Demo Secretariat", "secretariat",
           secretariat=True),
    Person("approver", "approvals@congress.example", "Demo Second Approver",
           "secretariat (approvals)", language="fr", secretariat=True),
    Person("chair", "chair@university.example", "Demo Jury Chair", "jury chair"),
    Person("juror", "juror@institute.example", "Demo Juror", "juror"),
    Person("juror2", "juror@forum.example", "Demo Juror Two", "juror"),
    Person("juror3", "juror@foundation.example", "Demo Juror Three", "juror", language="fr"),
    Person("authority", "mayor@demograd.example", "Demo Mayor of Demograd", "authority member"),
    Person("demokoy", "contact@demokoy.example", "Demo Contact, Demoköy", "authority member"),
    Person("deigma", "contact@deigmatoupoli.example", "Demo Contact, Deigmatoupoli",
           "authority member"),
    Person("przyklad", "contact@przykladowo.example", "Demo Contact, Przykładowo",
           "authority member"),
    Person("exemple", "contact@exempleville.example", "Contact démo, Exempleville",
           "authority member", language="fr"),
    Person("muster", "contact@musterstadt.example", "Demo Contact, Musterstadt",
           "authority member"),
    Person("ejemplo", "contact@villaejemplo.example", "Demo Contact, Villaejemplo",
           "authority member"),
    Person("esimerkki", "contact@esimerkkila.example", "Demo Contact, Esimerkkilä",
           "authority member"),
)  # fmt: skip
PEOPLE_BY_KEY = {p.key: p for p in PEOPLE}
DEMO_EMAILS = tuple(p.email for p in PEOPLE)
# The logins printed by seed_demo and the README: one per role.
LOGINS = ("secretariat", "approver", "chair", "juror", "juror2", "juror3", "authority")
# Everyone with a seat on a jury or in the secretariat logs in with a second factor.
SECOND_FACTOR = ("secretariat", "approver", "chair", "juror", "juror2", "juror3")


@dataclass(frozen=True)
class DemoAuthority:
    key: str  # its member's key in PEOPLE
    name: str
    name_local: str
    kind: str
    country: str
    verified: bool = True


# Invented names built on the word for "demo", "example" or "sample" in each language.
AUTHORITIES = (
    DemoAuthority("authority", "Општина Демоград", "", "municipality", "RS"),
    DemoAuthority("demokoy", "Demoköy Belediyesi", "", "municipality", "TR"),
    DemoAuthority("deigma", "Δήμος Δειγματούπολης", "", "municipality", "GR"),
    DemoAuthority("przyklad", "Gmina Przykładowo", "", "municipality", "PL"),
    DemoAuthority("exemple", "Commune d’Exempleville", "", "municipality", "FR"),
    DemoAuthority("muster", "Landkreis Musterstadt", "", "region", "DE"),
    DemoAuthority("ejemplo", "Ayuntamiento de Villaejemplo", "", "municipality", "ES"),
    DemoAuthority("esimerkki", "Esimerkkilän kunta", "", "municipality", "FI", verified=False),
)  # fmt: skip
AUTHORITIES_BY_KEY = {a.key: a for a in AUTHORITIES}

# The demo editions, one per phase, numbered far above any real edition so that they
# never take a real edition's number. Their names start with "Demo" / "Démo".
PUBLISHED, DELIBERATION, JUDGING, SCREENING, OPEN = 91, 92, 93, 94, 95
DEMO_EDITIONS = (PUBLISHED, DELIBERATION, JUDGING, SCREENING, OPEN)
