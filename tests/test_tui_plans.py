"""If-then plans in the challenge form and the settings screen (issue 15, item 3): Pilot tests.

Plans typed in either place go through services.plans with core.plans.check_plan_text, the
rule of ``challenge start --if-then``, ``goal --if-then`` and ``plans add``: a refused plan
is explained in place and nothing is stored.
"""

from __future__ import annotations

from sqlalchemy import select
from textual.widgets import OptionList, Static

from rejection_therapy.services import plans as plans_svc
from rejection_therapy.store.models import Challenge
from rejection_therapy.tui.widgets.plan_editor import PlanEditor
from tests.tui_helpers import in_store, make_test_app, settle

SIZE = (100, 40)
NINE = "If it is 9:00 on a weekday, then I dial the first ten numbers"
NOT_NOW = "If someone says not now, then I ask when to follow up"


def stored_plans(location):
    return in_store(location, lambda s, pid: plans_svc.list_plans(s, pid))


def shown(app) -> list[str]:
    options = app.screen.query_one("#pe-list", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def error_of(app) -> str:
    return str(app.screen.query_one("#pe-note", Static).render())


async def type_plan(app, pilot, text: str) -> None:
    editor = app.screen.query_one(PlanEditor)
    editor.input.focus()
    editor.input.value = text
    await pilot.press("enter")
    await settle(pilot)


async def test_the_challenge_form_takes_plans_and_starts_with_them(sqlite_location):
    app = make_test_app(sqlite_location)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("plus")
        await settle(pilot)
        await pilot.press("enter")  # 100-day
        await settle(pilot)
        assert type(app.screen).__name__ == "ChallengeFormScreen"
        await type_plan(app, pilot, "Call more people")  # not an if-then plan: refused in place
        assert "An if-then plan reads" in error_of(app)
        assert shown(app) == [] and type(app.screen).__name__ == "ChallengeFormScreen"
        await type_plan(app, pilot, NINE)
        await type_plan(app, pilot, NOT_NOW)
        await type_plan(app, pilot, "If it rains, then I call from home")
        assert shown(app) == [f"• {NINE}", f"• {NOT_NOW}", "• If it rains, then I call from home"]
        assert error_of(app) == ""
        app.screen.query_one("#pe-list", OptionList).focus()
        await pilot.press("down", "delete")  # drops the second plan
        await settle(pilot)
        assert shown(app) == [f"• {NINE}", "• If it rains, then I call from home"]
        await pilot.press("enter")  # the highlighted plan goes back in the input, to change
        await settle(pilot)
        editor = app.screen.query_one(PlanEditor)
        assert editor.input.value == "If it rains, then I call from home"
        editor.input.value = "If it rains, then I call from the café"
        await pilot.press("enter")
        await settle(pilot)
        assert shown(app) == [f"• {NINE}", "• If it rains, then I call from the café"]
        assert stored_plans(sqlite_location) == []  # nothing is stored before the start
        # A plan typed but not added yet goes with the start; a bad one stops it.
        editor.input.value = "then what"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert type(app.screen).__name__ == "ChallengeFormScreen" and "Write the plan as" not in error_of(app)
        assert "An if-then plan reads" in error_of(app)
        editor.input.value = "If it is 17:00 on Friday, then I note what I learned"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert type(app.screen).__name__ == "ChallengesScreen"
    (cid,) = in_store(sqlite_location, lambda s, pid: list(s.scalars(select(Challenge.id))))
    got = stored_plans(sqlite_location)
    assert [(p.text, p.challenge_id) for p in got] == [
        (NINE, cid), ("If it rains, then I call from the café", cid),
        ("If it is 17:00 on Friday, then I note what I learned", cid)]
    assert got[0].weekdays == (0, 1, 2, 3, 4) and str(got[0].at) == "09:00:00"


async def test_settings_list_add_and_remove_the_goals_plans(sqlite_location):
    def setup(s, pid):
        from rejection_therapy.services import challenges

        plans_svc.add(s, pid, NOT_NOW)
        c = challenges.start_challenge(s, pid, "100-day")
        plans_svc.add(s, pid, "If it is Monday, then I plan the week", challenge_id=c.id)

    in_store(sqlite_location, setup)
    app = make_test_app(sqlite_location)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert shown(app) == [f"• {NOT_NOW}"]  # the goal's plans only, not the challenge's
        await type_plan(app, pilot, "x" * 5)
        assert "Not saved: An if-then plan reads" in error_of(app)
        assert app.screen.query_one(PlanEditor).input.value == "xxxxx"  # kept, to fix
        await type_plan(app, pilot, "If it is 9:00 on a weekday, then I dial [b]ten[/b] numbers")
        assert shown(app) == [f"• {NOT_NOW}", "• If it is 9:00 on a weekday, then I dial [b]ten[/b] numbers"]
        assert app.screen.query_one(PlanEditor).input.value == "" and error_of(app) == ""
        app.screen.query_one("#pe-list", OptionList).focus()
        await pilot.press("delete")  # the highlighted (first) plan is dropped
        await settle(pilot)
        assert shown(app) == ["• If it is 9:00 on a weekday, then I dial [b]ten[/b] numbers"]
    texts = sorted(p.text for p in stored_plans(sqlite_location))
    assert texts == ["If it is 9:00 on a weekday, then I dial [b]ten[/b] numbers", "If it is Monday, then I plan the week"]


# ---- the review's Adjust section (issue 15, item 3: "the Adjust section can change it") ----


async def test_the_reviews_adjust_section_changes_drops_and_adds_plans(sqlite_location):
    from textual.widgets import Markdown

    in_store(sqlite_location, lambda s, pid: (plans_svc.add(s, pid, NINE), plans_svc.add(s, pid, NOT_NOW)))
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert type(app.screen).__name__ == "ReviewScreen"
        assert shown(app) == [f"• {NINE}", f"• {NOT_NOW}"]
        md = app.screen.markdown_text
        assert "Did you follow each one?" in md and "in the Adjust section" in md and "plans edit" not in md
        # Change the first plan's text: Enter on it puts it in the input.
        app.screen.query_one("#pe-list", OptionList).focus()
        await pilot.press("enter")
        await settle(pilot)
        editor = app.screen.query_one(PlanEditor)
        assert editor.input.value == NINE and editor.input.has_focus
        editor.input.value = "then nothing"  # refused with the rule's sentence; nothing changes
        await pilot.press("enter")
        await settle(pilot)
        assert "Not saved: An if-then plan reads" in error_of(app)
        assert [p.text for p in stored_plans(sqlite_location)] == [NINE, NOT_NOW]
        editor.input.value = "If it is 8:30 on a weekday, then I dial the first five numbers"
        await pilot.press("enter")
        await settle(pilot)
        assert editor.input.value == "" and editor.editing is None
        # Drop the second plan with delete.
        app.screen.query_one("#pe-list", OptionList).focus()
        await pilot.press("down", "delete")
        await settle(pilot)
        # Add one.
        await type_plan(app, pilot, "If it is Friday, then I read my notes")
        assert shown(app) == ["• If it is 8:30 on a weekday, then I dial the first five numbers",
                              "• If it is Friday, then I read my notes"]
        assert "8:30 on a weekday" in str(app.screen.markdown_text)  # the review itself shows the change
        assert app.screen.query_one("#review-md", Markdown) is not None
    got = stored_plans(sqlite_location)
    assert [(p.text, str(p.at), p.weekdays) for p in got] == [
        ("If it is 8:30 on a weekday, then I dial the first five numbers", "08:30:00", (0, 1, 2, 3, 4)),
        ("If it is Friday, then I read my notes", "None", (4,))]
