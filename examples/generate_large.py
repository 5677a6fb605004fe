# ruff: noqa: E501  (long Dutch text fragments; splitting them would hurt readability)
"""Generate ``examples/large.yaml``: a large, realistic (but invented) Regio Deal.

The Regio Deal "Drentse Kracht 2026-2031" is concluded by the State, the province of Drenthe,
ten Drenthe municipalities, housing corporations, businesses, knowledge institutions,
civil-society organisations and residents' platforms. All organisations except the public
authorities and all persons are invented.

The output is deterministic: the only randomness comes from ``random.Random(2026)`` and no
date depends on today. Run from the repository root::

    .venv/bin/python examples/generate_large.py
"""

from __future__ import annotations

import datetime as dt
import math
import random
import sys
from pathlib import Path
from typing import Any

import yaml

from stramien.formatting import long_date as nl_date
from stramien.model import Agreement
from stramien.model.dates import window

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "large.yaml"

START = dt.date(2026, 1, 1)
END = dt.date(2031, 12, 31)
YEARS = list(range(START.year, END.year + 1))

HEADER = (
    "# Voorbeeld (verzonnen, gegenereerd door examples/generate_large.py): Regio Deal\n"
    "# 'Drentse Kracht 2026-2031' van het Rijk, de provincie Drenthe, tien Drentse gemeenten\n"
    "# en regionale partners. Organisaties (behalve de overheden) en personen zijn verzonnen.\n"
    "# Niet met de hand bewerken: pas het script aan en genereer opnieuw.\n"
)

rng = random.Random(2026)

# --------------------------------------------------------------------------------------------
# Vocabulary: places, people, themes
# --------------------------------------------------------------------------------------------

# id suffix, name, main town, inhabitants, villages/neighbourhoods
MUNICIPALITIES: list[tuple[str, str, str, int, list[str]]] = [
    (
        "emmen",
        "Emmen",
        "Emmen",
        108_000,
        ["Klazienaveen", "Nieuw-Amsterdam", "Emmer-Compascuum", "Emmen-Zuid"],
    ),
    ("assen", "Assen", "Assen", 69_000, ["Assen-Oost", "Pittelo", "Kloosterveen", "Lariks"]),
    (
        "hoogeveen",
        "Hoogeveen",
        "Hoogeveen",
        56_000,
        ["Krakeel", "Hollandscheveld", "Elim", "Erflanden"],
    ),
    (
        "meppel",
        "Meppel",
        "Meppel",
        35_000,
        ["Nijeveen", "Koedijkslanden", "Kolderveen", "Haveltermade"],
    ),
    (
        "coevorden",
        "Coevorden",
        "Coevorden",
        35_000,
        ["Dalen", "Schoonebeek", "Sleen", "Oosterhesselen"],
    ),
    (
        "borger-odoorn",
        "Borger-Odoorn",
        "Exloo",
        26_000,
        ["Nieuw-Buinen", "Borger", "Valthermond", "Odoorn"],
    ),
    (
        "aa-en-hunze",
        "Aa en Hunze",
        "Gieten",
        25_000,
        ["Annen", "Rolde", "Gasselternijveen", "Eext"],
    ),
    (
        "midden-drenthe",
        "Midden-Drenthe",
        "Beilen",
        34_000,
        ["Westerbork", "Smilde", "Hooghalen", "Bovensmilde"],
    ),
    ("de-wolden", "De Wolden", "Zuidwolde", 24_000, ["Ruinen", "De Wijk", "Ruinerwold", "Pesse"]),
    ("westerveld", "Westerveld", "Diever", 20_000, ["Havelte", "Dwingeloo", "Vledder", "Uffelte"]),
]
GEM_IDS = [f"gem-{m[0]}" for m in MUNICIPALITIES]
GEM_BY_ID = {f"gem-{m[0]}": m for m in MUNICIPALITIES}

FIRST_NAMES = [
    "Annelies",
    "Bart",
    "Carolien",
    "Daan",
    "Esther",
    "Frank",
    "Gerda",
    "Hendrik",
    "Iris",
    "Jelmer",
    "Karin",
    "Lucas",
    "Marloes",
    "Niels",
    "Olga",
    "Pieter",
    "Quirine",
    "Roelof",
    "Sietske",
    "Tjeerd",
    "Ursula",
    "Vincent",
    "Wilma",
    "Yusuf",
    "Zeynep",
    "Albert",
    "Berber",
    "Coen",
    "Dewi",
    "Egbert",
    "Fenna",
    "Gijs",
    "Hester",
    "Ilse",
    "Jorrit",
    "Klaske",
    "Lammert",
    "Mirjam",
    "Nadia",
    "Otto",
    "Priscilla",
    "Rik",
    "Saskia",
    "Thijs",
    "Willemijn",
    "Harm",
    "Janneke",
    "Reinder",
    "Amira",
    "Bram",
]
LAST_NAMES = [
    "Hofsteenge",
    "Brinkerink",
    "Wolthuis",
    "Kloosterboer",
    "Oldenhof",
    "Hadders",
    "Zwiers",
    "Boerhof",
    "Dijkstra-Mulder",
    "Ensing",
    "Lanting",
    "Mulderij",
    "Nijenhuis",
    "Pepping",
    "Roelofsen",
    "Schuiling",
    "Tiesing",
    "Veenhuizen",
    "Warringa",
    "Zuidema",
    "Bakker-Jalink",
    "Hummel",
    "Kremer",
    "Lubbers-Ottens",
    "Meijering",
    "Nieboer",
    "Oosting",
    "Postma-Drent",
    "Reinders",
    "Smit-Kamping",
    "Timmer",
    "Uneken",
    "Vos-Hilbrands",
    "Westerhof",
    "Ahmadi",
    "Benali",
    "Çelik",
    "Doornbos",
    "Everts",
    "Fledderus",
    "Geertsema",
    "Huizing",
    "Jalving",
    "Koops",
    "Lamberts",
    "Moes",
    "Naber",
    "Otten",
    "Prins-Eleveld",
    "Rozema",
]

_used_names: set[str] = set()


def person() -> str:
    """A numbered placeholder (N.N. 1, N.N. 2, ...): the examples name no people.

    The draw from the name lists stays, so the rest of the seeded example is unchanged.
    """
    while True:
        drawn = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        if drawn not in _used_names:
            _used_names.add(drawn)
            return f"N.N. {len(_used_names)}"


def village(gem_id: str) -> str:
    return rng.choice(GEM_BY_ID[gem_id][4])


def day_between(first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


# --------------------------------------------------------------------------------------------
# §2 Partners and stakeholders
# --------------------------------------------------------------------------------------------


def municipal_partner(m: tuple[str, str, str, int, list[str]]) -> dict[str, Any]:
    key, name, _town, inhabitants, villages = m
    big = inhabitants > 50_000
    return {
        "id": f"gem-{key}",
        "name": f"Gemeente {name}",
        "category": "government",
        "sector": "public",
        "participation_level": 5 if big else 4,
        "role": (
            f"Trekt de uitvoering in {name} en de kernen {', '.join(villages[:3])}; "
            "brengt lokale opgaven in en verbindt de Regio Deal met het eigen sociaal domein, "
            "de woonvisie en het omgevingsbeleid."
        ),
        "contribution": (
            "Cofinanciering in geld naar rato van het inwonertal, een lokale "
            "projectcoördinator en de inzet van wijkteams en vergunningverlening."
        ),
        "core_values": rng.sample(
            [
                "Dichtbij de inwoner",
                "Samen met dorpen en wijken",
                "Betrouwbaar en slagvaardig",
                "Zuinig op het Drentse landschap",
                "Ieder dorp telt",
                "Doen wat we zeggen",
            ],
            3,
        ),
        "interests": [
            {
                "id": f"gem-{key}-b-voorzieningen",
                "themes": ["leefbaar", "wonen", "bereik"],
                "description": (
                    f"Behoud van voorzieningen en voldoende passende woningen in de kernen van "
                    f"{name}, zodat jongeren en ouderen er kunnen blijven wonen."
                ),
            },
            {
                "id": f"gem-{key}-b-sociaal",
                "themes": ["werk", "gezond", "energie"],
                "description": (
                    f"Minder inwoners van {name} in de bijstand, met schulden of in "
                    "energiearmoede, en daardoor lagere kosten in het sociaal domein."
                ),
            },
        ],
        "signatory_function": "Burgemeester" if big else "Wethouder Economie en Wonen",
        "mandate": "collegebesluit",
    }


PARTNERS: list[dict[str, Any]] = [
    {
        "id": "rijk",
        "name": "De Staat der Nederlanden (ministerie van BZK)",
        "category": "government",
        "sector": "public",
        "participation_level": 4,
        "role": (
            "Medefinancier en partner op rijksniveau. Helpt knelpunten in wet- en regelgeving "
            "op te lossen en verbindt de Regio Deal met nationale programma's voor wonen, "
            "leefbaarheid en de energietransitie."
        ),
        "contribution": "Rijksbijdrage uit de middelen voor Regio Deals en een accountmanager.",
        "core_values": [
            "Brede welvaart in alle regio's",
            "Partnerschap tussen overheden",
            "Rechtmatig en doelmatig",
        ],
        "interests": [
            {
                "id": "rijk-b-bredewelvaart",
                "themes": ["werk", "gezond", "leefbaar"],
                "description": "Verkleinen van regionale verschillen in brede welvaart, conform de Nota Ruimte en het regiobeleid.",
            },
            {
                "id": "rijk-b-woningbouw",
                "themes": ["wonen", "energie"],
                "description": "Bijdrage van Drenthe aan de nationale woningbouw- en verduurzamingsopgave.",
            },
        ],
        "signatory_function": "Directeur-generaal Volkshuisvesting en Bouwen, namens de minister",
        "mandate": "mandaatbesluit",
    },
    {
        "id": "prov-drenthe",
        "name": "Provincie Drenthe",
        "category": "government",
        "sector": "public",
        "participation_level": 5,
        "role": (
            "Initiatiefnemer en penvoerder van de Regio Deal. Levert de programmadirecteur en "
            "het programmabureau en is verantwoordelijk voor regionale mobiliteit, "
            "economische ontwikkeling en de verantwoording aan het Rijk."
        ),
        "contribution": "Provinciale cofinanciering, het programmabureau en kantoorruimte in het provinciehuis.",
        "core_values": [
            "Regie met ruimte voor de regio",
            "Vitale dorpen en steden",
            "Duurzaam en innovatief",
        ],
        "interests": [
            {
                "id": "prov-b-economie",
                "themes": ["innovatie", "talent", "energie"],
                "description": "Een sterke regionale economie met behoud van talent, zoals opgenomen in het coalitieakkoord.",
            },
            {
                "id": "prov-b-bereikbaarheid",
                "themes": ["bereik", "leefbaar"],
                "description": "Een toekomstbestendig regionaal mobiliteitsnetwerk en leefbare kernen.",
            },
        ],
        "signatory_function": "Gedeputeerde Economie en Mobiliteit",
        "mandate": "gs",
    },
    *[municipal_partner(m) for m in MUNICIPALITIES],
    {
        "id": "wc-drentseesch",
        "name": "Woonstichting Drentse Esch",
        "category": "business",
        "sector": "private",
        "participation_level": 4,
        "role": "Bouwt, renoveert en verduurzaamt sociale huurwoningen in Zuid- en Oost-Drenthe en biedt leerwerkplekken bij bouwprojecten.",
        "contribution": "Investeringen in betaalbare woningen bovenop de prestatieafspraken, een bijdrage in geld en projectruimte.",
        "core_values": ["Betaalbaar wonen", "Huurders centraal", "Duurzaam bouwen"],
        "interests": [
            {
                "id": "wc-drentseesch-b-voorraad",
                "themes": ["wonen", "energie"],
                "description": "Een toekomstbestendige, verduurzaamde woningvoorraad met behoud van betaalbaarheid.",
            },
            {
                "id": "wc-drentseesch-b-leefbaar",
                "themes": ["leefbaar", "gezond"],
                "description": "Leefbare wijken met minder huurachterstanden en overlast.",
            },
        ],
        "signatory_function": "Directeur-bestuurder",
        "mandate": "statuten",
    },
    {
        "id": "wc-hunzewonen",
        "name": "Woningcorporatie Hunzewonen",
        "category": "business",
        "sector": "private",
        "participation_level": 4,
        "role": "Realiseert seniorenwoningen en flexwoningen in de kleine kernen van Noord- en Midden-Drenthe.",
        "contribution": "Investeringen in levensloopbestendige woningen, een bijdrage in geld en vergaderruimte in wijkcentra.",
        "core_values": ["Wonen in de eigen kern", "Samen met huurders", "Zorgzaam verhuurder"],
        "interests": [
            {
                "id": "wc-hunzewonen-b-senioren",
                "themes": ["wonen", "gezond"],
                "description": "Doorstroming van senioren naar passende woningen en minder leegstand in kleine kernen.",
            },
        ],
        "signatory_function": "Bestuurder",
        "mandate": "statuten",
    },
    {
        "id": "bi-werkgevers",
        "name": "Werkgeversvereniging Drentse Maakindustrie",
        "category": "business",
        "sector": "private",
        "participation_level": 4,
        "role": "Verbindt ruim 140 maakbedrijven met onderwijs en overheid en levert leerwerkplekken, stages en praktijkvragen.",
        "contribution": "Een bijdrage in geld van de leden, leerwerkplekken en praktijkopleiders.",
        "core_values": ["Vakmanschap", "Innovatie", "Regionaal verankerd ondernemen"],
        "interests": [
            {
                "id": "bi-werkgevers-b-personeel",
                "themes": ["talent", "werk"],
                "description": "Voldoende technisch personeel om te kunnen groeien.",
            },
            {
                "id": "bi-werkgevers-b-innovatie",
                "themes": ["innovatie", "energie"],
                "description": "Toegang tot kennis en fieldlabs om te innoveren en te verduurzamen.",
            },
        ],
        "signatory_function": "Voorzitter",
        "mandate": "statuten",
    },
    {
        "id": "bi-bouwgroep",
        "name": "Noordelijke Bouw- en Installatiegroep B.V.",
        "category": "business",
        "sector": "private",
        "participation_level": 4,
        "role": "Ontwikkelt en bouwt conceptwoningen en warmtepompinstallaties en leidt samen met het ROC installateurs op.",
        "contribution": "Een bijdrage in geld, een opleidingswerkplaats met installaties en leermeesters.",
        "core_values": [
            "Snel en betaalbaar bouwen",
            "Opleiden in het bedrijf",
            "Afspraak is afspraak",
        ],
        "interests": [
            {
                "id": "bi-bouwgroep-b-bouwstroom",
                "themes": ["wonen", "energie"],
                "description": "Een voorspelbare bouwstroom die investeren in fabrieksmatige bouw rendabel maakt.",
            },
            {
                "id": "bi-bouwgroep-b-vakmensen",
                "themes": ["talent"],
                "description": "Instroom van vakmensen in bouw en installatietechniek.",
            },
        ],
        "signatory_function": "Algemeen directeur",
        "mandate": "statuten",
    },
    {
        "id": "ki-universiteit",
        "name": "Universiteit van Noord-Nederland",
        "category": "education_research",
        "sector": "public",
        "participation_level": 4,
        "role": "Doet onderzoek naar brede welvaart, gezondheid en de energietransitie in Drenthe en verzorgt de monitoring van de Regio Deal.",
        "contribution": "Onderzoekscapaciteit (promovendi en onderzoekers) en de inzet van het energielaboratorium.",
        "core_values": [
            "Wetenschap met maatschappelijke impact",
            "Onafhankelijk",
            "Open kennisdeling",
        ],
        "interests": [
            {
                "id": "ki-universiteit-b-onderzoek",
                "themes": ["gezond", "energie", "innovatie"],
                "description": "Een regionaal proeftuinnetwerk voor toegepast onderzoek en onderwijs.",
            },
        ],
        "signatory_function": "Rector magnificus",
        "mandate": "statuten",
    },
    {
        "id": "ki-hogeschool",
        "name": "Hogeschool Drenthe-Noord",
        "category": "education_research",
        "sector": "public",
        "participation_level": 4,
        "role": "Verbindt lectoraten en studenten aan praktijkvragen van bedrijven en gemeenten en leidt zij-instromers op voor zorg en onderwijs.",
        "contribution": "Lectoren, studenten-onderzoeksteams en laboratoriumfaciliteiten.",
        "core_values": ["Praktijkgericht onderzoek", "Talent voor de regio", "Samen leren"],
        "interests": [
            {
                "id": "ki-hogeschool-b-studenten",
                "themes": ["talent", "innovatie"],
                "description": "Meer studenten die na hun studie in Drenthe blijven werken.",
            },
            {
                "id": "ki-hogeschool-b-praktijk",
                "themes": ["werk", "gezond", "energie"],
                "description": "Praktijkopdrachten en afstudeerplekken voor studenten in de eigen regio.",
            },
        ],
        "signatory_function": "Voorzitter college van bestuur",
        "mandate": "statuten",
    },
    {
        "id": "ki-roc",
        "name": "ROC Drenthe College",
        "category": "education_research",
        "sector": "public",
        "participation_level": 4,
        "role": "Verzorgt mbo-opleidingen, leerwerkroutes en scholing voor volwassenen dicht bij huis.",
        "contribution": "Docenten en praktijkopleiders, mobiele praktijklokalen en examinering.",
        "core_values": ["Iedere student een diploma", "Leren in de praktijk", "Dichtbij"],
        "interests": [
            {
                "id": "ki-roc-b-instroom",
                "themes": ["werk", "talent"],
                "description": "Minder voortijdig schoolverlaten en meer volwassenen in een leven-lang-ontwikkelen-traject.",
            },
        ],
        "signatory_function": "Voorzitter college van bestuur",
        "mandate": "statuten",
    },
    {
        "id": "mo-welzijn",
        "name": "Stichting Welzijn Drenthe Samen",
        "category": "civil_society",
        "sector": "civil",
        "participation_level": 4,
        "role": "Levert opbouwwerk, maatjesprojecten en mantelzorgondersteuning in de kernen en ondersteunt bewonersinitiatieven.",
        "contribution": "Opbouwwerkers en vrijwilligerscoördinatoren en het netwerk van buurtkamers.",
        "core_values": ["Naast de inwoner", "Eigen kracht", "Niemand buitenspel"],
        "interests": [
            {
                "id": "mo-welzijn-b-sociale-basis",
                "themes": ["leefbaar", "gezond", "werk"],
                "description": "Een sterke sociale basis die zwaardere zorg voorkomt en vrijwilligers bindt.",
            },
        ],
        "signatory_function": "Directeur-bestuurder",
        "mandate": "statuten",
    },
    {
        "id": "mo-zorggroep",
        "name": "Zorggroep Drentse Zorg",
        "category": "civil_society",
        "sector": "civil",
        "participation_level": 4,
        "role": "Regionale zorgorganisatie voor wijkverpleging en ouderenzorg; trekker van de aanpak gezond ouder worden.",
        "contribution": "Wijkverpleegkundigen, een leerafdeling voor zorgstudenten en ruimte in zorgcentra.",
        "core_values": ["Zorg dichtbij", "Preventie eerst", "Goed werkgeverschap"],
        "interests": [
            {
                "id": "mo-zorggroep-b-preventie",
                "themes": ["gezond"],
                "description": "Minder onnodige opnames door preventie en vroegsignalering.",
            },
            {
                "id": "mo-zorggroep-b-personeel",
                "themes": ["talent", "werk"],
                "description": "Voldoende zorgpersoneel door opleiden in de eigen organisatie.",
            },
        ],
        "signatory_function": "Voorzitter raad van bestuur",
        "mandate": "statuten",
    },
    {
        "id": "mo-kleinekernen",
        "name": "Vereniging Kleine Kernen Drenthe",
        "category": "civil_society",
        "sector": "civil",
        "participation_level": 5,
        "role": "Belangenbehartiger van ruim 180 dorpsbelangen; ondersteunt dorpen bij dorpsvisies, dorpshuizen en eigen initiatieven.",
        "contribution": "Dorpencoaches, het netwerk van dorpsbelangen en vergaderruimte in dorpshuizen.",
        "core_values": ["Dorpen aan zet", "Samen redzaam", "Trots op het platteland"],
        "interests": [
            {
                "id": "mo-kleinekernen-b-dorpen",
                "themes": ["leefbaar", "bereik"],
                "description": "Zeggenschap en middelen voor dorpen om voorzieningen zelf overeind te houden.",
            },
        ],
        "signatory_function": "Voorzitter",
        "mandate": "statuten",
    },
    {
        "id": "bp-emmenzuid",
        "name": "Bewonersplatform Emmen-Zuid",
        "category": "citizens",
        "sector": "civil",
        "participation_level": 5,
        "track_levels": [
            {
                "track": "dp-wonen",
                "level": 4,
                "note": "In het woonakkoord ontwerpen bewoners samen met de corporaties; de bouwstroom zelf besluiten zij niet.",
            },
        ],
        "role": "Vertegenwoordigt de bewoners van Emmen-Zuid en voert zelf projecten uit voor ontmoeting, groen en veiligheid.",
        "contribution": "Vrijwillige inzet van bewoners en een wijkbudget dat het platform zelf beheert.",
        "core_values": ["Van, voor en door bewoners", "Iedereen doet mee", "Trots op onze wijk"],
        "interests": [
            {
                "id": "bp-emmenzuid-b-zeggenschap",
                "themes": ["leefbaar", "wonen"],
                "description": "Echte zeggenschap over de vernieuwing van de eigen wijk.",
            },
        ],
        "signatory_function": "Voorzitter",
        "mandate": "alv",
    },
    {
        "id": "bp-dorpenaa",
        "name": "Dorpenplatform Aa en Hunze",
        "category": "citizens",
        "sector": "civil",
        "participation_level": 5,
        "track_levels": [
            {
                "track": "dp-energie",
                "level": 4,
                "note": "Energiecoöperaties werken mee aan de wijkaanpak, maar netbeheer en subsidies liggen bij anderen.",
            },
        ],
        "role": "Samenwerkingsverband van dorpsbelangen in Aa en Hunze; organiseert burenhulp, dorpsvervoer en energiecoöperaties.",
        "contribution": "Vrijwillige chauffeurs en energiecoaches en kennis van de dorpen.",
        "core_values": ["Noaberschap", "Zelf doen waar het kan", "Samen sterk"],
        "interests": [
            {
                "id": "bp-dorpenaa-b-vervoer",
                "themes": ["bereik", "energie", "leefbaar"],
                "description": "Betaalbaar vervoer en betaalbare energie voor inwoners van de dorpen.",
            },
        ],
        "signatory_function": "Voorzitter",
        "mandate": "alv",
    },
]
PARTNER_BY_ID = {p["id"]: p for p in PARTNERS}

# Which partners work on which theme (besides the municipalities).
THEME_PARTNERS: dict[str, list[str]] = {
    "wonen": ["wc-drentseesch", "wc-hunzewonen", "bi-bouwgroep", "bp-emmenzuid"],
    "werk": ["ki-roc", "bi-werkgevers", "mo-welzijn", "ki-hogeschool"],
    "energie": ["wc-drentseesch", "bi-bouwgroep", "ki-universiteit", "bp-dorpenaa"],
    "bereik": ["prov-drenthe", "mo-kleinekernen", "bp-dorpenaa"],
    "gezond": ["mo-zorggroep", "mo-welzijn", "ki-universiteit", "wc-hunzewonen"],
    "leefbaar": ["mo-kleinekernen", "mo-welzijn", "bp-emmenzuid", "wc-drentseesch"],
    "innovatie": ["ki-universiteit", "ki-hogeschool", "bi-werkgevers", "bi-bouwgroep"],
    "talent": ["ki-roc", "ki-hogeschool", "bi-werkgevers", "mo-zorggroep"],
}

STAKEHOLDERS: list[dict[str, Any]] = [
    {
        "id": "sh-ps",
        "name": "Provinciale Staten van Drenthe",
        "category": "government",
        "sector": "political",
        "participation_level": 1,
        "interest": "Stelt de provinciale cofinanciering vast en wordt jaarlijks geïnformeerd met de voortgangsrapportage.",
    },
    {
        "id": "sh-raden",
        "name": "Gemeenteraden van de tien deelnemende gemeenten",
        "category": "government",
        "sector": "political",
        "participation_level": 2,
        "wanted_level": 3,
        "interest": "Stellen de gemeentelijke cofinanciering vast; worden twee keer per jaar geraadpleegd tijdens een regionale raadsledenbijeenkomst. Meerdere raden hebben gevraagd om vooraf te mogen adviseren over de keuze van projecten.",
    },
    {
        "id": "sh-netbeheer",
        "name": "Netbeheer Noord",
        "category": "business",
        "sector": "private",
        "participation_level": 3,
        "interest": "Netcapaciteit is een randvoorwaarde voor warmtepompen, laadpalen en zonnedaken; adviseert over de volgorde van wijken.",
    },
    {
        "id": "sh-wsp",
        "name": "Werkgeversservicepunt Drenthe",
        "category": "government",
        "sector": "public",
        "participation_level": 3,
        "interest": "Bemiddelt werkzoekenden naar de leerwerkbanen en adviseert over de aansluiting op de arbeidsmarkt.",
    },
    {
        "id": "sh-ov",
        "name": "Busvervoerder concessie Drenthe",
        "category": "business",
        "sector": "private",
        "participation_level": 2,
        "interest": "Voert het openbaar vervoer uit; wordt geraadpleegd over hubs, buurtbussen en dienstregeling.",
    },
    {
        "id": "sh-milieu",
        "name": "Milieufederatie Drenthe",
        "category": "civil_society",
        "sector": "civil",
        "participation_level": 3,
        "interest": "Adviseert over natuurinclusief bouwen, landschappelijke inpassing van zonne-energie en participatie bij energieprojecten.",
    },
    {
        "id": "sh-jongerenraad",
        "name": "Jongerenraad Drenthe",
        "category": "citizens",
        "sector": "civil",
        "participation_level": 3,
        "interest": "Adviseert gevraagd en ongevraagd over wonen, werk en vervoer voor jongeren.",
    },
    {
        "id": "sh-huurders",
        "name": "Regionaal Huurdersoverleg Drenthe",
        "category": "citizens",
        "sector": "civil",
        "participation_level": 3,
        "interest": "Behartigt de belangen van huurders bij renovatie, verduurzaming en huurprijzen.",
    },
    {
        "id": "sh-agrarisch",
        "name": "Agrarisch Collectief Drents Plateau",
        "category": "business",
        "sector": "private",
        "participation_level": 2,
        "interest": "Boeren worden geraadpleegd over grondgebruik voor energie, fietsroutes en woningbouw aan de dorpsranden.",
    },
    {
        "id": "sh-inwoners",
        "name": "Inwoners van de tien gemeenten",
        "category": "citizens",
        "sector": "civil",
        "participation_level": 1,
        "track_levels": [
            {
                "track": "dp-leefbaar",
                "level": 5,
                "note": "In de leefbaarheidsaanpak besteden inwoners het dorps- en wijkbudget zelf.",
            },
        ],
        "interest": "Worden geïnformeerd via de website, lokale media, dorpskranten en informatieavonden.",
    },
]


# Parties that pay without signing: no participation level, no signatories.
FUNDERS: list[dict[str, Any]] = [
    {
        "id": "fin-efro",
        "name": "Europees Fonds voor Regionale Ontwikkeling (EFRO), programma Noord-Nederland",
        "category": "government",
        "description": (
            "Cofinanciert de investeringen van het deelproject innovatie in de maakindustrie: "
            "het fieldlab slimme maakindustrie en de waterstofinstallatie."
        ),
        "conditions": (
            "Minstens 50 procent nationale cofinanciering; jaarlijkse verantwoording via het "
            "SNN; subsidiabele kosten vanaf 2027; terugbetaling bij niet-gerealiseerde projecten."
        ),
    },
    {
        "id": "fin-oranjefonds",
        "name": "Nationaal Fonds Sociale Basis",
        "category": "civil_society",
        "description": "Draagt bij aan de verduurzaming en zorgfuncties van dorpshuizen.",
        "conditions": "Inwoners beheren het dorpshuis zelf; een eindverslag per dorpshuis.",
    },
]

FOUNDING_MOMENTS: list[dict[str, Any]] = [
    {
        "id": "om-startdocument",
        "title": "Startdocument",
        "date": dt.date(2025, 3, 14),
        "description": (
            "Provincie Drenthe en de gemeenten Emmen en Assen leggen de gezamenlijke opgave "
            "en de aanpak van de Regio Deal vast."
        ),
    },
    {
        "id": "om-intentieverklaring",
        "title": "Intentieverklaring",
        "date": dt.date(2025, 9, 26),
        "description": "Rijk en regio spreken de intentie uit om een Regio Deal te sluiten.",
    },
    {
        "id": "om-overeenkomst",
        "title": "Samenwerkingsovereenkomst",
        "date": dt.date(2026, 1, 15),
        "description": "Alle partners ondertekenen deze samenwerkingsovereenkomst.",
    },
]


def funder_contributions(cost_items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The funders' money, each amount tied to one cost item it pays part of."""
    shares = {"fin-efro": ("dp-innovatie", 0.4), "fin-oranjefonds": ("dp-leefbaar", 0.1)}
    contributions: list[dict[str, Any]] = []
    for funder, (project, share) in shares.items():
        for item in cost_items:
            if item.get("project") != project or item["year"] < 2027:
                continue
            contributions.append(
                {
                    "id": f"bd-{item['id'].removeprefix('kp-')}-{funder}",
                    "partner": funder,
                    "kind": "cash",
                    "description": f"Bijdrage {funder.removeprefix('fin-').upper()} aan "
                    f"{item['description']}",
                    "year": item["year"],
                    "amount": round_to(item["amount"] * share, 1000),
                    "cost_item": item["id"],
                }
            )
    return contributions


def mandate_text(kind: str, org_name: str) -> str:
    day = dt.date(2025, rng.choice([10, 11, 12]), rng.randint(1, 28))
    if kind == "collegebesluit":
        return (
            f"Collegebesluit van {nl_date(day)} (kenmerk {rng.randint(2025000, 2025999)}), "
            f"na wensen en bedenkingen van de gemeenteraad; volmacht van de burgemeester van {org_name}."
        )
    if kind == "gs":
        return f"Besluit van Gedeputeerde Staten van {nl_date(day)} en volmacht van de commissaris van de Koning."
    if kind == "mandaatbesluit":
        return f"Mandaatbesluit BZK en instemming van de ministerraad met de Regio Deals-ronde van {nl_date(day)}."
    if kind == "alv":
        return f"Besluit van de algemene ledenvergadering van {nl_date(day)}."
    return f"Statuten van {org_name}; goedkeuring van de raad van toezicht op {nl_date(day)}."


def build_partners() -> tuple[list[dict[str, Any]], dict[str, list[str]]]:
    """Partner dicts for the document, and interest themes by interest id."""
    out = []
    interest_themes: dict[str, list[str]] = {}
    for p in PARTNERS:
        interests = []
        for interest in p["interests"]:
            interest_themes[interest["id"]] = interest["themes"]
            interests.append({"id": interest["id"], "description": interest["description"]})
        out.append(
            {
                "id": p["id"],
                "name": p["name"],
                "category": p["category"],
                "sector": p["sector"],
                "participation_level": p["participation_level"],
                **({"track_levels": p["track_levels"]} if "track_levels" in p else {}),
                "role": p["role"],
                "contribution": p["contribution"],
                "core_values": p["core_values"],
                "interests": interests,
                "signatories": [
                    {
                        "id": f"ond-{p['id']}",
                        "name": person(),
                        "function": p["signatory_function"],
                        "mandate": mandate_text(p["mandate"], p["name"]),
                    }
                ],
            }
        )
    return out, interest_themes


# --------------------------------------------------------------------------------------------
# §4.1 Goal tree: 3 top goals, 9 second-level, 27 third-level, 61 fourth-level goals
# --------------------------------------------------------------------------------------------

TOP_GOALS = [
    (
        "g-t1",
        "Iedere inwoner van Drenthe kan meedoen en zich ontwikkelen",
        "Brede welvaart voor alle inwoners: werk, scholing, gezondheid en een sterke sociale basis.",
    ),
    (
        "g-t2",
        "Vitale steden en dorpen waar het goed wonen is",
        "Passende woningen, bereikbare voorzieningen en leefbare kernen in heel Drenthe.",
    ),
    (
        "g-t3",
        "Een duurzame en innovatieve regionale economie",
        "De energietransitie en de maakindustrie als motor voor werk en welvaart.",
    ),
]

# (id, parent, theme, title, description)
LEVEL2 = [
    (
        "g-werk",
        "g-t1",
        "werk",
        "Meer inwoners met een startkwalificatie en duurzaam werk",
        "Minder inwoners langs de kant door scholing en begeleiding naar werk.",
    ),
    (
        "g-gezond",
        "g-t1",
        "gezond",
        "Kleinere gezondheidsverschillen tussen kernen en wijken",
        "Inwoners in kwetsbare wijken en dorpen leven langer in goede gezondheid.",
    ),
    (
        "g-sociaal",
        "g-t1",
        "leefbaar",
        "Een sterke sociale basis in wijken en dorpen",
        "Inwoners kennen en helpen elkaar; vrijwilligers en mantelzorgers zijn goed ondersteund.",
    ),
    (
        "g-wonen",
        "g-t2",
        "wonen",
        "Voldoende betaalbare en passende woningen voor iedere levensfase",
        "Starters, gezinnen en senioren vinden een passende woning in de eigen regio.",
    ),
    (
        "g-bereik",
        "g-t2",
        "bereik",
        "Werk, onderwijs en zorg bereikbaar binnen 30 minuten",
        "Fijnmazig vervoer, goede fietsroutes en snel internet tot in het buitengebied.",
    ),
    (
        "g-leefbaar",
        "g-t2",
        "leefbaar",
        "Leefbare kernen met behoud van basisvoorzieningen",
        "Dorpshuizen, scholen en winkels blijven bestaan, vaak met inwoners aan het roer.",
    ),
    (
        "g-energie",
        "g-t3",
        "energie",
        "Versnelde en eerlijke energietransitie in de gebouwde omgeving",
        "Woningen worden verduurzaamd zonder dat inwoners met een laag inkomen achterblijven.",
    ),
    (
        "g-innovatie",
        "g-t3",
        "innovatie",
        "Innovatieve maakindustrie en een groene waterstofketen",
        "Bedrijven en kennisinstellingen ontwikkelen samen nieuwe producten en processen.",
    ),
    (
        "g-talent",
        "g-t3",
        "talent",
        "Voldoende vakmensen in tekortberoepen",
        "Meer instroom en behoud van vakmensen in zorg, onderwijs, techniek en bouw.",
    ),
]

# Per second-level goal: three third-level goals, each with templates for fourth-level goals.
# Placeholders: {gem} municipality name, {plaats} village, {stad} main town, {n} a number.
LEVEL3: dict[str, list[tuple[str, list[str]]]] = {
    "g-werk": [
        (
            "Minder voortijdig schoolverlaters in het mbo",
            [
                "Sluitende aanpak voor 16- tot 27-jarigen zonder startkwalificatie in {gem}",
                "Schoolmaatschappelijk werk op de mbo-locatie in {stad}",
                "Plusvoorziening voor overbelaste jongeren in {gem}",
            ],
        ),
        (
            "Meer inwoners vanuit de bijstand naar betaald werk",
            [
                "{n} leerwerkbanen bij lokale werkgevers in {gem}",
                "Duale trajecten taal en werk voor statushouders in {gem}",
                "Garantiebanen in groenonderhoud en beheer in {gem}",
            ],
        ),
        (
            "Betere basisvaardigheden van volwassenen",
            [
                "Taalhuis en digitaal hulppunt in de bibliotheek van {stad}",
                "Aanpak laaggeletterdheid via werkgevers in {gem}",
                "Cursussen rekenen en geldzaken in {plaats}",
            ],
        ),
    ],
    "g-gezond": [
        (
            "Meer kinderen groeien gezond op",
            [
                "Gezonde schoolpleinen en watertappunten in {plaats}",
                "Dagelijks bewegen op alle basisscholen in {gem}",
                "Gezonde kantines in sportverenigingen in {gem}",
            ],
        ),
        (
            "Ouderen wonen langer gezond en zelfstandig thuis",
            [
                "Valpreventieprogramma voor 75-plussers in {gem}",
                "Welzijn op recept via huisartsen in {stad}",
                "Burenhulpcoöperatie in {plaats}",
            ],
        ),
        (
            "Minder huishoudens met problematische schulden",
            [
                "Vroegsignalering van betalingsachterstanden in {gem}",
                "Netwerk van schuldhulpmaatjes in {plaats}",
                "Geldloket in het gemeentehuis van {stad}",
            ],
        ),
    ],
    "g-sociaal": [
        (
            "Minder eenzaamheid onder inwoners",
            [
                "Buurtkamer met dagelijkse inloop in {plaats}",
                "Maatjesproject voor alleenstaande ouderen in {gem}",
                "Ontmoetingsplek voor jongeren in {plaats}",
            ],
        ),
        (
            "Vrijwilligers en mantelzorgers goed ondersteund",
            [
                "Steunpunt mantelzorg in {stad}",
                "Respijtzorg voor mantelzorgers in {plaats}",
                "Digitale vrijwilligersvacaturebank voor {gem}",
            ],
        ),
        (
            "Nieuwkomers doen snel mee in hun dorp of wijk",
            [
                "Taalcoaches voor nieuwkomers in {gem}",
                "Welkomstnetwerk met buddy's in {plaats}",
                "Sport en cultuur voor nieuwkomerskinderen in {gem}",
            ],
        ),
    ],
    "g-wonen": [
        (
            "Versnelde bouw van betaalbare huurwoningen",
            [
                "{n} sociale huurwoningen in {plaats}",
                "Flexwoningen voor spoedzoekers in {gem}",
                "Transformatie van een leegstaand kantoor tot woningen in {stad}",
            ],
        ),
        (
            "Meer geschikte woningen voor senioren",
            [
                "Levensloopbestendige woningen bij het zorgcentrum in {plaats}",
                "Woonhof voor senioren in {plaats}",
                "Doorstroomregeling voor senioren in {gem}",
            ],
        ),
        (
            "Kwaliteitsverbetering van de bestaande woningvoorraad",
            [
                "Aanpak verouderde particuliere woningen in {plaats}",
                "Renovatie van portiekflats uit de jaren zestig in {plaats}",
                "Asbestsanering van daken in {gem}",
            ],
        ),
    ],
    "g-bereik": [
        (
            "Fijnmazig en betrouwbaar openbaar vervoer",
            [
                "Mobiliteitshub met deelauto's en fietsen in {plaats}",
                "Buurtbus tussen {plaats} en {stad}",
                "Vraagafhankelijk dorpsvervoer in {gem}",
            ],
        ),
        (
            "Meer fietsgebruik voor werk en school",
            [
                "Doorfietsroute tussen {plaats} en {stad}",
                "Veilige schoolfietsroute in {plaats}",
                "Bewaakte fietsenstalling in het centrum van {stad}",
            ],
        ),
        (
            "Goede digitale bereikbaarheid",
            [
                "Glasvezel in het buitengebied van {gem}",
                "Betere mobiele dekking rond {plaats}",
                "Digitale zorgspreekuren in {plaats}",
            ],
        ),
    ],
    "g-leefbaar": [
        (
            "Dorpshuizen en ontmoetingsplekken blijven open",
            [
                "Verduurzaming van het dorpshuis in {plaats}",
                "Multifunctionele accommodatie in {plaats}",
                "Dorpshuisbeheer door bewoners in {plaats}",
            ],
        ),
        (
            "Basisvoorzieningen in kleine kernen blijven behouden",
            [
                "Dorpswinkel met pakketpunt in {plaats}",
                "Kindcentrum met school en opvang in {plaats}",
                "Huisartsenspreekuur op afstand in {plaats}",
            ],
        ),
        (
            "Aantrekkelijke en veilige openbare ruimte",
            [
                "Herinrichting van het dorpsplein in {plaats}",
                "Klimaatbestendig groen in de wijk {plaats}",
                "Veilige en verlichte looproutes in {plaats}",
            ],
        ),
    ],
    "g-energie": [
        (
            "Woningen stap voor stap van het aardgas af",
            [
                "Uitvoeringsplan wijkwarmte voor {plaats}",
                "Warmtenet op restwarmte in {stad}",
                "Proefwijk all-electric in {plaats}",
            ],
        ),
        (
            "Minder huishoudens in energiearmoede",
            [
                "Energiecoaches aan huis in {gem}",
                "Isolatieaanpak voor huurwoningen in {plaats}",
                "Fixteams voor kleine energiemaatregelen in {gem}",
            ],
        ),
        (
            "Meer duurzame energie in lokaal eigendom",
            [
                "Zonnedaken op maatschappelijk vastgoed in {gem}",
                "Energiecoöperatie met lokaal eigendom in {plaats}",
                "Buurtbatterij in {plaats}",
            ],
        ),
    ],
    "g-innovatie": [
        (
            "Een groene waterstofketen in Zuidoost-Drenthe",
            [
                "Waterstoftankstation voor bussen en vrachtwagens in {stad}",
                "Pilot groene waterstof op het bedrijventerrein van {stad}",
                "Omscholing van procesoperators voor waterstof in {gem}",
            ],
        ),
        (
            "Innovatieve maakbedrijven en circulaire productie",
            [
                "Fieldlab slimme maakindustrie in {stad}",
                "Circulair bedrijventerrein in {gem}",
                "Innovatievouchers voor mkb-bedrijven in {gem}",
            ],
        ),
        (
            "Kennisinstellingen en bedrijven innoveren samen",
            [
                "Practoraat slim onderhoud in {stad}",
                "Onderzoekslab brede welvaart in {plaats}",
                "Studententeams voor praktijkvragen van bedrijven in {gem}",
            ],
        ),
    ],
    "g-talent": [
        (
            "Meer instroom in zorg- en onderwijsberoepen",
            [
                "Zij-instroomtraject voor leraren in {gem}",
                "Leerafdeling zorg in het zorgcentrum van {stad}",
                "Regionale zorgacademie met een locatie in {stad}",
            ],
        ),
        (
            "Meer vakmensen in techniek en bouw",
            [
                "Technieklokaal voor basisscholen in {gem}",
                "Opleidingsplaatsen bij corporatieprojecten in {gem}",
                "Opleiding warmtepompmonteur in {stad}",
            ],
        ),
        (
            "Jongeren blijven in of keren terug naar Drenthe",
            [
                "Traineeship bij Drentse werkgevers in {gem}",
                "Startersregeling koopwoning voor jongeren in {gem}",
                "Terugkeerdersnetwerk en banenmarkt in {stad}",
            ],
        ),
    ],
}

L4_TOTAL = 61


def build_goals(
    interest_themes: dict[str, list[str]],
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The goal tree, and the theme of every goal id."""
    goals: list[dict[str, Any]] = []
    theme_of: dict[str, str] = {}
    for gid, title, description in TOP_GOALS:
        goals.append(
            {
                "id": gid,
                "title": title,
                "description": description,
                "contributes_to_ambition": True,
                "contributes_to": [],
                "partners": ["rijk", "prov-drenthe"],
                "interests": [],
            }
        )
        theme_of[gid] = "top"
    for gid, parent, theme, title, description in LEVEL2:
        goals.append(
            {
                "id": gid,
                "title": title,
                "description": description,
                "contributes_to": [parent],
                "partners": ["prov-drenthe", *THEME_PARTNERS[theme][:2]],
                "interests": [],
            }
        )
        theme_of[gid] = theme
    # A few second-level goals also serve a second top goal (cross links in the tree).
    extra_links = {"g-energie": "g-t2", "g-talent": "g-t1", "g-leefbaar": "g-t1"}
    for goal in goals:
        if goal["id"] in extra_links:
            goal["contributes_to"].append(extra_links[goal["id"]])

    level3_ids: list[tuple[str, str, list[str]]] = []
    for l2_id, _parent, theme, _title, _description in LEVEL2:
        for index, (title, templates) in enumerate(LEVEL3[l2_id], start=1):
            gid = f"{l2_id}-{index}"
            goals.append(
                {
                    "id": gid,
                    "title": title,
                    "description": "",
                    "contributes_to": [l2_id],
                    "partners": list(THEME_PARTNERS[theme]),
                    "interests": [],
                }
            )
            theme_of[gid] = theme
            level3_ids.append((gid, theme, templates))

    # 61 fourth-level goals: two per third-level goal, a third for the first seven.
    gem_cycle = 0
    per_l3 = [2 + (1 if i < L4_TOTAL - 2 * len(level3_ids) else 0) for i in range(len(level3_ids))]
    l3_description: dict[str, list[str]] = {}
    for (l3_id, theme, templates), count in zip(level3_ids, per_l3, strict=True):
        for index in range(count):
            gem_id = GEM_IDS[gem_cycle % len(GEM_IDS)]
            gem_cycle += 1
            _, gem_name, town, _, _ = GEM_BY_ID[gem_id]
            title = templates[index].format(
                gem=gem_name,
                stad=town,
                plaats=village(gem_id),
                n=rng.choice([20, 24, 30, 36, 40, 48, 60]),
            )
            gid = f"{l3_id}-{index + 1}"
            helpers = rng.sample(THEME_PARTNERS[theme], 2)
            goals.append(
                {
                    "id": gid,
                    "title": title,
                    "description": f"Concreet resultaat in de gemeente {gem_name}, uitgevoerd met lokale partners.",
                    "contributes_to": [l3_id],
                    "partners": [gem_id, *[h for h in helpers if h != gem_id]],
                    "interests": [],
                }
            )
            theme_of[gid] = theme
            l3_description.setdefault(l3_id, []).append(title)
    for goal in goals:
        if goal["id"] in l3_description:
            goal["description"] = "Onder meer: " + "; ".join(l3_description[goal["id"]]) + "."

    # Link organisational interests to goals the partner works on, with a matching theme.
    by_id = {g["id"]: g for g in goals}
    for pid, p in PARTNER_BY_ID.items():
        for interest in p["interests"]:
            themes = interest_themes[interest["id"]]
            matching = [g for g in goals if pid in g["partners"] and theme_of[g["id"]] in themes]
            if not matching:
                # Make the partner a contributor of the second-level goal of its first theme.
                l2 = next(gid for gid, _, t, _, _ in LEVEL2 if t == themes[0])
                by_id[l2]["partners"].append(pid)
                matching = [by_id[l2]]
            # Prefer higher-level goals (shorter ids), at most three per interest.
            matching.sort(key=lambda g: (g["id"].count("-"), g["id"]))
            for goal in matching[:3]:
                if interest["id"] not in goal["interests"]:
                    goal["interests"].append(interest["id"])
    # The top goals serve the interests of the State and the province.
    by_id["g-t1"]["interests"] += ["rijk-b-bredewelvaart"]
    by_id["g-t2"]["interests"] += ["rijk-b-woningbouw", "prov-b-bereikbaarheid"]
    by_id["g-t3"]["interests"] += ["prov-b-economie"]
    for goal in goals:
        goal["interests"] = list(dict.fromkeys(goal["interests"]))
        goal["partners"] = list(dict.fromkeys(goal["partners"]))
    return goals, theme_of


# --------------------------------------------------------------------------------------------
# §4.2 Indicators and effect measurement
# --------------------------------------------------------------------------------------------

# goal, name, unit, direction, baseline, target, owner, source
REGIONAL_INDICATORS: list[tuple[str, str, str, str, float, float, str, str]] = [
    (
        "g-t1",
        "Netto arbeidsparticipatie 15-75 jaar in de regio",
        "%",
        "increase",
        66.1,
        69.0,
        "prov-drenthe",
        "CBS Enquête beroepsbevolking, regionale uitsnede.",
    ),
    (
        "g-t1",
        "Inwoners dat de eigen gezondheid als (zeer) goed ervaart",
        "%",
        "increase",
        74.0,
        78.0,
        "mo-zorggroep",
        "GGD Gezondheidsmonitor volwassenen en ouderen.",
    ),
    (
        "g-t2",
        "Inwoners dat tevreden is met de woonomgeving",
        "%",
        "increase",
        84.0,
        88.0,
        "prov-drenthe",
        "Leefbaarometer en provinciale burgerpeiling.",
    ),
    (
        "g-t3",
        "CO2-uitstoot van de gebouwde omgeving",
        "kiloton per jaar",
        "decrease",
        1140.0,
        890.0,
        "prov-drenthe",
        "Klimaatmonitor Rijkswaterstaat, regio Drenthe.",
    ),
    (
        "g-t3",
        "Werkgelegenheid in de maakindustrie",
        "banen",
        "increase",
        21400.0,
        23000.0,
        "bi-werkgevers",
        "Provinciaal Werkgelegenheidsregister (LISA).",
    ),
    (
        "g-werk",
        "Inwoners met een bijstandsuitkering",
        "personen",
        "decrease",
        9850.0,
        8400.0,
        "gem-emmen",
        "CBS Statline, bijstandsuitkeringen per gemeente.",
    ),
    (
        "g-gezond",
        "Verschil in gezonde levensverwachting tussen laagste en hoogste inkomensgroep",
        "jaren",
        "decrease",
        14.5,
        12.5,
        "ki-universiteit",
        "Onderzoekslab brede welvaart op basis van CBS-microdata.",
    ),
    (
        "g-sociaal",
        "Inwoners dat zich (zeer) ernstig eenzaam voelt",
        "%",
        "decrease",
        11.0,
        8.5,
        "mo-welzijn",
        "GGD Gezondheidsmonitor.",
    ),
    (
        "g-wonen",
        "Nieuw opgeleverde betaalbare woningen (cumulatief)",
        "woningen",
        "increase",
        0.0,
        4800.0,
        "prov-drenthe",
        "Regionale woningbouwmonitor op basis van de BAG.",
    ),
    (
        "g-bereik",
        "Inwoners met een ziekenhuis, mbo-locatie en werkgebied binnen 30 minuten ov/fiets",
        "%",
        "increase",
        71.0,
        82.0,
        "prov-drenthe",
        "Bereikbaarheidsmodel provincie Drenthe.",
    ),
    (
        "g-leefbaar",
        "Kernen met ten minste een dorpshuis, basisschool of dorpswinkel",
        "%",
        "increase",
        78.0,
        85.0,
        "mo-kleinekernen",
        "Voorzieningenmonitor Vereniging Kleine Kernen.",
    ),
    (
        "g-energie",
        "Huishoudens met een hoog energiequotiënt (energiearmoede)",
        "%",
        "decrease",
        9.2,
        5.5,
        "ki-universiteit",
        "TNO Energiearmoedemonitor, regionale uitsnede.",
    ),
    (
        "g-innovatie",
        "Bedrijven dat samenwerkt met een kennisinstelling in de regio",
        "%",
        "increase",
        17.0,
        27.0,
        "ki-hogeschool",
        "Tweejaarlijkse innovatie-enquête onder maakbedrijven.",
    ),
    (
        "g-talent",
        "Openstaande vacatures per 100 werklozen in tekortberoepen",
        "vacatures",
        "decrease",
        160.0,
        120.0,
        "bi-werkgevers",
        "UWV Spanningsindicator, arbeidsmarktregio Drenthe.",
    ),
]

# Third-level indicators: suffix of goal id -> name, unit, direction, baseline, target, owner, source
LEVEL3_INDICATORS: dict[str, tuple[str, str, str, float, float, str, str]] = {
    "g-werk-1": (
        "Voortijdig schoolverlaters in het mbo",
        "% van de studenten",
        "decrease",
        6.8,
        4.5,
        "ki-roc",
        "DUO en RMC-monitor.",
    ),
    "g-werk-2": (
        "Uitstroom van bijstand naar betaald werk",
        "personen per jaar",
        "increase",
        820.0,
        1150.0,
        "gem-assen",
        "Gemeentelijke uitkeringsadministraties, gebundeld per regio.",
    ),
    "g-werk-3": (
        "Volwassenen dat een cursus basisvaardigheden afrondt",
        "personen per jaar",
        "increase",
        350.0,
        900.0,
        "ki-roc",
        "Registratie taalhuizen en ROC.",
    ),
    "g-gezond-1": (
        "Kinderen van 4-12 jaar met overgewicht",
        "%",
        "decrease",
        14.0,
        11.0,
        "mo-zorggroep",
        "Jeugdgezondheidszorg, meting groep 2 en groep 7.",
    ),
    "g-gezond-2": (
        "75-plussers dat zelfstandig thuis woont",
        "%",
        "increase",
        87.0,
        90.0,
        "mo-zorggroep",
        "CBS en Zorgkantoor Drenthe.",
    ),
    "g-gezond-3": (
        "Huishoudens met problematische schulden",
        "%",
        "decrease",
        6.1,
        4.5,
        "gem-hoogeveen",
        "CBS Monitor problematische schulden.",
    ),
    "g-sociaal-1": (
        "Deelnemers aan maatjes- en ontmoetingsprojecten",
        "deelnemers per jaar",
        "increase",
        1200.0,
        2600.0,
        "mo-welzijn",
        "Registratie Welzijn Drenthe Samen.",
    ),
    "g-sociaal-2": (
        "Mantelzorgers dat zich zwaarbelast voelt",
        "%",
        "decrease",
        12.0,
        9.0,
        "mo-welzijn",
        "GGD Gezondheidsmonitor, vragenlijst mantelzorg.",
    ),
    "g-sociaal-3": (
        "Statushouders met betaald werk of opleiding binnen twee jaar",
        "%",
        "increase",
        38.0,
        55.0,
        "gem-emmen",
        "Monitor inburgering, gemeenten.",
    ),
    "g-wonen-1": (
        "Sociale huurwoningen in aanbouw",
        "woningen per jaar",
        "increase",
        420.0,
        800.0,
        "wc-drentseesch",
        "Prestatieafspraken en corporatieplanning.",
    ),
    "g-wonen-2": (
        "Nultredenwoningen voor senioren (cumulatief)",
        "woningen",
        "increase",
        0.0,
        1200.0,
        "wc-hunzewonen",
        "Woningregistratie corporaties en gemeenten.",
    ),
    "g-wonen-3": (
        "Particuliere woningen met slechte bouwkundige staat",
        "woningen",
        "decrease",
        3100.0,
        2200.0,
        "gem-coevorden",
        "Woningschouw gemeenten.",
    ),
    "g-bereik-1": (
        "Reizigers in het regionale busnet",
        "miljoen reizen per jaar",
        "increase",
        14.2,
        16.0,
        "prov-drenthe",
        "OV-chipkaartdata concessie Drenthe.",
    ),
    "g-bereik-2": (
        "Woon-werkverplaatsingen per fiets onder 15 km",
        "%",
        "increase",
        29.0,
        35.0,
        "prov-drenthe",
        "ODiN mobiliteitsonderzoek, regionale uitsnede.",
    ),
    "g-bereik-3": (
        "Adressen in het buitengebied zonder snel internet",
        "adressen",
        "decrease",
        2400.0,
        150.0,
        "prov-drenthe",
        "Breedbandmonitor provincie Drenthe.",
    ),
    "g-leefbaar-1": (
        "Dorpshuizen met een sluitende exploitatie",
        "%",
        "increase",
        61.0,
        80.0,
        "mo-kleinekernen",
        "Jaarlijkse uitvraag dorpshuizen.",
    ),
    "g-leefbaar-2": (
        "Kernen met een basisschool",
        "kernen",
        "increase",
        118.0,
        121.0,
        "mo-kleinekernen",
        "DUO vestigingsregister.",
    ),
    "g-leefbaar-3": (
        "Inwoners dat zich vaak onveilig voelt in de buurt",
        "%",
        "decrease",
        14.0,
        11.0,
        "gem-assen",
        "Veiligheidsmonitor.",
    ),
    "g-energie-1": (
        "Woningen die aardgasvrij of aardgasvrij-gereed zijn",
        "woningen",
        "increase",
        6800.0,
        21000.0,
        "wc-drentseesch",
        "Klimaatmonitor en corporatieregistratie.",
    ),
    "g-energie-2": (
        "Huishoudens bereikt door energiecoaches en fixteams (cumulatief)",
        "huishoudens",
        "increase",
        0.0,
        15000.0,
        "bp-dorpenaa",
        "Registratie energieloketten.",
    ),
    "g-energie-3": (
        "Aandeel lokaal eigendom in nieuwe zon- en windprojecten",
        "%",
        "increase",
        22.0,
        50.0,
        "prov-drenthe",
        "Monitor Regionale Energiestrategie Drenthe.",
    ),
    "g-innovatie-1": (
        "Geproduceerde groene waterstof in de regio",
        "ton per jaar",
        "increase",
        0.0,
        2500.0,
        "bi-werkgevers",
        "Opgave producenten, geverifieerd door de provincie.",
    ),
    "g-innovatie-2": (
        "Maakbedrijven met een circulair productieproces",
        "bedrijven",
        "increase",
        35.0,
        110.0,
        "bi-werkgevers",
        "Ledenenquête werkgeversvereniging.",
    ),
    "g-innovatie-3": (
        "Praktijkgerichte onderzoeksprojecten met het mkb",
        "projecten per jaar",
        "increase",
        24.0,
        60.0,
        "ki-hogeschool",
        "Projectregistratie hogeschool en universiteit.",
    ),
    "g-talent-1": (
        "Zij-instromers in zorg en onderwijs",
        "personen per jaar",
        "increase",
        260.0,
        520.0,
        "ki-hogeschool",
        "Registratie opleidingen en werkgevers.",
    ),
    "g-talent-2": (
        "Gediplomeerden in bouw en installatietechniek",
        "personen per jaar",
        "increase",
        480.0,
        700.0,
        "ki-roc",
        "DUO diplomaregistratie.",
    ),
    "g-talent-3": (
        "Afgestudeerden dat binnen een jaar in Drenthe werkt",
        "%",
        "increase",
        31.0,
        40.0,
        "ki-hogeschool",
        "Alumni-enquête en CBS-koppeling.",
    ),
}

LOCAL_INDICATOR_COUNT = 50 - len(REGIONAL_INDICATORS) - len(LEVEL3_INDICATORS)

# Third-level goals whose local results are counted in people reached (the rest in % realised).
PEOPLE_GOALS = {
    "g-werk-1",
    "g-werk-2",
    "g-werk-3",
    "g-gezond-1",
    "g-gezond-2",
    "g-gezond-3",
    "g-sociaal-1",
    "g-sociaal-2",
    "g-sociaal-3",
    "g-energie-2",
    "g-talent-1",
    "g-talent-3",
}


def build_indicators(goals: list[dict[str, Any]]) -> list[dict[str, Any]]:
    indicators: list[dict[str, Any]] = []

    def add(
        goal: str,
        name: str,
        unit: str,
        direction: str,
        baseline: float,
        target: float,
        owner: str,
        source: str,
        target_date: dt.date,
    ) -> None:
        indicators.append(
            {
                "id": f"i-{len(indicators) + 1:02d}-{goal.removeprefix('g-')}",
                "name": name,
                "goal": goal,
                "unit": unit,
                "direction": direction,
                "baseline": baseline,
                "baseline_date": day_between(dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
                "target": target,
                "target_date": target_date,
                "owner": owner,
                "source": source,
            }
        )

    for goal, name, unit, direction, baseline, target, owner, source in REGIONAL_INDICATORS:
        add(goal, name, unit, direction, baseline, target, owner, source, dt.date(2031, 12, 1))
    for goal, (name, unit, direction, baseline, target, owner, source) in LEVEL3_INDICATORS.items():
        add(goal, name, unit, direction, baseline, target, owner, source, dt.date(2031, 10, 1))

    # Local indicators on fourth-level goals: the delivered result itself, per municipality.
    level4 = [g for g in goals if g["id"].count("-") == 3]
    for goal in rng.sample(level4, LOCAL_INDICATOR_COUNT):
        gem = goal["partners"][0]
        l3 = goal["id"].rsplit("-", 1)[0]
        if l3 in PEOPLE_GOALS:
            name, unit = f"Bereikte deelnemers: {goal['title']}", "deelnemers (cumulatief)"
            target = float(rng.randint(8, 40) * 10)
        else:
            name, unit, target = f"Realisatie: {goal['title']}", "% gereed", 100.0
        add(
            goal["id"],
            name,
            unit,
            "increase",
            0.0,
            target,
            gem,
            f"Projectrapportage van {PARTNER_BY_ID[gem]['name']} aan het programmabureau, per halfjaar.",
            dt.date(rng.choice([2029, 2030, 2031]), 6, 30),
        )
    return indicators


def _first_effect_measurement() -> dict[str, Any]:
    return {
        "method": (
            "Het programmabureau houdt een dashboard bij met vijftig indicatoren, gekoppeld aan "
            "de doelenboom. De Universiteit van Noord-Nederland doet de nulmeting (2026), een "
            "tussenmeting (2028), de midterm review (2029) en de eindmeting (2031). Voor de "
            "maatschappelijke meerwaarde gebruiken we de effectencalculator met een regionale "
            "prijslijst en casussen die per deelprogramma zijn uitgewerkt; de uitkomsten worden "
            "jaarlijks in de voortgangsrapportage aan het Rijk opgenomen."
        ),
        "price_list": [
            {
                "id": "pr-bijstand",
                "activity": "Bijstandsuitkering",
                "unit": "per persoon per jaar",
                "price": 17200,
                "payer": "Gemeenten",
            },
            {
                "id": "pr-leerwerk",
                "activity": "Leerwerktraject mbo met jobcoach",
                "unit": "per traject",
                "price": 11500,
                "payer": "Gemeenten en ROC Drenthe College",
            },
            {
                "id": "pr-energiecoach",
                "activity": "Energiecoach en kleine energiemaatregelen",
                "unit": "per huishouden",
                "price": 450,
                "payer": "Gemeenten",
            },
            {
                "id": "pr-energieschuld",
                "activity": "Energieschuld en afsluitingsprocedure",
                "unit": "per huishouden",
                "price": 2300,
                "payer": "Energieleverancier en gemeente",
            },
            {
                "id": "pr-opname",
                "activity": "Ziekenhuisopname na val bij 75-plusser",
                "unit": "per opname",
                "price": 9800,
                "payer": "Zorgverzekeraar",
            },
            {
                "id": "pr-valpreventie",
                "activity": "Valpreventieprogramma",
                "unit": "per deelnemer",
                "price": 380,
                "payer": "Gemeente en zorgverzekeraar",
            },
        ],
        "cases": [
            {
                "id": "cs-leerwerk",
                "title": "Herintreder naar werk in de techniek",
                "goal": "g-werk-2",
                "description": "Een 34-jarige inwoner met een bijstandsuitkering volgt een leerwerktraject installatietechniek en vindt werk bij een installateur.",
                "count": 300,
                "intervention": [
                    {
                        "year": 0,
                        "description": "Leerwerktraject met jobcoach",
                        "price_item": "pr-leerwerk",
                        "quantity": 1,
                    },
                    {
                        "year": 0,
                        "description": "Uitkering tijdens het leerjaar",
                        "price_item": "pr-bijstand",
                        "quantity": 1,
                    },
                ],
                "reference": [
                    {
                        "year": year,
                        "description": "Bijstandsuitkering",
                        "price_item": "pr-bijstand",
                        "quantity": 1,
                    }
                    for year in range(5)
                ],
            },
            {
                "id": "cs-energie",
                "title": "Huishouden in energiearmoede",
                "goal": "g-energie-2",
                "description": "Een alleenstaande ouder in een slecht geïsoleerde huurwoning met een betalingsachterstand bij de energieleverancier.",
                "count": 4000,
                "intervention": [
                    {
                        "year": 0,
                        "description": "Bezoek energiecoach en fixteam",
                        "price_item": "pr-energiecoach",
                        "quantity": 1,
                    },
                ],
                "reference": [
                    {
                        "year": 1,
                        "description": "Energieschuld en afsluitingsprocedure",
                        "price_item": "pr-energieschuld",
                        "quantity": 1,
                    },
                ],
            },
            {
                "id": "cs-valpreventie",
                "title": "Zelfstandig wonende 80-plusser met valrisico",
                "goal": "g-gezond-2",
                "description": "Een alleenwonende oudere volgt het valpreventieprogramma; zonder de aanpak is de kans op een opname na een val groot.",
                "count": 1500,
                "intervention": [
                    {
                        "year": 0,
                        "description": "Valpreventieprogramma",
                        "price_item": "pr-valpreventie",
                        "quantity": 1,
                    },
                    {
                        "year": 2,
                        "description": "Opname na val (kleinere kans)",
                        "price_item": "pr-opname",
                        "quantity": 0.1,
                    },
                ],
                "reference": [
                    {
                        "year": 2,
                        "description": "Opname na val",
                        "price_item": "pr-opname",
                        "quantity": 0.3,
                    },
                ],
            },
        ],
    }



# Kind of each price line of the own list: a support activity or a life event.
_ACTIVITIES = {"pr-leerwerk", "pr-energiecoach", "pr-valpreventie"}
_OWN_STAKEHOLDERS = {"pr-leerwerk": "ki-roc", "pr-opname": None, "pr-valpreventie": "mo-welzijn"}

# The regional standard price list (illustrative figures): id, activity, unit, 2026 price,
# payer, stakeholder id (or None: the payer names it), uncertain.
_REGIONAL = [
    ("pr-schuldhulp", "Schuldhulpverleningstraject", "per traject", 3600, "Gemeenten", None, False),
    ("pr-ontruiming", "Huisuitzetting met herhuisvesting", "per keer", 14000,
     "Woonstichting Drentse Esch", "wc-drentseesch", True),
    ("pr-jeugdzorg", "Verblijf in een jeugdzorginstelling", "per jaar", 85000, "Gemeenten",
     None, True),
    ("pr-gezinscoach", "Gezinscoaching", "per maand", 650, "Stichting Welzijn Drenthe Samen",
     "mo-welzijn", False),
    ("pr-wijkverpleging", "Wijkverpleging thuis", "per maand", 1400, "Zorgverzekeraar", None,
     False),
    ("pr-verpleeghuis", "Verblijf in een verpleeghuis", "per jaar", 80000, "Zorgverzekeraar",
     None, True),
    ("pr-maatje", "Maatjesproject tegen eenzaamheid", "per jaar", 900,
     "Stichting Welzijn Drenthe Samen", "mo-welzijn", False),
    ("pr-huisarts", "Extra consulten huisarts bij eenzaamheid", "per jaar", 600,
     "Zorgverzekeraar", None, True),
    ("pr-schooluitval", "Voortijdig schoolverlaten: extra begeleiding en uitkering", "per jaar",
     12000, "Gemeenten", None, True),
    ("pr-mentor", "Mentor op school", "per jaar", 2500, "ROC Drenthe College", "ki-roc", False),
]


def _regional_list(list_id: str, year: int, factor: float) -> dict[str, Any]:
    return {
        "id": list_id,
        "title": f"Regionale prijslijst Drenthe {year}",
        "year": year,
        "source": "Illustratieve regionale prijslijst voor dit voorbeeld",
        "items": [
            {
                "id": item_id,
                "activity": activity,
                "unit": unit,
                "price": round(price * factor),
                "payer": payer,
                **({"stakeholder": stakeholder} if stakeholder else {}),
                "year": year,
                "source": f"Regionale prijslijst Drenthe {year} (voorbeeld)",
                "uncertain": uncertain,
                "illustrative": True,
            }
            for item_id, activity, unit, price, payer, stakeholder, uncertain in _REGIONAL
        ],
    }


# Generated cases: id, title, goal, count, intervention lines, reference lines; a line is
# (month, kind, description, price item, quantity).
_GENERATED_CASES: list[tuple[str, str, str, int, list[Any], list[Any]]] = [
    ("cs-schulden-emmen", "Gezin met huurschuld in Emmen-Zuid", "g-wonen-2", 220,
     [(1, "activiteit", "Schuldhulptraject", "pr-schuldhulp", 1)],
     [(13, "gebeurtenis", "Huisuitzetting", "pr-ontruiming", 1),
      (20, "activiteit", "Schuldhulp na de uitzetting", "pr-schuldhulp", 1)]),
    ("cs-schulden-dorp", "Alleenstaande met betalingsachterstanden in een kleine kern",
     "g-wonen-2", 140,
     [(0, "activiteit", "Schuldhulptraject", "pr-schuldhulp", 1)],
     [(18, "gebeurtenis", "Huisuitzetting", "pr-ontruiming", 0.4)]),
    ("cs-jeugd-assen", "Uithuisplaatsing van een tiener voorkomen", "g-sociaal-2", 60,
     [(0, "activiteit", "Gezinscoaching", "pr-gezinscoach", 12)],
     [(6, "gebeurtenis", "Verblijf in een jeugdzorginstelling", "pr-jeugdzorg", 1),
      (18, "gebeurtenis", "Verblijf in een jeugdzorginstelling", "pr-jeugdzorg", 0.5)]),
    ("cs-jeugd-hoogeveen", "Gezin met meervoudige problemen", "g-sociaal-2", 45,
     [(0, "activiteit", "Gezinscoaching", "pr-gezinscoach", 18)],
     [(9, "gebeurtenis", "Verblijf in een jeugdzorginstelling", "pr-jeugdzorg", 0.8)]),
    ("cs-thuis-oud", "Oudere blijft langer thuis wonen", "g-gezond-2", 500,
     [(0, "activiteit", "Wijkverpleging thuis", "pr-wijkverpleging", 24)],
     [(12, "gebeurtenis", "Verblijf in een verpleeghuis", "pr-verpleeghuis", 1),
      (24, "gebeurtenis", "Verblijf in een verpleeghuis", "pr-verpleeghuis", 1)]),
    ("cs-eenzaam", "Eenzame weduwnaar in een dorp", "g-sociaal-2", 800,
     [(0, "activiteit", "Maatjesproject", "pr-maatje", 1),
      (12, "gebeurtenis", "Consulten huisarts", "pr-huisarts", 0.5)],
     [(0, "gebeurtenis", "Consulten huisarts", "pr-huisarts", 1),
      (12, "gebeurtenis", "Consulten huisarts", "pr-huisarts", 1),
      (24, "gebeurtenis", "Consulten huisarts", "pr-huisarts", 1)]),
    ("cs-schooluitval", "Leerling dreigt zonder diploma van school te gaan", "g-talent-2", 350,
     [(0, "activiteit", "Mentor op school", "pr-mentor", 1)],
     [(12, "gebeurtenis", "Schooluitval", "pr-schooluitval", 1),
      (24, "gebeurtenis", "Schooluitval", "pr-schooluitval", 1)]),
    ("cs-werk-50plus", "Vijftiger na ontslag terug aan het werk", "g-werk-2", 180,
     [(0, "activiteit", "Leerwerktraject met jobcoach", "pr-leerwerk", 1),
      (0, "gebeurtenis", "Uitkering tijdens het traject", "pr-bijstand", 0.5)],
     [(12 * year, "gebeurtenis", "Bijstandsuitkering", "pr-bijstand", 1) for year in range(4)]),
    ("cs-energie-eigenaar", "Huiseigenaar met hoge energielasten", "g-energie-2", 1200,
     [(0, "activiteit", "Energiecoach en kleine maatregelen", "pr-energiecoach", 1)],
     [(12, "gebeurtenis", "Energieschuld en afsluitingsprocedure", "pr-energieschuld", 0.3)]),
]


def _line(month: int, kind: str, description: str, item: str, quantity: float) -> dict[str, Any]:
    return {
        "month": month,
        "kind": kind,
        "description": description,
        "price_item": item,
        "quantity": quantity,
    }


def build_effect_measurement() -> dict[str, Any]:
    """The first three cases with the own price list, and nine more priced with the regional
    standard list (2026; two are re-priced with the 2027 version)."""
    measurement = _first_effect_measurement()
    for item in measurement["price_list"]:
        if item["id"] in _OWN_STAKEHOLDERS and _OWN_STAKEHOLDERS[item["id"]]:
            item["stakeholder"] = _OWN_STAKEHOLDERS[item["id"]]
        item["year"] = 2026
        item["source"] = "Eigen prijslijst van het programmabureau (voorbeeld)"
        item["illustrative"] = True
    for case in measurement["cases"]:
        for scenario in ("intervention", "reference"):
            for line in case[scenario]:
                if line["price_item"] in _ACTIVITIES:
                    line["kind"] = "activiteit"
    measurement["price_lists"] = [
        _regional_list("pl-drenthe-2026", 2026, 1.0),
        _regional_list("pl-drenthe-2027", 2027, 1.03),
    ]
    for index, (case_id, title, goal, count, intervention, reference) in enumerate(
        _GENERATED_CASES
    ):
        measurement["cases"].append(
            {
                "id": case_id,
                "title": title,
                "goal": goal,
                "description": f"Voorbeeldcasus {index + 1} uit de regionale effectmeting.",
                "count": count,
                "start": "2026-01-01",
                # The last two take the newest version; the others keep the 2026 list.
                **({"price_list": "pl-drenthe-2026"} if index < 7 else {}),
                "intervention": [_line(*line) for line in intervention],
                "reference": [_line(*line) for line in reference],
            }
        )
    measurement.update(deadweight=15, attribution=70, drop_off=10, discount_rate=2.25, horizon=10)
    return measurement


# --------------------------------------------------------------------------------------------
# §4.3 Planning
# --------------------------------------------------------------------------------------------

PHASES = [
    (
        "Inrichten programmaorganisatie en nulmeting",
        [
            "Programmabureau en organen ingericht",
            "Nulmeting gereed",
            "Uitvoeringsprogramma 2026-2027 vastgesteld",
        ],
    ),
    (
        "Uitwerken deelprogramma's",
        ["Deelprojectplannen vastgesteld", "Eerste subsidieregelingen opengesteld"],
    ),
    (
        "Start eerste uitvoeringstranche",
        ["Eerste woningbouwprojecten in aanbouw", "Leerwerkroutes gestart in vijf gemeenten"],
    ),
    (
        "Opschalen eerste tranche",
        ["Energiecoaches actief in alle gemeenten", "Eerste mobiliteitshubs geopend"],
    ),
    (
        "Tussenmeting en bijsturing",
        ["Tussenmeting en effectberekening", "Bijgesteld uitvoeringsprogramma 2028-2029"],
    ),
    (
        "Uitvoering tweede tranche",
        ["Fieldlab slimme maakindustrie geopend", "Tweede ronde dorpshuisverduurzaming"],
    ),
    (
        "Midterm review",
        ["Midterm review door onafhankelijke commissie", "Besluit over herverdeling van middelen"],
    ),
    (
        "Versnellen en verbreden",
        ["Waterstofpilot in bedrijf", "Aanpak verouderde woningen in alle gemeenten"],
    ),
    ("Uitvoering derde tranche", ["Doorfietsroutes aangelegd", "Zorgacademie operationeel"]),
    (
        "Borgen in reguliere praktijk",
        ["Borgingsafspraken per deelprogramma", "Overdracht van projecten aan lijnorganisaties"],
    ),
    ("Afronden projecten", ["Laatste opleveringen", "Eindrapportages deelprojecten"]),
    (
        "Eindevaluatie en overdracht",
        [
            "Eindmeting en eindevaluatie",
            "Verantwoording aan het Rijk",
            "Afspraken over voortzetting na 2031",
        ],
    ),
]

# phase number (1-12), title, kind, public
MILESTONES: list[tuple[int, str, str, bool]] = [
    (1, "Ondertekening Regio Deal Drentse Kracht in het provinciehuis", "milestone", True),
    (1, "Programmadirecteur en programmabureau gestart", "milestone", False),
    (1, "Nulmeting brede welvaart gepubliceerd", "delivery", True),
    (2, "Stuurgroep stelt deelprojectplannen vast", "decision", False),
    (2, "Openstelling regeling leefbaarheid kleine kernen", "milestone", True),
    (2, "Eerste regionale raadsledenbijeenkomst", "milestone", False),
    (3, "Eerste paal flexwoningen voor spoedzoekers", "milestone", True),
    (3, "Start eerste leerwerkroutes techniek en zorg", "delivery", False),
    (3, "Besluit locaties mobiliteitshubs", "decision", False),
    (4, "Energiecoaches actief in alle tien gemeenten", "delivery", True),
    (4, "Opening eerste mobiliteitshub", "delivery", True),
    (4, "Jaarverantwoording 2027 aan het Rijk", "delivery", False),
    (5, "Tussenmeting gepubliceerd", "delivery", True),
    (5, "Stuurgroep besluit over bijsturing", "decision", False),
    (5, "Regionale banenmarkt techniek en zorg", "milestone", True),
    (6, "Opening fieldlab slimme maakindustrie", "delivery", True),
    (6, "Tweede ronde dorpshuizen verduurzaamd", "delivery", False),
    (6, "1.500 betaalbare woningen opgeleverd", "milestone", True),
    (7, "Rapport midterm review", "delivery", True),
    (7, "Besluit stuurgroep over herverdeling middelen", "decision", False),
    (7, "Werkbezoek minister aan Regio Deal-projecten", "milestone", True),
    (8, "Eerste groene waterstof geproduceerd", "milestone", True),
    (8, "Jaarverantwoording 2029 aan het Rijk", "delivery", False),
    (8, "Besluit over doorfietsroutes derde tranche", "decision", False),
    (9, "Doorfietsroute Assen-Beilen geopend", "delivery", True),
    (9, "Regionale zorgacademie geopend", "delivery", True),
    (9, "3.000 betaalbare woningen opgeleverd", "milestone", True),
    (10, "Borgingsafspraken getekend", "decision", False),
    (10, "Glasvezel in het hele buitengebied beschikbaar", "milestone", True),
    (10, "Overdracht energieloketten aan gemeenten", "delivery", False),
    (11, "Laatste dorpshuizen opgeleverd", "delivery", True),
    (11, "Eindrapportages deelprojecten", "delivery", False),
    (11, "4.800 betaalbare woningen opgeleverd", "milestone", True),
    (12, "Eindmeting brede welvaart gepubliceerd", "delivery", True),
    (12, "Slotmanifestatie Drentse Kracht", "milestone", True),
    (12, "Eindverantwoording aan het Rijk", "decision", False),
]


PERIOD_MILESTONES = {
    "Nulmeting brede welvaart gepubliceerd": "quarter",
    "Tussenmeting gepubliceerd": "half_year",
    "Rapport midterm review": "season",
    "Eerste groene waterstof geproduceerd": "season",
    "Doorfietsroute Assen-Beilen geopend": "month",
    "Regionale zorgacademie geopend": "mid_year",
    "Glasvezel in het hele buitengebied beschikbaar": "late_year",
    "Eindmeting brede welvaart gepubliceerd": "quarter",
}


def build_planning() -> tuple[dict[str, Any], list[dict[str, Any]]]:
    phases: list[dict[str, Any]] = []
    for index, (name, results) in enumerate(PHASES):
        year = START.year + index // 2
        first_half = index % 2 == 0
        start = dt.date(year, 1, 1) if first_half else dt.date(year, 7, 1)
        end = dt.date(year, 6, 30) if first_half else dt.date(year, 12, 31)
        phases.append(
            {
                "id": f"fase-{index + 1:02d}",
                "name": f"{name} ({'eerste' if first_half else 'tweede'} helft {year})",
                "start": start,
                "end": end,
                "results": results,
            }
        )
    milestones = []
    for number, (phase_no, title, kind, public) in enumerate(MILESTONES, start=1):
        phase = phases[phase_no - 1]
        milestones.append(
            {
                "id": f"mp-{number:02d}",
                "title": title,
                "date": day_between(
                    phase["start"] + dt.timedelta(days=14), phase["end"] - dt.timedelta(days=7)
                ),
                "kind": kind,
                "phase": phase["id"],
                "public": public,
            }
        )
    # Plans as people make them: some milestones are set in a quarter, half year, season or
    # month rather than on a day; the date is then the first day of that period.
    for milestone in milestones:
        precision = PERIOD_MILESTONES.get(milestone["title"])
        if precision is not None:
            milestone["date"] = window(milestone["date"], precision)[0]
            milestone["precision"] = precision
    milestones.sort(key=lambda m: (*window(m["date"], m.get("precision", "day")), m["id"]))
    return {"phases": phases, "milestones": milestones}, phases


# --------------------------------------------------------------------------------------------
# Projects (deelprojecten) and organisation
# --------------------------------------------------------------------------------------------

# id, name, theme goal (level 2), cluster, commissioning client, commissioning partner,
# research questions, deliverables (title, year, month), cost descriptions (category, text, min, max)
PROJECTS: list[dict[str, Any]] = [
    {
        "id": "dp-wonen",
        "name": "Drents Woonakkoord: bouwstroom betaalbare woningen",
        "goal": "g-wonen",
        "cluster": "wonen",
        "client": "Directeur Ruimte en Wonen, provincie Drenthe",
        "org": "prov-drenthe",
        "questions": [
            "Hoe versnellen we de bouw van betaalbare woningen met fabrieksmatige bouw en flexwoningen?",
            "Welke regeling stimuleert senioren om door te stromen naar een passende woning?",
            "Hoe pakken we verouderde particuliere woningen aan zonder eigenaren met een laag inkomen te belasten?",
        ],
        "deliverables": [
            ("Regionale woningbouwplanning en bouwstroomafspraak", 2026, 12),
            ("Doorstroomregeling senioren in alle gemeenten", 2028, 6),
            ("4.800 betaalbare woningen opgeleverd", 2031, 9),
        ],
        "costs": [
            ("subsidie", "Versnellingsbijdrage betaalbare huurwoningen", 900_000, 2_600_000),
            ("investering", "Flexwoningen voor spoedzoekers", 700_000, 1_800_000),
            ("personeel", "Woningbouwregisseurs en procesbegeleiding", 250_000, 600_000),
        ],
    },
    {
        "id": "dp-leefbaar",
        "name": "Leefbare Kernen: dorpshuizen en basisvoorzieningen",
        "goal": "g-leefbaar",
        "cluster": "wonen",
        "client": "Directeur Vereniging Kleine Kernen Drenthe",
        "org": "mo-kleinekernen",
        "questions": [
            "Welke combinatie van functies houdt een dorpshuis financieel gezond?",
            "Hoe kunnen inwoners zelf basisvoorzieningen als een dorpswinkel of dorpsvervoer organiseren?",
        ],
        "deliverables": [
            ("Regeling leefbaarheid kleine kernen opengesteld", 2026, 10),
            ("Veertig dorpshuizen verduurzaamd", 2029, 12),
            ("Handboek voorzieningen door inwoners", 2031, 6),
        ],
        "costs": [
            ("subsidie", "Regeling leefbaarheid kleine kernen", 500_000, 1_400_000),
            ("investering", "Verduurzaming en verbouw van dorpshuizen", 600_000, 1_500_000),
            ("personeel", "Dorpencoaches", 150_000, 350_000),
        ],
    },
    {
        "id": "dp-llo",
        "name": "Leven Lang Ontwikkelen Drenthe",
        "goal": "g-werk",
        "cluster": "werk",
        "client": "Lid college van bestuur, ROC Drenthe College",
        "org": "ki-roc",
        "questions": [
            "Welke begeleiding hebben inwoners met een grote afstand tot de arbeidsmarkt nodig om een leerwerkroute af te ronden?",
            "Hoe maken we scholing voor volwassenen bereikbaar in de kleine kernen?",
        ],
        "deliverables": [
            ("Regionaal leerwerkloket in alle gemeenten", 2026, 11),
            ("Mobiele praktijklokalen in gebruik", 2027, 9),
            ("Borgingsplan leerwerkroutes", 2031, 3),
        ],
        "costs": [
            ("personeel", "Jobcoaches en praktijkopleiders leerwerkroutes", 400_000, 900_000),
            ("investering", "Mobiele praktijklokalen", 300_000, 800_000),
            ("onderzoek", "Evaluatie leerwerkroutes", 80_000, 180_000),
        ],
    },
    {
        "id": "dp-talent",
        "name": "Talent voor Drenthe: vakmensen in tekortberoepen",
        "goal": "g-talent",
        "cluster": "werk",
        "client": "Voorzitter Werkgeversvereniging Drentse Maakindustrie",
        "org": "bi-werkgevers",
        "questions": [
            "Hoe verleiden we zij-instromers om te kiezen voor zorg, onderwijs of techniek?",
            "Wat houdt afgestudeerden in Drenthe, en wat trekt vertrekkers terug?",
        ],
        "deliverables": [
            ("Regionale zorgacademie geopend", 2030, 3),
            ("Traineeship Drentse werkgevers, drie lichtingen", 2030, 9),
            ("Terugkeerdersnetwerk actief", 2027, 6),
        ],
        "costs": [
            ("personeel", "Opleidingscoördinatoren zorg, onderwijs en techniek", 300_000, 700_000),
            ("subsidie", "Opleidingsbudget zij-instromers", 400_000, 1_100_000),
            ("communicatie", "Arbeidsmarktcampagne Werken in Drenthe", 80_000, 220_000),
        ],
    },
    {
        "id": "dp-energie",
        "name": "Energieke Wijken en Dorpen",
        "goal": "g-energie",
        "cluster": "energie",
        "client": "Directeur Leefomgeving, gemeente Emmen",
        "org": "gem-emmen",
        "questions": [
            "Welke wijken en dorpen komen als eerste in aanmerking voor een warmtenet of all-electric?",
            "Hoe bereiken we huishoudens in energiearmoede die zelf geen hulp zoeken?",
            "Hoe houden we lokaal eigendom van duurzame energie op minimaal 50 procent?",
        ],
        "deliverables": [
            ("Uitvoeringsplannen wijkwarmte voor tien wijken", 2027, 12),
            ("Energiecoaches en fixteams in alle gemeenten", 2027, 10),
            ("Warmtenet Emmen in bedrijf", 2030, 10),
        ],
        "costs": [
            ("subsidie", "Isolatieaanpak huurwoningen en particulieren", 800_000, 2_200_000),
            ("personeel", "Energiecoaches en fixteams", 300_000, 700_000),
            ("investering", "Aanleg warmtenet op restwarmte", 1_000_000, 2_800_000),
        ],
    },
    {
        "id": "dp-bereik",
        "name": "Bereikbaar Drenthe: hubs, buurtbussen en doorfietsroutes",
        "goal": "g-bereik",
        "cluster": "bereik",
        "client": "Directeur Mobiliteit, provincie Drenthe",
        "org": "prov-drenthe",
        "questions": [
            "Waar leveren mobiliteitshubs de meeste winst in reistijd op voor inwoners zonder auto?",
            "Hoe organiseren dorpen vraaggestuurd vervoer met vrijwilligers?",
        ],
        "deliverables": [
            ("Netwerk van twaalf mobiliteitshubs", 2029, 6),
            ("Doorfietsroute Assen-Beilen", 2030, 5),
            ("Glasvezel in het hele buitengebied", 2030, 12),
        ],
        "costs": [
            ("investering", "Aanleg mobiliteitshubs", 600_000, 1_600_000),
            ("investering", "Doorfietsroutes en schoolfietsroutes", 900_000, 2_500_000),
            ("subsidie", "Dorpsvervoer en buurtbussen", 150_000, 400_000),
        ],
    },
    {
        "id": "dp-gezond",
        "name": "Gezond Opgroeien en Ouder Worden",
        "goal": "g-gezond",
        "cluster": "gezond",
        "client": "Wethouder Zorg en Welzijn, gemeente Assen (namens de tien gemeenten)",
        "org": "gem-assen",
        "questions": [
            "Welke preventieve aanpakken verkleinen gezondheidsverschillen het meest?",
            "Hoe verbinden we huisartsen, wijkverpleging en welzijn rond kwetsbare ouderen?",
        ],
        "deliverables": [
            ("Regionaal preventieakkoord", 2026, 12),
            ("Valpreventie in alle gemeenten", 2028, 3),
            ("Evaluatie welzijn op recept", 2030, 12),
        ],
        "costs": [
            ("personeel", "Preventiecoaches en wijkverpleegkundigen", 250_000, 650_000),
            ("subsidie", "Gezonde schoolomgeving en sportverenigingen", 150_000, 450_000),
            ("onderzoek", "Onderzoek gezondheidsverschillen", 100_000, 250_000),
        ],
    },
    {
        "id": "dp-innovatie",
        "name": "Innovatiecampus Maakindustrie en Waterstof",
        "goal": "g-innovatie",
        "cluster": "innovatie",
        "client": "Decaan Campus Drenthe, Universiteit van Noord-Nederland",
        "org": "ki-universiteit",
        "questions": [
            "Welke toepassingen van groene waterstof zijn in Zuidoost-Drenthe rendabel vóór 2031?",
            "Hoe helpt een fieldlab mkb-bedrijven om te digitaliseren en circulair te produceren?",
        ],
        "deliverables": [
            ("Fieldlab slimme maakindustrie geopend", 2028, 10),
            ("Waterstofpilot Emmen in bedrijf", 2029, 11),
            ("Kennisagenda maakindustrie 2032-2040", 2031, 10),
        ],
        "costs": [
            ("investering", "Inrichting fieldlab en testfaciliteiten", 700_000, 1_900_000),
            (
                "onderzoek",
                "Onderzoeksprogramma waterstof en circulaire productie",
                300_000,
                800_000,
            ),
            ("subsidie", "Innovatievouchers mkb", 200_000, 600_000),
        ],
    },
]
PROJECT_BY_ID = {p["id"]: p for p in PROJECTS}

CLUSTERS = [
    ("wonen", "Clusterleider Wonen en leefbaarheid", "wc-drentseesch"),
    ("werk", "Clusterleider Werk en talent", "ki-roc"),
    ("energie", "Clusterleider Energietransitie", "gem-emmen"),
    ("bereik", "Clusterleider Bereikbaarheid", "prov-drenthe"),
    ("gezond", "Clusterleider Gezondheid", "mo-zorggroep"),
    ("innovatie", "Clusterleider Innovatie", "ki-universiteit"),
]


# A programme of projects: one local pillar for the villages and neighbourhoods, three
# thematic pillars. (id, name, owner, goals, description, projects)
PILLARS: list[tuple[str, str, str, list[str], str, list[str]]] = [
    (
        "pl-lokaal",
        "Lokale pijler: sterke kernen en wijken",
        "gem-assen",
        ["g-leefbaar", "g-gezond", "g-sociaal"],
        "Wat dorpen en wijken zelf dragen: dorpshuizen, basisvoorzieningen en gezondheid "
        "dichtbij. De gemeenten verdelen de middelen per gebied (Zuidoost-Drenthe, Noord- en "
        "Midden-Drenthe, Zuidwest-Drenthe) met de dorpen- en bewonersplatforms.",
        ["dp-leefbaar", "dp-gezond"],
    ),
    (
        "pl-wonen",
        "Thematische pijler: wonen en bereikbaarheid",
        "prov-drenthe",
        ["g-wonen", "g-bereik"],
        "Betaalbare woningen in heel Drenthe en de verbindingen die dorpen en steden "
        "bereikbaar houden.",
        ["dp-wonen", "dp-bereik"],
    ),
    (
        "pl-werk",
        "Thematische pijler: werk en talent",
        "ki-roc",
        ["g-werk", "g-talent"],
        "Scholing, een leven lang ontwikkelen en talent dat in de regio blijft.",
        ["dp-llo", "dp-talent"],
    ),
    (
        "pl-economie",
        "Thematische pijler: energie en innovatie",
        "gem-emmen",
        ["g-energie", "g-innovatie"],
        "De energietransitie en de maakindustrie als motor voor werk en welvaart.",
        ["dp-energie", "dp-innovatie"],
    ),
]
PILLAR_OF = {project: pillar[0] for pillar in PILLARS for project in pillar[5]}


def build_sub_programmes(cost_items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The pillars, each with a budget ceiling a little above what its projects plan."""
    planned: dict[str, int] = {}
    for item in cost_items:
        pillar = PILLAR_OF.get(item.get("project") or "")
        if pillar is not None:
            planned[pillar] = planned.get(pillar, 0) + item["amount"]
    return [
        {
            "id": pid,
            "name": name,
            "kind": "pillar",
            "description": description,
            "owner": owner,
            "goals": pillar_goals,
            "budget_ceiling": round_to(planned[pid] * 1.05, 500_000),
        }
        for pid, name, owner, pillar_goals, description, _projects in PILLARS
    ]


def build_organisation(
    goals: list[dict[str, Any]],
    signatories: dict[str, dict[str, Any]],
    cost_items: list[dict[str, Any]],
) -> dict[str, Any]:
    director = {
        "name": person(),
        "function": "Programmadirecteur Regio Deal Drentse Kracht",
        "organisation": "prov-drenthe",
        "role": "chair",
    }
    # Two tiers: a general board (algemeen bestuur) of every co-creating partner under an
    # independent chair, and a small daily board (dagelijks bestuur) drawn from it. New
    # people get fixed placeholders, not person(): the seeded draw for the rest stays as it was.
    chair = {
        "name": "N.N. A",
        "function": "Oud-burgemeester, voorzitter namens geen van de partners",
        "role": "chair",
        "independent": True,
    }
    daily_seats = ("prov-drenthe", "rijk", "gem-emmen", "gem-assen")
    steering_members = [chair]
    daily_members = [dict(chair)]
    for p in PARTNERS:
        if p["participation_level"] >= 4:
            sig = signatories[p["id"]]
            seat = {"name": sig["name"], "function": sig["function"], "organisation": p["id"]}
            vice = p["id"] == "prov-drenthe"
            steering_members.append({**seat, "role": "vice_chair" if vice else "member"})
            if p["id"] in daily_seats:
                daily_members.append({**seat, "role": "vice_chair" if vice else "member"})
    # Members from the midst of a sector: they sit on the board without being a partner.
    # Fixed placeholders (no person()), so the seeded draws of the rest stay the same.
    steering_members += [
        {
            "name": "N.N. (agrarische sector)",
            "function": "Voorzitter, namens de agrarische sector",
            "organisation": "sh-agrarisch",
            "sector": "private",
            "role": "member",
        },
        {
            "name": "N.N. (zorg en welzijn)",
            "function": "Bestuurder zorg en welzijn, uit het midden van de zorgsector",
            "sector": "civil",
            "role": "member",
        },
        {
            "name": "N.N. (huurders)",
            "function": "Voorzitter, namens de huurders",
            "organisation": "sh-huurders",
            "role": "member",
        },
    ]
    steering_members.append({**director, "role": "secretary"})
    daily_members.append({**director, "role": "secretary"})

    direction_members = [dict(director)]
    for org, function in [
        ("rijk", "Accountmanager Regio Deals"),
        ("prov-drenthe", "Programmamanager economie en mobiliteit"),
        ("gem-emmen", "Programmamanager Regio Deal, namens Zuidoost-Drenthe"),
        ("gem-assen", "Programmamanager Regio Deal, namens Noord- en Midden-Drenthe"),
        ("gem-meppel", "Programmamanager Regio Deal, namens Zuidwest-Drenthe"),
        ("wc-drentseesch", "Manager vastgoed, namens de corporaties"),
        ("ki-hogeschool", "Programmaleider regio, namens de kennisinstellingen"),
        ("mo-kleinekernen", "Directeur, namens maatschappelijke organisaties en bewoners"),
    ]:
        direction_members.append(
            {"name": person(), "function": function, "organisation": org, "role": "member"}
        )

    cluster_leads = {
        key: {"name": person(), "function": title, "organisation": org, "role": "member"}
        for key, title, org in CLUSTERS
    }
    programme_manager = {
        "name": person(),
        "function": "Programmamanager uitvoering",
        "organisation": "prov-drenthe",
        "role": "chair",
    }
    project_team_members = [programme_manager, *cluster_leads.values()]
    assert len(project_team_members) <= 7

    bodies: list[dict[str, Any]] = [
        {
            # The id predates the two tiers; other parts of the example may point to it.
            "id": "org-stuurgroep",
            "kind": "general_board",
            "name": "Algemeen bestuur Regio Deal Drentse Kracht",
            "tasks": (
                "Neemt besluiten over het uitvoeringsprogramma, de jaarbegroting, de herverdeling van "
                "middelen en dilemma's; maakt in de eigen organisaties middelen vrij; legt "
                "verantwoording af aan het Rijk, Provinciale Staten en de gemeenteraden. Vergadert "
                "twee keer per jaar."
            ),
            "mandate": (
                "Stelt het uitvoeringsprogramma, de jaarbegroting en de jaarrekening vast, besluit "
                "over nieuwe deelprojecten boven € 2 miljoen en over het verschuiven van middelen "
                "tussen thema's."
            ),
            "members": steering_members,
        },
        {
            "id": "org-dagelijks-bestuur",
            "kind": "daily_board",
            "name": "Dagelijks bestuur Drentse Kracht",
            "reports_to": "org-stuurgroep",
            "tasks": (
                "Bereidt de besluiten van het algemeen bestuur voor, stuurt het programmabureau "
                "aan en bewaakt voortgang, budget en risico's. Vergadert iedere zes weken."
            ),
            "mandate": (
                "Besluit zelf over deelprojecten en wijzigingen tot € 2 miljoen binnen het "
                "vastgestelde uitvoeringsprogramma en legt daarover twee keer per jaar "
                "verantwoording af aan het algemeen bestuur."
            ),
            "members": daily_members,
        },
        {
            "id": "org-kwaliteitsteam",
            "kind": "quality_team",
            "name": "Kwaliteitsteam ruimtelijke kwaliteit",
            "reports_to": "org-dagelijks-bestuur",
            "tasks": (
                "Toetst ontwerpen voor woningbouw, het wijkhart en de energieprojecten op "
                "ruimtelijke kwaliteit en landschap en adviseert het dagelijks bestuur gevraagd en "
                "ongevraagd."
            ),
            "mandate": "Adviseert; besluit niet zelf.",
            "members": [
                {
                    "name": f"N.N. K{n}",
                    "function": function,
                    "role": "chair" if n == 1 else "member",
                    "independent": True,
                }
                for n, function in enumerate(
                    ("Rijksbouwmeester-adviseur", "Landschapsarchitect", "Stedenbouwkundige"),
                    start=1,
                )
            ],
        },
        {
            "id": "org-evaluatie",
            "kind": "evaluator",
            "name": "Onafhankelijke evaluatie Drentse Kracht",
            "reports_to": "org-stuurgroep",
            "tasks": (
                "Evalueert halverwege en aan het eind van de looptijd of het programma zijn doelen "
                "bereikt en rapporteert rechtstreeks aan het algemeen bestuur."
            ),
            "members": [
                {
                    "name": "N.N. E1",
                    "function": "Onafhankelijk onderzoeksbureau",
                    "role": "chair",
                    "independent": True,
                },
                {
                    "name": "N.N. E2",
                    "function": "Onderzoeker",
                    "role": "member",
                    "independent": True,
                },
            ],
        },
        {
            "id": "org-regiegroep",
            "kind": "direction_group",
            "name": "Regiegroep Drentse Kracht",
            "reports_to": "org-dagelijks-bestuur",
            "tasks": (
                "Verantwoordelijk voor de procesgang: samenhang tussen de deelprojecten, planning, "
                "budgetbewaking, risicomanagement en de voorbereiding van stuurgroepbesluiten. "
                "Vergadert iedere twee weken."
            ),
            "members": direction_members,
        },
        {
            "id": "org-projectteam",
            "kind": "project_team",
            "name": "Programmateam uitvoering",
            "reports_to": "org-regiegroep",
            "tasks": (
                "Stuurt de acht deelprojectteams aan via zes clusterleiders, bewaakt de samenhang "
                "in de uitvoering en rapporteert maandelijks aan de regiegroep."
            ),
            "members": project_team_members,
        },
    ]
    for project in PROJECTS:
        lead = cluster_leads[project["cluster"]]
        members = [{**lead, "role": "chair"}]
        team_orgs = [project["org"], *THEME_PARTNERS[_theme_of_l2(project["goal"])]]
        team_orgs += rng.sample(GEM_IDS, 3)
        for org in list(dict.fromkeys(team_orgs)):
            if org == lead["organisation"] and len(members) > 1:
                continue
            members.append(
                {
                    "name": person(),
                    "function": rng.choice(
                        [
                            "Projectleider",
                            "Beleidsadviseur",
                            "Projectmedewerker",
                            "Programmacoördinator",
                            "Adviseur uitvoering",
                        ]
                    ),
                    "organisation": org,
                    "role": "member",
                }
            )
        # At most seven per team (the draw above stays the same for the rest of the example).
        members = members[:7]
        bodies.append(
            {
                "id": f"team-{project['id']}",
                "kind": "subproject_team",
                "name": f"Deelprojectteam {project['name'].split(':')[0]}",
                "reports_to": "org-projectteam",
                "tasks": f"Voert het deelproject '{project['name']}' uit volgens het deelprojectplan en rapporteert per kwartaal aan het programmateam.",
                "members": members,
            }
        )
    bodies += [
        {
            "id": "org-interventieteam",
            "kind": "intervention_team",
            "name": "Interventieteam",
            "reports_to": "org-dagelijks-bestuur",
            "tasks": (
                "Sluimerende taskforce die binnen 48 uur in actie komt bij actuele gebeurtenissen: "
                "netcongestie, het faillissement van een uitvoerder, politieke onrust of "
                "mediaberichtgeving. Anticipeert op ontwikkelingen en adviseert de stuurgroep."
            ),
            "members": [
                {**director, "role": "chair"},
                {
                    "name": direction_members[1]["name"],
                    "function": direction_members[1]["function"],
                    "organisation": "rijk",
                    "role": "member",
                },
                {
                    "name": direction_members[3]["name"],
                    "function": direction_members[3]["function"],
                    "organisation": "gem-emmen",
                    "role": "member",
                },
                {
                    "name": person(),
                    "function": "Woordvoerder gedeputeerde",
                    "organisation": "prov-drenthe",
                    "role": "member",
                },
                {**programme_manager, "role": "member"},
            ],
        },
        {
            "id": "org-communicatie",
            "kind": "communication_team",
            "name": "Communicatieteam Drentse Kracht",
            "reports_to": "org-regiegroep",
            "tasks": (
                "Voert het communicatieplan uit: pers en woordvoering, sociale media, de website, "
                "de publieke mijlpalen en de verhalen van inwoners. Ondersteunt gemeenten bij "
                "lokale communicatie."
            ),
            "members": [
                {
                    "name": person(),
                    "function": "Senior communicatieadviseur",
                    "organisation": "prov-drenthe",
                    "role": "chair",
                },
                {
                    "name": person(),
                    "function": "Woordvoerder",
                    "organisation": "gem-emmen",
                    "role": "member",
                },
                {
                    "name": person(),
                    "function": "Communicatieadviseur",
                    "organisation": "gem-assen",
                    "role": "member",
                },
                {
                    "name": person(),
                    "function": "Online redacteur",
                    "organisation": "ki-hogeschool",
                    "role": "member",
                },
                {
                    "name": person(),
                    "function": "Communicatieadviseur",
                    "organisation": "wc-drentseesch",
                    "role": "member",
                },
            ],
        },
        {
            "id": "org-ondersteuning",
            "kind": "programme_office",
            "name": "Programmabureau",
            "reports_to": "org-dagelijks-bestuur",
            "tasks": (
                "Projectsecretariaat, planning, financiële administratie en rechtmatigheidscontrole, "
                "het dashboard met indicatoren, het risicoregister en de verantwoording aan het Rijk."
            ),
            "mandate": (
                "De programmadirecteur beslist over uitgaven tot € 100.000 binnen de begroting "
                "van een deelproject."
            ),
            "members": [
                {**director, "role": "director"},
                {
                    "name": person(),
                    "function": "Programmasecretaris",
                    "organisation": "prov-drenthe",
                    "role": "secretary",
                },
                {
                    "name": person(),
                    "function": "Planner en risicomanager",
                    "organisation": "prov-drenthe",
                    "role": "member",
                },
                {
                    "name": person(),
                    "function": "Financieel controller",
                    "organisation": "prov-drenthe",
                    "role": "member",
                },
                {
                    "name": person(),
                    "function": "Monitoringsadviseur",
                    "organisation": "ki-universiteit",
                    "role": "adviser",
                },
                {
                    "name": person(),
                    "function": "Managementassistent",
                    "organisation": "prov-drenthe",
                    "role": "member",
                },
            ],
        },
        {
            "id": "org-klankbord",
            "kind": "sounding_board",
            "name": "Klankbordgroep Drenthe aan het woord",
            "reports_to": "org-regiegroep",
            "tasks": (
                "Toetst drie keer per jaar de plannen en resultaten bij de achterban van inwoners, "
                "jongeren, huurders, boeren, natuurorganisaties en werkgevers en adviseert de "
                "regiegroep gevraagd en ongevraagd."
            ),
            "members": [
                {
                    "name": person(),
                    "function": "Voorzitter",
                    "organisation": "sh-jongerenraad",
                    "role": "chair",
                },
                {
                    "name": person(),
                    "function": "Bestuurslid",
                    "organisation": "sh-huurders",
                    "role": "member",
                },
                {
                    "name": person(),
                    "function": "Beleidsmedewerker",
                    "organisation": "sh-milieu",
                    "role": "member",
                },
                {
                    "name": person(),
                    "function": "Bestuurder",
                    "organisation": "sh-agrarisch",
                    "role": "member",
                },
                {
                    "name": person(),
                    "function": "Accountmanager werkgevers",
                    "organisation": "sh-wsp",
                    "role": "member",
                },
                {
                    "name": person(),
                    "function": "Bewoner",
                    "organisation": "bp-emmenzuid",
                    "role": "member",
                },
                {
                    "name": person(),
                    "function": "Dorpsbelangen Annen",
                    "organisation": "bp-dorpenaa",
                    "role": "member",
                },
                {
                    "name": person(),
                    "function": "Inwoner en ervaringsdeskundige",
                    "organisation": "sh-inwoners",
                    "role": "member",
                },
            ],
        },
    ]

    goal_ids = {g["id"] for g in goals}
    projects = []
    for project in PROJECTS:
        l2 = project["goal"]
        project_goals = [l2, *[f"{l2}-{i}" for i in (1, 2, 3)]]
        project_goals += [
            g["id"] for g in goals if g["id"].startswith(f"{l2}-") and g["id"].count("-") == 3
        ][:4]
        assert all(g in goal_ids for g in project_goals)
        projects.append(
            {
                "id": project["id"],
                "name": project["name"],
                "team": f"team-{project['id']}",
                "goals": project_goals,
                "research_questions": project["questions"],
                "deliverables": [
                    {
                        "id": f"{project['id']}-op{i + 1}",
                        "title": title,
                        "due": dt.date(year, month, 28 if month == 2 else 30),
                    }
                    for i, (title, year, month) in enumerate(project["deliverables"])
                ],
                "commissioning_client": project["client"],
                "commissioning_organisation": project["org"],
                "sub_programme": PILLAR_OF[project["id"]],
            }
        )

    return {
        "process_director": director | {"role": "member"},
        "decision_making": (
            "Het algemeen bestuur besluit over de hoofdlijnen, het dagelijks bestuur binnen zijn "
            "mandaat over de uitvoering; een onafhankelijk voorzitter leidt beide. Besluiten "
            "vallen bij consensus. Lukt dat niet, dan werkt de regiegroep binnen "
            "zes weken alternatieven uit met hun gevolgen per partner. Bij blijvend verschil "
            "besluit het algemeen bestuur met twee derde van de stemmen, waarbij het Rijk, de provincie "
            "en een meerderheid van de gemeenten moeten instemmen; besluiten over de besteding "
            "van rijksmiddelen vragen altijd instemming van het Rijk. Dorpen- en "
            "bewonersplatforms hebben een instemmingsrecht bij besluiten die hun eigen "
            "kernen direct raken. De programmadirecteur is procesregisseur en voorzitter van "
            "de regiegroep, leidt het programmabureau en escaleert tijdig naar het dagelijks bestuur."
        ),
        "checklist": {
            "produces_products": True,
            "in_current_affairs": True,
            "touches_other_initiatives": True,
            "citizen_initiatives_matter": True,
            "communication_critical": True,
            "control_complex": True,
            "regular_sounding": True,
            "notes": (
                "Een programma van deze omvang vraagt de volledige inrichting: acht deelprojecten "
                "met eigen teams onder een programmateam van zeven, een interventieteam omdat "
                "netcongestie, woningnood en verkiezingen het programma raken, allianties met "
                "lopende programma's, burgerinitiatieven in de dorpen, een communicatieteam "
                "vanwege de publieke aandacht, een programmabureau voor de complexe verantwoording "
                "van rijksmiddelen en een klankbordgroep voor de achterban."
            ),
        },
        "bodies": bodies,
        "sub_programmes": build_sub_programmes(cost_items),
        "projects": projects,
        "alliances": [
            {
                "id": "al-res",
                "name": "Regionale Energiestrategie Drenthe",
                "kind": "public_public",
                "parties": [
                    "Provincie Drenthe",
                    "Twaalf Drentse gemeenten",
                    "Waterschappen",
                    "Netbeheer Noord",
                ],
                "purpose": "Afstemming van de wijkwarmteplannen en zonne-energieprojecten met de RES en de netcapaciteit.",
            },
            {
                "id": "al-woondeal",
                "name": "Woondeal Drenthe",
                "kind": "public_public",
                "parties": [
                    "Ministerie van BZK",
                    "Provincie Drenthe",
                    "Gemeenten",
                    "Woningcorporaties",
                ],
                "purpose": "De woningbouwaantallen van de Regio Deal tellen mee in de woondeal; gezamenlijke monitoring.",
            },
            {
                "id": "al-waterstof",
                "name": "Waterstofcoalitie Zuidoost-Drenthe",
                "kind": "public_private",
                "parties": [
                    "Gemeente Emmen",
                    "Werkgeversvereniging Drentse Maakindustrie",
                    "Universiteit van Noord-Nederland",
                    "Netbeheer Noord",
                ],
                "purpose": "Gezamenlijke investering in productie, opslag en gebruik van groene waterstof.",
            },
            {
                "id": "al-bouwopleiding",
                "name": "Opleidingsalliantie bouw en installatie",
                "kind": "private_private",
                "parties": [
                    "Noordelijke Bouw- en Installatiegroep",
                    "Woonstichting Drentse Esch",
                    "Woningcorporatie Hunzewonen",
                ],
                "purpose": "Afspraak over vaste opleidingsplaatsen in alle corporatieprojecten binnen de bouwstroom.",
            },
            {
                "id": "al-zorg",
                "name": "Regionaal preventieakkoord Drenthe",
                "kind": "public_civil",
                "parties": [
                    "GGD Drenthe",
                    "Zorgkantoor",
                    "Zorggroep Drentse Zorg",
                    "Stichting Welzijn Drenthe Samen",
                    "Gemeenten",
                ],
                "purpose": "Gezamenlijke preventieaanpak en financiering van valpreventie en welzijn op recept.",
            },
        ],
        "citizen_initiatives": [
            {
                "id": "bi-dorpsvervoer",
                "name": "Dorpsvervoer Aa en Hunze",
                "form": "public_civil",
                "how": "Vrijwillige chauffeurs rijden met elektrische busjes; de provincie financiert de busjes, het dorpenplatform plant en werft.",
            },
            {
                "id": "bi-energiecooperatie",
                "name": "Energiecoöperatie Hunzedal",
                "form": "civil_civil",
                "how": "Inwoners bezitten samen een zonnepark; de opbrengst gaat deels naar een dorpsfonds. Het dorpenplatform ondersteunt met energiecoaches.",
            },
            {
                "id": "bi-buurtkamer",
                "name": "Buurtkamer Emmen-Zuid",
                "form": "civil_civil",
                "how": "Het bewonersplatform runt de buurtkamer met vrijwilligers; Welzijn Drenthe Samen coacht de vrijwilligers.",
            },
            {
                "id": "bi-dorpshuis",
                "name": "Dorpshuis in eigen beheer Schoonebeek",
                "form": "public_civil",
                "how": "Het dorp neemt het dorpshuis over van de gemeente; de gemeente geeft een afbouwende exploitatiebijdrage en de Regio Deal financiert de verduurzaming.",
            },
            {
                "id": "bi-zorgcooperatie",
                "name": "Zorgcoöperatie Westerbork",
                "form": "public_civil",
                "how": "Inwoners organiseren burenhulp en een dagsoos; de gemeente en de zorggroep sluiten een samenwerkingsovereenkomst met de coöperatie.",
            },
        ],
    }


def _theme_of_l2(l2_id: str) -> str:
    return next(theme for gid, _, theme, _, _ in LEVEL2 if gid == l2_id)


# --------------------------------------------------------------------------------------------
# §4.4 Finance
# --------------------------------------------------------------------------------------------


def round_to(value: float, step: int) -> int:
    return int(math.ceil(value / step) * step)


def build_cost_items(phases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    extra_per_year = [6, 7, 7, 7, 7, 6]  # 40 extra project lines on top of 60 base lines
    for year_index, year in enumerate(YEARS):
        h1, h2 = phases[2 * year_index], phases[2 * year_index + 1]
        items.append(
            {
                "id": f"kp-{year}-programmabureau",
                "description": f"Programmabureau en procesregie {year}",
                "category": "personeel",
                "year": year,
                "amount": round_to(rng.uniform(1_050_000, 1_250_000), 5000),
                "phase": h1["id"],
            }
        )
        items.append(
            {
                "id": f"kp-{year}-monitoring",
                "description": f"Monitoring, effectmeting en verantwoording {year}",
                "category": "onderzoek",
                "year": year,
                "amount": round_to(rng.uniform(180_000, 320_000), 5000),
                "phase": h2["id"],
            }
        )
        lines: list[tuple[dict[str, Any], int]] = [(p, 0) for p in PROJECTS]
        extra = rng.sample(PROJECTS, extra_per_year[year_index])
        lines += [(p, rng.randint(1, 2)) for p in extra]
        for project, cost_index in lines:
            category, text, low, high = project["costs"][cost_index]
            # Investments peak in the middle years; the first and last year are lighter.
            factor = {0: 0.45, 1: 0.9, 2: 1.1, 3: 1.1, 4: 0.9, 5: 0.55}[year_index]
            items.append(
                {
                    "id": f"kp-{year}-{project['id'].removeprefix('dp-')}-{cost_index + 1}",
                    "description": f"{text} ({year})",
                    "category": category,
                    "year": year,
                    "amount": round_to(rng.uniform(low, high) * factor, 5000),
                    "phase": rng.choice([h1, h2])["id"],
                    "project": project["id"],
                }
            )
    # The first year is under way: most of it is committed and much spent; the second
    # year's projects have part of their money committed already. (No random numbers: the
    # rest of the example stays as it was.)
    for item in items:
        if item["year"] == YEARS[0]:
            item["committed"] = round_to(item["amount"] * 0.9, 5000)
            item["spent"] = round_to(item["amount"] * 0.7, 5000)
        elif item["year"] == YEARS[1] and "project" in item:
            item["committed"] = round_to(item["amount"] * 0.4, 5000)
    return items


# partner id (or group) -> share of the yearly costs, split in cash and kinds
def build_contributions(cost_items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    costs = {year: sum(i["amount"] for i in cost_items if i["year"] == year) for year in YEARS}
    population = sum(m[3] for m in MUNICIPALITIES)
    plan: list[tuple[str, str, float, str, str]] = [
        # partner, kind, share, description, valuation
        ("rijk", "cash", 0.37, "Rijksbijdrage Regio Deal", ""),
        ("prov-drenthe", "cash", 0.215, "Provinciale cofinanciering", ""),
        (
            "prov-drenthe",
            "office_space",
            0.005,
            "Kantoorruimte programmabureau in het provinciehuis",
            "400 m² à € 165 per m² per jaar, marktconforme huur kantoren Assen",
        ),
    ]
    for key, name, _town, inhabitants, _ in MUNICIPALITIES:
        share = 0.22 * inhabitants / population
        plan.append((f"gem-{key}", "cash", share, f"Gemeentelijke cofinanciering {name}", ""))
        plan.append(
            (
                f"gem-{key}",
                "labour",
                0.02 * inhabitants / population,
                "Lokale projectcoördinatie en vergunningverlening",
                "Uren à € 98 per uur (gemeentelijk integraal uurtarief, schaal 10-11)",
            )
        )
    plan += [
        ("wc-drentseesch", "cash", 0.03, "Bijdrage leefbaarheid en versnelling", ""),
        (
            "wc-drentseesch",
            "office_space",
            0.003,
            "Projectruimte in wijkkantoren",
            "120 m² à € 140 per m² per jaar, gelijk aan de interne verrekenhuur",
        ),
        ("wc-hunzewonen", "cash", 0.024, "Bijdrage seniorenhuisvesting en leefbaarheid", ""),
        (
            "wc-hunzewonen",
            "office_space",
            0.003,
            "Vergaderruimte in wijkcentra",
            "Dagdelen à € 150, tarief maatschappelijke verhuur",
        ),
        ("bi-werkgevers", "cash", 0.012, "Bijdrage uit het opleidingsfonds van de leden", ""),
        (
            "bi-werkgevers",
            "labour",
            0.006,
            "Praktijkopleiders bij aangesloten bedrijven",
            "Uren à € 75 per uur, gemiddeld tarief vakman in de metaal",
        ),
        ("bi-bouwgroep", "cash", 0.008, "Bijdrage opleidingswerkplaats", ""),
        (
            "bi-bouwgroep",
            "capital_goods",
            0.006,
            "Opleidingswerkplaats met warmtepompinstallaties",
            "Afschrijving en onderhoud volgens de bedrijfsadministratie, vijf jaar lineair",
        ),
        (
            "ki-universiteit",
            "labour",
            0.02,
            "Onderzoekers en promovendi",
            "Uren à € 110 per uur, integraal tarief volgens de NWO-systematiek",
        ),
        (
            "ki-universiteit",
            "capital_goods",
            0.004,
            "Gebruik energielaboratorium",
            "Gebruiksuren à € 250, interne kostprijs van het laboratorium",
        ),
        (
            "ki-hogeschool",
            "labour",
            0.016,
            "Lectoren en studenten-onderzoeksteams",
            "Uren à € 95 per uur (lectoren en docent-onderzoekers); studenturen niet gewaardeerd",
        ),
        (
            "ki-roc",
            "labour",
            0.016,
            "Docenten en praktijkopleiders",
            "Uren à € 90 per uur, integraal tarief CAO mbo",
        ),
        (
            "ki-roc",
            "capital_goods",
            0.004,
            "Mobiele praktijklokalen (gebruik)",
            "Afschrijving over acht jaar volgens het activaregister",
        ),
        (
            "mo-welzijn",
            "labour",
            0.008,
            "Opbouwwerkers en vrijwilligerscoördinatoren",
            "Uren à € 72 per uur, tarief welzijnswerk",
        ),
        (
            "mo-zorggroep",
            "labour",
            0.007,
            "Wijkverpleegkundigen en preventiecoaches",
            "Uren à € 85 per uur, tarief wijkverpleging",
        ),
        (
            "mo-zorggroep",
            "office_space",
            0.002,
            "Ruimte voor leerafdeling in zorgcentra",
            "150 m² à € 150 per m² per jaar, marktconforme huur zorgvastgoed",
        ),
        (
            "mo-kleinekernen",
            "labour",
            0.004,
            "Dorpencoaches",
            "Uren à € 70 per uur, tarief dorpencoach",
        ),
        (
            "mo-kleinekernen",
            "office_space",
            0.001,
            "Vergaderruimte in dorpshuizen",
            "Dagdelen à € 60, tarief dorpshuizen",
        ),
        (
            "bp-emmenzuid",
            "labour",
            0.002,
            "Vrijwillige inzet bewoners",
            "Vrijwilligersuren à € 15 volgens de landelijke norm",
        ),
        (
            "bp-dorpenaa",
            "labour",
            0.002,
            "Vrijwillige chauffeurs en energiecoaches",
            "Vrijwilligersuren à € 15 volgens de landelijke norm",
        ),
    ]
    total_share = sum(share for _, _, share, _, _ in plan)
    assert total_share >= 1.0, total_share
    contributions: list[dict[str, Any]] = []
    for year in YEARS:
        for partner, kind, share, description, valuation in plan:
            entry: dict[str, Any] = {
                "id": f"bd-{year}-{partner}-{kind.replace('_', '')}",
                "partner": partner,
                "kind": kind,
                "description": description,
                "year": year,
                "amount": round_to(costs[year] * share, 1000),
            }
            if valuation:
                entry["valuation"] = valuation
            contributions.append(entry)
        assert sum(c["amount"] for c in contributions if c["year"] == year) >= costs[year]
    return contributions + funder_contributions(cost_items)


# --------------------------------------------------------------------------------------------
# §4.6 Risks
# --------------------------------------------------------------------------------------------

# title template, description, precautions, likelihood range, impact range, and the subjects
# the template is applied to: (phrase, bearer partner id).
RISK_TEMPLATES: list[
    tuple[str, str, str, tuple[int, int], tuple[int, int], list[tuple[str, str]]]
] = [
    (
        "Netcongestie vertraagt {s}",
        "Onvoldoende capaciteit op het elektriciteitsnet vertraagt aansluitingen en maakt projecten duurder.",
        "Vroeg overleg met Netbeheer Noord, slimme laadstrategie, buurtbatterijen en een reservevolgorde van wijken.",
        (3, 4),
        (3, 4),
        [
            ("de proefwijk all-electric in Klazienaveen", "gem-emmen"),
            ("de waterstofpilot in Emmen", "bi-werkgevers"),
            ("de mobiliteitshubs met laadpalen", "prov-drenthe"),
            ("de zonnedaken op maatschappelijk vastgoed in Hoogeveen", "gem-hoogeveen"),
            ("de nieuwbouw in Kloosterveen", "gem-assen"),
        ],
    ),
    (
        "Bouwkosten van {s} stijgen sterker dan de indexatie",
        "Hogere materiaal- en loonkosten maken projecten duurder dan begroot.",
        "Bouwkostenindexatie in de begroting, sobere ontwerpen, gezamenlijke inkoop en bouwteamcontracten.",
        (3, 4),
        (3, 4),
        [
            ("de flexwoningen voor spoedzoekers", "wc-drentseesch"),
            ("het warmtenet in Emmen", "gem-emmen"),
            ("de verbouw van dorpshuizen", "mo-kleinekernen"),
            ("de doorfietsroute Assen-Beilen", "prov-drenthe"),
            ("het fieldlab slimme maakindustrie", "ki-universiteit"),
        ],
    ),
    (
        "Te weinig uitvoeringscapaciteit voor {s}",
        "Vacatures bij partners blijven open en projectleiders raken overbelast.",
        "Gedeelde flexpool van de partners, inzet van trainees en prioritering door de regiegroep.",
        (3, 4),
        (2, 3),
        [
            ("de vergunningverlening in Coevorden", "gem-coevorden"),
            ("de woningbouwregie in Midden-Drenthe", "gem-midden-drenthe"),
            ("de energiecoaching in Borger-Odoorn", "gem-borger-odoorn"),
            ("de leerwerkroutes van het ROC", "ki-roc"),
        ],
    ),
    (
        "Bezwaar en beroep vertragen {s}",
        "Omwonenden of belangenorganisaties maken bezwaar tegen besluiten; procedures lopen uit.",
        "Vroege participatie, zorgvuldige belangenafweging en een realistische procedureplanning.",
        (2, 3),
        (3, 4),
        [
            ("de flexwoningen op het voormalige sportpark in Emmen", "gem-emmen"),
            ("de doorfietsroute Assen-Beilen", "prov-drenthe"),
            ("het warmtenet in Emmen", "gem-emmen"),
            ("de woningbouw aan de dorpsrand van Ruinen", "gem-de-wolden"),
        ],
    ),
    (
        "Lage deelname van inwoners aan {s}",
        "De doelgroep wordt niet bereikt of haakt af, waardoor de effecten achterblijven.",
        "Outreachend werken via sleutelfiguren, dorpsbelangen, huisbezoeken en ervaringsdeskundigen.",
        (2, 3),
        (2, 4),
        [
            ("de leerwerkroutes voor volwassenen", "ki-roc"),
            ("het valpreventieprogramma", "mo-zorggroep"),
            ("de energiecoaching in Aa en Hunze", "bp-dorpenaa"),
            ("de taalhuizen in de bibliotheken", "gem-midden-drenthe"),
            ("de doorstroomregeling voor senioren", "wc-hunzewonen"),
        ],
    ),
    (
        "Onderbesteding van rijksmiddelen in {s}",
        "Middelen worden niet tijdig besteed en vallen terug naar het Rijk.",
        "Kwartaalrapportage op besteding, overprogrammering van tien procent en tijdige herverdeling door de stuurgroep.",
        (2, 3),
        (3, 4),
        [
            ("het deelproject Leefbare Kernen", "prov-drenthe"),
            ("het deelproject Bereikbaar Drenthe", "prov-drenthe"),
            ("het deelproject Innovatiecampus", "rijk"),
            ("de regeling innovatievouchers", "rijk"),
        ],
    ),
    (
        "Politieke koerswijziging na de verkiezingen in {s}",
        "Een nieuw college of nieuwe Staten herzien prioriteiten en de cofinanciering.",
        "Meerjarige verplichtingen vastleggen en raads- en statenleden actief betrekken via de regionale raadsledenbijeenkomst.",
        (2, 3),
        (3, 5),
        [
            ("de provincie (2027)", "prov-drenthe"),
            ("de gemeente Meppel (2026)", "gem-meppel"),
            ("de gemeente Westerveld (2030)", "gem-westerveld"),
            ("de gemeente Hoogeveen (2030)", "gem-hoogeveen"),
        ],
    ),
    (
        "Staatssteunregels beperken {s}",
        "Steun aan bedrijven of corporaties blijkt ongeoorloofde staatssteun en moet worden teruggevorderd.",
        "Vooraf toetsing door staatssteunexperts en gebruik van de algemene groepsvrijstellingsverordening.",
        (1, 2),
        (3, 4),
        [
            ("de innovatievouchers voor het mkb", "prov-drenthe"),
            ("de versnellingsbijdrage aan corporaties", "prov-drenthe"),
            ("de opleidingswerkplaats van de bouwgroep", "bi-bouwgroep"),
            ("de steun aan de waterstofpilot", "rijk"),
        ],
    ),
    (
        "Overbelasting van vrijwilligers bij {s}",
        "Een kleine groep actieve inwoners draagt te veel en haakt af.",
        "Vrijwilligerscoördinatie, waardering, vrijwilligersvergoeding en ondersteuning door Welzijn Drenthe Samen.",
        (3, 3),
        (2, 3),
        [
            ("het dorpsvervoer in Aa en Hunze", "bp-dorpenaa"),
            ("de buurtkamer in Emmen-Zuid", "bp-emmenzuid"),
            ("het dorpshuisbeheer in Schoonebeek", "mo-kleinekernen"),
            ("de maatjesprojecten voor ouderen", "mo-welzijn"),
        ],
    ),
    (
        "Onvoldoende data voor de monitoring van {s}",
        "Indicatoren kunnen niet tijdig of niet op het juiste schaalniveau worden gemeten.",
        "Data-afspraken met CBS en partners, en vervangende indicatoren in het dashboard.",
        (2, 3),
        (2, 2),
        [
            ("gezondheidsverschillen", "ki-universiteit"),
            ("energiearmoede", "ki-universiteit"),
            ("de uitstroom uit de bijstand", "gem-assen"),
            ("de innovatiekracht van het mkb", "ki-hogeschool"),
        ],
    ),
    (
        "Stikstofregels blokkeren {s}",
        "Bouw- en infrastructuurprojecten krijgen geen natuurvergunning vanwege stikstofdepositie.",
        "Emissiearm bouwen, vroegtijdige AERIUS-berekeningen en gebiedsgerichte afspraken.",
        (2, 3),
        (3, 4),
        [
            ("woningbouw nabij het Dwingelderveld", "gem-westerveld"),
            ("de waterstofpilot in Emmen", "bi-werkgevers"),
            ("de doorfietsroute langs het Drentsche Aa-gebied", "prov-drenthe"),
            ("flexwoningen in Gieten", "gem-aa-en-hunze"),
        ],
    ),
    (
        "Uitvoerder van {s} gaat failliet",
        "Een aannemer of leverancier valt weg tijdens de uitvoering.",
        "Financiële toets bij gunning, bankgaranties en een reservelijst van uitvoerders.",
        (1, 2),
        (3, 4),
        [
            ("de flexwoningen", "wc-drentseesch"),
            ("het warmtenet", "gem-emmen"),
            ("de glasvezelaanleg in het buitengebied", "prov-drenthe"),
            ("de renovatie van de portiekflats", "wc-hunzewonen"),
        ],
    ),
]


def build_risks() -> dict[str, Any]:
    # Round robin over the templates, so the register mixes kinds of risk.
    items = []
    depth = 0
    while len(items) < 50:
        for title_t, description, precautions, (l_low, l_high), (
            i_low,
            i_high,
        ), subjects in RISK_TEMPLATES:
            if depth < len(subjects) and len(items) < 50:
                subject, bearer = subjects[depth]
                items.append(
                    {
                        "id": f"rs-{len(items) + 1:02d}",
                        "title": title_t.format(s=subject),
                        "description": description,
                        "likelihood": rng.randint(l_low, l_high),
                        "impact": rng.randint(i_low, i_high),
                        "precautions": precautions,
                        "bearer": bearer,
                    }
                )
        depth += 1
    return {
        "conclusions": (
            "De risicoanalyse levert vijftig risico's op. De grootste zijn netcongestie, "
            "stijgende bouwkosten, onvoldoende uitvoeringscapaciteit en onderbesteding van "
            "rijksmiddelen. Financiële risico's van deelprojecten liggen bij de "
            "opdrachtgevende partner; het risico van onderbesteding bij het Rijk en de "
            "provincie samen. Het programma houdt een post onvoorzien aan van vijf procent van "
            "de jaarbegroting, en het programmabureau actualiseert het register ieder kwartaal."
        ),
        "items": items,
    }


# --------------------------------------------------------------------------------------------
# §5 Appendices
# --------------------------------------------------------------------------------------------


def partner_agreement(p: dict[str, Any]) -> dict[str, Any]:
    pid = p["id"]
    led = [proj["name"] for proj in PROJECTS if proj["org"] == pid]
    tasks = [
        f"Levert de afgesproken bijdrage: {p['contribution'][0].lower()}{p['contribution'][1:]}"
    ]
    if led:
        tasks.append("Is opdrachtgever van: " + "; ".join(led) + ".")
    if pid.startswith("gem-"):
        tasks.append(
            "Zorgt voor lokale uitvoering, vergunningverlening en de betrokkenheid van de gemeenteraad."
        )
        responsibilities = [
            "Realisatie van de lokale projecten en aanlevering van lokale indicatoren per halfjaar."
        ]
        authorities = [
            "Besluit over lokale projecten binnen het vastgestelde uitvoeringsprogramma en de eigen begroting."
        ]
    elif pid in ("rijk", "prov-drenthe"):
        tasks.append(
            "Neemt deel aan stuurgroep en regiegroep en helpt knelpunten in regelgeving op te lossen."
        )
        responsibilities = ["Rechtmatige besteding en verantwoording van de eigen bijdrage."]
        authorities = [
            "Instemming met de besteding van de eigen middelen en met herverdeling daarvan."
        ]
        if pid == "prov-drenthe":
            tasks.append("Is penvoerder: beheert het programmabureau en de programmabegroting.")
            responsibilities.append(
                "Tijdige verantwoording aan het Rijk over de gehele Regio Deal."
            )
    else:
        tasks.append("Neemt deel aan de stuurgroep en de relevante deelprojectteams.")
        responsibilities = [
            "Kwaliteit van de eigen bijdrage en aanlevering van gegevens voor de monitoring."
        ]
        authorities = [
            "Inzet van eigen mensen en middelen binnen de afspraken van deze overeenkomst."
        ]
    return {
        "partner": pid,
        "tasks": tasks,
        "responsibilities": responsibilities,
        "authorities": authorities,
    }


def build_appendices() -> dict[str, Any]:
    return {
        "chosen": [
            "monitoring",
            "organogram",
            "planning_budget",
            "partner_agreements",
            "communication_plan",
            "problem_analysis",
            "risk_analysis",
            "calamities",
            "public_law_procedures",
            "exit_clause",
            "definitions",
        ],
        "subproject_plans": (
            "Ieder van de acht deelprojecten heeft een deelprojectplan met doelen uit de "
            "doelenboom, onderzoeksvragen, opleveringen, begroting per jaar en opdrachtgever: "
            + "; ".join(f"{p['name']} (opdrachtgever: {p['client']})" for p in PROJECTS)
            + ". De plannen worden jaarlijks met het uitvoeringsprogramma geactualiseerd."
        ),
        "partner_agreements": [partner_agreement(p) for p in PARTNERS],
        "communication_plan": (
            "Doelgroepen: inwoners, dorpen en wijken, ondernemers, raads- en statenleden, "
            "partners en de regionale en landelijke media. Kernboodschap: 'Drentse Kracht: samen "
            "bouwen aan brede welvaart in stad en dorp.' Middelen: een programmawebsite met een "
            "openbaar dashboard, een nieuwsbrief per kwartaal, verhalen van inwoners via sociale "
            "media en de regionale omroep, informatieavonden per project en een jaarlijkse "
            "Drentse Kracht-dag. Publieke momenten volgen de publieke mijlpalen in de planning. "
            "Woordvoering ligt bij de gedeputeerde voor het programma en bij de wethouders voor "
            "lokale projecten; het communicatieteam stemt alle persmomenten af."
        ),
        "problem_analysis": (
            "Drenthe scoort op brede welvaart onder het landelijk gemiddelde. De bevolking krimpt "
            "in de kleine kernen en vergrijst snel; jongeren vertrekken voor studie en werk. "
            "Voorzieningen staan onder druk, de woningvoorraad sluit niet aan bij de vraag van "
            "senioren en starters, en veel woningen zijn slecht geïsoleerd, wat energiearmoede "
            "veroorzaakt. Tegelijk hebben werkgevers in zorg, onderwijs en techniek grote tekorten "
            "terwijl een deel van de inwoners geen startkwalificatie heeft. Deze problemen "
            "versterken elkaar: zonder passend werk en woningen vertrekken jongeren, waardoor "
            "voorzieningen verdwijnen en de regio minder aantrekkelijk wordt. Daarom pakt de Regio "
            "Deal wonen, werk en scholing, energie, bereikbaarheid, gezondheid en leefbaarheid in "
            "samenhang aan."
        ),
        "risk_analysis": (
            "De risico's zijn in drie sessies met de regiegroep en de clusterleiders "
            "geïnventariseerd en gescoord op kans en impact (beide 1-5). Risico's met een score "
            "van 12 of hoger hebben een eigenaar en een beheersmaatregel in het "
            "uitvoeringsprogramma. Het programmabureau actualiseert het register ieder kwartaal; "
            "de stuurgroep bespreekt de top tien halfjaarlijks."
        ),
        "calamities": {
            "procedure": (
                "Bij een calamiteit (ernstig ongeval op een bouwplaats, faillissement van een "
                "uitvoerder, cyberincident of grote maatschappelijke onrust) stelt de "
                "programmadirecteur binnen 24 uur het interventieteam in. Dit team informeert de "
                "voorzitter van de stuurgroep, stemt de communicatie af en legt binnen een week een "
                "herstelplan voor. Veiligheid en de belangen van inwoners gaan altijd voor planning."
            ),
            "damage_settlement": (
                "Schade wordt gedragen door de partner in wiens project de schade ontstaat, voor "
                "zover niet verzekerd. Schade die geen partner verwijtbaar is, wordt gedekt uit de "
                "post onvoorzien. Geschillen over schade worden voorgelegd aan een onafhankelijke "
                "deskundige die de stuurgroep gezamenlijk benoemt."
            ),
        },
        "public_law_procedures": [
            {
                "id": "pp-omgevingsplan-flex",
                "name": "Wijziging omgevingsplan voor flexwoningen",
                "competent_authority": "Gemeenteraad Emmen",
                "planned": dt.date(2027, 3, 1),
                "description": "Tijdelijke woonbestemming voor 15 jaar op het voormalige sportpark.",
            },
            {
                "id": "pp-projectbesluit-fietsroute",
                "name": "Projectbesluit doorfietsroute Assen-Beilen",
                "competent_authority": "Gedeputeerde Staten van Drenthe",
                "planned": dt.date(2028, 9, 1),
                "description": "Projectbesluit onder de Omgevingswet met participatie van aanwonenden en agrariërs.",
            },
            {
                "id": "pp-vergunning-warmtenet",
                "name": "Omgevingsvergunning warmtenet Emmen",
                "competent_authority": "College van B&W Emmen",
                "planned": dt.date(2028, 4, 1),
                "description": "Vergunning voor aanleg van het warmtenet en de warmteoverdrachtstations.",
            },
            {
                "id": "pp-natuurvergunning-waterstof",
                "name": "Natuurvergunning waterstofpilot",
                "competent_authority": "Gedeputeerde Staten van Drenthe",
                "planned": dt.date(2028, 11, 1),
                "description": "Toets stikstofdepositie op nabijgelegen Natura 2000-gebieden.",
            },
            {
                "id": "pp-staatssteun",
                "name": "Kennisgeving staatssteun innovatievouchers",
                "competent_authority": "Europese Commissie (via het ministerie van EZK)",
                "planned": dt.date(2026, 9, 1),
                "description": "Kennisgeving onder de algemene groepsvrijstellingsverordening.",
            },
        ],
        "exit_clause": {
            "notice_period_months": 12,
            "conditions": (
                "Een partner kan de samenwerking schriftelijk opzeggen per 1 januari, met een "
                "opzegtermijn van twaalf maanden, na bestuurlijk overleg in de stuurgroep. Het Rijk "
                "kan tussentijds opzeggen als de rijksbijdrage niet rechtmatig wordt besteed. Een "
                "partner die ernstig tekortschiet, kan na ingebrekestelling en een hersteltermijn "
                "van drie maanden door de stuurgroep worden uitgesloten."
            ),
            "financial_settlement": (
                "Toegezegde bijdragen voor het lopende en het volgende kalenderjaar blijven "
                "verschuldigd, voor zover al verplichtingen zijn aangegaan. Niet-bestede "
                "bijdragen worden naar rato terugbetaald. Investeringen in gebouwen en "
                "installaties blijven eigendom van de partner die ze heeft gerealiseerd."
            ),
        },
        "definitions": [
            {
                "term": "Regio Deal",
                "meaning": "Een afspraak tussen het Rijk en regionale partners om samen te investeren in de brede welvaart van een regio.",
            },
            {
                "term": "Brede welvaart",
                "meaning": "Alles wat het leven de moeite waard maakt: naast inkomen ook gezondheid, wonen, werk, onderwijs, sociale contacten en een goede leefomgeving.",
            },
            {
                "term": "Betaalbare woning",
                "meaning": "Een sociale huurwoning, een middenhuurwoning of een koopwoning onder de NHG-grens.",
            },
            {
                "term": "Kleine kern",
                "meaning": "Een dorp of buurtschap met minder dan 5.000 inwoners.",
            },
            {
                "term": "Energiearmoede",
                "meaning": "Een huishouden dat meer dan tien procent van het besteedbaar inkomen aan energie besteedt of in een slecht geïsoleerde woning woont met een laag inkomen.",
            },
            {
                "term": "Deelproject",
                "meaning": "Een onderdeel van het programma met een eigen team, doelen, begroting en opdrachtgever.",
            },
            {
                "term": "Penvoerder",
                "meaning": "De partner die namens de andere partners de rijksbijdrage ontvangt en verantwoordt: de provincie Drenthe.",
            },
        ],
    }


# --------------------------------------------------------------------------------------------
# Putting it together
# --------------------------------------------------------------------------------------------


# --------------------------------------------------------------------------------------------
# Amendments and successions (no draws from rng: the rest of the example stays as it was)
# --------------------------------------------------------------------------------------------


def build_successions() -> list[dict[str, Any]]:
    """A (made-up) municipal redivision halfway the programme."""
    return [
        {
            "id": "opv-borger-odoorn",
            "predecessor": "gem-borger-odoorn",
            "successor": "gem-aa-en-hunze",
            "date": dt.date(2029, 1, 1),
            "reason": "redivision",
            "description": (
                "Verzonnen voorbeeld: na de herindeling gaat Borger-Odoorn op in Aa en Hunze. "
                "De nieuwe gemeente neemt vanaf 2029 de cofinanciering, de projectcoördinatie "
                "en de zetel in de stuurgroep over; de lopende projecten in de kernen "
                "van Borger-Odoorn lopen door."
            ),
        }
    ]


def build_amendments() -> list[dict[str, Any]]:
    """Wijziging 1: extra money for the energy transition, adopted in 2027."""
    return [
        {
            "number": 1,
            "title": "Extra budget voor de energietransitie",
            "kind": "addendum",
            "adopted": dt.date(2027, 6, 17),
            "summary": (
                "Het Rijk en de provincie leggen elk € 10 mln extra in voor de energiecoaches en "
                "het warmtenet in Emmen, omdat de vraag van huishoudens in energiearmoede groter "
                "is dan verwacht. De begroting van 2028 tot en met 2031 en de streefwaarde voor "
                "het aantal bezochte huishoudens gaan omhoog."
            ),
            "sections": ["§4.4 Wie betaalt wat", "§4.2 Prestatie-indicatoren"],
        }
    ]


def build() -> dict[str, Any]:
    partners, interest_themes = build_partners()
    signatories = {p["id"]: p["signatories"][0] for p in partners}
    goals, _ = build_goals(interest_themes)
    planning, phases = build_planning()
    cost_items = build_cost_items(phases)
    organisation = build_organisation(goals, signatories, cost_items)
    data: dict[str, Any] = {
        "schema_version": "1.0",
        "programme": {
            "name": "Regio Deal Drentse Kracht 2026-2031",
            "short_name": "Drentse Kracht",
            "summary": (
                "Het Rijk, de provincie Drenthe en tien Drentse gemeenten investeren samen met "
                "corporaties, bedrijven, kennisinstellingen, maatschappelijke organisaties en "
                "bewonersplatforms zes jaar lang in de brede welvaart van Drenthe. Acht "
                "deelprojecten pakken wonen, werk en scholing, energietransitie, bereikbaarheid, "
                "gezondheid en leefbaarheid in samenhang aan."
            ),
            "region": "Drenthe: " + ", ".join(m[1] for m in MUNICIPALITIES),
            "start": START,
            "end": END,
        },
        "ambition": {
            "statement": (
                "Drenthe is in 2031 een provincie waar iedereen, in stad en dorp, goed kan wonen, "
                "leren, werken en gezond oud worden. Wij investeren samen in brede welvaart, "
                "zodat jongeren blijven, ouderen in hun eigen dorp kunnen wonen en de "
                "energietransitie iedereen iets oplevert."
            ),
            "story": (
                "In Nieuw-Buinen sloot vorig jaar de laatste supermarkt. In Klazienaveen wacht een "
                "jong stel al vijf jaar op een huurwoning, terwijl hun ouders in een te grote "
                "eengezinswoning wonen die ze niet warm krijgen. Een installateur in Hoogeveen "
                "weigert opdrachten omdat hij geen monteurs kan vinden, en een paar straten verderop "
                "zit een jongen zonder diploma thuis. Drenthe heeft alles in zich: ruimte, rust, "
                "noaberschap en vakmanschap. Met Drentse Kracht verbinden we die krachten: de "
                "monteur van morgen leert het vak bij de renovatie van de woning van vandaag, "
                "het dorpshuis wordt de plek voor zorg, leren en ontmoeting, en de energie van het "
                "dak komt ten goede aan het dorp zelf."
            ),
            "beneficiaries": [
                {
                    "id": "bg-jongeren",
                    "name": "Jongeren en jonge gezinnen",
                    "benefit": "Een passende woning, een opleiding en werk in de eigen regio.",
                },
                {
                    "id": "bg-ouderen",
                    "name": "Ouderen in kleine kernen",
                    "benefit": "Langer zelfstandig wonen in een geschikte woning met zorg en voorzieningen dichtbij.",
                },
                {
                    "id": "bg-werkzoekenden",
                    "name": "Werkzoekenden en inwoners zonder startkwalificatie",
                    "benefit": "Scholing dichtbij en een baan in zorg, techniek of bouw.",
                },
                {
                    "id": "bg-energiearmoede",
                    "name": "Huishoudens in energiearmoede",
                    "benefit": "Een beter geïsoleerde woning en lagere energielasten.",
                },
                {
                    "id": "bg-ondernemers",
                    "name": "Maakbedrijven en mkb",
                    "benefit": "Vakmensen, kennis en innovatie om te kunnen groeien.",
                },
            ],
            "larger_whole": (
                "De Regio Deal Drentse Kracht is onderdeel van de Regio Deals-aanpak van het Rijk "
                "voor brede welvaart en sluit aan op de Woondeal Drenthe, de Regionale "
                "Energiestrategie Drenthe, het Nationaal Programma Leefbaarheid en Veiligheid en de "
                "provinciale Omgevingsvisie."
            ),
        },
        "partnership": {
            "strategy": (
                "We combineren een ontwerpbenadering voor grote investeringen (woningbouwstroom, "
                "warmtenetten, fietsroutes) met een ontwikkelbenadering in de dorpen en wijken, waar "
                "inwoners zelf de agenda bepalen. Het Rijk en de provincie bieden financiële ruimte "
                "en ontschotten regels; gemeenten voeren lokaal de regie; corporaties en bedrijven "
                "investeren en leiden op; kennisinstellingen leren mee en meten de effecten; "
                "maatschappelijke organisaties en bewonersplatforms verbinden het programma met "
                "het dagelijks leven. Iedere investering in stenen combineren we met een "
                "investering in mensen: elk bouwproject levert leerwerkplekken, ieder "
                "energieproject energiecoaches uit de buurt."
            ),
            "sector_roles": [
                {
                    "sector": "political",
                    "role": "Het kabinet, Provinciale Staten en de tien gemeenteraden stellen de middelen beschikbaar, bepalen de kaders en worden jaarlijks geïnformeerd over de voortgang.",
                },
                {
                    "sector": "public",
                    "role": "Rijk, provincie, gemeenten en onderwijsinstellingen financieren, voeren regie, verlenen vergunningen en verzorgen onderwijs en onderzoek.",
                },
                {
                    "sector": "private",
                    "role": "Corporaties, bouw- en installatiebedrijven en de maakindustrie investeren in woningen, energie en innovatie en bieden leerwerkplekken.",
                },
                {
                    "sector": "civil",
                    "role": "Welzijns- en zorgorganisaties, dorpen en bewonersplatforms organiseren de sociale basis, nemen voorzieningen over en brengen de stem van inwoners in.",
                },
            ],
            "initiator": "prov-drenthe",
            "initiators": ["prov-drenthe", "gem-emmen", "gem-assen"],
            "founding_moments": FOUNDING_MOMENTS,
            "partners": partners,
            "stakeholders": STAKEHOLDERS,
            "funders": FUNDERS,
            "successions": build_successions(),
        },
        "realisation": {
            "description": (
                "In zes jaar komen er 4.800 betaalbare woningen bij, waarvan 1.200 voor senioren. "
                "Twaalf mobiliteitshubs, drie doorfietsroutes en glasvezel tot in het buitengebied "
                "maken werk, onderwijs en zorg bereikbaar. Veertig dorpshuizen worden verduurzaamd "
                "en krijgen zorg- en leerfuncties. Energiecoaches bezoeken 15.000 huishoudens, en "
                "in Emmen komt een warmtenet op restwarmte. In Emmen en Assen openen een fieldlab "
                "slimme maakindustrie en een regionale zorgacademie, en in Zuidoost-Drenthe "
                "draait de eerste groene-waterstofinstallatie."
            ),
            "artist_impression": {
                "file": "impressie-wijkhart.png",
                "alt_text": (
                    "Een Drents brinkdorp met een verduurzaamd dorpshuis met zonnepanelen, een "
                    "mobiliteitshub met elektrische deelauto's en een bushalte, nieuwe "
                    "levensloopbestendige woningen rond een groen hofje en fietsers op een brede "
                    "doorfietsroute langs de es."
                ),
                "caption": "Zo kan een Drentse kern er in 2031 uitzien (impressie)",
                "credit": "Ontwerpstudio Hunzedal",
            },
            "impact": (
                "Inwoners krijgen meer kansen op werk en een passende woning, kunnen voorzieningen "
                "makkelijker bereiken en houden meer geld over door lagere energielasten. Dorpen "
                "worden weerbaarder doordat inwoners zelf voorzieningen beheren. Bedrijven vinden "
                "personeel en innoveren, waardoor de regionale economie groeit. De effectmeting "
                "verwacht dat de maatschappelijke baten de investering ruim overstijgen, vooral door "
                "minder uitkeringen, minder zorgkosten en lagere energieschulden."
            ),
            "negative_consequences": [
                {
                    "id": "ng-bouwoverlast",
                    "kind": "temporary_nuisance",
                    "description": "Bouwverkeer, geluid en omleidingen bij woningbouw, warmtenet en fietsroutes.",
                    "mitigation": "Bouwlogistieke plannen per project, vaste aanspreekpunten en werkzaamheden buiten schooltijden waar mogelijk.",
                },
                {
                    "id": "ng-dorpshuis-dicht",
                    "kind": "temporary_nuisance",
                    "description": "Dorpshuizen zijn tijdens de verbouw maanden gesloten.",
                    "mitigation": "Tijdelijke onderkomens in scholen of kerken en een gefaseerde verbouw.",
                },
                {
                    "id": "ng-mobiliteit",
                    "kind": "behaviour_change",
                    "description": "Inwoners moeten wennen aan hubs, deelauto's en vraaggestuurd vervoer in plaats van de vaste buslijn.",
                    "mitigation": "Proefperiodes met gratis reizen, uitleg in dorpshuizen en een vervoersmaatje voor ouderen.",
                },
                {
                    "id": "ng-energiegedrag",
                    "kind": "behaviour_change",
                    "description": "Wonen met een warmtepomp of warmtenet vraagt ander stook- en ventilatiegedrag.",
                    "mitigation": "Energiecoaches aan huis en nazorg na de oplevering.",
                },
            ],
        },
        "goals": goals,
        "indicators": build_indicators(goals),
        "effect_measurement": build_effect_measurement(),
        "planning": planning,
        "finance": {
            "cost_items": cost_items,
            "contributions": build_contributions(cost_items),
            "notes": (
                "De begroting bevat honderd kostenposten over zes jaar, toegerekend aan fasen en "
                "deelprojecten. Het Rijk draagt ruim een derde bij; provincie en gemeenten samen "
                "ruim 45 procent, de gemeenten naar rato van hun inwonertal. Bijdragen in natura zijn "
                "gewaardeerd tegen integrale uurtarieven, marktconforme huur of afschrijving. De "
                "dekking ligt ieder jaar enkele procenten boven de begrote kosten; dat overschot "
                "dient als post onvoorzien."
            ),
        },
        "organisation": organisation,
        "risks": build_risks(),
        "appendices": build_appendices(),
        "amendments": build_amendments(),
    }
    return data


def main() -> int:
    data = build()
    agreement = Agreement.model_validate(data)
    try:
        from stramien.io import dump_yaml  # type: ignore[attr-defined]
    except ImportError:
        dump_yaml = None
    text: str | None = None
    if dump_yaml is not None:
        result = dump_yaml(agreement)
        if isinstance(result, str):
            text = result
    if text is None:
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    OUTPUT.write_text(HEADER + text, encoding="utf-8")
    # Read back what we wrote: it must still be a valid agreement.
    Agreement.model_validate(yaml.safe_load(OUTPUT.read_text(encoding="utf-8")))
    print(f"wrote {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
