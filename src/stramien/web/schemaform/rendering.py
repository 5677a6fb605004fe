"""The tree of :class:`Node` as HTML (:func:`render_form`), written in Python.

A form of a large programme has thousands of fields; a Django template per field (with its
label, description and ARIA attributes as templates of their own) cost several times as
much as building the tree. The HTML is the same the templates wrote: NL Design System
(Utrecht) class names, every value escaped as Django's autoescape escapes it (``_text``),
the texts translated with the same messages.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import Any

from django.template.base import render_value_in_context
from django.template.context import Context
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from stramien.web.schemaform.tree import Node

Out = list[str]

# Values that are not text are shown as ``{{ value }}`` shows them (numbers localised).
_VALUE_CONTEXT = Context(autoescape=True)


def _text(value: Any) -> str:
    """``value`` as ``{{ value }}`` writes it: escaped unless it is already safe HTML."""
    if type(value) is str:
        return html.escape(value, quote=True)  # what Django's escape does
    if isinstance(value, str):
        return str(conditional_escape(value))
    return str(render_value_in_context(value, _VALUE_CONTEXT))


def _if(condition: Any, text: str) -> str:
    return text if condition else ""


def _aria(node: Node) -> str:
    described = node.described_by
    return (
        (f' aria-describedby="{_text(described)}"' if described else "")
        + (' aria-invalid="true"' if node.invalid else "")
        + (' aria-required="true"' if node.required else "")
        + (" autofocus" if node.autofocus else "")
    )


def _label(node: Node) -> str:
    required = (
        f' <span class="stramien-required">({_("verplicht")})</span>' if node.required else ""
    )
    return _text(node.label) + required


def _description(node: Node, out: Out) -> None:
    help_id = node.help_id
    if help_id:
        out.append(f'<div class="utrecht-form-field-description" id="{_text(help_id)}">')
        if node.lock_note:
            out.append(
                '<span class="stramien-lock-note">'
                f"{_('U kunt dit bekijken maar niet wijzigen.')}</span> "
            )
        out.append(_text(node.help))
        if node.format_hint:
            out.append(" " + _text(node.format_hint))
        out.append("</div>\n")
    if node.errors:
        out.append(f'<div class="utrecht-form-field-error-message" id="{_text(node.error_id)}">')
        out.extend(f'<p class="utrecht-paragraph">{_text(m)}</p>' for m in node.errors)
        out.append("</div>\n")
    out.append("\n")


def _field_label(node: Node) -> str:
    return (
        '  <div class="utrecht-form-field__label"><label class="utrecht-form-label" '
        f'for="{_text(node.html_id)}">{_label(node)}</label></div>\n  '
    )


def _text_input(node: Node, out: Out) -> None:
    invalid = node.invalid
    out.append(
        '<div class="utrecht-form-field utrecht-form-field--text'
        f'{_if(invalid, " utrecht-form-field--invalid")}">\n'
    )
    out.append(_field_label(node))
    _description(node, out)
    out.append(
        '<div class="utrecht-form-field__input"><input class="utrecht-textbox '
        "utrecht-textbox--html-input"
        f"{_if(invalid, ' utrecht-textbox--invalid')}"
        f'{_if(node.readonly, " utrecht-textbox--readonly")}" '
        f'type="{_text(node.input_type)}" id="{_text(node.html_id)}" name="{_text(node.name)}" '
        f'value="{_text(node.value)}"'
        + (f' inputmode="{_text(node.input_mode)}"' if node.input_mode else "")
        + _if(not node.spellcheck, ' spellcheck="false" autocapitalize="off"')
        + _aria(node)
        + _if(node.readonly, " readonly")
        + "></div>\n</div>\n"
    )


def _textarea(node: Node, out: Out) -> None:
    invalid = node.invalid
    out.append(
        '<div class="utrecht-form-field utrecht-form-field--textarea'
        f'{_if(invalid, " utrecht-form-field--invalid")}">\n'
    )
    out.append(_field_label(node))
    _description(node, out)
    out.append(
        '<div class="utrecht-form-field__input"><textarea class="utrecht-textarea '
        "utrecht-textarea--html-textarea"
        f"{_if(invalid, ' utrecht-textarea--invalid')}"
        f'{_if(node.readonly, " utrecht-textarea--readonly")}" '
        f'id="{_text(node.html_id)}" name="{_text(node.name)}" rows="{_text(node.rows or 4)}"'
        + _if(not node.spellcheck, ' spellcheck="false" autocapitalize="off"')
        + _aria(node)
        + _if(node.readonly, " readonly")
        + f">\n{_text(node.value)}</textarea></div>\n</div>\n"
    )


def _select(node: Node, out: Out) -> None:
    invalid = node.invalid
    out.append(
        '<div class="utrecht-form-field utrecht-form-field--select'
        f'{_if(invalid, " utrecht-form-field--invalid")}">\n'
    )
    out.append(_field_label(node))
    _description(node, out)
    search = ""
    if node.searchable:
        search = ' data-stramien-filter data-filter-label="' + _("Zoek in ‘%(label)s’") % {
            "label": _text(node.label)
        }
        search += '"'
    out.append(
        '<div class="utrecht-form-field__input"><select class="utrecht-select '
        "utrecht-select--html-select"
        f"{_if(invalid, ' utrecht-select--invalid')}"
        f'{_if(node.readonly, " utrecht-select--disabled")}" '
        f'id="{_text(node.html_id)}" name="{_text(node.name)}"'
        + _aria(node)
        + _if(node.readonly, " disabled")
        + search
        + f">\n    {node.select_options_html}\n  </select></div>\n</div>\n"
    )


def _checkbox(node: Node, out: Out) -> None:
    invalid = node.invalid
    out.append(
        '<div class="utrecht-form-field utrecht-form-field--checkbox'
        f'{_if(invalid, " utrecht-form-field--invalid")}">\n'
        '  <div class="utrecht-form-field__input"><input class="utrecht-checkbox '
        "utrecht-checkbox--html-input"
        f"{_if(invalid, ' utrecht-checkbox--invalid')}"
        f'{_if(node.readonly, " utrecht-checkbox--disabled")}" '
        f'type="checkbox" id="{_text(node.html_id)}" name="{_text(node.name)}" value="on"'
        + _if(node.value, " checked")
        + _aria(node)
        + _if(node.readonly, " disabled")
        + "></div>\n"
        '  <div class="utrecht-form-field__label utrecht-form-field__label--checkbox">'
        '<label class="utrecht-form-label utrecht-form-label--checkbox" '
        f'for="{_text(node.html_id)}">{_label(node)}</label></div>\n  '
    )
    _description(node, out)
    out.append("</div>\n")


def _fieldset_open(node: Node, classes: str, out: Out, *, disabled: bool = False) -> None:
    """The <div><fieldset> of a group, list, item or multiselect, up to its legend."""
    described = node.described_by
    out.append(
        f'<div class="utrecht-form-fieldset {classes}'
        f'{_if(node.invalid, " utrecht-form-fieldset--invalid")}">\n'
        '  <fieldset class="utrecht-form-fieldset__fieldset utrecht-form-fieldset--html-fieldset" '
        f'id="{_text(node.html_id)}"'
        + (f' aria-describedby="{_text(described)}"' if described else "")
        + _if(node.invalid, ' aria-invalid="true"')
        + _if(disabled, " disabled")
        + ">\n"
    )


_LEGEND = (
    '    <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">'
)


def _multiselect(node: Node, out: Out) -> None:
    _fieldset_open(node, "stramien-multiselect", out, disabled=node.readonly)
    out.append(f"{_LEGEND}{_label(node)}</legend>\n    ")
    _description(node, out)
    if not node.choices:
        out.append(
            '<p class="utrecht-paragraph stramien-empty">'
            f"{_('Er is nog niets om uit te kiezen.')}</p>\n    "
        )
    elif node.collapsed:
        out.append(
            '<details class="stramien-multiselect__details"'
            f'{_if(node.invalid, " open")}><summary class="stramien-multiselect__summary">'
            f"{_text(node.summary)}</summary>\n    {node.options_html}\n    </details>\n    "
        )
    else:
        out.append(f"{node.options_html}\n    ")
    out.append("</fieldset>\n</div>\n")


def _advanced(node: Node, out: Out) -> None:
    out.append(
        f'<details class="stramien-advanced"{_if(node.invalid, " open")}>\n'
        f'  <summary class="stramien-advanced__summary">{_("Geavanceerd")}</summary>\n  '
    )
    _text_input(node, out)
    out.append("</details>\n")


def _group(node: Node, out: Out) -> None:
    _fieldset_open(node, "stramien-group", out)
    out.append(f"{_LEGEND}{_text(node.label)}</legend>\n    ")
    _description(node, out)
    for child in node.children:
        render_node(child, out)
    out.append("\n  </fieldset>\n</div>\n")


def _item(node: Node, out: Out) -> None:
    _fieldset_open(node, "stramien-item" + _if(node.is_new, " stramien-item--new"), out)
    out.append(f"{_LEGEND}{_text(node.label)}</legend>\n    ")
    _description(node, out)
    for child in node.children:
        if not child.advanced:
            render_node(child, out)
    out.append("\n    ")
    for child in node.children:
        if child.advanced:
            render_node(child, out)
    out.append("\n    ")
    if node.delete:
        _checkbox(node.delete, out)
    out.append("\n  </fieldset>\n</div>\n")


def _item_link(node: Node, out: Out) -> None:
    out.append(
        f'<div class="stramien-item-link" id="{_text(node.html_id)}">\n'
        f'  <a class="utrecht-link" href="{_text(node.url)}">{_text(node.label)}</a>'
    )
    if node.errors:
        out.append(
            ' <span class="utrecht-form-field-error-message">'
            + "".join(f"{_text(e)} " for e in node.errors)
            + "</span>"
        )
    out.append("\n</div>\n")


def _summary_table(node: Node, out: Out) -> None:
    """A long list: a table with a row per item that has a page of its own."""
    rows = node.linked_items
    ident = _text(node.html_id)
    caption = ngettext("%(label)s: %(n)s onderdeel", "%(label)s: %(n)s onderdelen", len(rows)) % {
        "label": _text(node.label),
        "n": _text(len(rows)),
    }
    out.append(
        "\n"
        '    <div class="st-table-scroll stramien-summary" role="region" tabindex="0" '
        f'aria-labelledby="{ident}-caption">\n'
        '      <table class="utrecht-table stramien-summary__table">\n'
        f'        <caption class="utrecht-table__caption" id="{ident}-caption">'
        f"{caption}</caption>\n"
        '        <thead class="utrecht-table__header"><tr class="utrecht-table__row">\n'
        f'          <th class="utrecht-table__header-cell" scope="col">{_("Naam")}</th>'
    )
    for label in node.fact_labels:
        out.append(
            f'\n          <th class="utrecht-table__header-cell" scope="col">{_text(label)}</th>'
        )
    out.append(
        '\n          <th class="utrecht-table__header-cell" scope="col">'
        f'<span class="st-visually-hidden">{_("Wat u kunt doen")}</span></th>\n'
        "        </tr></thead>\n"
        '        <tbody class="utrecht-table__body">'
    )
    action = _("Bekijken") if node.readonly else _("Wijzigen")
    for row in rows:
        label, url = _text(row.label), _text(row.url)
        out.append(
            f'\n          <tr class="utrecht-table__row" id="{_text(row.html_id)}">\n'
            '            <th class="utrecht-table__header-cell stramien-summary__name" '
            f'scope="row">{label}'
        )
        if row.errors:
            out.append(
                ' <span class="utrecht-form-field-error-message">'
                + "".join(f"{_text(e)} " for e in row.errors)
                + "</span>"
            )
        out.append("</th>")
        for _label_text, text, _brief in row.facts:
            out.append(f'\n            <td class="utrecht-table__cell">{_text(text or "—")}</td>')
        out.append(
            '\n            <td class="utrecht-table__cell stramien-summary__actions">'
            f'<a class="utrecht-link" href="{url}">{action}'
            f'<span class="st-visually-hidden">: {label}</span></a>'
        )
        if not node.readonly:
            out.append(
                "\n              <button class="
                '"utrecht-button utrecht-button--secondary-action stramien-summary__remove" '
                f'type="submit" formaction="{url}#inhoud" formnovalidate name="delete" '
                f'value="1" data-stramien-remove="{ident}">{_("Verwijderen")}'
                f'<span class="st-visually-hidden">: {label}</span></button>'
            )
        out.append("</td>\n          </tr>")
    out.append("\n        </tbody>\n      </table>\n    </div>\n    ")
    for child in node.other_items:
        render_node(child, out)
    out.append("\n    ")


def _list(node: Node, out: Out) -> None:
    _fieldset_open(node, "stramien-list", out)
    out.append(f"{_LEGEND}{_text(node.label)}</legend>\n    ")
    _description(node, out)
    if node.summarised:
        _summary_table(node, out)
    else:
        folded = node.folded
        for child in node.children:
            if folded and child.kind == "item" and not child.is_new and not child.has_errors:
                out.append(
                    f'<details class="stramien-fold" id="{_text(child.html_id)}-fold">\n'
                    '      <summary class="stramien-fold__summary">'
                    f'<span class="stramien-fold__name">{_text(child.label)}</span>'
                    + "".join(
                        f' <span class="stramien-fold__fact">{_text(brief)}</span>'
                        for _label_text, _text_value, brief in child.facts
                        if brief
                    )
                    + "</summary>\n      "
                )
                render_node(child, out)
                out.append("</details>\n    ")
            else:
                render_node(child, out)
        if not node.children:
            out.append(
                '<p class="utrecht-paragraph stramien-empty">'
                f"{_('Hier staat nog niets.')}</p>\n    "
            )
    if node.extra:
        out.append(
            f'<input type="hidden" name="{_text(node.extra_name)}" '
            f'value="{_text(node.extra)}">\n    '
        )
    if node.can_add:
        anchor = node.add_anchor
        out.append(
            '<p class="utrecht-button-group stramien-list__add"><button class="utrecht-button '
            'utrecht-button--secondary-action" type="submit" name="add" '
            f'value="{_text(node.name)}" '
            "formnovalidate"
            + (f' formaction="#{_text(anchor)}"' if anchor else "")
            + f' data-stramien-add="{_text(node.html_id)}">'
            + f"{_text(node.add_label)}</button></p>\n    "
        )
    out.append("</fieldset>\n</div>\n")


_BY_KIND: dict[str, Callable[[Node, Out], None]] = {
    "text": _text_input,
    "number": _text_input,
    "decimal": _text_input,
    "date": _text_input,
    "textarea": _textarea,
    "lines": _textarea,
    "select": _select,
    "nullable-bool": _select,
    "checkbox": _checkbox,
    "multiselect": _multiselect,
    "group": _group,
    "list": _list,
    "item": _item,
    "item-link": _item_link,
}


def render_node(node: Node, out: Out) -> None:
    """Append the HTML of ``node`` (and of everything inside it) to ``out``."""
    if node.advanced:
        _advanced(node, out)
    else:
        _BY_KIND.get(node.kind, _text_input)(node, out)


def render_form(form: Node, summary: Sequence[tuple[str, str, str]]) -> SafeString:
    """The form's fields: the error summary (``summary``: anchor, label, message) with links
    to the fields, then every field of the root. The caller supplies <form>, the CSRF token
    and the buttons."""
    out: Out = []
    ident = _text(form.html_id)
    if summary:
        count = len(summary)
        title = ngettext(
            "Er is %(n)s probleem gevonden", "Er zijn %(n)s problemen gevonden", count
        ) % {"n": _text(count)}
        out.append(
            "\n"
            '<div class="utrecht-alert utrecht-alert--error stramien-error-summary" '
            f'id="{ident}-summary" role="region" tabindex="-1" '
            f'aria-labelledby="{ident}-summary-title">\n'
            '  <h2 class="utrecht-heading-2 stramien-error-summary__title" '
            f'id="{ident}-summary-title">{title}</h2>\n'
            '  <ul class="utrecht-unordered-list stramien-error-summary__list">\n    '
        )
        for anchor, label, message in summary:
            if anchor:
                entry = (
                    f'<a class="utrecht-link" href="#{_text(anchor)}">'
                    f"{_text(label)}: {_text(message)}</a>"
                )
            else:
                entry = _text(message)
            out.append(f'<li class="utrecht-unordered-list__item">{entry}</li>\n    ')
        out.append("\n  </ul>\n</div>\n")
    out.append('<div class="stramien-schemaform">\n')
    if form.lock_note:
        out.append(
            '<p class="utrecht-paragraph stramien-lock-note">'
            f"{_('U kunt dit onderdeel bekijken maar niet wijzigen.')}</p>\n"
        )
    for child in form.children:
        render_node(child, out)
    out.append("\n</div>\n")
    return mark_safe("".join(out))  # every value above is escaped by _text
