"""Who is on which side of a decision, in constructions where the grammatical subject is not the
decider: waiting for a decision, "had X overturned by Y", a penalty on someone, a sacking, calls in
a game. Sentences written for these tests."""

from __future__ import annotations

from bot.models import Article, Status
from bot.summarizers.heuristic import HeuristicSummarizer
from bot.summarizers.heuristic.budget import Budget
from bot.summarizers.heuristic.choose import _background, demand_on_a_party, resolve
from bot.summarizers.heuristic.events import find_events, sentence_events
from bot.summarizers.heuristic.tokens import Sentence, read_sentences, tokenize
from bot.summarizers.heuristic.types import EventKind, Voice


def sent(text: str, index: int = 1) -> Sentence:
    return Sentence(index, text, tokenize(text))


def brief(title: str, text: str):
    return HeuristicSummarizer().summarize(Article(source="t.txt", title=title, text=text))


def only(text: str, lemma: str):
    found = [e for e in sentence_events(sent(text)) if e.lemma == lemma]
    assert len(found) == 1, found
    return found[0]


def test_who_awaits_approval_asked_for_it_and_the_giver_decides() -> None:
    e = only("Pharma firm Orland Labs is awaiting approval from the regulator for its new inhaler.", "await")
    assert e.status() is Status.PENDING
    assert e.beneficiary is not None and e.beneficiary.text == "Pharma firm Orland Labs"
    assert e.actor is not None and e.actor.text == "regulator"


def test_waiting_for_a_decision_names_the_waiting_side_and_the_inspector() -> None:
    b = brief("Homes plan in limbo", "Castleford council is still waiting for a decision from the planning "
              "inspector on its bid to build 300 homes. The inspector held an inquiry in June.")
    assert b.status is Status.PENDING
    assert b.requester == "Castleford council"
    assert b.decided_by == "the planning inspector"


def test_a_vague_waiter_is_no_requester() -> None:
    e = only("The museum's plan is on hold while its backers wait for a decision on the grant.", "wait")
    assert e.beneficiary is None and e.actor is None


def test_had_it_overturned_by_is_a_passive_with_the_subject_as_the_winner() -> None:
    e = only("Sprinter Lena Varga has had her two-year ban overturned by the Court of Arbitration for Sport.",
             "overturn")
    assert e.voice is Voice.PASSIVE and e.status() is Status.APPROVED
    assert e.actor is not None and e.actor.text == "Court of Arbitration for Sport"
    assert e.theme is not None and e.theme.text == "her two-year ban"
    assert e.beneficiary is not None and e.beneficiary.text == "Sprinter Lena Varga"


def test_a_pluperfect_with_an_adverb_is_no_causative() -> None:
    # "had narrowly approved": "had" + adverbs + participle is a pluperfect, not "had X approved"
    e = only("The committee had narrowly approved by one vote the plan for new homes.", "approve")
    assert e.voice is Voice.ACTIVE
    assert e.actor is not None and e.actor.text == "committee"


def test_whom_a_cut_penalty_weighs_on_asked_for_the_cut() -> None:
    b = brief("Fine cut on appeal", "The Court of Appeal has reduced the fine imposed on Marsh Chemicals from "
              "£2m to £400,000 after the firm appealed. The judges said the penalty was excessive.")
    assert b.status is Status.PARTIAL
    assert b.requester == "Marsh Chemicals"
    assert b.decided_by == "the Court of Appeal"  # as the article names it


def test_a_challenger_described_is_not_replaced_by_the_decider() -> None:
    b = brief("Ban upheld", "The FA has upheld a three-match ban on midfielder Joe Pike after the club's appeal. "
              "The panel said the tackle was reckless.")
    assert b.status is Status.DECLINED
    assert b.decided_by == "the FA"
    assert b.requester == "midfielder Joe Pike"


def test_the_granting_subject_decides_over_a_body_named_beside_it() -> None:
    b = brief("Drivers win part of claim", "The rail operator agreed to part of the drivers' demands, offering a "
              "3% rise instead of the 6% the union had sought.")
    assert b.status is Status.PARTIAL
    assert b.decided_by == "the rail operator"


def test_a_name_ends_at_its_verb() -> None:
    b = brief("Takeover cleared", "The £2bn takeover of Hartley Foods by US group Brame Inc has been cleared by "
              "competition regulators, who said it would not harm shoppers.")
    assert b.status is Status.APPROVED
    assert b.requester == "US group Brame Inc"


def test_an_unfair_dismissal_is_a_sacking_not_a_ruling() -> None:
    assert not [e for e in sentence_events(sent("She claims she was unfairly dismissed by the hospital."))
                if e.kind is not EventKind.REQUEST]
    assert only("The judge dismissed the case against the hospital.", "dismiss").status() is Status.DECLINED


def test_an_adjourned_hearing_into_a_sacking_is_pending() -> None:
    b = brief("Hearing put off", "A tribunal hearing into the sacking of nurse Mary Dale has been adjourned until "
              "April. She claims she was unfairly dismissed. The panel said it needed more evidence.")
    assert b.status is Status.PENDING


def test_tax_penalty_appeals_are_requests_not_calls() -> None:
    assert only("The tribunal rejected 300 tax penalty appeals against the revenue.", "reject").status() \
        is Status.DECLINED


def test_calls_in_a_game_are_no_requests() -> None:
    b = brief("Rovers edge past City", "Rovers beat City 2-1 on Saturday. The referee rejected City's penalty "
              "appeals in the second half, and the visitors' manager said his side deserved a draw.")
    assert b.status is Status.UNKNOWN and b.requester is None


def test_the_second_half_is_no_partial_grant() -> None:
    e = only("The board rejected the bid in the second half of the year.", "reject")
    assert e.status() is Status.DECLINED


def test_a_decision_inside_another_decisions_object_is_no_partial_outcome() -> None:
    b = brief("Residents lose runway fight", "Campaigners have lost their legal challenge against the "
              "government's decision to let the airport double in size, after a judge ruled that ministers "
              "had acted lawfully.")
    assert b.status is Status.DECLINED


def test_a_sides_opposition_is_no_decision() -> None:
    assert not [e for e in sentence_events(sent("Campaigners opposed to the quarry marched on the town hall."))
                if e.kind is not EventKind.REQUEST]


def test_needing_more_time_puts_a_decision_off() -> None:
    e = only("The regulator said it needed more time to study the company's request.", "need time")
    assert e.status() is Status.PENDING
    # more time to answer is no decision put off
    assert not [e for e in sentence_events(sent("Residents said they needed more time to respond to it."))
                if e.lemma == "need time"]


def test_a_decision_not_to_be_made_until_later_is_pending() -> None:
    found = [e for e in sentence_events(sent("The minister will not make a decision until the review reports."))
             if e.kind is EventKind.DEFERRAL]
    assert found and found[0].status() is Status.PENDING


def test_a_put_off_decision_keeps_its_subject_as_what_was_put_off() -> None:
    e = only("A decision on the tower has been put off for at least two months.", "put")
    assert e.status() is Status.PENDING
    assert e.theme is not None and e.theme.text == "decision on the tower"


def test_a_time_adjunct_between_subject_and_verb_is_skipped() -> None:
    e = only("The Medicines Agency on Thursday approved the new tablet.", "approve")
    assert e.actor is not None and e.actor.text == "Medicines Agency"
    for text in ("The board last week rejected the offer.", "The board on Tuesday night rejected the offer.",
                 "The board earlier this week rejected the offer.", "The board in May 2023 rejected the offer."):
        e = only(text, "reject")
        assert e.actor is not None and e.actor.text == "board", text


def test_referees_calls_are_no_rulings() -> None:
    assert not [e for e in sentence_events(sent("His first-half try was ruled out for offside."))
                if e.kind is not EventKind.REQUEST]


def test_back_as_a_particle_and_licensing_as_a_noun_grant_nothing() -> None:
    assert not [e for e in sentence_events(sent("The agency sends the drug back to the lab."))
                if e.kind is not EventKind.REQUEST]
    assert not [e for e in sentence_events(sent("The police licensing officer asked for a cap."))
                if e.kind is not EventKind.REQUEST]


def test_a_possessive_opens_the_subject_of_a_reduced_relative() -> None:
    b = brief("Festival licence cut to one year", "Meadow Fest will return next summer for one year only, "
              "after councillors refused to give it the three-year licence its organisers had sought. The "
              "organisers, Larch Events, had applied to the district council in March.")
    assert b.requester == "Larch Events"


def test_a_passive_participle_that_is_also_a_noun_is_still_a_verb() -> None:
    e = only("The striker's suspension was cut to five matches by an appeal tribunal.", "cut")
    assert e.status() is Status.PARTIAL
    assert e.actor is not None and e.actor.text == "appeal tribunal"


def test_the_by_agent_after_a_new_amount_decides() -> None:
    e = only("The fine was reduced from £2m to £400,000 by the Court of Appeal.", "reduce")
    assert e.actor is not None and e.actor.text == "Court of Appeal"


def test_the_by_agent_of_a_passive_does_not_own_the_request() -> None:
    assert not [e for e in sentence_events(sent("The plan was approved by the council."))
                if e.kind is EventKind.REQUEST]


def test_a_dated_decision_is_background() -> None:
    s = sent("In March 2019 the agency rejected an earlier application.")
    e = only(s.text, "reject")
    assert _background(s, e)
    assert not _background(sent("On Thursday the agency rejected the application."),
                           only("On Thursday the agency rejected the application.", "reject"))
    # a comma closes the clause: an aside's date is not the decision's
    s = sent("The firm, founded in 1998 by two brothers, was granted a licence.")
    assert not _background(s, only(s.text, "grant"))
    b = brief("Drug cleared at second attempt", "The Medicines Agency on Thursday approved Zentrol, a daily "
              "tablet for migraine. In November 2017 the agency rejected an earlier application, citing liver "
              "risks.")
    assert b.status is Status.APPROVED


def test_a_negated_subject_negates_the_verb() -> None:
    e = only("Neither the police nor the council had opposed the application.", "oppose")
    assert e.status() is Status.UNKNOWN
    e = only("No minister backed the plan.", "back")
    assert e.status() is Status.DECLINED
    # "No 10" names Downing Street; "no fewer than" counts
    assert only("No 10 backed the plan.", "back").status() is Status.APPROVED
    assert only("No fewer than 40 MPs backed the motion.", "back").status() is Status.APPROVED


def test_can_go_ahead_is_permission_from_the_body_that_says_so() -> None:
    e = only("The competition authority said on Tuesday that the purchase of Bright Ferries can go ahead.",
             "go ahead")
    assert e.status() is Status.APPROVED
    assert e.actor is not None and e.actor.text == "competition authority"
    assert e.theme is not None and e.theme.text == "purchase of Bright Ferries"
    assert not [e for e in sentence_events(sent("The strike went ahead on Monday.")) if e.lemma == "go ahead"]
    # an open question, a hope or a condition permits nothing
    for text in ("Councillors will meet in March to decide whether the expansion can go ahead.",
                 "The firm hopes its expansion can go ahead next year.",
                 "The project can go ahead only if funding is found."):
        assert not [e for e in sentence_events(sent(text)) if e.lemma == "go ahead"], text


def test_an_inner_possessive_stays_inside_the_subject() -> None:
    e = only("The purchase of its rival was approved by the regulator.", "approve")
    assert e.theme is not None and e.theme.text == "purchase of its rival"


def test_a_vote_to_table_a_request_puts_it_off() -> None:
    e = only("The town council voted 5-2 on Tuesday to table the firm's application for a special-use permit.",
             "table")
    assert e.status() is Status.PENDING
    assert e.actor is not None and e.actor.text == "town council"
    # proposing ("will table an amendment", "decided to table a motion") is no deferral, nor is a
    # vote not taken or against tabling
    assert only("The MP will table an amendment.", "table").status() is Status.UNKNOWN
    for text in ("Opposition parties have decided to table a motion of no confidence.",
                 "The council voted not to table the application.",
                 "The council is expected to vote on Tuesday to table the application."):
        assert not [e for e in sentence_events(sent(text)) if e.lemma == "table" and e.status() is Status.PENDING], text


def test_a_permit_after_a_modifier_is_a_noun() -> None:
    assert not [e for e in sentence_events(sent("The firm applied for a special-use permit to build the mast."))
                if e.kind is not EventKind.REQUEST]
    assert only("The board permitted the sale.", "permit").status() is Status.APPROVED


def test_waiting_years_for_a_decision_is_still_pending() -> None:
    e = only("Hale Homes has waited two years for a decision from the council on its plan.", "wait")
    assert e.status() is Status.PENDING
    assert e.beneficiary is not None and e.beneficiary.text == "Hale Homes"


def test_a_time_adjunct_is_no_second_object() -> None:
    e = only("The plan was approved last week.", "approve")
    assert e.theme is not None and e.theme.text == "plan"
    e = only("Her application was refused three times.", "refuse")
    assert e.theme is not None and e.theme.text == "Her application"


def test_a_review_that_is_done_puts_nothing_off() -> None:
    assert not [e for e in sentence_events(sent("The panel had already reviewed the plans and found them safe."))
                if e.kind is not EventKind.REQUEST]
    assert only("The council is considering the application.", "consider").status() is Status.PENDING


def test_there_will_be_no_inquiry_refuses_one() -> None:
    b = brief("No inquiry into ward closure", "There will be no public inquiry into the closure of the children's "
              "ward at Marsham Hospital, the government has said. Parents had demanded an inquiry into the "
              "decision.")
    assert b.status is Status.DECLINED
    assert not [e for e in sentence_events(sent("If there is no deal, the union will strike."))
                if e.kind is not EventKind.REQUEST]
    assert not [e for e in sentence_events(sent("There will be no rain tomorrow.")) if e.kind is not EventKind.REQUEST]
    for text in ("There is no plan to close the old school.", "There will be no change to the plan."):
        assert not [e for e in sentence_events(sent(text)) if e.kind is not EventKind.REQUEST], text


def test_the_pluperfect_of_reported_speech_is_todays_news() -> None:
    b = brief("Detainees to come home", "All four men held abroad will be returned within weeks, the foreign "
              "secretary told MPs on Tuesday. He said the other side had agreed to release them after long talks. "
              "Their families had asked the government to press for their release.")
    assert b.status is not Status.DECLINED
    s = sent("He said the other side had agreed to release the four.")
    assert not _background(s, only(s.text, "agree"))
    # but a reporting verb over another clause still leaves the pluperfect in the past
    s = sent("He said he would appeal because the board had refused his licence.")
    assert _background(s, only(s.text, "refuse"))


def test_a_participle_after_a_noun_leaves_the_noun_as_subject() -> None:
    e = only("Campaigners opposed to the expansion of the airport have lost their legal challenge.", "lose")
    assert e.beneficiary is not None and e.beneficiary.text == "Campaigners"
    # a vote is a main verb, not a modifier
    e = only("The board voted on Monday the firm could appeal the ruling.", "appeal")
    assert e.actor is not None and e.actor.text == "firm"


def test_an_appeal_panel_is_a_body_not_a_request() -> None:
    assert not [e for e in sentence_events(sent("The Rugby Union's appeal panel upheld the finding."))
                if e.kind is EventKind.REQUEST]


def test_adjourned_sentencing_puts_no_request_off() -> None:
    assert not [e for e in sentence_events(sent("The judge adjourned sentencing until January for reports."))
                if e.kind is not EventKind.REQUEST]


def test_a_causative_without_a_by_agent() -> None:
    e = only("Winger Sam Doyle has had his suspension for a late tackle cut from six weeks to four.", "cut")
    assert e.status() is Status.PARTIAL
    assert e.beneficiary is not None and e.beneficiary.text == "Winger Sam Doyle"
    e = only("The club has had its licence revoked.", "revoke")
    assert e.voice is Voice.PASSIVE and e.theme is not None and e.theme.text == "its licence"


def test_the_american_headline_ok_approves() -> None:
    text = "Supervisors OK ten-year lease for stadium"
    found = sentence_events(Sentence(0, text, tokenize(text), headline=True))
    assert [(e.status(), e.actor.text if e.actor else None) for e in found] == [(Status.APPROVED, "Supervisors")]
    assert only("The board OK'd the plan on Monday.", "approve").status() is Status.APPROVED
    assert not sentence_events(Sentence(0, "Everything is OK now", tokenize("Everything is OK now"), headline=True))


def test_a_vote_with_its_count_still_decides() -> None:
    e = only("The county commissioners voted 4-1 to approve the lease.", "approve")
    assert e.status() is Status.APPROVED and e.actor is not None and e.actor.text == "county commissioners"
    e = only("The board voted unanimously on Tuesday to reject the offer.", "reject")
    assert e.status() is Status.DECLINED
    e = only("Members are expected to vote on Tuesday to approve the plan.", "approve")
    assert e.status() is Status.PENDING


def test_a_headline_body_tabling_a_request_sets_it_aside() -> None:
    def headline(text: str):
        return sentence_events(Sentence(0, text, tokenize(text), headline=True))

    assert [e.status() for e in headline("Town council tables phone mast") if e.lemma == "table"] == [Status.PENDING]
    assert not [e for e in headline("Government tables new knife crime bill") if e.status() is Status.PENDING]
    assert [e.status() for e in headline("Council tables motion on bins") if e.lemma == "table"] == [Status.UNKNOWN]


def test_a_passive_subject_may_open_with_an_ing_noun() -> None:
    assert only("The parking scheme was rejected by the council.", "reject").status() is Status.DECLINED
    assert only("Housing plans for the site were refused.", "refuse").status() is Status.DECLINED
    assert not [e for e in sentence_events(sent("He denied taking drugs.")) if e.kind is not EventKind.REQUEST]


def test_a_headline_noun_before_its_passive_verb_is_no_verb() -> None:
    text = "Residents vow to fight on after parking permit scheme rejected"
    found = sentence_events(Sentence(0, text, tokenize(text), headline=True))
    assert [(e.lemma, e.status()) for e in found] == [("reject", Status.DECLINED)]


def test_considering_an_appeal_is_a_sides_next_step() -> None:
    assert not [e for e in sentence_events(sent("His solicitors said they were considering an appeal."))
                if e.kind is not EventKind.REQUEST]
    assert only("The council is considering the appeal.", "consider").status() is Status.PENDING


def test_clearing_someone_over_a_complaint_refuses_the_complaint() -> None:
    text = "Regulator clears documentary over viewer's complaint"
    found = [e for e in sentence_events(Sentence(0, text, tokenize(text), headline=True)) if e.lemma == "clear"]
    assert [e.status() for e in found] == [Status.DECLINED]
    assert only("The watchdog cleared the merger.", "clear").status() is Status.APPROVED


def test_a_body_named_by_initials_decides_over_its_description() -> None:
    b = brief("IPSO upholds complaint against the Courier", "The press regulator has upheld a complaint brought by "
              "a councillor against the Daily Courier over a story about her expenses. Cllr Mary Eddon complained "
              "to the Independent Press Standards Organisation (IPSO) in August.")
    assert b.status is Status.APPROVED
    assert b.decided_by == "IPSO"


def test_the_subject_is_the_head_before_a_relative_clause() -> None:
    e = only("A former director who accused the firm of bias has been awarded £40,000 by an employment tribunal, "
             "a sixth of the sum she claimed.", "award")
    assert e.actor is not None and e.actor.text == "employment tribunal"
    assert e.theme is not None and e.theme.text == "£40,000"
    assert e.beneficiary is not None and e.beneficiary.text == "former director"
    assert e.status() is Status.PARTIAL  # a sixth of what was claimed


def test_pending_ends_an_owner_phrase() -> None:
    e = only("The tribunal adjourned his case pending the outcome of a separate police inquiry.", "adjourn")
    # the case is his ("his" is resolved later); the inquiry after "pending" owns nothing
    assert e.status() is Status.PENDING and e.beneficiary is not None and e.beneficiary.text == "his"
    e = only("The tribunal adjourned the case pending the outcome of a separate police inquiry.", "adjourn")
    assert e.status() is Status.PENDING and e.beneficiary is None


def test_a_requests_fate_told_by_an_adjective() -> None:
    e = only("Their bid for lottery money has been unsuccessful.", "unsuccessful")
    assert e.status() is Status.DECLINED and e.theme is not None and e.theme.text == "Their bid for lottery money"
    assert only("The club's application was successful.", "successful").status() is Status.APPROVED
    assert only("The appeal was only partly successful.", "successful").status() is Status.PARTIAL
    assert not [e for e in sentence_events(sent("The launch was successful.")) if e.kind is not EventKind.REQUEST]


def test_a_confirmation_that_a_bid_had_been_refused_is_todays_news() -> None:
    s = sent("The fund confirmed on Monday that the bid had been turned down.")
    assert not _background(s, only(s.text, "turn"))


def test_by_an_amount_is_no_agent() -> None:
    e = only("Insurer Brookfield Mutual has had a £3m fine cut by almost half on appeal.", "cut")
    assert e.actor is None and e.status() is Status.PARTIAL
    assert only("The fine was reduced by 20% by the tribunal.", "reduce").status() is Status.PARTIAL


def test_a_jury_disbelieving_an_account_decides_no_request() -> None:
    for text in ("But the jury rejected his account after hearing the evidence.",
                 "The jury rejected his claim that he had acted in self-defence."):
        assert not [e for e in sentence_events(sent(text)) if e.kind is not EventKind.REQUEST], text
    # a civil jury's rejection of a claim for damages is a refusal of a request
    assert only("A jury rejected her claim for $5m in damages against the hospital.", "reject").status() \
        is Status.DECLINED
    assert only("A jury awarded the family $2m in damages.", "award").status() is Status.APPROVED


def test_extending_a_review_puts_the_decision_off() -> None:
    assert only("The agency has extended its review of the application by three months.", "extend").status() \
        is Status.PENDING
    assert only("The council extended the licence for a year.", "extend").status() is Status.APPROVED
    text = "Agency pushes back drug decision by three months"
    found = sentence_events(Sentence(0, text, tokenize(text), headline=True))
    assert [(e.lemma, e.status()) for e in found] == [("push back", Status.PENDING)]
    assert only("Campaigners pushed for a ban.", "push").kind is EventKind.REQUEST


def test_less_than_was_asked_is_a_partial_grant() -> None:
    e = only("The council voted 5-4 to approve a budget rise of 3 percent, rather than the 6 percent "
             "requested by the district.", "approve")
    assert e.status() is Status.PARTIAL
    e = only("The operator agreed to a 3% rise instead of the 6% the union had sought.", "agree")
    assert e.status() is Status.PARTIAL


def test_a_mixed_outcome_told_as_such_wins_over_its_parts() -> None:
    b = brief("Gym chain must face some claims", "A federal judge on Monday granted in part and denied in part "
              "the chain's motion to dismiss a class action brought by members. The judge dismissed the members' "
              "fraud claims, but kept their breach of contract claims alive.")
    assert b.status is Status.PARTIAL


def test_applying_rules_is_no_application() -> None:
    assert not sentence_events(sent("The panel found the council had applied its admission criteria correctly."))
    for text in ("The group applied in March for planning permission.", "The firm applied to the council for a licence.",
                 "She applied under the Freedom of Information Act in August for the emails."):
        assert [e.kind for e in sentence_events(sent(text)) if e.lemma == "apply"] == [EventKind.REQUEST], text


def test_review_misfires_stay_fixed() -> None:
    # an agent that opens with "a" is an agent; an amount after "by" is none, and the agent may follow it
    assert only("The appeal was rejected by a panel of three judges.", "reject").actor.text == "panel of three judges"
    assert only("The fine was cut by half by the tribunal.", "cut").actor.text == "tribunal"
    # a request's fate in a condition, a question or a fundraising appeal is no decision
    for text in ("If the bid is successful, the club will build a new stand.",
                 "Whether the appeal is successful will be decided next month.",
                 "The Christmas appeal was successful, raising £10,000 for the hospice."):
        assert not [e for e in sentence_events(sent(text)) if e.lemma in ("successful", "unsuccessful")], text
    # a headline's -s verb stays a verb before a reduced relative
    text = "Council backs housing scheme rejected by planners"
    found = {e.lemma for e in sentence_events(Sentence(0, text, tokenize(text), headline=True))}
    assert "back" in found
    # a relative "that had been" is still the past
    s = sent("The council said the scheme that had been rejected last month would be revived.")
    assert _background(s, only(s.text, "reject"))
    # a time after "less than", a choice after "rather than", a superlative after "one of" are no shares
    for text in ("The council refused the application less than a week after the firm requested a hearing.",
                 "The board approved the northern route rather than the southern one residents had asked for.",
                 "The council approved one of the largest housing schemes in the county.",
                 "Planners approved the scheme, which will cover a third of the town centre."):
        assert not [e for e in sentence_events(sent(text)) if e.status() is Status.PARTIAL], text
    # resisting is no deferral; a considered appeal is pending; a merger cleared over complaints is approved
    assert not [e for e in sentence_events(sent("Residents pushed back against the plan.")) if e.lemma == "push back"]
    assert only("His appeal is being considered.", "consider").status() is Status.PENDING
    text = "Regulator clears merger over competition complaints"
    found = [e for e in sentence_events(Sentence(0, text, tokenize(text), headline=True)) if e.lemma == "clear"]
    assert [e.status() for e in found] == [Status.APPROVED]
    # an adjectival OK, and using a rule, ask and grant nothing
    for text in ("Driver OK after crash on bypass", "Plan gets OK from council"):
        assert not [e for e in sentence_events(Sentence(0, text, tokenize(text), headline=True))
                    if e.lemma == "approve" and e.actor is not None and e.actor.text in ("Driver", "Plan")], text
    assert not [e for e in sentence_events(sent("The court applied the law to the facts of the case."))
                if e.kind is EventKind.REQUEST]
    # a noun "grant" after an amount is no grant
    assert not [e for e in sentence_events(sent("The trust applied for a £500,000 grant.")) if e.lemma == "grant"]


def test_a_request_lodged_with_a_body_is_not_owned_by_that_body() -> None:
    found = [e for e in sentence_events(sent("The union plans to file an appeal with the Labour Arbitration Board today."))
             if e.kind is EventKind.REQUEST]
    assert found and all(e.actor is None or "Arbitration" not in e.actor.text for e in found)
    [owned] = [e for e in sentence_events(sent("The appeal of the union was heard today.")) if e.kind is EventKind.REQUEST]
    assert owned.actor.text == "union"


def test_a_body_asking_a_party_to_act_is_the_deciders_demand_not_the_request() -> None:
    found = brief("Council delays vote on harbour flats",
                  "The council's planning committee delayed its vote on the harbour flats. "
                  "The committee asked the developer to provide a fire report before it decides.")
    assert found.status is Status.PENDING
    assert found.requester is None or "committee" not in found.requester.lower()
    asking_a_court = [e for e in sentence_events(sent("The government has asked the High Court to block the merger."))
                      if e.lemma == "ask"]
    assert asking_a_court and not demand_on_a_party(asking_a_court[0], sent("The government has asked the High Court to block the merger."))
    asking_to_act = sent("The county council asked the rail operator to reopen the station.")
    assert not any(demand_on_a_party(e, asking_to_act) for e in sentence_events(asking_to_act))
    asking_for_money = sent("The council had asked for £120m to build five bypasses.")
    assert not any(demand_on_a_party(e, asking_for_money) for e in sentence_events(asking_for_money))


def test_who_wrote_to_a_body_asking_is_the_one_who_asks() -> None:
    [ask] = [e for e in sentence_events(sent("Residents wrote to the council asking for a public inquiry.")) if e.lemma == "ask"]
    assert ask.actor.text == "Residents"
    [ask] = [e for e in sentence_events(sent("She had written to the minister asking for a review.")) if e.lemma == "ask"]
    assert ask.actor.text == "She"


def test_a_named_subject_decides_over_a_body_merely_named_near_it() -> None:
    found = brief("Minister says sorry to families",
                  "Jane Rowe has apologised to two families who were failed by the justice system. "
                  "The families had asked for an apology for years.")
    assert found.decided_by == "Jane Rowe"


TRIBUNAL_TEXT = ("A brewer is challenging a demand from the tax office, which says it underpaid duty. "
                 "The Excise and Customs Tribunal heard three days of evidence and said it would give its ruling in May.")


def test_the_body_that_will_give_its_ruling_is_the_decider() -> None:
    found = brief("Brewer fights £2m duty bill", TRIBUNAL_TEXT)
    assert found.status in (Status.PENDING, Status.UNKNOWN)
    sentences = read_sentences("Brewer fights £2m duty bill", TRIBUNAL_TEXT, Budget.start())
    events = find_events(sentences, Budget.start())
    [ruling] = [e for e in events if e.lemma == "ruling"]
    assert resolve(ruling.actor, ruling.sentence, sentences, events).text == "Excise and Customs Tribunal"
