"""What crosses from the learner's child process to the judge: plain data, never objects.

The child encodes its result as JSON text in which every value is one of a few known kinds
(numbers, strings, dates, lists, DataFrames, tensors); the judge decodes that text and builds
the values itself. Nothing the learner defines (a class, a `__reduce__`, an `__eq__` that
always says yes) survives the trip: reading a result can never run the learner's code.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import json
import math
from typing import Any


class NotPlain(TypeError):
    """A value the judge does not read back (the message names its type and where it was)."""


def encode(value: Any) -> bytes:
    """The JSON text for `value`; NotPlain if it holds anything but the kinds below."""
    return json.dumps(_encode(value, "the result"), separators=(",", ":")).encode()


def decode(data: bytes) -> Any:
    """The value `encode` wrote, rebuilt by the judge from plain parts."""
    return json.loads(data, object_hook=_decode)


def _encode(value: Any, where: str) -> Any:
    kind = type(value)
    if value is None or kind in (bool, int, str):
        return value
    if kind is float:
        return value if math.isfinite(value) else {"$": "float", "text": repr(value)}
    if kind in (list, tuple):
        items = [_encode(v, f"{where}[{i}]") for i, v in enumerate(value)]
        return items if kind is list else {"$": "tuple", "items": items}
    if kind is dict:
        pairs = [[_encode(k, f"a key of {where}"), _encode(v, f"{where}[{k!r}]")] for k, v in value.items()]
        return {"$": "dict", "items": pairs}
    if kind is bytes:
        return {"$": "bytes", "b64": base64.b64encode(value).decode()}
    if kind is decimal.Decimal:
        return {"$": "decimal", "text": str(value)}
    if kind in (dt.date, dt.datetime, dt.time):
        return {"$": kind.__name__, "iso": value.isoformat()}
    if kind is dt.timedelta:
        return {"$": "timedelta", "us": value // dt.timedelta(microseconds=1)}
    return _encode_library(value, where)


def _encode_library(value: Any, where: str) -> Any:
    """numpy, pandas and torch values, looked up by module so that none is imported here."""
    module = type(value).__module__.split(".")[0]
    if module == "numpy" and hasattr(value, "item") and getattr(value, "ndim", None) == 0:
        item = value.item()  # a numpy scalar: its Python value
        if type(item) in (bool, int, float, str, bytes, dt.datetime, dt.timedelta):
            return _encode(item, where)
    if module == "pandas":
        import pandas as pd

        if type(value) is pd.DataFrame:
            return _frame(value, where)
        if value is pd.NA or value is pd.NaT:
            return None
        if type(value) is pd.Timestamp:
            return {"$": "timestamp", "ns": value.value, "tz": str(value.tz) if value.tz else None}
        if type(value) is pd.Timedelta:
            return {"$": "timedelta", "us": value // pd.Timedelta(microseconds=1)}
    if module == "torch":
        import torch

        if isinstance(value, torch.Tensor):
            return _tensor(value)
        if isinstance(value, torch.dtype | torch.device | torch.Size):
            return _encode(tuple(value) if isinstance(value, torch.Size) else str(value), where)
    raise NotPlain(f"{where} is a {type(value).__module__}.{type(value).__qualname__}, "
                   "which the judge does not read back")


def _frame(frame, where: str) -> dict:
    columns = [_encode(name, f"a column name of {where}") for name in frame.columns]
    data = [
        [_encode(v, f"column {name!r} of {where}") for v in frame.iloc[:, i].tolist()]
        for i, name in enumerate(frame.columns)
    ]
    return {"$": "frame", "columns": columns, "data": data, "rows": len(frame)}


def _tensor(tensor) -> dict:
    import torch

    if tensor.layout != torch.strided or tensor.is_quantized or tensor.is_nested:
        raise NotPlain(f"a {tensor.layout} tensor is not read back: return a dense tensor")
    plain = torch.Tensor.as_subclass(tensor.detach(), torch.Tensor)  # a subclass's data only
    record = {"$": "tensor", "dtype": str(plain.dtype).removeprefix("torch."),
              "shape": list(plain.shape), "device": str(plain.device)}
    if plain.device.type != "meta":
        raw = plain.cpu().contiguous().reshape(-1).view(torch.uint8).numpy().tobytes()
        record["b64"] = base64.b64encode(raw).decode()
    return record


def _decode(record: dict) -> Any:
    kind = record.get("$")
    if kind == "tuple":
        return tuple(record["items"])
    if kind == "dict":
        return {_hashable(k): v for k, v in record["items"]}
    if kind == "float":
        return float(record["text"])
    if kind == "bytes":
        return base64.b64decode(record["b64"])
    if kind == "decimal":
        return decimal.Decimal(record["text"])
    if kind in ("date", "datetime", "time"):
        return getattr(dt, kind).fromisoformat(record["iso"])
    if kind == "timedelta":
        return dt.timedelta(microseconds=record["us"])
    if kind == "timestamp":
        import pandas as pd

        return pd.Timestamp(record["ns"], tz=record["tz"])
    if kind == "frame":
        import pandas as pd

        rows = list(zip(*record["data"], strict=True)) if record["data"] else [()] * record["rows"]
        return pd.DataFrame(rows, columns=record["columns"] or None, dtype=object)
    if kind == "tensor":
        return _tensor_from(record)
    raise ValueError(f"an unknown record {kind!r} in the child's result")


def _hashable(key):
    return tuple(_hashable(k) for k in key) if isinstance(key, list) else key


def _tensor_from(record: dict):
    import torch

    dtype = getattr(torch, record["dtype"])
    if not isinstance(dtype, torch.dtype):
        raise ValueError(f"{record['dtype']!r} is not a torch dtype")
    shape = [int(n) for n in record["shape"]]
    if record["device"] == "meta":
        return torch.empty(shape, dtype=dtype, device="meta")
    raw = bytearray(base64.b64decode(record["b64"]))
    flat = torch.frombuffer(raw, dtype=dtype) if raw else torch.empty(0, dtype=dtype)
    return flat.reshape(shape).to(record["device"])
