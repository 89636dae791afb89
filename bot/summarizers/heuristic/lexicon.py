"""General news vocabulary, organised by meaning, with every inflection.

    lookup("turned")  # Entry(lemma='turn', meaning=None, ...) — "turn" decides only with "down"
    lookup("rejects").meaning is Meaning.REFUSE
    is_participle("upheld")  # True: "was upheld" is passive

Verbs are listed once as lemmas; `inflections.json` (package data) holds all their forms, irregular
ones included (won, upheld, threw, sought). `bench/build_inflections.py` writes it with `lemminflect`
(a dev dependency), so the workers never load lemminflect's tables and numpy (about 35 MB each). Nothing here names an entity or quotes an article: these are the words English uses to
ask, grant, refuse, defer, win and lose, and the words around them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from bot.summarizers.heuristic.types import Meaning

# --- verbs, by meaning ----------------------------------------------------------------------
# strong: decides on its own; weak: needs a request-like object or an authority to count much
ASK_VERBS = """ask request seek apply appeal sue bid demand urge petition lobby propose challenge want
press push plead lodge file submit table pursue campaign attempt try offer call claim""".split()
# the lemmas of asking that name what was asked right after or before them ("the 5,200 it had
# wanted", "applied for £2.4m", "half the number it had bid for")
ASKING_LEMMAS = frozenset("ask seek request want apply bid demand claim propose".split())
GRANT_STRONG = """approve grant authorise authorize ratify permit greenlight license rubber-stamp""".split()
GRANT_WEAK = """allow let accept back endorse clear agree award pass support apologise apologize sanction
restore renew extend order relent""".split()
REFUSE_STRONG = """reject refuse deny veto rebuff spurn overrule disallow defeat""".split()
REFUSE_WEAK = """decline dismiss block bar prohibit halt stop scrap oppose snub""".split()
# the challenger's win: a ruling or ban it attacked is set aside
OVERTURN = """overturn quash reverse lift annul revoke rescind""".split()
# "upheld the appeal" grants it, "upheld the ban" refuses the challenge to it
UPHOLD = ["uphold", "reaffirm"]  # (events keeps "reaffirm" to a decision, ban or rule: "reaffirmed its ban")
# "confirmed the committee's decision": keeping another body's decision in force, as "upheld" does
# (events reads it only on such a decision; "confirmed that", "confirmed the date" decide nothing)
CONFIRM = ["confirm"]
# standing behind an earlier decision: "backed the council's refusal" refuses the challenge to it
ENDORSING = frozenset(["back", "endorse", "support", "accept", *UPHOLD])
PARTIAL_VERBS = """reduce cut halve trim lessen lower shorten commute""".split()
DEFER_VERBS = """defer delay postpone adjourn await reconsider""".split()
# looking into something is a deferral only when what is looked into is a request
REVIEW_VERBS = """consider review weigh examine study probe investigate assess reserve wait mull ponder""".split()
# putting a request on hold: a deferral only when what is held is a request ("suspended its plans")
HOLD_VERBS = ["suspend", "pause"]
# decide-verbs that state no outcome: they count only as "will decide" (pending)
DECIDE_VERBS = """decide rule vote judge determine adjudicate deliberate hear""".split()
WIN_VERBS = """win secure gain obtain earn land succeed prevail""".split()
LOSE_VERBS = ["lose", "fail", "fall", "collapse", "founder"]
# receiving is winning only when what is received is a grant ("got the go-ahead", "received approval")
RECEIVE_VERBS = ["receive", "get"]

PHRASAL: dict[tuple[str, str], tuple[Meaning, bool]] = {
    ("turn", "down"): (Meaning.REFUSE, True),
    ("throw", "out"): (Meaning.REFUSE, True),
    ("strike", "down"): (Meaning.GRANT, True),  # a court striking down a rule sides with its challenger
    ("set", "aside"): (Meaning.GRANT, True),  # "set aside the conviction" (events keeps it to a ruling or penalty)
    ("rule", "out"): (Meaning.REFUSE, True),
    ("knock", "back"): (Meaning.REFUSE, True),
    ("shoot", "down"): (Meaning.REFUSE, True),
    ("vote", "down"): (Meaning.REFUSE, True),
    ("sign", "off"): (Meaning.GRANT, True),
    ("wave", "through"): (Meaning.GRANT, True),
    ("nod", "through"): (Meaning.GRANT, True),
    ("give", "go-ahead"): (Meaning.GRANT, True),
    ("put", "off"): (Meaning.DEFER, True),
    ("put", "back"): (Meaning.DEFER, True),
    ("hold", "off"): (Meaning.DEFER, True),
    # "kicked to March", "kicked into the long grass" (events keeps them to a time or the long grass)
    ("kick", "to"): (Meaning.DEFER, True),
    ("kick", "into"): (Meaning.DEFER, True),
    # a proposal that "will be put before" / "goes before" a body awaits its decision
    ("put", "before"): (Meaning.DEFER, False),
    ("go", "before"): (Meaning.DEFER, False),
    ("come", "before"): (Meaning.DEFER, False),
    ("scale", "back"): (Meaning.PARTIAL, True),
    ("water", "down"): (Meaning.PARTIAL, True),
    ("back", "down"): (Meaning.GRANT, False),
    ("give", "in"): (Meaning.GRANT, False),
    ("take", "part"): (Meaning.GRANT, False),  # accepting an invitation; "will not take part" refuses it
    ("go", "ahead"): (Meaning.GRANT, False),  # "the purchase can go ahead": permission (see events)
    # a body standing by its own decision or plan refuses the challenge to it (see events: only
    # before such a noun; "stood by her husband", "troops stand by" decide nothing)
    ("stand", "by"): (Meaning.REFUSE, False),
    ("miss", "out"): (Meaning.LOSE, True),  # "missed out on the grant": only for a thing asked for (see events)
}
# "rule in favour of", "vote against": a preposition after a decide-verb gives its outcome
DECIDE_PREPOSITIONS = {"for": Meaning.GRANT, "against": Meaning.REFUSE, "favour": Meaning.GRANT,
                       "favor": Meaning.GRANT}
# "gave the go-ahead", "gave permission": give + one of these nouns is a grant
GRANT_NOUNS = frozenset("""go-ahead approval permission consent clearance blessing nod backing green
light licence license leave all-clear thumbs-up variance waiver exemption dispensation reprieve""".split())
REFUSAL_NOUNS = frozenset("refusal rejection veto rebuff snub denial dismissal".split())
# verbs that grant only with a grant noun: "gave the plan the go-ahead", "issued an on-licence for the taproom"
LIGHT_VERBS = ("give", "issue")
ISSUED_NOUNS = frozenset("""licence license licences licenses on-licence off-licence permit permits consent visa
visas waiver exemption certificate approval""".split())

# small counts spelled out, in order ("voted eight to four", "three of five complaints")
COUNT_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
COUNTS = frozenset(COUNT_WORDS)

# --- nouns ----------------------------------------------------------------------------------
REQUEST_NOUNS = frozenset("""request requests application applications bid bids appeal appeals claim
claims demand demands proposal proposals plan plans petition petitions lawsuit lawsuits suit case
offer offers plea pleas motion challenge attempt bill complaint complaints action move effort
approach tender call calls injunction permit licence license visa asylum bail appeal permission
approval scheme takeover merger deal""".split())
# what a won or lost thing must be for "won"/"lost" to be a decision (not a match or an election)
WIN_OBJECTS = frozenset("""appeal appeals case battle fight challenge right rights bid approval all-clear thumbs-up
permission injunction ruling order damages go-ahead backing support claim action lawsuit suit
licence license contract review clearance reprieve concession concessions compensation rise increase cut
reduction
exemption refund asylum bail visa permit""".split())
# what a body orders when it grants a remedy someone sought ("ordered the release of the records",
# "ordered the council to reinstate her"); ordering anything else (an evacuation, a player off) is
# no decision on a request (see events)
REMEDIES = frozenset("""release disclose publish reinstate refund repay compensate reconsider rehear retry
disclosure publication reinstatement refund refunds repayment compensation damages retrial rehearing
released disclosed published reinstated refunded repaid compensated""".split())
# money a body hands out on application: winning or securing it is a grant ("won lottery funding"),
# while losing it may be a cut rather than a refusal, so it counts for the win verbs only
AWARDED_FUNDS = frozenset("""funding funds grant grants loan loans subsidy subsidies bailout
investment""".split())
# a penalty its owner would want cut or lifted: whose ban is cut, upheld or quashed had appealed it
# (not an extradition or a deportation, which the one it falls on resists rather than asks for)
SANCTION_NOUNS = frozenset("""ban bans suspension suspensions fine fines sentence sentences conviction
convictions penalty penalties punishment deduction expulsion disqualification""".split())
# offices a person holds (whom "he" or "she" can stand for), and the titles that name a decider
OFFICES = frozenset("""judge judges justice justices minister ministers secretary inspector commissioner
governor mayor president chancellor premier prime ombudsman arbitrator arbiter""".split())
DECIDER_TITLES = OFFICES | frozenset("lord sheriff coroner".split())  # "Judge Ann Pryce said"
# who speaks for a party in proceedings: "her lawyers asked", "lawyers for the driver"
LAWYERS = frozenset("""lawyer lawyers solicitor solicitors attorney attorneys barrister barristers counsel
advocate advocates""".split())
# the titles news puts before a person's surname: "Mr Kalnins", "Ms Baker"
PERSONAL_TITLES = frozenset("Mr Mrs Ms Miss Dr".split())
DECISION_NOUNS = frozenset("""decision ruling verdict judgement judgment vote hearing outcome approval
announcement review determination""".split())
AUTHORITY_HEADS = frozenset("""court courts judge judges justice justices tribunal panel jury juries
council councils councillors committee commission commissioner commissioners board government
governments administration ministry minister ministers department secretary regulator regulators
watchdog authority authorities agency inspector inquiry parliament mps senate congress assembly
lawmakers legislature cabinet president governor mayor police officials regulators executive
ombudsman arbitrator arbitration arbiter union federation association ministers chancellor premier
prime senators trustees directors shareholders bench""".split())
# nouns for people and bodies that can ask for something (beyond the deciding bodies above)
PARTY_NOUNS = frozenset("""company companies firm firms group groups union unions campaigners campaigner
protesters protestors demonstrators residents resident parents parent families family club clubs team
teams ministry department charity charities industry workers staff employees shareholders investors
creditors bondholders lawyers lawyer doctors physicians farmers teachers nurses pilots drivers airline
airlines bank banks carrier developer developers owner owners operator operators applicant applicants
player players athlete athletes star singer actor actress band producer producers broadcaster network
prosecutors state country city party parties opposition activists activist group residents' tenants
landlords patients students pupils councillors lawmakers consortium bidder bidders buyer buyer's
retailer supermarket school schools hospital hospitals trust campaign organisation organization
organisations organizations agency body bodies coalition alliance federation association society
corporation giant maker makers carmaker manufacturer publisher publishers website site newspaper
daughter son wife husband mother father widow man woman men women boy girl""".split())
PRONOUNS = frozenset("it they he she we its their his her them this that these those who which".split())
# a definite description that points back, like a pronoun: "the company", "the club"
BACK_NOUNS = frozenset("""company firm club group body side team organisation organization
corporation bank airline carrier giant network broadcaster league party""".split())

# --- the words around a verb ----------------------------------------------------------------
NEGATORS = frozenset("""not never no n't cannot won't can't didn't doesn't don't hasn't haven't hadn't
isn't aren't wasn't weren't wouldn't couldn't shouldn't mustn't neither nor""".split())
BE = frozenset("be is are was were been being 's".split())
HAVE = frozenset("has have had having".split())
FUTURE = frozenset("will shall 'll".split())
HYPOTHETICAL = frozenset("could might may would should must can".split())
AUX = BE | HAVE | FUTURE | HYPOTHETICAL | frozenset("do does did to get got".split())
ADVERBS = frozenset("""also now then ultimately finally formally officially reportedly already still
yet unanimously effectively again previously earlier later recently just quickly today yesterday
subsequently initially eventually apparently partly partially largely narrowly firmly flatly
swiftly promptly duly once longer so far provisionally conditionally temporarily overwhelmingly
immediately last week month year this tonight""".split())
# granted in part, or in a reduced or temporary form ("a conditional approval" is still an approval)
PARTIAL_MARKERS = frozenset("""partly partially part half some portion temporarily temporary interim
provisionally reduced limited scaled-back watered-down fewer cut-down scaled-down slimmed-down pared-back
pared-down downsized""".split())
# control verbs before "to <trigger>": what they do to the event
CONTROL_NEGATED = frozenset("refuse decline fail unable reluctant".split())
CONTROL_FACT = frozenset("agree decide vote move choose opt able manage".split())
# verbs that order someone to act: "ordered the council to grant the permit" tells a grant made by order
CONTROL_ORDERING = frozenset("order direct instruct compel".split())
CONTROL_EXPECTED = frozenset("""expect due set likely unlikely poised schedule plan intend hope prepare
aim promise going about""".split())
CONTROL_SOUGHT = frozenset("""seek ask urge want try attempt call apply appeal press push bid request
demand campaign lobby need wish persuade plead petition""".split())
CONTROL_HYPOTHETICAL = frozenset("threaten consider could might may would".split())
# a clause that makes what follows hypothetical or conditional
CONDITION_WORDS = frozenset("if unless whether should lest".split())
ATTRIBUTION_VERBS = """say tell add claim argue insist report announce state confirm believe allege
warn suggest note explain write understand think learn reveal disclose""".split()
REASON_CUES = ("because of", "because", "citing", "on the grounds that", "on the grounds of", "on grounds",
               "due to", "owing to", "as a result of", "after finding", "after ruling", "after concluding",
               "over concerns", "amid concerns", "saying", "arguing that", "since", "as it")
REASON_CUES_FIRST = frozenset(cue.split()[0] for cue in REASON_CUES if cue.split()[0] not in ("on", "as", "over", "amid", "after"))
ADDITIVE_STARTS = frozenset("additionally also moreover furthermore besides".split())
CLAUSE_BREAKS = frozenset("""that which who whom whose when while after before because although though
since as but and or if unless where said says according despite whereas""".split())
# prepositions that end a noun phrase read backwards ("the hallway outside | the City Council")
PREPOSITIONS = frozenset("""in on at of for from with to by about into onto over under outside inside near beside
behind before after against across around between among through""".split())
DETERMINERS = frozenset("the a an this that these those its their his her our some any".split())
POSSESSIVES = frozenset("its their his her".split())  # the owner of what follows, a pronoun to resolve
# spans of time: "three months after", "take longer to decide"
TIME_UNITS = frozenset("""second seconds minute minutes hour hours day days week weeks month months year years
decade decades""".split())
TIME_WORDS = frozenset("""on monday tuesday wednesday thursday friday saturday sunday yesterday today
earlier last this week month year night morning afternoon evening""".split())


@dataclass(frozen=True, slots=True)
class Entry:
    lemma: str
    meaning: Meaning | None  # None: decides only with a particle ("turn down") or a noun ("give approval")
    strong: bool
    kind: str = ""  # "", "ask", "overturn", "uphold", "decide", "attrib", "control"


def _add(table: dict[str, Entry], lemmas: list[str], meaning: Meaning | None, strong: bool, kind: str = "") -> None:
    for lemma in lemmas:
        for form in inflections(lemma):
            table.setdefault(form, Entry(lemma, meaning, strong, kind))


@cache
def _inflection_table() -> dict[str, dict[str, list[str]]]:
    text = resources.files(__package__).joinpath("inflections.json").read_text(encoding="utf-8")
    table: dict[str, dict[str, list[str]]] = json.loads(text)["lemmas"]
    return table


def inflections(lemma: str) -> frozenset[str]:
    """All forms of a verb lemma, irregular ones included (British -ise spellings too)."""
    # a lemma missing from the data file keeps its own form; tests/summarizers/test_lexicon.py fails
    # until `python bench/build_inflections.py` is run
    return frozenset(_inflection_table().get(lemma, {}).get("forms", [lemma]))


@cache
def _participles() -> frozenset[str]:
    table = _inflection_table()
    return frozenset(form for lemma in _verb_lemmas() for form in table.get(lemma, {}).get("participles", []))


def all_lemmas() -> list[str]:
    """Every verb lemma the lexicon inflects (the keys `inflections.json` must hold)."""
    control = CONTROL_NEGATED | CONTROL_FACT | CONTROL_EXPECTED | CONTROL_SOUGHT | CONTROL_HYPOTHETICAL | CONTROL_ORDERING
    return list(dict.fromkeys(_verb_lemmas() + sorted(control)))


def _verb_lemmas() -> list[str]:
    lemmas = (ASK_VERBS + GRANT_STRONG + GRANT_WEAK + REFUSE_STRONG + REFUSE_WEAK + OVERTURN + UPHOLD + CONFIRM
              + PARTIAL_VERBS + DEFER_VERBS + REVIEW_VERBS + HOLD_VERBS + DECIDE_VERBS + WIN_VERBS + LOSE_VERBS + RECEIVE_VERBS + ATTRIBUTION_VERBS)
    lemmas += [lemma for lemma, _ in PHRASAL] + list(LIGHT_VERBS)
    return lemmas


@cache
def table() -> dict[str, Entry]:
    """Every inflected form of every verb above → its entry (the first meaning listed wins)."""
    out: dict[str, Entry] = {}
    _add(out, GRANT_STRONG, Meaning.GRANT, True)
    _add(out, REFUSE_STRONG, Meaning.REFUSE, True)
    _add(out, OVERTURN, Meaning.GRANT, True, "overturn")
    _add(out, UPHOLD, Meaning.GRANT, True, "uphold")
    _add(out, CONFIRM, Meaning.REFUSE, False, "uphold")
    _add(out, PARTIAL_VERBS, Meaning.PARTIAL, False)
    _add(out, DEFER_VERBS, Meaning.DEFER, True)
    _add(out, REVIEW_VERBS, Meaning.DEFER, False)
    _add(out, HOLD_VERBS, Meaning.DEFER, False)
    _add(out, WIN_VERBS, Meaning.WIN, True, "win")
    _add(out, LOSE_VERBS, Meaning.LOSE, True, "lose")
    _add(out, RECEIVE_VERBS, Meaning.WIN, True, "win")
    _add(out, GRANT_WEAK, Meaning.GRANT, False)
    _add(out, REFUSE_WEAK, Meaning.REFUSE, False)
    _add(out, ASK_VERBS, Meaning.ASK, True, "ask")
    _add(out, DECIDE_VERBS, None, False, "decide")
    _add(out, ATTRIBUTION_VERBS, None, False, "attrib")
    _add(out, [lemma for lemma, _ in PHRASAL] + list(LIGHT_VERBS), None, False, "phrasal")
    return out


@cache
def _control() -> dict[str, str]:
    out: dict[str, str] = {}
    for name, words in (("negated", CONTROL_NEGATED), ("fact", CONTROL_FACT), ("expected", CONTROL_EXPECTED),
                        ("sought", CONTROL_SOUGHT), ("hypothetical", CONTROL_HYPOTHETICAL), ("fact", CONTROL_ORDERING)):
        for lemma in words:
            for form in inflections(lemma):
                out.setdefault(form, name)
    return out


@cache
def _ordering_forms() -> frozenset[str]:
    return frozenset(form for lemma in CONTROL_ORDERING for form in inflections(lemma))


def orders(word: str) -> bool:
    """A form of a verb that orders someone to act: "ordered", "directs", "instructing"."""
    return word.lower() in _ordering_forms()


def is_year(word: str) -> bool:
    """A year of the last two centuries as a word: "2019", "1998"."""
    return len(word) == 4 and word.isdigit() and word[:2] in ("19", "20")


def lemma(word: str) -> str:
    """A word's lemma when the lexicon knows it ("sought" → "seek"), else ""."""
    entry = lookup(word)
    return entry.lemma if entry is not None else ""


def control(word: str) -> str | None:
    """What a verb before "to <trigger>" does to it: negated, fact, expected, sought, hypothetical."""
    return _control().get(word.lower())


@cache
def _attribution_forms() -> frozenset[str]:
    return frozenset(form for lemma in ATTRIBUTION_VERBS for form in inflections(lemma))


# speech-verb forms that are as often nouns ("a pay claim", "the report", "the state")
_NOUN_LIKE_SPEECH = frozenset("claim claims report reports note notes state states thought learn think".split())


def is_attribution(word: str, next_word: str = "that") -> bool:
    """A speech verb form; one that is also a noun counts only before "that"."""
    word = word.lower()
    if word in _NOUN_LIKE_SPEECH:
        return next_word.lower() == "that"
    return word in _attribution_forms()


def is_party(text: str) -> bool:
    """Whether a phrase can name someone who asks: a party noun, a deciding body, or a name."""
    words = [w.strip(".,'’").lower().removesuffix("'s").removesuffix("’s") for w in text.split()]
    return any(w in PARTY_NOUNS or w in AUTHORITY_HEADS for w in words)


def lookup(word: str) -> Entry | None:
    return table().get(word.lower())


def is_participle(word: str) -> bool:
    word = word.lower()
    return word in _participles() or word.replace("is", "iz") in _participles()


# nouns of assertion: rejecting or denying one ("denied the claim that...") rules on no request
ASSERTION_NOUNS = frozenset("""suggestion suggestions allegation allegations report reports idea notion
accusation accusations criticism rumour rumours rumor rumors speculation assertion assertions wrongdoing
involvement responsibility""".split())
# nouns that are a request or an assertion: "threw out the claim" decides, "denied the claim that" does not
EITHER_NOUNS = frozenset("claim claims charge charges".split())
# "declined to comment": refusing to speak is no decision on a request
SPEECH_ACTS = frozenset("""comment say discuss confirm reveal elaborate speculate answer disclose give
name identify respond explain""".split())

# base/3rd-person forms that are just as often nouns ("the ban", "a bid", "an appeal")
# base forms read as nouns inside a noun phrase ("the court order was overturned"); whether one acts
# as a verb is decided by the events stage from its context ("the judge orders a retrial")
PHRASE_NOUNS = frozenset(["order", "orders"])
NOUNISH = frozenset("""back clear block ban cut bid appeal request call demand claim pass plan offer review
award challenge petition delay study probe lift hear veto support file table push press land stop
halt bar win loss vote rule judge attempt try campaign lobby lodge suit approval sanction license decline
defeat fall collapse reverse lower let permit""".split())


def warm() -> None:
    """Build every table now (once per process), so that no article's time budget pays for it."""
    table()
    _participles()
    _control()
    _attribution_forms()
