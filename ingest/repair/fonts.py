"""Per-font judgement and font-program recovery for PDFs.

Every font is judged on its own glyphs (``judge.judge_font``), and on its dictionary where that
shows the text was guessed (``font_program.read_by_guess``); only fonts judged broken are remapped,
from the font program embedded in the PDF (``font_program``). A remap is kept only if the font's
text then judges better than before, so a recovery that makes things worse is undone.
Fonts judged fine cost one pass over their glyph texts and a few hundred word look-ups; a remap
lays out only the pages the font is on, from the characters kept at the first read.
"""

from __future__ import annotations

from councildocs.ingest.models import RepairStep
from councildocs.ingest.repair.font_program import Recovery, read_by_guess, recover_unicode
from councildocs.ingest.repair.judge import FontVerdict, judge_font
from councildocs.ingest.repair.registry import Draft

NAME = "font-program"
MIN_WORD_GAIN = 0.3  # share of letter runs that must turn into words


def repair_fonts(draft: Draft) -> list[RepairStep]:
    glyphs = draft.glyphs
    if glyphs is None:
        return []
    verdicts = {}
    for name, texts in glyphs.glyph_texts.items():
        spec = glyphs.font_spec(name)
        verdicts[name] = judge_font(name, texts, guessed=spec is not None and read_by_guess(spec))
    recoveries: dict[str, Recovery] = {}
    for name, verdict in verdicts.items():
        if verdict.broken and (spec := glyphs.font_spec(name)) is not None:
            if (recovery := recover_unicode(spec)) is not None:
                recoveries[name] = recovery

    # Judge the new reading before laying out any page, where the font's texts can say it alone.
    previews = {name: glyphs.preview(name, r.codes) for name, r in recoveries.items()}
    for name, preview in previews.items():
        if preview is None:
            # A verdict on words alone is weak evidence (a font of figures fails it too): it is
            # not worth parsing the font's pages again to find out.
            if verdicts[name].cause == "not-words":
                del recoveries[name]
        elif not _improved(verdicts[name], judge_font(name, preview)):
            del recoveries[name]
    if not recoveries:
        return []

    new_texts = glyphs.remap({name: r.codes for name, r in recoveries.items()})
    unseen = {name for name in recoveries if previews[name] is None}
    worse = {name for name in unseen if not _improved(verdicts[name], judge_font(name, new_texts[name]))}
    if worse:  # a glyph's text depends only on its own font, so the others' new texts stand
        glyphs.restore(worse)
        for name in worse:
            del recoveries[name]
    steps = []
    for name, recovery in recoveries.items():
        old = glyphs.glyph_texts[name]
        changed = sum(max(1, len(b)) for a, b in zip(old, new_texts[name]) if a != b)
        glyphs.glyph_texts[name] = new_texts[name]
        detail = f"judged broken: {verdicts[name].reason}; remapped from the {recovery.source}"
        steps.append(RepairStep(NAME, changed, name, detail))
    draft.pages[:] = glyphs.page_texts
    return steps


def _improved(before: FontVerdict, after: FontVerdict) -> bool:
    if before.cause == "not-words":
        # Judged on words alone, which real fonts can fail (words run together, another
        # language): take the program's reading only when it plainly reads as words.
        return not after.broken and after.word_share - before.word_share >= MIN_WORD_GAIN
    if not after.broken:
        return True
    return after.unmapped + after.suspicious < before.unmapped + before.suspicious
