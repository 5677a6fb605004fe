"""The texts of ``_yamlmessages``: every English problem text of PyYAML and libyaml with its
Dutch sentence (``RULES``), the constructs in Dutch (``CONTEXTS``) and the fallback."""

from __future__ import annotations

from dataclasses import dataclass

from ._limits import too_deep_message

PREFIX = "De YAML-opmaak klopt niet: "
FALLBACK = (
    "De YAML-opmaak klopt hier niet. Controleer op deze plek de inspringing (alleen spaties), "
    "de dubbele punten na de veldnamen en de aanhalingstekens rond teksten."
)
QUOTE_HINT = "Zet de tekst dan tussen aanhalingstekens."
UNSAFE_TAG = (
    "Deze waarde heeft een onbekende of onveilige tag (een woord dat met '!' begint). Stramien "
    "leest alleen gewone YAML-waarden: tekst, getallen, datums, ja/nee, lijsten en blokken."
)


@dataclass(frozen=True)
class Rule:
    """English problem texts (regular expressions, matched at the start) and their Dutch.

    ``dutch`` may use ``{found}`` (what stands there, in Dutch: "een tab", "het teken '@'"),
    ``{found_part}`` (", maar er staat ..."), ``{found_paren}`` (" (er staat ...)"),
    ``{found_colon}`` (": ..."), ``{found_lead}`` ("hier staat ... waar dat niet kan; "), all
    empty when the English names nothing; ``{raw}`` (the quoted text PyYAML names),
    ``{raw_bare}``, ``{char}`` and the named groups of the pattern. ``plain`` is used instead
    when the English names nothing and ``dutch`` needs it. ``context`` limits the rule to one
    kind of construct. ``at_context``: the position where the construct began says more than
    where the reader noticed the problem. ``prefix``: the message starts with
    "De YAML-opmaak klopt niet: ".
    """

    english: tuple[str, ...]
    dutch: str
    plain: str | None = None
    context: str | None = None
    at_context: bool = False
    prefix: bool = True


_INDENT_MAP = (
    "{found_lead}controleer de inspringing. Een veld van dit blok hoort precies even ver in "
    "te springen als de andere velden, met een dubbele punt na de veldnaam"
)
_INDENT_LIST = (
    "{found_lead}controleer de inspringing. Elk onderdeel van deze lijst begint met '- ', "
    "precies even ver ingesprongen als de andere onderdelen"
)
_DOCUMENT_CLOSED = (
    "het document is hier al afgesloten, maar er volgt nog meer{found_colon}. Een regel met "
    "alleen '...', of een document dat bovenaan uit één blok tussen {{ }} of lijst tussen [ ] "
    "bestaat, sluit het document af; haal dat weg"
)
_VERSION = (
    "het versienummer na %YAML klopt niet{found_paren}; schrijf bijvoorbeeld %YAML 1.2, of "
    "laat de regel weg"
)
_ANCHOR_NAME = (
    "de naam van een anker (&) of verwijzing (*) bestaat alleen uit letters, cijfers, '-' en "
    "'_'{found_part}. Begint een tekst met '&' of '*'? " + QUOTE_HINT
)
_DIRECTIVE_NAME = (
    "na '%' aan het begin van een regel hoort YAML of TAG{found_part}. Begint een tekst met "
    "'%'? " + QUOTE_HINT
)

RULES: tuple[Rule, ...] = (
    # --- Scanner: tabs and characters that cannot start anything -----------------------
    Rule(
        (
            r"found character '\\t' that cannot start any token",
            r"found a tab character that violates indentation",
            r"found a tab character where an indentation space is expected",
        ),
        "Gebruik spaties in plaats van een tab",
        prefix=False,
    ),
    Rule(
        (r"found character (?P<found>'[@`]') that cannot start any token",),
        "{found} is in YAML gereserveerd: een waarde kan er niet mee beginnen. Zet een tekst "
        "die ermee begint tussen aanhalingstekens",
    ),
    Rule(
        (r"found character (?P<found>'%') that cannot start any token",),
        "een regel met '%' mag alleen bovenaan staan, vóór '---'. Begint een tekst met '%'? "
        + QUOTE_HINT,
    ),
    Rule(
        (
            r"found character (?P<found>.+) that cannot start any token",
            r"found character that cannot start any token",
        ),
        "hier kan geen waarde beginnen met {found}. Hoort het bij een tekst? " + QUOTE_HINT,
        plain="dit teken kan hier geen waarde beginnen. Hoort het bij een tekst? " + QUOTE_HINT,
    ),
    # --- Scanner: keys, values and list entries in the wrong place --------------------
    Rule(
        (r"could not find expected ':'",),
        "na deze veldnaam ontbreekt de dubbele punt (':'). Loopt een tekst door op een nieuwe "
        "regel? Spring die regel dan verder in, of zet de tekst tussen aanhalingstekens",
        at_context=True,
    ),
    Rule(
        (
            r"mapping values are not allowed here",
            r"mapping values are not allowed in this context",
            r"found unexpected ':'",
        ),
        "er staat een dubbele punt op een plek waar dat niet kan. Staat er een ':' in een "
        "tekst? Zet de tekst dan tussen aanhalingstekens. Anders klopt de inspringing niet",
    ),
    Rule(
        (
            r"sequence entries are not allowed here",
            r"block sequence entries are not allowed in this context",
        ),
        "hier kan geen lijstonderdeel ('- ') beginnen. Een lijst begint op een nieuwe regel "
        "onder de veldnaam; controleer de inspringing",
    ),
    Rule(
        (
            r"mapping keys are not allowed here",
            r"mapping keys are not allowed in this context",
        ),
        "hier kan geen veldnaam met '?' beginnen; controleer de inspringing",
    ),
    # --- Scanner: anchors, aliases and directives ------------------------------------
    Rule(
        (
            r"expected alphabetic or numeric character, but found (?P<found>.+)",
            r"did not find expected alphabetic or numeric character",
        ),
        _ANCHOR_NAME,
        context="anchor|alias",
    ),
    Rule(
        (
            r"expected alphabetic or numeric character, but found (?P<found>.+)",
            r"did not find expected alphabetic or numeric character",
            r"found unexpected non-alphabetical character",
            r"could not find expected directive name",
            r"found unknown directive name",
        ),
        _DIRECTIVE_NAME,
    ),
    Rule(
        (
            r"expected a digit or '\.', but found (?P<found>.+)",
            r"expected a digit or ' ', but found (?P<found>.+)",
            r"expected a digit, but found (?P<found>.+)",
            r"did not find expected digit or '\.' character",
            r"did not find expected version number",
            r"found extremely long version number",
        ),
        _VERSION,
    ),
    Rule(
        (r"expected ' ', but found (?P<found>.+)", r"did not find expected whitespace$"),
        "hier hoort een spatie{found_part}",
    ),
    # --- Scanner: block scalars (| and >) ------------------------------------------------
    Rule(
        (
            r"expected indentation indicator in the range 1-9, but found 0",
            r"found an indentation indicator equal to 0",
        ),
        "na '|' of '>' mag als inspringing alleen een cijfer van 1 tot en met 9 staan, geen 0",
    ),
    Rule(
        (r"expected chomping or indentation indicators, but found (?P<found>.+)",),
        "na '|' of '>' mogen op dezelfde regel alleen '+', '-', een cijfer van 1 tot en met 9 "
        "of commentaar (na '#') staan{found_part}",
    ),
    Rule(
        (
            r"expected a comment or a line break, but found (?P<found>.+)",
            r"did not find expected comment or line break",
            r"did not find expected whitespace or line break",
        ),
        "na '|' of '>' mogen op dezelfde regel alleen '+', '-', een cijfer van 1 tot en met 9 "
        "of commentaar (na '#') staan{found_part}",
        context="block scalar",
    ),
    Rule(
        (
            r"expected a comment or a line break, but found (?P<found>.+)",
            r"did not find expected comment or line break",
            r"did not find expected whitespace or line break",
        ),
        "hier hoort het einde van de regel, eventueel met commentaar na '#'{found_part}",
    ),
    # --- Scanner: quoted texts -------------------------------------------------------------
    Rule(
        (
            r"expected escape sequence of (?P<count>\d+) hexadecimal numbers, "
            r"but found (?P<found>.+)",
        ),
        "na deze escape-code horen {count} hexadecimale cijfers (0-9, a-f){found_part}",
    ),
    Rule(
        (r"did not find expected hexdecimal number",),
        "na \\x, \\u of \\U horen 2, 4 of 8 hexadecimale cijfers (0-9, a-f)",
    ),
    Rule(
        (r"found unknown escape character (?P<found>.+)", r"found unknown escape character"),
        "'\\{char}' is geen bestaande escape-code. Tussen dubbele aanhalingstekens begint een "
        "backslash (\\) een escape-code: schrijf \\\\ voor een backslash, of zet de tekst "
        "tussen enkele aanhalingstekens",
        plain="na deze backslash (\\) staat een onbekende escape-code. Tussen dubbele "
        "aanhalingstekens begint een backslash een escape-code: schrijf \\\\ voor een "
        "backslash, of zet de tekst tussen enkele aanhalingstekens",
    ),
    Rule(
        (r"found invalid Unicode character escape code",),
        "deze \\u- of \\U-escape-code geeft geen geldig teken (bijvoorbeeld een losse surrogaat "
        "tussen \\ud800 en \\udfff, of een getal boven \\U0010FFFF)",
    ),
    Rule(
        (r"found unexpected end of stream",),
        "het afsluitende aanhalingsteken van deze tekst ontbreekt: het bestand houdt op "
        "voordat de tekst is afgesloten",
        context="quoted",
        at_context=True,
    ),
    Rule(
        (r"found unexpected end of stream",),
        "het bestand houdt op midden in een waarde",
    ),
    Rule(
        (r"found unexpected document separator", r"found unexpected document indicator"),
        "in deze tekst tussen aanhalingstekens begint een regel met '---' of '...'; in YAML "
        "betekent dat het begin of einde van een document. Laat die regel inspringen",
    ),
    # --- Scanner: tags ---------------------------------------------------------------------
    Rule(
        (r"expected '>', but found (?P<found>.+)", r"did not find the expected '>'"),
        "een tag van de vorm !<...> mist de afsluitende '>'{found_paren}",
    ),
    Rule(
        (r"expected '!', but found (?P<found>.+)", r"did not find expected '!'"),
        "de afkorting van een tag moet met '!' eindigen{found_part}",
    ),
    Rule(
        (r"expected URI, but found (?P<found>.+)", r"did not find expected tag URI"),
        "na '!' hoort de naam van een tag{found_part}",
    ),
    Rule(
        (
            r"expected URI escape sequence of 2 hexadecimal numbers, but found (?P<found>.+)",
            r"did not find URI escaped octet",
        ),
        "na '%' in een tag horen twee hexadecimale cijfers (0-9, a-f){found_part}",
    ),
    Rule(
        (
            r"'[\w-]+' codec can't decode",
            r"found an incorrect leading UTF-8 octet",
            r"found an incorrect trailing UTF-8 octet",
        ),
        "de %-codes in deze tag vormen geen geldige UTF-8-tekst",
    ),
    # --- Nesting ---------------------------------------------------------------------------
    Rule((r"exceeded maximum nesting depth",), too_deep_message(), prefix=False),
    # --- Parser ----------------------------------------------------------------------------
    Rule(
        (
            r"expected '<document start>', but found (?P<found>.+)",
            r"did not find expected <document start>",
        ),
        _DOCUMENT_CLOSED,
    ),
    Rule((r"did not find expected <stream-start>",), "het begin van het bestand klopt niet"),
    Rule(
        (r"found duplicate %?YAML directive",),
        "de regel %YAML staat er meer dan één keer; laat er één staan",
    ),
    Rule(
        (r"found incompatible YAML document", r"incompatible %YAML directive"),
        "deze YAML-versie kan Stramien niet lezen; schrijf %YAML 1.2 of laat de regel weg",
    ),
    Rule(
        (
            r"duplicate tag handle (?P<found>.+)",
            r"found duplicate %TAG directive",
            r"duplicate %TAG directive",
        ),
        "dezelfde afkorting wordt twee keer met %TAG vastgelegd; laat er één staan",
    ),
    Rule(
        (r"found undefined tag handle (?P<found>.+)", r"found undefined tag handle"),
        "de tag-afkorting {raw} is nergens met %TAG vastgelegd",
        plain="deze tag-afkorting is nergens met %TAG vastgelegd",
    ),
    Rule(
        (
            r"expected the node content, but found (?P<found>.+)",
            r"did not find expected node content",
        ),
        "hier hoort een waarde{found_part}",
    ),
    Rule(
        (r"expected <block end>, but found (?P<found>.+)",),
        _INDENT_LIST,
        context="block collection",
    ),
    Rule((r"expected <block end>, but found (?P<found>.+)",), _INDENT_MAP),
    Rule(
        (r"did not find expected key",),
        "hier hoort een veldnaam met een dubbele punt, precies even ver ingesprongen als de "
        "andere velden van het blok; controleer de inspringing",
    ),
    Rule(
        (r"did not find expected '-' indicator",),
        "hier hoort een nieuw lijstonderdeel ('- '), precies even ver ingesprongen als de "
        "andere; controleer de inspringing",
    ),
    Rule(
        (r"expected ',' or '\]', but got (?P<found>.+)", r"did not find expected ',' or '\]'"),
        "in de lijst tussen [ ] hoort hier een komma of ']'{found_part}. Ontbreekt de "
        "afsluitende ']'? Of staat er een ':' in een tekst? " + QUOTE_HINT,
    ),
    Rule(
        (r"expected ',' or '}', but got (?P<found>.+)", r"did not find expected ',' or '}'"),
        "in het blok tussen {{ }} hoort hier een komma of '}}'{found_part}. Ontbreekt de "
        "afsluitende '}}'? Of staat er een ':' in een tekst? " + QUOTE_HINT,
    ),
    # --- Composer --------------------------------------------------------------------------
    Rule(
        (r"but found another document",),
        "Het bestand bevat meer dan één YAML-document (gescheiden door '---'); zet de hele "
        "overeenkomst in één document.",
        prefix=False,
    ),
    Rule(
        (r"found undefined alias (?P<found>.+)",),
        "De verwijzing *{raw_bare} heeft geen bijbehorend anker &{raw_bare} eerder in het "
        "document.",
        prefix=False,
    ),
    Rule(
        (r"second occurrence",),
        "Dit anker is al eerder in het document gebruikt; geef elk anker een eigen naam.",
        prefix=False,
    ),
    Rule(
        (r"found unconstructable recursive node",),
        "Deze waarde verwijst via een verwijzing (*) naar zichzelf; zo'n kringverwijzing is "
        "niet toegestaan.",
        prefix=False,
    ),
    # --- Constructor -----------------------------------------------------------------------
    Rule(
        (r"expected a scalar node, but found",), "hier hoort een gewone waarde, geen lijst of blok"
    ),
    Rule((r"expected a sequence node, but found",), "hier hoort een lijst"),
    Rule((r"expected a mapping node, but found",), "hier hoort een blok met velden"),
    Rule(
        (r"found unhashable key",),
        "Een veldnaam moet gewone tekst zijn, geen lijst of blok.",
        prefix=False,
    ),
    Rule(
        (
            r"expected a mapping for merging, but found",
            r"expected a mapping or list of mappings for merging, but found",
        ),
        "Samenvoegen met '<<' wordt niet ondersteund; schrijf de velden uit.",
        prefix=False,
    ),
    Rule(
        (r"failed to convert base64 data", r"failed to decode base64 data"),
        UNSAFE_TAG,
        prefix=False,
    ),
    Rule(
        (
            r"could not determine a constructor for the tag",
            r"expected a sequence, but found",
            r"expected a mapping of length 1, but found",
            r"expected a single mapping item, but found",
            r"expected non-empty name appended to the tag",
            r"cannot find module",
            r"module .+ is not imported",
            r"cannot find .+ in the module",
            r"expected the empty value, but found",
            r"expected a class, but found",
            r"blacklisted key",
        ),
        UNSAFE_TAG,
        prefix=False,
    ),
)

# The construct a context names, as it ends up in "{...} begint op regel 3, kolom 5."
CONTEXTS: tuple[tuple[str, str | None], ...] = (
    (r"while scanning a simple key", "de veldnaam"),
    (r"while (scanning|parsing) a (double-)?quoted scalar", "de tekst tussen aanhalingstekens"),
    (r"while scanning a plain scalar", "de tekst"),
    (r"while scanning a block scalar", "de tekst na '|' of '>'"),
    (r"while (scanning|parsing) an? (%YAML |%TAG |tag )?directive", "de regel met '%'"),
    (r"while (scanning|parsing) a tag", "de tag"),
    (r"while scanning an anchor", "het anker (&)"),
    (r"while scanning an alias", "de verwijzing (*)"),
    (r"while parsing a block collection", "de lijst"),
    (r"while parsing a block mapping", "het blok"),
    (r"while parsing a flow sequence", "de lijst tussen [ ]"),
    (r"while parsing a flow mapping", "het blok tussen { }"),
    (r"while parsing a (block |flow )?node", "de waarde"),
    (r"while constructing", "de waarde"),
    (r"expected a single document", "het eerste document"),
    (r"found duplicate anchor", "het eerste anker met deze naam"),
    (r"while scanning for the next token", None),
    (r"while increasing (block|flow) level", None),
)
