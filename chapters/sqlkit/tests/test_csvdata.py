r"""Reading data/*.csv: `\N` is NULL, an empty field the empty string; errors name file and line."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from chapters.sqlkit.csvdata import convert_column, read_csv_frame, read_csv_rows


def _csv(tmp_path, data: str | bytes, name: str = "t.csv"):
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8", newline="")
    else:
        path.write_bytes(data)
    return path


def test_null_marker_empty_string_and_quoted_fields(tmp_path):
    path = _csv(tmp_path, 'id,name\n1,\\N\n2,\n3,"a, ""b"""\n4,"two\nlines"\n')
    assert read_csv_rows(path) == (
        ["id", "name"],
        [["1", None], ["2", ""], ["3", 'a, "b"'], ["4", "two\nlines"]],
    )


def test_an_unterminated_quote_names_the_line_where_it_opened(tmp_path):
    path = _csv(tmp_path, 'id,name\n1,x\n2,"oops\n3,y\n4,z\n')
    with pytest.raises(ValueError, match=r"t\.csv:3: unterminated quote: .* still open at the end"):
        read_csv_rows(path)


def test_a_quote_that_swallows_rows_names_where_its_record_started(tmp_path):
    path = _csv(tmp_path, 'id,name\n1,"oops\n2,x\n3,"y"\n')
    with pytest.raises(ValueError, match=r"t\.csv:2: .*record from line 2 to line 4"):
        read_csv_rows(path)


def test_junk_after_a_closing_quote_is_an_error(tmp_path):
    path = _csv(tmp_path, 'id,name\n1,"a"b\n')
    with pytest.raises(ValueError, match=r"t\.csv:2: .*after a closing quote"):
        read_csv_rows(path)


def test_a_utf8_bom_is_not_part_of_the_first_column_name(tmp_path):
    path = _csv(tmp_path, "\ufeffid,name\n1,x\n")
    assert read_csv_rows(path) == (["id", "name"], [["1", "x"]])


@pytest.mark.parametrize(
    ("data", "where"),
    [
        ("id,name\n1,x\n2,café\n".encode("latin-1"), r"t\.csv:3: not UTF-8 \(byte 17"),
        ("id,name\n1,x\n".encode("utf-16"), r"t\.csv:1: not UTF-8 \(byte 0.*UTF-16"),
    ],
    ids=["latin-1", "utf-16"],
)
def test_a_file_not_in_utf8_says_so_with_its_line(tmp_path, data, where):
    with pytest.raises(ValueError, match=where + r".*save it as UTF-8"):
        read_csv_rows(_csv(tmp_path, data))


def test_a_column_declared_but_absent_names_file_and_column(tmp_path):
    path = _csv(tmp_path, "id,name\n1,x\n")
    header = r"\(the header has \['id', 'name'\]\)"
    with pytest.raises(ValueError, match=r"t\.csv: no column 'age' " + header):
        read_csv_frame(path, {"id": "Int64", "age": "Int64"})


def test_duplicate_column_names_are_refused(tmp_path):
    path = _csv(tmp_path, "id,name,id\n1,x,2\n")
    with pytest.raises(ValueError, match=r"t\.csv:1: column 'id' appears twice in the header"):
        read_csv_rows(path)


def test_a_field_longer_than_the_csv_module_default_loads(tmp_path):
    default = csv.field_size_limit()
    long = "x" * 200_000
    assert read_csv_rows(_csv(tmp_path, f"id,text\n1,{long}\n"))[1] == [["1", long]]
    assert csv.field_size_limit() == default  # the limit is ours only while we read


@pytest.mark.parametrize("dtype", ["bool", "boolean"])
def test_booleans_are_parsed_not_judged_by_truthiness(dtype):
    values = pd.Series(["1", "0", "true", "False", "TRUE", "false"], dtype=object)
    assert convert_column(values, dtype).tolist() == [True, False, True, False, True, False]
    with_null = convert_column(pd.Series(["0", None, "1"], dtype=object), dtype)
    assert str(with_null.dtype) == "boolean"
    assert with_null.tolist() == [False, pd.NA, True]


def test_unknown_boolean_spellings_are_refused():
    with pytest.raises(ValueError, match=r"'yes' is not a boolean"):
        convert_column(pd.Series(["1", "yes"], dtype=object), "bool")


def test_integers_above_2_to_the_53_survive_a_null():
    big = 2**63 - 1
    column = convert_column(pd.Series([str(big), None, str(2**53 + 1)], dtype=object), "Int64")
    assert str(column.dtype) == "Int64"
    assert column.tolist() == [big, pd.NA, 2**53 + 1]


def test_a_bad_value_names_file_and_column(tmp_path):
    path = _csv(tmp_path, "id,n\n1,x\n")
    with pytest.raises(ValueError, match=r"t\.csv: column 'n' as Int64: 'x' is not an integer"):
        read_csv_frame(path, {"n": "Int64"})
