"""Cue features of the learned layer: ways of speaking that carry across wording.

A rule needs one pattern per wording; these cues name the grammar around the words instead
(addressing the reader, judging them, a counterfactual "if you had", hedges and intensifiers,
orders, belittling diminutives), and the moves a polite but irritated writer makes in many
wordings (a legal consequence, praise that can only be ironic, an admission or a promise, "you
changed your mind", "as anyone knows", "on your side", a cause, who speaks, a promise not to
act), so a classifier can learn that "you" next to a judgement weighs more than either alone,
and that a lawyer named after "we will not" is no threat. Each is a small regular expression
over the folded sentence (``text.fold``); the combinations are features of their own.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

import ahocorasick

from workflow.tone.cues import cues_of

_SECOND_PERSON = "you"
_NEGATIVE = "judgement"
_COUNTERFACTUAL = "counterfactual"
_HEDGE = "hedge"
_IMPERATIVE = "imperative"
_DIMINUTIVE = "diminutive"
_LEGAL = "legal"
_PRAISE = "praise"
_OURS = "ours"
_CHANGE = "change"
_PLAIN = "plain"
_SIDE = "side"
_CAUSE = "cause"
_FIRST_PERSON = "we"
_WILL_NOT = "will_not"
_IMPERSONAL = "impersonal"
_THANKS = "thanks"
_AGAIN = "again"
_QUOTED = "quoted"

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
        _IMPERATIVE: r"^\W*(?:please )?(?:read|note|check|see|stop|look|remember|understand|accept|refer|review|keep"
        r"|do not|don't|make sure|be aware|consider)\b",
        _DIMINUTIVE: r"\b(?:little|tiny|small|minor|slight)\b",
        _LEGAL: r"\b(?:lawyer\w*|solicitor\w*|legal|court\w*|judge|bailiff\w*|debt collect\w*|recovery (?:agent"
        r"|partner)\w*|collection agenc\w*|credit (?:file|reference|rating|record)\w*|blacklist\w*|police|fraud"
        r"|security team|defamation|proceedings|consequences|escalat\w*|reserve the right|cctv|footage|flagged"
        r"|on (?:your|the) file|word gets around|word does get around)\b",
        _PRAISE: r"\b(?:wonderful|lovely|delight\w*|glad|fascinat\w*|marvellous|touching|heartwarming|impressive"
        r"|admire|admirable|congratulat\w*|thrilled|amazing|remarkable|thoughtful|flattered|reassuring|charming"
        r"|what a (?:relief|surprise|coincidence)|how (?:nice|lovely|kind|thoughtful|interesting))\b",
        _OURS: r"\b(?:our (?:fault|mistake|error|negligence)|on us|we admit|we accept (?:full )?(?:responsibility"
        r"|liability|the blame)|negligen\w*|we promise|i promise|we guarantee|(?:our|my) word|never (?:happen )?again"
        r"|dropped the ball|messed up|botched|let you down|hold (?:our|my) hands up|no excuse)\b",
        _CHANGE: r"\b(?:changed? (?:your|their) minds?|change of (?:heart|mind|plans?)|second thoughts"
        r"|no longer (?:need\w*|want\w*|fit\w*|suit\w*)|cheaper|better (?:deal|rate|price)|lost (?:interest"
        r"|its appeal)|worn off|excitement|now that|once (?:home|back)|harder to (?:justify|swallow)|not (?:grounds"
        r"|a reason|a fault|a defect))\b",
        _PLAIN: r"\b(?:of course|as (?:anyone|everyone|most people|any|you should)|in case (?:that|it)"
        r"|let me (?:explain|put)|once more|for (?:future reference|clarity)|spell it out|plain|by definition"
        r"|believe it or not|with (?:the greatest )?respect|most (?:customers|people|guests|users|members)"
        r"|basic\w*)\b",
        _SIDE: r"\b(?:on your (?:side|end|part)|from your (?:side|end)|by you(?:rself)?|in your (?:possession|care)"
        r"|your (?:own )?(?:team|organisation|household)|against (?:our|the) advice)\b",
        _CAUSE: r"\b(?:because|due to|caused|result\w*|which is (?:why|how)|consistent with|traced)\b",
        _WILL_NOT: r"\b(?:will not|won\'t|shall not|do not intend|no intention|not (?:be )?(?:taking|pursuing"
        r"|going to)|no plans?)\b",
        _IMPERSONAL: r"\b(?:(?:was|were|has|have|had)(?: not|n't)? been|(?:was|were)(?: not|n't)|appears? to have"
        r"|seems? to|it (?:seems|appears)|apparently|somebody|someone|anyone|whoever|nobody|traces? back"
        r"|comes? down to)\b",
        _THANKS: r"\b(?:thank\w*|grateful|gratitude|appreciat\w*)\b",
        _AGAIN: r"\b(?:again|once more|second|third|fourth|fifth|umpteenth|twice|three times|repeated\w*|already)\b",
        _FIRST_PERSON: r"\b(?:we|our|ours|ourselves)\b",
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
        _LEGAL: r"\b(?:abogad\w*|jurídic\w*|legal\w*|judicial\w*|juzgado|tribunal\w*|monitorio|demanda\w*|denuncia\w*"
        r"|policía|moros\w*|recobro|cobros?|fichero|fraude|consecuencias|medidas|acciones|difamación|grabaciones"
        r"|cámaras|a más|otra vía|otro terreno)\b",
        _PRAISE: r"\b(?:qué (?:bien|bonito|detalle|alegría|suerte|ilusión|casualidad|interesante|sorpresa|gusto)"
        r"|enhorabuena|nos (?:encanta|alegra|emociona|halaga)|admiramos|fascinante|entrañable|enternecedor)\b",
        _OURS: r"\b(?:culpa (?:es )?nuestra|(?:error|fallo) nuestro|reconocemos|admitimos|asumimos|negligencia|(?:le"
        r"|te|les) (?:prometemos|garantizamos|aseguramos|damos nuestra palabra)|(?:nunca|jamás) más"
        r"|volverá a (?:pasar|ocurrir)|debimos|deberíamos haber|metimos la pata|no tiene (?:disculpa|excusa)"
        r"|sin paliativos|palabra)\b",
        _CHANGE: r"\b(?:cambi\w* de (?:idea|opinión|planes)|se lo pensó|arrepent\w*|ya no (?:le|te|les) (?:hace falta"
        r"|apetece|convence|compensa|gusta|sirve)|más barat\w*|ilusión|ganas|ahora que|una vez (?:en casa|allí"
        r"|pasad\w*|terminad\w*)|no (?:da derecho|es motivo|convierte))\b",
        _PLAIN: r"\b(?:como (?:sabe|todo el mundo|cualquier\w*|es lógico|es natural|bien sabrá)|por si (?:no|acaso)"
        r"|le (?:explico|repetimos)|despacito|con (?:todo el )?(?:respeto|cariño)|ni más ni menos|sencill\w*|básic\w*"
        r"|la mayoría de)\b",
        _SIDE: r"\b(?:por su parte|de su parte|desde su (?:lado|cuenta|equipo|servidor)|por usted|su (?:equipo"
        r"|empresa|organización)|en su poder|contra (?:lo|nuestra))\b",
        _CAUSE: r"\b(?:porque|debido|se debe|se debió|por haber|a causa|causad\w*|provoc\w*|lo que|de ahí|así (?:fue"
        r"|es) como|tras)\b",
        _WILL_NOT: r"\b(?:no (?:vamos a|pensamos|tenemos (?:intención|previsto)|emprenderemos|iniciaremos|tomaremos"
        r"|reclamaremos)|ninguna (?:acción|medida))\b",
        _IMPERSONAL: r"\b(?:se (?:quedó|quedaron|dejó|dejaron|olvidó|pasó|hizo|introdujo|introdujeron|siguió|siguieron"
        r"|usó|utilizó|rompió)|no se \w+|parece que|al parecer|alguien|nadie|quien sea|tiene que ver con|viene de)\b",
        _THANKS: r"\b(?:gracias|agradec\w*|agradecid\w*)\b",
        _AGAIN: r"\b(?:otra vez|de nuevo|una vez más|ya|segund\w*|tercer\w*|cuart\w*|quint\w*|dos veces|tres veces"
        r"|repetid\w*)\b",
        _FIRST_PERSON: r"\b(?:nosotros|nosotras|nuestr[oa]s?)\b",
    },
    "bg": {
        _SECOND_PERSON: r"\b(?:вие|вас|ви|ваш|ваша|вашия|вашият|вашата|вашето|вашите|ваше|си|твой|теб|те)\b",
        _NEGATIVE: r"\b(?:грешк\w*|сгреш\w*|вина|вината|виновн\w*|небрежн\w*|пренебрегн\w*|забрави\w*|неправилн\w*"
        r"|очевидно|ясно|просто|оправдани\w*|неразумн\w*|настоява\w*|изисква\w*|неглижира\w*)\b",
        _COUNTERFACTUAL: r"\b(?:ако (?:бяхте|бехте|бяхме|беше)|щяхте|щеше да|трябваше да|можехте да|би трябвало)\b",
        _HEDGE: r"\b(?:наистина|много|доста|със сигурност|може би|просто|абсолютно|напълно|разбира се|естествено"
        r"|откровено|изобщо|дори|съвсем)\b",
        _IMPERATIVE: r"^\W*(?:моля,? )?(?:прочетете|вижте|проверете|спрете|запомнете|разберете|приемете"
        r"|имайте предвид|не (?:настоявайте|пишете))\b",
        _LEGAL: r"\b(?:адвокат\w*|юрист\w*|правн\w*|съд|съда|съдебн\w*|изпълнител\w*|колектор\w*|полиция\w*"
        r"|прокуратур\w*|измам\w*|регистър|регистри|последствия|мерки|по друг ред|запазваме правото|записи\w*"
        r"|камери\w*|охрана\w*)\b",
        _PRAISE: r"\b(?:колко (?:хубаво|мило|интересно|изненадващо|трогателно|приятно)|поздравления|радваме се"
        r"|възхит\w*|трогателн\w*|поласкани|вълнуващо|какъв късмет|каква случайност)\b",
        _OURS: r"\b(?:наша (?:вина|грешка)|по наша вина|признаваме|поемаме|небрежност|обещаваме|гарантираме|уверяваме"
        r"|никога повече|издънихме|оплескахме|провалихме|сбъркахме|няма извинение)\b",
        _CHANGE: r"\b(?:размисл\w*|промени\w* (?:решението|мнението)|разколеб\w*|вече не (?:ви|ти|Ви) (?:трябва"
        r"|харесва|е нужн\w*|се струва)|по-изгод\w*|по-евтин\w*|съжалява\w* за покупката|не прави|не е (?:дефект"
        r"|основание))\b",
        _PLAIN: r"\b(?:разбира се|както (?:знае|е известно|всеки)|всеки,? който|нека (?:го кажем|да е ясно)"
        r"|още веднъж|с (?:цялото )?уважение|за последен път|простичко|елементарн\w*)\b",
        _SIDE: r"\b(?:от ваша страна|от вас|по ваше (?:желание|искане)|при вас|във вашата организация"
        r"|въпреки указанията|въпреки съвета)\b",
        _CAUSE: r"\b(?:защото|поради|понеже|заради|вследствие|тъй като|дължи|причина\w*)\b",
        _WILL_NOT: r"\b(?:няма да|нямаме намерение|не възнамеряваме|никакви)\b",
        _IMPERSONAL: r"\b(?:е било|са били|не е било|не са били|не е|не са|явно|изглежда|някой|никой|някой си"
        r"|идва от|се дължи|се получава)\b",
        _THANKS: r"\b(?:благодар\w*|признателни|признателност)\b",
        _AGAIN: r"\b(?:отново|пак|още веднъж|вече|втор\w*|трет\w*|четвърт\w*|пет\w* път|два пъти|три пъти"
        r"|поредн\w*)\b",
        _FIRST_PERSON: r"\b(?:ние|наш|наша|наше|нашия|нашият|нашата|нашето|нашите)\b",
    },
    "tr": {
        _SECOND_PERSON: r"\b(?:siz|sizin|size|sizi|sizden|sen|senin|sana|seni)\b",
        _NEGATIVE: r"\b(?:hata\w*|kusur\w*|suç\w*|ihmal\w*|dikkatsiz\w*|unut\w*|yanlış\w*|besbelli|açıkça|apaçık"
        r"|elbette|bahane\w*|ısrar\w*|talep\w*|özensiz\w*|sorumsuz\w*)\b",
        _COUNTERFACTUAL: r"\b(?:olsaydı|gerekirdi|keşke)\b",
        _HEDGE: r"\b(?:gerçekten|çok|oldukça|kesinlikle|belki|sadece|yalnızca|tamamen|elbette|tabii|doğal olarak"
        r"|açıkçası|asla|hiç|bile)\b",
        _IMPERATIVE: r"^\W*(?:lütfen )?\w+(?:ın|in|un|ün|yın|yin|yun|yün)\b",
        _LEGAL: r"\b(?:avukat\w*|hukuk\w*|yasal\w*|mahkeme\w*|icra\w*|dava\w*|savcılı\w*|polis\w*|kara liste\w*"
        r"|tahsilat\w*|senet\w*|protesto\w*|gereğini|hakkımız\w*|kamera\w*|kayıt altında|dolandırıcılık\w*"
        r"|başka (?:bir )?boyut\w*|başka yollar\w*)\b",
        _PRAISE: r"\b(?:ne (?:güzel|hoş|tesadüf|büyük şans|ilginç|büyük sürpriz)|tebrikler|hayran\w*|sevindik"
        r"|dokunaklı|onurlandır\w*|çok hoş|takdire şayan|duygulandır\w*|çok sevimli)\b",
        _OURS: r"\b(?:bizim (?:hatamız|suçumuz|kusurumuz|ihmalimiz)|hata bizde|kusur bizde|kabahat\w*"
        r"|sorumluluk bizde|söz veriyoruz|sözünü veriyoruz|garanti ediyoruz|garantisi bizden|taahhüt ediyoruz"
        r"|bir daha asla|çuvalladık|mahcubuz|çam devirdik|mazeretimiz yok)\b",
        _CHANGE: r"\b(?:fikrinizi değiştir\w*|vazgeç\w*|pişman\w*|artık (?:ihtiyacınız|gerek\w*|cazip|hoşunuza)"
        r"|daha ucuz\w*|daha uygun|anlaşılıyor|gibi görünüyor|değiştirmez|iade (?:sebebi|gerekçesi) değil)\b",
        _PLAIN: r"\b(?:herkes(?:in)? bil\w*|bildiğiniz gibi|tahmin edersiniz|bir kez daha|tane tane|yavaşça"
        r"|sizi kırmak istemeyiz|malum|basitçe|basit|sanırım|son kez)\b",
        _SIDE: r"\b(?:sizin tarafınızdan|tarafınızca|sizden kaynaklı|sizin yüzünüzden|sizin isteğiniz\w*"
        r"|uyarıya rağmen|talimatlara rağmen)\b",
        _CAUSE: r"\b(?:nedeniyle|yüzünden|dolayı|sebebiyle|kaynaklan\w*|kaynaklı|sebebi\w*|sonucu\w*)\b",
        _WILL_NOT: r"\b(?:niyetimiz yok|hiçbir)\b",
        _IMPERSONAL: r"\b(?:görünüyor|anlaşılıyor|anlaşılan|biri|birisi|kimse|herhangi biri)\b",
        _THANKS: r"\b(?:teşekkür\w*|sağ olun|minnettar\w*)\b",
        _AGAIN: r"\b(?:yine|tekrar|bir kez daha|yeniden|zaten|ikinci|üçüncü|dördüncü|beşinci|iki kez|üç kez"
        r"|defalarca)\b",
        _FIRST_PERSON: r"\b(?:biz|bizim)\b",
    },
}

# Words that turn what follows around ("we will not take legal action"): the lemmas in their
# reach get a feature of their own, so a negated threat need not weigh as a threat.
NEGATIONS: dict[str, frozenset[str]] = {
    "en": frozenset({"not", "no", "never", "nor", "without", "cannot", "t"}),
    "es": frozenset({"no", "nunca", "jamás", "ni", "sin", "tampoco"}),
    "bg": frozenset({"не", "няма", "никога", "без", "нито"}),
    "tr": frozenset({"değil", "yok", "asla", "hiç", "olmadan"}),
}
NEGATION_REACH = 3

# Cues that are endings inside a word (diminutives, Turkish person and mood suffixes): the
# word-start scan below does not look inside words, so each is searched on its own.
_ENDINGS: dict[str, dict[str, str]] = {
    "en": {},
    "es": {_DIMINUTIVE: r"(?<=\w\w\w)(?:it[oa]s?|ill[oa]s?)\b"},
    "bg": {_DIMINUTIVE: r"(?<=\w\w\w)(?:ичк[аи]|енце|енца|чица|чици|ченце|ленце|иц[аи]|че)\b"},
    "tr": {
        _SECOND_PERSON: r"(?<=\w)(?:nız|niz|nuz|nüz)",
        _COUNTERFACTUAL: r"(?<=\w)(?:saydı|seydi|malıydı|meliydi)",
        _DIMINUTIVE: r"(?<=\w\w\w)(?:cık|cik|cuk|cük|çık|çik|çuk|çük|cağız|ceğiz)",
        _WILL_NOT: r"(?<=\w)(?:mayacağız|meyeceğiz|mayız|meyiz)\b",
        _IMPERSONAL: r"(?<=\w)(?:ıl|il|ul|ül|ın|in|un|ün)m[ae](?:d|y|s|m)",
        _CAUSE: r"(?<=\w)[dt][ıiuü]ğ[ıiuü](?:n[ıiuü]z)?(?: için|ndan\b)",
        _FIRST_PERSON: r"(?<=\w)(?:ımız|imiz|umuz|ümüz)\b",
    },
}

# One alternation of named groups per language, tried only where a word starts: a single pass
# over the sentence finds them all, and the places inside words, most of a sentence, cost one
# test each instead of one per cue. At each word the first cue that matches wins, so the phrases
# come before the single words they contain: "la culpa es nuestra" is an admission before
# "culpa" is a judgement. The imperative is a sentence's opening, matched there alone.
_ORDER = (
    _WILL_NOT,
    _OURS,
    _LEGAL,
    _SIDE,
    _PRAISE,
    _CHANGE,
    _PLAIN,
    _SECOND_PERSON,
    _NEGATIVE,
    _COUNTERFACTUAL,
    _IMPERSONAL,
    _THANKS,
    _AGAIN,
    _HEDGE,
    _DIMINUTIVE,
    _CAUSE,
    _FIRST_PERSON,
)
_PAIRS = (
    (_SECOND_PERSON, _NEGATIVE),
    (_SECOND_PERSON, _COUNTERFACTUAL),
    (_SECOND_PERSON, _HEDGE),
    (_HEDGE, _NEGATIVE),
    (_IMPERATIVE, _SECOND_PERSON),
    (_SECOND_PERSON, _PRAISE),
    (_SECOND_PERSON, _CAUSE),
    (_SIDE, _CAUSE),
    (_COUNTERFACTUAL, _CAUSE),
    (_SECOND_PERSON, _LEGAL),
    (_SECOND_PERSON, _CHANGE),
    (_SECOND_PERSON, _PLAIN),
    (_FIRST_PERSON, _NEGATIVE),
    (_FIRST_PERSON, _COUNTERFACTUAL),
    (_FIRST_PERSON, _LEGAL),
    (_WILL_NOT, _LEGAL),
    (_IMPERSONAL, _CAUSE),
    (_IMPERSONAL, _COUNTERFACTUAL),
    (_SECOND_PERSON, _IMPERSONAL),
    (_THANKS, _HEDGE),
    (_THANKS, _AGAIN),
    (_THANKS, _PRAISE),
    (_AGAIN, _SECOND_PERSON),
    (_THANKS, _QUOTED),
    (_PRAISE, _QUOTED),
)
_COMBINATIONS_KEPT = 4096
_UPPER = "A-ZÁÉÍÓÚÑÜÇĞİÖŞА-ЯЁ"
# Four capitals or more forming a word: ``\b[A-Z]{4,}\b``, with the boundary before the first
# capital checked after it (a capital is a word character), so the scan skips to capitals.
_CAPITALS = re.compile(rf"[{_UPPER}](?<!\w.)[{_UPPER}]{{3,}}\b")
# Capitals that shout rather than name: words in capitals one after another, or one long word;
# an acronym ("GDPR", "НЗОК") is short and stands alone.
_CAPITAL_RUN = re.compile(rf"\b[{_UPPER}]{{2,}}(?:[\s,.;:!?–-]+[{_UPPER}]{{2,}}\b)+|\b[{_UPPER}]{{6,}}\b")
# A few words in quotation marks inside a sentence: scare quotes ("their 'expert' opinion"); the
# opening mark comes first in the pattern so that the scan looks for it alone.
_SCARE_QUOTES = re.compile(r"[\"'“‘«„](?<=\w\s.)[^\"'“”‘’«»„]{2,30}[\"'”’»“]")


def word_starts(language: str) -> str:
    """The language's cue groups as one alternation of named groups, tried where a word starts."""
    cues = _CUES[language]
    return r"\b(?:" + "|".join(f"(?P<{name}>{cues[name]})" for name in _ORDER if name in cues) + ")"


class CueReader:
    """A language's word-start alternation and endings, tried only where their cues occur.

    Every match of a cue group begins with one of its literal cues (``cues.cues_of``), so one
    Aho-Corasick pass over the sentence finds every place where a group can match, and the
    regex is tried there alone: the same matches as a scan of every character, which for the
    word-start alternation (its first element a word boundary, so the regex engine cannot skip
    ahead) and the endings (a look-behind first) cost most of a sentence's cues. The
    alternation is tried at those places in order, each from where the last match ended, as
    ``finditer`` walks; a group or ending without cues is scanned as before.
    """

    def __init__(self, language: str) -> None:
        cues = _CUES[language]
        self._word_starts = re.compile(word_starts(language))
        self.opening = re.compile(cues[_IMPERATIVE])
        self._endings = [(name, re.compile(pattern)) for name, pattern in _ENDINGS[language].items()]
        owners: dict[str, list[str | None]] = {}
        groups = [cues_of(cues[name]) for name in _ORDER if name in cues]
        self._scan_words = any(found is None for found in groups)
        for found in groups:
            for cue in found or ():
                owners.setdefault(cue, []).append(None)
        self._scanned_endings = set()
        for name, pattern in self._endings:
            found = cues_of(pattern.pattern)
            if found is None:
                self._scanned_endings.add(name)
            for cue in found or ():
                owners.setdefault(cue, []).append(name)
        self._automaton = ahocorasick.Automaton()
        for cue, names in owners.items():
            self._automaton.add_word(cue, (len(cue) - 1, None in names, tuple(n for n in names if n is not None)))
        self._automaton.make_automaton()

    def present(self, folded: str) -> set[str]:
        """The names of the groups and endings that match somewhere in the folded sentence."""
        starts: list[int] = []
        places: dict[str, list[int]] = {}
        for end, (back, at_word, endings) in self._automaton.iter(folded):
            if at_word:
                starts.append(end - back)
            for name in endings:
                places.setdefault(name, []).append(end - back)
        present = self._groups(folded, starts)
        for name, pattern in self._endings:
            if name in present:
                continue
            if name in self._scanned_endings:
                if pattern.search(folded):
                    present.add(name)
            elif name in places and any(pattern.match(folded, start) for start in places[name]):
                present.add(name)
        return present

    def _groups(self, folded: str, starts: list[int]) -> set[str]:
        if self._scan_words:
            return {match.lastgroup for match in self._word_starts.finditer(folded) if match.lastgroup}
        present: set[str] = set()
        resume = 0
        for start in sorted(set(starts)):
            if start < resume:
                continue
            match = self._word_starts.match(folded, start)
            if match:
                resume = match.end()
                if match.lastgroup:
                    present.add(match.lastgroup)
        return present


@cache
def _reader(language: str) -> CueReader:
    """Built when a language's first sentence is read, so a cold start pays for one language."""
    return CueReader(language)


def cue_features(folded: str, original: str, language: str) -> list[str]:
    """The cue names present in one sentence, and the pairs that occur together."""
    reader = _reader(language)
    present = reader.present(folded)
    if reader.opening.match(folded):
        present.add(_IMPERATIVE)
    if _SCARE_QUOTES.search(original):
        present.add(_QUOTED)
    capitals = _CAPITALS.search(original) is not None
    shouted = (capitals, capitals and _CAPITAL_RUN.search(original) is not None)
    stacked = "!!" in original or "?!" in original or "!?" in original
    return list(_named(frozenset(present), shouted, stacked))


@lru_cache(maxsize=_COMBINATIONS_KEPT)
def _named(present: frozenset[str], shouted: tuple[bool, bool], stacked: bool) -> tuple[str, ...]:
    """The features of a combination of cues: sentences share a few hundred of them, and the
    bound keeps crafted text from filling the memory with more."""
    found = [f"q:{name}" for name in sorted(present)]
    found += [f"q:{a}+{b}" for a, b in _PAIRS if a in present and b in present]
    found += [name for name, on in zip(("q:capitals", "q:capital_run"), shouted, strict=True) if on]
    if stacked:
        found.append("q:exclamations")
    return tuple(found)
