"""The demo a new user first sees: every state, a true audit trail, and clean letters."""

from sqlalchemy import select

from workflow.audit import chain
from workflow.demo import PEOPLE, load_demo
from workflow.installation import Installation
from workflow.letters.loading import current_version
from workflow.letters.models import Letter, LetterVersion
from workflow.tone.letters import tone_report


def test_demo_has_every_state_clean_letters_and_a_true_trail(installation: Installation) -> None:
    assert load_demo(installation) == PEOPLE
    with installation.db.read() as session:
        letters = session.scalars(select(Letter)).all()
        texts = {letter.reference: (letter, current_version(session, letter).body) for letter in letters}
        assert chain.verify(session).intact
        versions = session.scalars(select(LetterVersion)).all()
    assert {letter.state for letter in letters} == {
        "draft",
        "waiting",
        "peer_review",
        "legal_review",
        "approved",
        "sent",
        "archived",
        "withdrawn",
    }
    for reference, (letter, body) in texts.items():
        assert tone_report(letter, body).findings == [], reference
        assert body.count("deliver") + body.count("prestó") + body.count("предоставен") <= 1, (reference, body)
    assert all(v.created_at <= installation.clock.now() for v in versions), "no demo time lies in the future"
    load_demo(installation)
    with installation.db.read() as session:
        assert len(session.scalars(select(Letter)).all()) == len(letters), "a second run adds nothing"
