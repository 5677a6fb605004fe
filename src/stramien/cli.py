"""The ``stramien`` command line: new, check, advise, render, schema, rules, demo, serve."""

from __future__ import annotations

import argparse
import json
import stat
import sys
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from stramien import __version__

if TYPE_CHECKING:
    from stramien.io import DocumentError
    from stramien.model import Agreement
    from stramien.rules import Report

# The document model, the checks and the renderers are imported where they are needed:
# `stramien render` of a file rendered before answers without loading any of them.

# Larger files are not read for the cache (the loader refuses them anyway).
_SOURCE_MAX_BYTES = 64 * 1024 * 1024

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_UNREADABLE = 2


class DutchArgumentParser(argparse.ArgumentParser):
    """argparse with its usage errors in Dutch and exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_UNREADABLE, f"{self.prog}: fout in de opdracht: {message}\n")


def _positive(text: str) -> int:
    """A whole number of at least 1 (for counts such as --workers)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is geen geheel getal") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is te weinig: kies 1 of meer")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = DutchArgumentParser(
        prog="stramien",
        description="Stramien: de samenwerkingsovereenkomst als één document. Opstellen, "
        "controleren en adviseren volgens het stramien.",
    )
    parser.add_argument("--version", action="version", version=f"stramien {__version__}")
    commands = parser.add_subparsers(
        dest="command", metavar="OPDRACHT", parser_class=DutchArgumentParser
    )

    new = commands.add_parser("new", help="maak een nieuw document met uitleg per onderdeel")
    new.add_argument("path", metavar="PAD", help="waar het nieuwe YAML-bestand komt")
    new.add_argument("--force", action="store_true", help="overschrijf een bestaand bestand")

    for name, help_text in (
        ("check", "controleer een document per paragraaf van het stramien"),
        ("advise", "advies over programmaorganisatie en benadering"),
        ("effects", "de effectmeting: kosten en baten per casus, wie betaalt en wie ontvangt"),
    ):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("path", metavar="PAD", help="YAML- of JSON-bestand")
        command.add_argument(
            "--format", choices=("text", "json"), default="text", help="uitvoer (standaard: text)"
        )

    render = commands.add_parser("render", help="maak het document als PDF, DOCX, ODT, HTML of MD")
    render.add_argument("path", metavar="PAD", help="YAML- of JSON-bestand")
    render.add_argument(
        "--format", choices=("pdf", "docx", "odt", "html", "md"), default="pdf", help="formaat"
    )
    render.add_argument(
        "-o", "--output", metavar="UIT", help="uitvoerbestand (standaard: naast de invoer)"
    )
    render.add_argument(
        "--no-cache",
        action="store_true",
        help="maak alles opnieuw en bewaar niets in de cache (zie STRAMIEN_RENDER_CACHE_DIR)",
    )

    commands.add_parser("schema", help="druk het JSON Schema van het document af")
    rules = commands.add_parser("rules", help="toon alle controles met hun id en ernst")
    rules.add_argument(
        "--format", choices=("text", "markdown"), default="text", help="uitvoer (standaard: text)"
    )
    for name, help_text, default_dir in (
        ("demo", "start de webapplicatie met een demoprogramma en demo-accounts", "stramien-demo"),
        ("serve", "start de webapplicatie (productieserver)", None),
    ):
        web = commands.add_parser(name, help=help_text)
        web.add_argument("--host", default="127.0.0.1", help="adres (standaard: 127.0.0.1)")
        web.add_argument("--port", type=int, default=8000, help="poort (standaard: 8000)")
        web.add_argument(
            "--data",
            metavar="MAP",
            default=default_dir,
            help="map voor database en sleutel (standaard: STRAMIEN_DATA_DIR of "
            f"{default_dir or 'stramien-data'})",
        )
        web.add_argument(
            "--no-worker",
            dest="worker",
            action="store_false",
            help="start geen achtergrondwerker naast de server (draai dan zelf stramien worker)",
        )
        if name == "serve":
            web.add_argument(
                "--threads",
                type=int,
                default=8,
                help="aantal threads per werkproces (standaard: 8)",
            )
            web.add_argument(
                "--workers",
                type=_positive,
                default=None,
                metavar="N",
                help="aantal werkprocessen (standaard: het aantal processorkernen; op Windows 1)",
            )
    worker = commands.add_parser(
        "worker", help="voer de achtergrondtaken uit de wachtrij uit (documenten vooraf maken)"
    )
    worker.add_argument(
        "--data",
        metavar="MAP",
        default=None,
        help="map voor database en sleutel (standaard: STRAMIEN_DATA_DIR of stramien-data)",
    )
    worker.add_argument(
        "--queue",
        default="*",
        help="alleen taken uit deze wachtrij(en), met komma's gescheiden (standaard: alle)",
    )
    worker.add_argument("--parent", type=int, default=None, help=argparse.SUPPRESS)
    tasks = commands.add_parser("tasks", help="toon de achtergrondtaken en hun stand")
    tasks.add_argument(
        "--data",
        metavar="MAP",
        default=None,
        help="map voor database en sleutel (standaard: STRAMIEN_DATA_DIR of stramien-data)",
    )
    tasks.add_argument("--limit", type=_positive, default=20, help="hoeveel taken (standaard: 20)")
    tasks.add_argument("--format", choices=["text", "json"], default="text")
    verify = commands.add_parser(
        "verify", help="controleer een programma-archief: hashketen en besluiten"
    )
    verify.add_argument("archive", metavar="ARCHIEF", help="een .stramien.zip uit export")
    export = commands.add_parser("export", help="een heel programma als één archiefbestand")
    export.add_argument("slug", metavar="PROGRAMMA", help="de korte naam uit het webadres")
    export.add_argument("-o", "--output", metavar="UIT", help="uitvoerbestand")
    export.add_argument("--data", metavar="MAP", default=None, help="gegevensmap")
    importer = commands.add_parser("import", help="een programma-archief inlezen")
    importer.add_argument("archive", metavar="ARCHIEF", help="een .stramien.zip uit export")
    importer.add_argument(
        "--as",
        dest="username",
        required=True,
        metavar="GEBRUIKER",
        help="het account dat procesregisseur wordt van het ingelezen programma",
    )
    importer.add_argument("--data", metavar="MAP", default=None, help="gegevensmap")
    remind = commands.add_parser(
        "remind", help="mail herinneringen over waarden die binnenkort nodig of te laat zijn"
    )
    remind.add_argument("--data", metavar="MAP", default=None, help="gegevensmap")
    remind.add_argument(
        "--today", metavar="JJJJ-MM-DD", default=None, help="doe alsof het deze dag is"
    )
    remind.add_argument(
        "--dry-run", action="store_true", help="toon wat verstuurd zou worden; verstuur niets"
    )
    remind.add_argument(
        "--url",
        default=None,
        help="het webadres voor de links in de e-mails (standaard: STRAMIEN_PUBLIC_URL)",
    )
    for name, what in SHEET_COMMANDS.items():
        sheet_import = _add_sheet_parsers(commands, name, what)
        if name == "measurements":
            sheet_import.add_argument(
                "--submit", action="store_true", help="dien de waarden meteen in ter beoordeling"
            )
    report = commands.add_parser(
        "report", help="de voortgangsrapportage van een programma over één periode"
    )
    report.add_argument(
        "slug",
        metavar="PROGRAMMA",
        help="de korte naam uit het webadres, of een YAML- of JSON-bestand (met --measurements)",
    )
    report.add_argument(
        "--measurements",
        metavar="REKENBLAD",
        default=None,
        help="bij een bestand: de waarden (CSV of XLSX, zoals 'stramien measurements export')",
    )
    report.add_argument(
        "--period", required=True, metavar="PERIODE", help="2027-Q2, 2027-H1, 2027-M03 of 2027"
    )
    report.add_argument(
        "--format", choices=("pdf", "docx", "odt", "html"), default="pdf", help="formaat"
    )
    report.add_argument(
        "--as-of",
        metavar="JJJJ-MM-DD",
        default=None,
        help="de stand aan het eind van deze dag (standaard: nu; bij een bestand: de dag "
        "waarop de waarden van de periode binnen moeten zijn)",
    )
    report.add_argument("-o", "--output", metavar="UIT", help="uitvoerbestand")
    report.add_argument("--data", metavar="MAP", default=None, help="gegevensmap")
    iati = commands.add_parser(
        "iati", help="de resultaten, indicatoren en begroting als IATI 2.03-XML"
    )
    iati.add_argument(
        "slug",
        metavar="PROGRAMMA",
        help="de korte naam uit het webadres of het nummer, of een YAML- of JSON-bestand "
        "(dan zonder gemeten waarden, tenzij met --measurements)",
    )
    iati.add_argument(
        "--organisation",
        metavar="IATI-ID",
        default=None,
        help="de IATI-organisatie-id van de publicerende organisatie, bijvoorbeeld "
        "NL-KVK-12345678 (standaard: STRAMIEN_IATI_ORGANISATION)",
    )
    iati.add_argument(
        "--measurements",
        metavar="REKENBLAD",
        default=None,
        help="bij een bestand: de waarden (CSV of XLSX, zoals 'stramien measurements export')",
    )
    iati.add_argument(
        "--url",
        default=None,
        help="het webadres van Stramien voor de links naar de documenten (standaard: "
        "STRAMIEN_PUBLIC_URL; zonder adres geen links)",
    )
    iati.add_argument("-o", "--output", metavar="UIT", help="uitvoerbestand (.xml)")
    iati.add_argument("--data", metavar="MAP", default=None, help="gegevensmap")
    manage = commands.add_parser("manage", help="Django-beheeropdrachten (createsuperuser, ...)")
    manage.add_argument("arguments", nargs=argparse.REMAINDER, metavar="...")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    out = sys.stdout
    if args.command is None:
        parser.print_help(out)
        return EXIT_OK
    if args.command == "schema":
        from stramien.model import json_schema

        json.dump(json_schema(), out, ensure_ascii=False, indent=2)
        out.write("\n")
        return EXIT_OK
    if args.command == "rules":
        out.write(rules_catalogue(markdown=args.format == "markdown"))
        return EXIT_OK
    if args.command == "new":
        return _new(Path(args.path), force=args.force)
    if args.command == "verify":
        return _verify(Path(args.archive), out)
    if args.command in ("export", "import"):
        return _archive_command(args, out)
    if args.command == "report":
        return _report(args, out)
    if args.command == "remind":
        return _remind(args, out)
    if args.command == "iati":
        return _iati(args, out)
    if args.command in SHEET_COMMANDS:
        return _measurements_command(args, out)
    if args.command in ("demo", "serve", "manage", "worker", "tasks"):
        from stramien.web import server

        if args.command == "demo":
            return server.run_demo(args.host, args.port, args.data, worker=args.worker)
        if args.command == "serve":
            return server.run_serve(
                args.host, args.port, args.data, args.threads, args.workers, worker=args.worker
            )
        if args.command == "worker":
            return server.run_worker(args.data, args.queue.split(","), args.parent)
        if args.command == "tasks":
            return server.show_tasks(args.data, args.limit, args.format, out)
        return server.manage(args.arguments)
    source: bytes | None = None
    if args.command == "render":
        _use_cache(enabled=not args.no_cache)
        source = _read_source(Path(args.path))
        if source is not None:
            done = _render_cached(source, Path(args.path), args.format, args.output)
            if done is not None:
                return done
        _start_helpers(args.format)
        try:
            return _load_and_run(args, source, out)
        finally:
            _stop_helpers()
    return _load_and_run(args, source, out)


def _load_and_run(args: argparse.Namespace, source: bytes | None, out: TextIO) -> int:
    """Load the file named in ``args`` (``source``: its bytes, when read already) and run
    the command on it."""
    from stramien.io import DocumentError, load_agreement, loads_agreement

    try:
        # The bytes the cache notes are the very bytes that were read (the file may change).
        agreement = (
            load_agreement(args.path) if source is None else loads_agreement(source, args.path)
        )
    except DocumentError as error:
        _print_load_error(error, args.path, sys.stderr)
        return EXIT_UNREADABLE
    if args.command == "check":
        return _check(agreement, args.path, args.format, out)
    if args.command == "render":
        return _render(agreement, Path(args.path), source, args.format, args.output)
    if args.command == "effects":
        return _effects(agreement, args.format, out)
    return _advise(agreement, args.format, out)


def _effects(agreement: Agreement, output: str, out: TextIO) -> int:
    from stramien.monitor.effects import effects_result
    from stramien.monitor.effects_report import effects_as_dict, effects_text

    result = effects_result(agreement)
    if output == "json":
        json.dump(effects_as_dict(result), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        out.write(effects_text(result, agreement.programme.name))
    return EXIT_FINDINGS if result.findings else EXIT_OK


def _read_archive_file(path: Path) -> bytes | None:
    from stramien.archive import MAX_ARCHIVE_BYTES

    try:
        if path.stat().st_size > MAX_ARCHIVE_BYTES:
            print(f"{path}: het archief is groter dan 200 MB.", file=sys.stderr)
            return None
        return path.read_bytes()
    except OSError as exc:
        print(f"{path}: kan het bestand niet lezen ({exc.strerror}).", file=sys.stderr)
        return None


def _verify(path: Path, out: TextIO) -> int:
    from stramien.archive import ArchiveError, verify_archive

    raw = _read_archive_file(path)
    if raw is None:
        return EXIT_UNREADABLE
    try:
        result = verify_archive(raw)
    except ArchiveError as exc:
        print(f"{path}: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    if result.problems:
        for problem in result.problems:
            print(f"{path}: {problem}", file=sys.stderr)
        return EXIT_FINDINGS
    data = result.data
    rounds = [r for r in data.get("rounds", []) if r.get("status") == "adopted"]
    out.write(
        f"{path}: in orde. {len(data['revisions'])} versies, hashketen klopt"
        f" (nieuwste {data['revisions'][-1]['hash']}),"
        f" {len(rounds)} vastgestelde versie(s), alle besluiten horen bij hun versie.\n"
    )
    return EXIT_OK


def _report(args: argparse.Namespace, out: TextIO) -> int:
    """``stramien report``: the progress report, read from the web application's data."""
    import datetime as dt

    try:
        day = dt.date.fromisoformat(args.as_of) if args.as_of else None
    except ValueError:
        print(
            f"--as-of: '{args.as_of}' is geen datum; schrijf bijvoorbeeld 2027-07-31.",
            file=sys.stderr,
        )
        return EXIT_UNREADABLE
    if Path(args.slug).suffix.lower() in (".yaml", ".yml", ".json"):
        return _report_from_files(args, day, out)
    from stramien.web import server

    server.configure(args.data)
    server.prepare()
    from stramien.monitor.report import ReportError
    from stramien.render import RenderError
    from stramien.render.report import render_report
    from stramien.web.monitoring.reporting import end_of_day, progress_snapshot
    from stramien.web.programmes.models import Programme

    programme = Programme.objects.filter(slug=args.slug).first()
    if programme is None:
        print(f"Er is geen programma '{args.slug}'.", file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        found = progress_snapshot(programme, args.period, end_of_day(day) if day else None)
        data = render_report(found, args.format)
    except (ReportError, RenderError) as exc:
        print(f"{args.slug}: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    target = Path(args.output or f"{programme.slug}-voortgang-{found.period.key}.{args.format}")
    target.write_bytes(data)
    out.write(f"{target}: voortgangsrapportage {found.period.label} geschreven.\n")
    return EXIT_OK


def _report_from_files(args: argparse.Namespace, day: Any, out: TextIO) -> int:
    """The progress report of an agreement file, with every value of a sheet as approved."""
    import datetime as dt

    from stramien.io import DocumentError, load_agreement
    from stramien.monitor import reporting_deadline
    from stramien.monitor.report import ReportError, report_period, snapshot
    from stramien.monitor.sheets import SheetError
    from stramien.render import RenderError
    from stramien.render.report import render_report

    try:
        agreement = load_agreement(args.slug)
    except DocumentError as error:
        _print_load_error(error, args.slug, sys.stderr)
        return EXIT_UNREADABLE
    try:
        period = report_period(args.period)
        # No clock: the moment is the end of the chosen day, or of the day the values are due.
        moment = dt.datetime.combine(day or reporting_deadline(period), dt.time(23, 59, 59), dt.UTC)
        records = _sheet_records(args.measurements, agreement, moment)
        if records is None:
            return EXIT_UNREADABLE
        data = render_report(snapshot(agreement, period, moment, records), args.format)
    except OSError as exc:
        print(f"{args.measurements}: kan het bestand niet lezen ({exc.strerror}).", file=sys.stderr)
        return EXIT_UNREADABLE
    except (ReportError, SheetError, RenderError) as exc:
        print(f"{args.slug}: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    source = Path(args.slug)
    target = Path(
        args.output or source.with_name(f"{source.stem}-voortgang-{period.key}.{args.format}")
    )
    target.write_bytes(data)
    out.write(f"{target}: voortgangsrapportage {period.label} geschreven.\n")
    return EXIT_OK


def _sheet_records(path: str | None, agreement: Agreement, moment: Any) -> list[Any] | None:
    """Every row of a measurements sheet as a value approved at ``moment`` (none without a
    sheet); None, with each bad row on stderr, when the sheet has problems. OSError and
    SheetError are the caller's to report."""
    from stramien.monitor import Measurement, MeasurementStatus
    from stramien.monitor.sheets import read_sheet

    if not path:
        return []
    sheet = read_sheet(Path(path).read_bytes(), path, agreement.indicators)
    for problem in sheet.problems:
        print(
            f"{path}: rij {problem.row}, kolom {problem.column}: {problem.message}",
            file=sys.stderr,
        )
    if sheet.problems:
        return None
    return [
        Measurement(
            id=str(number),
            indicator=row.indicator,
            period=row.period,
            entered_at=moment,
            value=row.value,
            numerator=row.numerator,
            denominator=row.denominator,
            dimensions=row.dimensions,
            status=MeasurementStatus.APPROVED,
            approved_at=moment,
            note=row.explanation,
        )
        for number, row in enumerate(sheet.rows, start=1)
    ]


def _iati(args: argparse.Namespace, out: TextIO) -> int:
    """``stramien iati``: the IATI 2.03 export of a programme of the web application, or of
    an agreement file (its measurements only from a sheet given with --measurements)."""
    import datetime as dt
    import os

    from stramien.monitor.iati import IatiError

    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    organisation = (args.organisation or os.environ.get("STRAMIEN_IATI_ORGANISATION", "")).strip()
    if not organisation:
        print(
            "Geef de IATI-organisatie-id van de publicerende organisatie: --organisation "
            "NL-KVK-12345678 of STRAMIEN_IATI_ORGANISATION.",
            file=sys.stderr,
        )
        return EXIT_UNREADABLE
    base_url = (args.url or os.environ.get("STRAMIEN_PUBLIC_URL", "")).strip().rstrip("/")
    if base_url and not base_url.startswith(("https://", "http://")):
        print(f"--url: '{base_url}' is geen webadres; schrijf https://...", file=sys.stderr)
        return EXIT_UNREADABLE
    source = Path(args.slug)
    try:
        if source.suffix.lower() in (".yaml", ".yml", ".json"):
            found = _iati_from_file(args, organisation, now)
            if found is None:
                return EXIT_UNREADABLE
            data, stem = found
        else:
            found = _iati_from_web(args, organisation, base_url, now)
            if found is None:
                return EXIT_UNREADABLE
            data, stem = found
    except IatiError as exc:
        print(f"{args.slug}: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    target = Path(args.output) if args.output else source.with_name(f"{stem}-iati.xml")
    try:
        target.write_bytes(data)
    except OSError as error:
        print(f"Kan {target} niet schrijven: {error.strerror}.", file=sys.stderr)
        return EXIT_UNREADABLE
    out.write(f"{target}: IATI-export (versie 2.03) geschreven.\n")
    return EXIT_OK


def _iati_from_file(
    args: argparse.Namespace, organisation: str, now: Any
) -> tuple[bytes, str] | None:
    from stramien.io import DocumentError, load_agreement
    from stramien.model.ids import slugify
    from stramien.monitor.iati import iati_activities
    from stramien.monitor.sheets import SheetError

    try:
        agreement = load_agreement(args.slug)
    except DocumentError as error:
        _print_load_error(error, args.slug, sys.stderr)
        return None
    try:
        records = _sheet_records(args.measurements, agreement, now)
    except OSError as exc:
        print(f"{args.measurements}: kan het bestand niet lezen ({exc.strerror}).", file=sys.stderr)
        return None
    except SheetError as exc:
        print(f"{args.measurements}: {exc}", file=sys.stderr)
        return None
    if records is None:
        return None
    programme = agreement.programme
    identifier = slugify(programme.short_name or programme.name) or Path(args.slug).stem
    data = iati_activities(
        agreement,
        organisation_ref=organisation,
        programme_id=identifier,
        generated_at=now,
        measurements=records,
    )
    return data, Path(args.slug).stem


def _iati_from_web(
    args: argparse.Namespace, organisation: str, base_url: str, now: Any
) -> tuple[bytes, str] | None:
    from stramien.web import server

    server.configure(args.data)
    server.prepare()
    from stramien.web.monitoring.iati_export import iati_export
    from stramien.web.programmes.models import Programme

    rows = Programme.objects
    programme = rows.filter(slug=args.slug).first()
    if programme is None and args.slug.isdigit():
        programme = rows.filter(pk=int(args.slug)).first()
    if programme is None:
        print(f"Er is geen programma '{args.slug}'.", file=sys.stderr)
        return None
    data = iati_export(
        programme,
        generated_at=now,
        absolute=(lambda path: base_url + path) if base_url else None,
        organisation=organisation,
    )
    return data, programme.slug


def _archive_command(args: argparse.Namespace, out: TextIO) -> int:
    from stramien.archive import ArchiveError
    from stramien.web import server

    server.configure(args.data)
    server.prepare()
    from django.contrib.auth import get_user_model

    from stramien.web.archives.actions import import_programme
    from stramien.web.archives.selectors import export_programme
    from stramien.web.programmes.models import Programme

    if args.command == "export":
        programme = Programme.objects.filter(slug=args.slug).first()
        if programme is None:
            print(f"Er is geen programma '{args.slug}'.", file=sys.stderr)
            return EXIT_UNREADABLE
        target = Path(args.output or f"{programme.slug}.stramien.zip")
        target.write_bytes(export_programme(acting_user=None, programme=programme))
        out.write(f"{target}: {programme.head_number} versies geëxporteerd.\n")
        return EXIT_OK
    user = get_user_model().objects.filter(username=args.username).first()
    if user is None:
        print(f"Er is geen account '{args.username}'.", file=sys.stderr)
        return EXIT_UNREADABLE
    raw = _read_archive_file(Path(args.archive))
    if raw is None:
        return EXIT_UNREADABLE
    try:
        programme = import_programme(acting_user=user, raw=raw)
    except ArchiveError as exc:
        print(f"{args.archive}: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    out.write(f"Ingelezen als '{programme.slug}' met {programme.head_number} versies.\n")
    return EXIT_OK


def _remind(args: argparse.Namespace, out: TextIO) -> int:
    """``stramien remind``: safe from cron every hour; a reminder never goes out twice."""
    import datetime as dt

    try:
        today = dt.date.fromisoformat(args.today) if args.today else None
    except ValueError:
        print(
            f"--today: '{args.today}' is geen datum; schrijf bijvoorbeeld 2027-04-23.",
            file=sys.stderr,
        )
        return EXIT_UNREADABLE
    from stramien.web import server

    server.configure(args.data)
    from django.conf import settings
    from django.db import DatabaseError
    from django.utils import timezone, translation

    from stramien.web.monitoring.reminders import send_reminders

    base_url = (args.url or settings.STRAMIEN_PUBLIC_URL).strip().rstrip("/")
    if not base_url.startswith(("https://", "http://")):
        print(
            "Geef het webadres van Stramien voor de links in de e-mails: --url "
            "https://stramien.example.nl of STRAMIEN_PUBLIC_URL.",
            file=sys.stderr,
        )
        return EXIT_UNREADABLE
    try:
        with translation.override("nl"):
            outcome = send_reminders(
                today=today or timezone.localdate(), base_url=base_url, dry_run=args.dry_run
            )
    except DatabaseError as exc:
        print(f"De database is niet klaar ({exc}); start eerst stramien serve.", file=sys.stderr)
        return EXIT_UNREADABLE
    verb = "zou sturen" if args.dry_run else "verstuurd"
    for mail in outcome.sent:
        items = ", ".join(
            f"{r.indicator.id} {r.cell.period.key} ({r.kind.value})" for r in mail.reminders
        )
        out.write(f"{mail.programme.slug}: {verb} aan {mail.recipient.email}: {items}\n")
    for mail in outcome.failed:
        print(f"{mail.programme.slug}: niet verstuurd aan {mail.recipient.email}", file=sys.stderr)
    out.write(f"{len(outcome.sent)} e-mail(s) {verb}, {len(outcome.failed)} mislukt.\n")
    return EXIT_FINDINGS if outcome.failed else EXIT_OK


#: The spreadsheet commands and what their rows are.
SHEET_COMMANDS = {
    "measurements": "metingen",
    "spending": "bestedingen",
    "inkind": "leveringen in natura",
}


def _add_sheet_parsers(commands: Any, name: str, what: str) -> argparse.ArgumentParser:
    """``stramien NAME import|export``; returns the import parser."""
    parser = commands.add_parser(name, help=f"{what} inlezen uit of exporteren naar een rekenblad")
    sheet_commands = parser.add_subparsers(
        dest="sheet_command", metavar="OPDRACHT", required=True, parser_class=DutchArgumentParser
    )
    sheet_import: argparse.ArgumentParser = sheet_commands.add_parser(
        "import", help=f"lees {what} in (CSV of XLSX)"
    )
    sheet_import.add_argument("slug", metavar="PROGRAMMA", help="de korte naam uit het webadres")
    sheet_import.add_argument("file", metavar="BESTAND", help="een .csv- of .xlsx-bestand")
    sheet_import.add_argument(
        "--as", dest="username", required=True, metavar="GEBRUIKER", help="wie ze invoert"
    )
    sheet_export = sheet_commands.add_parser("export", help=f"exporteer de huidige {what}")
    sheet_export.add_argument("slug", metavar="PROGRAMMA", help="de korte naam uit het webadres")
    sheet_export.add_argument(
        "-o", "--output", metavar="UIT", required=True, help=".csv of .xlsx; '-': CSV op stdout"
    )
    for sheet_command in (sheet_import, sheet_export):
        sheet_command.add_argument("--data", metavar="MAP", default=None, help="gegevensmap")
    return sheet_import


def _measurements_command(args: argparse.Namespace, out: TextIO) -> int:
    """``stramien measurements|spending|inkind import|export``: every bad row on stderr,
    exit 1 if any."""
    from stramien.web import server

    server.configure(args.data)
    server.prepare()
    from django.contrib.auth import get_user_model
    from django.core.exceptions import PermissionDenied

    from stramien.monitor.finance_sheets import FinanceKind
    from stramien.monitor.sheets import MAX_SHEET_BYTES
    from stramien.web.monitoring.finance_sheets import export_finance, import_finance
    from stramien.web.monitoring.sheets import SheetRefused, export_measurements
    from stramien.web.monitoring.sheets import import_measurements as import_sheet
    from stramien.web.programmes.models import Programme

    kind = {"spending": FinanceKind.SPENDING, "inkind": FinanceKind.IN_KIND}.get(args.command)
    what = SHEET_COMMANDS[args.command]

    def export(found: Programme, extension: str) -> bytes:
        if kind is None:
            return export_measurements(found, extension)
        return export_finance(found, kind, extension)

    programme = Programme.objects.filter(slug=args.slug).first()
    if programme is None:
        print(f"Er is geen programma '{args.slug}'.", file=sys.stderr)
        return EXIT_UNREADABLE
    if args.sheet_command == "export":
        if args.output == "-":
            out.write(export(programme, "csv").decode("utf-8-sig"))
            return EXIT_OK
        target = Path(args.output)
        extension = target.suffix.lower().lstrip(".")
        if extension not in ("csv", "xlsx"):
            print(f"{target}: kies een naam die op .csv of .xlsx eindigt.", file=sys.stderr)
            return EXIT_UNREADABLE
        target.write_bytes(export(programme, extension))
        out.write(f"{target}: de {what} van '{programme.slug}' geëxporteerd.\n")
        return EXIT_OK
    user = get_user_model().objects.filter(username=args.username).first()
    if user is None:
        print(f"Er is geen account '{args.username}'.", file=sys.stderr)
        return EXIT_UNREADABLE
    source = Path(args.file)
    try:
        if source.stat().st_size > MAX_SHEET_BYTES:
            print(f"{source}: het bestand is groter dan 25 MB.", file=sys.stderr)
            return EXIT_UNREADABLE
        raw = source.read_bytes()
    except OSError as exc:
        print(f"{source}: kan het bestand niet lezen ({exc.strerror}).", file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        if kind is not None:
            done = import_finance(
                acting_user=user, programme=programme, kind=kind, data=raw, filename=source.name
            )
            out.write(f"{source}: {done.added} nieuw, {done.unchanged} stonden er al.\n")
            return EXIT_OK
        result = import_sheet(
            acting_user=user,
            programme=programme,
            data=raw,
            filename=source.name,
            submit=args.submit,
        )
    except PermissionDenied:
        print(f"'{args.username}' voert geen {what} in voor '{args.slug}'.", file=sys.stderr)
        return EXIT_UNREADABLE
    except SheetRefused as exc:
        for problem in exc.problems:
            where = f"rij {problem.row}" if problem.row else "bestand"
            column = f", kolom {problem.column}" if problem.column else ""
            print(f"{source}: {where}{column}: {problem.message}", file=sys.stderr)
        print(f"{source}: niets ingelezen.", file=sys.stderr)
        return EXIT_FINDINGS
    out.write(
        f"{source}: {result.added} nieuw, {result.corrected} gecorrigeerd, "
        f"{result.unchanged} ongewijzigd.\n"
    )
    return EXIT_OK


def rules_catalogue(*, markdown: bool) -> str:
    """Every check per section; the Markdown form is docs/checks.md."""
    from stramien.rules import RULES, SECTION_LABELS, Section
    from stramien.rules.registry import SEVERITY_LABELS

    lines = ["# Controles / checks", ""] if markdown else []
    if markdown:
        lines += [
            "Gegenereerd met `stramien rules --format markdown`. Ernst: fout (error), "
            "waarschuwing (warning), tip.",
            "",
        ]
    for section in Section:
        section_rules = [r for r in RULES if r.section is section]
        if markdown:
            lines += [
                f"## {SECTION_LABELS[section]}",
                "",
                "| id | ernst | controle | wat te doen |",
            ]
            lines.append("| --- | --- | --- | --- |")
            for r in section_rules:
                lines.append(f"| `{r.id}` | {SEVERITY_LABELS[r.severity]} | {r.title} | {r.hint} |")
        else:
            lines.append(SECTION_LABELS[section])
            for r in section_rules:
                lines.append(f"  {r.id:42} {SEVERITY_LABELS[r.severity]:13} {r.title}")
        lines.append("")
    return "\n".join(lines)


def _print_load_error(error: DocumentError, path: str, stream: TextIO) -> None:
    count = len(error.problems)
    noun = "probleem" if count == 1 else "problemen"
    stream.write(f"{path} is geen geldig Stramien-document ({count} {noun}):\n")
    for problem in error.problems:
        stream.write(f"  {problem}\n")


def _new(path: Path, *, force: bool) -> int:
    if path.exists() and not force:
        sys.stderr.write(f"{path} bestaat al; gebruik --force om het te overschrijven.\n")
        return EXIT_UNREADABLE
    template = resources.files("stramien").joinpath("scaffold.yaml").read_text(encoding="utf-8")
    try:
        path.write_text(template, encoding="utf-8")
    except OSError as error:
        sys.stderr.write(f"Kan {path} niet schrijven: {error.strerror}.\n")
        return EXIT_UNREADABLE
    sys.stdout.write(
        f"Nieuw document: {path}\nVul het in en controleer het met: stramien check {path}\n"
    )
    return EXIT_OK


def _render(
    agreement: Agreement, path: Path, source: bytes | None, fmt: str, output: str | None
) -> int:
    from stramien.render import RenderError, attachments_beside, remember_source, render

    attachments = attachments_beside(agreement, path.parent)
    try:
        data = render(agreement, fmt, attachments=attachments)
    except RenderError as error:
        sys.stderr.write(f"Het document kon niet worden gemaakt: {error}\n")
        return EXIT_UNREADABLE
    if source is not None:
        remember_source(source, fmt, agreement, attachments)
    if fmt == "pdf":
        _warn_unshowable(agreement, path)
    return _write_output(data, path, fmt, output)


def _warn_unshowable(agreement: Agreement, path: Path) -> None:
    """Say which fields have characters the PDF shows as a replacement mark."""
    from stramien.render.pdf import unshowable

    for finding in unshowable(agreement):
        sys.stderr.write(f"{path}: waarschuwing: {finding.path}: {finding.message}\n")


def _start_helpers(fmt: str) -> None:
    """Start the chart engine in a helper process now, while this one loads the file and
    the model (and for DOCX one that makes the PNG copies): see stramien.render._engine."""
    from stramien.render import start_helpers

    start_helpers(fmt)


def _stop_helpers() -> None:
    from stramien.render import stop_helpers

    stop_helpers()


def _use_cache(*, enabled: bool) -> None:
    """Figures and documents are kept in the user's cache folder unless the environment
    names another (STRAMIEN_RENDER_CACHE_DIR, empty for none) or --no-cache is given."""
    from stramien.render import cache_directory_from_environment, set_cache_dir

    if not enabled:
        set_cache_dir(None)
    elif not cache_directory_from_environment():
        import platformdirs

        set_cache_dir(platformdirs.user_cache_path("stramien", appauthor=False) / "render")


def _read_source(source: Path) -> bytes | None:
    """The file's bytes; None when it cannot be read or is far too big to be a document
    (load_agreement then says why, in Dutch)."""
    try:
        info = source.stat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > _SOURCE_MAX_BYTES:
            return None  # a pipe or device is read once, by the loader
        with source.open("rb") as file:
            data = file.read(_SOURCE_MAX_BYTES + 1)
    except OSError:
        return None
    return data if len(data) <= _SOURCE_MAX_BYTES else None


def _render_cached(source: bytes, path: Path, fmt: str, output: str | None) -> int | None:
    """Write the document made before from this very file, if the cache has it."""
    from stramien.render import cached_for_source

    data = cached_for_source(source, fmt, path.parent)
    if data is None:
        return None
    return _write_output(data, path, fmt, output)


def _write_output(data: bytes, source: Path, fmt: str, output: str | None) -> int:
    target = Path(output) if output else source.with_suffix(f".{fmt}")
    try:
        target.write_bytes(data)
    except OSError as error:
        sys.stderr.write(f"Kan {target} niet schrijven: {error.strerror}.\n")
        return EXIT_UNREADABLE
    sys.stdout.write(f"{target} ({len(data):,} bytes)\n".replace(",", "."))
    return EXIT_OK


def _check(agreement: Agreement, path: str, output: str, out: TextIO) -> int:
    from stramien.rules import evaluate
    from stramien.rules.registry import SEVERITIES

    report = evaluate(agreement)
    if output == "json":
        data = {
            "findings": [f.as_dict() for f in report.findings],
            "readiness": {section.value: score for section, score in report.readiness.items()},
            "summary": {s: report.count(s) for s in SEVERITIES},
        }
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        _write_check_text(agreement, path, report, out)
    return EXIT_FINDINGS if report.errors else EXIT_OK


def _write_check_text(agreement: Agreement, path: str, report: Report, out: TextIO) -> None:
    from stramien.revisions import location
    from stramien.rules import SECTION_LABELS, Section
    from stramien.rules.registry import SEVERITY_LABELS

    document = agreement.model_dump(mode="json") if report.findings else {}

    out.write(f"Controle van {path}: {agreement.programme.name}\n")
    for section in Section:
        findings = [f for f in report.findings if f.section is section]
        out.write(f"\n{SECTION_LABELS[section]} (gereed: {report.readiness[section]}%)\n")
        if not findings:
            out.write("  Geen bevindingen.\n")
        for finding in findings:
            label = SEVERITY_LABELS[finding.severity].upper()
            out.write(f"  {label}: {finding.message}\n")
            out.write(f"    waar: {finding.path}   regel: {finding.rule}\n")
            out.write(f"    in het formulier: {location(finding.steps, document)}\n")
            out.write(f"    wat te doen: {finding.hint}\n")
    out.write(
        f"\nSamenvatting: {report.count('error')} fout(en), {report.count('warning')} "
        f"waarschuwing(en), {report.count('tip')} tip(s).\n"
    )


def _advise(agreement: Agreement, output: str, out: TextIO) -> int:
    from stramien.rules import (
        advice_as_dict,
        advise_approach,
        advise_approach_per_track,
        advise_structure,
        track_summary,
    )
    from stramien.rules.advice import (
        PROJECT_TEAM_MAX,
        SIMPLICITY_IDEA,
        STATUS_LABELS,
        advise_complexity,
        project_teams,
    )

    if output == "json":
        json.dump(
            advice_as_dict(agreement), out, ensure_ascii=False, indent=2, default=_json_default
        )
        out.write("\n")
        return EXIT_OK
    out.write("Advies programmaorganisatie (toelichting bij §4)\n")
    out.write("Algemene regel: maak het niet complexer dan strikt nodig.\n\n")
    for item in advise_structure(agreement):
        answer = {True: "ja", False: "nee", None: "nog niet beantwoord"}[item.answer]
        out.write(f"- {item.element}: {STATUS_LABELS[item.status]}\n")
        if item.key.startswith("always:"):
            out.write(f"    Altijd nodig. {item.why}\n")
        else:
            out.write(f"    {item.question} {answer}\n    {item.why}\n")
    teams = project_teams(agreement)
    if teams:
        out.write(f"\nProject- en deelprojectteams (hoogstens {PROJECT_TEAM_MAX} per team):\n")
        for team in teams:
            out.write(f"- {team.name}: {team.people}")
            if team.too_large and team.kind == "project_team":
                out.write(f" (meer dan {PROJECT_TEAM_MAX}: verdeel over deelprojectteams)")
            elif team.too_large:
                out.write(f" (meer dan {PROJECT_TEAM_MAX}: maak het team kleiner of splits het)")
            out.write("\n")
    complexity = advise_complexity(agreement)
    out.write("\nNiet complexer dan nodig\n")
    if not complexity:
        out.write("- Geen grote of overlappende organen gevonden.\n")
    else:
        out.write(f"{SIMPLICITY_IDEA}\n")
        for question in complexity:
            why = question.reasoning.removeprefix(SIMPLICITY_IDEA).strip()
            out.write(f"- {question.message}\n    {why}\n")
    out.write("\nBenadering (toelichting bij §2)\n")
    approach = advise_approach(agreement)
    out.write(f"Advies: {approach.label}\n")
    for line in approach.reasoning:
        out.write(f"- {line}\n")
    tracks = [t for t in advise_approach_per_track(agreement) if t.own_levels]
    if tracks:
        out.write("\nBenadering per deelprogramma of project\n")
        for track in tracks:
            out.write(f"- {track_summary(track)}\n")
    return EXIT_OK


def _json_default(value: Any) -> Any:
    from stramien.rules import Section

    if isinstance(value, Section):
        return value.value
    raise TypeError(type(value).__name__)


def run() -> None:
    sys.exit(main())


if __name__ == "__main__":
    run()
