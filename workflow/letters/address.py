"""How the letter greets the customer: a form of address chosen in the decision record.

A letter that opens "Estimado/a" or "Уважаеми/а" tells the customer nobody looked at who
they are. The author chooses the form of address instead, and each language greets with
the words and grammatical gender that form takes there. Where a language has no title for
a form (Mx in Spanish and Bulgarian) or none is chosen, the greeting is a neutral one with
the full name, never a slash.
"""

from __future__ import annotations

from enum import StrEnum


class FormOfAddress(StrEnum):
    NONE = "none"
    MR = "mr"
    MS = "ms"
    MX = "mx"
    DR_MAN = "dr_man"
    DR_WOMAN = "dr_woman"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS: dict[FormOfAddress, str] = {
    FormOfAddress.NONE: "None (full name)",
    FormOfAddress.MR: "Mr",
    FormOfAddress.MS: "Ms",
    FormOfAddress.MX: "Mx",
    FormOfAddress.DR_MAN: "Dr (a man)",
    FormOfAddress.DR_WOMAN: "Dr (a woman)",
}

# Each language's greeting per form, with {surname} or {name} (the full name) to fill in.
# Spanish and Turkish name the person in full after the title (Spanish surnames are often
# two words; Turkish puts Bey and Hanım after the name); English and Bulgarian use the last name.
GREETINGS: dict[str, dict[FormOfAddress, str]] = {
    "en": {
        FormOfAddress.NONE: "Dear {name},",
        FormOfAddress.MR: "Dear Mr {surname},",
        FormOfAddress.MS: "Dear Ms {surname},",
        FormOfAddress.MX: "Dear Mx {surname},",
        FormOfAddress.DR_MAN: "Dear Dr {surname},",
        FormOfAddress.DR_WOMAN: "Dear Dr {surname},",
    },
    "es": {
        FormOfAddress.NONE: "Buenos días, {name}:",
        FormOfAddress.MR: "Estimado Sr. {surname}:",
        FormOfAddress.MS: "Estimada Sra. {surname}:",
        FormOfAddress.MX: "Buenos días, {name}:",
        FormOfAddress.DR_MAN: "Estimado Dr. {surname}:",
        FormOfAddress.DR_WOMAN: "Estimada Dra. {surname}:",
    },
    "bg": {
        FormOfAddress.NONE: "Здравейте, {name},",
        FormOfAddress.MR: "Уважаеми господин {surname},",
        FormOfAddress.MS: "Уважаема госпожо {surname},",
        FormOfAddress.MX: "Здравейте, {name},",
        FormOfAddress.DR_MAN: "Уважаеми д-р {surname},",
        FormOfAddress.DR_WOMAN: "Уважаема д-р {surname},",
    },
    "tr": {
        FormOfAddress.NONE: "Sayın {name},",
        FormOfAddress.MR: "Sayın {name} Bey,",
        FormOfAddress.MS: "Sayın {name} Hanım,",
        FormOfAddress.MX: "Sayın {name},",
        FormOfAddress.DR_MAN: "Sayın Dr. {name},",
        FormOfAddress.DR_WOMAN: "Sayın Dr. {name},",
    },
}


def greeting(form: FormOfAddress, name: str, language: str) -> str:
    """The letter's opening line, e.g. "Dear Mr Smith," or "Estimada Sra. García López:"."""
    words = name.split()
    first_name_dropped = " ".join(words[1:]) or name.strip()
    surname = first_name_dropped if language == "es" else (words[-1] if words else "")
    return GREETINGS[language][form].format(name=" ".join(words), surname=surname)
