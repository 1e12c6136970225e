"""A served app loads the spelling dictionaries before anyone opens a letter."""

import threading

from web import create_app
from workflow.installation import Installation
from workflow.tone import spelling


def test_warm_up_loads_every_dictionary_in_the_background(installation: Installation) -> None:
    spelling.forget_spellers()  # loaded by earlier tests, the warm-up would be over before it is seen
    create_app({"INSTALLATION": installation, "SECRET_KEY": "test", "DEVELOPMENT": True, "WARM_UP": True})
    warming = [t for t in threading.enumerate() if t.name == "warm-up"]
    assert len(warming) == 1 and warming[0].daemon
    warming[0].join(timeout=120)
    assert not warming[0].is_alive()
    assert {"en_US", "es_ES", "bg_BG", "tr_TR"} <= set(spelling._spellers)


def test_no_warm_up_unless_asked(installation: Installation) -> None:
    create_app({"INSTALLATION": installation, "SECRET_KEY": "test", "DEVELOPMENT": True})
    assert not [t for t in threading.enumerate() if t.name == "warm-up"]
