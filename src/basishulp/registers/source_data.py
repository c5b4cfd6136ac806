"""The governance registers of the source documents, as demo data (idempotent).

From the half-year report H1 2023 (seed 001): the eleven risks of §9 with their
control measures and their current situation ("actuele situatie", period 2023-H1);
the programme lines and assignments of ch. 4 and the other development goals of
ch. 5 with their status in 2023-H1; the MDT target; the FTE of Bijlage 2; the
introduction (ch. 1), communication (ch. 2) and human resources (ch. 6) texts. From
the research report of March 2021 (seed 003 §6.12): the measured savings per project
2019-2021. From the Landgraaf council letter (seed 000): which risks the 2023
meerkosten claim is set against, and Landgraaf's budget adjustment for 2023.

The Dutch texts are the source's words; only words broken across lines are joined
("ge-/formuleerd" -> "geformuleerd") and wrapped lines are joined. Shortened texts
keep whole paragraphs of the source. Choices where the source is not explicit:

- The text layer of seed 001 loses the tables of programme lines 2 and 3 (images)
  and some status boxes lose their assignment. An assignment is put under the
  nearest programme-line heading before it in the text (the headings of lines 2 and
  3 follow each other directly, so these land under line 3); a status box without
  its assignment gets a short title naming its subject and no goal.
- Target dates only where the source gives a day ("Per 1-7-2023", "Op 31-12-2023");
  "medio 2023", "eind 2023" and "schooljaar 2023-2024" stay in the goal's words.
- The status (on track, at risk, late, done) is this demo's reading of the status
  text; the text itself is the source's.
- Peuterspeelzaal plus: the source row reads "400 / 400 / stagnatie door Corona";
  only 0 / 0 / 400 makes the column totals 775 / 1,930 / 4,380 and the cumulative
  7,085 add up (source-figures.md §11), so that placement is stored.
- FTE are stored per municipality; totals are computed. The source prints 158.1 for
  June 2021, while its parts add up to 158.0 (source-figures.md §19).

:func:`load_demo_registers` must run after
:func:`basishulp.finance.source_data.load_source_figures`: the risks link to the
2023 meerkosten claim stored there (without the claim the links are left out).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import NamedTuple

from django.db import transaction

from basishulp.finance.models import Claim
from basishulp.trajecten.models import Municipality

from .models import (
    Assignment,
    AssignmentStatus,
    BudgetAdjustment,
    PeriodText,
    ProgrammeLine,
    Project,
    ProjectSaving,
    ProjectTarget,
    Risk,
    RiskSituation,
    WorkforceFte,
)

__all__ = ["load_demo_registers"]

HEERLEN, LANDGRAAF, VOERENDAAL = "GM0917", "GM0882", "GM0986"
PERIOD = "2023-H1"
S001 = "seed 001 (halfjaarrapportage 2023)"
S003 = "seed 003 (onderzoek lumpsumbekostiging, 2021)"
S000 = "seed 000 (raadsinformatiebrief Landgraaf, jaarverslag 2023)"

ON_TRACK, AT_RISK, LATE, DONE = (
    AssignmentStatus.Status.ON_TRACK,
    AssignmentStatus.Status.AT_RISK,
    AssignmentStatus.Status.LATE,
    AssignmentStatus.Status.DONE,
)


class RiskText(NamedTuple):
    number: int
    title: str
    description: str
    measures: tuple[str, ...]  # a measure starting with "– " belongs to the one above
    situation: tuple[str, ...]  # paragraphs of the "Actuele situatie" in 2023-H1


# seed 001 §9 "Risico’s"
RISKS: tuple[RiskText, ...] = (
    RiskText(
        1,
        "Een pandemie met grote maatschappelijke consequenties, zoals COVID 19",
        (
            "Een nieuwe pandemie, anders dan COVID 19, kan een enorme impact hebben op jeugdigen en "
            "gezinnen. Deze kan namelijk nieuwe, meer en grotere problemen veroorzaken die impact "
            "hebben op de benodigde Basishulp Jeugd en de daarmee gepaard gaande (extra) kosten."
        ),
        (
            (
                "Laagdrempelige en binnen de maatregelen passende contactmomenten creëren zoals "
                "kennismakingssessies met jeugd- en jongerenwerk en schoolmaatschappelijk werk voor "
                "jeugdigen om eventuele problemen snel te signaleren en bespreekbaar te kunnen maken."
            ),
            "Verruimen van de inzet van de mobiele ontmoetingsplek.",
            (
                "Ontwikkelen van vitale buurten zodat samenredzaamheid ontstaat, waardoor mensen "
                "elkaar beter kunnen ondersteunen en helpen en daarmee de impact van een pandemie voor "
                "individuen en groepen kan worden verminderd."
            ),
            (
                "Met partijen uit het jeugdveld anticiperen op de consequenties van de pandemie en "
                "voortdurend werken aan het versterken van de veerkracht van jeugdigen en gezinnen. "
                "Het snel organiseren van noodopvang is hier een voorbeeld van."
            ),
            (
                "Ontwikkelen van collectieve programma’s om de veerkracht van jeugdigen te versterken "
                "zoals we dat tijdens COVID 19 hebben gedaan middels het ‘vriendenprogramma’ en "
                "‘head-up’."
            ),
            (
                "Ontwikkelen van alternatieve zorgvormen zoals blended care, filmpjes en zorg via "
                "bijvoorbeeld apps, die wel doorgang kunnen vinden binnen de afgekondigde maatregelen, "
                "met speciale aandacht voor kwetsbare gezinnen."
            ),
        ),
        (("Tot op heden is geen sprake geweest van een andere pandemie, anders dan de COVID 19 pandemie."),),
    ),
    RiskText(
        2,
        (
            "Schaarste op de arbeidsmarkt waardoor mogelijk onvoldoende gekwalificeerde professionals "
            "beschikbaar zijn voor het uitvoeren van de Basishulp Jeugd"
        ),
        (
            "Door de krapte op de arbeidsmarkt kunnen de hulpvragen van jeugdigen en gezinnen minder "
            "snel of niet worden opgepakt. Dit kan leiden tot grotere problemen voor jeugdigen en "
            "gezinnen en uiteindelijk tot hogere kosten voor de Basishulp Jeugd. Daarnaast kan krapte "
            "ertoe leiden dat personeel steeds meer eisen gaat stellen, die niet passen bij de "
            "geformuleerde opdracht en het daarbij horende financiële kader. Te denken valt aan hogere "
            "salariseisen en eisen inzake werktijden."
        ),
        (
            (
                "JENS profileert zich als aantrekkelijke werkgever, waar een professional zich vanuit "
                "het vakgebied kan ontwikkelen in de nieuwe manier van werken en de ruimte heeft om – "
                "binnen kaders – het werk zelf in te vullen."
            ),
            "Het bieden van doorontwikkelingsmogelijkheden die zijn gelieerd aan het vakgebied.",
            ("Mogelijkheden voor loopbaanontwikkeling door te switchen tussen JENS en moederorganisaties."),
            (
                "Het binden van personeel door het bieden van opleidingen die aansluiten bij de "
                "affiniteit en wens van de medewerker"
            ),
            ("Omscholingen van potentiële werknemers naar welzijn/jeugdhulp met behulp van bijvoorbeeld het UWV."),
            (
                "Ontwikkeling van groepsactiviteiten ter vervanging van individuele activiteiten, "
                "waardoor minder professionals nodig zijn om de benodigde hulp te leveren."
            ),
            (
                "Innovaties inzetten, zoals ehealth, blended care en apps om met minder mensen de "
                "benodigde hulp te kunnen uitvoeren."
            ),
            (
                "Hulpvraag- en doelgericht werken verder ontwikkelen, waardoor gerichter hulp kan "
                "worden geboden en personeel efficiënt kan worden ingezet."
            ),
            "Inzet van ervaringsdeskundigen in het aanbod van hulp.",
            "Ludieke wervingsacties die aansluiten bij de kernwaarden van JENS.",
        ),
        (
            (
                "De krapte op de arbeidsmarkt is een fors probleem voor JENS. Het gaat om krapte bij "
                "JENS maar ook bij de aanbieders die de uitbestede zorg vormgeven. Met name in de GGZ "
                "leidt dit tot – in de ogen van JENS – te lange wachtlijsten."
            ),
            (
                "In de overbrugging van de wachtlijsten zet JENS zorg in die niet de eerst aangewezen "
                "zorg is. Hier wordt wel al gewerkt aan de doelen maar de inzet die hierdoor nodig is, "
                "is langer dan wanneer de wachtlijsten er niet waren geweest. Dit leidt tot meer "
                "kosten binnen de lumpsum."
            ),
            (
                "Als gevolg van de krapte op de arbeidsmarkt worden ook forse CAO stijgingen "
                "afgesproken en gaan medewerkers sneller shoppen bij andere organisaties om de beste "
                "arbeidsvoorwaarden af te spreken. Dit kan direct consequenties hebben voor de "
                "passendheid van de tarieven die JENS hanteert."
            ),
        ),
    ),
    RiskText(
        3,
        "Beperkte medewerking van belangrijke samenwerkingspartners en stakeholders",
        (
            "De nieuwe manier van werken, zoals die is beschreven in de opdracht, is pas succesvol als "
            "al onze partners en stakeholders hier volledig achter staan en dit in hun gedrag ook "
            "laten zien. Denk hierbij aan huisartsen, gecertificeerde instellingen en onderwijs, maar "
            "ook de gemeentelijke toegang, ouders en partners van de aanpalende gebieden binnen "
            "jeugdhulp zoals Aanvullende Hulp."
        ),
        (
            (
                "Draagvlak creëren voor de nieuwe manier van werken bij partners en stakeholders door "
                "gesprekken, presentaties, casusbesprekingen, etc."
            ),
            (
                "Afspraken maken met de gemeenten HLV én partners die het gedachtegoed en de werkwijze "
                "van JENS een warm hart toedragen over de (gezamenlijke) inzet om draagvlak voor het "
                "nieuwe werken te creëren. Het delen van goede voorbeelden is daar een onderdeel van."
            ),
            (
                "Bijzondere aandacht voor het implementeren van de nieuwe manier van werken bij de "
                "toeleiding naar hulp zodat voor de Basishulp Jeugd een eenduidige koers wordt gevaren "
                "die voor alle stakeholders herkenbaar is:"
            ),
            (
                "– In alle gemeenten is het nieuwe proces van toeleiding geïmplementeerd. Nadrukkelijk "
                "wordt nu gestuurd op juiste uitvoering van dit proces vanuit JENS en de gemeenten."
            ),
            (
                "– In Voerendaal is een traject opgestart met een externe deskundige om de "
                "samenwerking tussen de gemeentelijke toegang en JENS te optimaliseren waarbij "
                "nadrukkelijk oog is voor de nieuwe manier van werken en hoe dit zich moet "
                "manifesteren in gedrag."
            ),
            (
                "– In Heerlen worden de eerste stappen gezet naar een integrale toegang met de "
                "gemeentelijke toegang, JENS en de WMO. Doelstelling is dat de sturing aan de toegang "
                "zoals bedoeld in de opdracht gefaciliteerd wordt."
            ),
            ("Partners een actieve rol geven in de transformaties die onder regie van JENS worden uitgevoerd."),
        ),
        (
            (
                "Een groot aantal partners acteert steeds beter binnen de opdracht. De toegang is "
                "echter een belangrijk onderdeel, waar voor een groot deel wordt bepaald hoe de hulp "
                "bij individuele casussen wordt ingericht."
            ),
            (
                "De gemeentelijke toegang is nog niet in de volle omvang gecommitteerd aan de "
                "opdracht. Dit leidt nog steeds tot (forse) discussies en noodgedwongen tot "
                "zorgmatches die niet aansluiten bij de bedoeling van de opdracht en het daarbij "
                "behorende financiële kader."
            ),
            "Dit laatste geldt ook voor een deel van de gecertificeerde instellingen.",
        ),
    ),
    RiskText(
        4,
        "(Autonome) toename van de vraag naar Basishulp Jeugd",
        (
            "Als het aantal unieke cliënten per jaar, het aantal cliënten per maand of de mate/ "
            "intensiteit van hulp structureel stijgen, zal de lumpsumvergoeding niet meer passend "
            "zijn. De lumpsum vergoeding is namelijk gebaseerd op de taak de cliëntaantallen te "
            "consolideren en in- en uitstroom in balans te brengen en is daarmee onderdeel van de "
            "opdracht."
        ),
        (
            (
                "Inzet van preventieve programma’s zoals empowermenttraining voor brugklassers en "
                "weerbaarheidstrainingen, maar ook MBO coaches en Maatschappelijke Diensttijd (MDT). "
                "Zo ontstaat een aanbod dat voorkomt dat jeugdigen in zorg komen."
            ),
            "Creëren van zorg-onderwijsteams die onder andere preventief werkzaam zijn.",
            (
                "Verandering van de mindset van alle partners en stakeholders binnen het jeugdveld, "
                "gericht op het tijdig en verantwoord afschalen van hulp zodat cliënten niet onnodig "
                "lang in zorg blijven en uitstroom wordt bevorderd."
            ),
            (
                "Ontwikkeling van vitale buurten met partners, zodat de samenredzaamheid duurzaam "
                "voorkomt dat aanspraak moet worden gemaakt op professionele hulp."
            ),
            (
                "Verbindingen leggen met het lokaal verenigingsleven en burgerinitiatieven die "
                "samenredzaamheid kunnen ondersteunen."
            ),
            (
                "Sterke verbinding leggen tussen specialistische en voorliggende zorg, waardoor delen "
                "van de zorg (en uiteindelijk de totale zorg) sneller op de vindplaats kan worden "
                "geïntegreerd."
            ),
            "Ontwikkeling van integrale expertise-instroomteams.",
            "Intensivering van samenwerking met huisartsen en andere verwijzers.",
        ),
        (
            (
                "Als gevolg van de COVID 19 pandemie zijn de cliëntaantallen vanaf januari 2021 fors "
                "gegroeid. Sinds mei 2022 dalen de cliëntaantallen langzaam maar ze zijn nog niet op "
                "het niveau van voor de pandemie."
            ),
            (
                "Naast de toename van het aantal cliënten zien we ook een toename van de complexiteit "
                "van de hulpvragen als gevolg van de pandemie. Dit wordt zichtbaar door een toename "
                "van de duur van trajecten en de hoogte van de afgegeven HBC’s (de vroegere "
                "arrangementen). Dit hoge aantal in combinatie met de toegenomen complexiteit van "
                "hulpvragen leidt tot hogere kosten voor JENS."
            ),
        ),
    ),
    RiskText(
        5,
        "Het uitblijven van een netto uitstroom van cliënten uit de Basishulp Jeugd",
        (
            "Op het moment dat de instroom hoger is dan de uitstroom, neemt het aantal cliënten in de "
            "Basishulp Jeugd toe. Dit leidt tot een toename van de kosten, met mogelijk een "
            "ontoereikende omvang van de lumpsum tot gevolg."
        ),
        (
            ("Doel- en vraaggericht werken met SMART-afspraken, ook over de afronding en uitstroom uit zorg."),
            (
                "Ontwikkeling van effectieve vormen om de vinger aan de pols te houden, zodat "
                "hulptrajecten sneller en met meer vertrouwen door de professionals kunnen worden "
                "afgesloten en daarmee de duur van hulp afneemt en de uitstroom wordt bevorderd."
            ),
            (
                "Zorg zoveel als mogelijk uitzetten in de gebiedsteams en zo min mogelijk uitbesteden "
                "bij zorgaanbieders."
            ),
            (
                "Zowel de leden als de strategische onderaannemers motiveren om zoveel mogelijk "
                "personeel voor de gebieden te leveren."
            ),
            (
                "Scholing vanuit JENS aanbieden aan professionals die actief zijn bij zorgaanbieders "
                "aan wie JENS hulp uitbesteedt."
            ),
            ("Aan de voorkant bij de zorgmatch duidelijke afspraken maken over duur en intensiteit van trajecten."),
        ),
        (
            (
                "Het aantal cliënten is vanaf januari 2021 fors gegroeid. JENS stuurt strak op de "
                "uitstroom. Sinds mei 2022 is de uitstroom hoger als de instroom waardoor het aantal "
                "cliënten dat in zorg is, afneemt. De afname van cliëntaantallen gaat echter niet in "
                "een snelheid die passend is bij de omvang van het financiële kader."
            ),
        ),
    ),
    RiskText(
        6,
        "Afwenteling van cliënten Basishulp Jeugd naar aanpalende voorzieningen",
        (
            "Cliënten kunnen onnodig in zwaardere aanpalende voorzieningen worden geplaatst, "
            "bijvoorbeeld residentiële jeugdhulp, zodat ze niet op de lumpsum van de Basishulp Jeugd "
            "drukken."
        ),
        (
            "Heldere en duidelijke in- en exclusiecriteria voor elk domein.",
            "Domein overschrijdende samenwerking, met het belang van de burger als centraal doel.",
            "Het tijdig inzetten van passende zorg.",
        ),
        (
            (
                "JENS kijkt bij iedere hulpvraag zorgvuldig of verlenging of de hulpvraag binnen de "
                "Basishulp Jeugd kan worden opgepakt. Regelmatig vinden gesprekken plaats, met name "
                "met de GI en de toegang van de gemeente, waarbij de vraag aan de orde is of de "
                "Basishulp Jeugd de voorliggende voorziening is."
            ),
            (
                "We zien dit met name bij stapelen op verblijf, GIK-J (passend bij de gemaakte "
                "afspraken), verlengde jeugdwet begeleiding (WMO) en behandeling (zorgverzekeringswet) "
                "en bij intensieve behandeling ter vervanging van een opname (GIK-J)."
            ),
            (
                "Als voor een hulpvraag financiering vanuit de Basishulp Jeugd wordt gevraagd en JENS "
                "van mening is dat dit niet voorliggend is, gaan wij het gesprek aan met de vragende "
                "partij. Vanuit de afspraken die zijn gemaakt, buigen we de vraag passend om. Als het "
                "risico bestaat dat passende zorg niet tijdig kan worden ingezet, geeft JENS het "
                "akkoord voor de zorg en pakken we het achter de schermen met elkaar op om het te "
                "regelen zoals dit binnen de financieringsstromen hoort."
            ),
        ),
    ),
    RiskText(
        7,
        "Opnieuw opleven van en gevolgschade door COVID 19 pandemie",
        (
            "De maatregelen die werden genomen door het Rijk in het kader van de COVID 19 pandemie "
            "hebben nog steeds grote effecten op jeugdigen en gezinnen, met een hoge zorgconsumptie en "
            "hoge kosten tot gevolg. Daarnaast is onbekend hoe de COVID 19 pandemie zich verder zal "
            "ontwikkelen, bijvoorbeeld in de vorm van nieuwe maatregelen door het Rijk, alsmede welke "
            "effecten hier nog van zijn te verwachten."
        ),
        (
            (
                "Het tijdig inzetten van passende zorg. Preventief aanwezig zijn zodat eventuele "
                "problemen als gevolg van de COVID 19 pandemie snel kunnen worden opgepakt en de "
                "gevolgen zo beperkt mogelijk blijven."
            ),
            (
                "Laagdrempelige en – indien aan de orde binnen de maatregelen – passende "
                "contactmomenten creëren, zoals kennismakingssessies met jeugd- en jongerenwerk en "
                "schoolmaatschappelijk werk voor jeugdigen om eventuele problemen snel te kunnen "
                "signaleren en bespreekbaar te kunnen maken."
            ),
            "Verruimen van de inzet van de mobiele ontmoetingsplek.",
            (
                "Het ontwikkelen van vitale buurten zodat samenredzaamheid ontstaat, waardoor de "
                "impact van een pandemie voor individuen en groepen kan worden verminderd."
            ),
            (
                "Met partijen uit het jeugdveld anticiperen op de consequenties van de pandemie en "
                "voortdurend werken aan het versterken van de veerkracht van jeugdigen en gezinnen. "
                "Het snel organiseren van noodopvang is hier een voorbeeld van."
            ),
            (
                "Groepsgerichte activiteiten zoals het ‘vriendenprogramma’ en ‘head-up’ verder "
                "ontwikkelen, daar die inspelen op de problematiek zoals die is ontstaan na de ‘eerste "
                "periode COVID 19’."
            ),
            (
                "Het ontwikkelen van alternatieve zorgvormen zoals blended care en filmpjes en zorg "
                "via bijvoorbeeld apps, die wel doorgang kunnen vinden binnen de afgekondigde "
                "maatregelen, met speciale aandacht voor kwetsbare gezinnen."
            ),
            (
                "Professionals in de instroomfase en tijdens de hulp standaard laten beoordelen welk "
                "deel van de hulpvraag COVID 19 is gerelateerd en dit inzichtelijk maken."
            ),
        ),
        (
            (
                "De COVID-19 pandemie ligt weliswaar achter ons maar de consequenties zijn nog steeds "
                "voelbaar binnen de doelgroep. We zien nog altijd dat meer jeugdigen en gezinnen in de "
                "problemen zijn gekomen als gevolg van de pandemie en nog steeds te maken hebben met "
                "de consequenties. Dat komt tot uiting in hogere cliëntaantallen in zorg en hulpvragen "
                "waar meer, langere en zwaardere inzet noodzakelijk is. We hebben meer trainingen in "
                "het voorliggend ingezet om delen van de toegenomen vraag op te pakken. Op deze manier "
                "wordt een deel van de groei van cliëntaantallen en de omvang van de zorg opgevangen."
            ),
        ),
    ),
    RiskText(
        8,
        (
            "Nieuwe initiatieven door derden of doorontwikkeling van bestaande initiatieven die niet "
            "passen binnen de vastgestelde lumpsum"
        ),
        (
            "Als andere partijen een initiatief, passend binnen de visie van de jeugdhulp, in gang "
            "zetten (bijvoorbeeld op het niveau van Zuid-Limburg) waarin JENS geen "
            "beslissingsbevoegdheden heeft en waardoor JENS de Basishulp Jeugd gedwongen anders moet "
            "inrichten of meer hulp binnen de lumpsum moet uitvoeren, kan dat consequenties hebben "
            "voor de uitnutting en daarmee de passendheid van de lumpsum. Een voorbeeld is de snelle "
            "en forse toename van de ambulantisering. Naast dit concrete voorbeeld gaat het hier "
            "echter ook om nog niet concreet te benoemen initiatieven."
        ),
        (
            (
                "Stakeholders instrueren, door JENS en gemeenten, zodat zij eventuele nieuwe "
                "initiatieven en doorontwikkeling van bestaande initiatieven met consequenties voor "
                "JENS, melden bij JENS en gemeenten."
            ),
            "Meebewegen met externe bewegingen door interne sturing en acties.",
            (
                "Afspraken maken met betrokken partijen over de opvang van de consequenties van de "
                "initiatieven voor de kosten binnen de Basishulp Jeugd."
            ),
        ),
        (
            (
                "JENS kijkt nauwgezet naar de doorontwikkeling van bestaande initiatieven of de "
                "opstart van nieuwe initiatieven zodat die niet ten koste gaat van de benodigde zorg "
                "voor cliënten. Dat betekent dat deze initiatieven alleen kunnen worden uitgevoerd als "
                "ze additioneel worden gefinancierd of duidelijk worden geprioriteerd binnen de "
                "mogelijkheden van het financiële kader."
            ),
        ),
    ),
    RiskText(
        9,
        (
            "Grote verandering met (tijdelijk) enorme sociale, maatschappelijke en economische "
            "gevolgen en daardoor toename van Basishulp Jeugd"
        ),
        (
            "Veranderingen op lokaal, regionaal, nationaal of mondiaal niveau kunnen een grote impact "
            "hebben op de vraag naar Basishulp Jeugd. De impact kan sociaal, maatschappelijk en/of "
            "economisch zijn. Te denken valt aan bijvoorbeeld een toestroom van "
            "statushouders/asielzoekers en/of vluchtelingen, een toename van inwoners met een lagere "
            "sociaaleconomische status door inflatie, of een groepstrauma door een ramp of ongeluk in "
            "Heerlen en/of Landgraaf en/of Voerendaal. Dit kan voor een afgebakende duur tot hogere "
            "cliëntaantallen leiden met mogelijk een hoge mate van complexiteit qua zorgvraag. Dit kan "
            "gedurende die periode leiden tot essentieel hogere kosten die niet in de lumpsum kunnen "
            "worden opgevangen."
        ),
        (
            "Trends en ontwikkelingen monitoren en tijdig scenario’s ontwikkelen.",
            (
                "Nieuwe, potentiële of groeiende doelgroepen snel identificeren en dan preventief "
                "aanwezig zijn binnen deze doelgroepen."
            ),
            "Nieuwe of groeiende doelgroepen verbinden aan het bestaande landschap van activiteiten.",
            "Verder ontwikkelen van (groeps-)activiteiten voor deze nieuwe of groeiende doelgroepen.",
        ),
        (
            (
                "Op dit moment verloopt de toestroom van asielzoekers, statushouders en vluchtelingen "
                "naar gemeenten grillig. De verwachting is dat deze toestroom grillig blijft verlopen. "
                "JENS heeft de gemeenten gevraagd steeds tijdig te worden meegenomen in "
                "ontwikkelingen, zodat JENS snel kan anticiperen op de nieuw ontstane situatie."
            ),
        ),
    ),
    RiskText(
        10,
        (
            "Door betere preventie worden voorheen onzichtbare hulpvragen zichtbaar, wat tot hogere "
            "lasten in de Basishulp Jeugd leidt"
        ),
        (
            "Door preventieve activiteiten ontstaat vroeg signalering waardoor meer problemen, die "
            "eerst niet zichtbaar waren, zichtbaar worden en leiden tot hulpvragen. De begeleiding en "
            "behandeling van hulpvragen in een vroeg stadium kunnen op het betreffende moment leiden "
            "tot hogere lasten in de Basishulp Jeugd. Preventief werken en vroeg signalering met de "
            "beschreven consequentie is onderdeel van de opdracht. Hierbij is sprake van een "
            "communicerend vat tussen de korte termijn kosten en de kosten op de lange termijn. Kosten "
            "die worden gerealiseerd in de preventieve sfeer, moeten worden terugverdiend op de lange "
            "termijn. Het risico bestaat echter dat het terugverdieneffect mogelijk niet of beperkt "
            "aanwezig is, zoals onderzoek ook aangeeft (AEF-rapport, Onderzoek structurele middelen "
            "jeugdhulp gepubliceerd, december 2020)."
        ),
        (
            "Bij preventie insteken op veerkracht en zelfredzaamheid.",
            (
                "Aanwezig zijn op de vindplekken waar we de hulp kunnen integreren in het bestaande "
                "(collectieve) aanbod."
            ),
            (
                "Verder ontwikkelen van trainingen in het voorliggend veld waarbij de kosten voor hulp "
                "gering kunnen blijven, in tegenstelling tot de kosten van individuele zorg."
            ),
            (
                "We dragen bij aan de ontwikkeling van vitale buurten waarbij samenredzaamheid als "
                "middel kan worden ingezet om inzet van hulp ten behoeve van vroeg gesignaleerde "
                "problemen te voorkomen."
            ),
        ),
        (
            (
                "JENS laat het voorliggend veld zoveel als mogelijk groeien ten laste van de zorg om "
                "preventief optimaal te kunnen acteren. Vooralsnog zijn er geen tekenen dat de "
                "toegenomen preventieve activiteiten de oorzaak zijn van een toename van het aantal "
                "cliënten of het toegenomen aantal hulpvragen."
            ),
        ),
    ),
    RiskText(
        11,
        ("Ontwikkelingen binnen de coöperatie die de uitvoering van de opdracht negatief kunnen beïnvloeden"),
        (
            "De coöperatie is samengesteld vanuit de optiek dat deze samenstelling het mogelijk maakt "
            "om de opdracht, zoals die voorligt, uit te voeren. Op het moment dat veranderingen "
            "optreden binnen de leden van de coöperatie, tussen de leden of dat leden wegvallen uit de "
            "coöperatie, kan dat direct impact hebben op de mogelijkheden met betrekking tot de "
            "uitvoering van de opdracht. De coöperatie en haar leden staan echter steeds samen aan de "
            "lat om de ontwikkelingen zodanig te managen dat de continuïteit van de opdracht – en "
            "daarmee de continuïteit van de Basishulp Jeugd – niet in gevaar komt."
        ),
        (
            (
                "Veelvuldige afstemming (formeel en informeel) tussen de leden van de coöperatie "
                "onderling en tussen de coöperatie en de leden."
            ),
            (
                "Blijven werken aan de vertrouwensband tussen de leden onderling en tussen de leden en "
                "de coöperatie door transparante communicatie."
            ),
            ("In gezamenlijkheid zoeken naar oplossingen voor problemen binnen en buiten de cirkel van de leden."),
        ),
        (
            (
                "Xonar heeft aangegeven graag uit de coöperatie JENS te willen stappen. In de aanloop "
                "naar een daadwerkelijke uittreding worden bepaalde diensten al niet meer geleverd "
                "door Xonar voor nieuwe cliënten."
            ),
            (
                "Om deze reden moet JENS nieuwe vormen van zorg ontwikkelen, wat impact heeft op de "
                "uitvoeringskracht van de overige transformaties. Daarnaast moet JENS op zoek naar "
                "arbeidskrachten in een krappe arbeidsmarkt om deze nieuwe vormen van zorg te "
                "realiseren. Dit werkt vertragend bij de realisatie van deze nieuwe vormen."
            ),
            (
                "Verder moet JENS andere, minder passende, vormen van hulp inzetten zolang de nieuwe "
                "vorm nog niet is geconcretiseerd. Dit leidt tot meer of langdurigere zorg om de "
                "hulpvraag te kunnen beantwoorden met verhoogde kosten als gevolg."
            ),
        ),
    ),
)

#: seed 000, "Risico en beheersing": the volume effect of the 2023 meerkosten is set
#: against risks 4 (autonomous growth of demand) and 5 (no net outflow), the price
#: effect against 6 (adjacent facilities) and 2 (labour-market scarcity, wage and
#: price indexation).
CLAIM_RISKS: dict[tuple[int, str], tuple[int, ...]] = {(2023, "Meerkosten 2023"): (4, 5, 6, 2)}

# seed 001 ch. 4
LINES = {
    1: "Met plezier naar school",
    2: "Lekker in je vel",
    3: "Dichtbij in de buurt",
    4: "Passende hulp voor jou",
}


class AssignmentText(NamedTuple):
    code: str
    line: int | None  # None: another development goal (seed 001 ch. 5)
    title: str
    goal: str
    target_date: dt.date | None
    status: str
    status_text: str


ASSIGNMENTS: tuple[AssignmentText, ...] = (
    # Programme line 1 - Met plezier naar school
    AssignmentText(
        "PL1-01", 1, "Borgen dat alle ouders deelnemen aan knooppunten",
        "Per 1-1-2023 hebben we gerealiseerd dat ouders/jeugdigen altijd aansluiten bij het knooppuntoverleg.",
        dt.date(2023, 1, 1), DONE,
        "Het uitgangspunt is: zonder aanwezigheid van ouders/jeugdige geen knooppunt.",
    ),
    AssignmentText(
        "PL1-02", 1, "GGZ-expertise toevoegen aan MBO-coaches",
        "Medio 2023 hebben we een collega met de GGZ-expertise toegevoegd aan het team MBO-coaches.",
        None, DONE, "Gerealiseerd.",
    ),
    AssignmentText(
        "PL1-03", 1, "Ontwikkeling leeratelier",
        "Vanaf schooljaar 2023-2024 heeft JENS minimaal één leeratelier ontwikkeld voor studenten van HSZ en Vista.",
        None, ON_TRACK, "Er lopen gesprekken met Zuyd om dit te verkennen.",
    ),
    AssignmentText(
        "PL1-04", 1, "Scholen als vindplek", "", None, ON_TRACK,
        "7 scholen zijn gelabeld als vindplek, zowel vanuit primair als voortgezet onderwijs. De criteria waaraan "
        "een inloop moet voldoen, zijn gedefinieerd. Aan de businesscases wordt nog gewerkt.",
    ),
    # Programme line 3 - Dichtbij in de buurt (nearest heading in the text; see the module docstring)
    AssignmentText(
        "PL3-01", 3, "Hybride werken",
        "Op 30-6-2023 hebben we zicht op de kennis inzake eHealth, zowel bij de leden als de landelijke platforms "
        "en best practices.",
        dt.date(2023, 6, 30), DONE,
        "Met Welzijnsgroep, CMWW en Heerlen STAND-BY! hebben we geïnventariseerd welke ontwikkelingen binnen deze "
        "organisaties plaatsvinden.",
    ),
    AssignmentText(
        "PL3-02", 3, "Hybride werken", "Eind 2023 zijn twee nieuwe hybride hulpvormen gerealiseerd.", None, ON_TRACK,
        "De training ‘Scheidingsatlas’ is de eerste hybride hulpvorm die is uitgerold. Samen met Heerlen STAND-BY! "
        "onderzoeken we de mogelijkheden om samen met dit thema aan de slag te gaan.",
    ),
    AssignmentText(
        "PL3-03", 3, "Huisartsenspreekuur", "", None, ON_TRACK,
        "Met de JENS medewerkers, die het huisartsenspreekuur vormgeven, is gesproken over uitbreiding van vaste "
        "contactpersonen naar spreekuren binnen de praktijk en daar waar dit gewenst is, zullen we dit uitbreiden.",
    ),
    AssignmentText(
        "PL3-04", 3, "Maatschappelijke Diensttijd (MDT)", "", None, ON_TRACK,
        "Het beoogde resultaat voor het eerste halfjaar was 97 aanmeldingen en 28 afgeronde trajecten. Behaalde "
        "resultaat is 114 aanmeldingen en 25 afgeronde trajecten. 10 MDT-ers zijn gestopt tijdens het traject.",
    ),
    AssignmentText(
        "PL3-05", 3, "Ervaringsdeskundigen voor VO-leerlingen", "", None, ON_TRACK,
        "De ervaringsdeskundigen zijn geworven ten behoeve van een betere aansluiting ten aanzien van het "
        "ondersteuning bieden aan VO-leerlingen. We kunnen nu doorgaan met het ontwikkelen en implementeren van "
        "trainingen.",
    ),
    AssignmentText(
        "PL3-06", 3, "Trainingen voor ervaringsdeskundigen", "", None, ON_TRACK,
        "Potentiële ervaringsdeskundigen werven en het ontwikkelen van trainingen voor jeugdigen die "
        "ervaringsdeskundige willen worden en het (door)ontwikkelen van een (bestaande) training t.b.v. vrijwilligers "
        "en medewerkers is nog lopende.",
    ),
    AssignmentText(
        "PL3-07", 3, "Samenwerking met verenigingen", "", None, ON_TRACK,
        "Verkennend onderzoek is gedaan bij vijf verenigingen. Naar aanleiding van dit onderzoek wordt in "
        "samenwerking met de betreffende verenigingen een plan van aanpak opgesteld om na de zomer uit te voeren.",
    ),
    # Programme line 4 - Passende hulp voor jou
    AssignmentText(
        "PL4-01", 4, "Verschuiving specialistische zorg naar gebieden",
        "Op 30-09-2023 zijn met de leden afspraken gemaakt over het bundelen van weinig voorkomende specialistische "
        "hulp in het gebied.",
        dt.date(2023, 9, 30), ON_TRACK,
        "Met MEE gaan we de BEER-training aanbieden ter voorkoming van de inzet van IVH. We voeren gesprekken met "
        "aanbieders op het gebied van hoogbegaafdheid om de expertise meer naar de vindplek te brengen en zorgvragen "
        "te bundelen.",
    ),
    AssignmentText(
        "PL4-02", 4, "Vakgroep ggz", "", None, ON_TRACK,
        "De vakgroep ggz is in mei 2023 gestart om te komen tot een gezamenlijke business case voor nieuw aanbod van "
        "ondersteuning op de vindplek van jeugdigen.",
    ),
    AssignmentText(
        "PL4-03", 4, "Zorgpad ADHD", "", None, ON_TRACK,
        "In mei is de pilot gestart om tot een zorgpad en verbeterde ketenaanpak ADHD te komen.",
    ),
    # Other development goals (ch. 5): in the areas
    AssignmentText(
        "OD-01", None, "Integraal werken",
        "Per 1-7-2023 hebben we in één gebied een integraal werkend team van JENS en Heerlen STAND-BY!",
        dt.date(2023, 7, 1), LATE,
        "Het besluit om over te gaan tot een integraal uitvoerend team JENS/Heerlen STAND-BY! is uitgesteld. Eerst "
        "realiseren we met de gemeente Heerlen medio 2024 de integrale toegang en daarna gaan we over tot integraal "
        "uitvoerende teams. Wel wordt integraal samengewerkt, bijv. 18-/18+ doelgroep, toegangsproces gebied 3 en MEL "
        "(Met Elkaar voor Landgraaf).",
    ),
    AssignmentText(
        "OD-02", None, "Integraal werken",
        "Per 1-8-2023 hebben we een integraal expertise- en instroomteam Jeugd, Gemeente en WMO.",
        dt.date(2023, 8, 1), ON_TRACK,
        "Met het expertiseteam hebben we toeleiding naar zorg geïmplementeerd en de eerste keer geëvalueerd.",
    ),
    AssignmentText(
        "OD-03", None, "Integraal werken",
        "Op 31-12-2023 ligt er een advies voor een domein overstijgend toeleiding proces.",
        dt.date(2023, 12, 31), ON_TRACK, "Lopend plan integrale toegang (gemeente, WMO en Jeugd).",
    ),
    AssignmentText(
        "OD-04", None, "Integraal werken",
        "Eind 2023 hebben we een plan van aanpak voor de doorstroom van zorg voor doelgroep 18-/18+.",
        None, DONE,
        "Analyse doorstroom doelgroep 18-/18+ is gemaakt met relevante partners. Monitor is ontwikkeld en plan van "
        "aanpak is gereed.",
    ),
    AssignmentText(
        "OD-05", None, "Doelgericht werken",
        "Medewerkers trainen in doel- en vraaggericht werken. In 2023 organiseren we vier kenniscarrousels.",
        None, ON_TRACK, "Twee kenniscarrousels gerealiseerd waarin medewerkers worden geschoold.",
    ),
    AssignmentText(
        "OD-06", None, "Doelgericht werken",
        "Opzetten van het gebiedsplan met een SMART-geformuleerd doel. Per kwartaal wordt het gebiedsplan door een "
        "gedragswetenschapper (GW-er) van een ander gebied gemonitord.",
        None, DONE, "Ieder gebiedsplan heeft SMART doelen en controle vindt plaats.",
    ),
    AssignmentText(
        "OD-07", None, "Actuele introductiegids voor nieuwe medewerkers",
        "Ieder kwartaal wordt de introductiegids geactualiseerd na uitvoering van de kenniscarrousel.",
        None, DONE, "Introductiegids is geactualiseerd.",
    ),
    AssignmentText(
        "OD-08", None, "Uniform inzetten van een inwerkprogramma in alle gebieden",
        "Ieder gebied hanteert het inwerkprogramma op dezelfde wijze, met ruimte voor de kleur van het gebied.",
        None, DONE,
        "Ieder gebied hanteert hetzelfde inwerkprogramma met ruimte voor couleur locale. In het najaar wordt het "
        "programma geëvalueerd en zo nodig bijgesteld.",
    ),
    AssignmentText(
        "OD-09", None, "JENS-breed implementeren van kennis en ervaring uit de pilot ‘het jonge kind’",
        "Alle gedragswetenschappers hebben de scholing positief afgerond en de SKJ punten behaald.",
        None, ON_TRACK, "Accreditering van de training is nog niet gereed.",
    ),
    # Other development goals (ch. 5): management team and operations
    AssignmentText(
        "OD-10", None, "Transformatieopdrachten zorgaanbieders",
        "Per 31-3-2023 hebben we met minimaal tien zorgaanbieders specifieke transformatieopdrachten afgestemd.",
        dt.date(2023, 3, 31), DONE, "We hebben transformatieafspraken gemaakt met twintig zorgaanbieders.",
    ),
    AssignmentText(
        "OD-11", None, "Monitoring zorgaanbieders",
        "Op 31-12-2023 hebben we 27 monitorgesprekken met zorgaanbieders gevoerd.",
        dt.date(2023, 12, 31), ON_TRACK,
        "We hebben monitorgesprekken, passend bij de transformatieafspraken, gevoerd met twintig aanbieders. Met "
        "twaalf andere zorgaanbieders hebben we verbindingsgesprekken gevoerd.",
    ),
    AssignmentText(
        "OD-12", None, "Klankbordgroep",
        "Op 1-7-2023 bestaat de klankbordgroep uit drie ouders en vijf jeugdigen.",
        dt.date(2023, 7, 1), AT_RISK,
        "De klankbordgroep bestaat uit vijf ouders/ouderparen en meerdere personen vanuit burgerplatforms. De werving "
        "voor de klankbordgroep jongeren is in juni gestart. Zodra er drie jongeren zijn gevonden, starten we met de "
        "Jeugdraad.",
    ),
    AssignmentText(
        "OD-13", None, "Jeugdige inzetten als JENS journalist",
        "Op 1-7-2023 heeft een jeugdige een rol als (vrijwillig) journalist binnen JENS om ervaringsverhalen te "
        "verzamelen.",
        dt.date(2023, 7, 1), LATE,
        "Plan van aanpak is gemaakt. Door ziekte van de kartrakker start de werving van jongeren pas na de zomer.",
    ),
    AssignmentText(
        "OD-14", None, "Ervaringsverhalen publiceren", "Eind 2023 heeft JENS acht ervaringsverhalen gepubliceerd.",
        None, ON_TRACK, "In het eerste halfjaar zijn twee ervaringsverhalen gepubliceerd.",
    ),
)  # fmt: skip

# seed 003 §6.12 "Inverdien effecten financieel x € 1.000", 2019 / 2020 / 2021; the
# descriptions are the words of §6.11.3 (and §6.14 for the Wlz inflow) where it names the project
SAVING_YEARS = (2019, 2020, 2021)
SAVINGS: dict[str, tuple[int, int, int]] = {
    "Huisartsen re-routing": (0, 240, 1240),
    "Peuterspeelzaal plus": (0, 0, 400),
    "Kinderdagverblijf Extra": (200, 460, 760),
    "Startklassen": (375, 450, 630),
    "Kantelklassen": (0, 280, 400),
    "MBO teams (pilot)": (0, 0, 100),
    "Instroom Wet langdurige zorg": (0, 0, 350),
    "Rootz": (200, 500, 500),
}
PROJECT_DESCRIPTIONS = {
    "Huisartsen re-routing": (
        "JENS zet in op samenwerking met huisartsen en –praktijken om een betere verwijzing te realiseren en "
        "onnodige instroom in de specialistische GGZ-hulp te voorkomen."
    ),
    "Peuterspeelzaal plus": (
        "Kinderen gaan niet naar een speciale voorziening maar kunnen naar een reguliere peuterspeelzaal door de "
        "inzet van professionele ondersteuning van JENS: totaal aantal kinderen 403 kinderen, inzet JENS bij 34 "
        "kinderen."
    ),
    "Startklassen": (
        "Kinderen krijgen extra ondersteuning door JENS waardoor ze naar de gewone basisschool kunnen. Inzet JENS "
        "voor 54 kinderen."
    ),
    "Kantelklassen": (
        "Kantelklas: Kinderen van 4-8 met een onderwijsbehoefte maar niet schoolrijp zijn, Uitstroomprofiel naar "
        "speciaal basisonderwijs. Inzet JENS voor 8 kinderen."
    ),
    "MBO teams (pilot)": (
        "Speciale begeleiding door JENS voor leerlingen van het Vistacollege en het Citaverdecollege voor 129 "
        "leerlingen. Voor veel leerlingen is instroom in specialistische GGZ zorg voorkomen."
    ),
    "Instroom Wet langdurige zorg": (
        "JENS maakt gebruik van de expertise van de coöperatieleden Radar en Koraal om voor daarvoor in aanmerking "
        "komende jeugdigen een Wlz-indicatie aan te vragen."
    ),
    "Rootz": (
        "ROOTZ-regulier: kinderen in de leeftijd van 4-16 jaar met een naschools begeleidingstraject. ROOTZ plus: "
        "kinderen in de leeftijd van 4-16 jaar met een naschools behandelingstraject."
    ),
}
SAVING_NOTES = {
    ("Peuterspeelzaal plus", 2019): "De bron drukt deze rij af als “400 / 400 / stagnatie door Corona”; alleen "
    "0 / 0 / 400 laat de kolomtotalen 775 / 1.930 / 4.380 sluiten.",
}

# seed 001 ch. 4, Programmalijn 3 (status box): planned against realised in 2023-H1
MDT = "Maatschappelijke Diensttijd (MDT)"
TARGETS: tuple[tuple[str, str, str, int, int], ...] = (
    (MDT, PERIOD, "aanmeldingen", 97, 114),
    (MDT, PERIOD, "afgeronde trajecten", 28, 25),
)

# seed 001 Bijlage 2 "Aantal FTE gebiedsteams en voorliggend veld"
FTE_DATES = (
    dt.date(2020, 6, 30), dt.date(2020, 12, 31), dt.date(2021, 6, 30), dt.date(2021, 12, 31),
    dt.date(2022, 6, 30), dt.date(2022, 12, 31), dt.date(2023, 6, 30),
)  # fmt: skip
FTE: dict[str, tuple[str, ...]] = {
    HEERLEN: ("109.3", "114.8", "112.4", "118.8", "113.3", "120.9", "121.9"),
    LANDGRAAF: ("33.5", "34.8", "36.6", "37.2", "33.8", "37.8", "38.4"),
    VOERENDAAL: ("8.5", "8.3", "9.0", "9.6", "8.5", "8.6", "9.1"),
}

# seed 001 ch. 1, 2 and 6 (whole paragraphs of the source; chapters shortened)
INTRODUCTION = """\
Intussen zijn we in de tweede opdracht voor JENS terechtgekomen. In eerste instantie een opdracht voor 5 jaar met \
nog drie keer een optie om telkens met 2 jaar te verlengen. Deze termijnen bieden de mogelijkheid om hetgeen in de \
eerste opdracht is neergezet, te verduurzamen en verder uit te bouwen.

We worden steeds beter in wat we doen en de uitdagingen die voor ons liggen zijn steeds moeilijker of slechts met \
meer energie te bereiken. Er liggen echter nog behoorlijk wat uitdagingen in het realiseren van het gewenste \
‘jeugd-landschap’ in Heerlen, Landgraaf en Voerendaal. In de offerte voor deze nieuwe opdracht hebben we deze \
uitdagingen geëxpliciteerd. Eind 2022 en in de eerste helft van 2023 zijn we aan de slag gegaan met het \
concretiseren van onze beloftes in de offerte. In deze eerste halfjaarrapportage van 2023 kunt u lezen hoe ver we \
zijn in het realiseren van deze beloftes.

Uiteraard moeten we oog houden voor de balans want zonder organisaties die de expertise van de betrokken \
medewerkers op peil houden, gaan we de wedstrijd ook niet winnen. Hoe we het ook wenden of keren, het is in de \
huidige tijd niet eenvoudig om een organisatie gezond te houden, door onder meer de krapte op de arbeidsmarkt en de \
forse CAO-stijgingen waar werkgevers mee te maken krijgen. Alleen door het samen anders te blijven doen kunnen we \
deze uitdagingen het hoofd bieden.

In de eerste helft van 2023 hebben we met ons lid Xonar de eerste stappen gezet om te komen tot een duurzame \
oplossing binnen Heerlen, Landgraaf en Voerendaal met het oog op de problemen die bij Xonar zijn ontstaan. Samen \
onderzoeken we hoe we de continuïteit van jeugdzorg in de drie gemeenten kunnen garanderen zonder dat dit de \
continuïteit van Xonar onder druk zet vanuit de het construct JENS. De verwachting is dat we dit proces in de \
tweede helft van 2023 kunnen afronden.

Deze halfjaarrapportage geeft u inzicht in de stand van zaken en zal het gevoel meegeven dat we weer een stap \
verder zijn dan een halfjaar geleden."""

COMMUNICATION = """\
In de eerste helft van 2023 hebben we onze informatievoorziening op de volgende manier uitgebreid:
- In 2022 ontwikkelden we, voor alle trainingen in het voorliggend veld, al een flyer met informatie voor ouders \
en/of jeugdigen. In de eerste helft van dit jaar hebben we aan elke training een aanmeldformulier toegevoegd. \
Ouders, jeugdigen en verwijzers kunnen zich via dit formulier direct en laagdrempelig aanmelden voor een training. \
Na aanmelding vindt een intake plaats waarin wordt bekeken of de training passend is bij de hulpvraag.
- Van twee van onze trainingen zijn video opnames gemaakt. Deze opnames worden verwerkt tot korte, informatieve \
video’s, die ouders en jeugdigen een beeld geven van de inhoud en het doel van de trainingen. Deze video’s worden \
na de zomer op de website gepubliceerd. In de tweede helft van het jaar staat nog een drietal video’s gepland.
- Samen met de HR-adviseur hebben we een opzet gemaakt voor een nieuwe arbeidsmarktbenadering. De resultaten \
hiervan worden in de tweede helft van het jaar zichtbaar.
- In het afgelopen halfjaar werkten we aan de vernieuwde opzet van de halfjaar- en jaarrapportage. In de nieuwe \
opzet is ervoor gekozen om meer visuele elementen toe te voegen en daarmee de ‘leesbaarheid’ te verbeteren. De \
resultaten hiervan zijn zichtbaar in deze rapportage.

Intern is veel aandacht besteed aan het beter toerusten van medewerkers. Dit kreeg op verschillende manieren vorm:
- Voor de schoolmaatschappelijk werkers op het VO en de MBO-coaches ontwikkelden we posters en visitekaartjes om \
het contact met leerlingen gemakkelijker te maken. Zowel posters als visitekaartjes zijn per school voorzien van \
een QR-code die linkt naar de informatie en de contactgegevens voor de betreffende school.
- Social media zijn een belangrijke manier om in contact met ouders en jongeren te komen en te blijven. Om onze \
medewerkers te faciliteren in het gebruik van social media, organiseerden we samen met Heerlen STAND-BY! en de \
Welzijnsgroep een korte workshop ‘Video maken met je smartphone’.

JENS verscheen het afgelopen halfjaar als volgt in de media:
- Jongeren in Heerlen maken voedselpakketten tijdens ramadan - 1Limburg"""

HUMAN_RESOURCES = """\
De transformatie waar JENS mee te maken heeft, doet een groot beroep op een ieders wendbaarheid en flexibiliteit. \
Dit vraagt veel van onze collega’s. Om medewerkers hierin vanuit JENS te faciliteren, talenten te benutten en te \
behouden en om de authenticiteit vanuit JENS te benadrukken, is een aparte strategische meerjaren visie HRM voor \
JENS noodzakelijk en in de afgelopen periode tot stand gekomen.

In deze HR-visie hebben de missie en visie van JENS hun HR-vertaling gevonden en omgezet naar een drietal \
speerpunten:
- Benutten van kracht en talenten;
- Gedreven om te transformeren;
- Bevorderende omstandigheden.

De arbeidsmarkt blijft in beweging en nog steeds hebben we te maken met krapte op de arbeidsmarkt. Zeker voor de \
jeugdzorg is het in de huidige arbeidsmarkt vaak moeilijk om goede gekwalificeerde medewerkers aan te trekken. \
Lastig in te vullen vacatures worden steeds meer een complex vraagstuk. Daarom is het belangrijk dat we ons \
onderscheiden van anderen.

Ook het blijven boeien en binden van medewerkers en voorkomen dat ze JENS verlaten, blijft een uitdaging. De \
‘zittende’ collega’s zijn dan ook onderdeel van ons actieve arbeidsmarktbeleid. Het is namelijk net zo belangrijk \
om nieuw talent aan te trekken als om onze huidige collega’s te binden en te boeien.

De opgedane ervaringen met het WIZZR systeem vormen een prima basis voor de administratieve vastleggingen. Vanuit \
deze basis gaan we in het tweede halfjaar 2023 meer focus leggen op het benutten van de kansen die worden geboden \
in het kader van SROI. In Q3 van 2023 staat een gezamenlijke bijeenkomst gepland met WSP en de leden van JENS om de \
SROI kansen met elkaar te delen."""

TEXTS = {
    PeriodText.Kind.INTRODUCTION: INTRODUCTION,
    PeriodText.Kind.COMMUNICATION: COMMUNICATION,
    PeriodText.Kind.HR: HUMAN_RESOURCES,
}

# seed 000, footnote 2
BUDGET_ADJUSTMENTS = (
    (
        LANDGRAAF, 2023, Decimal(1145600), dt.date(2023, 12, 14), Decimal(239748),
        "Bij raadsbesluit d.d. 14 december 2023 is de begroting 2023 in Landgraaf al voor € 1.145.600 bijgesteld, "
        "€ 239.748 wordt opgevangen binnen de onderschrijding op de overige budgetten jeugdhulp (inkoopregeling "
        "jeugd ZL) in 2023.",
    ),
)  # fmt: skip


@transaction.atomic
def load_demo_registers() -> dict[str, int]:
    """Store (or update) the registers of the sources; returns the number of rows per register."""
    counts: dict[str, int] = {}

    risks = {}
    for r in RISKS:
        risks[r.number], _ = Risk.objects.update_or_create(
            number=r.number,
            defaults={"title": r.title, "description": r.description, "control_measures": "\n".join(r.measures)},
        )
        RiskSituation.objects.update_or_create(
            risk=risks[r.number], period=PERIOD, defaults={"text": "\n\n".join(r.situation)}
        )
    counts["risks"] = counts["risk situations"] = len(RISKS)

    links = 0
    for (year, title), numbers in CLAIM_RISKS.items():
        claim = Claim.objects.filter(year=year, title=title).first()
        if claim is None:  # the finance figures are not loaded
            continue
        for number in numbers:
            risks[number].claims.add(claim)
            links += 1
    counts["claim links"] = links

    lines = {}
    for number, title in LINES.items():
        lines[number], _ = ProgrammeLine.objects.update_or_create(number=number, defaults={"title": title})
    counts["programme lines"] = len(lines)

    for a in ASSIGNMENTS:
        assignment, _ = Assignment.objects.update_or_create(
            code=a.code,
            defaults={
                "line": lines[a.line] if a.line else None,
                "title": a.title,
                "goal": a.goal,
                "target_date": a.target_date,
            },
        )
        AssignmentStatus.objects.update_or_create(
            assignment=assignment, period=PERIOD, defaults={"status": a.status, "text": a.status_text}
        )
    counts["assignments"] = counts["assignment statuses"] = len(ASSIGNMENTS)

    projects = {}
    for name, amounts in SAVINGS.items():
        projects[name], _ = Project.objects.update_or_create(
            name=name, defaults={"description": PROJECT_DESCRIPTIONS.get(name, "")}
        )
        for year, thousands in zip(SAVING_YEARS, amounts, strict=True):
            ProjectSaving.objects.update_or_create(
                project=projects[name],
                year=year,
                defaults={
                    "amount": Decimal(thousands) * 1000,
                    "note": SAVING_NOTES.get((name, year), ""),
                    "source": S003 + " §6.12",
                },
            )
    counts["project savings"] = len(SAVINGS) * len(SAVING_YEARS)

    for name, period, measure, planned, realised in TARGETS:
        project = projects.get(name)
        if project is None:
            project, _ = Project.objects.update_or_create(name=name, defaults={})
            projects[name] = project
        ProjectTarget.objects.update_or_create(
            project=project,
            period=period,
            measure=measure,
            defaults={"planned": planned, "realised": realised, "source": S001 + " hoofdstuk 4"},
        )
    counts["projects"] = len(projects)
    counts["project targets"] = len(TARGETS)

    municipalities = {m.code: m for m in Municipality.objects.filter(code__in=FTE)}
    for code, values in FTE.items():
        for date, fte in zip(FTE_DATES, values, strict=True):
            WorkforceFte.objects.update_or_create(
                municipality=municipalities[code],
                date=date,
                defaults={"fte": Decimal(fte), "source": S001 + " bijlage 2"},
            )
    counts["workforce fte"] = len(FTE) * len(FTE_DATES)

    for kind, text in TEXTS.items():
        PeriodText.objects.update_or_create(period=PERIOD, kind=kind, municipality=None, defaults={"text": text})
    counts["period texts"] = len(TEXTS)

    for code, year, amount, decided_on, absorbed, note in BUDGET_ADJUSTMENTS:
        BudgetAdjustment.objects.update_or_create(
            municipality=municipalities[code],
            year=year,
            defaults={
                "amount": amount,
                "decided_on": decided_on,
                "absorbed": absorbed,
                "note": note,
                "source": S000 + ", voetnoot 2",
            },
        )
    counts["budget adjustments"] = len(BUDGET_ADJUSTMENTS)
    return counts
