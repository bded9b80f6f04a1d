"""The collection speaks about its subject: no product text talks about how it was put together.

Notebook prose, figure captions and alt text, the data's text cells and the data package's
descriptions are searched for phrases about the making of the collection (a "seed article",
what "the issue asks", "stored pages"); a reader should meet the treaty, the actors, the
sources by name and the method instead.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator

from analysis.paths import DATA_DIR, FIGURES_DIR, NOTEBOOKS_DIR, PROJECT_ROOT

FORBIDDEN = re.compile(
    r"\bseed (article|claim)s?\b|\bthe seed('s)?\b|\bthe issue asks\b|\bstored (page|copy|copies|text|version)s?\b"
    r"|\bthe search tool\b",
    re.IGNORECASE,
)


def problems(texts: Iterable[tuple[str, str]]) -> Iterator[str]:
    """'where: phrase' for every forbidden phrase in (where, text) pairs."""
    for where, text in texts:
        for match in FORBIDDEN.finditer(text):
            yield f"{where}: {match.group(0)!r} in …{text[max(0, match.start() - 40) : match.end() + 40]}…"


def product_texts() -> Iterator[tuple[str, str]]:
    for path in sorted(NOTEBOOKS_DIR.glob("*.ipynb")):
        for i, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
            if cell["cell_type"] == "markdown":
                yield f"{path.name} cell {i}", "".join(cell["source"])
    for path in sorted(FIGURES_DIR.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        yield f"figures/{path.name}", f"{record.get('caption', '')}\n{record.get('alt', '')}"
    for path in sorted(DATA_DIR.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for number, row in enumerate(csv.DictReader(handle), start=2):
                yield f"data/{path.name} line {number}", "\n".join(v for k, v in row.items() if k != "url" and v)
    yield "data/datapackage.json", (DATA_DIR / "datapackage.json").read_text(encoding="utf-8")
    for name in ["README.md", "figures/README.md"]:
        if (PROJECT_ROOT / name).exists():
            yield name, (PROJECT_ROOT / name).read_text(encoding="utf-8")


def test_the_check_catches_talk_about_the_making():
    found = list(
        problems(
            [
                ("a", "The seed article's claims"),
                ("b", "actors the issue asks to follow"),
                ("c", "not in the stored pages"),
                ("d", "the stored copy showed"),
                ("e", "Seed claim."),
            ]
        )
    )
    assert [p.split(":")[0] for p in found] == ["a", "b", "c", "d", "e"]
    assert not list(problems([("f", "Il Giornale's report of 12 November 2024; a seeded spring layout")]))


def test_product_text_speaks_about_the_subject():
    texts = list(product_texts())
    assert any(where.startswith("figures/") for where, _ in texts) and any("cell" in where for where, _ in texts)
    found = list(problems(texts))
    assert not found, "text about how the collection was made (name the source or the method instead):\n" + "\n".join(
        found
    )
