"""Steps 2 and 3: openings and their pairing window, behavioural experiments, thought records and
learning sessions. Every change goes through here: validated by the domain, written in one
transaction, announced with one ``changed`` signal."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from plasticity_app.controller.base import Context, friendly_day, require
from plasticity_app.controller.roadmap import RoadmapController
from plasticity_app.db.learning_repo import LearningRepository
from plasticity_app.domain import dates
from plasticity_app.domain import experiments as ex
from plasticity_app.domain import learning as ln
from plasticity_app.domain import openings as op
from plasticity_app.domain import roadmap as r
from plasticity_app.domain import thought_records as trec
from plasticity_app.domain.clock import journal_day
from plasticity_app.domain.errors import UserError
from plasticity_app.domain.experiments import (
    Experiment,
    ExperimentPlan,
    ExperimentResult,
    ExperimentStatus,
)
from plasticity_app.domain.learning import LearningSession, SessionKind
from plasticity_app.domain.metrics import Metric
from plasticity_app.domain.openings import LearningEntry, LearningKind, Opening, Pairing
from plasticity_app.domain.text import QT_TR_NOOP, tr
from plasticity_app.domain.thought_records import ThoughtRecord

IN_PROGRESS_SHOWN = 3

SESSION_ENTRY_LABELS = {
    SessionKind.THERAPY: QT_TR_NOOP("a therapy session"),
    SessionKind.SKILLS: QT_TR_NOOP("skills practice"),
    SessionKind.OTHER: QT_TR_NOOP("a learning session"),
}


def _raise_first(errors: dict[str, str]) -> None:
    """Refuse the action with the first problem, naming its field."""
    for field, message in errors.items():
        raise UserError(message, field)


def moment_text(moment: datetime) -> str:
    """“Thursday 26 November, 20:00”."""
    return dates.moment(moment)


class LearningController:
    EXPERIMENTS = "experiments"
    THOUGHT_RECORDS = "thought_records"
    SESSIONS = "learning_sessions"
    OPENINGS = "openings"
    AREAS = (EXPERIMENTS, THOUGHT_RECORDS, SESSIONS, OPENINGS)

    def __init__(self, ctx: Context, roadmap: RoadmapController) -> None:
        self._ctx = ctx
        self._roadmap = roadmap
        self._repo = LearningRepository()
        roadmap.fact_providers.append(self.roadmap_facts)

    # Reading -----------------------------------------------------------------------------------
    def today(self) -> date:
        return self._ctx.today()

    def now(self) -> datetime:
        return self._ctx.clock.now()

    def counts_for_note(self, moment: datetime) -> str:
        """For a moment before the journal day starts: which journal day it counts for."""
        return self._ctx.counts_for_note(moment)

    def metrics(self) -> list[Metric]:
        """Every metric an experiment can be linked with (archived ones keep their links)."""
        return self._ctx.metrics_repo.all()

    def metric_name(self, metric_id: int | None) -> str:
        if metric_id is None:
            return ""
        metric = self._ctx.metrics_repo.get(metric_id)
        return "" if metric is None else metric.name

    def roadmap(self) -> r.Roadmap:
        return self._roadmap.roadmap()

    def lock_reason(self) -> str | None:
        """Why step 3 (and with it this whole area) is not open yet, or ``None``."""
        step = self.roadmap().step(3)
        if step.state is r.StepState.LOCKED:
            return tr(
                "Experiments, thought records and learning sessions belong to step 3. "
                "It opens once your baseline is mapped and step 2 is decided: "
                "an opening logged, or marked as not needed."
            )
        return None

    def opening_lock_reason(self) -> str | None:
        if self.roadmap().step(2).state is r.StepState.LOCKED:
            return tr("Step 2 opens when your baseline is mapped (step 1).")
        return None

    def experiments(self, status: ExperimentStatus | str | None = None) -> list[Experiment]:
        wanted = None if status is None else ExperimentStatus(status)
        return ex.sort_for_list(self._repo.experiments(wanted), self.today())

    def experiment(self, experiment_id: int) -> Experiment:
        found = self._repo.experiment(experiment_id)
        if found is None:
            raise UserError(tr("That experiment no longer exists."))
        return found

    def status_counts(self) -> dict[ExperimentStatus, int]:
        counts = dict.fromkeys(ExperimentStatus, 0)
        for e in self._repo.experiments():
            counts[e.status] += 1
        return counts

    def thought_records(self) -> list[ThoughtRecord]:
        return self._repo.thought_records()

    def thought_record(self, record_id: int) -> ThoughtRecord:
        found = self._repo.thought_record(record_id)
        if found is None:
            raise UserError(tr("That thought record no longer exists."))
        return found

    def sessions(self) -> list[LearningSession]:
        return self._repo.sessions()

    def session(self, session_id: int) -> LearningSession:
        found = self._repo.session(session_id)
        if found is None:
            raise UserError(tr("That session no longer exists."))
        return found

    def openings(self) -> list[Opening]:
        """Oldest first."""
        return self._repo.openings()

    def opening(self, opening_id: int) -> Opening:
        found = self._repo.opening(opening_id)
        if found is None:
            raise UserError(tr("That opening no longer exists."))
        return found

    def pairing(self, opening: Opening) -> Pairing:
        start = opening.at.date() - timedelta(days=1)
        end = (opening.at + timedelta(hours=op.PAIRING_HOURS)).date() + timedelta(days=1)
        return op.pairing(
            opening.at,
            self._learning_entries(start, end),
            self.now(),
            self._ctx.settings.day_start_hour,
        )

    def latest_opening(self) -> tuple[Opening, Pairing] | None:
        openings = self._repo.openings()
        if not openings:
            return None
        latest = openings[-1]
        return latest, self.pairing(latest)

    def _learning_entries(self, start: date, end: date) -> list[LearningEntry]:
        entries = [
            LearningEntry(day, LearningKind.EXPERIMENT) for day in self._repo.done_days(start, end)
        ]
        entries += [
            LearningEntry(day, LearningKind.THOUGHT_RECORD)
            for day in self._repo.thought_days(start, end)
        ]
        entries += [
            LearningEntry(s.day, LearningKind.SESSION, tr(SESSION_ENTRY_LABELS[s.kind]))
            for s in self._repo.sessions_between(start, end)
        ]
        return entries

    # Guards ------------------------------------------------------------------------------------
    def _require_open(self) -> None:
        reason = self.lock_reason()
        require(
            reason is None,
            tr(
                "Step 3 isn’t open yet. It opens once your baseline is mapped and step 2 is "
                "decided."
            ),
        )

    def _done(self, area: str, message: str) -> None:
        self._ctx.hub.notify(area, message)

    # Experiments -------------------------------------------------------------------------------
    def plan_experiment(self, plan: ExperimentPlan) -> Experiment:
        self._require_open()
        _raise_first(ex.validate_plan(plan, self.today()))
        self._check_metric(plan.related_metric_id)
        with self._ctx.transaction():
            experiment = self._repo.add_experiment(plan, self.today())
            self._roadmap.record_completions()
        self._done(
            self.EXPERIMENTS,
            tr("Saved: experiment planned for {day}").format(
                day=friendly_day(plan.planned_date, self.today())
            ),
        )
        return experiment

    def update_plan(self, experiment_id: int, plan: ExperimentPlan) -> None:
        experiment = self.experiment(experiment_id)
        done_date = experiment.result.done_date if experiment.result is not None else None
        _raise_first(ex.validate_plan(plan, self.today(), done_date=done_date))
        self._check_metric(plan.related_metric_id)
        if plan == experiment.plan:
            return
        with self._ctx.transaction():
            self._repo.update_plan(experiment_id, plan)
            self._roadmap.record_completions()
        self._done(
            self.EXPERIMENTS,
            tr("Saved: plan for “{shorten}”").format(shorten=ln.shorten(plan.target_belief, 40)),
        )

    def record_outcome(self, experiment_id: int, result: ExperimentResult) -> None:
        """Planned → done (or a done experiment's outcome edited)."""
        experiment = self.experiment(experiment_id)
        error = ex.can_record_outcome(experiment.status)
        require(error is None, error or "", "status")
        _raise_first(ex.validate_result(experiment.plan, result, self.today()))
        if experiment.status is ExperimentStatus.DONE and experiment.result == result:
            return
        with self._ctx.transaction():
            self._repo.set_result(experiment_id, ExperimentStatus.DONE, result)
            self._roadmap.record_completions()
        self._done(
            self.EXPERIMENTS,
            tr("Saved: outcome of “{experiment}” ({before} → {after})").format(
                experiment=experiment.title,
                before=ln.percent_text(experiment.plan.belief_before),
                after=ln.percent_text(result.belief_after),
            ),
        )

    def cancel_experiment(self, experiment_id: int) -> None:
        experiment = self.experiment(experiment_id)
        error = ex.can_cancel(experiment.status)
        require(error is None, error or "", "status")
        with self._ctx.transaction():
            self._repo.set_result(experiment_id, ExperimentStatus.CANCELLED, None)
            self._roadmap.record_completions()
        self._done(
            self.EXPERIMENTS,
            tr("Saved: experiment cancelled, “{experiment}”").format(experiment=experiment.title),
        )

    def plan_again(self, experiment_id: int, planned_date: date | None = None) -> None:
        """A cancelled experiment back to planned (for ``planned_date``, else its old date)."""
        experiment = self.experiment(experiment_id)
        error = ex.can_plan_again(experiment.status)
        require(error is None, error or "", "status")
        plan = experiment.plan
        if planned_date is not None:
            plan = replace(plan, planned_date=planned_date)
            _raise_first(ex.validate_plan(plan, self.today()))
        with self._ctx.transaction():
            self._repo.update_plan(experiment_id, plan)
            self._repo.set_result(experiment_id, ExperimentStatus.PLANNED, None)
            self._roadmap.record_completions()
        self._done(
            self.EXPERIMENTS,
            tr("Saved: experiment planned again, “{experiment}”").format(
                experiment=experiment.title
            ),
        )

    def delete_experiment(self, experiment_id: int) -> None:
        experiment = self.experiment(experiment_id)
        with self._ctx.transaction():
            self._repo.delete_experiment(experiment_id)
            self._roadmap.record_completions()
        self._done(
            self.EXPERIMENTS,
            tr("Deleted experiment “{experiment}”").format(experiment=experiment.title),
        )

    def _check_metric(self, metric_id: int | None) -> None:
        if metric_id is not None:
            require(
                self._ctx.metrics_repo.get(metric_id) is not None,
                tr("That metric no longer exists."),
                "related_metric",
            )

    # Thought records ---------------------------------------------------------------------------
    def _clean(self, record: ThoughtRecord) -> ThoughtRecord:
        names = {m.name.strip().casefold() for m in trec.clean_moods(record.moods)}
        after = tuple(
            m
            for m in trec.clean_moods(record.moods_after)
            if m.intensity is not None or m.name.strip().casefold() not in names
        )
        return replace(
            record,
            moods=trec.clean_moods(record.moods),
            moods_after=after,
            distortions=tuple(record.distortions),
        )

    def add_thought_record(self, record: ThoughtRecord) -> ThoughtRecord:
        self._require_open()
        record = self._clean(record)
        _raise_first(trec.validate_thought_record(record, self.today()))
        with self._ctx.transaction():
            saved = self._repo.add_thought_record(record, self.today())
            self._roadmap.record_completions()
        self._done(
            self.THOUGHT_RECORDS,
            tr("Saved: thought record for {day}").format(
                day=friendly_day(record.day, self.today())
            ),
        )
        return saved

    def update_thought_record(self, record_id: int, record: ThoughtRecord) -> None:
        current = self.thought_record(record_id)
        record = self._clean(record)
        _raise_first(trec.validate_thought_record(record, self.today()))
        if replace(record, id=current.id, created=current.created) == current:
            return
        with self._ctx.transaction():
            self._repo.update_thought_record(record_id, record)
            self._roadmap.record_completions()
        self._done(
            self.THOUGHT_RECORDS,
            tr("Saved: thought record for {day}").format(
                day=friendly_day(record.day, self.today())
            ),
        )

    def delete_thought_record(self, record_id: int) -> None:
        record = self.thought_record(record_id)
        with self._ctx.transaction():
            self._repo.delete_thought_record(record_id)
            self._roadmap.record_completions()
        self._done(
            self.THOUGHT_RECORDS,
            tr("Deleted thought record for {day}").format(
                day=friendly_day(record.day, self.today())
            ),
        )

    # Learning sessions -------------------------------------------------------------------------
    def _parse_session(self, session: LearningSession) -> LearningSession:
        _raise_first(ln.validate_session(session, self.today()))
        return replace(
            session, kind=SessionKind(session.kind), minutes=ln.parse_minutes(session.minutes)
        )

    def log_session(self, session: LearningSession) -> LearningSession:
        self._require_open()
        session = self._parse_session(session)
        with self._ctx.transaction():
            saved = self._repo.add_session(session)
            self._roadmap.record_completions()
        self._done(
            self.SESSIONS,
            tr("Saved: {what}, {duration}, {day}").format(
                what=session.kind.label.lower(),
                duration=ln.minutes_text(session.minutes),
                day=friendly_day(session.day, self.today()),
            ),
        )
        return saved

    def update_session(self, session_id: int, session: LearningSession) -> None:
        current = self.session(session_id)
        session = self._parse_session(session)
        if replace(session, id=current.id) == current:
            return
        with self._ctx.transaction():
            self._repo.update_session(session_id, session)
            self._roadmap.record_completions()
        self._done(
            self.SESSIONS,
            tr("Saved: {what}, {day}").format(
                what=session.kind.label.lower(), day=friendly_day(session.day, self.today())
            ),
        )

    def delete_session(self, session_id: int) -> None:
        session = self.session(session_id)
        with self._ctx.transaction():
            self._repo.delete_session(session_id)
            self._roadmap.record_completions()
        self._done(
            self.SESSIONS,
            tr("Deleted {what} of {day}").format(
                what=session.kind.label.lower(), day=friendly_day(session.day, self.today())
            ),
        )

    # Openings ----------------------------------------------------------------------------------
    def _check_opening(self, opening: Opening) -> Opening:
        _raise_first(op.validate_opening(opening, self.now()))
        return replace(opening, kind=op.OpeningKind(opening.kind), at=opening.at.replace(second=0))

    def log_opening(self, opening: Opening) -> Opening:
        """Step 2: a clinician-guided opening. Completes step 2 if it was still undecided."""
        reason = self.opening_lock_reason()
        require(reason is None, reason or "")
        opening = self._check_opening(opening)
        with self._ctx.transaction():
            saved = self._repo.add_opening(opening, self.now())
            self._roadmap.record_completions()
        self._done(
            self.OPENINGS,
            tr("Saved: opening ({kind}) on {day}").format(
                kind=opening.kind.short,
                day=friendly_day(
                    journal_day(opening.at, self._ctx.settings.day_start_hour), self.today()
                ),
            ),
        )
        return saved

    def update_opening(self, opening_id: int, opening: Opening) -> None:
        current = self.opening(opening_id)
        opening = self._check_opening(opening)
        if replace(opening, id=current.id, created=current.created) == current:
            return
        with self._ctx.transaction():
            self._repo.update_opening(opening_id, opening)
            self._roadmap.record_completions()
        self._done(self.OPENINGS, tr("Saved: opening ({kind})").format(kind=opening.kind.short))

    def delete_opening(self, opening_id: int) -> None:
        opening = self.opening(opening_id)
        with self._ctx.transaction():
            self._repo.delete_opening(opening_id)
            self._roadmap.record_completions()
        self._done(
            self.OPENINGS,
            tr("Deleted opening ({kind}) of {day}").format(
                kind=opening.kind.short,
                day=friendly_day(
                    journal_day(opening.at, self._ctx.settings.day_start_hour), self.today()
                ),
            ),
        )

    def mark_opening_not_needed(self) -> None:
        self._roadmap.mark_opening_not_needed()

    # Roadmap facts -----------------------------------------------------------------------------
    def opening_notes(self, openings: list[Opening]) -> tuple[str, ...]:
        """What step 2 says about the latest of ``openings`` (all of them, oldest first)."""
        if not openings:
            return ()
        opening = openings[-1]
        pairing = self.pairing(opening)
        clinician = opening.clinician.strip()
        if clinician:
            first = tr("Opening logged: {kind}, {when}, with {clinician}.").format(
                kind=opening.kind.short, when=moment_text(opening.at), clinician=clinician
            )
        else:
            first = tr("Opening logged: {kind}, {when}.").format(
                kind=opening.kind.short, when=moment_text(opening.at)
            )
        return first, pairing.sentence(moment_text(pairing.closes_at))

    def roadmap_facts(self, today: date) -> dict[str, object]:
        planned = self.experiments(ExperimentStatus.PLANNED)
        in_progress = [ex.in_progress_note(e, today) for e in planned[:IN_PROGRESS_SHOWN]]
        if len(planned) > IN_PROGRESS_SHOWN:
            in_progress.append(
                tr("{count} more planned experiments").format(
                    count=len(planned) - IN_PROGRESS_SHOWN
                )
            )
        openings = self._repo.openings()
        facts: dict[str, object] = {
            "experiments_with_outcome": self._repo.count_with_outcome(),
            "experiments_in_progress": tuple(in_progress),
            "opening_notes": self.opening_notes(openings),
        }
        if openings:
            dsh = self._ctx.settings.day_start_hour
            logged = min(journal_day(o.created or o.at, dsh) for o in openings)
            facts["opening_decision"] = r.OpeningDecision.LOGGED.value
            facts["opening_decided_on"] = min(today, logged)
        return facts

    # Export ------------------------------------------------------------------------------------
    def export_sections(self) -> dict[str, list[dict[str, Any]]]:
        def iso(day: date | None) -> str | None:
            return None if day is None else day.isoformat()

        experiments = []
        for e in sorted(self._repo.experiments(), key=lambda e: e.id):
            p, res = e.plan, e.result
            experiments.append(
                {
                    "id": e.id,
                    "target_belief": p.target_belief,
                    "belief_before": p.belief_before,
                    "alternative_belief": p.alternative_belief,
                    "alternative_before": p.alternative_before,
                    "plan": p.plan,
                    "safety_behaviours": p.safety_behaviours,
                    "prediction": p.prediction,
                    "how_to_know": p.how_to_know,
                    "planned_date": p.planned_date.isoformat(),
                    "related_metric_id": p.related_metric_id,
                    "status": e.status.value,
                    "outcome": res.outcome if res else "",
                    "prediction_came_true": res.prediction_came_true.value
                    if res and res.prediction_came_true
                    else None,
                    "learned": res.learned if res else "",
                    "belief_after": res.belief_after if res else None,
                    "alternative_after": res.alternative_after if res else None,
                    "done_date": iso(res.done_date) if res else None,
                    "created": iso(e.created),
                }
            )
        thought_records = [
            {
                "id": t.id,
                "date": t.day.isoformat(),
                "situation": t.situation,
                "moods": [{"name": m.name, "intensity": m.intensity} for m in t.moods],
                "automatic_thought": t.automatic_thought,
                "thought_belief": t.thought_belief,
                "distortions": list(t.distortions),
                "evidence_for": t.evidence_for,
                "evidence_against": t.evidence_against,
                "balanced_thought": t.balanced_thought,
                "balanced_belief": t.balanced_belief,
                "moods_after": [{"name": m.name, "intensity": m.intensity} for m in t.moods_after],
                "created": iso(t.created),
            }
            for t in sorted(self._repo.thought_records(), key=lambda t: t.id or 0)
        ]
        sessions = [
            {
                "id": s.id,
                "date": s.day.isoformat(),
                "kind": s.kind.value,
                "minutes": s.minutes,
                "notes": s.notes,
            }
            for s in sorted(self._repo.sessions(), key=lambda s: s.id or 0)
        ]
        openings = [
            {
                "id": o.id,
                "kind": o.kind.value,
                "at": o.at.isoformat(timespec="minutes"),
                "clinician": o.clinician,
                "notes": o.notes,
                "created": o.created.isoformat(timespec="seconds") if o.created else None,
            }
            for o in sorted(self._repo.openings(), key=lambda o: o.id or 0)
        ]
        return {
            "openings": openings,
            "experiments": experiments,
            "thought_records": thought_records,
            "learning_sessions": sessions,
        }
