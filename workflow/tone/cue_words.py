"""Cue features of the learned layer: ways of speaking that carry across wording.

A rule needs one pattern per wording; these cues name the grammar around the words instead
(addressing the reader, judging them, a counterfactual "if you had", hedges and intensifiers,
orders, belittling diminutives), so a classifier can learn that "you" next to a judgement
weighs more than either alone. Each is a small regular expression over the folded sentence
(``text.fold``); the combinations are features of their own.
"""

from __future__ import annotations

import re

_SECOND_PERSON = "you"
_NEGATIVE = "judgement"
_COUNTERFACTUAL = "counterfactual"
_HEDGE = "hedge"
_IMPERATIVE = "imperative"
_DIMINUTIVE = "diminutive"

_CUES: dict[str, dict[str, str]] = {
    "en": {
        _SECOND_PERSON: r"\b(?:you|your|yours|yourself)\b",
        _NEGATIVE: r"\b(?:fail\w*|careless\w*|ignor\w*|wrong\w*|mistak\w*|misus\w*|neglect\w*|forgot\w*|bother\w*"
        r"|simpl[ey]|clearly|obvious\w*|evident\w*|apparent\w*|unfortunate\w*|unreasonabl\w*|excuse\w*|blame\w*"
        r"|fault\w*|misread\w*|misunderst\w*|overlook\w*|refus\w*|insist\w*|demand\w*)\b",
        _COUNTERFACTUAL: r"\b(?:if (?:you|only) had|had you|would(?: not|n't)? have|should(?: not|n't)? have"
        r"|could(?: not|n't)? have|might have|were you to)\b",
        _HEDGE: r"\b(?:really|very|quite|certainly|surely|perhaps|maybe|just|truly|absolutely|totally|entirely"
        r"|of course|indeed|frankly|honestly|naturally|definitely|at all|whatsoever|even)\b",
        _IMPERATIVE: r"^\W*(?:please )?(?:read|note|check|see|stop|look|remember|understand|accept|refer|review"
        r"|keep|do not|don't|make sure|be aware|consider)\b",
        _DIMINUTIVE: r"\b(?:little|tiny|small|minor|slight)\b",
    },
    "es": {
        _SECOND_PERSON: r"\b(?:usted|ustedes|su|sus|suyo|suya|le|les|tú|te|tu|tus|ti)\b",
        _NEGATIVE: r"\b(?:equivoc\w*|error\w*|culpa\w*|descuid\w*|ignor\w*|olvid\w*|neglig\w*|mal uso|indebid\w*"
        r"|claramente|evidente\w*|obvi\w*|simplemente|incorrect\w*|excusa\w*|pretend\w*|insist\w*|exig\w*)\b",
        _COUNTERFACTUAL: r"\b(?:si (?:usted )?hubiera\w*|si hubiese\w*|habría\w*|hubiera\w* debido|debería\w* haber"
        r"|podría\w* haber|de haber)\b",
        _HEDGE: r"\b(?:realmente|muy|bastante|ciertamente|seguramente|quizás?|tal vez|simplemente|verdaderamente"
        r"|absolutamente|totalmente|por supuesto|desde luego|francamente|naturalmente|en absoluto|incluso)\b",
        _IMPERATIVE: r"^\W*(?:por favor,? )?(?:lea|tenga en cuenta|revise|compruebe|deje|mire|recuerde|entienda"
        r"|acepte|consulte|no (?:insista|vuelva))\b",
        _DIMINUTIVE: r"(?<=\w\w\w)(?:it[oa]s?|ill[oa]s?)\b",
    },
    "bg": {
        _SECOND_PERSON: r"\b(?:вие|вас|ви|ваш|ваша|вашия|вашият|вашата|вашето|вашите|ваше|си|твой|теб|те)\b",
        _NEGATIVE: r"\b(?:грешк\w*|сгреш\w*|вина|вината|виновн\w*|небрежн\w*|пренебрегн\w*|забрави\w*|неправилн\w*"
        r"|очевидно|ясно|просто|оправдани\w*|неразумн\w*|настоява\w*|изисква\w*|неглижира\w*)\b",
        _COUNTERFACTUAL: r"\b(?:ако (?:бяхте|бехте|бяхме|беше)|щяхте|щеше да|трябваше да|можехте да|би трябвало)\b",
        _HEDGE: r"\b(?:наистина|много|доста|със сигурност|може би|просто|абсолютно|напълно|разбира се|естествено"
        r"|откровено|изобщо|дори|съвсем)\b",
        _IMPERATIVE: r"^\W*(?:моля,? )?(?:прочетете|вижте|проверете|спрете|запомнете|разберете|приемете|имайте предвид"
        r"|не (?:настоявайте|пишете))\b",
        _DIMINUTIVE: r"(?<=\w\w\w)(?:ичк[аи]|енце|енца|чица|чици|ченце|ленце|иц[аи]|че)\b",
    },
    "tr": {
        _SECOND_PERSON: r"\b(?:siz|sizin|size|sizi|sizden|sen|senin|sana|seni)\b|(?<=\w)(?:nız|niz|nuz|nüz)",
        _NEGATIVE: r"\b(?:hata\w*|kusur\w*|suç\w*|ihmal\w*|dikkatsiz\w*|unut\w*|yanlış\w*|besbelli|açıkça|apaçık"
        r"|elbette|bahane\w*|ısrar\w*|talep\w*|özensiz\w*|sorumsuz\w*)\b",
        _COUNTERFACTUAL: r"(?<=\w)(?:saydı|seydi|malıydı|meliydi)"
        r"|\b(?:olsaydı|gerekirdi|keşke)\b",
        _HEDGE: r"\b(?:gerçekten|çok|oldukça|kesinlikle|belki|sadece|yalnızca|tamamen|elbette|tabii|doğal olarak"
        r"|açıkçası|asla|hiç|bile)\b",
        _IMPERATIVE: r"^\W*(?:lütfen )?\w+(?:ın|in|un|ün|yın|yin|yun|yün)\b",
        _DIMINUTIVE: r"(?<=\w\w\w)(?:cık|cik|cuk|cük|çık|çik|çuk|çük|cağız|ceğiz)",
    },
}

# One alternation of named groups per language: a single pass over the sentence finds them all.
# Words that turn what follows around ("we will not take legal action"): the lemmas in their
# reach get a feature of their own, so a negated threat need not weigh as a threat.
NEGATIONS: dict[str, frozenset[str]] = {
    "en": frozenset({"not", "no", "never", "nor", "without", "cannot", "t"}),
    "es": frozenset({"no", "nunca", "jamás", "ni", "sin", "tampoco"}),
    "bg": frozenset({"не", "няма", "никога", "без", "нито"}),
    "tr": frozenset({"değil", "yok", "asla", "hiç", "olmadan"}),
}
NEGATION_REACH = 3

_COMPILED: dict[str, re.Pattern[str]] = {
    language: re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in cues.items()))
    for language, cues in _CUES.items()
}
_PAIRS = (
    (_SECOND_PERSON, _NEGATIVE),
    (_SECOND_PERSON, _COUNTERFACTUAL),
    (_SECOND_PERSON, _HEDGE),
    (_HEDGE, _NEGATIVE),
    (_IMPERATIVE, _SECOND_PERSON),
)
_CAPITALS = re.compile(r"\b[A-ZÁÉÍÓÚÑÜÇĞİÖŞА-ЯЁ]{4,}\b")
_BANGS = re.compile(r"!{2,}|\?!|!\?")


def cue_features(folded: str, original: str, language: str) -> list[str]:
    """The cue names present in one sentence, and the pairs that occur together."""
    present = {match.lastgroup for match in _COMPILED[language].finditer(folded) if match.lastgroup}
    found = [f"q:{name}" for name in sorted(present)]
    found += [f"q:{a}+{b}" for a, b in _PAIRS if a in present and b in present]
    if _CAPITALS.search(original):
        found.append("q:capitals")
    if _BANGS.search(original):
        found.append("q:exclamations")
    return found
