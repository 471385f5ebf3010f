"""The names of things: kinds of act, stages, degrees of regulatory impact, day units.

Stage codes are stable identifiers stored in the database and audit trail; the Russian labels are what
people read. Durations do not live here — they are domain parameters in the stage catalogue.
"""

from __future__ import annotations

from enum import StrEnum


class ActKind(StrEnum):
    NORMATIVE_ORDER = "normative_order"
    ORDER_WITHOUT_REGISTRATION = "order_without_registration"
    GOVERNMENT_RESOLUTION = "government_resolution"
    FEDERAL_LAW = "federal_law"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS: dict[ActKind, str] = {
    ActKind.NORMATIVE_ORDER: "Нормативный приказ министерства",
    ActKind.ORDER_WITHOUT_REGISTRATION: "Приказ, не требующий государственной регистрации",
    ActKind.GOVERNMENT_RESOLUTION: "Проект постановления Правительства",
    ActKind.FEDERAL_LAW: "Проект федерального закона",
}


class Stage(StrEnum):
    PLANNED = "planned"
    DRAFTING = "drafting"
    NOTICE = "notice"
    INTERNAL_APPROVAL = "internal_approval"
    LEGAL_REVIEW = "legal_review"
    PUBLIC_DISCUSSION = "public_discussion"
    RIA = "ria"
    REVISION = "revision"
    INTERAGENCY = "interagency"
    SIGNING = "signing"
    SENDING_TO_JUSTICE = "sending_to_justice"
    REGISTRATION = "registration"
    PUBLICATION = "publication"
    IN_FORCE = "in_force"
    JUSTICE_EXPERTISE = "justice_expertise"
    GOVERNMENT_SUBMISSION = "government_submission"
    ADOPTION = "adoption"
    DUMA_SUBMISSION = "duma_submission"

    @property
    def label(self) -> str:
        return STAGE_LABELS[self]


STAGE_LABELS: dict[Stage, str] = {
    Stage.PLANNED: "Планирование",
    Stage.DRAFTING: "Разработка",
    Stage.NOTICE: "Уведомление о подготовке",
    Stage.INTERNAL_APPROVAL: "Внутреннее согласование",
    Stage.LEGAL_REVIEW: "Правовая экспертиза",
    Stage.PUBLIC_DISCUSSION: "Общественное обсуждение",
    Stage.RIA: "ОРВ",
    Stage.REVISION: "Доработка",
    Stage.INTERAGENCY: "Межведомственное согласование",
    Stage.SIGNING: "Подписание",
    Stage.SENDING_TO_JUSTICE: "Направление в Минюст",
    Stage.REGISTRATION: "Государственная регистрация",
    Stage.PUBLICATION: "Официальное опубликование",
    Stage.IN_FORCE: "Вступление в силу",
    Stage.JUSTICE_EXPERTISE: "Юридическая экспертиза Минюста",
    Stage.GOVERNMENT_SUBMISSION: "Внесение в Правительство",
    Stage.ADOPTION: "Принятие Правительством",
    Stage.DUMA_SUBMISSION: "Внесение в Государственную Думу",
}


class RiaDegree(StrEnum):
    """Degree of regulatory impact (степень регулирующего воздействия) under the ОРВ rules."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def label(self) -> str:
        return {"high": "высокая", "medium": "средняя", "low": "низкая"}[self.value]


class DayUnit(StrEnum):
    """Whether a term counts working days (production calendar) or calendar days (as the law says)."""

    WORKING = "working"
    CALENDAR = "calendar"

    @property
    def label(self) -> str:
        return "рабочие дни" if self is DayUnit.WORKING else "календарные дни"


def quoted(stage: Stage | str) -> str:
    """«Label» of a stage for messages; an unknown code is shown as it is."""
    try:
        return f"«{Stage(stage).label}»"
    except ValueError:
        return f"«{stage}»"
