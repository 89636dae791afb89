"""Readings added from the blind batches inxl–inxn (their tune halves): who owns a request written
as a lower-case description ("the water company's application"), a deciding body's own ask for a
report, "kicked to March" in the passive, a title-case headline, the pluperfect of reported speech
past a long name, a ban "imposed last year", an earlier decision recalled ("the last time ..."),
"against granting", a participle that describes a noun, cutting another party's ask, clearing a
first hurdle, agreeing among themselves, and bystanders backing a decision. Every text here is
invented."""

from __future__ import annotations

from bot.models import Article, Status
from bot.summarizers.heuristic import HeuristicSummarizer
from bot.summarizers.heuristic.budget import Budget
from bot.summarizers.heuristic.choose import decision_candidates
from bot.summarizers.heuristic.events import find_events, sentence_events
from bot.summarizers.heuristic.tokens import Sentence, read_sentences, tokenize
from bot.summarizers.heuristic.types import EventKind, Meaning


def brief(title: str, paragraphs: list[str]):
    return HeuristicSummarizer().summarize(Article(source="t.txt", title=title, text="\n\n".join(paragraphs)))


def events_of(text: str, headline: bool = False):
    return sentence_events(Sentence(0, text, tokenize(text), headline=headline))


def decisions(text: str, headline: bool = False):
    return [e for e in events_of(text, headline) if e.kind is not EventKind.REQUEST]


DEFERRED = ("A decision on the water company's application for a permit to build a pump station at Fenby was "
            "kicked to March by the county planning committee on Tuesday, after members asked for a noise survey.")


def test_a_lower_case_description_owns_its_request_whole():
    b = brief("Pump station permit kicked to March", [DEFERRED])
    assert b.status is Status.PENDING
    assert b.requester == "the water company"  # not "members", who asked for a survey while deciding


def test_a_deciding_body_asking_for_a_report_is_not_the_requester():
    b = brief("Quarry hours decision put off", [
        "Councillors deferred a decision on Marlow Aggregates' application to extend quarry hours until June.",
        "The committee asked for an independent noise assessment before it decides.",
    ])
    assert b.status is Status.PENDING
    assert b.requester and "Marlow" in b.requester


def test_residents_asking_for_a_survey_still_ask():
    b = brief("Survey call refused", ["Residents have asked for a noise survey of the quarry, but the council refused on cost grounds."])
    assert b.status is Status.DECLINED
    assert b.requester == "Residents"


def test_kicked_to_a_month_in_the_passive_puts_off_the_subject_not_the_month():
    deferral = next(e for e in events_of(DEFERRED) if e.lemma == "kick")
    assert deferral.meaning is Meaning.DEFER
    assert deferral.theme is not None and "application" in deferral.theme.text and "March" not in deferral.theme.text
    assert deferral.beneficiary is not None and "company" in deferral.beneficiary.text  # who asked: the owner


def test_a_title_case_headline_reads_its_verb_and_keeps_the_names_the_body_writes():
    sentences = read_sentences("Council Grants Permit For Fenby Pump Station",
                               "The county council has granted the water company a permit to build a pump station at Fenby.",
                               Budget.start(5.0))
    head = sentences[0].tokens
    assert not head[1].cap and not head[2].cap  # "Grants", "Permit": the body writes them in lower case
    assert head[4].cap  # "Fenby" the body capitalises: a name
    b = HeuristicSummarizer().summarize(Article(source="t.txt", title="Council Grants Permit For Fenby Pump Station",
                                                text="The county council has granted the water company a permit to build a pump station at Fenby."))
    assert b.status is Status.APPROVED
    assert b.decided_by == "the county council"


def test_a_sentence_case_headline_is_untouched():
    sentences = read_sentences("Seoul declines Ukrainian request", "South Korea said no.", Budget.start(5.0))
    assert sentences[0].tokens[0].cap and sentences[0].tokens[2].cap


def test_the_pluperfect_of_reported_speech_past_a_long_name_is_todays_news():
    b = brief("Regulator pushes back decision on migraine spray", [
        "Corvane Pharma will have to wait three months longer than planned to learn whether its spray can be sold.",
        "The company said on Monday that the Food and Drug Administration had extended its review of the application "
        "for the spray, moving the target date from June to September.",
    ])
    assert b.status is Status.PENDING


def test_a_ban_imposed_last_year_does_not_date_the_appeal_dismissed_today():
    b = brief("Sprinter loses doping appeal", [
        "A sports tribunal on Thursday dismissed the sprinter's appeal against the four-year ban imposed last year "
        "by the national anti-doping agency.",
    ])
    assert b.status is Status.DECLINED


def test_the_last_time_a_body_decided_is_background():
    text = "The last time the board granted a licence on Mill Road, in 2019, the area was not yet under the policy."
    sentences = read_sentences("Shop licence bid", text, Budget.start(5.0))
    cand = next(c for c in decision_candidates(sentences, find_events(sentences, Budget.start(5.0)))
                if c.event.lemma == "grant")
    assert cand.features.get("background") == 1.0


def test_voting_against_granting_refuses_but_arguing_against_it_decides_nothing():
    assert {e.status() for e in decisions("The board voted against granting the licence.")} == {Status.DECLINED}
    b = brief("Pub licence bid", ["Residents have campaigned against granting the licence to the Red Lion.",
                                  "The licensing committee will meet on Friday to decide."])
    assert b.status is not Status.DECLINED
    assert all(e.status() is Status.UNKNOWN for e in decisions("Planning officers advised against granting permission."))


def test_a_participle_describing_a_noun_grants_nothing():
    text = "The owner applied for a licence to sell alcohol, with sales permitted from 10am to 10pm, the maximum allowed in Scotland."
    assert not [e for e in decisions(text) if e.lemma in ("permit", "allow")]


def test_plans_approved_by_a_body_may_still_tell_the_news():
    assert any(e.status() is Status.APPROVED for e in decisions("The stadium plans approved by councillors on Tuesday include 400 seats."))


def test_cutting_another_partys_ask_grants_part_of_it():
    found = decisions("Regulator trims Eastvale's spending plan", headline=True)
    assert [e.status() for e in found] == [Status.PARTIAL]
    assert not decisions("Firm trims its spending plan", headline=True)
    assert not decisions("The Treasury trimmed the budget for London's police.")
    assert [e.status() for e in decisions("The arbitrator trimmed the union's pay claim.")] == [Status.PARTIAL]


def test_clearing_a_first_hurdle_is_not_yet_a_decision():
    found = decisions("Farmers' bargaining bid clears first hurdle", headline=True)
    assert [e.status() for e in found] == [Status.PENDING]
    assert [e.status() for e in decisions("Takeover clears competition watchdog", headline=True)] == [Status.APPROVED]


def test_agreeing_among_themselves_grants_nothing():
    assert not decisions("Farmers who agree among themselves on a price could breach the law.")


def test_bystanders_backing_a_decision_decide_nothing_but_a_court_backing_it_does():
    assert not decisions("Residents have backed the county council's decision to close Mill Lane.")
    found = decisions("Magistrates backed the council's decision to refuse the licence.")
    assert found and found[0].status() is Status.DECLINED


def test_keeping_a_temporary_sanction_keeps_it_whole_but_a_partly_upheld_one_parts():
    kept = decisions("Board members voted by nine to two to uphold the temporary suspension.")
    assert [e.status() for e in kept] == [Status.DECLINED]
    assert [e.status() for e in decisions("The court partly upheld the ban.")] == [Status.PARTIAL]
    assert [e.status() for e in decisions("The council granted a temporary licence.")] == [Status.PARTIAL]


def test_a_subject_ending_in_an_abbreviation_reaches_past_its_aside():
    text = "Harwell Gas Co., which serves about 210,000 homes, had asked the commission for permission to raise bills."
    ask = next(e for e in events_of(text) if e.kind is EventKind.REQUEST)
    assert ask.actor is not None and ask.actor.text.startswith("Harwell Gas Co")


def test_siding_with_the_other_party_in_a_dispute_refuses_the_ask():
    sentences = read_sentences("Regulators side with ratepayer advocate", "\n".join([
        "Harwell Gas Co. had asked the commission for permission to add a pipeline surcharge to bills.",
        "The state utility commission voted 4-1 on Wednesday to back the Office of the Public Counsel in a dispute over the charge.",
    ]), Budget.start(5.0))
    found = [c.event for c in decision_candidates(sentences, find_events(sentences, Budget.start(5.0))) if c.event.lemma == "back"]
    assert found and found[0].meaning is Meaning.REFUSE


def test_siding_with_the_one_who_asked_grants():
    sentences = read_sentences("Regulators side with utility", "\n".join([
        "Harwell Gas Co. had asked the commission for permission to add a pipeline surcharge to bills.",
        "The state utility commission voted 4-1 on Wednesday to back Harwell Gas in its dispute with consumer groups.",
    ]), Budget.start(5.0))
    found = [c.event for c in decision_candidates(sentences, find_events(sentences, Budget.start(5.0))) if c.event.lemma == "back"]
    assert found and found[0].meaning is Meaning.GRANT


def test_what_a_vote_comes_after_is_background():
    text = "The vote comes a year after the same commission approved a base rate increase for the utility."
    sentences = read_sentences("Surcharge refused", text, Budget.start(5.0))
    cand = next(c for c in decision_candidates(sentences, find_events(sentences, Budget.start(5.0))) if c.event.lemma == "approve")
    assert cand.features.get("background") == 1.0


def test_going_against_advice_is_no_part_of_the_decision():
    sentences = read_sentences("Medical centre approved", "The appeals board did not accept its inspector's recommendation, "
                               "and granted permission for the centre subject to 14 conditions.", Budget.start(5.0))
    cands = decision_candidates(sentences, find_events(sentences, Budget.start(5.0)))
    grant = next(c.event for c in cands if c.event.lemma == "grant")
    assert grant.status() is Status.APPROVED  # conditions attached: approved, not granted in part


def test_a_capitalised_name_after_by_ends_at_its_verb():
    from bot.summarizers.heuristic.events import owner_in
    from bot.summarizers.heuristic.phrases import make_phrase
    text = "The inspector assigned to the case by An Bord Pleanála recommended that it be refused."
    sentence = Sentence(1, text, tokenize(text))
    case = next(k for k, t in enumerate(sentence.tokens) if t.lower == "case")
    phrase = make_phrase(sentence, case, len(sentence.tokens) - 1)
    assert phrase is not None
    owner = owner_in(sentence, phrase)
    assert owner is not None and owner.text.endswith("Pleanála")


def test_a_decision_asked_as_a_question_is_not_yet_one():
    # a headline that asks, then goes on: the question's clause alone is unanswered
    head = "Will Brenmark let the president's plane through? Ministry says request is being examined"
    assert [e.status() for e in decisions(head, headline=True) if e.lemma == "let"] == [Status.UNKNOWN]
    assert [e.status() for e in decisions("Brenmark lets the president's plane through; ministry says checks are done", headline=True)] \
        == [Status.APPROVED]


def test_reaffirming_a_ban_keeps_it_but_reaffirming_support_rules_nothing():
    found = decisions("The government on Friday reaffirmed its ban on exporting weapons to countries at war.")
    assert [e.status() for e in found] == [Status.DECLINED]
    assert not decisions("The government reaffirmed its support for the bid.")


def test_not_all_requests_turned_down_is_a_sum_not_a_refusal():
    assert not decisions("Not all of the country's requests were turned down.")
    assert [e.status() for e in decisions("All of the country's requests were turned down.")] == [Status.DECLINED]


def test_reaffirming_a_stance_on_a_ban_rules_nothing():
    assert not decisions("The government reaffirmed its support for the ban on fracking.")
    assert not decisions("The minister reaffirmed her opposition to the ban.")


def test_a_why_question_takes_the_decision_as_given():
    found = decisions("Why did Harlow refuse the Red Lion licence? Landlord speaks out", headline=True)
    assert [e.status() for e in found if e.lemma == "refuse"] == [Status.DECLINED]


def test_backing_the_asker_under_a_description_is_not_siding_against_it():
    sentences = read_sentences("Regulators back utility", "\n".join([
        "Harwell Gas Co. had asked the commission for permission to add a pipeline surcharge to bills.",
        "The commission voted 4-1 on Wednesday to back the utility in its dispute with consumer groups.",
    ]), Budget.start(5.0))
    found = [c.event for c in decision_candidates(sentences, find_events(sentences, Budget.start(5.0))) if c.event.lemma == "back"]
    assert found and found[0].meaning is Meaning.GRANT


def test_residents_backing_a_plan_in_a_referendum_decide():
    assert [e.status() for e in decisions("Residents backed the neighbourhood plan in a referendum on Thursday.")] == [Status.APPROVED]


def test_unlike_last_time_does_not_make_todays_grant_background():
    text = "Unlike last time the licensing committee granted the pub a late licence on Friday."
    sentences = read_sentences("Late licence granted", text, Budget.start(5.0))
    cand = next(c for c in decision_candidates(sentences, find_events(sentences, Budget.start(5.0))) if c.event.lemma == "grant")
    assert not cand.features.get("background")


def test_a_compound_adjective_in_ed_is_no_participle_clause():
    text = "The government approved the high speed rail line in 2012."
    sentences = read_sentences("Rail line", text, Budget.start(5.0))
    cand = next(c for c in decision_candidates(sentences, find_events(sentences, Budget.start(5.0))) if c.event.lemma == "approve")
    assert cand.features.get("background") == 1.0


def test_title_case_names_keep_their_capitals_with_a_possessive_or_at_a_sentence_start():
    head = read_sentences("Council Rejects Kestrel's Bid For Lisbon Route",
                          "Kestrel had asked for the route. The council said the airline's bid was too late for Kestrel.",
                          Budget.start(5.0))[0].tokens
    assert head[2].cap and not head[3].cap and not head[4].cap  # "Kestrel's" a name; "Bid", "For" words
    head = read_sentences("Judge Refuses Bail For Mark Dunn", "Dunn, 34, was refused bail. The judge said no.",
                          Budget.start(5.0))[0].tokens
    assert head[4].cap and head[5].cap and not head[1].cap
