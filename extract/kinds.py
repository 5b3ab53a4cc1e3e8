"""The fact kinds of the facts contract (docs/facts-contract.md), typed once.

Every value the contract enumerates is a member of a ``StrEnum`` here, with a plain-English
``label`` for people; every fact kind is one frozen :class:`FactKind` listing its fields (name,
type, enum, whether the key is required and whether it may be null, a label). The registry
:data:`FACT_KINDS_REGISTRY` holds the kinds in the contract's order. What other stages need is
derived from it rather than written out again:

- ``councildocs.extract.models``: ``FACT_KINDS``, ``DOC_TYPES``, ``ROLE_CATEGORIES``;
- ``councildocs.contract``: ``KIND_FIELDS``, ``ENUM_VALUES`` and the checks of ``validate_record``;
- ``councildocs.warehouse.queries``: the order role categories are listed in;
- ``councildocs.dashboard``: the labels shown for role categories, statuses and kinds.

A new field or value is one edit here (and, for the contract, one in docs/facts-contract.md, which
``tests/extract/test_kinds.py`` compares with this module). Members are ``str``s, so
``RoleCategory.DCS == "dcs"`` and they serialise as their value; code that hands values to a
database or a dataframe uses ``.value`` (see :func:`values`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Any


class LabelledEnum(StrEnum):
    """A ``StrEnum`` whose members carry a plain-English ``label``: ``MEMBER = "value", "Label"``."""

    label: str

    def __new__(cls, value: str, label: str):
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def label_of(cls, value: Any) -> str:
        """The label of ``value`` (a member or its string); an unknown value is shown as it is, None as ''."""
        if value is None:
            return ""
        try:
            return cls(value).label
        except ValueError:
            return str(value)

    @classmethod
    def labels(cls) -> dict[str, str]:
        """value -> label, in member order."""
        return {m.value: m.label for m in cls}


def values(enum: type[StrEnum]) -> tuple[str, ...]:
    """An enum's values as plain ``str``s, in member order."""
    return tuple(m.value for m in enum)


# -- the contract's enumerations ----------------------------------------------------------------


class RoleCategory(LabelledEnum):
    """Which post a title is, whatever its wording (the contract's ``role_category`` table)."""

    DCS = "dcs", "Director of Children's Services"
    DASS = "dass", "Director of Adult Social Services"
    DCS_DASS = "dcs_dass", "Director of Children's and Adult Services"
    CHIEF_EXECUTIVE = "chief_executive", "Chief Executive"
    DPH = "dph", "Director of Public Health"
    SERVICE_DIRECTOR = "service_director", "Service Director"
    ASSISTANT_DIRECTOR = "assistant_director", "Assistant Director"
    OTHER = "other", "Other post"


class DocType(LabelledEnum):
    ADVERT = "advert", "Job advert"
    NEWS = "news", "News item"
    CONSULTATION = "consultation", "Consultation or committee paper"
    PROFILE = "profile", "Profile"
    OTHER = "other", "Other document"


class ArrangementStatus(LabelledEnum):
    """A shared post's or partnership's ``status``."""

    CURRENT = "current", "Current"
    PROPOSED = "proposed", "Proposed"
    FORMER = "former", "Former"


class PersonStatus(LabelledEnum):
    """A person's ``status`` in the post the fact names."""

    INCUMBENT = "incumbent", "In post"
    OUTGOING = "outgoing", "Leaving"
    INCOMING = "incoming", "Incoming"
    CONTACT = "contact", "Contact"
    OTHER = "other", "Other"


class PopulationGroup(LabelledEnum):
    ALL = "all", "All residents"
    UNDER_18 = "under_18", "Under-18s"


class Qualifier(LabelledEnum):
    """How a population figure is stated: "over 1 million" is 1000000 ``over``."""

    EXACT = "exact", "Exactly"
    OVER = "over", "Over"
    UNDER = "under", "Under"
    ABOUT = "about", "About"


class PovertyGroup(LabelledEnum):
    CHILDREN = "children", "Children"
    ALL = "all", "Everyone"


class Period(LabelledEnum):
    """What a salary figure is paid per (the contract: ``year`` unless stated otherwise)."""

    YEAR = "year", "Per year"
    DAY = "day", "Per day"
    HOUR = "hour", "Per hour"


class FieldType(LabelledEnum):
    """The JSON shape of a fact's field."""

    TEXT = "text", "Text"
    INTEGER = "integer", "Whole number"
    NUMBER = "number", "Number"
    GSS = "gss", "GSS code"
    GSS_LIST = "gss_list", "List of GSS codes"
    ENUM = "enum", "One of a fixed set of values"
    COMPARATOR = "comparator", "Comparison area and its percent"


# Every enumeration above, for code (and tests) that walk them all.
ENUMS: tuple[type[LabelledEnum], ...] = (
    RoleCategory, DocType, ArrangementStatus, PersonStatus, PopulationGroup, Qualifier, PovertyGroup, Period,
    FieldType,
)


# -- fields and kinds ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FactField:
    """One field of a fact kind.

    ``required``: the key must be present in every fact of the kind (the contract lists every field,
    so all are); ``nullable``: its value may be null; ``min_items``: for a list, the fewest distinct
    items it may hold.
    """

    name: str
    type: FieldType
    label: str
    enum: type[LabelledEnum] | None = None
    required: bool = True
    nullable: bool = False
    min_items: int = 0

    def __post_init__(self) -> None:
        if (self.type is FieldType.ENUM) != (self.enum is not None):
            raise ValueError(f"field {self.name!r}: an enum field needs its enum, and only it")

    def problem(self, value: Any) -> str | None:
        """Why ``value`` does not fit this field, or None when it does."""
        if value is None:
            return None if self.nullable else f"{self.name} must not be null"
        kind = self.type
        if kind is FieldType.ENUM:
            return None if isinstance(value, str) and value in values(self.enum) else f"bad {self.name} {value!r}"
        if kind in (FieldType.TEXT, FieldType.GSS):
            ok = isinstance(value, str)
        elif kind is FieldType.INTEGER:
            ok = isinstance(value, int) and not isinstance(value, bool)
        elif kind is FieldType.NUMBER:
            ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        elif kind is FieldType.GSS_LIST:
            ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
            if ok and len(set(value)) < self.min_items:
                return f"{self.name} needs {self.min_items} or more items"
        elif kind is FieldType.COMPARATOR:
            ok = (isinstance(value, dict) and isinstance(value.get("area"), str)
                  and isinstance(value.get("percent"), (int, float)) and not isinstance(value.get("percent"), bool))
        else:  # pragma: no cover - every FieldType is handled above
            raise AssertionError(kind)
        return None if ok else f"{self.name} must be {kind.label.lower()}, not {value!r}"


@dataclass(frozen=True)
class FactKind:
    """One kind of fact: its name in the contract, a label and its fields in the contract's order."""

    name: str
    label: str
    fields: tuple[FactField, ...]

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @property
    def enum_fields(self) -> tuple[FactField, ...]:
        return tuple(f for f in self.fields if f.enum is not None)

    def field(self, name: str) -> FactField:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.name} has no field {name!r}")

    def check(self, name: str, value: Any) -> None:
        """Raise ``ValueError`` unless ``value`` fits field ``name`` of this kind."""
        try:
            f = self.field(name)
        except KeyError as err:
            raise ValueError(err.args[0]) from None
        problem = f.problem(value)
        if problem:
            raise ValueError(f"{self.name}: {problem}")

    def problems(self, fields: Mapping[str, Any]) -> list[str]:
        """Everything wrong with a fact's fields: missing required keys, then values that do not fit."""
        found = [f"missing {f.name}" for f in self.fields if f.required and f.name not in fields]
        found += [p for f in self.fields if f.name in fields and (p := f.problem(fields[f.name]))]
        return found


def _role_category() -> FactField:
    return FactField("role_category", FieldType.ENUM, "Role category", enum=RoleCategory)


SALARY = FactKind("salary", "Salary", (
    FactField("authorities", FieldType.GSS_LIST, "Employing authorities"),
    # null when the text names no post the figure pays
    FactField("role", FieldType.TEXT, "Post (as written)", nullable=True),
    _role_category(),
    # "up to £X" gives min null
    FactField("min_gbp", FieldType.NUMBER, "From (£)", nullable=True),
    FactField("max_gbp", FieldType.NUMBER, "To (£)", nullable=True),
    FactField("period", FieldType.ENUM, "Paid per", enum=Period),
))
POPULATION = FactKind("population", "Population", (
    FactField("authority", FieldType.GSS, "Authority", nullable=True),
    FactField("value", FieldType.INTEGER, "Residents"),
    FactField("qualifier", FieldType.ENUM, "Stated as", enum=Qualifier),
    FactField("group", FieldType.ENUM, "Who is counted", enum=PopulationGroup),
))
POVERTY_RATE = FactKind("poverty_rate", "Poverty rate", (
    FactField("authority", FieldType.GSS, "Authority", nullable=True),
    FactField("percent", FieldType.NUMBER, "Percent in poverty"),
    FactField("group", FieldType.ENUM, "Who is counted", enum=PovertyGroup),
    FactField("comparator", FieldType.COMPARATOR, "Compared with", nullable=True),
))
SHARED_POST = FactKind("shared_post", "Shared post", (
    FactField("authorities", FieldType.GSS_LIST, "Authorities sharing it", min_items=2),
    FactField("post", FieldType.TEXT, "Post (as written)"),
    _role_category(),
    FactField("status", FieldType.ENUM, "Status", enum=ArrangementStatus),
))
PARTNERSHIP = FactKind("partnership", "Partnership", (
    FactField("authorities", FieldType.GSS_LIST, "Partner authorities", min_items=2),
    FactField("name", FieldType.TEXT, "Partnership (as written)"),
    FactField("status", FieldType.ENUM, "Status", enum=ArrangementStatus),
))
PERSON = FactKind("person", "Person", (
    FactField("name", FieldType.TEXT, "Name"),
    FactField("role", FieldType.TEXT, "Post (as written)"),
    _role_category(),
    FactField("authorities", FieldType.GSS_LIST, "Authorities"),
    FactField("status", FieldType.ENUM, "Status", enum=PersonStatus),
))

# name -> kind, in the order of docs/facts-contract.md.
FACT_KINDS_REGISTRY: Mapping[str, FactKind] = MappingProxyType(
    {k.name: k for k in (SALARY, POPULATION, POVERTY_RATE, SHARED_POST, PARTNERSHIP, PERSON)}
)


def kind_labels() -> dict[str, str]:
    """Fact kind name -> label, in the registry's order."""
    return {name: kind.label for name, kind in FACT_KINDS_REGISTRY.items()}


def kind_label(name: Any) -> str:
    """A fact kind's label ("shared_post" -> "Shared post"); an unknown name is shown as it is."""
    kind = FACT_KINDS_REGISTRY.get(name) if isinstance(name, str) else None
    return kind.label if kind else ("" if name is None else str(name))


def column_labels() -> dict[str, dict[str, str]]:
    """For each table column that holds a contract code (the fact's ``kind`` and its enum fields, under
    the names the warehouse and the exports give them): code -> plain-English label. A status is a
    person's or an arrangement's; their codes do not clash."""
    return {
        "kind": kind_labels(),
        "role_category": RoleCategory.labels(),
        "status": {**PersonStatus.labels(), **ArrangementStatus.labels()},
        "period": Period.labels(),
        "qualifier": Qualifier.labels(),
    }
