"""Openings, behavioural experiments, thought records and learning sessions: records <-> domain."""

from __future__ import annotations

import json
from datetime import date, datetime
from types import SimpleNamespace
from typing import Any

import peewee as pw

from plasticity_app.db import prepared
from plasticity_app.db.prepared import P
from plasticity_app.db.records import (
    ExperimentRecord,
    LearningSessionRecord,
    OpeningRecord,
    ThoughtRecordRecord,
)
from plasticity_app.domain.experiments import (
    Experiment,
    ExperimentPlan,
    ExperimentResult,
    ExperimentStatus,
    PredictionCameTrue,
)
from plasticity_app.domain.learning import LearningSession, SessionKind
from plasticity_app.domain.openings import Opening, OpeningKind
from plasticity_app.domain.thought_records import Mood, ThoughtRecord


def _date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _opt_date(value: Any) -> date | None:
    return None if value is None or value == "" else _date(value)


def _moods_to_json(moods: tuple[Mood, ...]) -> str:
    return json.dumps(
        [{"name": m.name, "intensity": m.intensity} for m in moods], ensure_ascii=False
    )


def _moods_from_json(text: str) -> tuple[Mood, ...]:
    try:
        raw = json.loads(text or "[]")
    except ValueError:
        return ()
    moods = []
    for item in raw if isinstance(raw, list) else []:
        if isinstance(item, dict):
            intensity = item.get("intensity")
            moods.append(
                Mood(
                    str(item.get("name", "")),
                    intensity if isinstance(intensity, int) else None,
                )
            )
    return tuple(moods)


def _keys_from_json(text: str) -> tuple[str, ...]:
    try:
        raw = json.loads(text or "[]")
    except ValueError:
        return ()
    return tuple(str(k) for k in raw) if isinstance(raw, list) else ()


# Openings ---------------------------------------------------------------------------------------
def _opening(r: OpeningRecord) -> Opening:
    return Opening(
        kind=OpeningKind(r.kind),
        at=datetime.fromisoformat(r.at),
        clinician=r.clinician,
        notes=r.notes,
        id=r.id,
        created=datetime.fromisoformat(r.created) if r.created else None,
    )


def _plan(r: Any) -> ExperimentPlan:
    return ExperimentPlan(
        target_belief=r.target_belief,
        belief_before=r.belief_before,
        plan=r.plan,
        prediction=r.prediction,
        planned_date=_date(r.planned_date),
        alternative_belief=r.alternative_belief,
        alternative_before=r.alternative_before,
        safety_behaviours=r.safety_behaviours,
        how_to_know=r.how_to_know,
        related_metric_id=r.related_metric_id,
    )


def _experiment(r: Any) -> Experiment:
    """An experiment from its record, or from a plain row's columns by name."""
    result = None
    if r.done_date is not None:
        result = ExperimentResult(
            outcome=r.outcome,
            prediction_came_true=PredictionCameTrue(r.prediction_came_true)
            if r.prediction_came_true
            else None,
            belief_after=r.belief_after,
            done_date=_date(r.done_date),
            learned=r.learned,
            alternative_after=r.alternative_after,
        )
    return Experiment(
        id=r.id,
        plan=_plan(r),
        status=ExperimentStatus(r.status),
        result=result,
        created=_opt_date(r.created),
    )


def _plan_columns(plan: ExperimentPlan) -> dict[str, Any]:
    return {
        "target_belief": plan.target_belief,
        "belief_before": plan.belief_before,
        "alternative_belief": plan.alternative_belief,
        "alternative_before": plan.alternative_before,
        "plan": plan.plan,
        "safety_behaviours": plan.safety_behaviours,
        "prediction": plan.prediction,
        "how_to_know": plan.how_to_know,
        "planned_date": plan.planned_date,
        "related_metric": plan.related_metric_id,
    }


def _result_columns(result: ExperimentResult | None) -> dict[str, Any]:
    if result is None:
        return {
            "outcome": "",
            "prediction_came_true": None,
            "learned": "",
            "belief_after": None,
            "alternative_after": None,
            "done_date": None,
        }
    came_true = result.prediction_came_true
    return {
        "outcome": result.outcome,
        "prediction_came_true": None if came_true is None else PredictionCameTrue(came_true).value,
        "learned": result.learned,
        "belief_after": result.belief_after,
        "alternative_after": result.alternative_after,
        "done_date": result.done_date,
    }


def _thought(r: ThoughtRecordRecord) -> ThoughtRecord:
    return ThoughtRecord(
        day=_date(r.day),
        situation=r.situation,
        moods=_moods_from_json(r.moods),
        automatic_thought=r.automatic_thought,
        thought_belief=r.thought_belief,
        distortions=_keys_from_json(r.distortions),
        evidence_for=r.evidence_for,
        evidence_against=r.evidence_against,
        balanced_thought=r.balanced_thought,
        balanced_belief=r.balanced_belief,
        moods_after=_moods_from_json(r.moods_after),
        id=r.id,
        created=_opt_date(r.created),
    )


def _thought_columns(t: ThoughtRecord) -> dict[str, Any]:
    return {
        "day": t.day,
        "situation": t.situation,
        "moods": _moods_to_json(t.moods),
        "automatic_thought": t.automatic_thought,
        "thought_belief": t.thought_belief,
        "distortions": json.dumps(list(t.distortions)),
        "evidence_for": t.evidence_for,
        "evidence_against": t.evidence_against,
        "balanced_thought": t.balanced_thought,
        "balanced_belief": t.balanced_belief,
        "moods_after": _moods_to_json(t.moods_after),
    }


def _session(r: LearningSessionRecord) -> LearningSession:
    return LearningSession(
        day=_date(r.day), kind=SessionKind(r.kind), minutes=r.minutes, notes=r.notes, id=r.id
    )


class LearningRepository:
    # Openings ---------------------------------------------------------------------------------
    def openings(self) -> list[Opening]:
        def build() -> pw.Query:
            return OpeningRecord.select().order_by(OpeningRecord.at, OpeningRecord.id)

        return [_opening(r) for r in prepared.records(OpeningRecord, "openings", build, ())]

    def opening(self, opening_id: int) -> Opening | None:
        r = OpeningRecord.get_or_none(OpeningRecord.id == opening_id)
        return None if r is None else _opening(r)

    def add_opening(self, opening: Opening, created: datetime) -> Opening:
        r = OpeningRecord.create(
            kind=OpeningKind(opening.kind).value,
            at=opening.at.isoformat(timespec="minutes"),
            clinician=opening.clinician,
            notes=opening.notes,
            created=created.isoformat(timespec="seconds"),
        )
        return _opening(r)

    def update_opening(self, opening_id: int, opening: Opening) -> None:
        OpeningRecord.update(
            kind=OpeningKind(opening.kind).value,
            at=opening.at.isoformat(timespec="minutes"),
            clinician=opening.clinician,
            notes=opening.notes,
        ).where(OpeningRecord.id == opening_id).execute()

    def delete_opening(self, opening_id: int) -> None:
        OpeningRecord.delete().where(OpeningRecord.id == opening_id).execute()

    # Experiments ------------------------------------------------------------------------------
    def experiments(self, status: ExperimentStatus | None = None) -> list[Experiment]:
        def build() -> pw.Query:
            q = ExperimentRecord.select()
            if status is not None:
                q = q.where(ExperimentRecord.status == P)
            return q.order_by(ExperimentRecord.planned_date, ExperimentRecord.id)

        key = "experiments"
        params: tuple[str, ...] = ()
        if status is not None:
            key, params = "experiments of status", (ExperimentStatus(status).value,)
        # Plain rows: a record object per experiment was most of the Charts tab's read of
        # hundreds of experiments.
        rows = prepared.rows(ExperimentRecord, key, build, params)
        names = [column[0] for column in rows.description]
        return [_experiment(SimpleNamespace(**dict(zip(names, row, strict=True)))) for row in rows]

    def experiment(self, experiment_id: int) -> Experiment | None:
        r = ExperimentRecord.get_or_none(ExperimentRecord.id == experiment_id)
        return None if r is None else _experiment(r)

    def add_experiment(self, plan: ExperimentPlan, created: date) -> Experiment:
        r = ExperimentRecord.create(
            **_plan_columns(plan), status=ExperimentStatus.PLANNED.value, created=created
        )
        return _experiment(r)

    def update_plan(self, experiment_id: int, plan: ExperimentPlan) -> None:
        ExperimentRecord.update(**_plan_columns(plan)).where(
            ExperimentRecord.id == experiment_id
        ).execute()

    def set_result(
        self, experiment_id: int, status: ExperimentStatus, result: ExperimentResult | None
    ) -> None:
        ExperimentRecord.update(
            status=ExperimentStatus(status).value, **_result_columns(result)
        ).where(ExperimentRecord.id == experiment_id).execute()

    def delete_experiment(self, experiment_id: int) -> None:
        ExperimentRecord.delete().where(ExperimentRecord.id == experiment_id).execute()

    def count_with_outcome(self) -> int:
        def build() -> pw.Query:
            return ExperimentRecord.select(pw.fn.COUNT(ExperimentRecord.id)).where(
                ExperimentRecord.status == P
            )

        params = (ExperimentStatus.DONE.value,)
        found = prepared.rows(ExperimentRecord, "experiments done", build, params).fetchone()
        return int(found[0] or 0)

    def done_days(self, start: date, end: date) -> list[date]:
        def build() -> pw.Query:
            return ExperimentRecord.select(ExperimentRecord.done_date).where(
                (ExperimentRecord.status == P)
                & (ExperimentRecord.done_date >= P)
                & (ExperimentRecord.done_date <= P)
            )

        params = (ExperimentStatus.DONE.value, start.isoformat(), end.isoformat())
        return [_date(r[0]) for r in prepared.rows(ExperimentRecord, "done days", build, params)]

    # Thought records --------------------------------------------------------------------------
    def thought_records(self) -> list[ThoughtRecord]:
        q = ThoughtRecordRecord.select().order_by(
            ThoughtRecordRecord.day.desc(), ThoughtRecordRecord.id.desc()
        )
        return [_thought(r) for r in q]

    def thought_record(self, record_id: int) -> ThoughtRecord | None:
        r = ThoughtRecordRecord.get_or_none(ThoughtRecordRecord.id == record_id)
        return None if r is None else _thought(r)

    def add_thought_record(self, record: ThoughtRecord, created: date) -> ThoughtRecord:
        r = ThoughtRecordRecord.create(**_thought_columns(record), created=created)
        return _thought(r)

    def update_thought_record(self, record_id: int, record: ThoughtRecord) -> None:
        ThoughtRecordRecord.update(**_thought_columns(record)).where(
            ThoughtRecordRecord.id == record_id
        ).execute()

    def delete_thought_record(self, record_id: int) -> None:
        ThoughtRecordRecord.delete().where(ThoughtRecordRecord.id == record_id).execute()

    def thought_days(self, start: date, end: date) -> list[date]:
        def build() -> pw.Query:
            return ThoughtRecordRecord.select(ThoughtRecordRecord.day).where(
                (ThoughtRecordRecord.day >= P) & (ThoughtRecordRecord.day <= P)
            )

        params = (start.isoformat(), end.isoformat())
        return [
            _date(r[0]) for r in prepared.rows(ThoughtRecordRecord, "thought days", build, params)
        ]

    # Learning sessions ------------------------------------------------------------------------
    def sessions(self) -> list[LearningSession]:
        q = LearningSessionRecord.select().order_by(
            LearningSessionRecord.day.desc(), LearningSessionRecord.id.desc()
        )
        return [_session(r) for r in q]

    def session(self, session_id: int) -> LearningSession | None:
        r = LearningSessionRecord.get_or_none(LearningSessionRecord.id == session_id)
        return None if r is None else _session(r)

    def add_session(self, session: LearningSession) -> LearningSession:
        r = LearningSessionRecord.create(
            day=session.day,
            kind=SessionKind(session.kind).value,
            minutes=session.minutes,
            notes=session.notes,
        )
        return _session(r)

    def update_session(self, session_id: int, session: LearningSession) -> None:
        LearningSessionRecord.update(
            day=session.day,
            kind=SessionKind(session.kind).value,
            minutes=session.minutes,
            notes=session.notes,
        ).where(LearningSessionRecord.id == session_id).execute()

    def delete_session(self, session_id: int) -> None:
        LearningSessionRecord.delete().where(LearningSessionRecord.id == session_id).execute()

    def sessions_between(self, start: date, end: date) -> list[LearningSession]:
        def build() -> pw.Query:
            return LearningSessionRecord.select().where(
                (LearningSessionRecord.day >= P) & (LearningSessionRecord.day <= P)
            )

        params = (start.isoformat(), end.isoformat())
        found = prepared.records(LearningSessionRecord, "sessions between", build, params)
        return [_session(r) for r in found]
