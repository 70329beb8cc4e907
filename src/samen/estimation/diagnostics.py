"""Plain-language warnings (English and Dutch) about the data and the fit."""

from __future__ import annotations

from dataclasses import dataclass

from .data import CaptureHistories
from .design import design_for

#: Overlaps below this (but above zero) are "very few people" (Chan et al. 2021 call
#: such data sparse; a handful of shared records carries most of the information).
SPARSE_OVERLAP = 5
#: Fewer observed people than this: a warning that the estimate rests on little data.
SMALL_SAMPLE = 100


@dataclass(frozen=True)
class PlainWarning:
    """One warning in English and Dutch, with a stable code for programs."""

    code: str
    en: str
    nl: str

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "en": self.en, "nl": self.nl}


def _join(names: list[str], word: str) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" {word} " + names[-1]


def data_warnings(
    data: CaptureHistories, sparse_overlap: int = SPARSE_OVERLAP
) -> list[PlainWarning]:
    """Warnings that follow from the data alone: overlaps and size."""
    design = design_for(data.k)
    out: list[PlainWarning] = []
    overlaps = data.counts @ design.pair_cells
    never = [
        f"{data.lists[i]}:{data.lists[j]}"
        for (i, j), o in zip(design.pairs, overlaps, strict=True)
        if o == 0
    ]
    few = [
        f"{data.lists[i]}:{data.lists[j]} ({int(o)})"
        for (i, j), o in zip(design.pairs, overlaps, strict=True)
        if 0 < o < sparse_overlap
    ]
    if never:
        out.append(
            PlainWarning(
                "lists_never_overlap",
                "These pairs of lists have nobody in common: "
                + _join(never, "and")
                + ". A model that lets such a pair depend on each other fits them as "
                "exclusive, and the estimate can then be unstable.",
                "Deze paren van lijsten hebben niemand gemeen: "
                + _join(never, "en")
                + ". Een model met een afhankelijkheid tussen zo'n paar behandelt ze als "
                "elkaar uitsluitend, en de schatting kan dan instabiel zijn.",
            )
        )
    if few:
        out.append(
            PlainWarning(
                "lists_overlap_little",
                f"These pairs of lists share fewer than {sparse_overlap} people: "
                + _join(few, "and")
                + ". Much of the estimate rests on these few shared records, so linkage "
                "errors there matter a lot.",
                f"Deze paren van lijsten hebben minder dan {sparse_overlap} personen gemeen: "
                + _join(few, "en")
                + ". De schatting leunt sterk op deze paar gedeelde registraties; "
                "koppelfouten daar wegen zwaar.",
            )
        )
    if data.observed < SMALL_SAMPLE:
        out.append(
            PlainWarning(
                "small_sample",
                f"Only {int(data.observed)} people were observed. With so few records the "
                "estimate is very uncertain; a regional or national estimate, over more "
                "lists and more people, is more reliable.",
                f"Er zijn maar {int(data.observed)} personen waargenomen. Met zo weinig "
                "registraties is de schatting erg onzeker; een regionale of landelijke "
                "schatting, over meer lijsten en meer personen, is betrouwbaarder.",
            )
        )
    return out
