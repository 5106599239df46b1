"""`python -m chapters [N]`: print the chapter list, or the package of chapter N if it is ready.

`python -m chapters N --needs THING` exits 0 when chapter N declares that it needs THING
("mysql", "extension"), 1 when it does not: the Makefile asks this, not the chapter's number.
"""

import sys

from chapters import CATALOG, is_ready, package_for, table


def needs(number: int, thing: str, catalog=CATALOG) -> bool:
    """Does chapter `number` of `catalog` declare that it needs `thing`?"""
    return any(chapter.number == number and thing in chapter.needs for chapter in catalog)


def main(argv: list[str]) -> int:
    if not argv:
        print(table())
        return 0
    try:
        number = int(argv[0])
    except ValueError:
        number = -1
    package = package_for(number)
    if package is None:
        print(f"There is no chapter {argv[0]!r}.\n{table()}", file=sys.stderr)
        return 2
    if argv[1:2] == ["--needs"] and len(argv) == 3:
        return 0 if needs(number, argv[2]) else 1
    if not is_ready(package):
        print(f"Chapter {number} is not written yet.\n{table()}", file=sys.stderr)
        return 3
    print(package)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
