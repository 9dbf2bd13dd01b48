"""Storage of the sales process: every command applies in a transaction and undoes exactly."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline_desktop.domain import process_commands as pc
from pipeline_desktop.domain.commands import CreateDeal, MoveStage
from pipeline_desktop.domain.model import Outcome
from pipeline_desktop.errors import ValidationError
from pipeline_desktop.session import Session
from pipeline_desktop.storage import process_store as store

TODAY = date(2026, 6, 15)


def _edits(repository) -> tuple[pc.StageEdit, ...]:
    return tuple(pc.StageEdit(s.id, s.name, s.probability, s.outcome, s.exit_criteria,
                              s.stale_after_days) for s in repository.stages())


def _deal(session: Session, title: str = "Deal", stage: int | None = None) -> int:
    fields: dict[str, object] = {"title": title, "company": "Acme"}
    if stage is not None:
        fields["stage_id"] = stage
    return session.repository.apply(CreateDeal(fields)).redo.deal_id


def test_activity_add_complete_edit_delete_and_undo(session: Session) -> None:
    repo = session.repository
    deal_id = _deal(session)
    added = repo.apply(pc.AddActivity(deal_id, {"kind": "Call", "subject": " Ring ",
                                                "due": "2026-06-10"}))
    activity_id = added.redo.activity_id
    (activity,) = store.activities(repo, deal_id)
    assert (activity.kind, activity.subject, activity.due, activity.done) == (
        "call", "Ring", "2026-06-10", None)
    assert added.changes.activities and deal_id in added.changes.deals
    assert [d.activity.id for d in store.due_activities(repo, TODAY)] == [activity_id]
    assert repo.deal_rows([deal_id])[0].next_activity == "2026-06-10"

    done = repo.apply(pc.CompleteActivity(activity_id, "2026-06-12"))
    assert store.activities(repo, deal_id)[0].done == "2026-06-12"
    assert store.due_activities(repo, TODAY) == []
    assert repo.deal_rows([deal_id])[0].last_activity == "2026-06-12"
    repo.apply(done.inverse)
    assert store.activities(repo, deal_id)[0].done is None

    edited = repo.apply(pc.EditActivity(activity_id, {"subject": "Call back"}))
    assert store.activities(repo, deal_id)[0].subject == "Call back"
    repo.apply(edited.inverse)
    assert store.activities(repo, deal_id)[0].subject == "Ring"

    deleted = repo.apply(pc.DeleteActivity(activity_id))
    assert store.activities(repo, deal_id) == []
    repo.apply(deleted.inverse)
    assert store.activities(repo, deal_id) == [activity]
    undo = repo.apply(added.inverse)
    assert store.activities(repo, deal_id) == []
    repo.apply(undo.inverse)  # redo keeps the number
    assert store.activities(repo, deal_id)[0].id == activity_id


def test_activity_validation(session: Session) -> None:
    deal_id = _deal(session)
    with pytest.raises(ValidationError):
        session.repository.apply(pc.AddActivity(deal_id, {"kind": "fax"}))
    with pytest.raises(ValidationError):
        session.repository.apply(pc.AddActivity(deal_id, {"kind": "call", "due": "soon"}))
    with pytest.raises(ValidationError):
        session.repository.apply(pc.AddActivity(999, {"kind": "call"}))
    note = session.repository.apply(pc.AddActivity(deal_id, {"kind": "note", "subject": "n"}))
    assert store.activities(session.repository, deal_id)[0].done is not None
    assert note.redo.activity_id


def test_criteria_and_qualification_with_undo(session: Session) -> None:
    repo = session.repository
    deal_id = _deal(session)
    applied = repo.apply(pc.SetCriteria(deal_id, ("Contact person identified", "x", "x")))
    assert store.criteria_met(repo, deal_id) == ("Contact person identified", "x")
    repo.apply(applied.inverse)
    assert store.criteria_met(repo, deal_id) == ()

    assert repo.deal_rows([deal_id])[0].qualification == 0
    applied = repo.apply(pc.EditQualification(deal_id, {
        "budget_cents": "5000", "budget_confirmed": True, "authority_known": True,
        "authority_name": "Ana", "need": "A CRM", "timeline": "2026-09-01"}))
    quali = store.qualification(repo, deal_id)
    assert (quali.budget_cents, quali.timeline, quali.score) == (500_000, "2026-09-01", 4)
    assert repo.deal_rows([deal_id])[0].qualification == 4
    repo.apply(applied.inverse)
    assert store.qualification(repo, deal_id).score == 0
    assert store.qualification(repo, deal_id).budget_cents is None


def test_icp_setting_scores_deals_and_undoes(demo_session: Session) -> None:
    repo = demo_session.repository
    assert all(row.fit is None for row in repo.deal_rows())
    profile = {"industries": ["Software"], "industry_weight": 50,
               "regions": ["APAC"], "region_weight": 50}
    applied = repo.apply(pc.SetSetting("icp", profile))
    assert applied.changes.everything
    fits = {row.fit for row in repo.deal_rows()}
    assert fits <= {0, 50, 100} and fits & {50, 100}
    assert store.load_icp(repo).industries == ("Software",)
    repo.apply(applied.inverse)
    assert all(row.fit is None for row in repo.deal_rows())
    assert repo.setting("icp") is None


def test_fit_scorer_is_installed_on_open(pipeline_path) -> None:
    from pipeline_desktop.session import open_session

    first = open_session(str(pipeline_path))
    first.repository.apply(pc.SetSetting("icp", {"regions": ["APAC"]}))
    first.close()
    again = open_session(str(pipeline_path))
    try:
        assert again.repository.fit_scorer is not None
        assert again.repository.fit_scorer("", None, "APAC", "") == 100
    finally:
        again.close()


def test_lists_setting(session: Session) -> None:
    repo = session.repository
    assert "Price" in store.text_list(repo, "lost_reasons")
    applied = repo.apply(pc.SetSetting("lost_reasons", [" Price ", "price", "Timing", ""]))
    assert store.text_list(repo, "lost_reasons") == ["Price", "Timing"]
    repo.apply(applied.inverse)
    assert "Chose a competitor" in store.text_list(repo, "lost_reasons")
    with pytest.raises(ValidationError):
        repo.apply(pc.SetSetting("colour", "red"))


def test_edit_stages_rename_swap_reorder_add_and_undo(session: Session) -> None:
    repo = session.repository
    before = repo.stages()
    edits = list(_edits(repo))
    edits[0], edits[1] = (edits[1].__class__(**{**edits[1].__dict__, "name": "Prospecting"}),
                          edits[0].__class__(**{**edits[0].__dict__, "name": "Qualifying"}))
    edits.insert(2, pc.StageEdit(None, "Demo", 40, exit_criteria=("Demo given", "Demo given")))
    applied = repo.apply(pc.EditStages(tuple(edits)))
    after = repo.stages()
    assert [s.name for s in after][:3] == ["Prospecting", "Qualifying", "Demo"]
    assert after[0].id == before[1].id  # reordered, renamed in one go
    assert after[2].exit_criteria == ("Demo given",)
    assert applied.changes.stages
    repo.apply(applied.inverse)
    assert repo.stages() == before
    repo.apply(applied.redo)
    assert [s.name for s in repo.stages()] == [s.name for s in after]
    assert repo.stages()[2].id == after[2].id


def test_delete_stage_moves_deals_and_undo_restores(session: Session) -> None:
    repo = session.repository
    stages = repo.stages()
    qualifying, proposal = stages[1], stages[3]
    deal_id = _deal(session, stage=stages[0].id)
    repo.apply(MoveStage(deal_id, qualifying.id))
    other = _deal(session, stage=qualifying.id)
    edits = tuple(e for e in _edits(repo) if e.id != qualifying.id)
    with pytest.raises(ValidationError):
        repo.apply(pc.EditStages(edits))
    assert repo.stages() == stages  # nothing stored
    applied = repo.apply(pc.EditStages(edits, reassign={qualifying.id: proposal.id}))
    assert {r.stage_id for r in repo.deal_rows([deal_id, other])} == {proposal.id}
    assert qualifying.id not in {s.id for s in repo.stages()}
    assert applied.changes.deals == {deal_id, other}
    history = repo.stage_history(deal_id)
    assert history[-1][1] is None  # the stage is gone from the history line
    undone = repo.apply(applied.inverse)
    assert repo.stages() == stages
    assert {r.stage_id for r in repo.deal_rows([deal_id, other])} == {qualifying.id}
    assert repo.stage_history(deal_id)[-1][1] == "Qualifying"
    repo.apply(undone.inverse)  # redo, as the undo stack does it
    assert qualifying.id not in {s.id for s in repo.stages()}
    assert {r.stage_id for r in repo.deal_rows([deal_id, other])} == {proposal.id}


def test_delete_stage_into_won_closes_deals(session: Session) -> None:
    repo = session.repository
    stages = repo.stages()
    won = next(s for s in stages if s.outcome is Outcome.WON)
    deal_id = _deal(session, stage=stages[2].id)
    edits = tuple(e for e in _edits(repo) if e.id != stages[2].id)
    applied = repo.apply(pc.EditStages(edits, reassign={stages[2].id: won.id}))
    row = repo.deal_rows([deal_id])[0]
    assert (row.status, row.closed is not None) == ("won", True)
    repo.apply(applied.inverse)
    row = repo.deal_rows([deal_id])[0]
    assert (row.status, row.closed, row.stage_id) == ("open", None, stages[2].id)


def test_stage_outcomes_stay(session: Session) -> None:
    repo = session.repository
    edits = [e for e in _edits(repo) if e.outcome is not Outcome.WON]
    with pytest.raises(ValidationError):
        repo.apply(pc.EditStages(tuple(edits)))
    edits = list(_edits(repo))
    edits[0] = pc.StageEdit(edits[0].id, edits[0].name, 10, Outcome.WON)
    with pytest.raises(ValidationError):
        repo.apply(pc.EditStages(tuple(edits)))


def test_board_cards_and_counts(demo_session: Session) -> None:
    repo = demo_session.repository
    cards = store.board_cards(repo)
    open_rows = [r for r in repo.deal_rows(today=TODAY) if r.status == "open"]
    assert {c.id for c in cards} == {r.id for r in open_rows}
    by_id = {r.id: r for r in open_rows}
    for card in cards:
        assert card.next_activity == by_id[card.id].next_activity
        assert card.last_touch is not None
    counts = store.stage_deal_counts(repo)
    assert sum(counts.values()) == repo.deal_count()
    known = store.known_profile_values(repo)
    assert known["industries"] and known["regions"] and known["job_titles"]
    assert store.fit_inputs(repo, cards[0].id)[0] in known["industries"]
