"""Performance parity across groups: demographic-parity and equalized-odds style differences."""

import numpy as np


def _rate(mask: np.ndarray, of: np.ndarray) -> float | None:
    return float(mask[of].mean()) if of.any() else None


def group_rates(pred_up: np.ndarray, actual_up: np.ndarray, groups: np.ndarray) -> dict[str, dict]:
    out = {}
    for group in sorted(set(groups.tolist())):
        g = groups == group
        out[group] = {
            "n": int(g.sum()),
            "positive_rate": float(pred_up[g].mean()),
            "true_positive_rate": _rate(pred_up, g & actual_up),
            "false_positive_rate": _rate(pred_up, g & ~actual_up),
            "accuracy": float((pred_up[g] == actual_up[g]).mean()),
        }
    return out


def _spread(values: list[float | None]) -> float:
    present = [v for v in values if v is not None]
    return float(max(present) - min(present)) if len(present) > 1 else 0.0


def disparities(rates: dict[str, dict]) -> dict[str, float]:
    """max - min across groups of the selection rate (demographic parity) and TPR / FPR (equalized odds)."""
    rows = list(rates.values())
    tpr = _spread([r["true_positive_rate"] for r in rows])
    fpr = _spread([r["false_positive_rate"] for r in rows])
    return {
        "demographic_parity_difference": _spread([r["positive_rate"] for r in rows]),
        "equalized_odds_difference": max(tpr, fpr),
        "true_positive_rate_difference": tpr,
        "false_positive_rate_difference": fpr,
        "accuracy_difference": _spread([r["accuracy"] for r in rows]),
    }
