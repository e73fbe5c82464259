"""Grid, random and Bayesian (Optuna TPE) search loops; trials are evaluated in batches in parallel."""

import math
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import optuna

from quant_shared.enums import OptimizationMethod
from quant_trading.models import ParameterRange
from quant_trading.services.optimization.parameter_space import Constraint, feasible, grid, random_points

optuna.logging.set_verbosity(optuna.logging.WARNING)

Evaluate = Callable[[list[dict[str, Any]]], Awaitable[list[dict[str, Any]]]]
OnTrial = Callable[["TrialResult"], Awaitable[None]]


@dataclass
class TrialResult:
    number: int
    parameters: dict[str, Any]
    value: float | None
    metrics: dict[str, Any] = field(default_factory=dict)
    bar_sharpe: float | None = None


def objective_value(metrics: dict[str, Any], objective: str) -> float | None:
    value = metrics.get(objective)
    return float(value) if isinstance(value, int | float) and math.isfinite(value) else None


@dataclass
class Search:
    method: OptimizationMethod
    ranges: dict[str, ParameterRange]
    constraints: list[Constraint]
    objective: str
    maximize: bool
    max_trials: int
    seed: int
    batch_size: int
    base: dict[str, Any] = field(default_factory=dict)
    results: list[TrialResult] = field(default_factory=list)

    async def _evaluate(self, points: list[dict[str, Any]], evaluate: Evaluate, on_trial: OnTrial) -> list:
        outputs = await evaluate(points)
        done = []
        for point, out in zip(points, outputs, strict=True):
            value = objective_value(out["metrics"], self.objective)
            trial = TrialResult(len(self.results), point, value, out["metrics"], out.get("bar_sharpe"))
            self.results.append(trial)
            await on_trial(trial)
            done.append(trial)
        return done

    async def run(self, evaluate: Evaluate, on_trial: OnTrial) -> None:
        """Evaluate the trials (``results``), telling ``on_trial`` of each as it ends."""
        if self.method == OptimizationMethod.BAYESIAN:
            return await self._bayesian(evaluate, on_trial)
        if self.method == OptimizationMethod.GRID:
            points = [p for p in grid(self.ranges) if self._feasible(p)][: self.max_trials]
        else:
            points = random_points(self.ranges, self.max_trials, self._feasible, self.seed)
        for i in range(0, len(points), self.batch_size):
            await self._evaluate(points[i : i + self.batch_size], evaluate, on_trial)

    def _feasible(self, point: dict[str, Any]) -> bool:
        return feasible({**self.base, **point}, self.constraints)

    def _suggest(self, trial: optuna.Trial) -> dict[str, Any]:
        point: dict[str, Any] = {}
        for name, r in self.ranges.items():
            if r.integer:
                point[name] = trial.suggest_int(name, int(r.low), int(r.high), step=int(r.step or 1))
            else:
                point[name] = trial.suggest_float(name, r.low, r.high, step=r.step)
        return point

    async def _bayesian(self, evaluate: Evaluate, on_trial: OnTrial) -> None:
        direction = "maximize" if self.maximize else "minimize"
        study = optuna.create_study(direction=direction, sampler=optuna.samplers.TPESampler(seed=self.seed))
        attempts = 0
        while len(self.results) < self.max_trials and attempts < self.max_trials * 20:
            asked, points = [], []
            while len(points) < min(self.batch_size, self.max_trials - len(self.results)):
                attempts += 1
                trial = study.ask()
                point = self._suggest(trial)
                if self._feasible(point):
                    asked.append(trial)
                    points.append(point)
                else:
                    study.tell(trial, state=optuna.trial.TrialState.PRUNED)
                if attempts >= self.max_trials * 20:
                    break
            if not points:
                break
            for trial, result in zip(asked, await self._evaluate(points, evaluate, on_trial), strict=True):
                if result.value is None:
                    study.tell(trial, state=optuna.trial.TrialState.FAIL)
                else:
                    study.tell(trial, result.value)

    def best(self) -> TrialResult | None:
        scored = [t for t in self.results if t.value is not None]
        return max(scored, key=lambda t: t.value if self.maximize else -t.value, default=None)
