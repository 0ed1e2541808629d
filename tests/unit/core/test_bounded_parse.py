"""Files anybody could write are parsed within limits: one sentence, never a crash."""

from __future__ import annotations

import json
import tomllib

import pytest

from stretchtimer.core.bounded_parse import (
    MAX_DEPTH,
    ParseLimitError,
    loads_json,
    loads_toml,
    structure_depth,
)


def test_a_toml_array_nested_a_thousand_deep_is_refused_with_its_line() -> None:
    text = 'title = "x"\n\nextra = ' + "[" * 1000 + "]" * 1000 + "\n"
    with pytest.raises(ParseLimitError) as caught:
        loads_toml(text)
    assert caught.value.line == 3
    assert "deep" in caught.value.message


def test_inline_tables_and_dotted_keys_are_bounded_too() -> None:
    with pytest.raises(ParseLimitError):
        loads_toml("a = " + "{b = " * 500 + "1" + "}" * 500)
    with pytest.raises(ParseLimitError):
        loads_toml("a" + ".a" * 5000 + " = 1")
    with pytest.raises(ParseLimitError):
        loads_toml("[" + ".".join(["t"] * 200) + "]\nk = 1")


def test_a_number_of_thousands_of_digits_is_one_sentence() -> None:
    with pytest.raises(ParseLimitError) as caught:
        loads_toml("a = " + "9" * 5000)
    assert "digits" in caught.value.message


def test_brackets_inside_strings_and_comments_do_not_count() -> None:
    many = "[" * (MAX_DEPTH * 3)
    text = (
        f"a = \"{many}\"\nb = '{many}'\n# {many}\n"
        f'c = """\n{many}\n"""\nd = \'\'\'{many}\'\'\'\ne = "\\"{many}"\n'
    )
    document = loads_toml(text)
    assert document["a"] == many
    assert document["e"] == '"' + many


def test_nesting_within_the_limit_reads_as_before() -> None:
    depth = MAX_DEPTH - 1
    text = "a = " + "[" * depth + "1" + "]" * depth
    assert structure_depth(loads_toml(text)) == MAX_DEPTH


def test_text_that_is_not_toml_is_still_the_parser_s_error() -> None:
    with pytest.raises(tomllib.TOMLDecodeError):
        loads_toml("a = ")


def test_json_is_bounded_in_depth_and_digits() -> None:
    with pytest.raises(ParseLimitError):
        loads_json("[" * 100_000 + "]" * 100_000)
    with pytest.raises(ParseLimitError):
        loads_json('{"a": ' + "1" * 5000 + "}")
    assert loads_json('{"a": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", "b": [[1]]}') == {
        "a": "[" * 40,
        "b": [[1]],
    }
    with pytest.raises(json.JSONDecodeError):
        loads_json("{")
