"""Is a programme's history whole? The project's own integrity check, and a little more.

Used in the test process (``programme_problems``) and, for a server's own data folder, as a
script in a process of its own::

    python tests/reliability/_integrity.py --data DIR [--expect expect.json]

which prints one JSON object: per programme its head and its problems, and the acknowledged
saves (``--expect``: a list of [slug, number, path, text]) whose text is not in the revision
the server named. Only stramien and Django are imported, so it runs as a plain script.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def programme_problems(programme: Any) -> list[str]:
    """Everything wrong with the stored history of ``programme`` (empty when it is whole).

    * ``verify_programme``: every revision rebuilds from its patch or snapshot and the hash
      chain holds (the check behind the integrity page);
    * the revision numbers are exactly 1..head, each the child of the one before;
    * the cached newest document is the newest revision's content, and so is its hash.
    """
    from stramien import revisions
    from stramien.archive import verify_archive, write_archive
    from stramien.web.archives.selectors import export_data, verify_programme
    from stramien.web.programmes.models import Revision
    from stramien.web.programmes.store import forget_documents

    programme.refresh_from_db()
    problems = [f"verify_programme: {p}" for p in verify_programme(programme)]
    rows = list(
        Revision.objects.filter(programme=programme)
        .order_by("number")
        .values_list("number", "parent__number", "content_hash")
    )
    numbers = [number for number, _parent, _hash in rows]
    if numbers != list(range(1, programme.head_number + 1)):
        gaps = sorted(set(range(1, programme.head_number + 1)) ^ set(numbers))
        problems.append(
            f"revision numbers are not 1..{programme.head_number}: "
            f"{len(numbers)} rows, differing at {gaps[:10]}"
        )
    for number, parent, _hash in rows:
        if parent != (number - 1 if number > 1 else None):
            problems.append(f"revision {number} has parent {parent}")
    if rows and rows[-1][2] != programme.head_content_hash:
        problems.append("head_content_hash is not the newest revision's content hash")
    forget_documents()  # the newest document as storage gives it, not as a cache kept it
    if revisions.content_hash(programme.head_document) != programme.head_content_hash:
        problems.append("head_document does not have head_content_hash")
    replayed = verify_archive(write_archive(export_data(programme))).documents
    if replayed.get(programme.head_number) != programme.head_document:
        problems.append("head_document differs from the newest revision's content")
    return problems


def value_at(document: Any, path: list[Any]) -> Any:
    for part in path:
        document = document[part]
    return document


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--expect")
    args = parser.parse_args(argv)

    from stramien.web.process import configure

    configure(args.data)
    from stramien.web.programmes.models import Programme
    from stramien.web.programmes.store import document_at

    report: dict[str, Any] = {"programmes": {}, "missing": []}
    for programme in Programme.objects.order_by("pk"):
        report["programmes"][programme.slug] = {
            "head": programme.head_number,
            "problems": programme_problems(programme),
        }
    if args.expect:
        with open(args.expect, encoding="utf-8") as file:
            expected = json.load(file)
        documents: dict[tuple[str, int], Any] = {}
        for slug, number, path, text in expected:
            key = (slug, number)
            if key not in documents:
                programme = Programme.objects.filter(slug=slug).first()
                try:
                    documents[key] = (
                        document_at(programme, number) if programme is not None else None
                    )
                except Exception as exc:  # reported, not raised: the report is the point
                    documents[key] = repr(exc)
            found = documents[key]
            try:
                stored = value_at(found, path) if isinstance(found, dict) else found
            except (KeyError, IndexError, TypeError):
                stored = None
            if stored != text:
                report["missing"].append([slug, number, path, text, stored])
    json.dump(report, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
