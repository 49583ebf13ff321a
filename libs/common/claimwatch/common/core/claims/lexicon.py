"""Words that carry claims: triggers per predicate, and cues for polarity, modality and speech."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from ..folded import Folded
from ..model import Mention


@dataclass(frozen=True)
class Trigger:
    predicate: str
    voice: str  # give / get (doer is the supplier / recipient), noun / getnoun (the same, as nouns), arrive
    start: int
    end: int
    passive: bool = False

    @property
    def noun(self) -> bool:
        return self.voice in ("noun", "getnoun")

    @property
    def receiving(self) -> bool:
        return self.voice in ("get", "getnoun")


# "providing evidence of", "gave no details": words given that are no transfer.
_NOT_GIVEN = (
    r" (?:no |any |more |new |further |little )?(?:evidence|proof|information|details?|data|clarity|comments?"
    r"|answers?|explanations?|context|insights?|assurances?|guarantees?|figures?|a timeline|a breakdown)\b"
)
# (predicate, voice, pattern). Order matters only for overlaps: the first pattern wins.
_TRIGGERS: tuple[tuple[str, str, str], ...] = (
    (
        "transfer",
        "noun",
        r"deliver(?:y|ies)|shipments?|transfers|(?<=the )transfer|(?<=a )transfer|supplies|exports|sales?"
        r"|deals?|contracts?|agreements?"
        r"|dealings?|provisions?(?= of)|suppliers?|exporters?|providers?|offers?(?= of)",
    ),
    (
        "transfer",
        "getnoun",
        r"purchases?|acquisitions?|procurements?|orders?(?= (?:for|of)\b)",
    ),
    ("transfer", "get", r"opt(?:s|ed|ing)? for|(?:take|takes|took|taking) (?:the )?delivery"),
    (
        "transfer",
        "arrive",
        r"arriv(?:e|es|ed|ing|al)|left for|head(?:ed|ing) (?:to|for)|bound for|(?<=its )way to"
        r"|(?<=their )way to|ended up in"
        # "More drones followed in June", "The first jets are expected in May": what arrives
        r"|followed(?= (?:in|on|later|soon|shortly)\b)"
        r"|(?:is|are) expected(?= (?:in|on|by|next|later|soon|shortly|within)\b)"
        # "reached Ukraine", not "reached an agreement", "reached a record"
        r"|reached(?! (?:an? |the |its |their )?(?:[\w-]+ )?(?:agreement|deal|consensus|accord|understanding"
        r"|compromise|settlement|decision|conclusion|level|point|stage|record|peak|target|milestone)s?\b)",
    ),
    (
        "transfer",
        "give",
        # "the supply chain" is logistics, not a transfer
        r"deliver(?:s|ed|ing)?|suppl(?:y|ies|ied|ying)(?! (?:chains?|lines?|routes?))|sen(?:d|ds|ding|t)"
        r"|ship(?:s|ped|ping)?",
    ),
    (
        "transfer",
        "give",
        r"(?:re-?)?export(?:s|ed|ing)?(?! controls?)|sell(?:s|ing)?|sold"
        rf"|provid(?:e|es|ed|ing)(?!{_NOT_GIVEN})"
        r"|hand(?:s|ed|ing)? over",
    ),
    ("transfer", "give", r"transfer(?:s|red|ring)?|dispatch(?:es|ed|ing)?|transport(?:ed|ing)|flown"),
    ("transfer", "give", rf"(?:giv(?:e|es|ing)|gave|given)(?!{_NOT_GIVEN})|donat(?:e|es|ed|ing)"),
    # "armed the Philippines with", "equipped Ukraine's army with": giving what it is equipped with;
    # "equip our army with" is buying for oneself, "arms deal with" a noun
    (
        "transfer",
        "give",
        r"(?:arm(?:s|ed|ing)?|equip(?:s|ped|ping)?)(?! (?:our|its|their|his|her|my|deals?|dealings?) )"
        r"(?= (?:[\w’'-]+ ){1,3}with\b)",
    ),
    ("transfer", "give", r"furnish(?:es|ed|ing)?|offer(?:s|ed|ing)(?! to)|offered"),
    # "the US promised tanks to Ukraine", "Germany pledged Leopards": a plan to give
    ("transfer", "give", r"promis(?:e|es|ed|ing)(?! to)|pledg(?:e|es|ed|ing)(?! to)"),
    (
        "transfer",
        "get",
        r"receiv(?:e|es|ed|ing)|acquir(?:e|es|ed|ing)|purchas(?:e|es|ed|ing)|bought|buy(?:s|ing)?",
    ),
    ("transfer", "get", r"obtain(?:s|ed|ing)?|import(?:s|ed|ing)?|procur(?:e|es|ed|ing)|get(?:s|ting)?|got"),
    # "Russia had ordered 2,400 drones": ordering a quantity is buying it, not giving an order
    (
        "transfer",
        "get",
        r"ordered(?= (?:\d|up to|more|some|several|dozens|hundreds|thousands|an? |(?:[\w-]+ ){1,3}from\b))"
        r"|orders(?= (?:[\w-]+ ){1,3}from\b)",
    ),
    # "at Minsk's request, Moscow would deploy": the possessor asked
    ("request", "noun", r"requests?(?= (?:from|for|by|to)|,)|(?:desire|demands?|calls?|pleas?)(?= for)"),
    (
        "request",
        "give",
        r"request(?:s|ed|ing)?|ask(?:s|ed|ing)?(?= (?:[\w’'-]+ ){0,3}for\b)|seek(?:s|ing)?|sought"
        r"|appeal(?:s|ed)? for"
        # "appealed to Iran for", "pleaded with Berlin for", "lobbying Washington for"
        r"|(?:appeal(?:s|ed|ing)? to|plead(?:s|ed|ing)? with|pled with|lobb(?:y|ies|ied|ying))"
        r"(?= (?:[\w’'-]+ ){1,3}for\b)",
    ),
    ("deploy", "noun", r"deployments?"),
    (
        "deploy",
        "arrive",
        r"presence|present"
        r"|there (?:are|were|is|was)(?! (?:no |any )?plans?\b)(?: (?:no|some|about|around|now))?",
    ),
    ("deploy", "give", r"deploy(?:s|ed|ing)?|station(?:s|ed|ing)?|install(?:s|ed|ing)?"),
    # Forces named by what they do where they are: "fighters are fighting in Ukraine".
    ("deploy", "give", r"(?<!the )(?<!a )fight(?:s|ing)?|fought|employ(?:s|ed|ing)?"),
    # Having none, or a number, somewhere: "Iran has no troops in Russia", "Wagner has 1,000 fighters in
    # Mali"; being based there: "fighters are based in Mali".
    (
        "transfer",
        "arrive",
        r"ha(?:s|ve|d)(?= (?:no|(?:about |around |some |more than |up to |nearly |over )?[\d,]+)"
        r" (?:[\w-]+ ){1,3}in\b)"
        r"|based(?= (?:in|at)\b)",
    ),
    # Being somewhere: "Abrams are already in Ukraine", "Russian trainers were in Mali".
    (
        "transfer",
        "arrive",
        r"(?:are|were|was|been|remain(?:s|ed)?)(?:\s+(?:already|now|still|currently|also))?"
        r"(?:\s+(?:seen|spotted|sighted|observed))?(?=\s+in\s+[A-Z])",
    ),
    # "dual-use items", "provide us with used aircraft": adjectives, not a use
    ("use", "give", r"(?<!dual-)(?:us(?:e|es|ing)|(?<!with )used)|launch(?:es|ed|ing)?|fir(?:e|es|ed|ing)"),
    # "attacked Kyiv with drones": the weapon of an attack is used against its target
    (
        "use",
        "give",
        r"(?:attack(?:s|ed|ing)?|str(?:uck|ikes?|iking)|hit(?:s|ting)?)(?= (?:[\w’'-]+ ){1,4}with\b)",
    ),
    ("produce", "give", r"produc(?:e|es|ed|ing)|manufactur(?:e|es|ed|ing)|assembl(?:e|es|ed|ing)"),
    ("produce", "noun", r"production(?= of\b)"),
    ("train", "give", r"train(?:s|ed|ing)?"),
    ("possess", "give", r"possess(?:es|ed|ing)?|operat(?:e|es|ed|ing)"),
    ("sanction", "give", r"sanction(?:s|ed|ing)?|blacklist(?:s|ed)?"),
)
# One alternation, one pass per sentence; at a given position the first listed pattern wins.
_TRIGGER_RX = re.compile(
    "|".join(rf"(?P<t{i}>\b(?:{rx})\b)" for i, (_, _, rx) in enumerate(_TRIGGERS)), re.IGNORECASE
)
# The same over lowered text, without IGNORECASE: several times faster ("in [A-Z]" was any letter).
_TRIGGER_LOW = re.compile(_TRIGGER_RX.pattern.replace("[A-Z]", "[a-z]"))

BE_BEFORE = Folded(  # a passive's auxiliary right before its participle
    r"\b(?:is|are|was|were|be|been|being|get|got)\s+"
    r"(?:(?:\w+ly|ever|never|not|already|also|yet|now|still|just|since|all)\s+){0,2}$",
    re.IGNORECASE,
)
_ADJ_PARTICIPLE = re.compile(r"^\S*(?:ed|ied|sent|sold|flown|given|bought)(?: over)?$", re.IGNORECASE)


# Every trigger word starts with one of these: the full pattern is tried only where one does.
_START_WORDS = (
    "the del shi tra sup exp sal sel sen dea con agr pur opt tak too arr off pre sol pro han dis flo giv gav"
    " get got ord lef hea bou way des dem cal ple"
    " don arm equ fur rec acq bou buy obt imp req ask see sou app dep sta ins use usi lau fir man ass pos ope"
    " san bla fig fou emp are was wer bee rem rea end att str hit fol is re- ree ple lob"
)
# "has no troops in", "has 1,000 fighters in": tried only where "no" or a number follows, not at every "has".
_HAVING = [
    f"{verb} {next_word}"
    for verb in ("has", "had", "have")
    for next_word in ("no", *"0123456789", "about", "around", "some", "more", "up", "nearly", "over")
]
_STARTS = frozenset([*_START_WORDS.split(), *_HAVING, "bas"])
_BY = re.compile(r"\s+by\b")
_TO_THEN_BY = re.compile(r"\s+(?:to|into)\s+(?:the\s+)?(?:[\w-]+\s+){1,3}by\b")  # "sent to Russia by Iran"
_ITEM_FOR = re.compile(r"\s+(for)\s+(?:the\s+)?$")
_AID_WORDS = ("aid ", "assistance ", "support ", "package")
_AID_TO = re.compile(r"\b(?:aid|assistance|support|packages?) (to|for)\b")
_SAME_CLAUSE = re.compile(r"[^,;.:]{0,80}")
_AID_OF_INFINITIVE = re.compile(r"\bto [a-z]+ (?:[\w-]+ ){0,3}(?:aid|assistance|support|packages?) $")


def _trie(words: list[str]) -> str:
    """An alternation factored by first letter ("d(?:e(?:a|l)|is)"): the regex engine rejects a
    word after a letter or two instead of trying every branch."""
    firsts: dict[str, list[str]] = {}
    for w in sorted(words):
        firsts.setdefault(w[0], []).append(w[1:])
    parts = []
    for c, rest in firsts.items():
        if len(rest) == 1:
            parts.append(c + rest[0])
        else:
            parts.append(f"{c}(?:{_trie(rest) if all(rest) else '|'.join(rest)})")
    return "|".join(parts)


# The full alternation is tried only at a word start with a trigger's first three letters.
_PREFIXED = re.compile(rf"\b(?={_trie(list(_STARTS))})(?:{_TRIGGER_LOW.pattern})")


def find_triggers(sentence: str) -> list[Trigger]:
    out: list[Trigger] = []
    low = sentence.lower()
    rx, text = (_PREFIXED, low) if len(low) == len(sentence) else (_TRIGGER_RX, sentence)
    for m in rx.finditer(text):
        predicate, voice, _ = _TRIGGERS[int((m.lastgroup or "t0")[1:])]
        passive = voice in ("give", "get") and (
            (
                _ADJ_PARTICIPLE.match(m.group(0)) is not None
                and BE_BEFORE.search(sentence[max(0, m.start() - 30) : m.start()]) is not None
            )
            or _BY.match(sentence, m.end()) is not None
            or (
                _ADJ_PARTICIPLE.match(m.group(0)) is not None
                and _TO_THEN_BY.match(sentence, m.end()) is not None
            )
        )
        out.append(Trigger(predicate, voice, m.start(), m.end(), passive))
    if any(w in low for w in _AID_WORDS):
        out = merged(out, _aid_acts(low, out))
    return out


def merged(triggers: Sequence[Trigger], more: Sequence[Trigger]) -> list[Trigger]:
    """Two lists of a sentence's triggers as one, in text order (the frames read them so)."""
    return sorted([*triggers, *more], key=_trigger_start) if more else list(triggers)


def _trigger_start(t: Trigger) -> int:
    return t.start


def _verb_before(text: str, verbs: Sequence[Trigger], at: int) -> bool:
    """A trigger earlier in the same clause as `at`: the act is that verb's, what follows its object."""
    before = [t for t in verbs if t.end <= at]
    return bool(before) and _SAME_CLAUSE.fullmatch(text, before[-1].end, at) is not None


def _verb_after(text: str, verbs: Sequence[Trigger], at: int) -> bool:
    """A trigger later in the same clause as `at`: what comes before is that verb's subject."""
    after = [t for t in verbs if t.start >= at]
    return bool(after) and _SAME_CLAUSE.fullmatch(text, at, after[0].start) is not None


def _aid_acts(low: str, verbs: list[Trigger]) -> list[Trigger]:
    """Aid named without a verb, "China's military aid to Russia", "a package for Ukraine that includes":
    the preposition after the aid word stands for the act, unless a verb before it is the act."""
    out = []
    for m in _AID_TO.finditer(low):
        at = m.start(1)
        if _verb_before(low, verbs, at):
            continue  # "has not provided military aid to Russia": the verb is the act, "aid" its object
        if _AID_OF_INFINITIVE.search(low, max(0, at - 60), at):
            continue  # "retains the discretion to expand its military assistance to": no act of its own
        out.append(Trigger("transfer", "noun", m.start(1), m.end(1)))
    return out


def items_for(sentence: str, mentions: Sequence[Mention], verbs: Sequence[Trigger]) -> list[Trigger]:
    """'No Leopard tanks for Ukraine', 'Berlin rules out tanks for Kyiv': an item for a country with no
    verb of giving in its clause; the 'for' stands for the act."""
    out = []
    for item, actor in pairwise(mentions):
        if item.kind not in ("system", "category") or actor.kind != "actor" or actor.form == "demonym":
            continue
        found = _ITEM_FOR.match(sentence, item.end, actor.start)
        if found is None:
            continue
        at = found.start(1)
        if (
            any(t.start <= at < t.end for t in verbs)
            or _verb_before(sentence, verbs, item.start)
            or _verb_after(sentence, verbs, actor.end)
        ):
            continue  # "sent Leopard tanks for Ukraine", "ATACMS for Ukraine could be sent": the verb's
        out.append(Trigger("transfer", "noun", at, at + 3))
    return out


# Polarity: a negation just before the trigger, or a denial of the whole statement.
NEGATION = Folded(
    r"\bneither\b[^.;]*?\bnor\b"  # one negation: "Neither Iran nor anyone else has supplied"
    r"|\b(?:not|never|no longer|neither|nor|cannot)\b|n['’]t\b|\bno\b(?=\s+\w+\s*$)"
    r"|\byet\s+to\s+$"  # "has yet to deliver": not done
    r"|\bno\s+(?:\w+\s+)?(?:plans?|intention|intent|desire|wish)\s+(?:to|of)\b"
    r"|\b(?:nearly|almost)\s+$"  # "nearly delivered": it did not happen
    r"|\bno\s+$"  # "There have been no deliveries of"
    r"|\bno\s+(?:[\w-]+\s+){2,3}$"  # "no Leopard tanks for": the trigger is "for"
    r"|\bno\s+(?:[\w-]+\s+){1,3}(?:was|were|is|are|has been|have been|had been)\s+$",  # "No missile was sent"
    re.IGNORECASE,
)
DENIAL = Folded(
    r"\b(?:den(?:y|ies|ied|ying|ials?)|reject(?:s|ed)?|refut(?:e|es|ed)|dismiss(?:es|ed)?)\b"
    r"|\b(?:fabricat\w+|fake|false|baseless|groundless|unfounded|untrue|nonsense|a lie|disinformation"
    r"|absurd|ridiculous|misinformation|no basis|disput(?:ed|ing)"
    r"|(?:not\s+|in)accurate|not true|incorrect|no truth|(?:are|were|is|was) (?:all )?lies"
    r"|propaganda|politically motivated|smear|slander\w*|fiction|fairy[- ]?tales?|fantas(?:y|ies)|hoax"
    r"|psychological warfare"
    r"|question(?:s|ed|ing)? the (?:accuracy|veracity|authenticity))\b",
    re.IGNORECASE,
)
# A denial itself negated: "did not deny supplying", "would not deny the reports".
NOT_DENIED = Folded(
    r"\b(?:not|never|n['’]t|refus\w*\s+to|declin\w*\s+to)\s+(?:\w+\s+)?"
    r"(?:den(?:y|ies|ied|ying)|reject|refute|dispute)\b",
    re.IGNORECASE,
)
# What a later verdict is about: "called the reports about the supplies of drones ... a fake".
REPORT_OF = Folded(
    r"\b(?:reports?|reporting|news|claims?|allegations?|accusations?|rumou?rs?|stor(?:y|ies)|speculation)\s+"
    r"(?:about|of|on|that|regarding|concerning|claiming|saying|suggesting|alleging)\b"
)
# Words that negate what follows them: "the US refusal to sell", "halted the delivery", "ruled out".
# A plan put off, dropped or barred: "postponed the delivery", "policy against directly providing".
_PUT_OFF = (
    r"postpon(?:e|es|ed|ing|ement)|abandon(?:s|ed|ing)?|shelved|scrapped|prohibit(?:s|ed|ing)?"
    r"|dropped(?= plans?\b)|pull(?:s|ed|ing)? out of|withdr(?:ew|awn|aws?) from|walk(?:s|ed)? away from"
    r"|exclud(?:e|es|ed)|exclusion|against(?=\s+(?:\w+ly\s+)?$)"
)
# Kept from acting, in plan or in fact: "policy against", "prevented Poland from", "unlikely to".
_BARRED = (
    r"polic(?:y|ies) against|unlikely to|f[ae]ll(?:en|s)? behind on"
    r"|prevent(?:s|ed|ing)?|bar(?:s|red|ring)?(?= (?:[\w’'-]+ ){0,3}from\b)"
)
# A refusal: "refused to sell", "declined to send", "turned down", "vetoed".
_REFUSE = r"refus(?:e|es|ed|al|ing)|declin(?:e|es|ed|ing)|turn(?:s|ed|ing)? down|vetoe?(?:s|d)?"
NEGATOR = Folded(
    rf"\b(?:{_REFUSE}|halt(?:s|ed|ing)?|suspen(?:d|ds|ded|ding|sion)|cancel(?:s|led|ed|ling|ing)?"
    r"|rul(?:ed|es|e|ing) out|argu(?:ed|es|ing) against|unable to|reject(?:s|ed|ing)?"
    r"|reluctan(?:t|ce)|hesitant|no question"
    r"|out of the question"
    r"|stopp?(?:ed|ing)?|block(?:s|ed|ing)?|ban(?:s|ned)?|unwilling(?:ness)?|oppos(?:e|es|ed|ing)"
    rf"|nothing to do with|unmet|unfulfilled|{_BARRED}|fail(?:s|ed|ing)? to|behind schedule"
    r"|rejection|hold(?:s|ing)? off|held off|cancell?ation|termination"
    rf"|{_PUT_OFF}|delay(?:s|ed|ing)?(?=\s+(?:the\s+)?(?:[\w-]+\s+)?$))\b",
    re.IGNORECASE,
)
# A verdict after a gerund subject: "Giving our S-400 to any other country is out of the question".
RIGHT_NEGATOR = Folded(
    r"[^.;]{0,80}?\b(?:is|was|would be|remains)\s+(?:(?:simply|completely|totally)\s+)?"
    r"(?:out of the question|not an option|off the table|impossible|ruled out|not on the agenda)\b",
    re.IGNORECASE,
)
# ... and words that undo a negation: "will not take any steps back from purchasing".
REVERSAL = Folded(
    r"\b(?:steps? back|back down|backtrack\w*|reverse|revers(?:ed|ing|al)|not (?:the )?only)\b", re.IGNORECASE
)  # "is not the only country supplying": it is one
# "no obstacles to supplying", "nothing prevents ... from exporting": an affirmed possibility.
NO_OBSTACLE = Folded(
    r"\b(?:no\s+(?:\w+\s+){0,4}(?:obstacles?|barriers?|objections?|prohibit\w*|treat(?:y|ies))|nothing\s+(?:prevents|stops|bars))\b",
    re.IGNORECASE,
)
NEGATIVE_ANSWER = Folded(r"^\W*no\b|\bnot\b|n[’']t\b", re.IGNORECASE)
QUESTION = Folded(
    r"\b(?:asked|asking|whether|if|questions?)(?:\s+(?:about|on|over)(?:\s+(?:the|an?|any))?)?\s+$",
    re.IGNORECASE,
)
# A refusal of a plan, not of a past act: "ruled out sending", "not prepared to provide" -> negated, planned.
PLAN_NEGATOR = Folded(
    r"(?:\b|(?=n[’']t))(?:rul(?:ed|es|e|ing) out|out of the question"
    r"|(?:not|n[’']t)\s+(?:\w+\s+)?(?:prepared|ready|going) to"
    rf"|unable to|argu(?:ed|es|ing) against|{_BARRED}|block(?:s|ed|ing)"
    r"|unwilling(?:ness)? to|cancel(?:s|led|ed|ling|ing|lation)?|decisions? not to"
    r"|will not|won[’']t|would not|wouldn[’']t|no plans?|not plan"
    rf"|no (?:intention|intent)|{_REFUSE}"
    r"|not an option|off the table|not on the agenda|impossible"
    r"|(?:not|n[’']t)\s+(?:[\w’']+\s+){0,2}there yet"
    rf"|{_PUT_OFF}|excluding|delay(?:s|ed|ing)?"
    r"|reject\w* the (?:possibility|idea|option)|(?:not|cannot) (?:to )?allow)\b",
    re.IGNORECASE,
)
# Reluctance is a leaning, not a refusal: negated, possible.
RELUCTANT = Folded(r"\b(?:reluctan(?:t|ce)|hesita(?:nt|nce|ted)|wary|unwilling(?:ness)?)\b", re.IGNORECASE)
# The agreement itself names a plan: "the S-400 deal", "a contract for the supply of".
AGREEMENT = Folded(r"\b(?:deals?|contracts?|agreements?|orders?)\b", re.IGNORECASE)
# A future after a nominal trigger: "delivery of S-400s to India will take place in 2026".
FUTURE_AFTER = Folded(
    r"[^,;.]{0,80}?\b(?:will|would|(?:is|are|was|were) (?:expected|scheduled|due|set) to"
    r"|(?:is|are) planned)\b",
    re.IGNORECASE,
)
# A transfer named as what an agreement is for: "signed an agreement for the delivery of".
UNDER_AGREEMENT = Folded(
    r"\b(?:deals?|contracts?|agreements?|accords?)\s+(?:\w+\s+){0,2}(?:for|on|of|over)\s+(?:the\s+)?$"
    r"|\b(?:deals?|contracts?|agreements?|accords?)\s+with\s+(?:[\w-]+\s+){1,3}to\s+$",  # "a deal with X to"
    re.IGNORECASE,
)
# "the agency responsible for exporting weapons": a description of a role, not an event.
# Who is in charge of an act, or the rules that govern it ("strict controls on the export of"): no act.
ROLE = Folded(
    r"\b(?:responsible for|in charge of|tasked with|authori[sz]ed to|(?:the|its|their|a) rights? to"
    r"|(?:controls?|restrictions?|curbs?|limits?|bans?)\s+on(?:\s+the)?|control(?:s|led|ling)?(?:\s+the)?)\s+$",
    re.IGNORECASE,
)

UNSURE = Folded(
    r"\b(?:(?:can ?not|could not|couldn['’]t|unable to|did not|has not been able to|declin\w* to|refus\w* to)"
    r"\s+(?:\w+\s+)?(?:confirm|verify)"
    r"|neither\s+confirm\w*\s+nor\s+den\w*|never\s+(?:\w+\s+)?confirm\w*"
    r"|no (?:indication|evidence|confirmation|proof)|(?:unclear|uncertain|not clear|unknown) (?:whether|if)"
    r"|remains? (?:unclear|uncertain|unconfirmed)|no (?:final )?decision"
    r"|not seen (?:any )?(?:signs?|evidence|indications?)|(?:have|has|had)\s+not\s+seen)\b"
    r"|\bwhether\s+(?:[\w’'-]+\s+){0,6}$",
    re.IGNORECASE,
)
POSSIBLE = Folded(
    r"\b(?:may|might|could|can|possibl[ey]|probabl[ey]|negotiat\w*|discussions?|in talks|possibility"
    r"|potentially|(?:believed|thought|suspected) (?:to|of)|(?:appears?|appeared|seems?|seemed) to have"
    r"|interest(?:ed)? in|hop(?:e|es|ed|ing) to|offer(?:s|ed|ing)? to"
    r"|consider(?:s|ed|ing)?|mull(?:s|ing)?"
    r"|weigh(?:s|ing)?|discuss(?:es|ed|ing)?|option|perhaps|hint(?:s|ed)?|suggest(?:s|ed)?|willing"
    r"|offer(?:s|ed)?"
    r"|propos(?:al|ed|es)|urg(?:e|es|ed)|talks|idea|likely|permission|allow|on the table|ready to"
    r"|(?<!un)able to|capab(?:le|ility) (?:to|of)|capacity to|in a position to|want(?:s|ed)? to)\b"
    r"|\bshould\s+(?!also\b|not\b|never\b|now\b|still\b|\w+ly\b)[\w.'’-]+\s+$",  # "should Tehran supply"
    re.IGNORECASE,
)
PLANNED = Folded(
    r"\b(?:will|shall|won['’]t|would|(?:is|are|was|were) to|(?:is|are|was|were) due to|supposed to|meant to"
    r"|plan(?:s|ned|ning)?"
    r"|intend(?:s|ed)?|prepar(?:es|ed|ing)|going to|set to"
    r"|agreed to|agreed with (?:[\w-]+ ){1,3}to|expected to|scheduled|about to|promis(?:es|ed)|pledg(?:es|ed)"
    r"|to be"
    r"|deal|agreement|contract|decision to"
    r"|decid(?:e|es|ed|ing) to|poised to|prepared to|ready to|announce\w*|will be|approv(?:e|es|ed|al)"
    r"|clear(?:s|ed)|green[- ]?light(?:s|ed)?|ok(?:s|ays|ayed|ed)|authori[sz](?:e|es|ed)"
    r"|imminent|upcoming|forthcoming|pending|allow(?:s|ed)|permit(?:s|ted))\b",
    re.IGNORECASE,
)
REPORTED = Folded(
    r"\b(?:reportedly|allegedly|purportedly|is said to|are said to|rumou?red"
    r"|(?:is|are|was|were) reported to)\b",
    re.IGNORECASE,
)

# Verbs of asking someone to act: "asked", "urged", "called on", "pressed", "persuading".
ASKING = (
    r"ask(?:s|ed|ing)?|urg(?:e|es|ed|ing)|call(?:s|ed|ing)? on|demand(?:s|ed|ing)?|press(?:es|ed|ing)?"
    r"|want(?:s|ed)?(?=\s+(?!to\b)[\w’'-]+)"
    r"|lobb(?:y|ies|ied|ying)|persuad(?:e|es|ed|ing)"
)
# A transfer someone asks for is not one that happened: "asked his allies to supply Ukraine with F-16s".
WISH = Folded(
    rf"\b(?:{ASKING}|warn(?:s|ed|ing|ings?)?)\b(?:\s+[\w’'-]+){{0,5}}"
    r"\s+(?:to|that|against)\s+"
    r"(?:[\w’'.-]+\s+){0,3}$",
    re.IGNORECASE,
)

# Speech: "X said", "said X", "according to X", "X reported", "citing X".
SAY_VERBS = (
    r"said|says|told|tells|stated|states|claimed|claims|noted|notes|added|adds|explained|revealed|disclosed"
    r"|informed|asserted|suggested|hinted|implied|emphasi[sz]ed|stressed|confirmed|denied|denies|enumerated"
    r"|announced|insisted|warned|argued|wrote|declared|admitted|acknowledged|clarified|speaking|saying"
    r"|spoke|reported|reports|indicated"
)
SAY = Folded(rf"\b(?:{SAY_VERBS})\b", re.IGNORECASE)
ACCORDING = re.compile(
    r"\b(?i:according to|citing|cited by|as reported by|reported by)\s+"
    r"((?:(?:a|an|the)\s+)?(?:[A-Z][\w.&'’-]*|U\.S\.)(?:\s+(?:[A-Z][\w.&'’-]*|of|report|intelligence|officials?|sources?|media)\b)*)"
)
OUTLET_REPORTED = re.compile(r"((?:[A-Z][\w.&'’-]*\s+){0,3}[A-Z][\w.&'’-]*)\s+(?:reported|reports|wrote)\b")
PRONOUN_SAY = Folded(
    rf"\b(?:he|she|they)\s+(?:\w+\s+)?(?:{SAY_VERBS})\b|\b(?:{SAY_VERBS})\s+(?:he|she)\b", re.IGNORECASE
)
