"""Outcome metrics and daily check-ins: the only way in for changes to them."""

from __future__ import annotations

from datetime import date

from plasticity_app.controller.base import Context, friendly_day, require
from plasticity_app.controller.baseline import BaselineProgress, active_metrics, baseline_progress
from plasticity_app.controller.roadmap import RoadmapController
from plasticity_app.domain import metrics as m
from plasticity_app.domain.errors import UserError
from plasticity_app.domain.metrics import Direction, Metric, MetricEntry
from plasticity_app.domain.text import isolate, tr


class MetricsController:
    AREA = "metrics"

    def __init__(self, ctx: Context, roadmap: RoadmapController) -> None:
        self._ctx = ctx
        self._repo = ctx.metrics_repo
        self._roadmap = roadmap

    # Reading -----------------------------------------------------------------------------------
    def all(self) -> list[Metric]:
        return list(self._ctx.kept("metrics.all", self._repo.all))

    def active(self) -> list[Metric]:
        return active_metrics(self._ctx)

    def get(self, metric_id: int) -> Metric:
        metric = self._repo.get(metric_id)
        if metric is None:
            raise UserError(tr("That metric no longer exists."))
        return metric

    def today(self) -> date:
        return self._ctx.today()

    def still_yesterday_note(self) -> str:
        """Before the journal day starts, the sentence that says it is still the day before."""
        return self._ctx.still_yesterday_note()

    def ratings_on(self, day: date) -> dict[int, int]:
        return {e.metric_id: e.value for e in self._repo.entries(start=day, end=day)}

    def note_on(self, day: date) -> str:
        return self._repo.note(day)

    def entries(self, start: date | None = None, end: date | None = None) -> list[MetricEntry]:
        return self._repo.entries(start=start, end=end)

    def first_day(self) -> date | None:
        """The earliest day with a rating or a note."""
        return self._repo.first_day()

    def notes(self, start: date | None = None, end: date | None = None) -> dict[date, str]:
        return self._repo.notes(start, end)

    def baseline_end(self) -> date | None:
        return self._ctx.completions().get(1)

    def baseline_progress(self) -> list[BaselineProgress]:
        return baseline_progress(self._ctx)

    # Metrics -----------------------------------------------------------------------------------
    def add(self, name: str, direction: Direction | str, description: str = "") -> Metric:
        name = name.strip()
        error = m.validate_metric_name(name, (x.name for x in self._repo.all()))
        require(error is None, error or "", "name")
        error = m.validate_description(description)
        require(error is None, error or "", "description")
        require(
            len(self._repo.active()) < m.MAX_ACTIVE_METRICS,
            tr(
                "You can follow at most {max_active_metrics} outcomes at once. Archive one first "
                "to make room."
            ).format(max_active_metrics=m.MAX_ACTIVE_METRICS),
            "name",
        )
        with self._ctx.transaction():
            metric = self._repo.add(name, Direction(direction), description.strip(), self.today())
            self._roadmap.record_completions()
        self._ctx.hub.notify(self.AREA, tr("Saved: new metric “{name}”").format(name=name))
        return metric

    def edit(
        self, metric_id: int, *, name: str, direction: Direction | str, description: str = ""
    ) -> None:
        metric = self.get(metric_id)
        name = name.strip()
        error = m.validate_metric_name(
            name, (x.name for x in self._repo.all()), current=metric.name
        )
        require(error is None, error or "", "name")
        error = m.validate_description(description)
        require(error is None, error or "", "description")
        with self._ctx.transaction():
            self._repo.update(
                metric_id,
                name=name,
                direction=Direction(direction),
                description=description.strip(),
            )
        self._ctx.hub.notify(self.AREA, tr("Saved: metric “{name}”").format(name=name))

    def archive(self, metric_id: int) -> None:
        metric = self.get(metric_id)
        with self._ctx.transaction():
            self._repo.update(metric_id, archived=True)
            self._roadmap.record_completions()
        self._ctx.hub.notify(
            self.AREA,
            tr("Archived “{metric}”. Its ratings are kept; you can restore it.").format(
                metric=metric.name
            ),
        )

    def restore(self, metric_id: int) -> None:
        metric = self.get(metric_id)
        require(
            len(self._repo.active()) < m.MAX_ACTIVE_METRICS,
            tr(
                "You already follow {max_active_metrics} outcomes. Archive one first to make room."
            ).format(max_active_metrics=m.MAX_ACTIVE_METRICS),
        )
        with self._ctx.transaction():
            self._repo.update(metric_id, archived=False)
        self._ctx.hub.notify(self.AREA, tr("Restored “{metric}”").format(metric=metric.name))

    # Check-ins ---------------------------------------------------------------------------------
    def _check_day(self, day: date) -> None:
        error = m.validate_rating_day(day, self.today())
        require(error is None, error or "", "day")

    def rate(self, metric_id: int, day: date, value: object) -> None:
        """Set (or replace) one rating. Refuses future days and anything but a whole 0–10."""
        metric = self.get(metric_id)
        self._check_day(day)
        try:
            rating = m.parse_rating(value)
        except ValueError as exc:
            raise UserError(str(exc), "rating") from exc
        require(
            not metric.archived,
            tr("“{metric}” is archived. Restore it to rate it.").format(metric=metric.name),
        )
        with self._ctx.transaction():
            self._repo.set_rating(metric_id, day, rating)
            self._roadmap.record_completions()
        self._ctx.hub.notify(
            "checkin",
            tr("Saved: {metric} {rating} for {day}").format(
                metric=isolate(metric.name), rating=rating, day=friendly_day(day, self.today())
            ),
        )

    def check_in(self, day: date, ratings: dict[int, object], note: str | None = None) -> None:
        """Several ratings (and the day's note) as one action."""
        self._check_day(day)
        parsed: dict[int, int] = {}
        for metric_id, value in ratings.items():
            self.get(metric_id)
            try:
                parsed[metric_id] = m.parse_rating(value)
            except ValueError as exc:
                raise UserError(str(exc), "rating") from exc
        if note is not None:
            error = m.validate_day_note(note)
            require(error is None, error or "", "note")
        with self._ctx.transaction():
            for metric_id, value in parsed.items():
                self._repo.set_rating(metric_id, day, value)
            if note is not None:
                self._repo.set_note(day, note)
            self._roadmap.record_completions()
        self._ctx.hub.notify(
            "checkin", tr("Saved: check-in for {day}").format(day=friendly_day(day, self.today()))
        )

    def clear_rating(self, metric_id: int, day: date) -> None:
        metric = self.get(metric_id)
        with self._ctx.transaction():
            self._repo.clear_rating(metric_id, day)
        self._ctx.hub.notify(
            "checkin",
            tr("Cleared: {metric} for {day}").format(
                metric=isolate(metric.name), day=friendly_day(day, self.today())
            ),
        )

    def set_note(self, day: date, text: str) -> None:
        self._check_day(day)
        error = m.validate_day_note(text)
        require(error is None, error or "", "note")
        if text == self._repo.note(day):
            return
        with self._ctx.transaction():
            self._repo.set_note(day, text)
        self._ctx.hub.notify(
            "checkin", tr("Saved: note for {day}").format(day=friendly_day(day, self.today()))
        )
