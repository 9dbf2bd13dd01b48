"""Tables. Money is integer cents, dates are DateField (ISO text on SQLite, DATE on PostgreSQL).

Each open database gets its own model classes (`tables_of(db)`): peewee's `Model.bind` is
process-wide, so with shared classes two open pipelines (a file and a server, a pipeline and
its backup, a window and a password check) would send each other's queries to whichever was
bound last. Classes made per database send every query to theirs, from any thread (peewee
keeps one connection per thread for each database). `SCHEMA` is the same set bound to no
database: column names and types for code that writes plain SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import peewee as pw


def utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


# The columns the metrics group deals by (services/metrics_sql.py), status first: the open
# and the closed deals' GROUP BY queries read this index alone, never the wide deal rows
# (closed deals at 100,000: 190 ms → 105 ms), and it serves every `status = …` lookup.
FIGURES_INDEX = "deal_status_figures"
FIGURES_COLUMNS = ("status", "stage_id", "owner", "source", "probability", "furthest_stage_id",
                   "currency", "lost_reason", "closed", "expected_close", "value_cents",
                   "created", "last_touch")
# The columns the ideal-customer fit figures group closed deals by (services/fit_metrics.py),
# company and contact first: they read this narrow index alone, in its order, with no sort
# and none of the wide deal rows (schema v5; the fit query at 100,000 deals 83 → 53 ms).
FIT_INDEX = "deal_fit_groups"
FIT_COLUMNS = ("company_id", "contact_id", "status", "closed", "currency", "value_cents")


@dataclass(frozen=True)
class Tables:
    """One database's model classes, by table name. `all` is in creation order (parents
    first: foreign keys stay satisfied when rows are copied in that order)."""

    stage: type[pw.Model]
    company: type[pw.Model]
    contact: type[pw.Model]
    deal: type[pw.Model]
    stage_change: type[pw.Model]
    activity: type[pw.Model]
    setting: type[pw.Model]
    exit_criterion: type[pw.Model]
    exchange_rate: type[pw.Model]

    @property
    def all(self) -> tuple[type[pw.Model], ...]:
        return (self.stage, self.company, self.contact, self.deal, self.stage_change,
                self.activity, self.setting, self.exit_criterion, self.exchange_rate)


def tables_of(db: pw.Database) -> Tables:
    """The model classes whose queries go to `db` (made once per database object)."""
    tables = getattr(db, "_pipeline_tables", None)
    if tables is None:
        tables = define_tables(db)
        db._pipeline_tables = tables  # type: ignore[attr-defined]
    return tables


def define_tables(db: pw.Database | None) -> Tables:
    """Define the table classes for one database (None: a schema template only)."""

    class BaseTable(pw.Model):
        class Meta:
            database = db
            legacy_table_names = False

    class StageTable(BaseTable):
        name = pw.CharField(max_length=200, unique=True)
        position = pw.IntegerField()
        probability = pw.IntegerField()
        outcome = pw.CharField(max_length=8, default="open")  # open | won | lost
        exit_criteria = pw.TextField(default="")  # one criterion a line
        stale_after_days = pw.IntegerField(default=30)

        class Meta:
            table_name = "stage"

    class CompanyTable(BaseTable):
        name = pw.CharField(max_length=500)
        name_key = pw.CharField(max_length=500, index=True)  # trimmed, case-folded: matching
        industry = pw.CharField(max_length=200, default="")
        employees = pw.IntegerField(null=True)
        region = pw.CharField(max_length=200, default="")
        website = pw.CharField(max_length=500, default="")

        class Meta:
            table_name = "company"

    class ContactTable(BaseTable):
        name = pw.CharField(max_length=500)
        name_key = pw.CharField(max_length=500, index=True)
        job_title = pw.CharField(max_length=200, default="")
        email = pw.CharField(max_length=320, default="", index=True)
        phone = pw.CharField(max_length=100, default="")
        company = pw.ForeignKeyField(CompanyTable, null=True, on_delete="SET NULL",
                                     backref="contacts")

        class Meta:
            table_name = "contact"

    class DealTable(BaseTable):
        title = pw.CharField(max_length=10_000)
        company = pw.ForeignKeyField(CompanyTable, null=True, on_delete="SET NULL",
                                     backref="deals")
        contact = pw.ForeignKeyField(ContactTable, null=True, on_delete="SET NULL",
                                     backref="deals")
        value_cents = pw.BigIntegerField(null=True)
        currency = pw.CharField(max_length=3, default="USD")
        stage = pw.ForeignKeyField(StageTable, on_delete="RESTRICT", backref="deals")
        status = pw.CharField(max_length=8, default="open")  # indexed by FIGURES_INDEX
        probability = pw.IntegerField(null=True)  # None: the stage's probability
        owner = pw.CharField(max_length=200, default="")
        source = pw.CharField(max_length=200, default="")
        created = pw.DateField()
        expected_close = pw.DateField(null=True)
        closed = pw.DateField(null=True)
        lost_reason = pw.CharField(max_length=500, default="")
        next_step = pw.TextField(default="")
        notes = pw.TextField(default="")
        external_id = pw.CharField(max_length=200, default="", index=True)
        custom = pw.TextField(default="")  # JSON object of columns a user brought in
        # Qualification (BANT)
        budget_cents = pw.BigIntegerField(null=True)
        budget_confirmed = pw.BooleanField(default=False)
        authority_known = pw.BooleanField(default=False)
        authority_name = pw.CharField(max_length=500, default="")
        need = pw.TextField(default="")
        timeline = pw.DateField(null=True)
        criteria_met = pw.TextField(default="")  # exit criteria ticked, one a line
        updated_at = pw.DateTimeField(default=utc_now)
        version = pw.IntegerField(default=1)  # bumped on every write: team mode refuses stale
        # Derived from the stage history (storage/history_summary.py keeps it current): the
        # furthest open stage the history entered. Not a foreign key: stage edits recompute it.
        furthest_stage_id = pw.IntegerField(null=True)
        # Derived too: the latest day the deal was moved or had an activity done (stale deals).
        last_touch = pw.DateField(null=True)

        class Meta:
            table_name = "deal"

    DealTable.add_index(pw.SQL(f"CREATE INDEX IF NOT EXISTS {FIGURES_INDEX} ON deal "
                               f"({', '.join(FIGURES_COLUMNS)})"))
    DealTable.add_index(pw.SQL(f"CREATE INDEX IF NOT EXISTS {FIT_INDEX} ON deal "
                               f"({', '.join(FIT_COLUMNS)})"))

    class StageChangeTable(BaseTable):
        deal = pw.ForeignKeyField(DealTable, on_delete="CASCADE", backref="stage_changes",
                                  index=False)  # (deal, changed_at) below serves it
        from_stage = pw.ForeignKeyField(StageTable, null=True, on_delete="SET NULL")
        to_stage = pw.ForeignKeyField(StageTable, null=True, on_delete="SET NULL", index=False)
        changed_at = pw.DateTimeField(default=utc_now, index=True)
        changed_by = pw.CharField(max_length=200, default="")
        # Derived (storage/history_summary.py): whole days until the deal's next change; NULL
        # for its latest. Lets the metrics read waiting times as one indexed GROUP BY.
        stay_days = pw.IntegerField(null=True)

        class Meta:
            table_name = "stage_change"
            indexes = ((("deal", "changed_at"), False), (("to_stage", "stay_days"), False))

    class ActivityTable(BaseTable):
        deal = pw.ForeignKeyField(DealTable, on_delete="CASCADE", backref="activities",
                                  index=False)  # (deal, done) below serves it
        kind = pw.CharField(max_length=10)  # call | email | meeting | task | note
        subject = pw.CharField(max_length=1000, default="")
        due = pw.DateField(null=True)
        done = pw.DateField(null=True)
        notes = pw.TextField(default="")
        owner = pw.CharField(max_length=200, default="")
        created_at = pw.DateTimeField(default=utc_now)

        class Meta:
            table_name = "activity"
            indexes = ((("deal", "done"), False),)  # a deal's latest done activity: stale deals

    class SettingTable(BaseTable):
        """Pipeline-wide settings that travel with the file: ICP, targets, lists (JSON)."""

        key = pw.CharField(max_length=100, primary_key=True)
        value = pw.TextField()

        class Meta:
            table_name = "setting"

    class ExitCriterionTable(BaseTable):
        """Each exit criterion with its own id (schema v4): a rename in the stage editor keeps
        the id, and the deals' ticks follow it (storage/criteria.py). `stage.exit_criteria`
        keeps the same texts one a line, for readers of the stage row and for workbooks."""

        stage = pw.ForeignKeyField(StageTable, on_delete="CASCADE", backref="criteria")
        position = pw.IntegerField()
        text = pw.TextField()

        class Meta:
            table_name = "exit_criterion"

    class ExchangeRateTable(BaseTable):
        """Dated exchange rates (schema v3): one unit of `currency` is worth `rate` units of
        the home currency (the "home_currency" setting) from `since` until its next rate."""

        currency = pw.CharField(max_length=3)
        since = pw.DateField()
        rate = pw.DoubleField()

        class Meta:
            table_name = "exchange_rate"
            indexes = ((("currency", "since"), True),)

    return Tables(StageTable, CompanyTable, ContactTable, DealTable, StageChangeTable,
                  ActivityTable, SettingTable, ExitCriterionTable, ExchangeRateTable)


SCHEMA = define_tables(None)  # names and types only: bound to no database


def columns_of(table: type[pw.Model]) -> list[str]:
    """Stored column names, the primary key first."""
    return [f.column_name for f in table._meta.sorted_fields]
