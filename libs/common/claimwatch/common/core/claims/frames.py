"""One sentence to propositions: triggers, their roles, items, polarity and modality.

Each trigger owns the text up to the next trigger. An actor right before a
trigger (only auxiliaries between) is its doer; an actor after a preposition
takes the role that preposition gives (to -> recipient, from -> supplier, by ->
doer of a passive). Items after the trigger are its objects; with none there,
the items before it (passives: "the Buk-M2E had been transported to ...").
Missing roles are filled from the previous trigger of the same sentence, from
an item's demonym ("the Russian Pantsir-S1") or from the speaker's country.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ..folded import Folded
from ..knowledge import PERSONNEL, TOP_ITEMS
from ..model import Mention
from ..watchlist import Watchlist
from .constructions import (
    AND,
    CLASS_WORDS,
    HELPING,
    WANTS,
    accused,
    asker,
    co_listed,
    demonym_acts,
    refused,
    to_a_class,
)
from .cues import Cues
from .lexicon import BE_BEFORE, Trigger
from .objects import AUX_GAP, object_follows, objects, tail
from .origins import affiliates, item_origins, organisations
from .polarity import sense_of, wished
from .roles import (
    AT_HOME,
    PREP,
    Frame,
    Proposition,
    fill,
    parties,
    ruled_out,
    sanction,
    topic,
)

_COORDINATED = Folded(r"\b(?:or|and)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
_OWN_ACT = re.compile(
    r"['’]s\s+(?:(?:renewed|repeated|latest|new)\s+)?(?:decision|plans?|move|bid|attempt|intention|refusal"
    r"|requests?|appeals?|calls?|pleas?)\b"
)  # "Ankara's decision to buy"
# "Kyiv made a renewed request", "Iran is preparing the first shipment": the subject does the act noun.
_LIGHT = Folded(
    r"^\s+(?:(?:has|have|had|is|are|was|were|will|would)\s+)?(?:(?:already|also|now|just|reportedly)\s+)?"
    r"(?:made|makes|make|making|submitted|filed|issued|lodged|renewed|prepar\w*|postpon\w*|delay\w*"
    r"|cancel\w*|suspend\w*|halt\w*|abandon\w*|approv\w*|authori[sz]ed|complet\w*|placed|resum\w*"
    r"|clear(?:s|ed)|green-?light(?:s|ed)?|ok(?:s|ays|ayed|ed)|block(?:s|ed)|nix(?:es|ed)?|veto(?:es|ed)"
    r"|f[ae]ll(?:en|s)? behind on)\s+"
    r"(?:an?\s+|its\s+|their\s+|the\s+)?(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
# "to Ukraine, and the Netherlands followed suit": a new clause's subject, not a second recipient.
# "to Russia, Kyiv said": the speaker.
_NEW_CLAUSE = re.compile(
    r"\s+(?:has|have|had|will|would|is|are|was|were|said|says|told|tells|wrote|writes|[a-z]+ed)\b"
)
# "had never sent and will never send any weapons": the first verb shares the second's object.
_SHARED_OBJECT = re.compile(r"\s+(?:and|or|nor)\s+(?:[\w’']+\s+){0,5}$", re.IGNORECASE)
# "It is the United States, not China, that is sending weapons": the actor the sentence rules out.
_CONTRAST = re.compile(r"(?:,|\bbut)\s+not\s+(?:the\s+)?$", re.IGNORECASE)
_WITH = re.compile(r"\s+with\b")
_DEAL_WITH = re.compile(
    r"\b(?:deal|agreement|accord|pact|contract|arrangement|treaty|talks|negotiat\w*|discussions|agree[sd]?)"
    r"\s+with\s+"
    r"(?:the\s+)?(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
_TO_VERB = re.compile(r"\bto\s+$")
_DEMONYM_OWNED = re.compile(r"\s+(?:[\w-]+\s+){1,3}")  # "Chinese military aid to"
_OWNED = re.compile(r"['’]s\s+(?:[\w-]+\s+){0,2}")  # "Turkey's alleged delivery"
# "Germany is now the second-biggest supplier of": the copula's subject is the agent.
_COPULA = re.compile(
    r"^\s+(?:is|are|was|were|has been|have been|remains?|remained|became|becomes|has become)\s+"
    r"(?:[\w’'-]+\s+){0,4}$",
    re.IGNORECASE,
)
_FROM_RIGHT_AFTER = re.compile(r"\s+from\s+(?:the\s+)?")
_MADE_IN = re.compile(r"\b(?:made|built|produced|manufactured|designed|assembled)\s+in\s+(?:the\s+)?$", re.I)
# "blocked Poland from re-exporting", "barred Kyiv from using": the object is kept from doing the act.
_KEPT_FROM = re.compile(r"^\s+from\s+(?:[\w-]+ly\s+)?$")
# "Iran, the main supplier of": an apposition names the agent too.
_APPOSITIVE = re.compile(r"^\s*,\s+(?:the|a|an|its)\s+(?:[\w’'-]+\s+){0,3}$", re.IGNORECASE)
# "accused Iran of helping the war by providing drones": the accused does the act that follows.
_OF_ACT = re.compile(r"\s+(?:of|for)\s+(?:[\w’'-]+\s+){0,8}$")
_ALTERNATIVE_BETWEEN = re.compile(r"\b(?:rather than|instead of)\b", re.IGNORECASE)
_PREP_START = re.compile(r"\s+(?:with|for|from|of|in|at|on|into|against)\s", re.IGNORECASE)
_DETERMINER_END = re.compile(r"\b(?:the|a|an|its|their)\s+$", re.IGNORECASE)
_NOUN_OBJECT = re.compile(r"[^,;.]{0,60}$")  # short, in one clause: "Russia with several "
_INFINITIVE = re.compile(r"^\s+to\s+$")
# "was given tanks", "was supplied with": a passive with an object left is one of giving to its subject
_SECOND_OBJECT = re.compile(r"\s+(?!(?:to|into|in|at|by|from|for|on|as|and|or|but)\b)[\w$]")
_MAX_WORDS = 12  # a prepositional role further than this from its trigger belongs elsewhere


def _role_of_prep(prep: str, trigger: Trigger) -> str:
    p, noun = trigger.predicate, trigger.noun
    if prep in ("to", "into") or (prep == "for" and p in ("transfer", "deploy", "train")):
        return "recipient"
    if prep == "from":
        return "doer" if (p == "request" and noun) else ("recipient" if p == "request" else "supplier")
    if prep == "by":
        return "doer" if trigger.passive or noun else ""
    if prep in ("against", "on") and p in ("use", "deploy"):  # "deployed on Malian territory"
        return "recipient"
    if prep in ("in", "at") and (p in ("deploy", "produce", "use", "transfer") or trigger.voice == "arrive"):
        return "recipient"
    if prep in ("in", "at") and p == "train" and trigger.passive:
        return "doer"  # "pilots are trained in Sweden": the host trains them
    return ""


def extract_propositions(
    sentence: str,
    mentions: Sequence[Mention],
    triggers: Sequence[Trigger],
    watchlist: Watchlist,
    speaker_country: str,
    context: tuple[str, str] = ("", ""),
    known_origins: Mapping[str, str] | None = None,
    countries: Mapping[str, str] | None = None,
) -> tuple[list[Proposition], tuple[str, str]]:
    """Propositions of one sentence (mention spans relative to it), and the (subject, recipient)
    context the next sentence of the paragraph may lean on."""
    items = [m for m in mentions if m.kind in ("system", "category")]
    # A trigger word inside an item's name is part of the name: "crucial defense supplies".
    triggers = [t for t in triggers if not any(m.start <= t.start < m.end for m in items)]
    if not triggers:
        return [], context
    actors = [m for m in mentions if m.kind == "actor" and m.entity not in watchlist.people]
    frames = [Frame(t) for t in triggers]
    orgs = organisations(watchlist)
    # The caller's origins already hold this sentence's own ("Turkey's S-400" here, not elsewhere).
    origin = dict(known_origins) if known_origins is not None else item_origins(sentence, mentions, orgs=orgs)
    members = affiliates(sentence, mentions, orgs)
    subject_hint = topic(sentence, mentions, triggers, countries or {})
    spare: list[str] = []
    last: tuple[Mention, Frame, str] | None = None
    contrast = "not" in sentence.lower()  # what _CONTRAST needs: most sentences rule no one out
    excluded = [a.entity for a in actors if contrast and _CONTRAST.search(tail(sentence, a.start))]
    for a in actors:
        if a.entity in excluded:
            continue  # not a party to the act the sentence asserts, but one it denies
        demonym = a.form == "demonym" and not PREP.search(tail(sentence, a.start))
        if demonym and not demonym_acts(sentence, a):
            continue  # "the Russian Pantsir-S1": where it comes from, not who acts
        owned = _owned_act(sentence, a, frames, _DEMONYM_OWNED, gerund=False) if demonym else None
        if owned:
            owned.owner = owned.owner or a.entity  # "Chinese military aid to Russia": China's act
            continue
        if a.start in {start for start, _ in members.values()}:
            continue  # "mercenaries from the Wagner group": whose they are, not who sent them
        joined = bool(last and AND.match(sentence, last[0].end, a.start))
        joined = joined and not _NEW_CLAUSE.match(sentence, a.end)
        if last and last[2] in ("recipient", "doer") and joined:
            # "present in Mali and Libya"; "Moscow and Ankara signed an agreement": the other party
            (last[1].more if last[2] == "recipient" else last[1].partners).append(a.entity)
            last = (a, last[1], last[2])
            continue
        possessive = sentence[a.end : a.end + 2] in ("'s", "’s") and not _OWN_ACT.match(sentence, a.end)
        if possessive and PREP.search(tail(sentence, a.start)):
            possessive = False  # "to India's military", "to Haftar's army": the possessor receives
        if possessive:
            owned = _owned_act(sentence, a, frames, _OWNED, gerund=True)
            if owned:
                owned.owner = owned.owner or a.entity
                last = None
                continue
        role = _assign(sentence, a, frames, actors) if not possessive else None
        last = (a, *role) if role else None
        if not role:
            spare.append(a.entity)
    roled = {getattr(f, r) for f in frames for r in ("doer", "supplier", "recipient")}
    spare = [s for s in spare if s not in roled]  # "Germany announced that it would send ...": taken
    out: list[Proposition] = []
    prev_objs: list[str] = []
    prev = ("", "")  # (subject, recipient) last seen: "delivered X to V and may send Y"
    prev_predicate = ""
    unnamed: list[Proposition] = []  # acts towards a class of countries: no claim of their own
    low = sentence.lower()
    cues = Cues(low)  # one pass over the sentence for all its triggers
    helping = "help" in low  # what the rarer patterns need: skip them where their word is absent
    classes = any(w in low for w in CLASS_WORDS)
    absorbed: set[int] = set()  # noun triggers that are a verb's object: "provided X with shipments of"
    for i, f in enumerate(frames):
        if i in absorbed:
            continue
        t = f.trigger
        lo = frames[i - 1].trigger.end if i else 0
        hi = frames[i + 1].trigger.start if i + 1 < len(frames) else len(sentence)
        if t.noun and _COORDINATED.search(sentence[lo : t.start]):
            continue  # "weapons or troop deployments": part of the previous object
        if t.predicate == "sanction":
            out += sanction(sentence, t, actors, lo)
            continue
        objs = objects(sentence, t, items, lo, hi, watchlist)
        shared = i + 1 < len(frames) and _SHARED_OBJECT.match(sentence, t.end, hi)
        if shared and not any(lo <= m.start < hi for m in items):
            nxt = frames[i + 1]
            after = frames[i + 2].trigger.start if i + 2 < len(frames) else len(sentence)
            objs = objects(sentence, nxt.trigger, items, nxt.trigger.end, after, watchlist)
            f.recipient = f.recipient or nxt.recipient
        more = i + 1 < len(frames)
        asked = more and t.predicate == "request"  # "a request to the US to buy X"
        if not objs and more and (asked or (not t.noun and frames[i + 1].trigger.noun)):
            nxt = frames[i + 1]
            if _NOUN_OBJECT.match(sentence, t.end, nxt.trigger.start):
                after = frames[i + 2].trigger.start if i + 2 < len(frames) else len(sentence)
                objs = objects(sentence, nxt.trigger, items, nxt.trigger.end, after, watchlist)
                absorbed.add(i + 1)
                f.recipient = f.recipient or nxt.recipient  # "sending supplies of weapons to Russia"
                f.supplier = f.supplier or nxt.supplier
        if not objs:
            continue
        explicit = any((f.doer, f.supplier, f.recipient, f.object_actor))
        if t.noun and not explicit and not object_follows(sentence, t, items):
            continue  # a bare "deliveries" names no proposition of its own
        subject, recipient = fill(f, objs, origin, prev, spare, speaker_country, subject_hint)
        if any(m.form == "anaphor" for m in items if m.entity in objs):
            # "They will arrive in May", "They were supplied by Iran": the parties the items had
            subject = subject or context[0]
            recipient = recipient or (context[1] if context[1] != subject else "")
        if f.partners and t.predicate == "transfer":
            subject, recipient = parties([subject, *f.partners], objs, origin, subject, recipient)
            if not subject and recipient and f.partners[0] != recipient:
                subject = f.partners[0]  # "Russia signed a deal with Iran for drones": Iran supplies them
        undone = t.noun or t.passive or t.voice == "arrive" or not subject
        if undone and not f.doer and not f.supplier and t.predicate in ("transfer", "deploy"):
            subject = next((org for end, (_, org) in members.items() if end in _spans(items, objs)), subject)
        if not recipient and set(objs) & set(prev_objs):
            recipient = prev[1]  # "... deploy in Mali, accusing Moscow of backing the fighters"
        prev_objs = objs
        if not recipient and subject == context[0] and t.predicate == "transfer":
            recipient = context[1]  # "... to Venezuela. He said nothing prohibits Russia from exporting X"
        used = prev_predicate in ("use", "deploy") and prev[0] not in ("", subject)
        if used and t.passive and t.predicate == "transfer" and not f.recipient:
            recipient = prev[0]  # "attacking Ukraine with drones supplied by Iran": the user got them
        if subject:
            prev_predicate = t.predicate
            prev = (subject, recipient or prev[1])
            if recipient:
                context = (subject, recipient)
        sense = sense_of(sentence, t, lo, cues)
        if t.receiving and recipient and subject and WANTS.search(sentence[max(lo, t.start - 60) : t.start]):
            # "Kyiv wants to buy the Iron Dome", "approached Jerusalem to purchase": a request
            out += [Proposition(recipient, "request", o, subject, "affirmed", "asserted") for o in objs]
            continue
        if sense is None and t.predicate == "transfer" and subject and wished(sentence, t, lo):
            # "Kyiv asked Berlin to send tanks": a request of the one asked, by whoever asks
            who = asker(sentence, actors, lo, t.start, recipient)
            if who and who != subject:
                out += [Proposition(who, "request", o, subject, "affirmed", "asserted") for o in objs]
            continue
        home = t.predicate in AT_HOME
        if sense is None or (subject and subject == recipient and not home):
            continue  # open roles are left for the article to fill
        helped = HELPING.search(sentence[max(lo, t.start - 60) : t.start]) if helping else None
        offset = max(lo, t.start - 60)
        if helped and not any(offset + helped.start(1) <= a.start < offset + helped.end(1) for a in actors):
            continue  # "helping Western countries deliver arms": the helped, unwatched, deliver
        if not f.recipient and classes and to_a_class(sentence, t.end, hi, actors):
            # "not providing weapons to countries in conflict": a policy, not a recipient; it may
            # still rule someone out ("the United States, not China, sends weapons to the battlefield")
            unnamed += [Proposition(subject, t.predicate, o, "", *sense) for o in objs]
            continue
        co_doers = [] if t.noun or t.receiving else co_listed(sentence, actors, subject, t.start)
        sources = _own_sources(sentence, items, actors, t.end, hi) if t.receiving and len(objs) > 1 else {}
        for obj in objs:
            if t.predicate == "possess" and obj in TOP_ITEMS:
                continue
            predicate = (
                "deploy" if t.predicate == "transfer" and PERSONNEL in watchlist.chain(obj) else t.predicate
            )
            for to in dict.fromkeys((recipient, *f.more)):
                for who in (sources[obj],) if obj in sources else dict.fromkeys((subject, *co_doers)):
                    if who != to or home:
                        out += refused(sentence, t, lo, Proposition(who, predicate, obj, to, *sense))
    return out + ruled_out(out + unnamed, excluded), context


def _owned_act(
    sentence: str, a: Mention, frames: Sequence[Frame], gap: re.Pattern[str], gerund: bool
) -> Frame | None:
    """The act noun right after actor `a` that `a` owns ("Turkey's alleged delivery", "Chinese
    military aid to"); with `gerund`, a verb in -ing counts as a noun ("France's equipping of")."""
    owned = next((f for f in frames if f.trigger.start >= a.end), None)
    if owned is None or not gap.fullmatch(sentence, a.end, owned.trigger.start):
        return None
    as_noun = gerund and sentence[owned.trigger.start : owned.trigger.end].endswith("ing")
    return owned if owned.trigger.noun or as_noun else None


def _own_sources(
    sentence: str, items: Sequence[Mention], actors: Sequence[Mention], lo: int, hi: int
) -> dict[str, str]:
    """'received drones from Iran and shells from North Korea': each item its own supplier, when
    more than one is named that way."""
    found = {
        m.entity: a.entity
        for m in items
        if lo <= m.start < hi
        for a in actors
        if _FROM_RIGHT_AFTER.fullmatch(sentence, m.end, a.start)
    }
    return found if len(set(found.values())) > 1 else {}


def _spans(items: Sequence[Mention], objs: Sequence[str]) -> set[int]:
    """Where the proposition's items end, keyed like `affiliates`."""
    return {m.end for m in items if m.entity in objs}


def _assign(
    sentence: str, a: Mention, frames: list[Frame], actors: Sequence[Mention]
) -> tuple[Frame, str] | None:
    """Give actor `a` a role in some frame: (frame, role), or None when it has none."""
    before = [f for f in frames if f.trigger.end <= a.start]
    after = [f for f in frames if f.trigger.start >= a.end]
    prep = PREP.search(tail(sentence, a.start))
    near = before and len(sentence[before[-1].trigger.end : a.start].split()) <= _MAX_WORDS
    if (
        prep
        and before
        and before[-1].trigger.predicate != "produce"
        and _MADE_IN.search(tail(sentence, a.start))
    ):
        return None  # "fired drones made in Iran at Ukraine": where they come from, not a party
    if prep and before and near and _ALTERNATIVE_BETWEEN.search(sentence, before[-1].trigger.end, a.start):
        return None  # "buy Patriot missiles rather than the S-400 from Moscow": the alternative's source
    if prep and before and near:
        role = _role_of_prep((prep.group(1) or prep.group(2)).lower(), before[-1].trigger)
        if role:
            setattr(before[-1], role, getattr(before[-1], role) or a.entity)
            return before[-1], role
    gap = sentence[a.end : after[0].trigger.start] if after else ","
    if after and not after[0].doer and _OWN_ACT.match(sentence, a.end) and len(gap.split()) <= 3:
        after[0].doer = a.entity  # "Ukraine's renewed request for": the possessor asks
        return after[0], "doer"
    agent = after and sentence[after[0].trigger.start : after[0].trigger.end].lower().rstrip("s").endswith(
        "er"
    )
    if after and not after[0].doer and not after[0].trigger.noun and _KEPT_FROM.match(gap):
        after[0].doer = a.entity  # "blocked Poland from re-exporting": the one kept from the act
        return after[0], "doer"
    if agent and not after[0].doer and (_COPULA.match(gap) or _APPOSITIVE.match(gap)):
        after[0].doer = a.entity  # "Germany is now the second-biggest supplier of": the supplier
        return after[0], "doer"
    if after and not after[0].doer and accused(tail(sentence, a.start)) and _OF_ACT.match(gap):
        after[0].doer = a.entity
        return after[0], "doer"
    if after and _DEAL_WITH.search(tail(sentence, a.start)) and _INFINITIVE.match(gap):
        # "a deal with Belarus to station ...": the other party, where they go or who it is for
        f = after[0]
        if f.trigger.predicate == "transfer":
            f.partners.append(a.entity)
            return f, "partner"
        f.recipient = f.recipient or a.entity
        return f, "recipient"
    between = after and any(a.end <= b.start < after[0].trigger.start for b in actors)
    light = after and after[0].trigger.noun and _LIGHT.match(gap)  # "Kyiv made a renewed request"
    # "plans to purchase": after "to", a word that is also a noun is the verb
    verb = after and (not after[0].trigger.noun or light or _TO_VERB.search(gap))
    # "confirmed the presence": a noun, not its doer; "Moscow with drones used in": not the user
    noun_phrase = _DETERMINER_END.search(gap) or _PREP_START.match(gap)
    if (
        verb
        and AUX_GAP.match(gap)
        and "," not in gap
        and not after[0].doer
        and not between
        and (light or not noun_phrase)
    ):
        t = after[0].trigger
        given = t.predicate == "transfer" and BE_BEFORE.search(gap) and _SECOND_OBJECT.match(sentence, t.end)
        if t.passive and (t.predicate == "train" or given):
            # "Ukrainian pilots are trained in", "Ukraine was given tanks by": the passive's subject gets
            after[0].recipient = after[0].recipient or a.entity
            return after[0], "recipient"
        after[0].doer = a.entity
        return after[0], "doer"
    if (
        before
        and before[-1].trigger.noun
        and re.match(r"^\s+with\s+$", sentence[before[-1].trigger.end : a.start])
    ):
        before[-1].partners.append(a.entity)  # "a deal with Russia": the other party
        return before[-1], "partner"
    if before and re.match(r"^\s*(?:\w+\s+){0,1}$", sentence[before[-1].trigger.end : a.start]):
        before[-1].object_actor = before[-1].object_actor or a.entity
        if before[-1].trigger.predicate == "transfer" and _WITH.match(sentence, a.end):
            before[-1].recipient = before[-1].recipient or a.entity  # "supplying Russia with weapons"
        return before[-1], "object"
    return None
