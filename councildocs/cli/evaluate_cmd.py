"""`dcs evaluate`: precision, recall and F1 per fact kind against gold files, matched by file stem."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from councildocs.batch import default_workers
from councildocs.cli.progress import process_with_progress, stderr
from councildocs.contract import document_record, validate_record
from councildocs.extract.evaluate import Report, load_gold, score_document
from councildocs.cli.inputs import input_files, workers_option


def evaluate(
    paths: list[Path] = typer.Argument(..., help="Documents to extract from; each is scored against <gold>/<stem>.json."),
    gold: Path = typer.Option(..., "--gold", exists=True, file_okay=False, help="Folder of gold files."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON instead of a table."),
    show_errors: bool = typer.Option(False, "--show-errors", help="List missed gold facts and unmatched predictions."),
    min_f1: float = typer.Option(None, "--min-f1", help="Exit with status 1 when micro-F1 is below this."),
    quiet: bool = typer.Option(False, "--quiet", "-q"),
    workers: int | None = workers_option(),
    db: Path = typer.Option(
        None, "--db", exists=True, dir_okay=False,
        help="Score the facts this warehouse holds for the documents (as `dcs ingest` stored them) instead of "
        "extracting them again.",
    ),
) -> None:
    """Score extraction against gold facts (docs: ../shared/docs/gold-format.md)."""
    golds = load_gold(gold)
    files = [f for f in input_files(paths) if f.stem in golds]
    if not files:
        stderr.print(f"[red]No document under {', '.join(map(str, paths))} has a gold file in {gold}.[/red]")
        raise typer.Exit(2)
    results = (_stored(files, db) if db is not None
               else process_with_progress(files, "Evaluating", quiet, workers=workers or default_workers()))
    report = Report()
    facts = 0
    problems: list[str] = []  # contract breaches, evidence that is not the stored text's slice among them
    for file, result in zip(files, results):
        record = document_record(result)
        stem = file.stem
        score_document(record, golds[stem], report, stem)
        facts += len(record["facts"])
        text = result.document.text if result.document else None
        problems.extend(f"{stem}: {p}" for p in validate_record(record, text))

    micro = report.micro
    if as_json:
        payload = {
            "documents": report.documents,
            "doc_type_accuracy": report.doc_type_correct / report.documents,
            "per_kind": {k: {"precision": s.precision, "recall": s.recall, "f1": s.f1, "tp": s.tp, "fp": s.fp, "fn": s.fn}
                         for k, s in report.per_kind.items()},
            "micro": {"precision": micro.precision, "recall": micro.recall, "f1": micro.f1},
            "role_category": {k: {"agreed": a, "matched": n, "accuracy": a / n if n else None}
                              for k, (a, n) in report.role_category.items()},
            "per_document": {stem: {"tp": s.tp, "fp": s.fp, "fn": s.fn} for stem, s in report.per_document.items()},
            "evidence": {"facts": facts, "problems": problems},
        }
        typer.echo(json.dumps(payload, indent=2))
    else:
        console = Console()
        table = Table(title=f"{report.documents} documents scored against {gold}")
        for col in ("kind", "precision", "recall", "F1", "tp", "fp", "fn"):
            table.add_column(col, justify="right" if col != "kind" else "left")
        for kind, s in report.per_kind.items():
            table.add_row(kind, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", str(s.tp), str(s.fp), str(s.fn))
        table.add_row("micro", f"{micro.precision:.3f}", f"{micro.recall:.3f}", f"{micro.f1:.3f}",
                      str(micro.tp), str(micro.fp), str(micro.fn), style="bold")
        console.print(table)
        console.print(f"doc_type accuracy: {report.doc_type_correct}/{report.documents}")
        for kind, (agreed, matched) in report.role_category.items():
            console.print(f"{kind} role_category agrees with gold: {agreed}/{matched} matched facts")
        console.print(f"evidence and contract: {facts - len(problems)}/{facts} facts valid" if problems
                      else f"evidence and contract: all {facts} facts valid")
        for line in problems:
            console.print(f"[red]invalid[/red] {line}", markup=True, highlight=False)
        if show_errors:
            for line in report.misses:
                console.print(f"[yellow]missed[/yellow] {line}", markup=True, highlight=False)
            for line in report.extras:
                console.print(f"[red]extra[/red] {line}", markup=True, highlight=False)
    if problems or (min_f1 is not None and micro.f1 < min_f1):
        raise typer.Exit(1)


def _stored(files: list[Path], db: Path) -> list:
    """The warehouse's result for each file, found by the hash of its content; a file it does not hold
    ends the command with one line (scoring would count its gold as missed)."""
    from councildocs.ingest.errors import IngestError
    from councildocs.ingest.reader import sha256_of_file
    from councildocs.warehouse.stored import stored_results

    try:
        digests = [sha256_of_file(f) for f in files]
    except IngestError as err:
        typer.echo(f"dcs: {err}", err=True)
        raise typer.Exit(2) from None
    stored = stored_results(db, digests)  # a warehouse that cannot be read is main.py's one line
    missing = [f for f, d in zip(files, digests) if d not in stored]
    if missing:
        typer.echo(f"dcs: {len(missing)} of the documents are not in {db} (first: {missing[0]}); "
                   "run `dcs ingest` on them first.", err=True)
        raise typer.Exit(2)
    return [stored[d] for d in digests]
