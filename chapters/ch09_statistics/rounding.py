"""Rounding: MySQL's ROUND on exact numbers goes half away from zero; numpy/pandas half to even."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation


def percentage_half_up(count: int, total: int, places: int = 2) -> float | None:
    """100 * count / total rounded half away from zero, computed exactly; None when total is 0.

    Exact integer arithmetic, as MySQL does with DECIMAL: 100 * 5 / 32 = 15.625 -> 15.63.
    (numpy's round(15.625, 2) gives 15.62: half to even.)

    >>> percentage_half_up(5, 32), percentage_half_up(1, 3), percentage_half_up(0, 0)
    (15.63, 33.33, None)
    """
    for name, value in (("count", count), ("total", total), ("places", places)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    if count < 0 or total < 0 or count > total:
        raise ValueError(f"need 0 <= count <= total, got count={count}, total={total}")
    if total == 0:
        return None  # AVG over no rows is NULL
    scale = 10**places
    # floor(x + 1/2) with x = 100 * count * scale / total, for x >= 0: half goes up.
    units = (2 * 100 * count * scale + total) // (2 * total)
    return units / scale


def round_half_up(value: float | str | Decimal, places: int = 2) -> Decimal:
    """Round a number as written (its shortest decimal form) half away from zero, like ROUND.

    >>> round_half_up(2.675), round_half_up(-0.125), round_half_up("3.125")
    (Decimal('2.68'), Decimal('-0.13'), Decimal('3.13'))
    """
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise TypeError(f"expected a number or a numeric string, got {type(value).__name__}")
    try:
        exact = Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"not a number: {value!r}") from None
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
