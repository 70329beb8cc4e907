"""Nicknames, short forms and cross-language variants of first names.

Each group lists spellings (already folded to lower-case ASCII) that people use for the
same given name; the first entry is the canonical form. The groups cover the
populations that Dutch trafficking data shows most (Dutch, Polish, Romanian,
Bulgarian, Ukrainian/Russian, Nigerian, Arabic-speaking, Vietnamese/Thai/Filipino).
The list is data, not code: extend it as reviewers confirm new aliases.
"""

from __future__ import annotations

from samen.linkage.transliterate import to_latin

_GROUPS: tuple[tuple[str, ...], ...] = (
    # Dutch
    ("johannes", "jan", "hans", "johan", "joop", "jo", "john", "johnny"),
    ("hendrik", "henk", "rik", "henry", "hennie", "heinrich"),
    ("cornelis", "kees", "cor", "corne", "neels"),
    ("wilhelmus", "willem", "wim", "pim", "willy", "william", "bill"),
    ("jacobus", "jaap", "koos", "jacob", "sjaak", "jakub", "kuba", "yakov", "iacob"),
    ("petrus", "pieter", "piet", "peter", "piotr", "petr", "petro", "pyotr", "petre"),
    ("gerardus", "gerard", "gert", "gerrit", "geert", "gerry"),
    ("adrianus", "adriaan", "arie", "ad", "adrian", "adrien"),
    ("antonius", "anton", "toon", "ton", "antoni", "antonio", "tony", "antoine"),
    ("franciscus", "frans", "francis", "frank", "franciszek"),
    ("catharina", "katarina", "karin", "tineke", "catherine", "katrien", "kathy"),
    ("johanna", "hanna", "hannah", "anneke", "jannie", "joanna", "joanne"),
    ("elisabeth", "liesbeth", "lisa", "els", "betty", "lies", "elizabeth", "elzbieta", "ela"),
    ("margaretha", "greet", "margriet", "grietje", "margaret", "malgorzata", "gosia", "meg"),
    (
        "maria",
        "mia",
        "marieke",
        "ria",
        "maaike",
        "marie",
        "marija",
        "mariya",
        "masha",
        "mary",
        "mariam",
        "maryam",
        "miriam",
    ),
    (
        "alexander",
        "sander",
        "alex",
        "aleksander",
        "aleksandr",
        "oleksandr",
        "olek",
        "sasha",
        "sasa",
        "alexandru",
        "alejandro",
        "iskandar",
    ),
    ("alexandra", "sandra", "aleksandra", "oleksandra", "ola"),
    # Eastern European
    ("ekaterina", "yekaterina", "katya", "katarzyna", "kasia", "kate", "kateryna"),
    (
        "michael",
        "michiel",
        "michal",
        "mikhail",
        "mykhailo",
        "misha",
        "mihai",
        "michel",
        "mikhael",
        "mike",
    ),
    ("dmitri", "dmitry", "dmytro", "dima", "dimitar", "dimitrios"),
    ("vladimir", "volodymyr", "volodya", "vova", "wlodzimierz"),
    ("ivan", "vanya", "ioan", "ion", "ionut", "jan"),
    ("natalia", "natasha", "nataliya", "natalya", "natalie", "nathalie"),
    ("anastasia", "nastya", "anastasiya", "stacy"),
    ("elena", "olena", "lena", "helena", "yelena", "ilona", "alena"),
    ("tatiana", "tanya", "tatyana", "tetiana", "tatjana"),
    ("yulia", "yuliya", "julia", "julija", "iulia", "juliya"),
    ("svetlana", "sveta", "svitlana"),
    ("andrei", "andriy", "andrey", "andrzej", "andrew", "andre", "andreas", "andries"),
    ("tomasz", "tomek", "thomas", "tom", "toma", "tomas"),
    ("wojciech", "wojtek"),
    ("agnieszka", "aga", "agnes"),
    ("gheorghe", "george", "georgi", "georgiy", "jerzy", "jurgen", "yuri", "yuriy", "jurij"),
    ("nicolae", "nicu", "nikolai", "mykola", "nikola", "nicolaas", "klaas", "nick", "mikolaj"),
    ("stefan", "stephan", "stefanus", "steven", "stepan", "szczepan", "stephen"),
    ("joseph", "jozef", "josef", "iosif", "youssef", "yusuf", "yousef", "jusuf", "joep", "sjef"),
    # West African (Yoruba, Igbo, Akan short forms)
    ("oluwaseun", "seun", "seyi"),
    ("oluwafemi", "femi"),
    ("olufunmilayo", "funmi", "funmilayo"),
    ("adebayo", "bayo"),
    ("chukwuemeka", "emeka"),
    ("chinonso", "nonso"),
    ("oluwatosin", "tosin"),
    ("abimbola", "bimbo"),
    ("oluwabunmi", "bunmi"),
    ("chiamaka", "amaka"),
    ("oluwadamilare", "dami", "damilare"),
    # Arabic (common romanisations of one name)
    (
        "mohammed",
        "muhammad",
        "mohamed",
        "mohamad",
        "muhammed",
        "mohammad",
        "mehmet",
        "mohd",
        "mo",
        "hamoudi",
    ),
    ("abdullah", "abdallah", "abdulla", "abdellah"),
    ("ibrahim", "ebrahim", "abraham", "brahim"),
    ("fatima", "fatma", "fatimah", "fatiha", "fatimata"),
    ("aisha", "aicha", "ayesha", "aysha", "aisa"),
    ("khadija", "khadidja", "kadija", "hatice"),
    ("mustafa", "mostafa", "moustafa", "mustapha"),
    ("hussein", "hussain", "hossein", "husayn", "husein", "huseyin"),
    ("ahmed", "ahmad", "ahmet", "achmed"),
    ("hassan", "hasan", "hasaan"),
    ("omar", "umar", "omer"),
    ("yasmin", "yasmine", "jasmin", "jasmine", "yasmina"),
    ("said", "saeed", "sayed", "saiid"),
    # Asian given names with an adopted Western name or common short form
    ("rosario", "charo"),
    ("maricel", "cel"),
    ("josephine", "jo", "josie", "phine", "fien"),
)


def _build_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for group in _GROUPS:
        canonical = to_latin(group[0])
        for name in map(to_latin, group):
            # A short form claimed by two groups (``jan``, ``jo``) keeps its first
            # group; the comparison still has other levels to fall back on.
            index.setdefault(name, canonical)
    return index


ALIASES: dict[str, str] = _build_index()


def canonical_first_name(folded: str) -> str:
    """The canonical form of a folded first name (the name itself when unknown)."""
    return ALIASES.get(folded, folded)
