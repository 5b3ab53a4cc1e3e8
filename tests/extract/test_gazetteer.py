from councildocs.extract.gazetteer import load_gazetteer
from councildocs.extract.gazetteer_build import build_gazetteer


def test_shipped_gazetteer_is_what_the_build_script_makes(shared_dir, tmp_path):
    out = tmp_path / "gazetteer.csv"
    count = build_gazetteer(shared_dir / "reference" / "uk_local_authorities.csv", out)
    shipped = load_gazetteer()
    assert count == len(shipped) > 400
    from importlib import resources

    assert out.read_text(encoding="utf-8") == resources.files("councildocs.extract").joinpath("data/gazetteer.csv").read_text(encoding="utf-8")


def test_gazetteer_rows_and_replacements():
    g = load_gazetteer()
    wandsworth = g.by_gss["E09000032"]
    assert (wandsworth.name, wandsworth.type, wandsworth.region) == ("London Borough of Wandsworth", "LBO", "London")
    assert wandsworth.population_2020 == 329735
    # Aylesbury Vale was replaced by Buckinghamshire Council in 2020: facts go to the current authority
    assert g.current("E07000004").name == "Buckinghamshire Council"
    assert not any(name.lower() == "city of" for a in g.authorities for name in a.alt_names)
