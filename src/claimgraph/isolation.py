"""Run a memory-hungry function in a forked child process and take back only its result.

A pipeline run makes about 1.3 GB of small Python objects at 100,000 claims. Freed in the
process that made them, most of that memory is not given back to the system: Python's
allocator keeps an arena as long as one object in it lives, and the few objects that outlive
the run are spread over all of them (measured after a run: 344 arenas, 360 MB, holding 39 MB
of live objects). The query store that ``check`` fills next would start 330 MB higher, and
freeing the graphs object by object takes about 2 s. A child process gives its whole heap back
to the system when it exits, at once. ``check`` and ``update-expected`` run the pipeline in one
child, then the saved queries in another (so the 1.3 GB query store is not freed piece by piece
either, 1.3 to 2.1 s); the parent stays at about 65 MB.

The result and any exception travel back pickled; an exception keeps the child's traceback as
a note. So do the calls the child makes on a listener (a progress display): the parent makes
them on the real one as they come, so all output stays in the parent. Off Linux, or with
:data:`ENABLED` off, the function runs in this process instead, with the same result.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import traceback
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
L = TypeVar("L")

#: fork a child for :func:`run_apart` (off: run in this process; tests compare the two). Only
#: on Linux, where it is measured: macOS forbids fork after some system libraries have started
#: (Python's multiprocessing spawns there), and Windows has no fork.
ENABLED = sys.platform.startswith("linux") and hasattr(os, "fork")


class ChildProcessFailed(Exception):
    """The child process ended without handing back a result (killed, or out of memory)."""


def run_apart(work: Callable[[L], T], listener: L) -> T:
    """``work(listener)``, in a forked child process when possible: its return value, or its
    exception raised here. In the child, ``listener`` is a stand-in that sends each method call
    back here, where it is made on the real ``listener`` in order (a progress display stays in
    this process, which owns the terminal). ``work`` must not write to stdout or stderr itself."""
    if not ENABLED:
        return work(listener)
    return Started(work, listener).result()


class Started:
    """``work(listener)`` started in a forked child process, as :func:`run_apart` does, while
    this process goes on: :meth:`result` waits for it (the listener's calls are made then), and
    :meth:`stop` ends it when this process gives up. Needs :data:`ENABLED`.

    The child's listener calls wait in a pipe until :meth:`result`: a child that makes more than
    a few hundred of them waits there too."""

    def __init__(self, work: Callable[[L], T], listener: L):
        self.listener = listener
        sys.stdout.flush()  # what is buffered now must not be written by the child too
        sys.stderr.flush()
        read_end, write_end = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # pragma: no cover - the child; its effects are what the tests see
            _child(work, read_end, write_end)
        os.close(write_end)
        self.read_end = read_end

    def result(self):
        try:
            outcome = _replay(self.read_end, self.listener)
        except BaseException:  # Ctrl-C (the child got it too) or an error here: do not leave it running
            _stop(self.pid)
            raise
        _, status = os.waitpid(self.pid, 0)
        if isinstance(outcome, Exception):
            raise ChildProcessFailed(f"the pipeline's child process ended without handing back its result "
                                     f"({_describe(status)}: {outcome}); if memory ran out, try a larger machine")
        succeeded, value = outcome
        if succeeded:
            return value
        raise value

    def stop(self) -> None:
        os.close(self.read_end)
        _stop(self.pid)


def _replay(read_end: int, listener) -> tuple[bool, object] | Exception:
    """Make the child's calls on ``listener`` until its outcome arrives: (succeeded, value), or
    the error that stopped the reading (the child ended without one)."""
    with os.fdopen(read_end, "rb") as incoming:
        while True:
            try:
                message = pickle.load(incoming)
            except (EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError) as exc:
                return exc if str(exc) else type(exc)(type(exc).__name__)
            if message[0] == _CALL:
                _, name, args, kwargs = message
                getattr(listener, name)(*args, **kwargs)
            else:
                return message[1], message[2]


_CALL, _OUTCOME = "call", "outcome"


class _Forwarder:
    """The child's stand-in for the listener: each method call is sent to the parent."""

    def __init__(self, outgoing):
        self._outgoing = outgoing

    def __getattr__(self, name: str):
        def call(*args, **kwargs):
            pickle.dump((_CALL, name, args, kwargs), self._outgoing, protocol=pickle.HIGHEST_PROTOCOL)
            self._outgoing.flush()
        return call


def _child(work: Callable[[object], object], read_end: int, write_end: int) -> None:  # pragma: no cover
    status = 0
    try:
        # the parent's SIGTERM handler (the command line's) must not run here: the parent stops
        # a child with SIGTERM, and the child must end at once, not report back through the pipe
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.close(read_end)
        with os.fdopen(write_end, "wb") as outgoing:
            try:
                outcome = (True, work(_Forwarder(outgoing)))
            except BaseException as exc:  # noqa: B902 - every exception goes back to the parent
                exc.add_note("in claimgraph's pipeline child process:\n" + traceback.format_exc())
                outcome = (False, exc)
            try:
                data = pickle.dumps((_OUTCOME, *outcome), protocol=pickle.HIGHEST_PROTOCOL)
            except Exception as exc:  # an unpicklable result or exception
                data = pickle.dumps((_OUTCOME, False, RuntimeError(
                    f"the pipeline's child process could not hand back its result: {exc!r}")))
            outgoing.write(data)
    except BaseException:
        status = 1
    finally:
        os._exit(status)  # no cleanup: the system takes the whole heap back at once


def _stop(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass


def _describe(status: int) -> str:
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        try:
            return f"killed by {signal.Signals(number).name}"
        except ValueError:
            return f"killed by signal {number}"
    return f"exit status {os.WEXITSTATUS(status)}" if os.WIFEXITED(status) else f"status {status}"
