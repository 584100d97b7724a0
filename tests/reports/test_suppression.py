"""Public mode: no count from 1 to 4 is shown, and no hidden count can be recovered from totals."""

from hypothesis import given, settings
from hypothesis import strategies as st

from reports.suppression import HIDDEN, SMALL, Group, suppress, suppress_table


def _check(shown, values, groups):
    for key, value in shown.items():
        if isinstance(value, (int, float)):
            assert not 0 < value < 5, f"{key} shows a small count {value}"
            assert value == values[key], "a shown value was altered"
        else:
            assert value in (SMALL, HIDDEN)
            if value == SMALL:
                assert 0 < values[key] < 5
    for group in groups:
        cells = [*group.parts] + ([group.total] if group.total is not None else [])
        hidden = [k for k in cells if isinstance(shown[k], str)]
        assert len(hidden) != 1, f"one hidden cell in {cells} could be recovered by subtraction"


def test_a_small_count_and_a_second_cell_are_hidden_so_the_total_cannot_reveal_it():
    values = {"": 30.0, "sex:women": 25.0, "sex:men": 3.0, "sex:trans": 2.0}
    groups = [Group("", ["sex:women", "sex:men", "sex:trans"])]
    shown = suppress(values, groups)
    assert shown == {"": 30.0, "sex:women": 25.0, "sex:men": SMALL, "sex:trans": SMALL}


def test_a_single_small_part_pulls_the_smallest_other_part_into_hiding():
    values = {"": 40.0, "a": 2.0, "b": 30.0, "c": 8.0}
    shown = suppress(values, [Group("", ["a", "b", "c"])])
    assert shown == {"": 40.0, "a": SMALL, "b": 30.0, "c": HIDDEN}


def test_a_small_total_and_its_small_part_are_both_shown_as_under_five():
    values = {"": 3.0, "a": 3.0, "b": 0.0}
    shown = suppress(values, [Group("", ["a", "b"])])
    assert shown == {"": SMALL, "a": SMALL, "b": 0.0}


def test_large_counts_are_untouched():
    values = {"": 100.0, "a": 60.0, "b": 40.0}
    assert suppress(values, [Group("", ["a", "b"])]) == values


counts = st.integers(min_value=0, max_value=40)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(counts, min_size=1, max_size=5), min_size=1, max_size=5))
def test_two_way_tables_never_show_or_leak_a_small_count(body):
    width = max(len(r) for r in body)
    body = [r + [0] * (width - len(r)) for r in body]
    rows = [f"r{i}" for i in range(len(body))]
    columns = [f"c{j}" for j in range(width)]
    cells = {(rows[i], columns[j]): body[i][j] for i in range(len(rows)) for j in range(width)}
    for i, r in enumerate(rows):
        cells[(r, "total")] = sum(body[i])
    for j, c in enumerate(columns):
        cells[("total", c)] = sum(body[i][j] for i in range(len(rows)))
    cells[("total", "total")] = sum(sum(r) for r in body)
    shown = suppress_table(rows, columns, cells)
    groups = [Group((r, "total"), [(r, c) for c in columns]) for r in [*rows, "total"]]
    groups += [Group(("total", c), [(r, c) for r in rows]) for c in [*columns, "total"]]
    _check(shown, cells, groups)


@settings(max_examples=300, deadline=None)
@given(st.lists(counts, min_size=1, max_size=6), st.lists(counts, min_size=1, max_size=4))
def test_breakdowns_by_two_dimensions_never_show_or_leak_a_small_count(sexes, forms):
    # Two dimensions of the same total; make the second add up to the same total.
    total = sum(sexes)
    forms = [*forms[:-1], max(total - sum(forms[:-1]), 0)]
    total = max(total, sum(forms))
    sexes = [*sexes[:-1], sexes[-1] + total - sum(sexes)]
    values = {"": float(total)}
    values |= {f"sex:{i}": float(v) for i, v in enumerate(sexes)}
    values |= {f"form:{i}": float(v) for i, v in enumerate(forms)}
    groups = [Group("", [f"sex:{i}" for i in range(len(sexes))]), Group("", [f"form:{i}" for i in range(len(forms))])]
    _check(suppress(values, groups), values, groups)
