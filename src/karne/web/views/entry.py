"""The entry form of a unit for a period, and the workflow buttons under it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from karne.accounts.access import (
    membership_of,
    submission_by_id,
)
from karne.core.decimals import check_magnitude, decimal_text
from karne.core.formatting import format_number
from karne.core.forms import INPUT_NUMBERS
from karne.core.periods import DEADLINE_WARNING_DAYS, days_to_deadline
from karne.core.permissions import Capability
from karne.core.plausibility import EXPLANATION_LIMIT
from karne.core.workflow import STATE_LABELS, Action, Role, State, actions_for, needs_reason
from karne.monitoring.errors import Conflict, Refused
from karne.monitoring.selectors import EntryForm, EntryRow, entry_form, entry_rows
from karne.monitoring.services import EntriesRefused, EntryInput, entries_save, submission_act
from karne.monitoring.services.entries import JudgedRow
from karne.web.forms import BadNumber, example_number, page_locale, parse_typed
from karne.web.page_cache import Content, cached_content, page_context, render_content

ACTION_LABELS = {
    Action.SUBMIT: _("Birim amirine gönder"),
    Action.HEAD_APPROVE: _("Onayla ve strateji birimine gönder"),
    Action.HEAD_RETURN: _("Düzeltme için geri gönder"),
    Action.ADMIN_APPROVE: _("Onayla ve kilitle"),
    Action.ADMIN_RETURN: _("Birime geri gönder"),
    Action.REOPEN: _("Kilidi aç"),
}


def action_choices(state: State, role: Role) -> list[tuple[str, str, bool]]:
    """The workflow buttons under a form: (action, label, needs a reason), for every form that
    moves a submission (the quarter's, the strategic plan's, the preparation's)."""
    return [(a.value, str(ACTION_LABELS[a]), needs_reason(a)) for a in actions_for(state, role)]


def deadline_notice(deadline: datetime.date) -> dict[str, object]:
    """What the deadline notice of a form needs: days left, days late, and whether it is near."""
    days_left = days_to_deadline(deadline, timezone.localdate())
    return {
        "days_left": days_left,
        "days_late": -days_left,
        "deadline_near": 0 <= days_left <= DEADLINE_WARNING_DAYS,
    }


FIELDS = INPUT_NUMBERS  # the form definition's figures (karne.core.forms), as the workbook's


@dataclass
class Posted:
    """One row of a posted form: the entry to save when the person changed the row."""

    entry: EntryInput | None = None
    errors: dict[str, str] = field(default_factory=dict)  # "value" / "parts" / "exp" → message
    touched: bool = False
    confirmable: bool = False
    accepted: bool = False  # the row's "Kabul et" was pressed (the computed figure taken)


def _plain(value: Decimal | None) -> str:
    """The hidden copy of a shown figure: exact, unambiguous."""
    return "" if value is None else decimal_text(value)


def _shown(value: Decimal | None) -> str:
    """A stored figure as the input shows it: in the page's language (the form reads it back in
    it), every decimal it has."""
    if value is None:
        return ""
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return format_number(value, places, page_locale())


def _was(text: str | None) -> tuple[bool, Decimal | None]:
    """Whether the form says what it showed in a field, and the figure it showed."""
    if text is None:
        return False, None
    if not text:
        return True, None
    try:
        return True, check_magnitude(Decimal(text))
    except (ArithmeticError, ValueError):
        return False, None


def _clean(text: str) -> str:
    """An explanation as stored: browsers post line breaks as CR LF."""
    return text.replace("\r\n", "\n").strip()


def bad_number(exc: BadNumber) -> str:
    """The message for a typed number that does not read, its example written the page's way."""
    return gettext_now("“%(text)s” bir sayı değil (örnek: %(example)s).") % {
        "text": exc.text,
        "example": example_number(Decimal("1234.5"), 1),
    }


def read_row(post: QueryDict, row: JudgedRow) -> Posted:
    """What the person did to a row: a field is changed when its text differs from what the
    form showed (the hidden `was-…` copies); an unchanged row is neither saved nor compared."""
    code = row.code
    if f"value-{code}" not in post:
        return Posted()  # a form that omits a row changes nothing of it
    stored = {"value": row.value, "num": row.numerator, "den": row.denominator}
    numbers: dict[str, Decimal | None] = {}
    posted = Posted()
    for name in FIELDS:
        raw = post.get(f"{name}-{code}")
        if raw is None:  # not an input of this row (the parts of a non-ratio)
            numbers[name] = stored[name]
            continue
        known, was = _was(post.get(f"was-{name}-{code}"))
        if known and raw.strip() == _shown(was):
            numbers[name] = was
            continue
        posted.touched = True
        try:
            numbers[name] = parse_typed(raw)
        except BadNumber as exc:
            posted.errors.setdefault("value" if name == "value" else "parts", bad_number(exc))
    proposal = row.proposal if isinstance(row, EntryRow) else None
    if proposal is not None and post.get(f"accept-{code}"):
        # "Kabul et" without script: the row takes the computed figure, whatever was typed.
        numbers["value"] = proposal.value
        if isinstance(row, EntryRow) and row.is_ratio:
            numbers["num"], numbers["den"] = proposal.numerator, proposal.denominator
        posted.errors.pop("value", None)
        posted.errors.pop("parts", None)
        posted.touched = posted.accepted = True
    raw_exp = post.get(f"exp-{code}")
    explanation = row.explanation if raw_exp is None else _clean(raw_exp)
    was_exp = post.get(f"was-exp-{code}")
    if raw_exp is not None and (was_exp is None or explanation != _clean(was_exp)):
        posted.touched = True
    if posted.errors or not posted.touched:
        return posted
    try:
        version = int(post.get(f"ver-{code}", ""))
    except ValueError:
        version = -1  # a form without its version cannot prove it saw the stored value
    posted.entry = EntryInput(
        code,
        numbers["value"],
        numbers["num"],
        numbers["den"],
        explanation,
        version,
        confirmed=post.get(f"confirm-{code}") == "1",
        override_reason=_clean(post.get(f"reason-{code}", "")),
    )
    return posted


def _conflict(error: Conflict) -> str:
    return gettext_now(
        "Bu değeri siz formu açtıktan sonra %(by)s kaydetti. Kayıtlı değer: %(current)s; sizin "
        "girdiğiniz: %(yours)s. Sizinki kaydedilmedi ve kutuda şimdi kayıtlı değer var; yine de "
        "sizinki geçerliyse yeniden yazıp kaydedin."
    ) % {
        "by": error.by,
        "current": _shown(error.current) or "-",
        "yours": _shown(error.yours) or "-",
    }


def apply_error(posted: Posted, error: Refused | Conflict) -> None:
    if isinstance(error, Conflict):
        posted.errors["value"] = _conflict(error)
        posted.touched = False  # show what is stored now, at its version
    else:
        posted.errors[error.field or "value"] = str(error)
        posted.confirmable = error.confirmable


def display_row(row: JudgedRow, post: QueryDict | None, posted: Posted) -> dict[str, object]:
    """What each input shows: what the person typed into a row they changed, after an error;
    else what is stored now, with its version and the hidden copy of what is shown."""
    code = row.code
    stored = {"value": row.value, "num": row.numerator, "den": row.denominator}
    item: dict[str, object] = {
        "row": row,
        "code": code,
        "errors": posted.errors,
        "confirmable": posted.confirmable,
        "exp": row.explanation,
        "was_exp": row.explanation,
        "version": row.version,
    }
    for name in FIELDS:
        item[name] = _shown(stored[name])
        item[f"was_{name}"] = _plain(stored[name])
    if post is not None and posted.touched:
        for name in FIELDS:
            if f"{name}-{code}" in post:
                item[name] = post[f"{name}-{code}"]
            if f"was-{name}-{code}" in post:
                item[f"was_{name}"] = post[f"was-{name}-{code}"]
        item["exp"] = post.get(f"exp-{code}", row.explanation)
        item["was_exp"] = post.get(f"was-exp-{code}", row.explanation)
        item["version"] = post.get(f"ver-{code}", "")
    proposal = row.proposal if isinstance(row, EntryRow) else None
    item["proposal"] = proposal
    item["reason"] = "" if post is None else post.get(f"reason-{code}", "")
    if proposal is not None:
        item["proposal_value"] = _shown(proposal.value)
        item["proposal_num"] = _shown(proposal.numerator)
        item["proposal_den"] = _shown(proposal.denominator)
        if posted.accepted and posted.touched:
            item["value"] = item["proposal_value"]
            if proposal.numerator is not None:
                item["num"], item["den"] = item["proposal_num"], item["proposal_den"]
    return item


def first_invalid(rows: list[dict[str, object]]) -> str:
    """The id of the first input with an error: the page opens there, not at its top."""
    for item in rows:
        errors = item["errors"]
        assert isinstance(errors, dict)
        for name, prefix in (
            ("value", "value"),
            ("parts", "num"),
            ("reason", "reason"),
            ("exp", "exp"),
        ):
            if name in errors:
                return f"{prefix}-{item['code']}"
    return ""


@login_required
def entry(request: HttpRequest, year: int, quarter: int, unit: str) -> HttpResponse:
    if request.method == "POST":
        return _save(request, year, quarter, unit)
    # The form as stored: the same for everyone of a role and units (karne/web/page_cache.py).
    content = cached_content(
        request,
        membership_of(request.user),
        "entry",
        (year, quarter, unit),
        lambda: _content(
            request, entry_form(request.user, year, quarter, unit, Capability.ENTRY_VIEW)
        ),
    )
    return render(request, "karne/page.html", page_context(request, content))


def _save(request: HttpRequest, year: int, quarter: int, unit: str) -> HttpResponse:
    """A redirect after a save; after a refusal, the form again with what was posted and why."""
    form = entry_form(request.user, year, quarter, unit, Capability.ENTRY_EDIT)
    if not form.editable:
        raise PermissionDenied
    posted = {r.code: read_row(request.POST, r) for r in form.rows}
    entries = [p.entry for p in posted.values() if p.entry is not None]
    status = 400 if any(p.errors for p in posted.values()) else 200
    if status == 200:
        try:
            entries_save(user=request.user, period=form.period, unit=form.unit, entries=entries)
        except EntriesRefused as exc:
            for code, error in exc.errors.items():
                apply_error(posted.setdefault(code, Posted()), error)
            status = 409 if exc.conflict else 400
            form.rows = entry_rows(form.period, form.unit)  # what is stored now, others' too
        else:
            messages.success(request, gettext_now("Değerler kaydedildi."))
            return redirect("entry", year=year, quarter=quarter, unit=unit)
    content = _content(request, form, request.POST, posted)
    return render(request, "karne/page.html", page_context(request, content), status=status)


def _content(
    request: HttpRequest,
    form: EntryForm,
    post: QueryDict | None = None,
    posted: dict[str, Posted] | None = None,
) -> Content:
    posted = posted or {}
    items = [display_row(r, post, posted.get(r.code, Posted())) for r in form.rows]
    failed = [item for item in items if item["errors"]]
    submission = form.submission
    return render_content(
        request,
        "karne/entry.html",
        {
            "period": form.period,
            "unit": form.unit,
            "submission": submission,
            "state_label": gettext_now(STATE_LABELS[submission.state_enum]),
            "rows": items,
            "failed": failed,
            "focus": first_invalid(items),
            "explanation_limit": EXPLANATION_LIMIT,
            "editable": form.editable,
            **deadline_notice(form.period.deadline),
            "actions": action_choices(submission.state_enum, form.membership.role_enum),
        },
        title=f"{form.unit.name} · {form.period}",
    )


@login_required
@require_POST
def act(request: HttpRequest, submission_id: int) -> HttpResponseRedirect:
    try:
        action = Action(request.POST.get("action", ""))
    except ValueError:
        raise PermissionDenied from None
    try:
        submission = submission_act(
            user=request.user,
            submission_id=submission_id,
            action=action,
            reason=request.POST.get("reason", ""),
        )
    except Refused as exc:
        messages.error(request, str(exc))
        membership = membership_of(request.user)
        submission = submission_by_id(membership, submission_id, Capability.ENTRY_VIEW)
    else:
        state = gettext_now(STATE_LABELS[submission.state_enum])
        messages.success(request, gettext_now("Durum: %(state)s.") % {"state": state})
    period = submission.period
    if period.is_preparation:
        return redirect("prep-entry", year=period.year, unit=submission.unit.code)
    if period.is_sp:
        return redirect(
            "sp-entry", year=period.year, half=period.sp_code.value, unit=submission.unit.code
        )
    return redirect("entry", year=period.year, quarter=period.quarter, unit=submission.unit.code)
