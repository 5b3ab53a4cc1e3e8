"""Altair charts for the dashboard pages (pure functions of a DataFrame, so they can be tested alone)."""

from __future__ import annotations

import altair as alt
import polars as pl

from councildocs.extract.kinds import ArrangementStatus, RoleCategory, kind_labels, values


def _labelled(column: str, labels: dict[str, str]) -> pl.Expr:
    """The label of each value of ``column`` (an unknown value stays as it is): charts show data as it is."""
    return pl.col(column).replace_strict(list(labels), list(labels.values()), default=pl.col(column),
                                         return_dtype=pl.String)


def salary_range_chart(salaries: pl.DataFrame, marker_gbp: float | None = None) -> alt.LayerChart:
    """One horizontal bar per salary range, by authority; a single figure shows as a dot.

    Expects ``authority``, ``role``, ``role_category``, ``min_gbp`` and ``max_gbp`` columns. "Up to
    £X" (no minimum) is drawn as a dot at £X rather than invented down to zero.
    """
    data = salaries.with_columns(
        low=pl.coalesce("min_gbp", "max_gbp"),
        high=pl.coalesce("max_gbp", "min_gbp"),
        role_label=_labelled("role_category", RoleCategory.labels()),
    ).filter(pl.col("low").is_not_null())
    base = alt.Chart(data).encode(
        # every authority named: Vega-Lite would drop labels it thinks overlap
        y=alt.Y("authority:N", title=None, sort=alt.EncodingSortField("high", op="max", order="descending"),
                axis=alt.Axis(labelOverlap=False, labelLimit=240)),
        color=alt.Color("role_label:N", title="Role category"),
        tooltip=[
            alt.Tooltip("authority:N", title="Authority"),
            alt.Tooltip("role:N", title="Role"),
            alt.Tooltip("role_label:N", title="Role category"),
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
    # a fixed step per authority, so that every name has room whatever the chart's width
    return alt.layer(*layers).properties(height=alt.Step(28))


def facts_by_kind_chart(facts_by_kind: pl.DataFrame) -> alt.Chart:
    """One bar per fact kind (``kind``, ``facts`` columns), named by the kind's label."""
    data = facts_by_kind.with_columns(label=_labelled("kind", kind_labels()))
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(x=alt.X("facts:Q", title="Facts"), y=alt.Y("label:N", title=None, sort="-x"),
                tooltip=[alt.Tooltip("label:N", title="Kind"), alt.Tooltip("facts:Q", title="Facts")])
        .properties(height=max(80, 28 * facts_by_kind.height))
    )


STATUS_ORDER: tuple[str, ...] = values(ArrangementStatus)  # current, proposed, former: the liveliest first
STATUS_COLOURS = ("#1b7837", "#e08214", "#8c8c8c")


def shared_pairs(pairs: pl.DataFrame) -> pl.DataFrame:
    """Pairs of authorities (both ways round, for a symmetric matrix) with what they share.

    One row per ordered pair: ``a``, ``b``, ``arrangements`` (count), ``status`` (the liveliest of
    theirs: current, then proposed, then former) and ``what`` (each post or partnership with its status).
    """
    if pairs.is_empty():
        return pl.DataFrame(schema={"a": pl.String, "b": pl.String, "arrangements": pl.UInt32, "status": pl.String,
                                    "what": pl.String})
    base = pairs.select(
        "name_a", "name_b", "post", "kind",
        rank=pl.col("status").replace_strict(list(STATUS_ORDER), list(range(len(STATUS_ORDER))), default=len(STATUS_ORDER),
                                             return_dtype=pl.Int64),
        label=pl.col("post").fill_null("(unnamed)") + pl.lit(" (")
        + _labelled("status", ArrangementStatus.labels()).str.to_lowercase().fill_null("?") + pl.lit(")"),
    )
    both = pl.concat([
        base.rename({"name_a": "a", "name_b": "b"}),
        base.rename({"name_a": "b", "name_b": "a"}).select("a", "b", "post", "kind", "rank", "label"),
    ])
    return (
        both.group_by("a", "b")
        .agg(
            arrangements=pl.len(),
            rank=pl.col("rank").min(),
            what=pl.col("label").unique(maintain_order=True).sort().str.join("; "),
        )
        .with_columns(status=pl.col("rank").replace_strict(list(range(len(STATUS_ORDER))), list(STATUS_ORDER),
                                                           default="other", return_dtype=pl.String))
        .drop("rank")
        .sort("a", "b")
    )


def shared_posts_matrix(pairs: pl.DataFrame) -> alt.Chart:
    """A symmetric authority × authority matrix: a cell where two councils share a post or partnership."""
    cells = shared_pairs(pairs).with_columns(status_label=_labelled("status", ArrangementStatus.labels()))
    names = sorted(set(cells["a"].to_list()))
    size = max(200, 24 * len(names))
    return (
        alt.Chart(cells)
        .mark_rect(stroke="white")
        .encode(
            x=alt.X("a:N", title=None, sort=names, axis=alt.Axis(labelAngle=-50, labelOverlap=False, labelLimit=180)),
            y=alt.Y("b:N", title=None, sort=names, axis=alt.Axis(labelOverlap=False, labelLimit=180)),
            color=alt.Color("status_label:N", title="Status",
                            scale=alt.Scale(domain=[ArrangementStatus(s).label for s in STATUS_ORDER],
                                            range=list(STATUS_COLOURS))),
            opacity=alt.Opacity("arrangements:Q", title="Arrangements", scale=alt.Scale(range=[0.55, 1]),
                                legend=alt.Legend(format="d", tickMinStep=1)),
            tooltip=[alt.Tooltip("a:N", title="Authority"), alt.Tooltip("b:N", title="With"),
                     alt.Tooltip("arrangements:Q", title="Arrangements"), alt.Tooltip("what:N", title="What")],
        )
        .properties(width=size, height=size)
    )
