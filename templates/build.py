"""Generate every Word template in this folder: `python templates/build.py`.

The .docx files are committed so an administrator can open and restyle them in Word; this
script is the reviewable source they come from. Fields are the names of
`workflow.documents.context` (a template asking for anything else is refused), and each
file is validated after it is written. Zip timestamps are fixed, so regenerating unchanged
templates leaves the files byte for byte as they were.
"""

from __future__ import annotations

import sys
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.table import WD_ALIGN_VERTICAL
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import BaseStyle
from docx.table import Table
from docx.text.paragraph import Paragraph

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workflow.documents.fill import BODY_BOOKMARK  # noqa: E402
from workflow.documents.kinds import DocumentKind, template_name  # noqa: E402
from workflow.documents.validate import validate_template  # noqa: E402

HERE = Path(__file__).resolve().parent
FIXED_TIME = datetime(2026, 1, 1, tzinfo=UTC)
GREY = RGBColor(0x59, 0x59, 0x59)
RED = RGBColor(0xC0, 0x00, 0x00)
# Fonts Debian ships and Word has or replaces with the same widths: Carlito is Calibri's
# metric twin, Liberation Mono Courier New's, so a letter breaks its lines and pages alike.
FONT = "Carlito"
MONO = "Liberation Mono"
SIGNATURE_SPACE = Pt(42)
"""Room above the signer's name for a handwritten signature, when there is no image of one."""


@dataclass(frozen=True)
class Words:
    """A language's fixed words around the letter text."""

    locale: str
    closing: str
    reference: str
    order: str
    phone: str
    email: str
    draft: str
    version: str
    page: str
    of: str


WORDS: dict[str, Words] = {
    "en": Words(
        "en-GB",
        "Yours sincerely,",
        "Our reference",
        "Order",
        "Phone",
        "E-mail",
        "DRAFT — not for sending",
        "Version",
        "Page",
        "of",
    ),
    "es": Words(
        "es-ES",
        "Atentamente,",
        "Nuestra referencia",
        "Pedido",
        "Teléfono",
        "Correo electrónico",
        "BORRADOR — no enviar",
        "Versión",
        "Página",
        "de",
    ),
    "bg": Words(
        "bg-BG",
        "С уважение,",
        "Наш номер",
        "Поръчка",
        "Телефон",
        "Имейл",
        "ЧЕРНОВА — да не се изпраща",
        "Версия",
        "Страница",
        "от",
    ),
    "tr": Words(
        "tr-TR",
        "Saygılarımızla,",
        "Referansımız",
        "Sipariş",
        "Telefon",
        "E-posta",
        "TASLAK — gönderilmez",
        "Sürüm",
        "Sayfa",
        "/",
    ),
}

PEER_CHECKLIST = (
    "Accuracy: names, amounts, dates and facts of delivery are right.",
    "Clarity: the reasons are stated directly and can be understood on first reading.",
    "Tone: no condescending, sarcastic, blaming or shouting words; no buyer's remorse.",
    "Spelling and grammar.",
    "Thanks for past business, an offer to answer questions, any concession as goodwill.",
)
LIABILITY_CHECKLIST = (
    "No admission of fault, negligence or liability.",
    "No guarantee or promise beyond the signed policy.",
    "The quoted policy clause matches the policy the customer signed.",
    "Any concession is framed as goodwill, not as an obligation.",
    "No threat, and no statutory right of the customer denied.",
    "No personal data of anyone but the customer.",
)


# --- building blocks --------------------------------------------------------------------


class Mono(str):
    """A value shown in a small monospace font: a SHA-256 stays whole on one line."""


def text(
    doc_or_cell,
    content: str = "",
    *,
    bold: bool = False,
    size: float | None = None,
    color: RGBColor | None = None,
    align: WD_ALIGN_PARAGRAPH | None = None,
    keep: bool = False,
    before: Pt | None = None,
) -> Paragraph:
    """A paragraph of one run. Runs holding fields keep their spaces (xml:space=preserve),
    so text that starts or ends with spaces comes out as written. `keep` holds it on the
    page of the next paragraph and unbroken (a signature block, a heading)."""
    paragraph = doc_or_cell.add_paragraph()
    run = paragraph.add_run(content)
    run.bold = bold
    if isinstance(content, Mono):
        run.font.name = MONO
        size = size or 7.5
    if size:
        run.font.size = Pt(size)
    if color is not None:
        run.font.color.rgb = color
    if align is not None:
        paragraph.alignment = align
    if keep:
        paragraph.paragraph_format.keep_with_next = paragraph.paragraph_format.keep_together = True
    if before is not None:
        paragraph.paragraph_format.space_before = before
    for t in run._r.findall(qn("w:t")):
        t.set(qn("xml:space"), "preserve")
    return paragraph


def tag(doc, statement: str) -> None:
    """A docxtpl paragraph tag ({%p ... %}): the paragraph disappears from the output."""
    doc.add_paragraph(f"{{%p {statement} %}}")


def optional(doc, condition: str, content: str, **style) -> None:
    tag(doc, f"if {condition}")
    text(doc, content, **style)
    tag(doc, "endif")


def heading(doc: DocumentObject, content: str, level: int = 1) -> None:
    doc.add_heading(content, level=level).paragraph_format.keep_with_next = True


def unsplit(table: Table) -> None:
    """No row of `table` breaks across two pages."""
    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


class Unless(str):
    """A labelled row's value that is left out, label and all, when the field it names is
    empty: a decision field never recorded is no row, not a label beside nothing."""

    def __new__(cls, field: str, *, joined: bool = False) -> Unless:
        made = super().__new__(cls, f"{{{{ {field} | join('; ') }}}}" if joined else f"{{{{ {field} }}}}")
        made.field = field
        return made

    field: str


def labelled(doc, rows: Sequence[tuple[str, str]]) -> None:
    """A key–value block: bold labels in a narrow column, values beside them, no grid."""
    table = doc.add_table(rows=0, cols=2)
    table.autofit = False
    widths = (Mm(45), Mm(115))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for label, value in rows:
        if isinstance(value, Unless):
            table.add_row().cells[0].text = f"{{%tr if {value.field} %}}"
        cells = table.add_row().cells
        cells[0].width, cells[1].width = widths
        cells[0].paragraphs[0].add_run(label).bold = True
        run = cells[1].paragraphs[0].add_run(value)
        if isinstance(value, Mono):
            run.font.name, run.font.size = MONO, Pt(7.5)
            cells[1].vertical_alignment = WD_ALIGN_VERTICAL.BOTTOM  # on the label's line, not above it
        if isinstance(value, Unless):
            table.add_row().cells[0].text = "{%tr endif %}"
    unsplit(table)


def loop_table(doc, headers: Sequence[str], item: str, items: str, cells: Sequence[str]) -> None:
    """A table with one row per item (docxtpl {%tr for %}); none at all when there are no items."""
    tag(doc, f"if {items}")
    table = doc.add_table(rows=4, cols=len(headers))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.paragraphs[0].add_run(header).bold = True
    table.rows[1].cells[0].text = f"{{%tr for {item} in {items} %}}"
    for cell, content in zip(table.rows[2].cells, cells, strict=True):
        cell.text = content
    table.rows[3].cells[0].text = "{%tr endfor %}"
    unsplit(table)
    tag(doc, "endif")


def sentences(doc, item: str, items: str, lines: Sequence[str], empty: str) -> None:
    """One short block per item, its first line a sentence, the next ones (a hash) small;
    or a sentence when there are none. Easier to read than a wide table, and never split."""
    tag(doc, f"if {items}")
    tag(doc, f"for {item} in {items}")
    first, *rest = lines
    text(doc, first, keep=bool(rest)).paragraph_format.space_after = Pt(0 if rest else 3)
    for line in rest:
        text(doc, line, color=GREY).paragraph_format.space_after = Pt(3)
    tag(doc, "endfor")
    tag(doc, "else")
    text(doc, empty, color=GREY)
    tag(doc, "endif")


def checklist(doc, items: Sequence[str]) -> None:
    """Each item kept with the next, down to the sign-off: a reviewer signs what they ticked."""
    for item in items:
        text(doc, f"□  {item}", keep=True)


def sign_off(doc, role: str) -> None:
    text(doc, f"{role}: ______________________   Date: ____________", before=Pt(18), keep=True)
    text(doc, "Signature: ______________________", before=Pt(18))


def bookmark_body(paragraph: Paragraph) -> None:
    """Mark the letter text, so an edited copy handed back yields the text alone."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), "0")
    start.set(qn("w:name"), BODY_BOOKMARK)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), "0")
    first_run = paragraph._p.find(qn("w:r"))
    first_run.addprevious(start)
    paragraph._p.append(end)


def letter_body(doc) -> None:
    body = text(doc, "{{ letter.body }}")
    body.paragraph_format.space_after = Pt(6)
    bookmark_body(body)


WATERMARK = """<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"><w:pict>
<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800"
 path="m@7,l@8,m@5,21600l@6,21600e"><v:formulas><v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/>
<v:f eqn="sum 21600 0 @1"/><v:f eqn="sum 0 0 @2"/><v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/>
<v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/><v:f eqn="mid @5 @6"/>
<v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/><v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/></v:formulas>
<v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800"
 o:connectangles="270,180,90,0"/><v:textpath on="t" fitshape="t"/><o:lock v:ext="edit" text="t" shapetype="t"/>
</v:shapetype><v:shape id="PowerPlusWaterMarkObject" o:spid="_x0000_s2049" type="#_x0000_t136"
 style="position:absolute;margin-left:0;margin-top:0;width:468pt;height:78pt;rotation:315;z-index:-251657216;
mso-position-horizontal:center;mso-position-horizontal-relative:margin;mso-position-vertical:center;
mso-position-vertical-relative:margin" o:allowincell="f" fillcolor="#d8d8d8" stroked="f">
<v:fill opacity=".5"/><v:textpath style="font-family:&quot;FONT&quot;;font-size:1pt" string="{text}"/>
</v:shape></w:pict></w:r>""".replace("FONT", FONT)


def watermark(doc: DocumentObject, words: str) -> None:
    """Word's own diagonal watermark behind every page, plus a red line in the header that
    survives any viewer that does not draw VML shapes."""
    header = doc.sections[0].header
    paragraph = header.paragraphs[0]
    paragraph._p.append(parse_xml(WATERMARK.replace("{text}", words)))
    paragraph.add_run(words).bold = True
    paragraph.runs[-1].font.color.rgb = RED
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def field(paragraph: Paragraph, code: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in when laying out pages."""
    for kind, content in (("begin", None), (None, f" {code} "), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        run.font.size, run.font.color.rgb = Pt(8), GREY
        if kind:
            mark = OxmlElement("w:fldChar")
            mark.set(qn("w:fldCharType"), kind)
            run._r.append(mark)
        elif content == "1":
            run.text = content
        else:
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = content
            run._r.append(instruction)


def footer(
    doc: DocumentObject,
    content: str,
    page: str = "Page",
    of: str = "of",
    *,
    first: str | None = None,
    below: Mono | None = None,
) -> None:
    """`content` and "page X of Y" at the foot of every page, and `below` on a line of its
    own; with `first`, the first page carries only `first`, so a one-page letter shows no
    page number (LibreOffice does not evaluate Word's IF field, which could hide it only
    on a letter of one page)."""
    section = doc.sections[0]
    paragraph = section.footer.paragraphs[0]
    run = paragraph.add_run(f"{content} · {page} ")
    run.font.size, run.font.color.rgb = Pt(8), GREY
    field(paragraph, "PAGE")
    run = paragraph.add_run(f" {of} ")
    run.font.size, run.font.color.rgb = Pt(8), GREY
    field(paragraph, "NUMPAGES")
    if below is not None:
        text(section.footer, below, color=GREY)
    if first is not None:
        section.different_first_page_header_footer = True
        run = section.first_page_footer.paragraphs[0].add_run(first)
        run.font.size, run.font.color.rgb = Pt(8), GREY


def use_font(style: BaseStyle, name: str) -> None:
    """`style` in `name` for every script, the theme's fonts (Calibri, Calibri Light) removed."""
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    for script in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{script}"), name)


def new_document(title: str, locale: str) -> DocumentObject:
    """An empty document on A4 (the installation's paper is set when it is filled), in
    fonts every reader has, with the margins of a business letter."""
    doc = Document()
    props = doc.core_properties
    props.title, props.author, props.last_modified_by, props.comments = title, "tactful", "tactful", ""
    props.created = props.modified = FIXED_TIME
    props.revision = 1
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin = section.right_margin = Mm(25)
    section.header_distance = section.footer_distance = Mm(10)
    for name in ("Normal", "Title", "Heading 1", "Heading 2"):
        use_font(doc.styles[name], FONT)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    doc.styles["Title"].font.size = Pt(20)
    for name in ("Heading 1", "Heading 2"):
        doc.styles[name].font.size = Pt(13)
        doc.styles[name].paragraph_format.space_before = Pt(12)
        doc.styles[name].paragraph_format.space_after = Pt(4)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), locale)
    normal.element.get_or_add_rPr().append(lang)
    return doc


# --- the letter (draft copy and final letter, per language) -----------------------------


def letter(kind: DocumentKind, language: str) -> DocumentObject:
    words = WORDS[language]
    doc = new_document(kind.label, words.locale)
    if kind is DocumentKind.DRAFT:
        watermark(doc, words.draft)
        footer(
            doc,
            f"{words.draft} · {{{{ letter.reference }}}} · {words.version} {{{{ document.version }}}}",
            words.page,
            words.of,
            below=Mono("SHA-256 {{ document.sha256 }}"),
        )
    else:
        footer(doc, "{{ company.name }} · {{ letter.reference }}", words.page, words.of, first="")
    tag(doc, "if company.logo")
    text(doc, "{{ company.logo }}")
    tag(doc, "endif")
    text(doc, "{{ company.name }}", bold=True, size=16)
    text(doc, "{{ company.address }}", color=GREY)
    text(doc, f"{words.phone}: {{{{ company.phone }}}} · {words.email}: {{{{ company.email }}}}", color=GREY)
    text(doc)
    text(doc, "{{ letter.date }}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    text(doc, "{{ letter.customer_name }}")
    text(doc, "{{ letter.postal_address }}")
    text(doc)
    text(
        doc,
        f"{words.reference}: {{{{ letter.reference }}}}{{% if letter.order_reference %}} · {words.order}: "
        "{{ letter.order_reference }}{% endif %}",
        bold=True,
    )
    text(doc)
    text(doc, "{{ letter.greeting }}").paragraph_format.space_after = Pt(6)
    letter_body(doc)
    signature_block(doc, words)
    return doc


def signature_block(doc: DocumentObject, words: Words) -> None:
    """Closing, signature and signer kept together on one page, with room to sign by hand."""
    text(doc, words.closing, keep=True, before=Pt(6))
    tag(doc, "if signer.signature")
    text(doc, "{{ signer.signature }}", keep=True)
    text(doc, "{{ signer.name }}", bold=True, keep=True)
    tag(doc, "else")
    text(doc, "{{ signer.name }}", bold=True, keep=True, before=SIGNATURE_SPACE)
    tag(doc, "endif")
    optional(doc, "signer.title", "{{ signer.title }}", keep=True)
    text(doc, "{{ company.name }}", keep=True)
    optional(doc, "signer.email", f"{words.email}: {{{{ signer.email }}}}", keep=True)
    optional(doc, "signer.phone", f"{words.phone}: {{{{ signer.phone }}}}")


# --- reviewer packets and the record sheet (English, holding the letter's own text) -----


PACKET_WARNING = "INTERNAL — for reviewers only. Nothing in this packet but the letter itself goes to the customer."
RECORD_WARNING = "INTERNAL — how this letter was reviewed and sent. The letter itself is the stored final letter."


def packet_header(doc: DocumentObject, warning: str) -> None:
    footer(doc, "INTERNAL · {{ document.title }} · {{ letter.reference }} · version {{ document.version }}")
    doc.add_heading("{{ document.title }} {{ letter.reference }}", level=0)
    text(doc, warning, bold=True, color=RED, size=9)
    labelled(
        doc,
        [
            ("Customer", "{{ letter.customer_name }}"),
            ("Amount requested", "{{ letter.amount }}"),
            ("Letter language", "{{ letter.language_name }}"),
            ("State", "{{ decision.state }}, review round {{ decision.review_round }}"),
            ("Author", "{{ decision.author }}"),
            ("Version", "{{ document.version }}"),
            ("SHA-256", Mono("{{ document.sha256 }}")),
            ("Prepared on", "{{ document.generated_on }}"),
        ],
    )


def letter_section(doc: DocumentObject) -> None:
    heading(doc, "The letter (version {{ document.version }}, {{ letter.language_name }})")
    text(doc, "To: {{ letter.customer_name }}", bold=True)
    text(doc, "{{ letter.postal_address }}")
    optional(doc, "letter.order_reference", "Order: {{ letter.order_reference }}")
    text(doc)
    letter_body(doc)


def decision_section(doc: DocumentObject) -> None:
    heading(doc, "Decision record — INTERNAL, never in the letter")
    labelled(
        doc,
        [
            ("Customer's reason", Unless("decision.customer_reason")),
            ("Reasons the letter states", Unless("decision.stated_reasons", joined=True)),
            ("Internal reasons", Unless("decision.internal_reasons", joined=True)),
            ("Policy clause", Unless("decision.policy_clause")),
            ("Details", Unless("decision.reason_details")),
            ("Customer value (internal)", Unless("decision.customer_value")),
            ("Concession", Unless("decision.concession")),
            ("Hardship (internal)", Unless("decision.hardship")),
            ("Internal notes", Unless("decision.internal_notes")),
            ("Complaint", Unless("decision.complaint")),
        ],
    )


def findings_section(doc: DocumentObject) -> None:
    heading(doc, "Tone and content check")
    sentences(
        doc,
        "f",
        "findings",
        ["“{{ f.text }}” — {{ f.category }} ({{ f.severity }}): {{ f.message }}", "Suggestion: {{ f.suggestion }}"],
        "The check found nothing to flag.",
    )
    optional(doc, "tone_settings", "{{ tone_settings }}", color=GREY)


def peer_sections(doc: DocumentObject) -> None:
    letter_section(doc)
    decision_section(doc)
    findings_section(doc)


def legal_sections(doc: DocumentObject) -> None:
    heading(doc, "Amount against threshold")
    labelled(
        doc,
        [
            ("Amount requested", "{{ legal.amount }}"),
            ("Legal threshold", "{{ legal.threshold }}"),
            ("Assessment", "{{ legal.verdict }}"),
        ],
    )
    heading(doc, "Peer approval")
    tag(doc, "if peer_approval")
    text(doc, "{{ peer_approval.summary }}", keep=True)
    text(doc, Mono("SHA-256 {{ peer_approval.sha256 }}"), color=GREY)
    tag(doc, "else")
    text(doc, "No live peer approval in this round.", color=GREY)
    tag(doc, "endif")
    heading(doc, "What changed since the last version a reviewer saw")
    text(doc, "{{ changes.summary }}")
    loop_table(doc, ("Removed", "Added"), "c", "changes.items", ("{{ c.removed }}", "{{ c.added }}"))


def packet(kind: DocumentKind) -> DocumentObject:
    """The peer reviewer's packet, or the lawyer's: each with its own checklist and sign-off."""
    doc = new_document(kind.label, "en-GB")
    packet_header(doc, PACKET_WARNING)
    peer_sections(doc)
    if kind is DocumentKind.LEGAL_REVIEW:
        legal_sections(doc)
        heading(doc, "Liabilities checklist")
        checklist(doc, LIABILITY_CHECKLIST)
        sign_off(doc, "Legal reviewer")
    else:
        heading(doc, "Peer review checklist")
        checklist(doc, PEER_CHECKLIST)
        sign_off(doc, "Peer reviewer")
    return doc


def record_sheet(kind: DocumentKind) -> DocumentObject:
    doc = new_document(kind.label, "en-GB")
    packet_header(doc, RECORD_WARNING)
    heading(doc, "Sending")
    labelled(
        doc,
        [
            ("Letter (Word) SHA-256", Mono("{{ record.final_sha256 }}")),
            ("Letter (PDF/A) SHA-256", Mono("{{ record.final_pdf_sha256 }}")),
            ("Channel", "{{ record.channel }}"),
            ("Sent on", "{{ record.sent_on }}"),
            ("Recorded at", "{{ record.sent_at }}"),
            ("Sent by", "{{ record.sent_by }}"),
            ("Archived at", "{{ record.archived_at }}"),
            ("Follow-up on", "{{ record.follow_up_on }}"),
            ("Complaint and clauses quoted", Unless("decision.complaint")),
        ],
    )
    heading(doc, "Approvals")
    sentences(doc, "a", "approvals", ["{{ a.summary }}", Mono("SHA-256 {{ a.sha256 }}")], "No approvals.")
    heading(doc, "History")
    sentences(doc, "e", "events", ["{{ e.sentence }}"], "Nothing was recorded.")
    return doc


# --- writing ----------------------------------------------------------------------------


def builders() -> list[tuple[DocumentKind, str | None, Callable[[], DocumentObject]]]:
    result: list[tuple[DocumentKind, str | None, Callable[[], DocumentObject]]] = []
    for kind in (DocumentKind.DRAFT, DocumentKind.FINAL):
        result += [(kind, lang, lambda k=kind, lg=lang: letter(k, lg)) for lang in WORDS]
    result += [(kind, None, lambda k=kind: packet(k)) for kind in (DocumentKind.PEER_REVIEW, DocumentKind.LEGAL_REVIEW)]
    result.append((DocumentKind.RECORD, None, lambda: record_sheet(DocumentKind.RECORD)))
    return result


def fixed_zip(raw: bytes) -> bytes:
    """The same archive with every entry dated FIXED_TIME, so output depends on content only."""
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(raw)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info))
    return out.getvalue()


def main() -> None:
    for kind, language, build in builders():
        buffer = BytesIO()
        build().save(buffer)
        raw = fixed_zip(buffer.getvalue())
        validate_template(kind, raw)
        path = HERE / template_name(kind, language or "en")
        path.write_bytes(raw)
        print(f"wrote {path.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
