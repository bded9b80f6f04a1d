"""Inter-coder reliability of the coded variables: Krippendorff's alpha with a bootstrap interval.

A second coder, blind to the first, recoded a sample of statements and every framing item
(`reliability_second_coding` table). Alpha corrects agreement for chance and respects each
variable's level of measurement: the stance scale is ordinal (a one-step miss costs less than a
four-step one), CAMEO roots and framing labels are nominal. The interval comes from resampling
the coded units with a fixed seed, so the printed numbers are the same on every run.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

import krippendorff
import numpy as np
import pandas as pd

from .data import enum_values, load

BOOTSTRAP_SAMPLES = 2000
SEED = 13


@dataclass(frozen=True)
class Variable:
    """One reliability test: which coded column, at which level, and how codes are compared."""

    name: str
    label: str
    level: str  # 'ordinal' or 'nominal'
    order: tuple[str, ...] | None = None  # ordinal scale, most favourable first
    root_only: bool = False  # compare CAMEO codes on their two-digit root


VARIABLES: dict[str, Variable] = {
    "stance": Variable(
        "stance", "Stance of statements (ordinal)", "ordinal", order=enum_values("statements", "stance")
    ),
    "cameo_code": Variable("cameo_code", "CAMEO root code of statements (nominal)", "nominal", root_only=True),
    "stance_toward_alliance_label": Variable(
        "stance_toward_alliance_label", "Stance of framing items toward the alliance label (nominal)", "nominal"
    ),
}


def _comparable(codes: pd.Series, variable: Variable) -> pd.Series:
    return codes.str[:2] if variable.root_only else codes


def _numeric(first: Sequence[str], second: Sequence[str], order: Sequence[str] | None) -> tuple[np.ndarray, list[int]]:
    """Codes as numbers: positions on the ordinal scale, or arbitrary but fixed category numbers."""
    categories = list(order) if order is not None else sorted(set(first) | set(second))
    unknown = (set(first) | set(second)) - set(categories)
    if unknown:
        raise ValueError(f"codes outside the scale {categories}: {sorted(unknown)}")
    index = {c: i + 1 for i, c in enumerate(categories)}
    data = np.array([[index[c] for c in first], [index[c] for c in second]], dtype=float)
    return data, list(index.values())


def alpha(first: Sequence[str], second: Sequence[str], level: str, order: Sequence[str] | None = None) -> float:
    """Krippendorff's alpha of two coders' codes for the same units (1 = perfect, 0 = chance)."""
    data, domain = _numeric(first, second, order)
    if len(np.unique(data)) == 1:
        return 1.0  # both coders used one and the same code throughout: no disagreement to correct
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement=level, value_domain=domain))


def bootstrap_interval(
    first: Sequence[str],
    second: Sequence[str],
    level: str,
    order: Sequence[str] | None = None,
    samples: int = BOOTSTRAP_SAMPLES,
    seed: int = SEED,
    coverage: float = 0.95,
) -> tuple[float, float]:
    """Percentile interval of alpha over resamples of the coded units (drawn with replacement)."""
    first, second = list(first), list(second)
    rng = np.random.default_rng(seed)
    values = []
    for _ in range(samples):
        pick = rng.integers(0, len(first), len(first))
        values.append(alpha([first[i] for i in pick], [second[i] for i in pick], level, order))
    tail = (1 - coverage) / 2 * 100
    low, high = np.percentile(values, [tail, 100 - tail])
    return float(low), float(high)


def codings(data_dir: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """The second-coding table with the unit id in one column and codes made comparable."""
    table = load("reliability_second_coding", data_dir)
    table["unit"] = table["statement_id"].where(table["statement_id"].notna(), table["framing_id"])
    for column in ("first_code", "second_code", "adjudicated_code"):
        table[column] = [
            (_comparable(pd.Series([c]), VARIABLES[v]).iloc[0])
            for c, v in zip(table[column], table["variable"], strict=True)
        ]
    table["agree"] = table["first_code"] == table["second_code"]
    return table


def _result(part: pd.DataFrame, variable: Variable, samples: int) -> dict[str, object]:
    first, second = list(part["first_code"]), list(part["second_code"])
    low, high = bootstrap_interval(first, second, variable.level, variable.order, samples=samples)
    return {
        "variable": variable.label,
        "units": len(part),
        "agreement": round(float(part["agree"].mean()), 2),
        "alpha": round(alpha(first, second, variable.level, variable.order), 2),
        "95% interval": f"{low:.2f} to {high:.2f}",
        "disagreements": int((~part["agree"]).sum()),
    }


def summary(data_dir: str | os.PathLike[str] | None = None, samples: int = BOOTSTRAP_SAMPLES) -> pd.DataFrame:
    """Per variable: units coded twice, raw agreement, alpha and its 95 % bootstrap interval."""
    table = codings(data_dir)
    rows = [
        _result(table[table["variable"] == name], variable, samples)
        for name, variable in VARIABLES.items()
        if (table["variable"] == name).any()
    ]
    return pd.DataFrame(rows).set_index("variable")


def disagreements(data_dir: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Every disagreement with the two codes, the adjudicated code and how it was decided."""
    table = codings(data_dir)
    out = table.loc[
        ~table["agree"], ["unit", "variable", "first_code", "second_code", "adjudicated_code", "adjudication"]
    ]
    return out.reset_index(drop=True)


def alpha_sentence(variable: str, data_dir: str | os.PathLike[str] | None = None) -> str:
    """One computed line for a notebook: alpha, interval and the size of the second coding."""
    table = codings(data_dir)
    row = _result(table[table["variable"] == variable], VARIABLES[variable], BOOTSTRAP_SAMPLES)
    return (
        f"{VARIABLES[variable].label}: Krippendorff's alpha {row['alpha']:.2f} "
        f"(95% bootstrap interval {row['95% interval']}) over {row['units']} items coded blind by a second coder; "
        f"{row['disagreements']} disagreements, each adjudicated in data/reliability_second_coding.csv."
    )
