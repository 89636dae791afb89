"""The fitted weights of the choice stage, loaded once from `weights.json` (package data).

    w = load()
    w.decision["headline"], w.requester["src_ask"], w.threshold

`bench/fit_weights.py` writes the file: a logistic regression fitted on the `tune` half of the
development set only, and the status threshold chosen there to keep wrong answers rare.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class Weights:
    decision: dict[str, float]
    requester: dict[str, float]
    threshold: float  # status confidence below which the brief says "unknown"
    reason: dict[str, float] = field(default_factory=dict)  # ranks reason candidates; empty: the rule's pick


@cache
def load() -> Weights:
    raw = json.loads(resources.files(__package__).joinpath("weights.json").read_text(encoding="utf-8"))
    return Weights(raw["decision"], raw["requester"], float(raw["threshold"]), raw.get("reason", {}))


def probability(weights: dict[str, float], features: dict[str, float]) -> float:
    z = sum(weights.get(name, 0.0) * value for name, value in features.items())
    z = max(-30.0, min(30.0, z))
    return 1.0 / (1.0 + math.exp(-z))
