"""Word lists and patterns behind the heuristic summariser (`bot.summarizers.heuristic`).

Everything here is general English news vocabulary: verbs of asking and deciding, the
auxiliaries and adverbs that sit between a subject and its verb, the nouns that name a request,
and the cue phrases that introduce a reason. Nothing is specific to one article.
"""

from __future__ import annotations

import re

I = re.IGNORECASE  # noqa: E741 — short alias used in many patterns below

# --- the words between a subject and its verb ------------------------------------------------

AUX = frozenset(
    """has have had is are was were be been being will would shall should could can may might must
    did does do not never cannot won't can't didn't doesn't don't hasn't haven't hadn't isn't aren't
    wasn't weren't wouldn't couldn't shouldn't mustn't also now then ultimately finally formally
    officially reportedly already still yet unanimously effectively again previously earlier later
    recently just quickly today yesterday subsequently initially eventually apparently partly
    partially largely narrowly firmly flatly swiftly promptly duly once no longer""".split()
)
NEGATORS = frozenset(
    "not never cannot won't can't didn't doesn't don't hasn't haven't hadn't isn't aren't wasn't weren't wouldn't couldn't".split()
)
BE_FORMS = frozenset("is are was were be been being".split())
FUTURE = frozenset("will shall".split())
HYPOTHETICAL = frozenset("could might may should".split())

# "refused to approve", "failed to win", "is expected to rule": verbs that take a to-infinitive.
CONTROL_NEGATIVE = frozenset(
    "refused refuses refusing declined declines declining failed fails failing unable".split()
)
CONTROL_POSITIVE = frozenset("agreed agrees agreeing decided decides voted votes moved chose able".split())
CONTROL_PENDING = frozenset(
    """expected due set likely unlikely poised scheduled going planning plans planned intends intended
    intending hopes hoped hoping prepared preparing considering""".split()
)
# "sought to overturn", "asked to see": the decision verb is what is being asked for.
CONTROL_REQUEST = frozenset(
    """sought seeks seeking seek asked asks asking wanted wants want tried tries trying urged urges
    applied applies appealed demanded demands attempting attempted bid bidding hopes""".split()
)

# --- verbs of deciding ------------------------------------------------------------------------

# (pattern, polarity, strength). Strong verbs count on their own; weak ones ("backed", "won")
# need a request-like object, an authority as subject, or the headline.
_P = r"(?:s|es|ed|d|ing)?"
# "voted by nine votes to three against", "voted unanimously for": the tally between verb and side
_TALLY = r"(?:unanimously\s+|overwhelmingly\s+|narrowly\s+|by\s+[\w-]+\s+(?:votes?\s+)?to\s+[\w-]+\s+)?"
DECISION_VERBS: list[tuple[re.Pattern, str, str]] = [
    (re.compile(r"\bapprov" + r"(?:e|es|ed|ing)\b", I), "approved", "strong"),
    # "took voters for granted" is an idiom, not a grant
    (re.compile(r"(?<!\bfor\s)\bgrant(?:s|ed|ing)?\b", I), "approved", "strong"),
    (re.compile(r"\bratif(?:y|ies|ied|ying)\b", I), "approved", "strong"),
    (re.compile(r"\bauthori[sz](?:e|es|ed|ing)\b", I), "approved", "strong"),
    (re.compile(r"\bendors(?:e|es|ed|ing)\b", I), "approved", "weak"),
    (re.compile(r"\baccept(?:s|ed|ing)?\b", I), "approved", "weak"),
    (re.compile(r"\bback(?:s|ed)\b(?!\s+(?:away|down|off|out)\b)", I), "approved", "weak"),
    (re.compile(r"\bclear(?:s|ed)\b(?!\s+(?:of|up|out|away)\b)", I), "approved", "weak"),
    (re.compile(r"\ballow(?:s|ed|ing)?\b", I), "approved", "weak"),
    (re.compile(r"\bagree(?:s|d)?\s+to\b", I), "approved", "weak"),
    (re.compile(r"\bsign(?:s|ed)?\s+off\b", I), "approved", "strong"),
    (re.compile(r"\bgreen[- ]?lit\b|\bgreen[- ]?light(?:s|ed)\b", I), "approved", "strong"),
    (
        re.compile(
            r"\b(?:give|gives|gave|given|giving)\s+(?:\w+\s+){0,3}?(?:the\s+|a\s+|its\s+|their\s+|his\s+|her\s+|final\s+|formal\s+)*"
            r"(?:go[- ]ahead|green light|approval|permission|consent|clearance|blessing|nod|thumbs[- ]up)\b",
            I,
        ),
        "approved",
        "strong",
    ),
    (
        re.compile(r"\brul(?:e|es|ed|ing)\s+in\s+(?:favou?r|support)\s+of\b|\brul(?:ed|es)\s+for\b", I),
        "approved",
        "strong",
    ),
    (
        re.compile(
            r"\bvot(?:e|es|ed)\s+"
            + _TALLY
            + r"(?:for|in\s+favou?r\s+of|to\s+(?:approve|back|accept|allow))\b",
            I,
        ),
        "approved",
        "strong",
    ),
    (re.compile(r"\buph[eo]l(?:d|ds|ding)\b", I), "upheld", "strong"),
    (
        re.compile(
            r"\b(?:overturn(?:s|ed|ing)?|quash(?:es|ed|ing)?|str(?:ike|uck|ikes)\s+down|revers(?:e|es|ed))\b",
            I,
        ),
        "overturned",
        "strong",
    ),
    (re.compile(r"\b(?:won|wins|win|winning)\b", I), "won", "weak"),
    (re.compile(r"\b(?:lost|loses|lose|losing)\b", I), "lost", "weak"),
    (re.compile(r"\breject(?:s|ed|ing)?\b", I), "declined", "strong"),
    (re.compile(r"\bdeclin(?:e|es|ed|ing)\b", I), "declined", "strong"),
    (re.compile(r"\brefus(?:e|es|ed|ing)\b", I), "declined", "strong"),
    (re.compile(r"\bdismiss(?:es|ed|ing)?\b", I), "declined", "strong"),
    (
        re.compile(r"\bturn(?:s|ed|ing)?\s+down\b|\bturn(?:s|ed|ing)?\s+(?:\w+\s+){1,3}down\b", I),
        "declined",
        "strong",
    ),
    (re.compile(r"\b(?:threw|throw|throws|thrown|throwing)\s+out\b", I), "declined", "strong"),
    (re.compile(r"\bveto(?:es|ed|ing)?\b", I), "declined", "strong"),
    (re.compile(r"\bblock(?:s|ed|ing)?\b", I), "declined", "weak"),
    (re.compile(r"\bden(?:y|ies|ied|ying)\b", I), "declined", "weak"),
    (
        re.compile(r"\brebuff(?:s|ed|ing)?\b|\bspurn(?:s|ed|ing)?\b|\bsnub(?:s|bed|bing)?\b", I),
        "declined",
        "strong",
    ),
    (re.compile(r"\brul(?:e|es|ed|ing)\s+against\b", I), "declined", "strong"),
    (
        re.compile(r"\bvot(?:e|es|ed|ing)\s+" + _TALLY + r"(?:down|against|to\s+reject)\b", I),
        "declined",
        "strong",
    ),
    # "the bill failed by 204 votes to 119", "an attempt to … has been defeated": a lost vote
    (re.compile(r"\bfail(?:s|ed)\s+by\s+[\w-]+\s+votes?\b", I), "declined", "strong"),
    (re.compile(r"\bdefeat(?:s|ed)?\b", I), "declined", "weak"),
    (
        re.compile(r"\bknock(?:s|ed)?\s+back\b|\bshot\s+down\b|\bsa(?:y|ys|id)\s+no\s+to\b", I),
        "declined",
        "strong",
    ),
    (re.compile(r"\bno\s+plans?\s+to\b", I), "declined", "weak"),
    (re.compile(r"\bsuspend(?:s|ed|ing)?\b", I), "partial", "weak"),
    (
        re.compile(r"\bpostpon(?:e|es|ed|ing)\b|\bcall(?:s|ed)?\s+off\b|\bput\s+on\s+hold\b", I),
        "partial",
        "weak",
    ),
    (re.compile(r"\bpartially\s+\w+ed\b|\bpartly\s+\w+ed\b|\bin\s+part\b", I), "partial", "strong"),
    (
        re.compile(r"\b(?:reduc(?:e|es|ed)|halv(?:e|es|ed)|scal(?:e|ed)\s+back|water(?:s|ed)?\s+down)\b", I),
        "reduced",
        "weak",
    ),
    (
        re.compile(
            r"\badjourn(?:s|ed|ing)?\b|\bdefer(?:s|red|ring)?\b|\breserv(?:e|ed|es)\s+(?:its\s+|their\s+|his\s+|her\s+)?(?:judge?ment|decision|ruling)\b"
            r"|\bput(?:s|ting)?\s+off\s+(?:a|the|its|their|his|her|any)\s+(?:final\s+)?(?:decision|ruling|vote|verdict|judge?ment)\b",
            I,
        ),
        "pending",
        "strong",
    ),
    (
        re.compile(
            r"\b(?:yet|time)\s+to\s+(?:decide|respond|answer|rule|make|reach|give|approve|accept|agree|vote|consider|announce|sign)\b",
            I,
        ),
        "pending",
        "strong",
    ),
    (
        re.compile(
            r"\bawait(?:s|ed|ing)?\b|\bpending\s+(?:a|an|the)\b|\bunder\s+(?:review|consideration)\b", I
        ),
        "pending",
        "weak",
    ),
]

# After a modal/future or "expected to", these verbs mean a decision is still to come.
PENDING_VERBS = re.compile(
    r"\b(?:decide|rule|consider|hear|vote|review|examine|deliberate|assess|weigh|respond|announce|make\s+a\s+decision|"
    r"reach\s+a\s+(?:decision|verdict)|deliver\s+(?:a|its|the)\s+(?:verdict|ruling|decision)|give\s+(?:a|its|their|the)\s+(?:verdict|ruling|decision|answer))\b",
    I,
)
PENDING_VERB_AFTER_MODAL = re.compile(
    r"\b(?:(?:is|are|was|were)\s+(?:due|expected|set|scheduled|likely|poised|going)\s+to|will|would|to)\s+(?:\w+ly\s+)?"
    r"(?:decide|rule|consider|hear|vote|review|examine|deliberate|assess|weigh|make\s+a\s+decision|reach\s+a\s+(?:decision|verdict)|"
    r"deliver\s+(?:a|its|the|their)\s+(?:verdict|ruling|decision|judge?ment)|give\s+(?:a|its|their|the)\s+(?:verdict|ruling|decision|answer))\b",
    I,
)
# "is considering", "are reviewing": a decision-maker still at work.
PENDING_PROGRESSIVE = re.compile(
    r"\b(?:is|are|was|were)\s+(?:still\s+|now\s+|currently\s+)?(?:considering|reviewing|weighing|examining|studying|assessing|deliberating)\b",
    I,
)
# "granted extra time to decide": the decision is put off.
PENDING_OBJECT = re.compile(
    r"\b(?:time|until|extension|deadline|delay)\b[^.]{0,30}\bto\s+(?:decide|consider|respond|answer|make\s+(?:a|up|her|his|their|its))",
    I,
)

# Verbs whose object after "refused to"/"declined to" is speech, not a decision.
SPEECH_OBJECT = re.compile(
    r"^\s*to\s+(?:comment|say|speak|confirm|discuss|reveal|disclose|elaborate|speculate|answer|name|identify|"
    r"be\s+drawn|give\s+(?:details|further|any)|be\s+interviewed|specify|divulge|explain|talk|respond|go\s+into)\b",
    I,
)
# Objects that make "rejected"/"denied"/"dismissed" a denial of a statement, not a decision on a request.
DENIAL_OBJECT = re.compile(
    r"\b(?:allegations?|accusations?|suggestions?|speculation|rumou?rs?|reports?|criticisms?|charges?|links?|"
    r"notion|idea|stor(?:y|ies)|talk|insinuations?|comparisons?|wrongdoing|involvement|responsibility|"
    r"blame|liability|defeat|view|claims?\s+(?:that|of|he|she|it|they)|(?:that|any)\s+(?:he|she|it|they|the))\b",
    I,
)
# What "accepted"/"approved" takes when nothing was granted ("accepted the blame"); "approved a rail link"
# is a decision, though "denied any link" is not.
ACCEPTED_NOT_GRANTED = re.compile(
    r"\b(?:responsibility|blame|liability|defeat|criticisms?|view|result|wrongdoing)\b", I
)
WEAK_BAD_OBJECT = re.compile(
    r"^\s*(?:that\s+view|the\s+view|responsibility|the\s+result|defeat|blame|by\b)", I
)

# --- verbs of asking --------------------------------------------------------------------------

# (pattern, strength). The subject of these verbs is the requester, what follows the request.
REQUEST_VERBS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"\bask(?:s|ed|ing)?\b(?=(?:\s+[\w'’$£€.-]+){0,8}?\s+(?:to|for|that)\b)", I), "strong"),
    (re.compile(r"\brequest(?:ed|ing)\b", I), "strong"),
    (re.compile(r"\b(?:seek|seeks|seeking|sought)\b", I), "strong"),
    (re.compile(r"\bappl(?:y|ies|ied|ying)\s+(?:to\s+[^,.;]{1,60}?\s+)?for\b", I), "strong"),
    (
        re.compile(
            r"\bappl(?:y|ies|ied|ying)\s+(?:(?:last|this|next|earlier)\s+\w+\s+|in\s+\d{4}\s+)?to\s+(?!(?:the|a|an|his|her|its|their|court|courts)\b)[a-z]+\b",
            I,
        ),
        "strong",
    ),
    (
        re.compile(
            r"\bappeal(?:s|ed|ing)?\s+(?:against|over|to\s+(?:the\s+)?(?:[A-Z][\w']*\s+)*(?:Court|court|Tribunal|tribunal|Lords|judges?))\b",
            I,
        ),
        "strong",
    ),
    (re.compile(r"\bappeal(?:s|ed|ing)?\s+to\s+[^,.;]{1,60}?\s+to\s+\w+", I), "strong"),
    (re.compile(r"\b(?:sue|sues|sued|suing)\b", I), "strong"),
    (re.compile(r"\bdemand(?:ed|ing)\b|\bdemands\s+(?:that|the|an?)\b", I), "strong"),
    (re.compile(r"\bcall(?:s|ed|ing)?\s+(?:for|on\s+[^,.;]{1,60}?\s+to)\b", I), "strong"),
    (re.compile(r"\burg(?:e|es|ed|ing)\b(?=\s+[^,.;]{1,80}?\s+to\s+\w+)", I), "strong"),
    (re.compile(r"\bpetition(?:s|ed|ing)\b", I), "strong"),
    (
        re.compile(
            r"\b(?:lodg|fil)(?:e|es|ed|ing)\s+(?:for|an?\s+(?:\w+\s+)?(?:appeal|application|claim|complaint|petition|lawsuit|suit|request|bid|motion|challenge|objection))\b",
            I,
        ),
        "strong",
    ),
    (
        re.compile(
            r"\b(?:launch|submitt?|tabl|mak|made|put\s+forward|present|lodg|fil)\w*\s+(?:[^,.;]{1,40}?\s+with\s+)?(?:a|an|the|its|their|his|her|fresh|new|formal|detailed|third|second)\s+(?:\w+\s+){0,2}?(?:bid|offer|application|request|proposal|proposals|petition|appeal|claim|motion|approach)\b",
            I,
        ),
        "strong",
    ),
    (re.compile(r"\bpropos(?:es|ed|ing)\s+(?:to|that)\b", I), "strong"),
    (re.compile(r"\boffer(?:s|ed|ing)?\s+to\s+\w+", I), "strong"),
    (
        re.compile(r"\b(?:press|push|lobb(?:y|ie))(?:es|ed|ing|s)?\s+(?:for|[^,.;]{1,60}?\s+to\s+\w+)\b", I),
        "weak",
    ),
    (re.compile(r"\bcampaign(?:s|ed|ing)?\s+(?:for|to)\b", I), "weak"),
    (re.compile(r"\bplead(?:s|ed|ing)?\s+with\b|\bpleaded\s+with\b|\bbegg?(?:ed|ing)\b", I), "weak"),
    (re.compile(r"\bbid(?:s|ding)?\s+(?:to|for)\b", I), "weak"),
    (re.compile(r"\bwant(?:s|ed)?\s+(?:[^,.;]{1,40}?\s+)?to\s+\w+", I), "weak"),
    (re.compile(r"\bchalleng(?:e|es|ed|ing)\b", I), "weak"),
    (
        re.compile(
            r"\b(?:give|gives|gave|given|giving)\s+[^,.;]{1,60}?\s+until\s+[^,.;]{1,30}?\s+to\s+\w+", I
        ),
        "deadline",
    ),
    # "X said it should not be screened": a demand in reported speech
    (
        re.compile(r"\bsa(?:id|ys|y)\b(?=\s+(?:that\s+)?[^,.;\"“”]{1,60}?\s+should\s+(?:not\s+)?\w+)", I),
        "weak",
    ),
]

# "it needs creditors' backing", "needs the approval of X": X decides, and has not yet.
NEEDS_BACKING = re.compile(
    r"\bneeds?\s+(?:the\s+)?(?:backing|approval|support|consent|agreement|blessing|go-ahead)\s+of\s+([^,.;]{2,60})"
    r"|\bneeds?\s+(?:the\s+)?([\w'’ -]{2,40}?)['’]s?\s+(?:backing|approval|support|consent|agreement|blessing|go-ahead)\b",
    I,
)
# "… postponed following protests by those on trial": the asker named beside the decision.
TRIGGER = re.compile(
    r"\b(?:after|following|amid|over|in\s+response\s+to)\s+(?:\w+\s+){0,2}?(?:protests?|complaints?|requests?|calls?|demands?|"
    r"appeals?|campaigns?|pressure|objections?|petitions?|lobbying|applications?|a\s+request|an\s+appeal|a\s+complaint|a\s+petition)"
    r"\s+(?:by|from)\s+([^,.;]+)",
    I,
)

# --- nouns ------------------------------------------------------------------------------------

REQUEST_NOUNS = (
    r"requests?|applications?|appeals?|bids?|offers?|proposals?|claims?|case|cases|lawsuits?|suits?|petitions?|"
    r"demands?|calls?|attempts?|motions?|challenges?|complaints?|pleas?|recommendations?|approach|"
    r"takeover|merger|deal|permission|licen[cs]es?|asylum|bail|extradition|injunction|plans?|schemes?|"
    r"battle|fight|bankruptcy|candidacy|nomination|rethink|review|rescue|bail-?out|protest|protests"
)
# The nouns that name a request on their own ("its offer for bondholders", "a bid from Rangers").
ASK_NOUNS = (
    r"requests?|applications?|appeals?|bids?|offers?|proposals?|petitions?|demands?|calls|attempts?|pleas?|"
    r"recommendations?|claims?|lawsuits?|motions?|complaints?|challenges?"
)
REQUEST_NOUN_RE = re.compile(r"\b(?:" + REQUEST_NOUNS + r")\b", I)
# The legal or business nouns that "won"/"lost" need to be about a decision.
CONTEST_NOUN_RE = re.compile(
    r"\b(?:appeals?|case|cases|bid|bids|battle|fight|challenge|claim|lawsuit|suit|ruling|right|approval|permission|"
    r"backing|support|vote|contract|licen[cs]e|injunction|bail|asylum|order|review|tender|franchise|planning)\b",
    I,
)
# A decision applied to one of these is about a ruling, not about the request itself.
RULING_NOUN_RE = re.compile(
    r"\b(?:ruling|decision|verdict|judge?ment|conviction|sentence|ban|order|law|finding|result|charge|fine|penalty|suspension|dismissal)s?\b",
    I,
)
APPROVAL_NOUNS = (
    r"go[- ]ahead|green light|approval|permission|consent|clearance|backing|blessing|nod|thumbs[- ]up"
)

AUTHORITY_RE = re.compile(
    r"\b(?:courts?|judges?|justices?|magistrates?|tribunal|jury|panel|board|council|committee|commission|"
    r"commissioner|regulators?|watchdog|authorit(?:y|ies)|agency|ministry|ministers?|department|government|"
    r"administration|parliament|congress|senate|assembly|cabinet|president|mayor|governor|secretary|"
    r"officials?|ombudsman|arbitrator|federation|association|union|league|club|shareholders|creditors|"
    r"bondholders|voters|members|bank|office|chancellor|premier|directors|trustees|university|inspectorate|"
    r"regulator|state|states|county|city|trust|hospital|company|firm|group|commons|lords|mps|peers|lawmakers|"
    r"legislature|councillors|councilors)\b",
    I,
)

PRONOUNS = frozenset("he she it they we i you this that these those who which one someone".split())
DETERMINERS = frozenset("the a an its their his her our this that these those".split())
PREPOSITIONS = frozenset(
    """of for to in on at by from with about over under into onto against between among across after
    before during without within via per than as like near off up out down""".split()
)

REPORTING = (
    r"said|says|say|told\s+[\w']+(?:\s+[A-Z][\w']+){0,3}|tells|reported|reports|revealed|reveals|announced|announces|"
    r"confirmed|confirms|added|adds|claimed|claims|stated|states|believes?|believed|thinks?|thought|insisted|insists|"
    r"argued|argues|learnt|learned|understands|understood|found|ruled|rules|warned|warns|noted|notes|explained|"
    r"explains|suggested|suggests|shows?|showed|knows?|knew|hopes?|hoped|fears?|feared|expects?|expected|"
    r"estimated|predicted|wrote|writes|concluded|concludes|decided|conceded|admitted|acknowledged|alleged"
)
REPORTING_CUT = re.compile(r"\b(?:" + REPORTING + r")\b(?:\s+that\b)?", I)
SUBORDINATORS = re.compile(
    r"\b(?:that|which|who|whom|whose|when|while|whereas|because|after|before|although|though|if|unless|since|"
    r"once|until|where|whether|so|despite|amid|following)\b",
    I,
)

# --- reasons ----------------------------------------------------------------------------------

REASON_STRONG = re.compile(
    r"\b(?:citing|cited|because(?:\s+of)?|due\s+to|owing\s+to|on\s+the\s+grounds?\s+(?:that|of)|on\s+(?:\w+\s+){0,2}grounds(?:\s+that|\s+of)?|"
    r"as\s+a\s+result\s+of|in\s+(?:the\s+)?light\s+of|for\s+(?:\w+\s+){0,3}reasons?(?:\s+of)?|on\s+the\s+basis\s+that|"
    r"over\s+concerns?\s+(?:that|about|over)?|amid\s+concerns?\s+(?:that|about|over)?|given\s+that)\b",
    I,
)
REASON_WEAK = re.compile(
    r"(?:,\s*|\s)(?:saying|arguing|explaining|noting|after|following|since|as|(?:finding|ruling|concluding|judging|deciding|holding)\s+that)\b",
    I,
)
# "the company said …" right after "Westline rejected …": a generic name for the decider.
GENERIC_ORG = re.compile(
    r"^(?:the|its|their)\s+(?:\w+\s+)?(?:company|firm|club|board|council|court|ministry|government|department|authority|operator|"
    r"airline|bank|regulator|group|agency|commission|committee|panel|tribunal|judge|union|carrier|insurer|retailer|developer|"
    r"watchdog|administration|state|city|university|school|hospital|trust|league|federation|association|broadcaster)$",
    I,
)
# "The measure, proposed by Democratic lawmakers, …": who stands behind a bill or plan.
PROPOSED_BY = re.compile(
    r"\b(?:proposed|tabled|sponsored|put\s+forward|introduced|submitted|drafted|brought|filed|lodged)\s+by\s+([^,;]+)",
    I,
)
# "X said (that) …", "X found that …": the grounds given by whoever decided.
ATTRIBUTION = re.compile(
    r"\b(?:said|says|ruled|found|argued|argues|added|adds|insisted|insists|stated|states|concluded|explained|"
    r"noted|wrote|believes|believed|held|decided|judged|determined|concerned|worried|fears|feared)\b(?:\s+that)?",
    I,
)
DISCOURSE_ADDITION = re.compile(
    r"^(?:Additionally|In addition|Also|Moreover|Furthermore|What is more|Besides)\b,?\s*", I
)
# "The decision follows a recommendation …"
FOLLOWS = re.compile(
    r"\b(?:follows?|followed|came\s+after|comes\s+after|was\s+based\s+on|is\s+based\s+on|reflects?)\s+", I
)

# --- names ------------------------------------------------------------------------------------

DEMONYMS = {
    "afghan": "Afghanistan",
    "albanian": "Albania",
    "algerian": "Algeria",
    "american": "the US",
    "argentine": "Argentina",
    "argentinian": "Argentina",
    "armenian": "Armenia",
    "australian": "Australia",
    "austrian": "Austria",
    "azerbaijani": "Azerbaijan",
    "belarusian": "Belarus",
    "belgian": "Belgium",
    "brazilian": "Brazil",
    "british": "Britain",
    "bulgarian": "Bulgaria",
    "canadian": "Canada",
    "chilean": "Chile",
    "chinese": "China",
    "colombian": "Colombia",
    "croatian": "Croatia",
    "cuban": "Cuba",
    "czech": "the Czech Republic",
    "danish": "Denmark",
    "dutch": "the Netherlands",
    "egyptian": "Egypt",
    "english": "England",
    "estonian": "Estonia",
    "ethiopian": "Ethiopia",
    "finnish": "Finland",
    "french": "France",
    "georgian": "Georgia",
    "german": "Germany",
    "greek": "Greece",
    "hungarian": "Hungary",
    "icelandic": "Iceland",
    "indian": "India",
    "indonesian": "Indonesia",
    "iranian": "Iran",
    "iraqi": "Iraq",
    "irish": "Ireland",
    "israeli": "Israel",
    "italian": "Italy",
    "japanese": "Japan",
    "jordanian": "Jordan",
    "kazakh": "Kazakhstan",
    "kenyan": "Kenya",
    "korean": "Korea",
    "kuwaiti": "Kuwait",
    "latvian": "Latvia",
    "lebanese": "Lebanon",
    "libyan": "Libya",
    "lithuanian": "Lithuania",
    "macedonian": "Macedonia",
    "malaysian": "Malaysia",
    "mexican": "Mexico",
    "moldovan": "Moldova",
    "moroccan": "Morocco",
    "nigerian": "Nigeria",
    "norwegian": "Norway",
    "pakistani": "Pakistan",
    "palestinian": "the Palestinians",
    "peruvian": "Peru",
    "philippine": "the Philippines",
    "polish": "Poland",
    "portuguese": "Portugal",
    "romanian": "Romania",
    "russian": "Russia",
    "saudi": "Saudi Arabia",
    "scottish": "Scotland",
    "serbian": "Serbia",
    "singaporean": "Singapore",
    "slovak": "Slovakia",
    "slovenian": "Slovenia",
    "somali": "Somalia",
    "spanish": "Spain",
    "sudanese": "Sudan",
    "swedish": "Sweden",
    "swiss": "Switzerland",
    "syrian": "Syria",
    "taiwanese": "Taiwan",
    "thai": "Thailand",
    "tunisian": "Tunisia",
    "turkish": "Turkey",
    "ukrainian": "Ukraine",
    "venezuelan": "Venezuela",
    "vietnamese": "Vietnam",
    "welsh": "Wales",
    "yemeni": "Yemen",
    "zimbabwean": "Zimbabwe",
}


def _any(patterns: list[re.Pattern]) -> re.Pattern:
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), I)


# One pass per sentence tells whether any verb of a family occurs at all (most sentences have none).
ANY_DECISION = _any(
    [p for p, _, _ in DECISION_VERBS] + [PENDING_VERB_AFTER_MODAL, PENDING_PROGRESSIVE, NEEDS_BACKING]
)
ANY_REQUEST = _any([p for p, _ in REQUEST_VERBS])

# Cheaper still: the words those patterns need. A sentence with none of them is skipped before any
# pattern runs (tests check that each pattern's matches contain one of these words).
DECISION_STEMS = tuple(
    """approv grant ratif authori endors accept back clear allow agree sign green give gave giving rul vot uph
    overturn quash strik struck revers won win lost los reject declin refus dismiss turn threw throw veto block
    den rebuff spurn snub knock shot suspend fail defeat postpon call partial partly reduc halv scal water adjourn defer
    reserv await pending decid consider hear review examin deliberat assess weigh respond announc reach deliver
    need study answer""".split()
)
DECISION_WORDS = frozenset("no part yet time hold make put puts putting".split())
REQUEST_STEMS = tuple(
    """ask request seek sought appl appeal sue suing demand call urg petition lodg fil submit tabl propos offer
    press push lobb campaign plead begg bid want challeng""".split()
)
REQUEST_WORDS = frozenset("should until proposals application claim motion approach".split())
_WORD = re.compile(r"[a-z]+")


def has_stem(text: str, stems: tuple[str, ...], words: frozenset[str] = frozenset()) -> bool:
    """Does any word of `text` start with one of `stems` or equal one of `words`?"""
    return any(word in words or word.startswith(stems) for word in _WORD.findall(text.lower()))
