"""Search in a programme: case and accents do not count, every word must occur, each result
shows where it is in the forms' words with the match marked and links to the field; only
people who may read the programme can search it."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.urls import reverse

from stramien.web.programmes.models import Comment, Programme

from ..conftest import client_for

pytestmark = pytest.mark.django_db


def search(client: Any, programme: Programme, query: str) -> Any:
    return client.get(reverse("programmes:search", args=[programme.slug]), {"q": query})


def results(response: Any) -> list[dict[str, str]]:
    """Each result as the page shows it: link, place and snippet (with <mark> kept)."""
    found = []
    page = response.content.decode()
    for item in re.findall(r'<li class="st-search-result">(.*?)</li>', page, re.S):
        link = re.search(r'<a class="[^"]*st-search-result__link" href="([^"]+)">(.*?)</a>', item)
        snippet = re.search(r'st-search-result__snippet">(.*?)</p>', item, re.S)
        assert link and snippet
        found.append(
            {
                "url": html.unescape(link.group(1)),
                "where": html.unescape(link.group(2)),
                "snippet": snippet.group(1),
            }
        )
    return found


def test_without_accents_finds_the_word_with_them(people: Any, programme: Programme) -> None:
    response = search(client_for(people["regisseur"]), programme, "COOPERATIE")
    assert response.status_code == 200
    found = results(response)
    assert found, "no results"
    assert any("<mark>coöperatie</mark>" in r["snippet"] for r in found)
    partner_card = [r for r in found if r["where"].endswith("Zorgcoöperatie De Linde › Naam")]
    assert partner_card, [r["where"] for r in found]


def test_every_word_must_occur(people: Any, programme: Programme) -> None:
    client = client_for(people["regisseur"])
    one_word = results(search(client, programme, "wijkhart"))
    both = results(search(client, programme, "wijkhart leren"))
    assert both and len(both) < len(one_word)
    for result in both:
        text = html.unescape(re.sub(r"<[^>]+>", "", result["snippet"])).casefold()
        assert "leren" in text or "…" in text
    assert results(search(client, programme, "wijkhart xylofoonorkest")) == []
    assert "Niets gevonden" in search(client, programme, "wijkhart xylofoonorkest").content.decode()


def test_a_result_links_to_the_field_on_its_page(people: Any, programme: Programme) -> None:
    found = results(search(client_for(people["regisseur"]), programme, "Zorgcoöperatie De Linde"))
    card = next(r for r in found if r["where"].endswith("Zorgcoöperatie De Linde › Naam"))
    page, _hash, anchor = card["url"].partition("#")
    assert anchor.startswith("id_s-partnership-partners-")
    assert anchor.endswith("-name")
    opened = client_for(people["regisseur"]).get(page)
    assert opened.status_code == 200
    assert f'id="{anchor}"' in opened.content.decode()


def test_the_snippet_marks_the_match_and_escapes_the_text(
    people: Any, programme: Programme
) -> None:
    Comment.objects.create(
        programme=programme,
        section="risicos",
        author=people["partner"],
        body="Let op <script>alert(1)</script> de planning van het Wijkhárt loopt uit.",
        revision_number=1,
    )
    found = results(search(client_for(people["lezer"]), programme, "planning wijkhart"))
    comment = next(r for r in found if r["where"].startswith("Opmerking van"))
    assert "<script>" not in comment["snippet"]
    assert "&lt;script&gt;" in comment["snippet"]
    assert "<mark>planning</mark>" in comment["snippet"]
    assert "<mark>Wijkhárt</mark>" in comment["snippet"]
    assert comment["url"].endswith(f"/onderdeel/risicos/#thread-{Comment.objects.get().pk}")


@pytest.mark.parametrize("role", ["regisseur", "partner", "other_partner", "lezer", "staff"])
def test_everyone_who_reads_the_programme_can_search_it(
    people: Any, programme: Programme, role: str
) -> None:
    response = search(client_for(people[role]), programme, "wijkhart")
    assert response.status_code == 200
    assert results(response)


def test_a_partner_finds_the_other_partners_text_and_the_comments(
    people: Any, programme: Programme
) -> None:
    Comment.objects.create(
        programme=programme,
        section="financien",
        author=people["regisseur"],
        body="Graag de dekking van de huurkosten nakijken.",
        revision_number=1,
    )
    client = client_for(people["partner"])
    found = results(search(client, programme, "huurkosten"))
    assert [r["where"] for r in found if r["where"].startswith("Opmerking")] == [
        "Opmerking van Regisseur"
    ]


def test_an_outsider_gets_nothing(people: Any, programme: Programme) -> None:
    response = search(client_for(people["outsider"]), programme, "wijkhart")
    assert response.status_code == 404
    assert results(response) == []
    assert programme.name not in response.content.decode()


def test_anonymous_is_sent_to_the_login(programme: Programme) -> None:
    response = search(client_for(None), programme, "wijkhart")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Typ een of meer woorden om naar te zoeken."),
        ("   ", "Typ een of meer woorden om naar te zoeken."),
        ("?!*", "Typ ten minste één letter of cijfer om naar te zoeken."),
        ("woord " * 60, "Uw zoekvraag is te lang: gebruik hoogstens 200 tekens."),
    ],
)
def test_an_empty_or_long_query_gets_a_dutch_message_at_the_field(
    people: Any, programme: Programme, query: str, message: str
) -> None:
    response = search(client_for(people["regisseur"]), programme, query)
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert message in page
    assert 'aria-invalid="true"' in page
    assert results(response) == []
    if query.strip():
        kept = re.search(r'id="id_q" name="q" value="([^"]*)"', page)
        assert kept and kept.group(1).strip() == query.strip()


def test_the_search_page_without_a_query_asks_for_one(people: Any, programme: Programme) -> None:
    response = client_for(people["lezer"]).get(reverse("programmes:search", args=[programme.slug]))
    assert response.status_code == 200
    assert 'id="id_q"' in response.content.decode()
    assert "aria-invalid" not in response.content.decode()


def test_every_programme_page_has_the_search_box(people: Any, programme: Programme) -> None:
    page = client_for(people["partner"]).get(reverse("programmes:overview", args=[programme.slug]))
    assert (
        f'action="{reverse("programmes:search", args=[programme.slug])}"' in page.content.decode()
    )
