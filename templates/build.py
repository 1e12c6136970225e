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
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workflow.documents.kinds import DocumentKind, template_name  # noqa: E402
from workflow.documents.upload import BODY_BOOKMARK  # noqa: E402
from workflow.documents.validate import validate_template  # noqa: E402

HERE = Path(__file__).resolve().parent
FIXED_TIME = datetime(2026, 1, 1, tzinfo=UTC)
GREY = RGBColor(0x59, 0x59, 0x59)
RED = RGBColor(0xC0, 0x00, 0x00)


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


def text(
    doc_or_cell,
    content: str = "",
    *,
    bold: bool = False,
    size: float | None = None,
    color: RGBColor | None = None,
    align: WD_ALIGN_PARAGRAPH | None = None,
) -> Paragraph:
    """A paragraph of one run. Runs holding fields keep their spaces (xml:space=preserve),
    so text that starts or ends with spaces comes out as written."""
    paragraph = doc_or_cell.add_paragraph()
    run = paragraph.add_run(content)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    if color is not None:
        run.font.color.rgb = color
    if align is not None:
        paragraph.alignment = align
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
    doc.add_heading(content, level=level)


def labelled(doc, rows: Sequence[tuple[str, str]]) -> None:
    """A two-column table of label and value."""
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(label).bold = True
        cells[1].paragraphs[0].add_run(value)


def loop_table(doc, headers: Sequence[str], item: str, items: str, cells: Sequence[str], empty: str) -> None:
    """A table with one row per item (docxtpl {%tr for %}), or a sentence when there are none."""
    table = doc.add_table(rows=4, cols=len(headers))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.paragraphs[0].add_run(header).bold = True
    table.rows[1].cells[0].text = f"{{%tr for {item} in {items} %}}"
    for cell, content in zip(table.rows[2].cells, cells, strict=True):
        cell.text = content
    table.rows[3].cells[0].text = "{%tr endfor %}"
    optional(doc, f"not {items}", empty, color=GREY)


def checklist(doc, items: Sequence[str]) -> None:
    for item in items:
        text(doc, f"☐  {item}")


def sign_off(doc, role: str) -> None:
    text(doc)
    text(doc, f"{role}: ______________________   Date: ____________   Signature: ______________________")


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
    bookmark_body(text(doc, "{{ letter.body }}"))


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
<v:fill opacity=".5"/><v:textpath style="font-family:&quot;Calibri&quot;;font-size:1pt" string="{text}"/>
</v:shape></w:pict></w:r>"""


def watermark(doc: DocumentObject, words: str) -> None:
    """Word's own diagonal watermark behind every page, plus a red line in the header that
    survives any viewer that does not draw VML shapes."""
    header = doc.sections[0].header
    paragraph = header.paragraphs[0]
    paragraph._p.append(parse_xml(WATERMARK.replace("{text}", words)))
    paragraph.add_run(words).bold = True
    paragraph.runs[-1].font.color.rgb = RED
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def footer(doc: DocumentObject, content: str) -> None:
    paragraph = doc.sections[0].footer.paragraphs[0]
    run = paragraph.add_run(content)
    run.font.size = Pt(8)
    run.font.color.rgb = GREY


def new_document(title: str, locale: str) -> DocumentObject:
    doc = Document()
    props = doc.core_properties
    props.title, props.author, props.last_modified_by, props.comments = title, "tactful", "tactful", ""
    props.created = props.modified = FIXED_TIME
    props.revision = 1
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
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
            f"{words.draft} · {{{{ letter.reference }}}} · {words.version} {{{{ document.version }}}}"
            " · SHA-256 {{ document.sha256 }}",
        )
    else:
        footer(doc, "{{ company.name }} · {{ letter.reference }}")
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
    text(doc, "{{ letter.greeting }}")
    letter_body(doc)
    text(doc, words.closing)
    tag(doc, "if signer.signature")
    text(doc, "{{ signer.signature }}")
    tag(doc, "endif")
    text(doc, "{{ signer.name }}", bold=True)
    optional(doc, "signer.title", "{{ signer.title }}")
    text(doc, "{{ company.name }}")
    optional(doc, "signer.email", f"{words.email}: {{{{ signer.email }}}}")
    optional(doc, "signer.phone", f"{words.phone}: {{{{ signer.phone }}}}")
    return doc


# --- reviewer packets and the record sheet (English, holding the letter's own text) -----


def packet_header(doc: DocumentObject) -> None:
    footer(
        doc,
        "INTERNAL · {{ document.title }} · {{ letter.reference }} · version {{ document.version }}"
        " · SHA-256 {{ document.sha256 }}",
    )
    doc.add_heading("{{ document.title }}: {{ letter.reference }}", level=0)
    text(
        doc,
        "INTERNAL — for reviewers only. Nothing in this packet but the letter itself goes to the customer.",
        bold=True,
        color=RED,
    )
    labelled(
        doc,
        [
            ("Customer", "{{ letter.customer_name }}"),
            ("Amount requested", "{{ legal.amount }}"),
            ("Letter language", "{{ letter.language_name }}"),
            ("State", "{{ decision.state }} (review round {{ decision.review_round }})"),
            ("Author", "{{ decision.author }}"),
            ("Version", "{{ document.version }}, SHA-256 {{ document.sha256 }}"),
            ("Prepared on", "{{ document.generated_on }}"),
        ],
    )


def letter_section(doc: DocumentObject) -> None:
    heading(doc, "The letter (version {{ document.version }}, {{ letter.language_name }})")
    text(doc, "To: {{ letter.customer_name }}", bold=True)
    text(doc, "{{ letter.postal_address }}")
    text(doc, "Order: {{ letter.order_reference }}")
    text(doc)
    letter_body(doc)


def decision_section(doc: DocumentObject) -> None:
    heading(doc, "Decision record — INTERNAL, never in the letter")
    labelled(
        doc,
        [
            ("Customer's reason", "{{ decision.customer_reason }}"),
            ("Reasons the letter states", "{{ decision.stated_reasons | join('; ') }}"),
            ("Internal reasons", "{{ decision.internal_reasons | join('; ') }}"),
            ("Policy clause", "{{ decision.policy_clause }}"),
            ("Details", "{{ decision.reason_details }}"),
            ("Customer value (internal)", "{{ decision.customer_value }}"),
            ("Concession", "{{ decision.concession }}"),
            ("Hardship (internal)", "{{ decision.hardship }}"),
            ("Internal notes", "{{ decision.internal_notes }}"),
        ],
    )


def findings_section(doc: DocumentObject) -> None:
    heading(doc, "Tone and content check")
    loop_table(
        doc,
        ("Category", "Severity", "Words", "Why", "Suggestion"),
        "f",
        "findings",
        ("{{ f.category }}", "{{ f.severity }}", "{{ f.text }}", "{{ f.message }}", "{{ f.suggestion }}"),
        "The check found nothing to flag.",
    )
    optional(doc, "tone_settings", "{{ tone_settings }}", color=GREY)


def peer_sections(doc: DocumentObject) -> None:
    letter_section(doc)
    decision_section(doc)
    findings_section(doc)
    heading(doc, "Peer review checklist")
    checklist(doc, PEER_CHECKLIST)


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
    text(
        doc,
        "{{ peer_approval.decision }} by {{ peer_approval.reviewer }} on {{ peer_approval.at }}"
        " (version {{ peer_approval.version }})",
    )
    text(doc, "Comment: {{ peer_approval.comment }}")
    tag(doc, "else")
    text(doc, "No live peer approval in this round.", color=GREY)
    tag(doc, "endif")
    heading(doc, "What changed since the last version a reviewer saw")
    text(doc, "{{ changes.summary }}")
    loop_table(
        doc, ("Removed", "Added"), "c", "changes.items", ("{{ c.removed }}", "{{ c.added }}"), "Nothing to show."
    )
    heading(doc, "Liabilities checklist")
    checklist(doc, LIABILITY_CHECKLIST)


def packet(kind: DocumentKind) -> DocumentObject:
    doc = new_document(kind.label, "en-GB")
    packet_header(doc)
    peer_sections(doc)
    if kind is DocumentKind.LEGAL_REVIEW:
        legal_sections(doc)
    sign_off(doc, "Peer reviewer")
    if kind is DocumentKind.LEGAL_REVIEW:
        sign_off(doc, "Legal reviewer")
    return doc


def record_sheet(kind: DocumentKind) -> DocumentObject:
    doc = new_document(kind.label, "en-GB")
    packet_header(doc)
    heading(doc, "Sending")
    labelled(
        doc,
        [
            ("Final letter SHA-256", "{{ record.final_sha256 }}"),
            ("Channel", "{{ record.channel }}"),
            ("Sent on", "{{ record.sent_on }}"),
            ("Recorded at", "{{ record.sent_at }}"),
            ("Sent by", "{{ record.sent_by }}"),
            ("Archived at", "{{ record.archived_at }}"),
            ("Follow-up on", "{{ record.follow_up_on }}"),
        ],
    )
    heading(doc, "Approvals")
    loop_table(
        doc,
        ("Stage", "Reviewer", "When", "Version", "SHA-256", "Comment"),
        "a",
        "approvals",
        ("{{ a.stage }}", "{{ a.reviewer }}", "{{ a.at }}", "{{ a.version }}", "{{ a.sha256 }}", "{{ a.comment }}"),
        "No approvals.",
    )
    heading(doc, "Audit events")
    loop_table(
        doc,
        ("#", "When", "Who", "Action", "From → to", "Version", "Comment"),
        "e",
        "events",
        (
            "{{ e.seq }}",
            "{{ e.at }}",
            "{{ e.actor }}",
            "{{ e.action }} ({{ e.outcome }})",
            "{{ e.from_state }} → {{ e.to_state }}",
            "{{ e.version }}",
            "{{ e.comment }}",
        ),
        "No events.",
    )
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
