"""The ODT writer's style sheet: our named styles as fixed XML (no user text ever goes
in here), the A4 page from :mod:`.office`, and how they are put into odfdo's template."""

from __future__ import annotations

from odfdo import Document as OdfDocument
from odfdo import Element
from odfdo.style_base import StyleBase

from stramien.render import office


def style(xml: str) -> StyleBase:
    """One of our fixed style definitions as an odfdo style element."""
    element = Element.from_tag(xml)
    if not isinstance(element, StyleBase):
        raise TypeError(f"not a style: {xml[:60]}")
    return element


def cm(value: float) -> str:
    return f"{value:.3f}cm"


# Our styles, fixed text. Names follow LibreOffice's built-in ones where they exist
# (Text_20_body, Heading_20_1, Table_20_Contents, ...), so LibreOffice treats them as its own.
COMMON_STYLES = (
    '<style:style style:name="Text_20_body" style:display-name="Text body" '
    'style:family="paragraph" style:parent-style-name="Standard" style:class="text">'
    '<style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.247cm" '
    'fo:line-height="115%"/></style:style>',
    '<style:style style:name="Title" style:family="paragraph" style:parent-style-name="Heading" '
    'style:next-style-name="Subtitle" style:class="chapter">'
    '<style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.4cm"/>'
    '<style:text-properties fo:font-size="28pt" fo:font-weight="bold" '
    'style:font-size-complex="28pt" style:font-weight-complex="bold"/></style:style>',
    '<style:style style:name="Subtitle" style:family="paragraph" style:parent-style-name="Heading" '
    'style:next-style-name="Text_20_body" style:class="chapter">'
    '<style:paragraph-properties fo:margin-top="0.1cm" fo:margin-bottom="0.6cm"/>'
    '<style:text-properties fo:font-size="18pt" style:font-size-complex="18pt" '
    'fo:font-style="italic"/></style:style>',
    *(
        f'<style:style style:name="Heading_20_{level}" style:display-name="Heading {level}" '
        'style:family="paragraph" style:parent-style-name="Heading" '
        f'style:next-style-name="Text_20_body" style:default-outline-level="{level}" '
        'style:class="text">'
        f'<style:paragraph-properties fo:margin-top="{top}" fo:margin-bottom="0.212cm"/>'
        f'<style:text-properties fo:font-size="{size}" fo:font-weight="bold" '
        f'style:font-size-complex="{size}" style:font-weight-complex="bold"/></style:style>'
        for level, size, top in ((1, "18pt", "0.6cm"), (2, "15pt", "0.45cm"), (3, "13pt", "0.35cm"))
    ),
    f'<style:style style:name="{office.LEAD_STYLE}" style:family="paragraph" '
    'style:parent-style-name="Text_20_body" style:class="text">'
    f'<style:text-properties fo:font-size="{office.LEAD_SIZE_PT}pt" '
    f'style:font-size-complex="{office.LEAD_SIZE_PT}pt"/></style:style>',
    f'<style:style style:name="{office.NOTE_STYLE}" style:family="paragraph" '
    'style:parent-style-name="Text_20_body" style:class="text">'
    f'<style:text-properties fo:font-size="{office.NOTE_SIZE_PT}pt" fo:font-style="italic" '
    f'style:font-size-complex="{office.NOTE_SIZE_PT}pt" style:font-style-complex="italic"/>'
    "</style:style>",
    '<style:style style:name="Table_20_Contents" style:display-name="Table Contents" '
    'style:family="paragraph" style:parent-style-name="Standard" style:class="extra">'
    '<style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0cm"/>'
    '<style:text-properties fo:font-size="10pt" style:font-size-complex="10pt"/></style:style>',
    '<style:style style:name="Table_20_Heading" style:display-name="Table Heading" '
    'style:family="paragraph" style:parent-style-name="Table_20_Contents" style:class="extra">'
    '<style:text-properties fo:font-weight="bold" style:font-weight-complex="bold"/>'
    "</style:style>",
    '<style:style style:name="Table_20_Contents_20_Numeric" '
    'style:display-name="Table Contents Numeric" style:family="paragraph" '
    'style:parent-style-name="Table_20_Contents" style:class="extra">'
    '<style:paragraph-properties fo:text-align="end"/></style:style>',
    '<style:style style:name="Table_20_Heading_20_Numeric" '
    'style:display-name="Table Heading Numeric" style:family="paragraph" '
    'style:parent-style-name="Table_20_Heading" style:class="extra">'
    '<style:paragraph-properties fo:text-align="end"/></style:style>',
    '<style:style style:name="Header_20_and_20_Footer" style:display-name="Header and Footer" '
    'style:family="paragraph" style:parent-style-name="Standard" style:class="extra">'
    '<style:text-properties fo:font-size="9pt" style:font-size-complex="9pt"/></style:style>',
    '<style:style style:name="Header" style:family="paragraph" '
    'style:parent-style-name="Header_20_and_20_Footer" style:class="extra"/>',
    '<style:style style:name="Footer" style:family="paragraph" '
    'style:parent-style-name="Header_20_and_20_Footer" style:class="extra">'
    '<style:paragraph-properties fo:text-align="end"/></style:style>',
    '<style:style style:name="Contents_20_Heading" style:display-name="Contents Heading" '
    'style:family="paragraph" style:parent-style-name="Heading" style:class="index">'
    '<style:text-properties fo:font-size="16pt" fo:font-weight="bold" '
    'style:font-size-complex="16pt" style:font-weight-complex="bold"/></style:style>',
    *(
        f'<style:style style:name="Contents_20_{level}" style:display-name="Contents {level}" '
        'style:family="paragraph" style:parent-style-name="Index" style:class="index">'
        f'<style:paragraph-properties fo:margin-left="{indent:.1f}cm" fo:margin-right="0cm" '
        'fo:text-indent="0cm"><style:tab-stops><style:tab-stop '
        f'style:position="{office.TEXT_WIDTH_CM - indent:.1f}cm" style:type="right" '
        'style:leader-style="dotted" style:leader-text="."/></style:tab-stops>'
        "</style:paragraph-properties></style:style>"
        for level, indent in ((1, 0.0), (2, 0.5), (3, 1.0))
    ),
    '<style:style style:name="Strong_20_Emphasis" style:display-name="Strong Emphasis" '
    'style:family="text"><style:text-properties fo:font-weight="bold" '
    'style:font-weight-complex="bold"/></style:style>',
    '<style:style style:name="Index_20_Link" style:display-name="Index Link" style:family="text"/>',
    '<style:style style:name="Graphics" style:family="graphic">'
    '<style:graphic-properties text:anchor-type="as-char" svg:y="0cm" style:wrap="none" '
    'style:vertical-pos="top" style:vertical-rel="baseline" fo:border="none" '
    'fo:padding="0cm"/></style:style>',
    '<text:list-style style:name="List_20_Bullet" style:display-name="List Bullet">'
    '<text:list-level-style-bullet text:level="1" text:bullet-char="•">'
    '<style:list-level-properties text:list-level-position-and-space-mode="label-alignment">'
    '<style:list-level-label-alignment text:label-followed-by="listtab" '
    'text:list-tab-stop-position="0.635cm" fo:text-indent="-0.635cm" '
    'fo:margin-left="0.635cm"/></style:list-level-properties>'
    "</text:list-level-style-bullet></text:list-style>",
)

AUTOMATIC_STYLES = (
    # The first paragraph of the title page switches to the page style without header.
    '<style:style style:name="TitlePage" style:family="paragraph" style:parent-style-name="Title" '
    'style:master-page-name="First_20_Page"/>',
    '<style:style style:name="PageBreak" style:family="paragraph" '
    'style:parent-style-name="Standard"><style:paragraph-properties fo:break-after="page" '
    'fo:margin-top="0cm" fo:margin-bottom="0cm"/><style:text-properties fo:font-size="2pt"/>'
    "</style:style>",
    '<style:style style:name="CaptionAbove" style:family="paragraph" '
    'style:parent-style-name="Caption"><style:paragraph-properties fo:keep-with-next="always"/>'
    "</style:style>",
    '<style:style style:name="ImageParagraph" style:family="paragraph" '
    'style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="center" '
    'fo:keep-with-next="always" fo:margin-top="0.2cm" fo:margin-bottom="0.1cm"/></style:style>',
    '<style:style style:name="Spacer" style:family="paragraph" style:parent-style-name="Standard">'
    '<style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.2cm"/></style:style>',
    f'<style:style style:name="FullWidth" style:family="table"><style:table-properties '
    f'style:width="{office.TEXT_WIDTH_CM:.1f}cm" table:align="margins" fo:margin-top="0cm" '
    'fo:margin-bottom="0.2cm"/></style:style>',
    # A signature block never breaks over two pages.
    f'<style:style style:name="SignatureTable" style:family="table"><style:table-properties '
    f'style:width="{office.TEXT_WIDTH_CM:.1f}cm" table:align="margins" fo:margin-top="0.3cm" '
    'fo:margin-bottom="0.3cm" style:may-break-between-rows="false" '
    'fo:keep-with-next="auto"/></style:style>',
    '<style:style style:name="SignatureRow" style:family="table-row">'
    '<style:table-row-properties style:min-row-height="2cm" fo:keep-together="always"/>'
    "</style:style>",
    '<style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties '
    'fo:padding="0.1cm" fo:border="0.5pt solid #000000"/></style:style>',
    '<style:style style:name="HeaderCell" style:family="table-cell"><style:table-cell-properties '
    'fo:padding="0.1cm" fo:border="0.5pt solid #000000" fo:background-color="#e6e6e6"/>'
    "</style:style>",
)

PAGE_LAYOUT_PROPERTIES = {
    "fo:page-width": f"{office.PAGE_WIDTH_CM:g}cm",
    "fo:page-height": f"{office.PAGE_HEIGHT_CM:g}cm",
    "fo:margin-top": "2cm",
    "fo:margin-bottom": "2cm",
    "fo:margin-left": f"{office.SIDE_MARGIN_CM:g}cm",
    "fo:margin-right": f"{office.SIDE_MARGIN_CM:g}cm",
}


def install_styles(odf: OdfDocument) -> None:
    """Our styles and page layout in ``odf``, which is odfdo's fresh text template."""
    for xml in COMMON_STYLES:
        odf.insert_style(style(xml))
    for xml in AUTOMATIC_STYLES:
        odf.insert_style(style(xml), automatic=True)
    odf.language = office.LANGUAGE
    styles = odf.styles
    # Headings carry their outline level but no numbers: the text has its own, if any.
    for level_style in styles.get_elements("//text:outline-style/text:outline-level-style"):
        level_style.set_attribute("style:num-format", "")
        for attribute in ("style:num-suffix", "loext:num-list-format", "text:display-levels"):
            if level_style.get_attribute(attribute) is not None:
                level_style.del_attribute(attribute)
    layout = styles.get_element("//style:page-layout[@style:name='Mpm1']")
    if layout is None:
        raise RuntimeError("odfdo template without page layout Mpm1")
    properties = layout.get_element("style:page-layout-properties")
    if properties is not None:
        for name, value in PAGE_LAYOUT_PROPERTIES.items():
            properties.set_attribute(name, value)
    for part, margin in (("header", "fo:margin-bottom"), ("footer", "fo:margin-top")):
        holder = layout.get_element(f"style:{part}-style")
        if holder is None:
            holder = Element.from_tag(f"style:{part}-style")
            layout.append(holder)
        holder.clear()
        holder.append(
            Element.from_tag(
                f'<style:header-footer-properties fo:min-height="0.6cm" {margin}="0.4cm"/>'
            )
        )
    masters = styles.get_element("//office:master-styles")
    if masters is None:
        raise RuntimeError("odfdo template without master styles")
    masters.append(
        Element.from_tag(
            '<style:master-page style:name="First_20_Page" style:display-name="First Page" '
            'style:page-layout-name="Mpm1" style:next-style-name="Standard"/>'
        )
    )


def column_style(name: str, width: float, total: float) -> StyleBase:
    """The automatic style of a table column ``width`` of ``total`` wide, named ``name``."""
    absolute = office.TEXT_WIDTH_CM * width / total
    return style(
        f'<style:style style:name="{name}" style:family="table-column">'
        f'<style:table-column-properties style:column-width="{cm(absolute)}" '
        f'style:rel-width="{round(width / total * 65535)}*"/></style:style>'
    )
