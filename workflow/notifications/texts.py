"""What each notice says, in each language a person may choose, and the words around it.

A kind of notice is registered once with its subject and body in all four languages; other
rooms add theirs with `add_notice_kind`. Placeholders: {reference}, {customer}, {amount},
{actor} (who did it), {due}. The greeting, the comment, the due time, the letter's text, the
link and the footer are added around the body by `compose.py`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from workflow.languages import LANGUAGES


@dataclass(frozen=True)
class NoticeText:
    """One notice in one language. `quote_label` names the quoted words (a reviewer's
    comment by default); `with_text` adds the letter's current text for the reader."""

    subject: str
    body: str
    quote_label: str = ""
    with_text: bool = False


@dataclass(frozen=True)
class Frame:
    """The words around every notice in one language."""

    greeting: str
    open_letter: str
    comment: str
    due: str
    letter_text: str
    footer_each: str
    footer_digest: str
    digest_subject: str
    digest_intro: str


FRAMES: dict[str, Frame] = {
    "en": Frame(
        greeting="Hello {name},",
        open_letter="Open the letter: {link}",
        comment="Comment",
        due="Due: {due}",
        letter_text="The letter (version {version})",
        footer_each=(
            "You get an e-mail for each event. To get one daily digest instead, change "
            "it on your account page: {account}"
        ),
        footer_digest=(
            "This is your daily digest. To get an e-mail for each event instead, "
            "change it on your account page: {account}"
        ),
        digest_subject="tactful: daily digest ({count})",
        digest_intro="What happened since your last digest:",
    ),
    "es": Frame(
        greeting="Hola, {name}:",
        open_letter="Abrir la carta: {link}",
        comment="Comentario",
        due="Vence: {due}",
        letter_text="La carta (versión {version})",
        footer_each=(
            "Recibe un correo por cada evento. Para recibir un resumen diario, cámbielo "
            "en la página de su cuenta: {account}"
        ),
        footer_digest=(
            "Este es su resumen diario. Para recibir un correo por cada evento, cámbielo "
            "en la página de su cuenta: {account}"
        ),
        digest_subject="tactful: resumen diario ({count})",
        digest_intro="Lo que ha pasado desde su último resumen:",
    ),
    "bg": Frame(
        greeting="Здравейте, {name},",
        open_letter="Отворете писмото: {link}",
        comment="Коментар",
        due="Срок: {due}",
        letter_text="Писмото (версия {version})",
        footer_each=(
            "Получавате имейл за всяко събитие. За да получавате едно обобщение на ден, "
            "променете това на страницата на профила си: {account}"
        ),
        footer_digest=(
            "Това е дневното ви обобщение. За да получавате имейл за всяко събитие, променете "
            "това на страницата на профила си: {account}"
        ),
        digest_subject="tactful: дневно обобщение ({count})",
        digest_intro="Какво се случи след последното ви обобщение:",
    ),
    "tr": Frame(
        greeting="Merhaba {name},",
        open_letter="Mektubu açın: {link}",
        comment="Yorum",
        due="Son tarih: {due}",
        letter_text="Mektup (sürüm {version})",
        footer_each=(
            "Her olay için bir e-posta alıyorsunuz. Bunun yerine günde bir özet almak için "
            "hesap sayfanızdan değiştirin: {account}"
        ),
        footer_digest=(
            "Bu, günlük özetinizdir. Her olay için bir e-posta almak için hesap sayfanızdan değiştirin: {account}"
        ),
        digest_subject="tactful: günlük özet ({count})",
        digest_intro="Son özetinizden bu yana olanlar:",
    ),
}


NOTICES: dict[str, dict[str, NoticeText]] = {}


def add_notice_kind(kind: str, texts: Mapping[str, NoticeText]) -> None:
    """Register a kind of notice; every language a person may choose must be there."""
    missing = set(LANGUAGES) - set(texts)
    if missing:
        raise ValueError(f"notice {kind!r} has no text in {', '.join(sorted(missing))}")
    if kind in NOTICES:
        raise ValueError(f"two notice kinds are named {kind!r}")
    NOTICES[kind] = dict(texts)


add_notice_kind(
    "peer_review_waiting",
    {
        "en": NoticeText(
            "Peer review: {reference} for {customer}",
            "{actor} sent letter {reference} to {customer} ({amount}) for peer review. "
            "Read it for accuracy, clarity and tone.",
            with_text=True,
        ),
        "es": NoticeText(
            "Revisión de tono: {reference} para {customer}",
            "{actor} ha enviado a revisión la carta {reference} para {customer} ({amount}). "
            "Léala para comprobar la exactitud, la claridad y el tono.",
            with_text=True,
        ),
        "bg": NoticeText(
            "Колегиален преглед: {reference} до {customer}",
            "{actor} изпрати писмо {reference} до {customer} ({amount}) за колегиален преглед. "
            "Прочетете го за точност, яснота и тон.",
            with_text=True,
        ),
        "tr": NoticeText(
            "Meslektaş incelemesi: {customer} için {reference}",
            "{actor}, {customer} için {reference} numaralı mektubu ({amount}) incelemeye gönderdi. "
            "Doğruluk, açıklık ve üslup açısından okuyun.",
            with_text=True,
        ),
    },
)

add_notice_kind(
    "legal_review_waiting",
    {
        "en": NoticeText(
            "Legal review: {reference} for {customer}",
            "Letter {reference} to {customer} ({amount}) is waiting for legal review.",
            with_text=True,
        ),
        "es": NoticeText(
            "Revisión jurídica: {reference} para {customer}",
            "La carta {reference} para {customer} ({amount}) espera la revisión jurídica.",
            with_text=True,
        ),
        "bg": NoticeText(
            "Правен преглед: {reference} до {customer}",
            "Писмо {reference} до {customer} ({amount}) чака правен преглед.",
            with_text=True,
        ),
        "tr": NoticeText(
            "Hukuki inceleme: {customer} için {reference}",
            "{customer} için {reference} numaralı mektup ({amount}) hukuki incelemeyi bekliyor.",
            with_text=True,
        ),
    },
)

add_notice_kind(
    "changes_requested",
    {
        "en": NoticeText(
            "Changes requested: {reference}",
            "{actor} asked for changes to letter {reference} to {customer}. The letter is back in draft.",
        ),
        "es": NoticeText(
            "Cambios solicitados: {reference}",
            "{actor} ha pedido cambios en la carta {reference} para {customer}. La carta vuelve a estar en borrador.",
        ),
        "bg": NoticeText(
            "Поискани промени: {reference}",
            "{actor} поиска промени в писмо {reference} до {customer}. Писмото отново е чернова.",
        ),
        "tr": NoticeText(
            "Değişiklik istendi: {reference}",
            "{actor}, {customer} için {reference} numaralı mektupta değişiklik "
            "istedi. Mektup yeniden taslak durumunda.",
        ),
    },
)

add_notice_kind(
    "letter_approved",
    {
        "en": NoticeText(
            "Approved: {reference}",
            "Letter {reference} to {customer} is approved. Its final letter is ready to send.",
        ),
        "es": NoticeText(
            "Aprobada: {reference}",
            "La carta {reference} para {customer} está aprobada. La versión final está lista para enviarse.",
        ),
        "bg": NoticeText(
            "Одобрено: {reference}",
            "Писмо {reference} до {customer} е одобрено. Окончателното писмо е готово за изпращане.",
        ),
        "tr": NoticeText(
            "Onaylandı: {reference}",
            "{customer} için {reference} numaralı mektup onaylandı. Son hali gönderilmeye hazır.",
        ),
    },
)

add_notice_kind(
    "ready_to_submit",
    {
        "en": NoticeText(
            "Ready to submit: {reference}",
            "The waiting period of letter {reference} to {customer} is over. Re-read it, then submit it for review.",
        ),
        "es": NoticeText(
            "Lista para enviar a revisión: {reference}",
            "Ha terminado el periodo de espera de la carta {reference} para {customer}. Reléala y envíela a revisión.",
        ),
        "bg": NoticeText(
            "Готово за преглед: {reference}",
            "Периодът на изчакване на писмо {reference} до {customer} изтече. "
            "Прочетете го отново и го изпратете за преглед.",
        ),
        "tr": NoticeText(
            "İncelemeye gönderilebilir: {reference}",
            "{customer} için {reference} numaralı mektubun bekleme süresi doldu. "
            "Mektubu yeniden okuyun ve incelemeye gönderin.",
        ),
    },
)

add_notice_kind(
    "handed_back",
    {
        "en": NoticeText(
            "Edited by legal: {reference}",
            "{actor} handed back an edited Word file of letter {reference} to {customer}. "
            "It is a new version, back in draft.",
        ),
        "es": NoticeText(
            "Editada por el equipo jurídico: {reference}",
            "{actor} ha devuelto un archivo de Word editado de la carta {reference} para {customer}. "
            "Es una nueva versión, de nuevo en borrador.",
        ),
        "bg": NoticeText(
            "Редактирано от правния екип: {reference}",
            "{actor} върна редактиран файл на Word за писмо {reference} до {customer}. "
            "Това е нова версия, отново като чернова.",
        ),
        "tr": NoticeText(
            "Hukuk ekibi düzenledi: {reference}",
            "{actor}, {customer} için {reference} numaralı mektubun düzenlenmiş Word dosyasını geri gönderdi. "
            "Bu yeni bir sürüm ve mektup yeniden taslak durumunda.",
        ),
    },
)

add_notice_kind(
    "follow_up_due",
    {
        "en": NoticeText(
            "Follow-up due: {reference}",
            "The follow-up of letter {reference} to {customer} is due today. "
            "Check whether the customer answered and what happens next.",
        ),
        "es": NoticeText(
            "Seguimiento pendiente: {reference}",
            "Hoy vence el seguimiento de la carta {reference} para {customer}. "
            "Compruebe si el cliente ha respondido y qué se hace a continuación.",
        ),
        "bg": NoticeText(
            "Проследяване: {reference}",
            "Днес е срокът за проследяване на писмо {reference} до {customer}. "
            "Проверете дали клиентът е отговорил и какво следва.",
        ),
        "tr": NoticeText(
            "Takip zamanı: {reference}",
            "{customer} için {reference} numaralı mektubun takibi bugün. "
            "Müşterinin yanıt verip vermediğini ve sonraki adımı kontrol edin.",
        ),
    },
)

add_notice_kind(
    "letter_email_refused",
    {
        "en": NoticeText(
            "Not sent: {reference}",
            "The mail server refused the e-mail of letter {reference} to {customer}. The letter is still approved "
            "and was not sent: check the customer's address, or send it another way.",
            quote_label="The mail server answered",
        ),
        "es": NoticeText(
            "No enviada: {reference}",
            "El servidor de correo rechazó el correo de la carta {reference} para {customer}. La carta sigue "
            "aprobada y no se ha enviado: compruebe la dirección del cliente o envíela de otra forma.",
            quote_label="Respuesta del servidor de correo",
        ),
        "bg": NoticeText(
            "Неизпратено: {reference}",
            "Пощенският сървър отказа имейла с писмо {reference} до {customer}. Писмото остава одобрено "
            "и не е изпратено: проверете адреса на клиента или го изпратете по друг начин.",
            quote_label="Отговор на пощенския сървър",
        ),
        "tr": NoticeText(
            "Gönderilemedi: {reference}",
            "E-posta sunucusu, {customer} için {reference} numaralı mektubun e-postasını reddetti. Mektup hâlâ "
            "onaylı ve gönderilmedi: müşterinin adresini kontrol edin veya mektubu başka bir yolla gönderin.",
            quote_label="E-posta sunucusunun yanıtı",
        ),
    },
)
