"""Issue 17, point 7: short pages. Long lists are summary tables, lists of a few items fold each
item to one line, "add" without JavaScript lands on the new row, and the own-card page shows
only the partner's own fields, without a way to delete one's own organisation."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from stramien.web import schemaform
from stramien.web.demo import create_demo
from stramien.web.programmes.models import Programme
from stramien.web.programmes.sections import BY_KEY

from ..conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> tuple[Programme, dict[str, Any]]:
    programme = create_demo(verbose=False)["programme"]
    return programme, {u.username: u for u in get_user_model().objects.all()}


class _Rows(HTMLParser):
    """The rows of the summary table of one list: each row's id, links and buttons."""

    def __init__(self, list_id: str) -> None:
        super().__init__()
        self.list_id = list_id
        self.inside = False
        self.rows: list[dict[str, Any]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "fieldset":
            self.inside = found.get("id") == self.list_id or self.inside
        if not self.inside:
            return
        if tag == "tr" and found.get("id"):
            self.rows.append({"id": found["id"], "links": [], "removes": []})
        elif tag == "a" and self.rows:
            self.rows[-1]["links"].append(found.get("href"))
        elif tag == "button" and self.rows and found.get("name") == "delete":
            self.rows[-1]["removes"].append(found.get("formaction"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.inside = False


def _rows(html: str, list_id: str) -> list[dict[str, Any]]:
    parser = _Rows(list_id)
    parser.feed(html)
    return parser.rows


def test_the_demos_long_lists_are_summary_tables_with_an_edit_link_per_item(demo: Any) -> None:
    programme, users = demo
    client = client_for(users["regisseur"])
    for key, path in (
        ("doelen", "goals"),
        ("risicos", "risks-items"),
        ("financien", "finance-contributions"),
    ):
        html = client.get(
            reverse("programmes:section", args=[programme.slug, key])
        ).content.decode()
        items = _items(programme.head_document, path)
        rows = _rows(html, f"id_s-{path}")
        assert len(rows) == len(items), key
        for row, item in zip(rows, items, strict=True):
            url = reverse("programmes:item", args=[programme.slug, key, item["id"]])
            assert row["links"] == [url]
            assert row["removes"] == [f"{url}#inhoud"]
        # Not one field of an item is on the section page; the item page has them.
        assert f'name="s-{path}-0-' not in html
    # A risk's row says who bears it and how likely it is, in words and numbers people read.
    html = client.get(reverse("programmes:section", args=[programme.slug, "risicos"])).content
    risk = programme.head_document["risks"]["items"][0]
    text = " ".join(html.decode().split())
    assert f"{risk['title']}" in text and "Kans" in text


def _items(document: dict[str, Any], path: str) -> list[dict[str, Any]]:
    value: Any = document
    for part in path.split("-"):
        value = value[part]
    return list(value)


def test_a_reader_sees_the_table_without_remove_buttons(demo: Any) -> None:
    programme, users = demo
    html = (
        client_for(users["lezer"])
        .get(reverse("programmes:section", args=[programme.slug, "doelen"]))
        .content.decode()
    )
    rows = _rows(html, "id_s-goals")
    assert rows and all(row["removes"] == [] and len(row["links"]) == 1 for row in rows)
    assert "Bekijken" in html


def test_a_list_of_some_items_folds_each_to_a_line_with_its_facts(demo: Any) -> None:
    programme, users = demo
    client = client_for(users["regisseur"])
    html = client.get(reverse("programmes:section", args=[programme.slug, "partnerschap"]))
    text = html.content.decode()
    stakeholders = programme.head_document["partnership"]["stakeholders"]
    folds = re.findall(
        r'<details class="stramien-fold" id="id_s-partnership-stakeholders-(\d+)-fold">', text
    )
    assert folds == [str(i) for i in range(len(stakeholders))]
    first = re.search(r'stakeholders-0-fold">\s*<summary[^>]*>(.*?)</summary>', text, re.S)
    assert first is not None
    line = re.sub(r"<[^>]+>", " ", first.group(1))
    assert stakeholders[0]["name"] in line
    # The facts by their labels, never as stored: "Overheid", not "government".
    assert stakeholders[0]["category"] not in line.split()
    # The fields are still in the form: saving the page as it is keeps every item.
    assert 'name="s-partnership-stakeholders-0-name"' in text


def test_add_without_javascript_lands_on_the_new_row(demo: Any) -> None:
    programme, users = demo
    client = client_for(users["regisseur"])
    url = reverse("programmes:section", args=[programme.slug, "partnerschap"])
    html = client.get(url).content.decode()
    button = re.search(r'<button[^>]*name="add" value="s-partnership-stakeholders"[^>]*>', html)
    assert button is not None
    anchor = re.search(r'formaction="#([^"]+)"', button.group(0))
    assert anchor is not None
    count = len(programme.head_document["partnership"]["stakeholders"])
    assert anchor.group(1) == f"id_s-partnership-stakeholders-{count}-name"
    # The form as the page shows it (the partners, a long list, are links: not posted).
    node = schemaform.build(
        BY_KEY["partnerschap"].model,
        {"partnership": programme.head_document["partnership"]},
        prefix="s",
        link=lambda path: "x" if path[:2] == ("partnership", "partners") else None,
    )
    post: dict[str, Any] = {}
    for name, value in schemaform.submitted(node):
        post.setdefault(name, []).append(value)
    post.update(base_revision=str(programme.head_number), add="s-partnership-stakeholders")
    response = client.post(url, post)
    assert response.status_code == 200
    shown = response.content.decode()
    field = re.search(rf'<input[^>]*id="{anchor.group(1)}"[^>]*>', shown)
    assert field is not None and " autofocus" in field.group(0)
    # Only that one field is focused, and the new row is open (not folded away).
    assert shown.count(" autofocus") == 1
    assert f'id="id_s-partnership-stakeholders-{count}-fold"' not in shown
    programme.refresh_from_db()
    assert programme.head_number == 1  # nothing was saved


def test_remove_from_a_summary_table_without_javascript(demo: Any) -> None:
    programme, users = demo
    client = client_for(users["regisseur"])
    section = reverse("programmes:section", args=[programme.slug, "risicos"])
    html = client.get(section).content.decode()
    risk = programme.head_document["risks"]["items"][3]
    row = next(
        r for r in _rows(html, "id_s-risks-items") if r["links"][0].endswith(f"/{risk['id']}/")
    )
    action = row["removes"][0].split("#")[0]
    response = client.post(action, {"base_revision": "1", "delete": "1"})
    assert response.status_code == 302 and response["Location"] == section
    programme.refresh_from_db()
    assert risk["id"] not in {r["id"] for r in programme.head_document["risks"]["items"]}
    assert len(_rows(client.get(section).content.decode(), "id_s-risks-items")) == 49


def test_the_own_card_page_has_only_the_partners_own_fields_in_no_nested_boxes(
    demo: Any,
) -> None:
    programme, users = demo
    client = client_for(users["partner"])
    url = reverse("programmes:own", args=[programme.slug])
    html = client.get(url).content.decode()
    partners = programme.head_document["partnership"]["partners"]
    own = partners[0]
    # The card's own fields, at the top of the form: no box for the card nor its list.
    assert 'name="s-partnership-partners-0-role"' in html
    assert "s-partnership-partners-1-" not in html
    assert 'id="id_s-partnership-partners"' not in html
    assert 'id="id_s-partnership-partners-0"' not in html
    assert ">Partnerkaart<" not in html
    # No delete of one's own organisation, and no second card to add.
    assert "s-partnership-partners-0-DELETE" not in html
    assert 'value="s-partnership-partners"' not in html
    # Only the partner's own contributions.
    contributions = [
        c for c in programme.head_document["finance"]["contributions"] if c["partner"] == own["id"]
    ]
    assert f'name="s-finance-contributions-{len(contributions) - 1}-' in html
    assert f'name="s-finance-contributions-{len(contributions)}-' not in html
    # At most two boxes inside each other (a list of the card and its items).
    assert _deepest_fieldsets(html) <= 2


def _deepest_fieldsets(html: str) -> int:
    depth = deepest = 0
    for tag in re.findall(r"<(/?)fieldset\b", html):
        depth += -1 if tag else 1
        deepest = max(deepest, depth)
    return deepest
