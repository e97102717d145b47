"""What a long run reports while it works (a progress bar listens; the default reports nothing)."""

from __future__ import annotations


class Progress:
    """What a long run reports while it works; the default reports nothing.

    Subclass it and pass an instance as ``progress=`` to :func:`claimgraph.build`,
    :func:`claimgraph.check` and the other long calls.
    """

    def stage(self, name: str) -> None:
        """A stage starts."""

    def step(self, done: int, total: int, unit: str = "files") -> None:
        """Part of the current stage is done: ``done`` of ``total`` ``unit`` (total 0: not known).

        ``unit`` is ``files``, ``graphs``, ``queries`` or ``bytes``."""

    def finish(self) -> None:
        """The run is over (also after an error)."""
