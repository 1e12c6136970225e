"""Job titles in the letter's language.

A signer's title is stored once, as the person typed it (usually English); a Spanish letter
signed "Customer Care Lead" reads as a form letter. Common titles are translated here;
a title not listed is shown as written, which is never wrong, only less polished.
"""

from __future__ import annotations

TITLES: dict[str, dict[str, str]] = {
    "customer care specialist": {
        "es": "Especialista en Atención al Cliente",
        "bg": "Специалист „Обслужване на клиенти“",
        "tr": "Müşteri Hizmetleri Uzmanı",
    },
    "customer care lead": {
        "es": "Responsable de Atención al Cliente",
        "bg": "Ръководител „Обслужване на клиенти“",
        "tr": "Müşteri Hizmetleri Sorumlusu",
    },
    "customer care manager": {
        "es": "Gerente de Atención al Cliente",
        "bg": "Мениджър „Обслужване на клиенти“",
        "tr": "Müşteri Hizmetleri Müdürü",
    },
    "customer service manager": {
        "es": "Gerente de Servicio al Cliente",
        "bg": "Мениджър „Обслужване на клиенти“",
        "tr": "Müşteri Hizmetleri Müdürü",
    },
    "legal counsel": {"es": "Asesor Jurídico", "bg": "Юрисконсулт", "tr": "Hukuk Müşaviri"},
    "operations manager": {"es": "Director de Operaciones", "bg": "Оперативен мениджър", "tr": "Operasyon Müdürü"},
    "managing director": {"es": "Director General", "bg": "Управител", "tr": "Genel Müdür"},
}


def title_in(title: str, language: str) -> str:
    """`title` in `language` when it is a common one, else as written."""
    return TITLES.get(" ".join(title.split()).lower(), {}).get(language, title)
