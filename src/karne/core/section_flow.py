"""How a document section's text moves from its writers to the document.

A unit responsible for a section writes a draft; it sends the draft (submitted); the strategy
unit approves it — only then is it the text the documents print — or returns it with a note.
Writing again after an approval starts a new draft beside the approved text, which the
documents keep printing until the new one is approved. The quarterly workflow has a unit head
in between; a section does not: its text is the unit's word, reviewed once, by the unit that
answers for the whole document.
"""

from __future__ import annotations

from enum import StrEnum


class SectionState(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"


class SectionMove(StrEnum):
    SUBMIT = "submit"
    RETURN = "return"
    APPROVE = "approve"


STATE_LABELS = {
    SectionState.DRAFT: "Taslak",
    SectionState.SUBMITTED: "Onay bekliyor",
    SectionState.APPROVED: "Onaylandı",
}

MOVE_LABELS = {
    SectionMove.SUBMIT: "Onaya gönder",
    SectionMove.RETURN: "Geri gönder",
    SectionMove.APPROVE: "Onayla",
}

# (from, move) → to; who may make a move is the permission table's (narrative.edit for the
# writers' submit, narrative.review for the strategy unit's return and approval).
MOVES: dict[tuple[SectionState, SectionMove], SectionState] = {
    (SectionState.DRAFT, SectionMove.SUBMIT): SectionState.SUBMITTED,
    (SectionState.SUBMITTED, SectionMove.RETURN): SectionState.DRAFT,
    (SectionState.SUBMITTED, SectionMove.APPROVE): SectionState.APPROVED,
}
REVIEW_MOVES = frozenset({SectionMove.RETURN, SectionMove.APPROVE})


class MoveRefused(ValueError):
    """The move is not one this state allows, or it lacks what it needs."""


def move(
    state: SectionState, action: SectionMove, *, note: str = "", draft: str = ""
) -> SectionState:
    """The state after a move, or MoveRefused with the reason in Turkish (the caller translates).
    A return needs a note for the writers; a submission needs some text."""
    target = MOVES.get((state, action))
    if target is None:
        raise MoveRefused("Bu işlem bu durumdaki bir bölüm için yapılamaz.")
    if action is SectionMove.RETURN and not note.strip():
        raise MoveRefused("Geri gönderirken birime bir not yazın.")
    if action is SectionMove.SUBMIT and not draft.strip():
        raise MoveRefused("Boş bir metin onaya gönderilemez.")
    return target


def editable(state: SectionState) -> bool:
    """A draft is written; a submitted text waits for its review; an approved one is written
    again as a new draft (the approved text stays printed meanwhile)."""
    return state is not SectionState.SUBMITTED
