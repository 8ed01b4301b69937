"""Small built-in word lists: titles, honorifics, organisation words, stop words, verbs."""

from __future__ import annotations

import re


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


HONORIFICS = word_set(
    "Mr Mrs Ms Miss Dr Sir Dame Lord Lady Baroness Prof Professor Rev Mr. Mrs. Ms. Dr."
)
ALIAS_HONORIFICS = word_set("Mr Mrs Ms Miss Dr Mr. Mrs. Ms. Dr.")

# Head nouns of a role: a role is a run of role words that holds at least one head.
ROLE_HEADS = word_set(
    "minister secretary president chancellor chairman chairwoman chair executive director "
    "spokesman spokeswoman spokesperson coach manager captain striker midfielder defender "
    "goalkeeper keeper winger singer actor actress boss leader founder co-founder head "
    "economist analyst ambassador commissioner chief governor mayor senator king queen prince "
    "princess pope judge general mp mep msp premier officer treasurer rapper comedian presenter "
    "producer writer author novelist musician guitarist drummer frontman designer lawyer "
    "chancellor-elect president-elect prime-minister vice-president secretary-general "
    "director-general emperor sheikh archbishop bishop cardinal spokesperson star champion "
    "player batsman bowler fly-half scrum-half flanker prop hooker lock centre full-back "
    "wing boxer sprinter athlete hurdler runner skater golfer jockey trainer owner "
    "veteran legend international chef filmmaker film-maker dancer composer justice "
    "consultant strategist frenchman frenchwoman dutchman englishman englishwoman scotsman "
    "welshman irishman spaniard briton dane swede"
)
ROLE_MODIFIERS = word_set(
    "prime deputy vice foreign home defence defense health education culture trade finance "
    "managing shadow acting interim former assistant senior junior operating financial "
    "technology state of and the party tory labour conservative liberal democrat lib dem "
    "general attorney first principal executive chief elect environment transport work "
    "pensions industry treasury constitutional affairs northern ireland scottish welsh "
    "international development economic business media creative marketing sales "
    "national team club assistant caretaker head new england british olympic world "
    "european commonwealth double triple grand slam oscar-winning award-winning"
)
ROLE_WORDS = ROLE_HEADS | ROLE_MODIFIERS
ROLE_EDGE_STOP = word_set("of and the")

ORG_SUFFIXES = word_set(
    "Ltd Ltd. plc PLC Inc Inc. Corp Corp. Group Bank Party Council Commission Association "
    "Federation Union Committee Parliament Executive Office Ministry Department Agency "
    "Authority Institute University College Court Board Fund Organisation Organization "
    "Society Trust Foundation Service Services Airways Airlines Motors Records Studios "
    "Pictures Bros Network Corporation Company Co Co. Holdings Industries Partners Police "
    "Army Navy FC Club Assembly Senate Congress Cabinet Treasury Forum Alliance Reserve "
    "Exchange Times Journal News Post Telegraph Guardian Herald Mail Express Telecom "
    "Communications Technologies Systems Entertainment Games Software Electronics "
    "Pharmaceuticals Energy Petroleum Oil Insurance Securities Capital Investments "
    "Airport Railways Rail Commons Lords Tribunal Administration Institution Academy "
    "Conference Secretariat Movement Front League Coalition Bureau Inquiry Watchdog "
    "Review Channel Radio Television TV Broadcasting Media Press Magazine Daily "
    # football and other clubs: "Manchester United", "Sheffield Wednesday", "Aston Villa"
    "United City Rovers Athletic Wanderers Albion Hotspur Rangers Celtic Villa Wednesday "
    "Argyle Alexion Cinema Networks"
)
# First words of places named like people ("San Jose", "Port Talbot").
PLACE_PREFIXES = word_set("San Santa Santo Los Las Port Fort Mount Lake Cape Glen Puerto Porto")
# Competitions, awards and festivals are events, not actors ("San Jose Open", "League One").
EVENT_LAST_WORDS = word_set(
    "Open Cup Championship Championships Trophy Tournament Awards Festival Prize Games "
    "Olympics Series Masters Classic Marathon Rally Premiership Finals Final Awards Expo"
)
_EVENT_RE = re.compile(r"(?:Premier|Champions|Europa|Football|Super) League|League (?:One|Two)")


def is_event(name: str) -> bool:
    """A competition, award or festival named like an organisation."""
    return name.split()[-1] in EVENT_LAST_WORDS or bool(_EVENT_RE.fullmatch(name))


# Last words of places named like people ("Griffin Park", "Craven Cottage").
PLACE_WORDS = word_set(
    "Park Road Street Stadium Cottage Square Arena Avenue Lane Gardens Ground Bridge Palace "
    "Abbey Castle Valley Island Islands Bay Beach Airport Station Centre Center Hotel Theatre "
    "Theater Court Field Fields Way Place Common Heath Green Cathedral Lodge Manor Farm Road"
)
ORG_HEADS = word_set(
    "Bank Ministry Department University Court House Church Office Institute Federation "
    "Association Council Commission Committee Union Board League"
)
ORG_DESCRIPTORS = word_set(
    "firm company group giant rival retailer maker manufacturer publisher broadcaster bank "
    "airline carrier insurer operator network regulator watchdog club side band label "
    "studio chain supermarket brewer distiller developer provider agency charity "
    "organisation organization party union conglomerate startup start-up exchange "
    "newspaper paper magazine channel station website site engine "
    "subsidiary unit division team outfit lender brokerage consultancy"
)
ORG_SINGLES = word_set(
    "Treasury Parliament Congress Senate Commons Police Pentagon Government "
    "Bundesbank Vatican Interpol Nasa"
)
KNOWN_ORGS = {
    "Labour": "organization",
    "Conservatives": "organization",
    "Tories": "organization",
    "Liberal Democrats": "organization",
    "Lib Dems": "organization",
    "UKIP": "organization",
    "Plaid Cymru": "organization",
    "Sinn Fein": "organization",
    "Nato": "organization",
    "Opec": "organization",
    "Ofcom": "organization",
    "Ofwat": "organization",
    "Ofgem": "organization",
    "Interpol": "organization",
    "Europol": "organization",
    "Greenpeace": "group",
    "Hamas": "group",
    "Hezbollah": "group",
    "al-Qaeda": "group",
    "Taleban": "group",
    "Taliban": "group",
    "Eta": "group",
    "IRA": "group",
}

STARTERS = word_set(
    "The A An But And Or So If When While After Before As At In On Of For With By From To "
    "It Its He His She Her They Their Them We Our Us I My Me You Your This That These Those "
    "There Here Then Now Yet Still Also However Meanwhile Although Though Because Since "
    "Despite Instead Some Many Most All Both Each Every Other Another Such No Not Nor Only "
    "Even Just Last Next First Second Third New Old Former What Who Why How Which "
    "Where Is Are Was Were Be Been Has Have Had Do Does Did Will Would Can Could Should May "
    "Might Must Shall Than Under Over Into Through Against Between Among Around About "
    "Following Speaking Asked Earlier Later Today Tomorrow Yesterday Overall Nevertheless "
    "Furthermore Moreover Additionally Indeed Thus Hence Ahead Beyond Within Without Until "
    "Once Whether Unlike Like Observers Analysts Officials Experts Critics Sources Reports "
    "Shares Sales Prices Profits Figures Political"
)
WEEKDAYS = word_set("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
MONTHS: dict[str, int] = {
    "January": 1,
    "February": 2,
    "March": 3,
    "April": 4,
    "May": 5,
    "June": 6,
    "July": 7,
    "August": 8,
    "September": 9,
    "October": 10,
    "November": 11,
    "December": 12,
    "Jan": 1,
    "Feb": 2,
    "Mar": 3,
    "Apr": 4,
    "Jun": 6,
    "Jul": 7,
    "Aug": 8,
    "Sep": 9,
    "Sept": 9,
    "Oct": 10,
    "Nov": 11,
    "Dec": 12,
}
NOT_NAMES = (
    STARTERS
    | WEEKDAYS
    | frozenset(MONTHS)
    | word_set(
        "Christmas Easter GMT BST Olympics Games Cup League Premiership Championship Oscars "
        "Oscar Grammy Grammys Bafta Baftas Internet Web God Net Euro Budget Bill Act Treaty "
        "Constitution Prime Minister President Chancellor Secretary Parliament Government "
        "Commons Lords Queen King Pope Bible North South East West Northern Southern Eastern "
        "Western Central Asia Europe Africa Middle Far Pacific Atlantic World Premier Division "
        "Hurricane Storm Operation Cyclone Typhoon Tsunami London Paris Brussels Moscow Tokyo "
        "Beijing Berlin Rome Madrid Dublin Edinburgh Cardiff Belfast Westminster Geneva Davos "
        "Vs Series Study Save"
    )
)
ACRONYM_STOP = word_set(
    "GMT BST TV CEO MP MPs PM AM FM DVD DVDs CD CDs PC PCs OK II III IV VI VII VIII IX XI "
    "VAT GDP IT AIDS HIV DNA ID CCTV UK US USA UAE MSP MEP QC BC AD TV HD SMS MP3 PS2 PSP DS "
    "DJ LCD PDA ISP IP URL WWW HTML PIN ATM OBE MBE CBE R&B GCSE LP EP PR P2P RPI CPI IPO "
    "PDF RFID GPS NB UHF VHF SIM CGI AI FAQ CV PhD MBA GP FTSE NASDAQ A B C D E ICT GNP WAP "
    "PIN WMD NHS"
)
SPEECH_VERBS = word_set(
    "said says told tells added adds insisted insists warned warns explained explains "
    "argued argues claimed claims stressed stresses remarked remarking noted notes "
    "commented comments declared declares replied replies wrote writes asked asks "
    "continued continues admitted admits announced announces stated states urged urges "
    "emphasized emphasised emphasising emphasizing saying adding telling suggested "
    "suggests believes believed predicted predicts confirmed confirms revealed reveals "
    "maintained maintains concluded concludes acknowledged acknowledges"
)
INVERSION_VERBS = word_set("said says added adds asked explained continued insisted warned wrote")
PRONOUNS_PERSON = word_set("he she He She")
PRONOUNS_ORG = word_set("it It")
ORG_ANAPHORS = word_set("firm company group bank club party union airline team side")

ACRONYM_RE = re.compile(r"[A-Z][A-Z0-9&]{1,6}")
