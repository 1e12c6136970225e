"""The tone and content check: the peer reviewer's second pair of eyes (issue 4).

``check`` reads a letter in its language and returns findings, each naming the rule that
made it, the exact character span, why the words hurt and what to write instead.

Severity, decided per category (``findings.SEVERITY``):
  error   condescension, sarcasm, blame, buyers_remorse, liability_admission, threat,
          internal_leak: words that lose the customer or create liability once the letter
          is a permanent record; approval waits until the reviewer acknowledges each.
  warning shouting, missing_thanks, missing_availability, missing_reasons,
          concession_not_goodwill, spelling, long_sentence: what a careful editor fixes,
          but a letter may go out with.

The languages share one engine (phrases, style, leaks, letter_checks, spelling, with
cues making the phrase patterns cheap) and differ only in data (rules_en, rules_es,
rules_bg, rules_tr). Beside the rules, a model per language (``learned``, built from the
corpus by ``training``) reads each sentence for the phrase categories the rules' wording
misses; its findings say which words weighed most and how confident it is. Spelling needs the Debian
hunspell packages; without one the check still runs and says so in ``report.notes``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib import import_module

from workflow.errors import InvalidInput
from workflow.languages import LANGUAGES
from workflow.tone.cues import Words
from workflow.tone.findings import CATEGORIES, SEVERITY, Finding, ToneReport
from workflow.tone.leaks import leak_findings
from workflow.tone.learned import learned_findings
from workflow.tone.letter_checks import letter_findings
from workflow.tone.lexicon import Lexicon
from workflow.tone.phrases import phrase_findings
from workflow.tone.spelling import missing_note, spelling_findings
from workflow.tone.style import long_sentence_findings, shouting_findings
from workflow.tone.text import fold, sentences

__all__ = ["CATEGORIES", "SEVERITY", "Finding", "ToneReport", "check", "lexicon_for", "warm_up"]


def lexicon_for(language: str) -> Lexicon:
    if language not in LANGUAGES:
        raise InvalidInput(f"Language must be one of {', '.join(LANGUAGES)}; got “{language}”.")
    return _lexicon(language)


@cache
def _lexicon(language: str) -> Lexicon:
    """A language's rules, compiled when first asked for: `tactful tone` on an English letter
    does not wait for the Spanish, Bulgarian and Turkish patterns (a tenth of a second)."""
    lexicon: Lexicon = import_module(f"workflow.tone.rules_{language}").LEXICON
    return lexicon


def check(
    text: str,
    language: str,
    *,
    internal_texts: Sequence[str] = (),
    concession_offered: bool = False,
    spelling: bool = True,
    learned: bool = True,
) -> ToneReport:
    """``learned=False`` leaves the rules alone, as the evaluation's baseline."""
    lexicon = lexicon_for(language)
    folded = fold(text, language)
    letter = Words(folded, lexicon.cue_index)
    spans = list(sentences(text))
    ruled = [*phrase_findings(text, letter, lexicon), *shouting_findings(text, lexicon)]
    findings = [
        *ruled,
        *(learned_findings(text, folded, spans, lexicon, ruled) if learned else ()),
        *leak_findings(text, folded, internal_texts, language),
        *letter_findings(text, letter, lexicon, concession_offered=concession_offered),
        *long_sentence_findings(text, spans, lexicon),
    ]
    notes: list[str] = []
    if spelling:
        misspelt = spelling_findings(text, lexicon, LANGUAGES[language])
        if misspelt is None:
            notes.append(missing_note(lexicon))
        else:
            findings.extend(misspelt)
    findings.sort(key=lambda f: (f.start, f.end, f.rule))
    return ToneReport(language=language, findings=findings, notes=notes)


def warm_up() -> None:
    """Load every language's dictionary now rather than on someone's first letter: the
    Turkish one takes most of a second. Servers call this once at start."""
    for language in LANGUAGES:
        check("Thank you for your order.", language)
