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


ALL_RECORDS: tuple[type[BaseRecord], ...] = (
    SchemaVersionRecord,
    SettingRecord,
    MetricRecord,
    MetricEntryRecord,
    DayNoteRecord,
    StepCompletionRecord,
)
