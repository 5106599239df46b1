"""Import the built extension, or fail (never skip) with the command that builds it."""

import pytest

try:
    import mylinearops
except ImportError as error:  # the package was never built, or was built for another torch
    pytest.fail(f"cannot import mylinearops: run `make ext` first ({error})", pytrace=False)

__all__ = ["mylinearops"]
