"""The gazetteer of UK local authorities, as the project ships it (see gazetteer_build.py)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Authority:
    gss: str
    code: str
    name: str
    nice_name: str
    type: str
    type_name: str
    region: str
    nation: str
    population_2020: int | None
    current: bool
    replaced_by_gss: str | None
    alt_names: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, self.nice_name, *self.alt_names)


class Gazetteer:
    def __init__(self, authorities: list[Authority]):
        self.authorities = authorities
        self.by_gss = {a.gss: a for a in authorities}

    def __len__(self) -> int:
        return len(self.authorities)

    def current(self, gss: str) -> Authority:
        """Follow replaced-by links so that facts are always tied to a current authority."""
        authority = self.by_gss[gss]
        seen = {gss}
        while not authority.current and authority.replaced_by_gss and authority.replaced_by_gss not in seen:
            seen.add(authority.replaced_by_gss)
            authority = self.by_gss[authority.replaced_by_gss]
        return authority

    def get(self, gss: str) -> Authority | None:
        return self.by_gss.get(gss)

    def region_names(self) -> list[str]:
        """The regions (and nations) the authorities are in, longest first, as text names them."""
        return sorted({a.region for a in self.authorities if a.region}, key=len, reverse=True)


def _read_rows() -> list[dict]:
    with resources.files("councildocs.extract").joinpath("data/gazetteer.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    authorities = [
        Authority(
            gss=r["gss"], code=r["code"], name=r["name"], nice_name=r["nice_name"], type=r["type"],
            type_name=r["type_name"], region=r["region"], nation=r["nation"],
            population_2020=int(r["population_2020"]) if r["population_2020"] else None,
            current=r["current"] == "True", replaced_by_gss=r["replaced_by_gss"] or None,
            alt_names=tuple(n for n in r["alt_names"].split("|") if n),
        )
        for r in _read_rows()
    ]
    return Gazetteer(authorities)
