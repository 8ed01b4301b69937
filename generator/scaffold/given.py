"""Given names ("Graeme", "Irakli"): a person's name without any other sign of one.

Sport reports list players with nothing around their names ("Jamie Redknapp, Graeme Le Saux
and Nigel Quashie are missing"); a known given name in front is what tells them from places
and clubs. The names come from gender-guesser's dictionary of about 45,000 given names of
many countries (it ships the list; nothing is fetched), loaded once, on first use.
"""

from __future__ import annotations

import functools
import logging

from gender_guesser.detector import Detector

log = logging.getLogger(__name__)


@functools.cache
def _detector() -> Detector:
    log.debug("loading the given-name dictionary")
    return Detector(case_sensitive=True)


def is_given_name(word: str) -> bool:
    """True for a capitalised given name; a hyphenated one by its first part ("Jan-Michael")."""
    first = word.split("-", 1)[0]
    if len(first) < 2 or not first[0].isupper() or not first[1:].islower():
        return False
    return bool(_detector().get_gender(first) != "unknown")
