"""Precision and recall of figure extraction against the hand-annotated mirror pages.

Every mirror page has ``tests/fixtures/km_yjj/<id>.figures.json``, written from the text by
hand (see README, *Figures*). A predicted figure is correct when an annotated one has the same
position and text and the same value, range, unit, base value, base unit, kind, approximation
and direction. ``python -m tests.test_figures_accuracy`` prints the per-page table.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest

from parsers import parse_detail
from tests.conftest import FIXTURES, expected_records, mirror_file
from tests.test_parsers_km import _content_type

COMPARED = (
    "value", "value_max", "unit", "value_base", "value_base_max", "base_unit", "kind",
    "approximate", "direction",
)  # fmt: skip
THRESHOLD = 0.98


@dataclass
class Score:
    url: str
    expected: int
    predicted: int
    correct: int
    labels: int
    labels_correct: int
    misses: list[str]

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0


def _expected_label(fig: dict[str, Any]) -> str | None:
    table = fig.get("table")
    if table:
        return " / ".join(h for h in (table.get("row_header"), table.get("col_header")) if h)
    label: str | None = fig.get("label")
    return label


def score_page(record: dict[str, Any]) -> Score | None:
    path = FIXTURES / "km_yjj" / (record["url"].rsplit("/", 1)[1].split(".")[0] + ".figures.json")
    if not path.exists():
        return None
    expected = json.loads(path.read_text("utf-8"))
    url = record["url"]
    doc = parse_detail(mirror_file("km_yjj", url).read_bytes(), url, _content_type(url))
    predicted = {(f.position, f.text): f for f in doc.figures}
    correct = labels = labels_correct = 0
    misses: list[str] = []
    for fig in expected:
        got = predicted.get((fig["position"], fig["text"]))
        if got is None:
            misses.append(f"missed {fig['text']!r}@{fig['position']}")
            continue
        diffs = [k for k in COMPARED if getattr(got, k) != fig[k]]
        if diffs:
            misses.append(
                f"wrong {fig['text']!r}@{fig['position']}: "
                + ", ".join(f"{k} {getattr(got, k)!r} != {fig[k]!r}" for k in diffs)
            )
            continue
        correct += 1
        label = _expected_label(fig)
        if label:
            labels += 1
            labels_correct += got.label == label
            if got.label != label:
                misses.append(f"label of {fig['text']!r}: {got.label!r} != {label!r}")
    annotated = {(f["position"], f["text"]) for f in expected}
    misses += [f"extra {t!r}@{p}" for (p, t) in predicted if (p, t) not in annotated]
    return Score(url, len(expected), len(predicted), correct, labels, labels_correct, misses)


def scores() -> list[Score]:
    return [s for r in expected_records("km_yjj") if (s := score_page(r)) is not None]


SCORES = scores()


def totals(all_scores: list[Score]) -> Score:
    return Score(
        "overall",
        sum(s.expected for s in all_scores),
        sum(s.predicted for s in all_scores),
        sum(s.correct for s in all_scores),
        sum(s.labels for s in all_scores),
        sum(s.labels_correct for s in all_scores),
        [],
    )


def test_every_page_is_annotated() -> None:
    assert len(SCORES) == len(expected_records("km_yjj"))
    assert sum(s.expected for s in SCORES) >= 300


def test_overall_precision_and_recall() -> None:
    total = totals(SCORES)
    assert total.precision >= THRESHOLD, report()
    assert total.recall >= THRESHOLD, report()


@pytest.mark.parametrize("score", SCORES, ids=lambda s: s.url.rsplit("/", 1)[-1])
def test_page_precision_and_recall(score: Score) -> None:
    # Per page the bar is lower (one miss on a page of 20 is 0.95), the overall one is 0.98.
    assert score.precision >= 0.9 and score.recall >= 0.9, score.misses


def test_labels_of_annotated_figures() -> None:
    total = totals(SCORES)
    assert total.labels >= 50
    assert total.labels_correct / total.labels >= 0.9, report()


def report() -> str:
    lines = [f"{'page':<24}{'expected':>9}{'predicted':>10}{'precision':>10}{'recall':>8}"]
    for s in [*SCORES, totals(SCORES)]:
        name = s.url.rsplit("/", 1)[-1]
        lines.append(
            f"{name:<24}{s.expected:>9}{s.predicted:>10}{s.precision:>10.3f}{s.recall:>8.3f}"
        )
        lines += [f"    {m}" for m in s.misses]
    total = totals(SCORES)
    if total.labels:
        lines.append(
            f"labels: {total.labels_correct}/{total.labels} = "
            f"{total.labels_correct / total.labels:.3f}"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    print(report())
