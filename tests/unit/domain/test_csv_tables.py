"""Export records as spreadsheet tables."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from plasticity_app.domain.csv_tables import cell, table, tables


def test_cells_are_plain_spreadsheet_text() -> None:
    assert cell(None) == ""
    assert cell(True) == "true" and cell(False) == "false"
    assert cell(7.0) == "7" and cell(7.25) == "7.25"
    assert cell(["a", "b"]) == '["a", "b"]'
    assert cell("Ünïcode ✓") == "Ünïcode ✓"


def test_nested_objects_become_dotted_columns_in_first_seen_order() -> None:
    headers, rows = table(
        [
            {"id": 1, "target": {"times": 2, "period_days": 7}},
            {"id": 2, "target": {"times": 1, "period_days": 1}, "extra": None},
        ]
    )
    assert headers == ["id", "target.times", "target.period_days", "extra"]
    assert rows == [["1", "2", "7", ""], ["2", "1", "1", ""]]


def test_roadmap_and_settings_tables() -> None:
    document = {
        "metrics": [],
        "roadmap": {
            "steps": [
                {
                    "number": 1,
                    "state": "active",
                    "progress": [{"label": "Mood", "done": 3, "total": 7, "unit": "days"}],
                    "reasons": ["Rate a few more days."],
                }
            ]
        },
        "settings": {"baseline_days": 7, "theme": "system"},
    }
    result = tables(document, ["metrics"])
    assert result["metrics"] == ([], [])
    headers, rows = result["roadmap"]
    assert headers == ["number", "state", "progress", "reasons"]
    assert rows == [["1", "active", "Mood: 3 of 7 days", "Rate a few more days."]]
    assert result["settings"] == (
        ["setting", "value"],
        [["baseline_days", "7"], ["theme", "system"]],
    )


@given(st.lists(st.dictionaries(st.sampled_from("abcd"), st.integers() | st.text() | st.none())))
def test_every_row_has_one_cell_per_header(records: list[dict[str, object]]) -> None:
    headers, rows = table(records)
    assert all(len(row) == len(headers) for row in rows)
    assert len(set(headers)) == len(headers)
