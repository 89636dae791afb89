"""The ack path goes first: the gate the link workers step aside at, and the group commit's batches."""

from __future__ import annotations

import gc
import threading
import time

from bot.db.engine import set_watched
from bot.db.jobs import EnqueueRequest, enqueue_links, enqueue_many
from bot.jobs.intake import AckGate, GroupCommit
from bot.memory import settle_heap


def test_the_gate_is_open_when_no_request_is_in_hand():
    gate = AckGate()
    started = time.monotonic()
    assert gate.wait_quiet(5) is True
    assert time.monotonic() - started < 0.5


def test_a_worker_waits_for_the_requests_in_hand_and_goes_on_when_they_are_answered():
    gate = AckGate()
    gate.enter()
    gate.enter()
    waited: list[bool] = []
    worker = threading.Thread(target=lambda: waited.append(gate.wait_quiet(10)))
    worker.start()
    time.sleep(0.05)
    gate.leave()
    time.sleep(0.05)
    assert worker.is_alive()  # one request still in hand
    gate.leave()
    worker.join(5)
    assert waited == [True] and gate.in_hand == 0


def test_a_worker_never_waits_longer_than_its_bound():
    gate = AckGate()
    with gate.answering():
        started = time.monotonic()
        assert gate.wait_quiet(0.05) is False
        assert time.monotonic() - started < 1.0
    assert gate.in_hand == 0


def test_a_request_that_raises_still_leaves_the_gate():
    gate = AckGate()
    try:
        with gate.answering():
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert gate.in_hand == 0 and gate.wait_quiet(0) is True


def _request(channel: str, ts: str, *urls: str) -> EnqueueRequest:
    return EnqueueRequest(team_id="T1", channel_id=channel, message_ts=ts, thread_ts=ts, user_id="U1",
                          urls=tuple(urls))


def test_one_batch_gives_each_request_its_own_new_ids(db):
    first = enqueue_links(db, team_id="T1", channel_id="C1", message_ts="1.1", thread_ts="1.1", user_id="U1",
                          urls=["https://x.test/a"])
    assert len(first) == 1
    results = enqueue_many(db, [
        _request("C1", "1.1", "https://x.test/a"),                      # a retry: nothing new
        _request("C1", "1.2", "https://x.test/a", "https://x.test/b"),  # two links
        _request("C2", "1.2", "https://x.test/a", "https://x.test/a"),  # the same link twice
        _request("C1", "1.2", "https://x.test/b"),                      # delivered twice in one batch
    ])
    assert results[0] == [] and len(results[1]) == 2 and len(results[2]) == 1 and results[3] == []
    assert len(set(results[1] + results[2] + first)) == 4


def test_acks_that_arrive_together_share_a_commit_and_each_gets_its_ids(db):
    intake = GroupCommit(db)
    answers: dict[int, list[int]] = {}

    def ack(n: int) -> None:
        answers[n] = intake.enqueue(_request(f"C{n % 3}", f"2.{n}", f"https://x.test/{n}"))

    threads = [threading.Thread(target=ack, args=(n,)) for n in range(24)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    intake.close()
    assert sorted(answers) == list(range(24))
    assert all(len(ids) == 1 for ids in answers.values())
    assert len({ids[0] for ids in answers.values()}) == 24


def test_watch_state_is_one_read_for_all_channels_and_changes_here_apply_at_once(db, settings, monkeypatch):
    from bot.slack import services as services_module
    from bot.slack.services import Services

    set_watched(db, "CQUIET", False)
    reads = []
    real = services_module.unwatched_channels
    monkeypatch.setattr(services_module, "unwatched_channels", lambda database: reads.append(1) or real(database))
    services = Services(settings=settings(database_url=db.url), db=db, poster=None, fetcher=None,  # type: ignore[arg-type]
                        summarizer=None)  # type: ignore[arg-type]
    try:
        assert [services.is_watched(f"C{n}") for n in range(50)] == [True] * 50
        assert services.is_watched("CQUIET") is False
        assert len(reads) == 1
        services.set_watched("C7", False)
        assert services.is_watched("C7") is False
        services.set_watched("CQUIET", True)
        assert services.is_watched("CQUIET") is True
        # another process unwatches a channel: seen once the cached set is older than WATCH_CACHE_SECONDS
        set_watched(db, "C9", False)
        assert services.is_watched("C9") is True
        services._unwatched_until = 0.0
        assert services.is_watched("C9") is False and len(reads) == 2
    finally:
        services.executor.shutdown()
        services.interactive.shutdown()
        services.briefing.shutdown()


def test_settle_heap_freezes_what_start_up_left():
    try:
        settle_heap()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
