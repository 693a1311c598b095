"""The attempt log's filters: the bar (dates, outcome, channel, kind) and the search box.

The search box takes plain words (searched like ``list --text``) and the keys of ``list``'s
options: ``to:acme tag:cold outcome:no kind:not-now channel:call challenge:3 since:-7d``
(core.list_query). Bar and box become one ListQuery; the worker turns it into the query with
services.list_query, the rule ``rejection-therapy list`` uses, so both show the same rows.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.widgets import Input, Select

from ...core.errors import RTError
from ...core.list_query import ListQuery, merge, parse_search

SEARCH_PLACEHOLDER = "/ search, to: tag: kind:…"
# Shown in the status line when / opens an empty box (fits 80 columns).
SEARCH_HINT = "Words, or to:NAME tag:T outcome:no kind:K channel:C challenge:N since:-7d"
SEARCH_HELP = ("Words search targets, notes, reasons, tags and lessons. Filters, as in "
               "'rejection-therapy list': to:NAME tag:T outcome:no kind:not-now channel:call "
               "challenge:3 (or its name) since:-7d until:yesterday; quote spaces: to:\"acme corp\".")
BAR_INPUTS = ("since", "until", "search")
BAR_SELECTS = ("outcome", "channel", "kind")


class LogFilters:
    """Mixed into AttemptLogScreen: what the filters say, checked as far as the UI can."""

    filter_error: str | None

    def current_filter(self) -> ListQuery | None:
        """The ListQuery of the bar and the box, or None (the message shown) when a date or
        the search syntax is wrong. Natural dates are resolved in the worker (the profile's
        day); here only their form is checked, so a typo is marked at once."""
        from ...core import dates

        values: dict[str, Any] = {}
        errors = []
        for name in ("since", "until"):
            widget = self.query_one(f"#f-{name}", Input)  # type: ignore[attr-defined]
            text = widget.value.strip()
            widget.remove_class("-invalid")
            if not text:
                continue
            try:
                dates.parse_day(text, date(2000, 1, 1), f"'{name}' date")  # the form only
            except RTError as err:
                widget.add_class("-invalid")
                errors.append(str(err))
            values[name] = text
        for name in BAR_SELECTS:
            value = self.query_one(f"#f-{name}", Select).value  # type: ignore[attr-defined]
            values[name] = None if value is Select.NULL else str(value)
        search = self.query_one("#f-search", Input)  # type: ignore[attr-defined]
        search.remove_class("-invalid")
        query = ListQuery(**values)
        try:
            query = merge(query, parse_search(search.value))
        except RTError as err:
            search.add_class("-invalid")
            errors.append(str(err))
        self.filter_error = " ".join(errors) or None
        return None if errors else query

    def action_search(self) -> None:
        box = self.query_one("#f-search", Input)  # type: ignore[attr-defined]
        box.focus()
        if not box.value.strip() and not self.filter_error:
            self.query_one("#log-status").update(SEARCH_HINT)  # type: ignore[attr-defined]

    def _filter_active(self) -> bool:
        inputs = any(self.query_one(f"#f-{n}", Input).value.strip()  # type: ignore[attr-defined]
                     for n in BAR_INPUTS)
        return inputs or any(self.query_one(f"#f-{n}", Select).value is not Select.NULL  # type: ignore[attr-defined]
                             for n in BAR_SELECTS)

    def action_clear_filters(self) -> None:
        with self.prevent(Input.Changed, Select.Changed):  # type: ignore[attr-defined]
            for name in BAR_INPUTS:
                self.query_one(f"#f-{name}", Input).value = ""  # type: ignore[attr-defined]
            for name in BAR_SELECTS:
                self.query_one(f"#f-{name}", Select).clear()  # type: ignore[attr-defined]
        self.reload()  # type: ignore[attr-defined]
        self.action_focus_table()  # type: ignore[attr-defined]


def filtered_page(ctx: Any, query: ListQuery, limit: int) -> tuple[Any, Any]:
    """Worker: the Filter of ``list`` for ``query`` and the first page of rows."""
    from ...services import journal, list_query

    with ctx.store.read() as s:
        f = list_query.build_filter(s, ctx.profile_id, query)
        return f, journal.log_page(s, ctx.profile_id, f, limit=limit)


def filtered_count(ctx: Any, query: ListQuery) -> int:
    from ...services import journal, list_query

    with ctx.store.read() as s:
        return journal.log_count(s, ctx.profile_id, list_query.build_filter(s, ctx.profile_id, query))
