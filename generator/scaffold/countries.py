"""States: ISO 3166 names and alpha-2 codes (from pycountry), the short names news uses,
demonyms, and the seats of government that stand for a state ("the Kremlin")."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pycountry

from generator.scaffold.text import alternation


@dataclass(frozen=True)
class Country:
    """One state: its code, the name a draft shows, the names text uses, its demonyms."""

    code: str
    name: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...]


# Names English news uses that ISO 3166 does not give (the first is the name a draft shows).
_NEWS_NAMES = {
    "GB": ("United Kingdom", "UK", "Britain", "Great Britain", "U.K."),
    "US": ("United States", "US", "U.S.", "USA", "America", "United States of America"),
    "RU": ("Russia",),
    "CZ": ("Czech Republic",),
    "PS": ("Palestine", "Palestinian territories"),
    "CD": ("Democratic Republic of Congo", "DR Congo"),
    "CI": ("Ivory Coast",),
    "KR": ("South Korea", "S Korea"),
    "KP": ("North Korea",),
    "IE": ("Ireland", "Republic of Ireland"),
    "MK": ("Macedonia",),
    "VA": ("Vatican",),
    "BN": ("Brunei",),
    "TL": ("East Timor",),
    "MM": ("Burma", "Myanmar"),
    "TR": ("Turkey",),
    "SZ": ("Swaziland",),
    "CV": ("Cape Verde",),
}
# Country names that are far more often a person's name or a place in a name ("Eddie
# Jordan", "New Jersey"): they are not taken as states.
_AMBIGUOUS = frozenset({"Jordan", "Chad", "Jersey", "Guernsey", "Man", "Niger", "Georgia"})
# code:demonym,demonym ... (ISO 3166 has no demonyms)
_DEMONYMS = (
    "AF:Afghan AR:Argentine,Argentinian AU:Australian AT:Austrian BD:Bangladeshi BE:Belgian "
    "BR:Brazilian BG:Bulgarian CA:Canadian CL:Chilean CN:Chinese CO:Colombian HR:Croatian "
    "CU:Cuban CZ:Czech DK:Danish EG:Egyptian FI:Finnish FR:French DE:German GH:Ghanaian "
    "GR:Greek HU:Hungarian IN:Indian ID:Indonesian IR:Iranian IQ:Iraqi IE:Irish IL:Israeli "
    "IT:Italian JP:Japanese KE:Kenyan KP:North Korean KR:South Korean KW:Kuwaiti "
    "LB:Lebanese LY:Libyan MY:Malaysian MX:Mexican MA:Moroccan NL:Dutch NG:Nigerian "
    "NO:Norwegian PK:Pakistani PS:Palestinian PE:Peruvian PH:Filipino PL:Polish "
    "PT:Portuguese QA:Qatari RO:Romanian RU:Russian SA:Saudi RS:Serbian SK:Slovak "
    "ZA:South African ES:Spanish LK:Sri Lankan SD:Sudanese SE:Swedish CH:Swiss SY:Syrian "
    "TW:Taiwanese TH:Thai TR:Turkish UA:Ukrainian AE:Emirati "
    "GB:British,Scottish,Welsh,English US:American VE:Venezuelan VN:Vietnamese "
    "ZW:Zimbabwean ZM:Zambian ET:Ethiopian SO:Somali AM:Armenian AZ:Azerbaijani KZ:Kazakh "
    "BY:Belarusian JM:Jamaican IS:Icelandic MT:Maltese CY:Cypriot EE:Estonian LV:Latvian "
    "LT:Lithuanian SI:Slovenian "
)
_DEMONYM_ROW_RE = re.compile(r"([A-Z]{2}):(.+?)(?=\s+[A-Z]{2}:|\s*$)")
# The seat of government named for the state it governs.
SEATS = {"Kremlin": "RU", "White House": "US"}


def _iso_names(c: object) -> list[str]:
    names = [getattr(c, k, None) for k in ("common_name", "name", "official_name")]
    out = []
    for n in names:
        if n and "," not in n and "(" not in n:
            n = n.removeprefix("the ")
            if n not in out and n not in _AMBIGUOUS:
                out.append(n)
    return out


def _build() -> list[Country]:
    demonyms = dict(_DEMONYM_ROW_RE.findall(_DEMONYMS))
    out = []
    for c in pycountry.countries:
        code = c.alpha_2
        names = list(_NEWS_NAMES.get(code, ())) + [
            n for n in _iso_names(c) if n not in _NEWS_NAMES.get(code, ())
        ]
        if not names:
            continue
        dems = tuple(d for d in demonyms.get(code, "").split(",") if d)
        out.append(Country(code, names[0], tuple(names), dems))
    return out


COUNTRIES: tuple[Country, ...] = tuple(_build())
BY_CODE = {c.code: c for c in COUNTRIES}
NAME_TO_CODE = {n: c.code for c in COUNTRIES for n in c.names}
DEMONYM_TO_CODE = {d: c.code for c in COUNTRIES for d in c.demonyms}
ANY_TO_CODE = NAME_TO_CODE | DEMONYM_TO_CODE
STATE_TO_CODE = NAME_TO_CODE | SEATS


def _alternation(names: dict[str, str]) -> str:
    return alternation(list(names))


NAME_RE = re.compile(rf"(?<![\w.])(?:{_alternation(NAME_TO_CODE)})(?![\w]|\.\w)")
STATE_RE = re.compile(rf"(?<![\w.])(?:{_alternation(STATE_TO_CODE)})(?![\w]|\.\w)")


def code_for(word: str) -> str | None:
    """The ISO code of a country name or demonym ("Japanese" -> "JP")."""
    return ANY_TO_CODE.get(word)
