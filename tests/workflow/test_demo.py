"""The demo a new user first sees: every state, a true audit trail, and clean letters."""
from sqlalchemy import select

from workflow import audit
from workflow.demo import PEOPLE, load_demo
from workflow.letter_tone import tone_report
from workflow.models import Letter, LetterVersion
from workflow.runtime import Workflow, current_version


def test_demo_has_every_state_clean_letters_and_a_true_trail(wf: Workflow) -> None:
    assert load_demo(wf) == PEOPLE
    with wf.db.read() as session:
        letters = session.scalars(select(Letter)).all()
        texts = {letter.reference: (letter, current_version(session, letter).body) for letter in letters}
        assert audit.verify(session).intact
        versions = session.scalars(select(LetterVersion)).all()
    assert {letter.state for letter in letters} == {
        "draft", "waiting", "peer_review", "legal_review", "approved", "sent", "archived", "withdrawn"}
    for reference, (letter, body) in texts.items():
        assert tone_report(letter, body).findings == [], reference
    assert all(v.created_at <= wf.clock.now() for v in versions), "no demo time lies in the future"
    load_demo(wf)
    with wf.db.read() as session:
        assert len(session.scalars(select(Letter)).all()) == len(letters), "a second run adds nothing"
