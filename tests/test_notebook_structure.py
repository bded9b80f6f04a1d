"""Every notebook follows the teaching skeleton, including notebooks added later.

Objectives and prerequisites up front, at least two exercises whose solutions are executed code
tagged so the reading edition folds them away, discussion questions, and a Sources section
that ends with the bibliography of the rows shown.
"""

from __future__ import annotations

import ast
import re

import nbformat
import pytest

import analysis
from analysis.book import notebooks
from analysis.paths import NOTEBOOKS_DIR, PROJECT_ROOT

NOTEBOOKS = notebooks()
SOLUTION_TAGS = {"hide-input", "solution"}


def _cells(path):
    return nbformat.read(path, as_version=4).cells


def _section(cells, heading: str) -> str:
    """The Markdown text from `heading` to the next level-2 heading."""
    text = "\n".join(c.source for c in cells if c.cell_type == "markdown")
    match = re.search(rf"^{re.escape(heading)}\s*$(.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL)
    return match.group(1) if match else ""


def test_the_collection_has_notebooks():
    assert [p.name for p in NOTEBOOKS][:1] == ["00_start_here.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_overview_lists_sections_then_learning_objectives(path):
    overview = _section(_cells(path), "## Overview")
    assert overview, f"{path.name}: no '## Overview' section"
    assert re.search(r"^1\. ", overview, re.MULTILINE), f"{path.name}: the overview has no numbered section list"
    head, found, objectives = overview.partition("### Learning objectives")
    assert found, f"{path.name}: no '### Learning objectives' inside the overview"
    assert re.search(r"^\d+\. ", head, re.MULTILINE), f"{path.name}: objectives must come after the section list"
    bullets = re.findall(r"^[-*] \S", objectives, re.MULTILINE)
    assert 3 <= len(bullets) <= 5, f"{path.name}: {len(bullets)} objectives (want 3-5 bullets)"
    assert "By the end you can" in objectives, f"{path.name}: objectives should say 'By the end you can ...'"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_prerequisites_give_a_table_and_time_to_learn(path):
    prerequisites = _section(_cells(path), "## Prerequisites")
    assert "| Concepts | Importance | Notes |" in prerequisites, f"{path.name}: no prerequisites table"
    assert re.search(r"\*\*Time to learn:\*\*\s*\d+\s*minutes", prerequisites), (
        f"{path.name}: no '**Time to learn:** N minutes'"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_at_least_two_executed_solutions_then_discussion(path):
    cells = _cells(path)
    solutions = [
        i for i, c in enumerate(cells) if c.cell_type == "code" and SOLUTION_TAGS <= set(c.metadata.get("tags", []))
    ]
    assert len(solutions) >= 2, (
        f"{path.name}: {len(solutions)} solution cell(s) tagged {sorted(SOLUTION_TAGS)} (want >= 2)"
    )
    for i in solutions:
        cell = cells[i]
        assert cell.execution_count is not None and cell.outputs, (
            f"{path.name}: solution in cell {i} was not executed or shows nothing"
        )
        assert re.search(
            r"\b(load|events|statements|estimates|articles|disputes|treaties|catalogue|analysis|[a-z_]+\[)", cell.source
        ), f"{path.name}: solution in cell {i} does not compute from the data"
    after = "\n".join(c.source for c in cells[solutions[0] :] if c.cell_type == "markdown")
    assert re.search(r"discussion", after, re.IGNORECASE) and re.search(r"^1\. ", after, re.MULTILINE), (
        f"{path.name}: no numbered discussion questions after the exercises"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_summary_whats_next_and_sources_end_with_a_bibliography(path):
    cells = _cells(path)
    text = "\n".join(c.source for c in cells if c.cell_type == "markdown")
    assert re.search(r"^## Summary\s*$", text, re.MULTILINE), f"{path.name}: no '## Summary'"
    assert re.search(r"^### What's next\?\s*$", text, re.MULTILINE), f'{path.name}: no "### What\'s next?"'
    sources_at = max(
        (
            i
            for i, c in enumerate(cells)
            if c.cell_type == "markdown" and re.search(r"^## Sources\s*$", c.source, re.MULTILINE)
        ),
        default=None,
    )
    assert sources_at is not None, f"{path.name}: no '## Sources' section"
    last = cells[-1]
    final = ast.parse(last.source).body[-1] if last.cell_type == "code" else None
    called = final.value.func if isinstance(final, ast.Expr) and isinstance(final.value, ast.Call) else None
    assert getattr(called, "attr", getattr(called, "id", None)) == "bibliography", (
        f"{path.name}: the last cell must end with analysis.bibliography(...)"
    )
    assert sources_at < len(cells) - 1


def test_readme_lists_every_notebook():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    for path in sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb")):
        assert f"`{path.name}`" in readme, f"README.md does not list {path.name}"


def test_readme_lists_every_table():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    for name in analysis.resource_names():
        assert f"| `{name}` |" in readme, f"README.md does not describe the {name} table"
