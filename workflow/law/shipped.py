"""The profiles tactful ships, as version 1 of each (an administrator's change makes version
2 and on; `library.py`). Wording and deadlines checked against the texts in force:

- FCA Handbook DISP 1.6.2R (eight weeks), DISP 1.6.2AR (payment services: 15 business days,
  35 with a holding reply), DISP 1.6.2R(1)(f)-(h) (ombudsman, website, waiver wording) and
  DISP 1 Annex 3R (1) (the firm does not consent to waive the six-month time limit):
  https://www.handbook.fca.org.uk/handbook/DISP/1/6.html,
  https://www.handbook.fca.org.uk/handbook/DISP/1/Annex3.html
- Directive 2013/11/EU art. 13(1) and (3): the ADR entity, its website, whether the trader
  will use it, on paper or another durable medium: https://eur-lex.europa.eu/eli/dir/2013/11/oj
- 12 CFR 1005.11(c)(1)-(2) (10 business days; 45 days with provisional credit) and (d)(1)
  (the right to request the documents relied on):
  https://www.ecfr.gov/current/title-12/chapter-X/part-1005/subpart-A/section-1005.11

The English of the six-month limit is DISP 1 Annex 3R (1) word for word; the other languages
say the same in their own words, with the key facts each must keep.
"""

from __future__ import annotations

from typing import Any

from workflow.law.profiles import COMPANY_COUNTRY, Profile, profile_from
from workflow.letters.decision import NO_PROFILE

DISP_1_6 = "FCA Handbook DISP 1.6.2R, https://www.handbook.fca.org.uk/handbook/DISP/1/6.html"
DISP_ANNEX_3 = "FCA Handbook DISP 1 Annex 3R (1), https://www.handbook.fca.org.uk/handbook/DISP/1/Annex3.html"
ADR_ART_13 = "Directive 2013/11/EU art. 13(1) and (3), https://eur-lex.europa.eu/eli/dir/2013/11/oj"
REG_E = "12 CFR 1005.11, https://www.ecfr.gov/current/title-12/chapter-X/part-1005/subpart-A/section-1005.11"

FOS_REFERRAL: dict[str, Any] = {
    "key": "ombudsman",
    "label": "The Financial Ombudsman Service and its website",
    "source": "DISP 1.6.2R(1)(f)-(g)",
    "wording": {
        "en": (
            "If you remain dissatisfied, you may refer your complaint to the Financial Ombudsman Service, "
            "Exchange Tower, London E14 9SR. You will find more information on its website: "
            "www.financial-ombudsman.org.uk."
        ),
        "es": (
            "Si sigue sin estar conforme, puede llevar su reclamación al Financial Ombudsman Service, el "
            "defensor del cliente financiero del Reino Unido (Exchange Tower, London E14 9SR). Encontrará más "
            "información en su sitio web: www.financial-ombudsman.org.uk."
        ),
        "bg": (
            "Ако все още не сте удовлетворени, можете да се обърнете с жалбата си към Financial Ombudsman "
            "Service, финансовия омбудсман на Обединеното кралство (Exchange Tower, London E14 9SR). Повече "
            "информация ще намерите на уебсайта му: www.financial-ombudsman.org.uk."
        ),
        "tr": (
            "Hâlâ memnun kalmadıysanız şikâyetinizi Birleşik Krallık'ın finansal ombudsmanlık kurumu "
            "Financial Ombudsman Service'e (Exchange Tower, London E14 9SR) taşıyabilirsiniz. Daha fazla "
            "bilgiyi kurumun internet sitesinde bulabilirsiniz: www.financial-ombudsman.org.uk."
        ),
    },
    "facts": {
        language: ["Financial Ombudsman Service", "financial-ombudsman.org.uk"] for language in ("en", "es", "bg", "tr")
    },
}

SIX_MONTHS: dict[str, Any] = {
    "key": "time_limit",
    "label": "The six-month time limit, in the wording of DISP 1 Annex 3R",
    "source": "DISP 1.6.2R(1)(h), DISP 1 Annex 3R (1)",
    "wording": {
        "en": (
            "You have the right to refer your complaint to the Financial Ombudsman Service, free of charge – but "
            "you must do so within six months of the date of this letter. If you do not refer your complaint in "
            "time, the Ombudsman will not have our permission to consider your complaint and so will only be able "
            "to do so in very limited circumstances. For example, if the Ombudsman believes that the delay was as "
            "a result of exceptional circumstances."
        ),
        "es": (
            "Tiene derecho a llevar su reclamación al Financial Ombudsman Service sin coste alguno, pero debe "
            "hacerlo en un plazo de seis meses a partir de la fecha de esta carta. Si no lo hace a tiempo, el "
            "Defensor no tendrá nuestro permiso para examinar su reclamación y solo podrá hacerlo en casos muy "
            "limitados, por ejemplo, si considera que el retraso se debió a circunstancias excepcionales."
        ),
        "bg": (
            "Имате право да се обърнете безплатно към Financial Ombudsman Service, но трябва да го направите в "
            "срок от шест месеца от датата на това писмо. Ако не го направите навреме, омбудсманът няма да има "
            "нашето съгласие да разгледа жалбата Ви и ще може да го направи само в много ограничени случаи, "
            "например ако прецени, че закъснението се дължи на изключителни обстоятелства."
        ),
        "tr": (
            "Şikâyetinizi Financial Ombudsman Service'e ücretsiz olarak iletme hakkınız vardır; ancak bunu bu "
            "mektubun tarihinden itibaren altı ay içinde yapmalısınız. Süresinde iletmezseniz Ombudsman'ın "
            "şikâyetinizi incelemesine iznimiz olmayacak; Ombudsman şikâyetinizi ancak çok sınırlı durumlarda, "
            "örneğin gecikmenin olağanüstü koşullardan kaynaklandığına kanaat getirirse inceleyebilecektir."
        ),
    },
    "facts": {
        "en": ["within six months of the date of this letter", "will not have our permission"],
        "es": ["seis meses a partir de la fecha de esta carta", "no tendrá nuestro permiso"],
        "bg": ["шест месеца от датата на това писмо", "няма да има нашето съгласие"],
        "tr": ["mektubun tarihinden itibaren altı ay içinde", "iznimiz olmayacak"],
    },
}

ADR_ENTITY: dict[str, Any] = {
    "key": "adr_entity",
    "label": "The ADR entity and its website",
    "source": "Directive 2013/11/EU art. 13(1), (3)",
    "wording": {
        "en": (
            "If we cannot settle this matter between us, the alternative dispute resolution entity that covers "
            "our business is {entity_name} ({entity_website})."
        ),
        "es": (
            "Si no logramos resolver este asunto entre nosotros, la entidad de resolución alternativa de litigios "
            "competente para nuestra empresa es {entity_name} ({entity_website})."
        ),
        "bg": (
            "Ако не успеем да уредим въпроса помежду си, органът за алтернативно решаване на спорове, в чийто "
            "обхват попада нашата дейност, е {entity_name} ({entity_website})."
        ),
        "tr": (
            "Bu konuyu aramızda çözemezsek işletmemizin bağlı olduğu alternatif uyuşmazlık çözüm kuruluşu "
            "{entity_name} kuruluşudur ({entity_website})."
        ),
    },
    "facts": {language: ["{entity_name}", "{entity_website}"] for language in ("en", "es", "bg", "tr")},
}

ADR_PARTICIPATION: dict[str, Any] = {
    "key": "adr_participation",
    "label": "Whether we will use the ADR entity",
    "source": "Directive 2013/11/EU art. 13(3)",
    "wording": {
        "en": "We are willing to take part in a dispute resolution procedure before this entity.",
        "es": "Estamos dispuestos a participar en un procedimiento de resolución de litigios ante esa entidad.",
        "bg": "Готови сме да участваме в процедура за решаване на спора пред този орган.",
        "tr": "Bu kuruluş önünde yürütülecek uyuşmazlık çözüm sürecine katılmaya hazırız.",
    },
    "facts": {
        "en": ["willing to take part in a dispute resolution procedure"],
        "es": ["dispuestos a participar en un procedimiento de resolución de litigios"],
        "bg": ["готови сме да участваме в процедура"],
        "tr": ["uyuşmazlık çözüm sürecine katılmaya hazırız"],
    },
}

DOCUMENTS_RIGHT: dict[str, Any] = {
    "key": "documents_right",
    "label": "The right to request the documents relied on",
    "source": "12 CFR 1005.11(d)(1)",
    "wording": {
        "en": (
            "You may ask us for copies of the documents we relied on in reaching this conclusion, and we will "
            "send them to you promptly."
        ),
        "es": (
            "Puede pedirnos copia de los documentos en los que nos basamos para llegar a esta conclusión y se los "
            "enviaremos sin demora."
        ),
        "bg": (
            "Можете да поискате от нас копия на документите, на които се основава това заключение, и ще Ви ги "
            "изпратим незабавно."
        ),
        "tr": "Bu sonuca varırken dayandığımız belgelerin kopyalarını bizden isteyebilirsiniz; size hemen göndeririz.",
    },
    "facts": {
        "en": ["documents", "relied on"],
        "es": ["documentos", "nos basamos"],
        "bg": ["документите", "се основава"],
        "tr": ["dayandığımız belgeler"],
    },
}

_SHIPPED: dict[str, dict[str, Any]] = {
    NO_PROFILE: {"name": "None (no complaint rules apply)"},
    "uk_general": {
        "name": "UK, FCA complaints (DISP 1.6): 8 weeks",
        "country": "GB",
        "subdivision": "ENG",
        "deadline": {"days": 56, "count": "calendar"},
        "statements": [FOS_REFERRAL, SIX_MONTHS],
        "sources": [DISP_1_6, DISP_ANNEX_3],
    },
    "uk_payment_services": {
        "name": "UK, FCA payment services (DISP 1.6.2A): 15 business days",
        "country": "GB",
        "subdivision": "ENG",
        "deadline": {
            "days": 15,
            "count": "business",
            "extended_days": 35,
            "extension": "holding_reply",
            "extended_count": "business",
        },
        "statements": [FOS_REFERRAL, SIX_MONTHS],
        "sources": [DISP_1_6.replace("1.6.2R", "1.6.2AR"), DISP_ANNEX_3],
    },
    "eu_adr": {
        "name": "EU, consumer ADR (Directive 2013/11/EU art. 13)",
        "country": COMPANY_COUNTRY,
        "statements": [ADR_ENTITY, ADR_PARTICIPATION],
        "sources": [ADR_ART_13],
    },
    "us_reg_e": {
        "name": "US, Regulation E error resolution (12 CFR 1005.11): 10 business days",
        "country": "US",
        "deadline": {
            "days": 10,
            "count": "business",
            "extended_days": 45,
            "extension": "provisional_credit",
            "extended_count": "calendar",
        },
        "statements": [DOCUMENTS_RIGHT],
        "sources": [REG_E],
    },
}

SHIPPED: dict[str, Profile] = {key: profile_from(key, 1, data) for key, data in _SHIPPED.items()}
"""Version 1 of every shipped profile, by key, in the order forms offer them."""
