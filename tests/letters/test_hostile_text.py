"""Letter texts are bounded in size, and control characters are taken out before anything
is hashed or stored, so SQLite and PostgreSQL keep the same texts."""

from __future__ import annotations

import pytest

from tests.conftest import World, decision, word_file
from workflow.errors import InvalidInput
from workflow.letters.loading import load_letter
from workflow.letters.services import create_letter
from workflow.settings.config import DEFAULT_LETTER_LIMIT, Config

TOO_LONG = "Thank you. " * (DEFAULT_LETTER_LIMIT // 11 + 2)


def test_the_limit_comes_from_the_environment() -> None:
    config = Config.from_mapping({"MAX_LETTER_CHARS": "20000"}, default_database_url="sqlite://")
    assert config.letter_limit == 20_000
    with pytest.raises(InvalidInput, match="letter size limit"):
        Config.from_mapping({"MAX_LETTER_CHARS": "many"}, default_database_url="sqlite://")


def test_a_new_letter_longer_than_the_limit_is_refused(world: World) -> None:
    with pytest.raises(InvalidInput, match="at most 100,000"):
        create_letter(world.installation, decision(), world.people["ana"].id, TOO_LONG)


def test_an_edit_longer_than_the_limit_is_refused_and_changes_nothing(world: World) -> None:
    letter = world.letter()
    with pytest.raises(InvalidInput, match="at most 100,000"):
        world.fire("edit", letter, "ana", body=TOO_LONG)
    with world.installation.db.read() as session:
        assert load_letter(session, letter.id).current_version == 1


def test_a_hand_back_longer_than_the_limit_is_refused(world: World) -> None:
    letter = world.fire("approve_tone", world.to_review(world.letter("2000.00")), "ben")
    with pytest.raises(InvalidInput, match="at most 100,000"):
        world.fire("hand_back", letter, "carla", upload=("edited.docx", word_file(*[TOO_LONG[:5_000]] * 21)))
    with world.installation.db.read() as session:
        assert load_letter(session, letter.id).state == "legal_review"


def test_control_characters_are_taken_out_on_both_databases(world: World) -> None:
    record = decision(customer_name="Mary\x00 Smith", internal_notes="Six\x07 years.")
    letter = create_letter(world.installation, record, world.people["ana"].id, "Thank\x00 you.\vRegards\x1b")
    letter = world.fire("edit", letter, "ana", body="Thank you\x00 again.\x0cRegards")
    letter = world.fire("withdraw", letter, "ana", reason="Dup\x00licate")
    with world.installation.db.read() as session:
        stored = load_letter(session, letter.id)
        assert stored.customer_name == "Mary Smith"
        assert stored.decision.internal_notes == "Six years."
    assert world.letter(customer_name="A\x00").customer_name == "A"
