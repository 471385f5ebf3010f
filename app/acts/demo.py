"""Deterministic demo acts: ~600 drafts of every kind over all their stages, with a two-year history.

Why walk the workflow: each act's history is produced by ``apply_transition`` on the pure ``ActState``
(answers, text versions, signatures included), so every stored history is one the real service could have
written — returns for revision, a repeat public discussion, Минюст's return and refusal, extensions,
suspensions and withdrawals included. Runs are recorded as ``app.acts.service`` records them: a move closes
the open run with the edge's outcome and opens the next; a suspension keeps the run open; the final stage is
a closed zero-length run. Each act starts somewhere in the last ~2.5 years; stage lengths scatter around the
catalogue's terms (some run late, so some acts are overdue or off track). Acts whose walk reaches the final
stage before today are completed — the history forecasts learn from; the others stop on today's stage.
Everything comes from one ``random.Random(seed)``; rows go in with bulk inserts so seeding stays fast.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from app import db
from app.acts.catalogue import Catalogue, default_catalogue
from app.acts.graph import REFUSED, RETURNED, loop_target, path_of
from app.acts.numbering import format_number
from app.acts.schedule import remaining_stages
from app.acts.stages import ActKind, DayUnit, RiaDegree, Stage
from app.acts.tables import Act, ActApprover, ActStageRun, ActTextVersion
from app.acts.workflow import (
    ActState,
    Answer,
    Approvals,
    Status,
    apply_answer,
    apply_transition,
    extend_registration,
    mark_signed,
    new_text_version,
    transition_for,
)
from app.calendar.workdays import WorkingCalendar
from app.people.search import search_column
from app.people.tables import Department, Employee
from app.web.formatting import MOSCOW

SEED = 20261124
INSERT_CHUNK = 400
KINDS = (ActKind.NORMATIVE_ORDER, ActKind.ORDER_WITHOUT_REGISTRATION, ActKind.GOVERNMENT_RESOLUTION,
         ActKind.FEDERAL_LAW)
KIND_WEIGHTS = (45, 30, 17, 8)
FOCUS_DEPARTMENTS = {"Департамент государственной политики": 3.0, "Правовой департамент": 1.5}
"""The demo head's and the demo coordinator's departments get more acts, so their plans are full."""
LATE_FACTORS = ((0.6, 1), (0.8, 3), (1.0, 5), (1.2, 3), (1.5, 2), (2.0, 1))
MAX_LOOPS = 3
DEMO_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\n" \
           b"trailer<</Root 1 0 R>>\n%%EOF\n"
DEMO_PDF_SHA = hashlib.sha256(DEMO_PDF).hexdigest()

TITLE_STARTS = {
    # Each start is followed by «о»/«об» and a subject in the prepositional case (see ``_title``).
    ActKind.NORMATIVE_ORDER: ("Об утверждении Порядка принятия решений", "Об утверждении Положения",
                              "О внесении изменений в Положение", "Об утверждении требований к отчётности"),
    ActKind.ORDER_WITHOUT_REGISTRATION: ("Об утверждении плана мероприятий по вопросу",
                                         "О создании рабочей группы по вопросу", "Об организации работы по вопросу",
                                         "О внесении изменений в положение"),
    ActKind.GOVERNMENT_RESOLUTION: ("Об утверждении Правил принятия решений", "О внесении изменений в Положение",
                                    "Об утверждении Положения"),
    ActKind.FEDERAL_LAW: ("О внесении изменений в Федеральный закон", "Об изменении статьи 12 Федерального закона"),
}
TITLE_SUBJECTS = (
    "предоставлении государственной услуги по выдаче разрешений", "ведении реестра получателей поддержки",
    "проведении мониторинга правоприменения", "организации проектной деятельности",
    "оценке эффективности государственных программ", "рассмотрении обращений граждан",
    "предоставлении субсидий из федерального бюджета", "формировании кадрового резерва",
    "проведении конкурса на замещение вакантных должностей", "информационном взаимодействии с регионами",
    "защите персональных данных при ведении информационных систем", "осуществлении контроля и надзора",
    "противодействии коррупции", "организации делопроизводства", "цифровой трансформации отрасли",
    "порядке проведения проверок", "проведении антикоррупционной экспертизы", "закупках для нужд министерства",
)


@dataclass
class DemoAct:
    kind: ActKind
    title: str
    department: int
    executor: int | None
    approvers: list[int]
    state: ActState
    started: dt.date
    target: dt.date
    runs: list[tuple[Stage, dt.date, dt.date | None, str, str]] = field(default_factory=list)
    stage_started: dt.date | None = None
    versions: int = 0
    reason: str = ""
    finished: dt.date | None = None


def _days(rng: random.Random, spec, kind: ActKind, state: ActState) -> int:
    if spec.code is Stage.PLANNED:
        return rng.randint(0, 15)
    degree = (state.ria_degree or RiaDegree.HIGH) if state.needs_ria else None
    default = spec.duration_for(kind, degree)
    factor = rng.choices([f for f, _ in LATE_FACTORS], [w for _, w in LATE_FACTORS])[0]
    days = max(1, round(default * factor)) if default else 0
    return max(days, default) if spec.minimum else days


def _after(calendar: WorkingCalendar, start: dt.date, days: int, unit: DayUnit) -> dt.date:
    if unit is DayUnit.WORKING:
        return calendar.add_working_days(start, days) if days else start
    return start + dt.timedelta(days=days)


def _estimate_days(state: ActState, catalogue: Catalogue) -> int:
    """Calendar days the whole path takes by the catalogue (working days x 1.4): the basis of a target date."""
    total = 0
    for stage in remaining_stages(state):
        spec = catalogue[stage]
        n = spec.duration_for(state.kind, state.ria_degree if state.needs_ria else None)
        total += round(n * 1.4) if spec.unit is DayUnit.WORKING else n
    return total


def _leave(rng: random.Random, act: DemoAct, catalogue: Catalogue, loops: int) -> tuple[str, str, str]:
    """Prepare the state for leaving the current stage and pick the move: (target, outcome, reason)."""
    state, stage = act.state, act.state.stage
    if stage in (Stage.DRAFTING, Stage.REVISION):
        act.state = new_text_version(state)
        act.versions += 1
        state = act.state
    back = loop_target(state.kind, stage)
    loop = back is not None and loops < MAX_LOOPS and rng.random() < max(catalogue[stage].loop_rate, 0.12)
    if stage is Stage.INTERNAL_APPROVAL:
        required = list(state.approvals.required)
        refusing = rng.choice(required) if loop else None
        for name in required:
            answer = Answer.NOT_APPROVED if name == refusing else rng.choice(
                [Answer.APPROVED, Answer.APPROVED, Answer.APPROVED_WITH_REMARKS])
            state = apply_answer(state, name, answer, "Не учтены замечания департамента" if refusing == name else "")
        act.state = state
        if loop:
            return back.value, "", ""
    if stage is Stage.SIGNING:
        act.state = mark_signed(state)
    if stage is Stage.REGISTRATION and rng.random() < 0.15:
        act.state = extend_registration(act.state)
    if loop:
        if stage is Stage.REGISTRATION:
            if rng.random() < 0.4:
                if rng.random() < 0.3:
                    return "withdraw", "", "Отказ Минюста в государственной регистрации; проект снят с работы"
                return back.value, REFUSED, "Отказано в государственной регистрации: несоответствие законодательству"
            return back.value, RETURNED, "Возвращён Минюстом без регистрации: замечания по оформлению"
        reasons = {
            Stage.LEGAL_REVIEW: "Замечания правовой экспертизы",
            Stage.REVISION: "Существенные предложения по итогам обсуждения: повторное обсуждение",
            Stage.INTERAGENCY: "Разногласия с федеральными органами: таблица разногласий",
            Stage.JUSTICE_EXPERTISE: "Отрицательное заключение Минюста",
        }
        return back.value, "", reasons.get(stage, "Замечания")
    return remaining_stages(act.state)[1].value, "", "Этап не требуется (решение координатора)"


def walk(rng: random.Random, act: DemoAct, catalogue: Catalogue, calendar: WorkingCalendar, today: dt.date) -> None:
    """Move ``act`` from planning until today or its final stage, recording every stage run."""
    cursor, loops, final = act.started, 0, path_of(act.kind).final
    while True:
        state = act.state
        if state.stage is final:
            act.runs.append((final, cursor, cursor, "completed", ""))
            act.finished = cursor
            return
        spec = catalogue[state.stage]
        end = _after(calendar, cursor, _days(rng, spec, act.kind, state), spec.unit)
        if rng.random() < 0.025:  # suspended for a while during this stage
            pause_from = cursor + dt.timedelta(days=rng.randint(0, 5))
            pause_to = pause_from + dt.timedelta(days=rng.randint(10, 45))
            act.state = apply_transition(act.state, "suspend", "Ожидается решение руководства")
            if pause_from <= today < pause_to:
                act.stage_started, act.reason = cursor, "Ожидается решение руководства"
                act.runs.append((state.stage, cursor, None, "", ""))
                return
            act.state = apply_transition(act.state, "resume")
            end += pause_to - pause_from
        if end >= today:
            act.stage_started = cursor
            act.runs.append((state.stage, cursor, None, "", ""))
            return
        if rng.random() < 0.006:
            act.state = apply_transition(act.state, "withdraw", "Утратил актуальность")
            act.runs.append((state.stage, cursor, end, "withdraw", "Утратил актуальность"))
            act.reason, act.stage_started, act.finished = "Утратил актуальность", cursor, end
            return
        target, outcome, reason = _leave(rng, act, catalogue, loops)
        edge = transition_for(act.state, target, outcome or None)
        act.state = apply_transition(act.state, target, reason, outcome=outcome or None)
        if act.state.status is Status.WITHDRAWN:
            act.runs.append((state.stage, cursor, end, "withdraw", reason))
            act.reason, act.stage_started, act.finished = reason, cursor, end
            return
        loops += edge.kind.value == "return"
        kept_reason = reason if edge.kind.value in ("return", "skip") else ""
        act.runs.append((state.stage, cursor, end, edge.outcome or edge.kind.value, kept_reason))
        cursor = end


def _title(rng: random.Random, kind: ActKind) -> str:
    subject = rng.choice(TITLE_SUBJECTS)
    preposition = "об" if subject[0] in "аоуэи" else "о"
    return f"{rng.choice(TITLE_STARTS[kind])} {preposition} {subject}"


def generate(rng: random.Random, count: int, departments: Mapping[int, str], staff: Mapping[int, Sequence[int]],
             today: dt.date, catalogue: Catalogue | None = None,
             calendar: WorkingCalendar | None = None, favourites: Mapping[int, int] | None = None) -> list[DemoAct]:
    """``count`` walked acts, oldest first. ``favourites``: department -> an executor to pick more often."""
    catalogue = catalogue or default_catalogue()
    calendar = calendar or WorkingCalendar()
    ids = list(departments)
    weights = [FOCUS_DEPARTMENTS.get(departments[d], 1.0) for d in ids]
    acts = []
    for _ in range(count):
        kind = rng.choices(KINDS, KIND_WEIGHTS)[0]
        department = rng.choices(ids, weights)[0]
        others = [d for d in ids if d != department]
        approvers = rng.sample(others, k=min(len(others), rng.randint(1, 3)))
        people = list(staff.get(department, ()))
        favourite = (favourites or {}).get(department)
        executor = favourite if favourite and rng.random() < 0.3 else (rng.choice(people) if people else None)
        needs_ria = kind is not ActKind.ORDER_WITHOUT_REGISTRATION and rng.random() < 0.35
        state = ActState(
            kind=kind, needs_notice=kind is not ActKind.ORDER_WITHOUT_REGISTRATION and rng.random() < 0.4,
            needs_ria=needs_ria, ria_degree=rng.choice(list(RiaDegree)) if needs_ria else None,
            needs_interagency=kind is ActKind.NORMATIVE_ORDER and rng.random() < 0.5,
            approvals=Approvals(required=tuple(sorted(departments[d] for d in approvers))),
            restricted=kind is ActKind.NORMATIVE_ORDER and rng.random() < 0.05,
            mandatory_requirements=kind in (ActKind.NORMATIVE_ORDER, ActKind.GOVERNMENT_RESOLUTION)
            and rng.random() < 0.1,
        )
        offset = rng.randint(3, 330) if rng.random() < 0.5 else rng.randint(330, 900)
        started = today - dt.timedelta(days=offset)
        target = started + dt.timedelta(days=round(_estimate_days(state, catalogue) * rng.uniform(1.5, 3.2)))
        act = DemoAct(kind, _title(rng, kind), department, executor, approvers, state, started, target)
        walk(rng, act, catalogue, calendar, today)
        acts.append(act)
    acts.sort(key=lambda a: a.started)
    return acts


async def _chunks(table, rows: list, returning=None) -> list[int]:
    ids: list[int] = []
    for i in range(0, len(rows), INSERT_CHUNK):
        query = table.insert(*rows[i:i + INSERT_CHUNK])
        if returning is not None:
            ids += [r["id"] for r in await query.returning(returning)]
        else:
            await query
    return ids


async def store(acts: Sequence[DemoAct], created_by: int | None) -> list[int]:
    """Insert the acts with their numbers, approvers, text versions and stage runs; returns the act ids."""
    sequences: dict[tuple[ActKind, int], int] = defaultdict(int)
    rows = []
    for act in acts:
        year = act.started.year
        sequences[(act.kind, year)] += 1
        seq = sequences[(act.kind, year)]
        state = act.state
        stage_started = act.stage_started or act.runs[-1][1]
        created = dt.datetime.combine(act.started, dt.time(9, 30), MOSCOW)
        finished = (dt.datetime.combine(act.finished, dt.time(17, 0), MOSCOW)
                    if act.finished and state.status is Status.COMPLETED else None)
        registered = state.status is Status.COMPLETED and Stage.REGISTRATION in path_of(act.kind).stages
        rows.append(Act(
            title=act.title, search_title=search_column(act.title), kind=act.kind.value,
            number=format_number(act.kind, year, seq), year=year, sequence=seq, department=act.department,
            executor=act.executor, target_date=act.target, basis="План-график министерства на " f"{year} год",
            justice_number=f"{70000 + len(rows)}" if registered else "",
            justice_date=act.finished if registered else None,
            needs_notice=state.needs_notice, needs_ria=state.needs_ria,
            ria_degree=state.ria_degree.value if state.ria_degree else "", needs_interagency=state.needs_interagency,
            mandatory_requirements=state.mandatory_requirements, restricted=state.restricted,
            stage=state.stage.value, status=state.status.value, stage_started=stage_started,
            status_reason=act.reason if state.status in (Status.WITHDRAWN, Status.SUSPENDED) else "",
            signed=state.signed, registration_extended=state.registration_extended,
            passed=",".join(sorted(s.value for s in state.passed)), text_version=act.versions,
            created_by=created_by, created_at=created, updated_at=created, completed_at=finished,
        ))
    async with db.write_transaction():
        ids = await _chunks(Act, rows, Act.id)
        runs, approvers, versions = [], [], []
        for act_id, act in zip(ids, acts):
            runs += [ActStageRun(act=act_id, stage=s.value, started_on=a, ended_on=b, outcome=o, reason=r,
                                 moved_by=act.executor,
                                 moved_at=dt.datetime.combine(b or a, dt.time(12, 0), MOSCOW))
                     for s, a, b, o, r in act.runs]
            approvers += [ActApprover(act=act_id, department=d) for d in act.approvers]
            versions += [ActTextVersion(act=act_id, number=n, filename=f"proekt-v{n}.pdf",
                                        content_type="application/pdf", size=len(DEMO_PDF),
                                        sha256=DEMO_PDF_SHA,
                                        content=DEMO_PDF, note="Демонстрационный файл", uploaded_by=act.executor)
                         for n in range(1, act.versions + 1)]
        await _chunks(ActStageRun, runs)
        await _chunks(ActApprover, approvers)
        await _chunks(ActTextVersion, versions)
    return ids


async def seed_demo_acts(accounts: Mapping[str, int], count: int = 600, seed: int = SEED,
                         today: dt.date | None = None) -> list[int]:
    """Walk and store ``count`` demo acts over the demo departments and their staff."""
    today = today or dt.datetime.now(MOSCOW).date()
    departments = {d["id"]: d["name"] for d in await Department.select(Department.id, Department.name).where(
        Department.parent.is_null()).order_by(Department.id)}
    staff: dict[int, list[int]] = defaultdict(list)
    for person in await Employee.select(Employee.id, Employee.department).where(
            Employee.active.eq(True) & Employee.department.is_not_null()).order_by(Employee.id):
        staff[person["department"]].append(person["id"])
    favourites = {}
    for username in ("demo-employee", "demo-coordinator"):
        person_id = accounts.get(username)
        row = await Employee.select(Employee.department).where(Employee.id == person_id).first() if person_id else None
        if row and row["department"]:
            favourites[row["department"]] = person_id
    acts = generate(random.Random(seed), count, departments, staff, today, favourites=favourites)
    return await store(acts, accounts.get("demo-coordinator"))
