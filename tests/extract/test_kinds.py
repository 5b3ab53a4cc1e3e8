"""The registry of fact kinds (extract/kinds.py) is the facts contract (docs/facts-contract.md), typed once."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from councildocs.contract import ENUM_VALUES, KIND_FIELDS, validate_record
from councildocs.extract import models
from councildocs.extract.kinds import (
    ENUMS, FACT_KINDS_REGISTRY, ArrangementStatus, DocType, PersonStatus, RoleCategory, values,
)

CONTRACT = Path(__file__).resolve().parents[2] / "docs" / "facts-contract.md"
CODE = re.compile(r"`([^`]+)`")


def _table_rows(markdown: str, header: str) -> list[list[str]]:
    """The body rows of the markdown table whose header row is ``header`` (cells stripped)."""
    lines = markdown.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == header)
    rows = []
    for line in lines[start + 2:]:  # past the header and its |---| line
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def _split_top_level(cell: str) -> list[str]:
    """``a (x, y), b, c (z)`` -> ["a (x, y)", "b", "c (z)"]: commas outside parentheses."""
    parts, depth, current = [], 0, ""
    for char in cell:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        if char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    return [*parts, current.strip()] if current.strip() else parts


def contract_kinds() -> dict[str, list[tuple[str, str]]]:
    """kind -> [(field, what the contract says about it in parentheses)], in the contract's order."""
    kinds = {}
    for kind_cell, fields_cell in _table_rows(CONTRACT.read_text(encoding="utf-8"), "| kind | fields |"):
        (kind,) = CODE.findall(kind_cell)
        fields = []
        for part in _split_top_level(fields_cell):
            name = CODE.match(part).group(1)
            note = part[part.index("(") + 1: part.rindex(")")] if "(" in part else ""
            fields.append((name, note))
        kinds[kind] = fields
    return kinds


def contract_role_categories() -> list[str]:
    rows = _table_rows(CONTRACT.read_text(encoding="utf-8"), "| value | meaning |")
    return [CODE.fullmatch(value).group(1) for value, _meaning in rows]


def contract_doc_types() -> list[str]:
    line = next(line for line in CONTRACT.read_text(encoding="utf-8").splitlines() if "`doc_type` is one of" in line)
    return CODE.findall(line)[1:]


def test_the_contract_tables_parse():
    kinds = contract_kinds()
    assert len(kinds) == 6 and all(kinds.values())
    assert len(contract_role_categories()) == 8 and len(contract_doc_types()) == 5


def test_kinds_and_fields_are_the_contracts_in_its_order():
    kinds = contract_kinds()
    assert list(FACT_KINDS_REGISTRY) == list(kinds)
    for name, fields in kinds.items():
        kind = FACT_KINDS_REGISTRY[name]
        assert kind.name == name
        assert kind.field_names == tuple(field for field, _ in fields), name


def test_enum_fields_take_the_values_the_contract_lists():
    for name, fields in contract_kinds().items():
        kind = FACT_KINDS_REGISTRY[name]
        for field_name, note in fields:
            field = kind.field(field_name)
            listed = [v for v in CODE.findall(note) if re.fullmatch(r"[a-z0-9_]+", v)]
            if field.enum is None:
                assert not listed, (name, field_name, listed)
            elif "unless" in note:  # "`year` unless stated otherwise": the default, not the whole list
                assert set(listed) <= set(values(field.enum)), (name, field_name)
            elif listed:
                assert listed == list(values(field.enum)), (name, field_name)
            if "null" in note:
                assert field.nullable, (name, field_name)
    # a kind's status without a list of its own is the shared posts' ("`status`" in partnership)
    assert FACT_KINDS_REGISTRY["partnership"].field("status").enum is ArrangementStatus
    assert FACT_KINDS_REGISTRY["person"].field("status").enum is PersonStatus


def test_role_categories_and_doc_types_are_the_contracts():
    assert list(values(RoleCategory)) == contract_role_categories()
    assert list(values(DocType)) == contract_doc_types()
    for name in ("salary", "shared_post", "person"):
        assert FACT_KINDS_REGISTRY[name].field("role_category").enum is RoleCategory


def test_every_enum_member_has_a_label():
    for enum in ENUMS:
        for member in enum:
            assert isinstance(member.label, str) and member.label.strip(), (enum.__name__, member)
        assert len({m.label for m in enum}) == len(enum), f"{enum.__name__} labels must tell members apart"
    assert RoleCategory.DCS.label == "Director of Children's Services"
    assert RoleCategory.DCS_DASS.label == "Director of Children's and Adult Services"
    for kind in FACT_KINDS_REGISTRY.values():
        assert kind.label.strip() and all(f.label.strip() for f in kind.fields), kind.name


def test_what_other_stages_use_is_derived_from_the_registry():
    from councildocs.warehouse import queries

    assert models.FACT_KINDS == tuple(FACT_KINDS_REGISTRY)
    assert models.DOC_TYPES == values(DocType) and models.ROLE_CATEGORIES == values(RoleCategory)
    assert all(type(v) is str for v in (*models.FACT_KINDS, *models.DOC_TYPES, *models.ROLE_CATEGORIES))
    assert queries.ROLE_CATEGORIES == models.ROLE_CATEGORIES
    assert sorted(queries.PEOPLE_STATUSES) == sorted(values(PersonStatus))
    assert KIND_FIELDS == {name: set(kind.field_names) for name, kind in FACT_KINDS_REGISTRY.items()}
    assert ENUM_VALUES[("salary", "period")] == {"year", "day", "hour"}
    assert ENUM_VALUES[("person", "role_category")] == set(values(RoleCategory))


# -- validate_record checks every enum field the registry declares ------------------------------

GOOD_FACTS = {
    "salary": {"authorities": ["E09000032"], "role": "Director of Children's Services", "role_category": "dcs",
               "min_gbp": 113205, "max_gbp": 138362, "period": "year"},
    "population": {"authority": "E09000032", "value": 329000, "qualifier": "about", "group": "all"},
    "poverty_rate": {"authority": "E09000032", "percent": 24.5, "group": "children",
                     "comparator": {"area": "England", "percent": 20.0}},
    "shared_post": {"authorities": ["E09000021", "E09000027"], "post": "Director of Children's Services",
                    "role_category": "dcs", "status": "current"},
    "partnership": {"authorities": ["E09000021", "E09000027"], "name": "Achieving for Children", "status": "current"},
    "person": {"name": "Jane Doe", "role": "Chief Executive", "role_category": "chief_executive",
               "authorities": ["E09000032"], "status": "incumbent"},
}
ENUM_FIELDS = [(kind.name, f.name) for kind in FACT_KINDS_REGISTRY.values() for f in kind.enum_fields]


def _record(kind: str, **changes) -> dict:
    text = "Wandsworth pays £113,205 to £138,362."
    fact = {"kind": kind, **GOOD_FACTS[kind], **changes, "confidence": 0.9,
            "evidence": {"text": text, "page": 1, "start": 0, "end": len(text)}}
    return {"contract": 1, "source": "t.txt", "sha256": "0" * 64, "status": "ok", "error": None, "pages": 1,
            "doc_type": "advert", "repair": {"methods": [], "chars_changed": 0},
            "authorities": [{"gss": "E09000032", "name": "Wandsworth"}], "facts": [fact]}


def test_good_facts_of_every_kind_keep_the_contract():
    assert set(GOOD_FACTS) == set(FACT_KINDS_REGISTRY)
    for kind in GOOD_FACTS:
        assert validate_record(_record(kind)) == [], kind
        assert FACT_KINDS_REGISTRY[kind].problems(GOOD_FACTS[kind]) == [], kind


def test_enum_fields_are_the_expected_ones():
    assert set(ENUM_FIELDS) == {
        ("salary", "role_category"), ("salary", "period"), ("population", "qualifier"), ("population", "group"),
        ("poverty_rate", "group"), ("shared_post", "role_category"), ("shared_post", "status"),
        ("partnership", "status"), ("person", "role_category"), ("person", "status"),
    }


@pytest.mark.parametrize(("kind", "name"), ENUM_FIELDS, ids=lambda v: v)
@pytest.mark.parametrize("bad", ["nonsense", None, ["dcs"]], ids=["unknown", "null", "list"])
def test_validate_record_rejects_a_bad_enum_value(kind, name, bad):
    problems = validate_record(_record(kind, **{name: bad}))
    assert problems == [f"fact 0: bad {name} {bad!r}"], problems
    with pytest.raises(ValueError):
        FACT_KINDS_REGISTRY[kind].check(name, bad)


def test_validate_record_still_checks_shared_arrangements_have_two_authorities():
    for kind in ("shared_post", "partnership"):
        problems = validate_record(_record(kind, authorities=["E09000021", "E09000021"]))
        assert problems == [f"fact 0: {kind} needs two or more authorities"]


def test_validate_record_rejects_a_bad_doc_type_and_unknown_kind():
    record = _record("salary")
    record["doc_type"] = "leaflet"
    record["facts"][0]["kind"] = "budget"
    assert validate_record(record) == ["bad doc_type 'leaflet'", "fact 0: unknown kind 'budget'"]


def test_check_types_nulls_and_unknown_fields():
    salary = FACT_KINDS_REGISTRY["salary"]
    salary.check("min_gbp", None)  # "up to £X"
    salary.check("max_gbp", 138362.5)
    for name, value in (("min_gbp", "£113,205"), ("max_gbp", True), ("authorities", "E09000032"), ("salary", 1)):
        with pytest.raises(ValueError):
            salary.check(name, value)
    population = FACT_KINDS_REGISTRY["population"]
    population.check("authority", None)
    with pytest.raises(ValueError):
        population.check("value", 329000.5)
    assert FACT_KINDS_REGISTRY["shared_post"].problems({**GOOD_FACTS["shared_post"], "authorities": ["E09000021"]})
    assert FACT_KINDS_REGISTRY["person"].problems({"name": "Jane Doe"}) == [
        "missing role", "missing role_category", "missing authorities", "missing status"]
