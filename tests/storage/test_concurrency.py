"""Two people on one pipeline: stale saves and stale undos are refused, nothing is lost.

"Another person" is another thread: peewee gives each thread its own connection, so every test
here uses two real connections (and transactions) to the same database, on SQLite and on
PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import peewee as pw
import pytest

from pipeline_desktop.domain import commands as cmd
from pipeline_desktop.errors import ConflictError, StorageError, ValidationError
from pipeline_desktop.services.demo import generate
from pipeline_desktop.session import Session
from pipeline_desktop.storage.concurrency import DealConflict, deal_version
from pipeline_desktop.storage.process_store import install as install_process
from pipeline_desktop.storage.repository import Repository

# A refused save; two SQLite transactions writing at the same moment may get "busy" instead.
BUSY_OR_CONFLICT = (ConflictError, StorageError, pw.OperationalError)


def as_other_person(session: Session, work: Callable[[Repository], Any]) -> Any:
    """Run `work` on a second connection (another thread), as user "bob"."""
    other = Repository(session.db, user="bob")
    install_process(other)  # activities, qualification and criteria commands too

    def run() -> Any:
        try:
            return work(other)
        finally:
            session.db.close()  # this thread's connection only

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(run).result()


def title_of(session: Session, deal_id: int) -> str:
    return session.repository.deal(deal_id)["title"]


def test_a_stale_edit_is_refused_with_both_values(any_demo_session: Session) -> None:
    repo = any_demo_session.repository
    seen = repo.deal(1)["version"]
    as_other_person(any_demo_session, lambda r: r.apply(
        cmd.EditDeal(1, {"title": "Bob's title"}, expected_version=seen)))

    with pytest.raises(ConflictError) as caught:
        repo.apply(cmd.EditDeal(1, {"title": "Ana's title"}, expected_version=seen))

    error = caught.value
    assert isinstance(error, DealConflict)
    assert (error.mine, error.theirs) == ({"title": "Ana's title"}, {"title": "Bob's title"})
    assert (error.expected_version, error.current_version) == (seen, seen + 1)
    assert "Bob's title" in str(error) and "Ana's title" in str(error)
    assert title_of(any_demo_session, 1) == "Bob's title"
    # Ana chooses to keep hers: the same edit made from the version she was shown.
    repo.apply(cmd.EditDeal(1, {"title": "Ana's title"}, expected_version=error.current_version))
    assert title_of(any_demo_session, 1) == "Ana's title"
    assert deal_version(any_demo_session.db, 1) == seen + 2


def test_every_write_bumps_the_version(any_demo_session: Session) -> None:
    repo = any_demo_session.repository
    start = deal_version(any_demo_session.db, 2)
    repo.apply(cmd.EditDeal(2, {"notes": "called"}))
    stage = repo.stages()[2]
    repo.apply(cmd.MoveStage(2, stage.id))
    assert deal_version(any_demo_session.db, 2) == start + 2


def test_undo_never_reverts_someone_elses_later_change(any_demo_session: Session) -> None:
    repo = any_demo_session.repository
    mine = repo.apply(cmd.EditDeal(3, {"title": "Ana's edit"}))
    as_other_person(any_demo_session, lambda r: r.apply(cmd.EditDeal(3, {"title": "Bob's"})))

    with pytest.raises(ConflictError, match="Someone else changed"):
        repo.apply(mine.inverse)

    assert title_of(any_demo_session, 3) == "Bob's"


def test_undo_and_redo_chain_versions_when_nobody_else_writes(any_demo_session: Session) -> None:
    repo = any_demo_session.repository
    before = title_of(any_demo_session, 4)
    applied = repo.apply(cmd.EditDeal(4, {"title": "Renamed"}))
    undone = repo.apply(applied.inverse)
    assert title_of(any_demo_session, 4) == before
    redone = repo.apply(undone.inverse)
    assert title_of(any_demo_session, 4) == "Renamed"
    repo.apply(redone.inverse)
    assert title_of(any_demo_session, 4) == before


def test_undoing_a_move_after_someone_else_moved_it_is_refused(any_demo_session: Session
                                                               ) -> None:
    repo = any_demo_session.repository
    stages = repo.stages()
    deal_id = next(r.id for r in repo.deal_rows() if r.status == "open")
    moved = repo.apply(cmd.MoveStage(deal_id, stages[4].id))
    as_other_person(any_demo_session, lambda r: r.apply(cmd.MoveStage(deal_id, stages[5].id)))

    with pytest.raises(ConflictError) as caught:
        repo.apply(moved.inverse)

    assert caught.value.theirs == {"stage": stages[5].name}  # type: ignore[attr-defined]
    assert repo.deal(deal_id)["stage"] == stages[5].id
    # Undo and redo of a move nobody interfered with still work.
    back = repo.apply(cmd.MoveStage(deal_id, stages[1].id))
    redo = repo.apply(back.inverse)
    assert repo.deal(deal_id)["stage"] == stages[5].id
    repo.apply(redo.inverse)
    assert repo.deal(deal_id)["stage"] == stages[1].id


def test_a_stale_move_is_refused(any_demo_session: Session) -> None:
    repo = any_demo_session.repository
    stages = repo.stages()
    seen = deal_version(any_demo_session.db, 5)
    as_other_person(any_demo_session, lambda r: r.apply(cmd.EditDeal(5, {"notes": "bob"})))
    with pytest.raises(ConflictError):
        repo.apply(cmd.MoveStage(5, stages[3].id, expected_version=seen))


def test_undoing_a_create_keeps_a_deal_someone_else_edited(any_demo_session: Session) -> None:
    repo = any_demo_session.repository
    created = repo.apply(cmd.CreateDeal({"title": "New one"}))
    deal_id = created.inverse.deal_id  # type: ignore[attr-defined]
    as_other_person(any_demo_session, lambda r: r.apply(cmd.EditDeal(deal_id, {"notes": "mine"})))

    with pytest.raises(ConflictError):
        repo.apply(created.inverse)

    assert repo.deal(deal_id)["notes"] == "mine"


def test_delete_and_restore_keep_the_version_chain(any_demo_session: Session) -> None:
    repo = any_demo_session.repository
    deleted = repo.apply(cmd.DeleteDeal(6))
    restored = repo.apply(deleted.inverse)
    assert repo.deal(6)["id"] == 6
    repo.apply(restored.inverse)  # redo of the delete: nobody touched the restored deal
    with pytest.raises(ValidationError):
        repo.deal(6)


def test_editing_a_deal_someone_else_deleted_says_so(any_demo_session: Session) -> None:
    repo = any_demo_session.repository
    seen = deal_version(any_demo_session.db, 7)
    as_other_person(any_demo_session, lambda r: r.apply(cmd.DeleteDeal(7)))
    with pytest.raises(ValidationError, match=r"no longer exists|deleted by someone else"):
        repo.apply(cmd.EditDeal(7, {"title": "x"}, expected_version=seen))
    with pytest.raises(ValidationError, match="deleted by someone else"):
        repo.apply(cmd.MoveStage(7, repo.stages()[1].id, expected_version=seen))


def test_simultaneous_saves_of_one_version_let_exactly_one_win(any_demo_session: Session
                                                                ) -> None:
    """Both transactions are open at the same moment; one commits, the other is refused."""
    db = any_demo_session.db
    for _round in range(5):
        seen = deal_version(any_demo_session.db, 8)
        barrier = threading.Barrier(2)

        def save(who: str, seen: int = seen, barrier: threading.Barrier = barrier) -> str:
            repo = Repository(db, user=who)
            try:
                barrier.wait()
                repo.apply(cmd.EditDeal(8, {"title": f"{who} {seen}"},
                                        expected_version=seen))
                return "saved"
            except BUSY_OR_CONFLICT:
                return "refused"
            finally:
                db.close()

        with ThreadPoolExecutor(2) as pool:
            results = sorted(pool.map(save, ("ana", "bob")))
        assert results == ["refused", "saved"]
        assert deal_version(any_demo_session.db, 8) == seen + 1


def test_no_update_is_lost_under_contention(any_demo_session: Session) -> None:
    """Two people each add 1 to a deal's value 15 times, re-reading on every refusal."""
    db = any_demo_session.db
    start = any_demo_session.repository.deal(9)["value_cents"] or 0

    def add_ones(who: str) -> int:
        repo = Repository(db, user=who)
        refused = 0
        try:
            for _ in range(15):
                while True:
                    row = repo.deal(9)
                    value = (row["value_cents"] or 0) + 1
                    try:
                        repo.apply(cmd.EditDeal(9, {"value_cents": value},
                                                expected_version=row["version"]))
                        break
                    except BUSY_OR_CONFLICT:
                        refused += 1
        finally:
            db.close()
        return refused

    with ThreadPoolExecutor(2) as pool:
        list(pool.map(add_ones, ("ana", "bob")))
    assert any_demo_session.repository.deal(9)["value_cents"] == start + 30


def test_history_records_who_moved_a_deal(any_demo_session: Session) -> None:
    stages = any_demo_session.repository.stages()
    as_other_person(any_demo_session, lambda r: r.apply(cmd.MoveStage(10, stages[3].id)))
    history = any_demo_session.repository.stage_history(10)
    assert history[-1][1] == stages[3].name and history[-1][3] == "bob"


def test_undoing_several_own_edits_in_turn(any_demo_session: Session) -> None:
    """Each undo bumps the version; the next undo of one's own earlier edit still works."""
    repo = any_demo_session.repository
    before = repo.deal(11)
    stages = repo.stages()
    steps = [repo.apply(cmd.EditDeal(11, {"title": "One"})),
             repo.apply(cmd.MoveStage(11, stages[2].id)),
             repo.apply(cmd.EditDeal(11, {"notes": "Two"})),
             repo.apply(cmd.EditDeal(11, {"title": "Three"}))]
    undone = [repo.apply(step.inverse) for step in reversed(steps)]
    after = repo.deal(11)
    assert (after["title"], after["notes"], after["stage"]) == (before["title"], before["notes"],
                                                                before["stage"])
    for redo in reversed(undone):  # and redo them all again
        repo.apply(redo.inverse)
    assert repo.deal(11)["title"] == "Three"


def test_undo_stops_at_someone_elses_change_in_between(any_demo_session: Session) -> None:
    repo = any_demo_session.repository
    first = repo.apply(cmd.EditDeal(12, {"title": "Mine"}))
    as_other_person(any_demo_session, lambda r: r.apply(cmd.EditDeal(12, {"title": "Bob's"})))
    second = repo.apply(cmd.EditDeal(12, {"notes": "mine too"}))
    repo.apply(second.inverse)  # my latest edit: fine
    with pytest.raises(ConflictError):
        repo.apply(first.inverse)  # would overwrite Bob's title
    assert title_of(any_demo_session, 12) == "Bob's"


def test_undo_of_any_deal_command_respects_others_later_change(any_demo_session: Session
                                                               ) -> None:
    """Qualification and criteria commands (stored by the sales-process module) too."""
    from pipeline_desktop.domain import process_commands as pc

    repo = any_demo_session.repository
    ticked = repo.apply(pc.EditQualification(13, {"need": "Mine"}))
    as_other_person(any_demo_session, lambda r: r.apply(
        pc.EditQualification(13, {"need": "Bob's need"})))
    with pytest.raises(ConflictError, match="not undone"):
        repo.apply(ticked.inverse)
    assert repo.deal(13)["need"] == "Bob's need"
    # Nobody in between: undo and redo as usual.
    mine = repo.apply(pc.EditQualification(13, {"need": "Mine again"}))
    redo = repo.apply(mine.inverse)
    repo.apply(redo.inverse)
    assert repo.deal(13)["need"] == "Mine again"


@pytest.mark.postgres
def test_undoing_an_activity_ignores_others_edits_of_the_deal(pg_url: str, open_any) -> None:
    """PostgreSQL knows which rows a transaction wrote; a SQLite file has one writer at a
    time, so there an activity's undo is guarded by the deal's version as a whole."""
    from pipeline_desktop.domain import process_commands as pc

    any_demo_session = open_any(pg_url)
    generate(any_demo_session.db, any_demo_session.repository.stages(), deals=20, seed=7)
    repo = any_demo_session.repository
    logged = repo.apply(pc.AddActivity(14, {"kind": "call", "subject": "Called"}))
    as_other_person(any_demo_session, lambda r: r.apply(cmd.EditDeal(14, {"title": "Bob's"})))
    repo.apply(logged.inverse)  # the activity goes; Bob's title stays
    assert title_of(any_demo_session, 14) == "Bob's"
