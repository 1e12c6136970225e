"""English: how a refusal letter goes wrong in English business writing."""

from __future__ import annotations

from functools import partial

from workflow.tone.letter_checks import any_match
from workflow.tone.lexicon import Lexicon, phrase, preceded_by

_rule = partial(phrase, "en")
_NEGATED = preceded_by(r"\bnot|n't|\bno|\bnever|\bnor|\bwithout|\bcannot")

PHRASES = (
    _rule(
        "condescension",
        "obviously",
        r"\bobviously\b|\bneedless to say\b|\bit goes without saying\b",
        "Implies the customer missed something obvious.",
        "Leave it out and state the fact.",
    ),
    _rule(
        "condescension",
        "should_know",
        r"\bas you (?:should|must|ought to)(?: already)? (?:know|have known|be aware|have read|remember)\b"
        r"|\byou should (?:know|have known) (?:better|by now)\b|\bsurely you\b",
        "Lectures the customer about what they ought to know.",
        "As set out in our terms, …",
    ),
    _rule(
        "condescension",
        "you_clearly",
        r"\b(?:clearly|evidently|apparently),? you\b"
        r"|\byou (?:clearly|evidently|apparently|obviously) "
        r"(?:did not|didn't|do not|don't|have not|haven't|failed|forgot|missed|ignored)\b",
        "Presumes the customer's failing and says so with contempt.",
        "State what the terms say, not what the customer did.",
    ),
    _rule(
        "condescension",
        "did_not_read",
        r"\byou (?:did not|didn't|have not|haven't|never)(?: even)?(?: bother(?:ed)? to)? read\b"
        r"|\bif you had (?:bothered|cared|taken the time)\b|\bif you had (?:read|looked at|checked)\b",
        "Accuses the customer of not reading, which they will take as an insult.",
        "Section … of the agreement you signed says: …",
    ),
    _rule(
        "condescension",
        "already_explained",
        r"\bas (?:we|i)(?: have)?(?: already| repeatedly)? (?:explained|told you|stated|said|pointed out)(?: to you)?"
        r" (?:several|many|multiple|numerous) times\b"
        r"|\bas (?:we|i)(?: have)? (?:already|repeatedly) (?:explained|told you|stated|said|pointed out)\b"
        r"|\bfor the (?:last|second|third|hundredth) time\b"
        r"|\b(?:i|we)(?: have|'ve)?(?: already)? (?:told|reminded) you (?:already|repeatedly|more than once"
        r"|(?:several|many|multiple|numerous|two|three|four|\d+) times)\b",
        "Reminds the customer, impatiently, that they were told before.",
        "As explained in our message of …,",
    ),
    _rule(
        "condescension",
        "should_be_obvious",
        r"\b(?:should|must) be (?:obvious|evident|self-evident)\b|\bit(?:'s| is| was) (?:obvious|self-evident)\b"
        r"|\bcommon sense\b|\bself-explanatory\b",
        "Implies the customer lacks common sense.",
        "State the rule and its reason plainly.",
    ),
    _rule(
        "condescension",
        "any_reasonable_person",
        r"\bany (?:reasonable|sensible|normal) (?:person|customer|adult|individual)\b"
        r"|\b(?:anyone|everyone|anybody) can (?:see|tell)\b|\bas (?:anyone|everyone|anybody) (?:knows|would know)\b",
        "Compares the customer unfavourably with a 'reasonable person'.",
        "State the fact and the evidence for it.",
    ),
    _rule(
        "condescension",
        "explain_again",
        r"\b(?:let me|allow me to|i will|we will|i'll|we'll) explain(?: this| it)?(?: to you)?"
        r" (?:again|once more|one more time|slowly)\b",
        "Talks down to the customer as if they were slow.",
        "Here is how the policy applies to your order:",
    ),
    _rule(
        "condescension",
        "you_need_to_understand",
        r"\byou (?:need|have|must) to (?:understand|realise|realize|accept)\b|\byou must understand\b",
        "Orders the customer to understand instead of explaining.",
        "We hope this explains our decision.",
    ),
    _rule(
        "condescension",
        "simple_enough",
        r"\b(?:simple|easy|straightforward) enough (?:for anyone|to understand|to follow)\b"
        r"|\bnot rocket science\b|\beven a child\b|\b(?:who|that) (?:cannot|can't) read\b"
        r"|\b(?:perhaps|maybe) next time you\b|\bread the (?:small|fine) print\b|\bwe expected better\b"
        r"|\b(?:your|the|this) (?:complaint|claim|request) is (?:unfounded|baseless|groundless|ridiculous|absurd)\b",
        "Suggests the customer failed at something simple.",
        "Describe the rule without judging it.",
    ),
    _rule(
        "sarcasm",
        "ironic_patience",
        r"\bthank(?:s| you)(?: (?:so|very) much)? for (?:all )?your"
        r" (?:endless|infinite|boundless|remarkable|incredible|amazing|unending) (?:patience|understanding)\b"
        r"|\bthank(?:s| you)(?: (?:so|very) much| a lot| a million)? for your "
        r"(?:patience|understanding)(?:\.\.\.|…|!!| i guess| i suppose)",
        "Thanks that read as irony.",
        "Thank you for your patience while we reviewed your request.",
    ),
    _rule(
        "sarcasm",
        "scare_quotes",
        r"\"(?:problems?|issues?|complaints?|defects?|emergency|emergencies|concerns?|reasons?|damage|mistakes?"
        r"|urgent|misunderstanding|fault|quality|faulty|broken|claims?)\"",
        "Quotation marks around the customer's own words mock them.",
        "Use the words without quotation marks.",
    ),
    _rule(
        "sarcasm",
        "so_called",
        r"\bso-called\b|\b(?:your|the|this) (?:alleged|supposed) \w+",
        "Casts doubt on the customer's account with a sneer.",
        "Describe what happened, with dates.",
    ),
    _rule(
        "sarcasm",
        "nice_try",
        r"\b(?:nice|good) try\b|\bthanks for nothing\b",
        "Mocks the customer's request.",
        "Leave it out.",
    ),
    _rule(
        "sarcasm",
        "sorry_you_feel",
        r"\bsorry (?:that )?you feel (?:that|this) way\b|\bsorry if you (?:feel|felt|were confused|misunderstood)\b",
        "A non-apology that blames the customer's feelings.",
        "We understand this is disappointing.",
    ),
    _rule(
        "sarcasm",
        "good_luck",
        r"\bgood luck (?:with|finding|getting|trying)\b",
        "Wishes luck with contempt, closing the door on the customer.",
        "We hope to serve you again.",
    ),
    _rule(
        "sarcasm",
        "what_a_surprise",
        r"\bwhat a (?:surprise|coincidence)\b|\bhow (?:convenient|surprising|interesting|funny) that\b"
        r"|\bfunny how\b|\bsurprise, surprise\b"
        r"|\bthanks? (?:you )?for (?:the|your) (?:one-star|1-star|negative|lovely) (?:review|rating|feedback)\b",
        "Ironic surprise insinuates the customer is lying.",
        "State the dates and let them speak.",
    ),
    _rule(
        "blame",
        "your_fault",
        r"\b(?:your|the customer's) (?:own )?fault\b|\byou are (?:to blame|at fault)\b|\bbecause of you\b"
        r"|\b(?:it was|it is|it's|was) your (?:own )?responsibility\b"
        r"|\bthe responsibility (?:was|is|lies) (?:yours|with you)\b"
        r"|\b(?:is|was) (?:entirely |all |solely )?down to you\b",
        "Blames the customer outright.",
        "State the facts without assigning fault.",
    ),
    _rule(
        "blame",
        "you_failed",
        r"\byou (?:failed|neglected|forgot|omitted) to\b|\byou (?:did not|didn't|never) bother to\b",
        "Accuses the customer of failing.",
        "Our records show that the cancellation arrived on …",
        unless_before=preceded_by(r"\bif|\bwhether|\bunless", 0),
    ),
    _rule(
        "blame",
        "your_mistake",
        r"\byour (?:own )?(?:carelessness|negligence|mistake|error|misuse|oversight|mishandling)\b",
        "Puts the fault on the customer.",
        "Describe what happened without naming a culprit.",
        unless_before=_NEGATED,
    ),
    _rule(
        "blame",
        "should_have",
        r"\byou (?:should|ought to|could) have (?:\w+ )?(?:contacted|cancell?ed|read|checked|told|informed|asked"
        r"|called|written|notified|returned|followed|known|noticed|reported)\b",
        "Tells the customer what they should have done.",
        "The terms allow cancellation until …",
    ),
    _rule(
        "blame",
        "you_ignored",
        r"\byou (?:ignored|disregarded|misused|mishandled|damaged|broke|misunderstood|misread)\b",
        "Accuses the customer of misconduct.",
        "State what the instructions say.",
    ),
    _rule(
        "blame",
        "did_not_follow",
        r"\b(?:because|since|as) you (?:did not|didn't|failed to|never) (?:follow|read|check|cancel|notify|inform"
        r"|contact|return|respect|comply)\b|\byou (?:did not|didn't) follow\b",
        "Makes the customer's omission the reason for the refusal.",
        "State the rule and the date instead.",
    ),
    _rule(
        "buyers_remorse",
        "changed_mind",
        r"\byou(?:'ve| have| had)? changed your mind\b|\b(?:a|your) change of (?:heart|mind)\b",
        "Buyer's remorse is an internal reason; the customer must never read it.",
        "Give the stated reasons: delivery, dates, policy.",
        unless_before=preceded_by(r"\bif|\bshould|\bwhen", 1),
    ),
    _rule(
        "buyers_remorse",
        "remorse",
        r"\b(?:buyer|purchaser)'?s'? remorse\b|\bsecond thoughts\b",
        "Buyer's remorse is an internal reason; the customer must never read it.",
        "Give the stated reasons: delivery, dates, policy.",
    ),
    _rule(
        "buyers_remorse",
        "no_longer_want",
        r"\byou (?:no longer|simply (?:don't|do not)|just (?:don't|do not)) (?:want|need|like|use)\b"
        r"|\byou (?:now )?regret (?:the|your|this|having)\b"
        r"|\bregret(?:ted)? (?:buying|purchasing|the purchase|your purchase)\b",
        "Tells the customer their real reason is remorse; an internal reason, never written.",
        "Give the stated reasons: delivery, dates, policy.",
        unless_before=preceded_by(r"\bif|\bwhether|\bshould", 0),
    ),
    _rule(
        "liability_admission",
        "we_admit",
        r"\b(?:we|i)(?: hereby| fully| freely)? (?:admit|concede)\b",
        "An admission in writing can be used against the business.",
        "We understand your concern.",
    ),
    _rule(
        "liability_admission",
        "our_fault",
        r"\b(?:our|my) (?:own )?(?:negligence|fault|mistake|error|failure|carelessness)\b",
        "Admits fault or negligence in a permanent record.",
        "Describe what happened, factually.",
        unless_before=_NEGATED,
    ),
    _rule(
        "liability_admission",
        "guarantee",
        r"\b(?:we|i)(?: can| will| hereby| personally| absolutely)? guarantee\b|\bguaranteed to\b",
        "A guarantee is a legal promise the business may not be able to keep.",
        "We will do our best to …",
    ),
    _rule(
        "liability_admission",
        "we_are_at_fault",
        r"\b(?:we are|we were|we're|i am|i was) (?:at fault|negligent|liable|to blame|wrong)\b",
        "Admits liability in writing.",
        "Leave it out; the reasons speak for themselves.",
    ),
    _rule(
        "liability_admission",
        "accept_responsibility",
        r"\b(?:we|i) (?:accept|take|assume) "
        r"(?:full |complete |all |total )?(?:the )?(?:responsibility|liability|blame)\b",
        "Accepts legal responsibility in writing.",
        "Leave it out, or have legal review the wording.",
        unless_before=_NEGATED,
    ),
    _rule(
        "liability_admission",
        "made_mistake",
        r"\b(?:we|i)(?: have)? made (?:a|an|the) (?:mistake|error)\b|\bwe (?:failed|neglected) to\b|\bwe messed up\b",
        "Admits a mistake in a letter that refuses a refund.",
        "Describe what happened, factually.",
    ),
    _rule(
        "threat",
        "legal_action",
        r"\b(?:take|pursue|begin|start|initiate|commence|bring) (?:legal|court) (?:action|proceedings)\b"
        r"|\b(?:we will|we'll|we shall) sue\b|\btake (?:you|this|the matter) to court\b"
        r"|\b(?:pursue|bring|take) (?:this|the) (?:matter|case|claim) (?:in|to|before) (?:the )?courts?\b",
        "Threatens the customer; the letter becomes evidence of hostility.",
        "If you disagree, you may contact …",
        unless_before=_NEGATED,
    ),
    _rule(
        "threat",
        "collections",
        r"\b(?:collection|collections) (?:agency|agencies|company|team|department)\b"
        r"|\bdebt (?:collectors?|collection|recovery)\b",
        "Threatens collections.",
        "Set out the balance and how to pay it.",
    ),
    _rule(
        "threat", "you_will_regret", r"\byou(?:'ll| will| are going to) regret\b", "An open threat.", "Leave it out."
    ),
    _rule(
        "threat",
        "lawyers_will",
        r"\bour (?:lawyers?|attorneys?|solicitors?|legal (?:team|department|counsel))"
        r" (?:will|would|are going to|shall) (?:be in touch|contact|pursue|take|deal|handle|follow)\b"
        r"|\b(?:handled|dealt with|pursued|taken over) by our "
        r"(?:lawyers|solicitors|attorneys|legal (?:team|department))\b",
        "Threatens the customer with lawyers.",
        "Leave it out.",
    ),
    _rule(
        "threat",
        "no_choice",
        r"\b(?:we will|we'll|we would) have no (?:choice|option|alternative) but to\b"
        r"|\b(?:we will|we'll|we shall|we may) (?:report|blacklist|ban) you\b"
        r"|\b(?:have|face|be) consequences\b",
        "A veiled threat.",
        "Leave it out.",
    ),
)

LEXICON = Lexicon(
    language="en",
    dictionary="en_US",
    phrases=PHRASES,
    thanks=any_match(r"\bthank(?:s| you)\b", r"\bgrateful\b", r"\bappreciate\b"),
    availability=any_match(
        r"\b(?:any|further|other|more) questions?\b",
        r"\bquestions? (?:you may have|about|on)\b",
        r"\bcontact (?:us|me)\b",
        r"\bget in touch\b",
        r"\breach (?:us|me)\b",
        r"\bcall (?:us|me)\b",
        r"\blet (?:us|me) know\b",
        r"\b(?:don't|do not) hesitate\b",
        r"\bfeel free\b",
        r"\b(?:i am|i'm|we are|we're|remain|remains|stay|be) (?:always |also |still )?available\b",
        r"\breply to (?:this|my|our) (?:e-?mail|letter|message)\b",
        r"\b(?:please|just) (?:call|phone|ring|email|e-mail|write to|reply|contact|send)\b",
        r"\b(?:call|phone|ring|email|write to) (?:the \w+(?: \w+)? (?:on|at)|us|me)\b",
        r"\bhappy to (?:discuss|talk|help|answer|hear|explain|go through|walk you through)\b",
        r"\bdrop (?:us|me) a (?:line|note)\b",
        r"\blike to (?:discuss|talk)\b",
        r"\bhear from you\b",
    ),
    refusal=any_match(
        r"\b(?:unable|not able) to (?:offer|issue|provide|process|grant|approve|give|make|refund)\b",
        r"\b(?:cannot|can't|can not) (?:offer|issue|provide|process|grant|approve|give|make|refund|accept)\b",
        r"\b(?:refund|reimbursement) is not (?:possible|available)\b",
        r"\bnot (?:eligible|entitled) (?:for|to)\b",
        r"\b(?:must|have to) decline\b",
        r"\b(?:will not|won't) (?:be )?refund",
    ),
    reasons=any_match(
        r"\bbecause\b",
        r"\bsince\b",
        r"\bdue to\b",
        r"\bgiven that\b",
        r"\bas (?:the|your|this|these|it|they|you)\b",
        r"\b(?:january|february|march|april|may|june|july|august|september|october|november|december) \d",
        r"\b\d+ (?:days?|weeks?|hours?|months?)\b",
        r"\btherefore\b",
        r"\bfor (?:this|these) reasons?\b",
        r"\bas per\b",
        r"\bunder (?:the|our|section|clause)\b",
        r"\baccording to\b",
        r"\bin accordance with\b",
        r"\b(?:policy|terms|clause|section|agreement|contract|conditions)\b",
        r"\b(?:delivered|completed|provided|performed|took place|on time|as agreed|as described)\b",
        r"\bwithin \d+ days\b",
        r"\b(?:deadline|expired|period|window)\b",
    ),
    concession=any_match(
        r"\bdiscount\b",
        r"\bvoucher\b",
        r"\bpartial refund\b",
        r"\bcredit (?:of|towards|for|note)\b",
        r"\b(?:a|your) credit\b(?! card)",
    ),
    goodwill=any_match(r"\bgood ?-?will\b", r"\bgesture\b", r"\bcourtesy\b"),
    no_fault=any_match(
        r"\b(?:not|no|without)(?: an?| any)? (?:admission|acknowledge?ment|acceptance) of (?:any )?"
        r"(?:fault|liability|responsibility|wrongdoing)\b",
        r"\bwithout (?:admitting|accepting|implying) (?:any )?(?:fault|liability|responsibility|wrongdoing)\b",
        r"\bnot because (?:of )?(?:any|a) (?:fault|mistake|error)\b",
        r"\bno fault\b",
        r"\bdoes not (?:imply|mean|constitute) (?:any |an )?(?:fault|liability|admission)\b",
    ),
    letter_suggestions={
        "missing_thanks": "Thank you for your message and for your business.",
        "missing_availability": "If you have any questions, please do not hesitate to contact me.",
        "missing_reasons": "The service was delivered on … as agreed, so …",
        "concession_not_goodwill": (
            "As a gesture of goodwill, and without any admission of fault, we would like to offer …"
        ),
        "long_sentence": "Split it into two or three sentences, one fact each.",
    },
    acronyms=frozenset(
        [
            "ID",
            "FAQ",
            "PDF",
            "VAT",
            "CEO",
            "CFO",
            "LLC",
            "LTD",
            "PLC",
            "INC",
            "UK",
            "USA",
            "US",
            "EU",
            "OK",
            "USB",
            "HDMI",
            "IBAN",
            "SWIFT",
            "BIC",
            "PIN",
            "SMS",
            "GPS",
            "TV",
            "PC",
            "IT",
            "HR",
            "AM",
            "PM",
            "ASAP",
            "RSVP",
            "PS",
            "NB",
            "DIY",
            "FYI",
            "ETA",
            "CC",
            "BCC",
            "UPS",
            "DHL",
            "FEDEX",
            "EMEA",
            "APAC",
            "GDPR",
            "ISO",
        ]
    ),
    shout_words=frozenset(
        [
            "not",
            "no",
            "never",
            "must",
            "will",
            "won't",
            "all",
            "any",
            "only",
            "now",
            "read",
            "so",
            "very",
            "do",
            "don't",
            "we",
            "you",
            "your",
            "our",
            "the",
            "and",
            "or",
            "is",
            "are",
            "this",
            "that",
            "ever",
            "none",
            "zero",
            "full",
            "stop",
            "final",
            "last",
            "again",
            "please",
            "immediately",
        ]
    ),
    long_sentence_words=54,
    spelling_variants=(
        ("isation", "ization"),
        ("ise", "ize"),
        ("yse", "yze"),
        ("our", "or"),
        ("tre", "ter"),
        ("ogue", "og"),
        ("lled", "led"),
        ("lling", "ling"),
    ),
)
