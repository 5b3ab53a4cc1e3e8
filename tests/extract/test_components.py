"""The components are a spaCy plug-in: they load by name into a user's own pipeline."""

import spacy

from councildocs.extract.nlp import FACT_COMPONENTS, add_fact_components, load_base_model


def test_components_load_by_name_into_a_blank_pipeline():
    nlp = spacy.blank("en")
    for name in FACT_COMPONENTS:
        nlp.add_pipe(name)
    doc = nlp("Leeds City Council: Director of Children's Services, salary £120,000 - £135,000.")
    assert nlp.pipe_names == list(FACT_COMPONENTS)
    assert [c.kind for c in doc._.dcs_candidates] == ["salary"]


def test_components_join_the_small_english_model():
    nlp = add_fact_components(load_base_model())
    assert nlp.pipe_names[-len(FACT_COMPONENTS):] == list(FACT_COMPONENTS)
    doc = nlp("Cllr Priya Nair, Leader of Leeds City Council, welcomed the appointment.")
    assert [c.fields["name"] for c in doc._.dcs_candidates if c.kind == "person"] == ["Priya Nair"]


def test_a_component_without_its_prerequisites_says_what_to_do():
    nlp = spacy.blank("en")
    nlp.add_pipe("dcs_salaries")
    try:
        nlp("Salary: £120,000.")
    except ValueError as err:
        assert "[DCS002]" in str(err)
    else:
        raise AssertionError("expected a DCS002 error")


def test_components_declare_what_they_read_and_leave():
    nlp = add_fact_components(load_base_model())
    analysis = nlp.analyze_pipes(pretty=False)
    assert not any(analysis["problems"].values()), analysis["problems"]
    for name in FACT_COMPONENTS:
        meta = nlp.get_pipe_meta(name)
        assert meta.assigns, name
    assert "doc._.dcs_roles" in nlp.get_pipe_meta("dcs_roles").assigns
    assert {"doc.ents", "doc._.dcs_roles"} <= set(nlp.get_pipe_meta("dcs_people").requires)
    assert "doc._.dcs_candidates" in nlp.get_pipe_meta("dcs_salaries").assigns
