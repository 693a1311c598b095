"""Export, import and backup from the command palette: a file-name prompt, the work in a
worker with a progress bar, the result in one line (screens/data_file.py); errors stay in
the dialog, nothing is written."""

from __future__ import annotations

from typing import Any

from .base import run_db

TITLES = {
    "export": "Export your data to (JSON, or .csv for CSV):",
    "import": "Import an export file (never duplicates):",
    "backup": "Write a backup copy of the database to:",
}
VERBS = {"export": "Export", "import": "Import", "backup": "Back up"}


def run(app: Any, what: str) -> None:
    """Ask for a file name, then export, import or back up."""

    def suggest(ctx: Any) -> dict[str, str]:
        from ..services.data_files import default_names

        return default_names(ctx)

    run_db(app.screen, suggest, lambda names: _ask(app, what, names.get(what, "")))


def _ask(app: Any, what: str, suggestion: str) -> None:
    from .screens.data_file import DataFileScreen

    def job(ctx: Any, path: str, progress: Any) -> str:
        from ..services import data_files

        return {"export": data_files.export_to, "import": data_files.import_from,
                "backup": data_files.backup_to}[what](ctx, path, progress)

    def done(sentence: str | None) -> None:
        if sentence and what == "import":  # the screen below shows the new records
            resume = getattr(app.screen, "on_screen_resume", None)
            if callable(resume):
                resume()

    app.push_screen(DataFileScreen(TITLES[what], suggestion, job, VERBS[what]), done)
