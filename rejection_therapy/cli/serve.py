"""`serve`: the app in a browser (placeholder until the serve module lands)."""


def register(sub, common) -> None:
    return None
