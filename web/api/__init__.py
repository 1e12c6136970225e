"""`/api/v1`: the JSON API (`letters.py`), who calls it (`auth.py`), its problems
(`problems.py`), bodies (`schemas.py`), and its registration and description (`setup.py`)."""
