"""councildocs: UK council leadership documents turned into comparable, evidenced facts.

The stages live in their own folders at the repository root and are installed as
``councildocs.ingest``, ``councildocs.extract``, ``councildocs.warehouse`` and
``councildocs.dashboard`` (see docs/ARCHITECTURE.md).
"""

__version__ = "0.1.0"
