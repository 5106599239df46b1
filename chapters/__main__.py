"""`python -m chapters [N]`: print the chapter list, or the package of chapter N if it is ready."""

import sys

from chapters import is_ready, package_for, table


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
    if not is_ready(package):
        print(f"Chapter {number} is not written yet.\n{table()}", file=sys.stderr)
        return 3
    print(package)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
