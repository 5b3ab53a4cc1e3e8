"""Altair charts for the dashboard pages (pure functions of a DataFrame, so they can be tested alone)."""

from __future__ import annotations

import altair as alt
import polars as pl


def salary_range_chart(salaries: pl.DataFrame, marker_gbp: float | None = None) -> alt.LayerChart:
    """One horizontal bar per salary range, by authority; a single figure shows as a dot.

    Expects ``authority``, ``role``, ``role_category``, ``min_gbp`` and ``max_gbp`` columns. "Up to
    £X" (no minimum) is drawn as a dot at £X rather than invented down to zero.
    """
    data = salaries.with_columns(
        low=pl.coalesce("min_gbp", "max_gbp"),
        high=pl.coalesce("max_gbp", "min_gbp"),
    ).filter(pl.col("low").is_not_null())
    height = max(120, 28 * max(1, data["authority"].n_unique()))
    base = alt.Chart(data).encode(
        y=alt.Y("authority:N", title=None, sort=alt.EncodingSortField("high", op="max", order="descending")),
        color=alt.Color("role_category:N", title="Role"),
        tooltip=[
            alt.Tooltip("authority:N", title="Authority"),
            alt.Tooltip("role:N", title="Role"),
            alt.Tooltip("min_gbp:Q", title="From (£)", format=",.0f"),
            alt.Tooltip("max_gbp:Q", title="To (£)", format=",.0f"),
        ],
    )
    ranges = base.mark_rule(strokeWidth=8, opacity=0.7).encode(
        x=alt.X("low:Q", title="Salary (£ a year)", axis=alt.Axis(format=",.0f"), scale=alt.Scale(zero=False)),
        x2="high:Q",
    )
    dot = base.mark_point(filled=True, size=60)
    layers: list[alt.Chart | alt.LayerChart] = [ranges, dot.encode(x="low:Q"), dot.encode(x="high:Q")]
    if marker_gbp:
        marker = pl.DataFrame({"salary": [float(marker_gbp)]})
        layers.append(alt.Chart(marker).mark_rule(color="black", strokeDash=[4, 4]).encode(x="salary:Q"))
    return alt.layer(*layers).properties(height=height)


def facts_by_kind_chart(facts_by_kind: pl.DataFrame) -> alt.Chart:
    return (
        alt.Chart(facts_by_kind)
        .mark_bar()
        .encode(x=alt.X("facts:Q", title="Facts"), y=alt.Y("kind:N", title=None, sort="-x"), tooltip=["kind", "facts"])
        .properties(height=max(80, 28 * facts_by_kind.height))
    )
