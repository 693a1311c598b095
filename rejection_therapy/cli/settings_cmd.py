"""placeholder"""


def register(sub, common) -> None:
    pass
