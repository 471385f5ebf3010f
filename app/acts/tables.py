"""Draft regulatory acts in the database.

The act row holds the workflow state (``ActState`` of ``workflow.py``, flattened) and a cache of its
plan (three scenario ends and the status), recomputed whenever the act moves or the catalogue changes.
Everything else hangs off the act: approvers and their answers per text version, text versions (the
file bytes are stored in the database so an upload and its record commit together), the stage history,
remarks, disagreements, consultations and followers. The stage catalogue is stored as numbered
versions (JSON), so a plan can say which catalogue it used.
"""

from piccolo.columns import (
    Boolean,
    Bytea,
    Date,
    ForeignKey,
    Integer,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from app.people.tables import Department, Employee


class Act(Table):
    title = Varchar(length=500)
    search_title = Text(default="")
    """Normalised words and stems of the title (see app/people/search.py), for Russian word-form search."""
    kind = Varchar(length=40, index=True)
    number = Varchar(length=40, unique=True)
    """Internal number, in sequence per year and kind (e.g. «НП-2026/0007»)."""
    year = Integer()
    sequence = Integer()
    department = ForeignKey(references=Department, index=True)
    executor = ForeignKey(references=Employee, null=True, index=True)
    target_date = Date(null=True, default=None)
    basis = Text(default="")
    justice_number = Varchar(length=50, default="")
    justice_date = Date(null=True, default=None)
    needs_notice = Boolean(default=False)
    needs_ria = Boolean(default=False)
    ria_degree = Varchar(length=10, default="")
    needs_interagency = Boolean(default=False)
    mandatory_requirements = Boolean(default=False)
    restricted = Boolean(default=False)
    stage = Varchar(length=40, index=True)
    status = Varchar(length=20, index=True, default="active")
    stage_started = Date()
    status_reason = Text(default="")
    signed = Boolean(default=False)
    registration_extended = Boolean(default=False)
    passed = Text(default="")
    """Comma-separated stages already passed (the workflow uses it for skips on later passes)."""
    text_version = Integer(default=0)
    """Number of the current text version (0: none yet)."""
    plan_status = Varchar(length=20, default="on_track", index=True)
    optimistic_end = Date(null=True, default=None)
    expected_end = Date(null=True, default=None)
    pessimistic_end = Date(null=True, default=None)
    stage_deadline = Date(null=True, default=None, index=True)
    plan_catalogue = Integer(default=0)
    version = Integer(default=1)
    """Optimistic locking (app.db.update_versioned)."""
    created_by = ForeignKey(references=Employee, null=True)
    created_at = Timestamptz(default=TimestamptzNow())
    updated_at = Timestamptz(default=TimestamptzNow())
    completed_at = Timestamptz(null=True, default=None)


class ActApprover(Table):
    """A department that must answer at internal approval."""

    act = ForeignKey(references=Act, index=True)
    department = ForeignKey(references=Department)


class ActApproval(Table):
    """One department's answer on one text version."""

    act = ForeignKey(references=Act, index=True)
    department = ForeignKey(references=Department)
    text_version = Integer()
    answer = Varchar(length=30)
    reason = Text(default="")
    answered_by = ForeignKey(references=Employee, null=True)
    answered_at = Timestamptz(default=TimestamptzNow())


class ActTextVersion(Table):
    act = ForeignKey(references=Act, index=True)
    number = Integer()
    filename = Varchar(length=255)
    content_type = Varchar(length=100)
    size = Integer()
    sha256 = Varchar(length=64)
    content = Bytea()
    note = Text(default="")
    uploaded_by = ForeignKey(references=Employee, null=True)
    uploaded_at = Timestamptz(default=TimestamptzNow())


class ActStageRun(Table):
    """One pass through one stage: the history the plan learns from. ``ended_on`` is empty while current."""

    act = ForeignKey(references=Act, index=True)
    stage = Varchar(length=40)
    started_on = Date()
    ended_on = Date(null=True, default=None)
    outcome = Varchar(length=40, default="")
    """How it was left: forward, skip, return, returned, refused, withdraw, ..."""
    reason = Text(default="")
    moved_by = ForeignKey(references=Employee, null=True)
    moved_at = Timestamptz(default=TimestamptzNow())


class ActRemark(Table):
    """A remark or a reply in the act's threaded discussion."""

    act = ForeignKey(references=Act, index=True)
    parent = ForeignKey(references="self", null=True)
    author = ForeignKey(references=Employee, null=True)
    department = ForeignKey(references=Department, null=True)
    text_version = Integer(default=0)
    body = Text()
    created_at = Timestamptz(default=TimestamptzNow())


class ActDisagreement(Table):
    """A row of the table of disagreements (таблица разногласий)."""

    act = ForeignKey(references=Act, index=True)
    department = ForeignKey(references=Department, null=True)
    organisation = Varchar(length=300, default="")
    remark = Text()
    answer = Text(default="")
    resolved = Boolean(default=False)
    version = Integer(default=1)
    created_at = Timestamptz(default=TimestamptzNow())


class ActConsultation(Table):
    """A quick question to another department, with a due time."""

    act = ForeignKey(references=Act, index=True)
    asked_by = ForeignKey(references=Employee, null=True)
    department = ForeignKey(references=Department)
    question = Text()
    due_at = Timestamptz()
    answer = Text(default="")
    answered_by = ForeignKey(references=Employee, null=True)
    answered_at = Timestamptz(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())


class ActFollower(Table):
    act = ForeignKey(references=Act, index=True)
    employee = ForeignKey(references=Employee, index=True)


class StageCatalogueVersion(Table):
    """A numbered version of the stage catalogue (JSON of the StageSpec fields); the highest is current."""

    number = Integer(unique=True)
    content = Text()
    note = Text(default="")
    created_by = ForeignKey(references=Employee, null=True)
    created_at = Timestamptz(default=TimestamptzNow())


class CalendarFeedToken(Table):
    """A personal iCalendar feed secret. Only its SHA-256 is stored; revoking sets ``revoked_at``."""

    employee = ForeignKey(references=Employee, index=True)
    token_hash = Varchar(length=64, unique=True)
    created_at = Timestamptz(default=TimestamptzNow())
    revoked_at = Timestamptz(null=True, default=None)
