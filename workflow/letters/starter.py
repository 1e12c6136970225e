"""The starter letter (DOMAIN.md, stage "draft"), written from the decision record.

It follows seed 002's order: thanks, the request, the reasons stated tactfully but
directly, any concession as goodwill that admits no fault, an offer to answer questions,
the hope to serve the customer again. Only the reasons a letter may state are used:
buyer's remorse, hardship and internal notes never reach the text. The author edits it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workflow.letters.decision import Concession, Decision, Reason


@dataclass(frozen=True)
class StarterPhrases:
    """One language's sentences; es, bg and tr address the customer formally (usted, Вие, siz)."""

    thanks: str
    request: str
    request_with_reference: str
    reasons: dict[Reason, str]
    delivery: str
    """Both facts of delivery in one sentence, so a letter giving both says "delivered" once."""
    reason_to_write: str
    refusal: str
    concession: str
    concession_kinds: dict[Concession, str]
    questions: str
    hope: str


PHRASES: dict[str, StarterPhrases] = {
    "en": StarterPhrases(
        thanks="Thank you for your message and for the trust you have placed in {company}.",
        request="We have carefully reviewed your request for a refund of {amount}.",
        request_with_reference=(
            "We have carefully reviewed your request for a refund of {amount} for order {reference}."
        ),
        reasons={
            Reason.DELIVERED_AS_AGREED: "The service was delivered as agreed, in the condition and quality promised.",
            Reason.DELIVERED_ON_TIME: "The service was delivered on the date we agreed.",
            Reason.OUTSIDE_POLICY_WINDOW: (
                "Your request reached us after the period in which our policy allows a refund."
            ),
            Reason.POLICY_CLAUSE: "The policy you agreed to states: \u201c{clause}\u201d",
        },
        delivery="The service was delivered on the date we agreed, in the condition and quality promised.",
        reason_to_write="[The author states the reason here.]",
        refusal="We are therefore unable to offer a refund.",
        concession="As a gesture of goodwill, and without any admission of fault, we would like to offer you {kind}.",
        concession_kinds={
            Concession.FUTURE_DISCOUNT: "a discount of {amount} on your next order",
            Concession.CREDIT: "a credit of {amount} towards a future purchase",
            Concession.PARTIAL_REFUND: "a partial refund of {amount}",
        },
        questions="If you have any questions or comments, please do not hesitate to contact me.",
        hope="Thank you again for your business; we hope to have the opportunity to serve you again.",
    ),
    "es": StarterPhrases(
        thanks="Le agradecemos su mensaje y la confianza depositada en {company}.",
        request="Hemos revisado con atención su solicitud de reembolso de {amount}.",
        request_with_reference=(
            "Hemos revisado con atención su solicitud de reembolso de {amount} del pedido {reference}."
        ),
        reasons={
            Reason.DELIVERED_AS_AGREED: (
                "El servicio se prestó según lo acordado, en las condiciones y con la calidad prometidas."
            ),
            Reason.DELIVERED_ON_TIME: "El servicio se prestó en la fecha acordada.",
            Reason.OUTSIDE_POLICY_WINDOW: (
                "Su solicitud nos llegó fuera del plazo en el que nuestra política permite un reembolso."
            ),
            Reason.POLICY_CLAUSE: "La política que usted aceptó establece: \u00ab{clause}\u00bb",
        },
        delivery="El servicio se prestó en la fecha acordada, en las condiciones y con la calidad prometidas.",
        reason_to_write="[El autor indica aquí el motivo.]",
        refusal="Por ello, no podemos ofrecerle un reembolso.",
        concession=(
            "Como gesto de buena voluntad, y sin que ello suponga reconocimiento de culpa alguna, le ofrecemos {kind}."
        ),
        concession_kinds={
            Concession.FUTURE_DISCOUNT: "un descuento de {amount} en su próximo pedido",
            Concession.CREDIT: "un crédito de {amount} para una próxima compra",
            Concession.PARTIAL_REFUND: "un reembolso parcial de {amount}",
        },
        questions="Si tiene cualquier pregunta o comentario, no dude en ponerse en contacto conmigo.",
        hope="Le agradecemos de nuevo su confianza y esperamos poder atenderle de nuevo.",
    ),
    "bg": StarterPhrases(
        thanks="Благодарим Ви за писмото и за доверието, което гласувахте на {company}.",
        request="Разгледахме внимателно искането Ви за възстановяване на {amount}.",
        request_with_reference=(
            "Разгледахме внимателно искането Ви за възстановяване на {amount} по поръчка {reference}."
        ),
        reasons={
            Reason.DELIVERED_AS_AGREED: (
                "Услугата беше предоставена, както беше договорено, в обещаното състояние и качество."
            ),
            Reason.DELIVERED_ON_TIME: "Услугата беше предоставена на уговорената дата.",
            Reason.OUTSIDE_POLICY_WINDOW: (
                "Искането Ви беше получено след срока, в който нашите условия допускат възстановяване."
            ),
            Reason.POLICY_CLAUSE: "Общите условия, които приехте, гласят: \u201e{clause}\u201c",
        },
        delivery="Услугата беше предоставена на уговорената дата, в обещаното състояние и качество.",
        reason_to_write="[Авторът посочва причината тук.]",
        refusal="Затова не можем да възстановим сумата.",
        concession="Като жест на добра воля и без това да означава признаване на вина, Ви предлагаме {kind}.",
        concession_kinds={
            Concession.FUTURE_DISCOUNT: "отстъпка от {amount} при следващата Ви поръчка",
            Concession.CREDIT: "кредит от {amount} за бъдеща покупка",
            Concession.PARTIAL_REFUND: "частично възстановяване на {amount}",
        },
        questions="Ако имате въпроси или коментари, не се колебайте да се свържете с мен.",
        hope="Благодарим Ви отново и се надяваме да имаме възможност да Ви обслужим отново.",
    ),
    "tr": StarterPhrases(
        thanks="Mesajınız ve {company} firmasına duyduğunuz güven için teşekkür ederiz.",
        request="{amount} tutarındaki iade talebinizi dikkatle inceledik.",
        request_with_reference=(
            "{reference} numaralı sipariş için {amount} tutarındaki iade talebinizi dikkatle inceledik."
        ),
        reasons={
            Reason.DELIVERED_AS_AGREED: "Hizmet, kararlaştırıldığı şekilde ve vaat edilen durum ve kalitede sağlandı.",
            Reason.DELIVERED_ON_TIME: "Hizmet, kararlaştırılan tarihte sağlandı.",
            Reason.OUTSIDE_POLICY_WINDOW: "Talebiniz, politikamızın iadeye izin verdiği sürenin dışında bize ulaştı.",
            Reason.POLICY_CLAUSE: "Kabul ettiğiniz politikada şöyle belirtilmektedir: \u201c{clause}\u201d",
        },
        delivery="Hizmet, kararlaştırılan tarihte ve vaat edilen durum ve kalitede sağlandı.",
        reason_to_write="[Yazar gerekçeyi buraya yazar.]",
        refusal="Bu nedenle iade yapamıyoruz.",
        concession=(
            "İyi niyet göstergesi olarak ve herhangi bir kusur kabulü anlamına gelmeksizin size {kind} sunmak "
            "istiyoruz."
        ),
        concession_kinds={
            Concession.FUTURE_DISCOUNT: "bir sonraki siparişinizde {amount} indirim",
            Concession.CREDIT: "gelecekteki bir alışveriş için {amount} kredi",
            Concession.PARTIAL_REFUND: "{amount} tutarında kısmi iade",
        },
        questions="Herhangi bir sorunuz ya da yorumunuz olursa benimle iletişime geçmekten çekinmeyin.",
        hope="Tekrar teşekkür eder, size yeniden hizmet vermeyi umarız.",
    ),
}


DELIVERY = frozenset({Reason.DELIVERED_AS_AGREED, Reason.DELIVERED_ON_TIME})
"""The two facts of delivery, said in one sentence when a letter gives both."""


def starter_text(
    decision: Decision, *, company_name: str, quoted: Sequence[str] = (), statements: Sequence[str] = ()
) -> str:
    """The letter's body only: the Word templates add the greeting, the sign-off and the
    signature block in the letter's language, so the author never types them twice.
    `quoted` are the approved clauses the decision cites, quoted word for word among the
    reasons; `statements` what the law requires a final refusal to say (the profile's
    approved wording), in a paragraph of its own before the offer to answer questions."""
    phrases = PHRASES[decision.language]
    clauses = [phrases.reasons[Reason.POLICY_CLAUSE].format(clause=text.strip()) for text in quoted]
    paragraphs = [
        phrases.thanks.format(company=company_name.strip()),
        " ".join([_request(decision, phrases), *_reasons(decision, phrases), *clauses, phrases.refusal]),
    ]
    if decision.concession is not Concession.NONE and decision.concession_amount is not None:
        kind = phrases.concession_kinds[decision.concession].format(
            amount=decision.concession_amount.format(decision.language)
        )
        paragraphs.append(phrases.concession.format(kind=kind))
    if statements:
        paragraphs.append(" ".join(statements))
    paragraphs += [phrases.questions, phrases.hope]
    return "\n\n".join(paragraphs) + "\n"


def _request(decision: Decision, phrases: StarterPhrases) -> str:
    amount = decision.amount.format(decision.language)
    reference = decision.order_reference.strip()
    if reference:
        return phrases.request_with_reference.format(amount=amount, reference=reference)
    return phrases.request.format(amount=amount)


def _reasons(decision: Decision, phrases: StarterPhrases) -> list[str]:
    """The stated reasons in the order recorded, each fact said once; "other" is carried by
    the details, or left for the author."""
    both = DELIVERY.issubset(decision.stated_reasons)
    sentences: list[str] = []
    for reason in decision.stated_reasons:
        phrase = phrases.delivery if both and reason in DELIVERY else phrases.reasons.get(reason)
        sentence = phrase.format(clause=decision.policy_clause.strip()) if phrase else ""
        if sentence and sentence not in sentences:
            sentences.append(sentence)
    details = decision.reason_details.strip()
    if details:
        sentences.append(details if details.endswith((".", "!", "?", "…")) else details + ".")
    if not sentences and not decision.clause_keys:
        sentences.append(phrases.reason_to_write)
    return sentences
