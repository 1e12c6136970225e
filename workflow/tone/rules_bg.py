"""Bulgarian: a refusal letter written with the polite capitalised "Вие", "Ви", "Ваш"."""

from __future__ import annotations

from functools import partial

from workflow.tone.letter_checks import any_match
from workflow.tone.lexicon import Lexicon, phrase, preceded_by

_rule = partial(phrase, "bg")
_NEGATED = preceded_by(r"\bне|\bняма|\bбез|\bнито|\bникога|\bникаква|\bникакъв")
_CONDITIONAL = preceded_by(r"\bако|\bкогато|\bв случай че", 1)
_YOUR = r"ваш(?:ия|ият|ата|ето|ите|а|е|и)?"

PHRASES = (
    _rule(
        "condescension",
        "ochevidno",
        # Not about the writers themselves ("Явно сме объркали датата" admits a slip).
        r"\b(?:очевидно|явно)\b(?! (?:сме|сам|ние)\b| \w+хме\b)|\bизлишно е да (?:казваме|казвам|споменаваме)\b",
        "Tells the customer they missed something obvious.",
        "Посочете факта без наречието.",
    ),
    _rule(
        "condescension",
        "triabva_da_znaete",
        r"\bкакто (?:би )?(?:трябва|трябваше|би трябвало) да (?:знаете|сте наясно|помните|сте прочели)\b"
        r"|\bтрябваше да знаете\b|\bследващия път (?:може би )?(?:ще )?прочетете\b|\bдребния шрифт\b",
        "Lectures the customer about what they ought to know.",
        "Съгласно нашите общи условия …",
    ),
    _rule(
        "condescension",
        "ne_ste_prochetli",
        r"\b(?:изобщо )?не сте (?:прочели|прочели внимателно|разбрали)\b"
        r"|\bако си бяхте (?:направили труда|дали труда)\b|\bако бяхте (?:прочели|чели)\b",
        "Accuses the customer of not reading, which they will take as an insult.",
        "Точка … от подписания от Вас договор гласи: …",
    ),
    _rule(
        "condescension",
        "veche_obiasnihme",
        r"\bкакто (?:вече )?(?:ви |вие )?(?:обяснихме|казахме|посочихме|сме обяснили)(?: ви)?"
        r" (?:няколко|много|неколкократно|многократно) (?:пъти)?"
        r"|\bкакто вече (?:ви )?(?:обяснихме|казахме|сме обяснили)\b|\bза (?:последен|пореден) път\b",
        "Reminds the customer, impatiently, that they were told before.",
        "Както посочихме в писмото си от …,",
    ),
    _rule(
        "condescension",
        "razumen_chovek",
        r"\bвсеки (?:разумен|нормален|здравомислещ) (?:човек|клиент)\b|\bздрав разум\b|\bвсеки (?:би разбрал|знае)\b",
        "Compares the customer unfavourably with a 'reasonable person'.",
        "Посочете факта и доказателствата.",
    ),
    _rule(
        "condescension",
        "triabva_da_razberete",
        r"\b(?:трябва|следва) да (?:разберете|проумеете|приемете)\b",
        "Orders the customer to understand instead of explaining.",
        "Надяваме се, че това обяснява решението ни.",
    ),
    _rule(
        "sarcasm",
        "tarpenie",
        r"\bблагодарим(?: ви)? за (?:безкрайното|огромното|неизчерпаемото|невероятното) "
        r"(?:ви )?(?:търпение|разбиране)\b"
        r"|\bблагодарим(?: ви)? за (?:търпението|разбирането)(?: ви)?(?:\.\.\.|…|!!)",
        "Thanks that read as irony.",
        "Благодарим Ви за търпението, докато разглеждахме искането Ви.",
    ),
    _rule(
        "sarcasm",
        "kavichki",
        r"\"(?:проблем(?:а|ът|и)?|оплакван(?:е|ето|ия)|дефект(?:а|ът|и)?|спешност(?:та)?|спешен|причин(?:а|ата|и)"
        r"|повред(?:а|ата|и)|грешк(?:а|ата|и)|качество(?:то)?|неизправност(?:та)?)\"",
        "Quotation marks around the customer's own words mock them.",
        "Използвайте думите без кавички.",
    ),
    _rule(
        "sarcasm",
        "tak_narechen",
        r"\bтака (?:наречен(?:ия|ият|ата|ото|ите|а|о|и)?)\b|\bуж(?:ким)?\b|\bмним(?:ия|ият|ата|ото|ите|а|о|и)?\b",
        "Casts doubt on the customer's account with a sneer.",
        "Опишете случилото се с дати.",
    ),
    _rule(
        "sarcasm",
        "dobar_opit",
        r"\bдобър опит\b|\bхубав опит\b|\bблагодарим за нищо\b",
        "Mocks the customer's request.",
        "Премахнете го.",
    ),
    _rule(
        "sarcasm",
        "vizhdate_taka",
        r"\bсъжаляваме, че (?:го )?(?:виждате|възприемате|чувствате)(?: нещата)? (?:по този начин|така)\b",
        "A non-apology that blames the customer's feelings.",
        "Разбираме, че отговорът ни Ви разочарова.",
    ),
    _rule(
        "sarcasm",
        "kolko_udobno",
        r"\bколко (?:удобно|интересно|изненадващо)\b|\bкакво съвпадение\b|\bкаква изненада\b|\bкуриозно\b"
        r"|\bблагодарим(?: ви)? за (?:отзива|оценката|коментара) с една звезда\b",
        "Ironic surprise insinuates the customer is lying.",
        "Посочете датите и оставете тях да говорят.",
    ),
    _rule(
        "blame",
        "vinata_e_vasha",
        r"\b(?:вината|отговорността) (?:беше |е )(?:изцяло |само )?(?:ваша|на клиента)\b"
        r"|\bваша (?:беше|е) (?:вината|отговорността)\b"
        rf"|\b(?:по )?{_YOUR} вина\b|\bзаради вас\b|\bвие сте виновн(?:и|а|ият)\b",
        "Blames the customer outright.",
        "Посочете фактите, без да търсите виновен.",
        unless_before=_NEGATED,
    ),
    _rule(
        "blame",
        "ne_uspiahte",
        r"\b(?:вие )?не успяхте да\b|\b(?:вие )?не (?:спазихте|прочетохте|уведомихте|откажахте|последвахте|върнахте)\b",
        "Makes the customer's omission the reason for the refusal.",
        "Според записите ни отказът е получен на …",
    ),
    _rule(
        "blame",
        "vashata_nebrezhnost",
        rf"\b(?:{_YOUR} )?(?:небрежност|невнимание|неправилна употреба|грешка) (?:от )?(?:ваша страна)\b"
        rf"|\b{_YOUR} (?:небрежност|невнимание|грешка|неправилна употреба)\b|\bпоради ваша грешка\b",
        "Puts the fault on the customer.",
        "Опишете случилото се, без да посочвате виновен.",
        unless_before=_NEGATED,
    ),
    _rule(
        "blame",
        "triabvashe_da",
        r"\b(?:вие )?трябваше да (?:се свържете|откажете|прочетете|проверите|уведомите|върнете|ни информирате|ни пишете"
        r"|се обадите|спазите|попитате)\b",
        "Tells the customer what they should have done.",
        "Условията позволяват отказ до …",
    ),
    _rule(
        "blame",
        "prenebregnahte",
        r"\b(?:вие )?(?:пренебрегнахте|игнорирахте|повредихте|счупихте|използвахте неправилно|разбрахте погрешно)\b",
        "Accuses the customer of misconduct.",
        "Посочете какво пише в инструкциите.",
    ),
    _rule(
        "buyers_remorse",
        "promenili_reshenieto",
        r"\b(?:сте )?промени(?:ли|хте) (?:решението|мнението) си\b|\bразмисли(?:ли|хте)\b|\bсте се отказали\b",
        "Buyer's remorse is an internal reason; the customer must never read it.",
        "Посочете причините: доставка, дати, условия.",
        unless_before=_CONDITIONAL,
    ),
    _rule(
        "buyers_remorse",
        "ugrizenia",
        r"\bугризения на купувача\b|\bсъжалявате за покупката\b|\bсъжалявате, че сте (?:купили|закупили|поръчали)\b",
        "Tells the customer their real reason is remorse; an internal reason, never written.",
        "Посочете причините: доставка, дати, условия.",
    ),
    _rule(
        "buyers_remorse",
        "veche_ne_iskate",
        r"\b(?:вече )?не (?:искате|желаете|харесвате)(?: вече)? "
        r"(?:курса|продукта|услугата|стоката|поръчката|абонамента)\b"
        r"|\bвече не (?:искате|желаете|Ви трябва|ви трябва)\b",
        "Tells the customer their real reason is remorse; an internal reason, never written.",
        "Посочете причините: доставка, дати, условия.",
        unless_before=_CONDITIONAL,
    ),
    _rule(
        "liability_admission",
        "priznavame",
        r"\bпризнаваме\b|\bпризнавам\b",
        "An admission in writing can be used against the business.",
        "Разбираме загрижеността Ви.",
        unless_before=_NEGATED,
    ),
    _rule(
        "liability_admission",
        "nashata_nebrezhnost",
        r"\b(?:нашата|наша) (?:небрежност|вина|грешка)\b"
        r"|\b(?:вината|грешката|отговорността) (?:[\w ]{0,30} )?(?:е|беше) (?:изцяло |само |напълно )?наша\b",
        "Admits fault or negligence in a permanent record.",
        "Опишете случилото се с факти.",
        unless_before=_NEGATED,
    ),
    _rule(
        "liability_admission",
        "garantirame",
        r"\bгарантираме\b|\bгарантирам\b",
        "A guarantee is a legal promise the business may not be able to keep.",
        "Ще направим всичко възможно …",
        unless_before=_NEGATED,
    ),
    _rule(
        "liability_admission",
        "poemame_otgovornost",
        r"\b(?:поемаме|поемам|носим|приемаме) (?:пълна |цялата |изцяло )?(?:отговорност|вина(?:та)?)\b",
        "Accepts legal responsibility in writing.",
        "Премахнете го или поискайте правен преглед.",
        unless_before=_NEGATED,
    ),
    _rule(
        "liability_admission",
        "dopusnahme_greshka",
        r"\b(?:допуснахме|направихме) (?:грешка|пропуск)\b|\bсбъркахме\b|\bбяхме небрежни\b",
        "Admits a mistake in a letter that refuses a refund.",
        "Опишете случилото се с факти.",
        unless_before=_NEGATED,
    ),
    _rule(
        "threat",
        "sadebni_deistvia",
        r"\b(?:ще )?(?:предприемем|заведем|започнем) (?:съдебни|правни) (?:действия|дело|стъпки)\b|\bще (?:ви )?съдим\b"
        r"|\bще (?:ви )?дадем под съд\b|\bсъдебен иск\b"
        r"|\b(?:ще )?(?:отнесем|предадем) (?:въпроса|случая|спора) (?:до|в|на) съд(?:а)?\b",
        "Threatens the customer; the letter becomes evidence of hostility.",
        "Ако не сте съгласни, можете да се обърнете към …",
        unless_before=_NEGATED,
    ),
    _rule(
        "threat",
        "kolektorska",
        r"\bколекторск(?:а|ата|и|ите) (?:агенция|фирма|агенции|фирми)\b|\bколектори\b",
        "Threatens collections.",
        "Посочете сумата и начина на плащане.",
    ),
    _rule(
        "threat",
        "shte_saljavate",
        r"\bще съжалявате\b|\bще (?:ви )?накараме да съжалявате\b",
        "An open threat.",
        "Премахнете го.",
    ),
    _rule(
        "threat",
        "advokati",
        r"\bнашите (?:адвокати|юристи)\b(?:[\w ]{0,20})\bще\b"
        r"|\bнашият (?:адвокат|юрист|правен отдел)\b(?:[\w ]{0,20})\bще\b"
        r"|\bще [\w ]{0,25}\bот нашите (?:адвокати|юристи)\b",
        "Threatens the customer with lawyers.",
        "Премахнете го.",
    ),
    _rule(
        "threat",
        "nyama_da_imame_izbor",
        r"\bняма да имаме (?:друг )?избор\b|\bще бъдем принудени\b|\bще има последствия\b",
        "A veiled threat.",
        "Премахнете го.",
    ),
)

LEXICON = Lexicon(
    language="bg",
    dictionary="bg_BG",
    phrases=PHRASES,
    thanks=any_match(r"\bблагодар", r"\bпризнателни\b"),
    availability=any_match(
        r"\b(?:допълнителни|други|още|някакви|възникнали|възникнат) въпроси\b",
        r"\bако има(?:те|ш) (?:\w+ )?въпрос\w*",
        r"\bпри (?:\w+ )?въпроси\b",
        r"\bна телефон\b",
        r"\bотговорете на\b",
        r"\bизпратете (?:ги|ни|ми)\b",
        r"\bпиши(?:те)? (?:ни|ми)\b",
        r"\bна (?:ваше |вашето )?разположение\b",
        r"\bне се колебайте\b",
        r"\bсвържете се\b",
        r"\bда се свържете\b",
        r"\bобадете\b",
        r"\bпишете ни\b",
        r"\bда ни пишете\b",
        r"\bда обсъдим\b",
        r"\bще (?:отговоря|отговорим) на\b",
        r"\bнасреща сме\b",
        r"\bс удоволствие ще (?:отговор|обясн|помогн)\w*",
    ),
    refusal=any_match(
        r"\bне можем да (?:ви )?(?:предложим|възстановим|върнем|приемем|одобрим|уважим|изплатим)\b",
        r"\bвъзстановяване(?:то)? не е възможно\b",
        r"\bсумата не (?:може да бъде|се) (?:възстановена|възстановява|върната)\b",
        r"\bсме принудени да откажем\b",
        r"\bотказваме\b",
    ),
    reasons=any_match(
        r"\bзащото\b",
        r"\bтъй като\b",
        r"\bпонеже\b",
        r"\bслед като\b",
        r"\b\d{1,2} (?:януари|февруари|март|април|май|юни|юли|август|септември|октомври|ноември|декември)\b",
        r"\b\d+ (?:дни|дена|часа|седмици|месеца)\b",
        r"\bпоради\b",
        r"\bзатова\b",
        r"\bпо тази причина\b",
        r"\bсъгласно\b",
        r"\bсъобразно\b",
        r"\bспоред\b",
        r"\b(?:договор\w*|условия\w*|клауза\w*|точка|т\.|правила\w*|политика\w*)\b",
        r"\b(?:доставен\w*|изпълнен\w*|предоставен\w*|проведе\w*|навреме|както (?:беше )?(?:уговорено|договорено))\b",
        r"\bсрок\w*\b",
    ),
    concession=any_match(
        r"\bотстъпка\b",
        r"\bваучер\b",
        r"\bчастично възстановяване\b",
        r"\bкредит\b",
    ),
    goodwill=any_match(r"\bдобра воля\b", r"\bжест\b", r"\bлюбезност\b"),
    no_fault=any_match(
        r"\bбез (?:това )?да (?:означава|признаваме|приемаме|предполага) (?:\w+ )?(?:вина|отговорност|признаване)",
        r"\bне (?:е|означава|представлява) (?:признание|признаване|поемане) (?:на|за) (?:вина|отговорност)",
        r"\bбез признаване на (?:вина|отговорност)",
    ),
    letter_suggestions={
        "missing_thanks": "Благодарим Ви за писмото и за доверието.",
        "missing_availability": "Ако имате въпроси, не се колебайте да се свържете с мен.",
        "missing_reasons": "Услугата беше предоставена на … както е договорено, затова …",
        "concession_not_goodwill": "Като жест на добра воля и без това да означава признаване на вина, Ви предлагаме …",
        "long_sentence": "Разделете го на две или три изречения, по един факт във всяко.",
    },
    acronyms=frozenset(
        [
            "ДДС",
            "ЕИК",
            "ЕГН",
            "БУЛСТАТ",
            "ООД",
            "ЕООД",
            "АД",
            "ЕАД",
            "ЕТ",
            "ЕС",
            "БНБ",
            "НАП",
            "КЗП",
            "ЛВ",
            "ЛЕВА",
            "PDF",
            "ID",
            "IBAN",
            "SWIFT",
            "BIC",
            "EUR",
            "BGN",
            "USB",
            "HDMI",
            "SMS",
            "GPS",
            "ТВ",
            "ПИН",
            "ГД",
            "ЕООД",
        ]
    ),
    shout_words=frozenset(
        [
            "не",
            "няма",
            "никога",
            "ще",
            "да",
            "всички",
            "само",
            "сега",
            "вече",
            "моля",
            "нищо",
            "никакви",
            "никакво",
            "нашите",
            "вие",
            "ви",
        ]
    ),
    long_sentence_words=42,
    spelling_ignore=frozenset({"жо", "лв", "колекторска", "колекторски", "колекторската", "имейл", "имейла", "имейли"}),
)
