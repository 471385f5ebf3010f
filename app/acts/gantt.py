"""The department plan-schedule as a Plotly Gantt figure — a plain dict, pure (no framework, no database).

Why a dict and not ``plotly.graph_objects``: building Figure objects costs tens of milliseconds and the
page only needs JSON, which ``static/app.js`` draws (no inline script under the CSP).

Layout: one row per act (its number; title, executor and dates in the hover), three thin bars per row —
optimistic, expected, pessimistic — each a chain of stage segments (white gaps between stages). The bars
are coloured by the act's status; the scenario is told by the shade (light, full, mid). The target date is
a black diamond, today a dashed red line. The height grows with the rows, so 50 acts stay readable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from app.acts.schedule import Plan, PlanStatus, Scenario

STATUS_COLOURS = {
    PlanStatus.ON_TRACK: "#2e7d32",
    PlanStatus.AT_RISK: "#f2a900",
    PlanStatus.OFF_TRACK: "#e65100",
    PlanStatus.OVERDUE: "#c62828",
}
SCENARIO_OPACITY = {Scenario.OPTIMISTIC: 0.4, Scenario.EXPECTED: 1.0, Scenario.PESSIMISTIC: 0.65}
ROW_HEIGHT = 34
BASE_HEIGHT = 170
MS_PER_DAY = 86_400_000


def _iso(day: dt.date) -> str:
    return day.isoformat()


def _hover(row: Mapping, scenario: Scenario, stage_label: str, start: dt.date, end: dt.date, repeat: bool) -> str:
    title = str(row.get("title", ""))
    if len(title) > 90:
        title = title[:89] + "…"
    again = " (повтор)" if repeat else ""
    return (f"<b>{row['number']}</b> {title}<br>{scenario.label} сценарий<br>"
            f"{stage_label}{again}: {start:%d.%m.%Y} – {end:%d.%m.%Y}")


def _scenario_trace(scenario: Scenario, acts: Sequence[tuple[Mapping, Plan]]) -> dict:
    y, base, x, colours, hover = [], [], [], [], []
    for row, plan in acts:
        colour = STATUS_COLOURS[plan.status]
        for planned in getattr(plan, scenario.value).stages:
            days = (planned.end - planned.start).days
            if days <= 0:
                continue
            y.append(row["number"])
            base.append(_iso(planned.start))
            x.append(days * MS_PER_DAY)
            colours.append(colour)
            hover.append(_hover(row, scenario, planned.stage.label, planned.start, planned.end, planned.repeat))
    return {
        "type": "bar", "orientation": "h", "name": scenario.label, "showlegend": False,
        "y": y, "base": base, "x": x, "hovertext": hover, "hoverinfo": "text",
        "offsetgroup": scenario.value, "legendgroup": scenario.value,
        "marker": {"color": colours, "opacity": SCENARIO_OPACITY[scenario], "line": {"color": "#ffffff", "width": 1}},
    }


def _legend_item(name: str, colour: str, opacity: float = 1.0, symbol: str = "square") -> dict:
    """A trace with no points that only shows a legend entry (status colours and scenario shades)."""
    return {"type": "scatter", "mode": "markers", "x": [None], "y": [None], "name": name, "hoverinfo": "skip",
            "marker": {"color": colour, "opacity": opacity, "symbol": symbol, "size": 12}}


def gantt_figure(acts: Sequence[tuple[Mapping, Plan]], today: dt.date) -> dict:
    """The figure for ``acts`` (rows with ``number``, ``title``, ``target_date``; their plans)."""
    numbers = [row["number"] for row, _ in acts]
    traces: list[dict] = [_scenario_trace(s, acts) for s in Scenario]
    targets = [(row, row["target_date"]) for row, _ in acts if row.get("target_date")]
    traces.append({
        "type": "scatter", "mode": "markers", "name": "Целевой срок",
        "x": [_iso(d) for _, d in targets], "y": [r["number"] for r, _ in targets],
        "hovertext": [f"<b>{r['number']}</b>: целевой срок {d:%d.%m.%Y}" for r, d in targets], "hoverinfo": "text",
        "marker": {"symbol": "diamond", "size": 11, "color": "#111111", "line": {"color": "#ffffff", "width": 1}},
    })
    traces += [_legend_item(status.label, colour) for status, colour in STATUS_COLOURS.items()]
    traces += [_legend_item(f"{s.label} сценарий", "#546e7a", SCENARIO_OPACITY[s]) for s in Scenario]
    layout = {
        "height": BASE_HEIGHT + ROW_HEIGHT * max(len(acts), 1),
        "margin": {"l": 110, "r": 20, "t": 36, "b": 30},
        "barmode": "group", "bargap": 0.25, "bargroupgap": 0.05,
        "font": {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 12},
        "xaxis": {"type": "date", "tickformat": "%d.%m.%Y", "gridcolor": "#e0e0e0", "side": "top",
                  "title": {"text": ""}},
        "yaxis": {"type": "category", "categoryorder": "array", "categoryarray": numbers, "autorange": "reversed",
                  "automargin": True, "tickfont": {"family": "ui-monospace, monospace", "size": 12}},
        "legend": {"orientation": "h", "y": -0.02, "yanchor": "top", "x": 0, "traceorder": "normal"},
        "shapes": [{"type": "line", "xref": "x", "yref": "paper", "x0": _iso(today), "x1": _iso(today),
                    "y0": 0, "y1": 1, "line": {"color": "#c62828", "width": 2, "dash": "dash"}}],
        "annotations": [{"xref": "x", "yref": "paper", "x": _iso(today), "y": 1, "yanchor": "top", "xanchor": "left",
                         "xshift": 3, "text": "Сегодня", "showarrow": False, "bgcolor": "rgba(255,255,255,0.85)",
                         "font": {"color": "#c62828"}}],
        "hoverlabel": {"align": "left"},
        "plot_bgcolor": "#ffffff", "paper_bgcolor": "#ffffff",
    }
    return {"data": traces, "layout": layout, "config": {"displaylogo": False, "responsive": True,
                                                         "modeBarButtonsToRemove": ["lasso2d", "select2d"]}}
