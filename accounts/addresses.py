"""The one form of an e-mail address that the site stores, looks up, compares and
throttles. Pure: no queries, no I/O."""

import unicodedata


def normalise_email(address: str | None) -> str:
    """The address as the site keeps it: Unicode NFKC, case folding and NFKC again over
    the whole address (close to Unicode's NFKC_Casefold), then spaces around it removed.
    Normalising twice changes nothing.

    Why this choice: characters that Unicode itself declares compatible with a plain letter
    become that letter, so `outſider@…` (U+017F long s), `OUTSIDER@…` and the Kelvin sign
    `K` (U+212A) all name outsider@…: they reach that account *and* count against its login
    lock, so a look-alike never buys more guesses. Letters in their own right stay
    themselves: `outsıder@…` (U+0131 dotless i) or a Cyrillic `а` is another address, with
    no account unless someone registered that exact one, and it is locked apart from it.
    (Case folding also maps ß to ss.)

    Every database then compares exact strings: never `__iexact`, whose rules differ
    (PostgreSQL's UPPER turns ı into I, SQLite folds ASCII only)."""
    folded = unicodedata.normalize("NFKC", address or "").casefold()
    # Stripped last: NFKC may turn a character into a space and a combining mark.
    return unicodedata.normalize("NFKC", folded).strip()
