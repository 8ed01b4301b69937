"""A small built-in table of states: names, demonyms and ISO 3166 alpha-2 codes."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Country:
    """One state of the table."""

    code: str
    name: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...]


# code | display name | other names (comma-separated) | demonyms (comma-separated)
_TABLE = """
AF|Afghanistan||Afghan
AR|Argentina||Argentine,Argentinian
AU|Australia||Australian
AT|Austria||Austrian
BD|Bangladesh||Bangladeshi
BE|Belgium||Belgian
BR|Brazil||Brazilian
BG|Bulgaria||Bulgarian
CA|Canada||Canadian
CL|Chile||Chilean
CN|China||Chinese
CO|Colombia||Colombian
HR|Croatia||Croatian
CU|Cuba||Cuban
CZ|Czech Republic||Czech
DK|Denmark||Danish
EG|Egypt||Egyptian
FI|Finland||Finnish
FR|France||French
DE|Germany||German
GH|Ghana||Ghanaian
GR|Greece||Greek
HU|Hungary||Hungarian
IN|India||Indian
ID|Indonesia||Indonesian
IR|Iran||Iranian
IQ|Iraq||Iraqi
IE|Ireland|Republic of Ireland|Irish
IL|Israel||Israeli
IT|Italy||Italian
JP|Japan||Japanese
KE|Kenya||Kenyan
KP|North Korea||North Korean
KR|South Korea||South Korean
KW|Kuwait||Kuwaiti
LB|Lebanon||Lebanese
LY|Libya||Libyan
MY|Malaysia||Malaysian
MX|Mexico||Mexican
MA|Morocco||Moroccan
NL|Netherlands||Dutch
NZ|New Zealand||
NG|Nigeria||Nigerian
NO|Norway||Norwegian
PK|Pakistan||Pakistani
PS|Palestine|Palestinian territories|Palestinian
PE|Peru||Peruvian
PH|Philippines||Filipino
PL|Poland||Polish
PT|Portugal||Portuguese
QA|Qatar||Qatari
RO|Romania||Romanian
RU|Russia|Russian Federation|Russian
SA|Saudi Arabia||Saudi
RS|Serbia||Serbian
SG|Singapore||
SK|Slovakia||Slovak
ZA|South Africa||South African
ES|Spain||Spanish
LK|Sri Lanka||Sri Lankan
SD|Sudan||Sudanese
SE|Sweden||Swedish
CH|Switzerland||Swiss
SY|Syria||Syrian
TW|Taiwan||Taiwanese
TH|Thailand||Thai
TR|Turkey||Turkish
UA|Ukraine||Ukrainian
AE|United Arab Emirates|UAE|Emirati
GB|United Kingdom|UK,Britain,Great Britain,U.K.|British,Scottish,Welsh,English
US|United States|US,U.S.,USA,America,United States of America|American
VE|Venezuela||Venezuelan
VN|Vietnam||Vietnamese
ZW|Zimbabwe||Zimbabwean
ZM|Zambia||Zambian
ET|Ethiopia||Ethiopian
SO|Somalia||Somali
AM|Armenia||Armenian
AZ|Azerbaijan||Azerbaijani
KZ|Kazakhstan||Kazakh
BY|Belarus||Belarusian
JM|Jamaica||Jamaican
IS|Iceland||Icelandic
LU|Luxembourg||
MT|Malta||Maltese
CY|Cyprus||Cypriot
EE|Estonia||Estonian
LV|Latvia||Latvian
LT|Lithuania||Lithuanian
SI|Slovenia||Slovenian
"""


def _parse() -> list[Country]:
    out = []
    for row in _TABLE.strip().splitlines():
        code, name, names, demonyms = row.split("|")
        others = tuple(x for x in names.split(",") if x)
        out.append(Country(code, name, (name, *others), tuple(x for x in demonyms.split(",") if x)))
    return out


COUNTRIES: tuple[Country, ...] = tuple(_parse())
BY_CODE = {c.code: c for c in COUNTRIES}
NAME_TO_CODE = {n: c.code for c in COUNTRIES for n in c.names}
DEMONYM_TO_CODE = {d: c.code for c in COUNTRIES for d in c.demonyms}
ANY_TO_CODE = NAME_TO_CODE | DEMONYM_TO_CODE

_ALT = "|".join(re.escape(n) for n in sorted(NAME_TO_CODE, key=lambda n: (-len(n), n)))
NAME_RE = re.compile(rf"(?<![\w.])(?:{_ALT})(?![\w]|\.\w)")


def code_for(word: str) -> str | None:
    """The ISO code of a country name or demonym ("Japanese" -> "JP")."""
    return ANY_TO_CODE.get(word)
