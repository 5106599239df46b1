"""Chapter 5's tests import the built extension: without it pytest stops here (never skips), saying how to build it."""

try:
    import mylinearops  # noqa: F401
except ImportError as error:  # never built, or built for another torch
    raise ImportError(f"cannot import mylinearops: run `make ext` first ({error})") from error
