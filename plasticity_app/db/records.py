"""peewee records, one per table. Repositories map them to domain types; nothing else uses them."""

from __future__ import annotations

import peewee as pw

database_proxy = pw.DatabaseProxy()


class BaseRecord(pw.Model):
    class Meta:
        database = database_proxy
        legacy_table_names = False


class SchemaVersionRecord(BaseRecord):
    version = pw.IntegerField(primary_key=True)
    description = pw.TextField()
    applied_at = pw.TextField()

    class Meta:
        table_name = "schema_version"


class SettingRecord(BaseRecord):
    key = pw.TextField(primary_key=True)
    value = pw.TextField()

    class Meta:
        table_name = "setting"


class MetricRecord(BaseRecord):
    id = pw.AutoField()
    name = pw.TextField()
    description = pw.TextField(default="")
    direction = pw.TextField()
    archived = pw.BooleanField(default=False)
    position = pw.IntegerField(default=0)
    created = pw.DateField()

    class Meta:
        table_name = "metric"


class MetricEntryRecord(BaseRecord):
    id = pw.AutoField()
    metric = pw.ForeignKeyField(MetricRecord, on_delete="CASCADE", column_name="metric_id")
    day = pw.DateField()
    value = pw.IntegerField()

    class Meta:
        table_name = "metric_entry"


class DayNoteRecord(BaseRecord):
    day = pw.DateField(primary_key=True)
    text = pw.TextField()

    class Meta:
        table_name = "day_note"


class StepCompletionRecord(BaseRecord):
    step = pw.IntegerField(primary_key=True)
    completed_on = pw.DateField()
    skipped = pw.BooleanField(default=False)

    class Meta:
        table_name = "step_completion"


class OpeningRecord(BaseRecord):
    id = pw.AutoField()
    kind = pw.TextField()
    at = pw.TextField()  # ISO date-time, local
    clinician = pw.TextField(default="")
    notes = pw.TextField(default="")
    created = pw.TextField()

    class Meta:
        table_name = "opening"


class ExperimentRecord(BaseRecord):
    id = pw.AutoField()
    target_belief = pw.TextField()
    belief_before = pw.IntegerField()
    alternative_belief = pw.TextField(default="")
    alternative_before = pw.IntegerField(null=True)
    plan = pw.TextField(default="")
    safety_behaviours = pw.TextField(default="")
    prediction = pw.TextField(default="")
    how_to_know = pw.TextField(default="")
    planned_date = pw.DateField()
    related_metric = pw.ForeignKeyField(
        MetricRecord, null=True, on_delete="SET NULL", column_name="related_metric_id"
    )
    status = pw.TextField(default="planned")
    outcome = pw.TextField(default="")
    prediction_came_true = pw.TextField(null=True)
    learned = pw.TextField(default="")
    belief_after = pw.IntegerField(null=True)
    alternative_after = pw.IntegerField(null=True)
    done_date = pw.DateField(null=True)
    created = pw.DateField()

    class Meta:
        table_name = "experiment"


class ThoughtRecordRecord(BaseRecord):
    id = pw.AutoField()
    day = pw.DateField()
    situation = pw.TextField(default="")
    moods = pw.TextField(default="[]")  # JSON: [{"name": "anxious", "intensity": 80}, ...]
    automatic_thought = pw.TextField(default="")
    thought_belief = pw.IntegerField(null=True)
    distortions = pw.TextField(default="[]")  # JSON list of distortion keys
    evidence_for = pw.TextField(default="")
    evidence_against = pw.TextField(default="")
    balanced_thought = pw.TextField(default="")
    balanced_belief = pw.IntegerField(null=True)
    moods_after = pw.TextField(default="[]")
    created = pw.DateField()

    class Meta:
        table_name = "thought_record"


class LearningSessionRecord(BaseRecord):
    id = pw.AutoField()
    day = pw.DateField()
    kind = pw.TextField()
    minutes = pw.IntegerField()
    notes = pw.TextField(default="")

    class Meta:
        table_name = "learning_session"


class HabitRecord(BaseRecord):
    id = pw.AutoField()
    name = pw.TextField()
    kind = pw.TextField()
    unit = pw.TextField(default="")
    description = pw.TextField(default="")
    times = pw.IntegerField()
    period_days = pw.IntegerField()
    max_times = pw.IntegerField(null=True)
    daily_min = pw.FloatField(null=True)
    daily_max = pw.FloatField(null=True)
    builtin_key = pw.TextField(null=True, unique=True)
    archived = pw.BooleanField(default=False)
    position = pw.IntegerField(default=0)
    created = pw.DateField()

    class Meta:
        table_name = "habit"


class HabitEntryRecord(BaseRecord):
    id = pw.AutoField()
    habit = pw.ForeignKeyField(HabitRecord, on_delete="CASCADE", column_name="habit_id")
    day = pw.DateField()
    status = pw.TextField()
    quantity = pw.FloatField(null=True)
    note = pw.TextField(default="")

    class Meta:
        table_name = "habit_entry"


class ReviewRecord(BaseRecord):
    id = pw.AutoField()
    week_start = pw.DateField(unique=True)
    reflection_opening = pw.TextField(default="")
    reflection_belief = pw.TextField(default="")
    reflection_habit = pw.TextField(default="")
    notes = pw.TextField(default="")
    created = pw.TextField()
    updated = pw.TextField()

    class Meta:
        table_name = "review"


class ReviewDecisionRecord(BaseRecord):
    id = pw.AutoField()
    review = pw.ForeignKeyField(ReviewRecord, on_delete="CASCADE", column_name="review_id")
    practice = pw.TextField()  # "habit:<id>", "experiments", "thought_records", "learning"
    habit = pw.ForeignKeyField(HabitRecord, null=True, on_delete="SET NULL", column_name="habit_id")
    decision = pw.TextField()
    note = pw.TextField(default="")

    class Meta:
        table_name = "review_decision"


class ImportLogRecord(BaseRecord):
    id = pw.AutoField()
    source = pw.TextField()
    fingerprint = pw.TextField()
    imported_at = pw.TextField()
    summary = pw.TextField(default="")

    class Meta:
        table_name = "import_log"


ALL_RECORDS: tuple[type[BaseRecord], ...] = (
    SchemaVersionRecord,
    SettingRecord,
    MetricRecord,
    MetricEntryRecord,
    DayNoteRecord,
    StepCompletionRecord,
    OpeningRecord,
    ExperimentRecord,
    ThoughtRecordRecord,
    LearningSessionRecord,
    HabitRecord,
    HabitEntryRecord,
    ReviewRecord,
    ReviewDecisionRecord,
    ImportLogRecord,
)
