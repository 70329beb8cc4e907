# ruff: noqa: RUF001 (the tables hold letters of other scripts on purpose)
"""Script-to-Latin folding for person names: Cyrillic, Greek and Arabic.

No well-kept transliteration library is a dependency of the project yet, so this is a
compact table-based romanisation. It does not try to be a standard (ISO 9, ALA-LC):
its only job is to put two spellings of one name close together, after which the
phonetic key in :mod:`samen.linkage.normalise` absorbs the remaining differences
(``kh``/``h``, ``y``/``i``, missing short vowels in Arabic script).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# The Arabic article is written joined to the name (الحسن): split it off so that it
# becomes the particle "al" that name keys ignore, as in the romanised "Al-Hassan".
_ARABIC_ARTICLE = re.compile(r"(?<![\u0600-\u06FF])ال(?=[\u0600-\u06FF]{2})")

# Russian, Ukrainian, Bulgarian, Serbian and Belarusian letters, English-style values
# (the spelling in most passports issued by those countries).
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "ђ": "dj", "е": "e",
    "є": "ye", "ё": "yo", "ж": "zh", "з": "z", "и": "i", "і": "i", "ї": "yi", "й": "y",
    "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n", "њ": "nj", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "ћ": "c", "у": "u", "ў": "u", "ф": "f",
    "х": "kh", "ц": "ts", "ч": "ch", "џ": "dzh", "ш": "sh", "щ": "shch", "ъ": "a",
    "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip

# Modern Greek, after accents are stripped by NFD.
_GREEK = {
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th",
    "ι": "i", "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p",
    "ρ": "r", "σ": "s", "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps",
    "ω": "o",
}  # fmt: skip

# Arabic letters. Short vowels are not written in Arabic script, so only consonants and
# long vowels come through; the phonetic key drops vowels on both sides for that reason.
_ARABIC = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ب": "b", "ت": "t", "ث": "th",
    "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s",
    "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "", "غ": "gh", "ف": "f",
    "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "w", "ي": "y",
    "ى": "a", "ة": "a", "ء": "", "ئ": "", "ؤ": "", "پ": "p", "چ": "ch", "ژ": "zh",
    "گ": "g", "ک": "k", "ی": "y", "ـ": "",
}  # fmt: skip

# Latin letters that NFKD does not decompose into base letter + mark.
_LATIN_EXTRA = {
    "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ð": "d", "þ": "th",
    "ı": "i", "ħ": "h", "ŋ": "ng", "ĸ": "k",
}  # fmt: skip

_TABLE = str.maketrans({**_CYRILLIC, **_GREEK, **_ARABIC, **_LATIN_EXTRA})


@lru_cache(maxsize=200_000)
def to_latin(text: str) -> str:
    """Lower-case ``text`` and write it in plain ASCII Latin letters where possible.

    Diacritics are removed (``Šćepanović`` → ``scepanovic``), ligatures split
    (``ĳ`` → ``ij``) and Cyrillic, Greek and Arabic letters romanised. Characters of
    other scripts (CJK, Thai, ...) are kept as they are: they cannot be romanised
    without a dictionary, and exact comparison still works on them.
    """
    # Lower-case first so that the tables only need lower-case letters; NFKD splits
    # accents off and unpacks compatibility forms (ligatures, full-width letters).
    text = _ARABIC_ARTICLE.sub("ال ", text)
    decomposed = unicodedata.normalize("NFKD", text.lower())
    without_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return without_marks.translate(_TABLE)
