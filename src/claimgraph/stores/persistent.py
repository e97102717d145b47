"""The query store on disk: the built graphs in a pyoxigraph (RocksDB) store under
``.claimgraph-cache/``, so that ``query`` opens it in milliseconds instead of parsing the built
TriG into memory (figures: benchmarks/RESULTS.md).

Layout of the cache folder::

    store-KEY/            one generation: complete, and never written again once it is visible
    .filling-KEY-XXXX/    a fill in progress, or what a killed fill left (no reader opens it)
    store.lock            held (flock) by the one process that fills or removes generations

``KEY`` is a SHA-256 over the build stamp ``data/build/build.json`` (which holds the digest of
every built file, the TriG included), the TriG's size and modification time,
:data:`STORE_FORMAT` and pyoxigraph's version: a store of another build, or written by another
Oxigraph, is never opened. A generation is filled with
``bulk_load`` from the built TriG in a ``.filling-*`` folder, closed, given its manifest, and
only then renamed to ``store-KEY``: a fill that fails or is killed leaves no folder a reader
opens, so no answer ever comes from a mix of two builds or from half a store. The next fill
removes such leftovers and the generations of other builds.

Readers open the generation read-only (``Store.read_only``: several processes at once) and
hold a shared lock on its manifest while it is open; a generation is removed only when no
reader holds it.
"""

from __future__ import annotations

import fcntl
import gc
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from claimgraph.paths import UnsafePathError, display_path, inside_project, read_file
from claimgraph.progress import Progress
from claimgraph.stores.embedded import EmbeddedEngine, RawAnswer, _counting

CACHE_DIR = Path(".claimgraph-cache")
#: raise when what a generation holds or how it is laid out changes: older generations are then
#: never opened, and are removed by the next fill
STORE_FORMAT = 1
MANIFEST = "claimgraph-store.json"
LOCK_FILE = "store.lock"
GENERATION_PREFIX = "store-"
FILLING_PREFIX = ".filling-"


class StoreUnavailable(OSError):
    """The store cannot be used here (a symbolic link, a folder that cannot be written); the
    caller answers from memory instead."""


@dataclass(frozen=True)
class Filled:
    """What :func:`ensure_store` did: the generation folder, and why it was filled (None: it
    was already current; ``missing``; ``another build``)."""

    path: Path
    reason: str | None = None
    seconds: float = 0.0


class StoreEngine(EmbeddedEngine):
    """A generation of the query store, opened read-only, with a shared lock on its manifest so
    that no fill removes it while it is open. ``indexes``: the digests (:func:`index_digest`) of
    the index updates the fill ran."""

    def __init__(self, store: ox.Store, lock: int | None, path: Path, indexes: frozenset[str] = frozenset()):
        super().__init__(store)
        self.path = path
        self.indexes = indexes
        self._lock = lock

    def run_on_graphs(self, text: str, graphs: list[str]) -> RawAnswer:
        """A SELECT on the named graphs ``graphs`` alone (an index), as SPARQL JSON results."""
        result = self.store.query(text, default_graph=[], named_graphs=[ox.NamedNode(g) for g in graphs])
        assert isinstance(result, ox.QuerySolutions), "an index query is a SELECT"
        return RawAnswer("SELECT", result.serialize(format=ox.QueryResultsFormat.JSON) or b"")

    def close(self) -> None:
        if self._lock is not None:
            os.close(self._lock)  # releases the shared lock
            self._lock = None

    def __del__(self) -> None:
        self.close()


def cache_folder(root: Path) -> Path:
    """``.claimgraph-cache/`` of the project, refused when it (or its way) is a symbolic link:
    generations in it are removed whole, which must never reach through a link."""
    folder = root / CACHE_DIR
    if folder.is_symlink():
        raise StoreUnavailable(f"{CACHE_DIR.as_posix()} is a symbolic link; the query store is kept only in a "
                               "real folder inside the project: remove the link")
    try:
        inside_project(folder, root)
    except UnsafePathError as exc:
        raise StoreUnavailable(str(exc)) from None
    return folder


def index_digest(update: str) -> str:
    return hashlib.sha256(update.encode("utf-8")).hexdigest()


def store_key(root: Path, dataset: Path, stamp: Path, indexes: tuple[str, ...] = ()) -> str:
    """The key of the generation that matches the built files: from the build stamp (or, when
    there is none, the TriG's digest) and the TriG's size and modification time, so that a
    TriG edited by hand without a new stamp is not answered from the store of the old one, and
    the index updates (``indexes``) the fill runs."""
    info = os.stat(dataset)
    digest = hashlib.sha256(f"claimgraph-store {STORE_FORMAT} pyoxigraph {ox.__version__} "
                            f"{info.st_size} {info.st_mtime_ns} {' '.join(map(index_digest, indexes))}\n".encode())
    try:
        digest.update(b"stamp\0" + read_file(stamp, root))
    except OSError:
        with open(dataset, "rb") as handle:
            digest.update(b"trig\0" + hashlib.file_digest(handle, "sha256").digest())
    return digest.hexdigest()[:32]


def generation(root: Path, key: str) -> Path:
    return root / CACHE_DIR / f"{GENERATION_PREFIX}{key}"


def _manifest(path: Path) -> dict | None:
    try:
        data = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def is_complete(path: Path, key: str) -> bool:
    """``path`` is a complete generation for ``key`` (a folder with its manifest, which is
    written last)."""
    manifest = _manifest(path) if path.is_dir() and not path.is_symlink() else None
    return manifest is not None and manifest.get("key") == key and manifest.get("format") == STORE_FORMAT


def open_generation(path: Path) -> StoreEngine:
    """A complete generation, read-only; raises :class:`OSError` when RocksDB cannot open it."""
    lock = os.open(path / MANIFEST, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        fcntl.flock(lock, fcntl.LOCK_SH)
        indexes = frozenset((_manifest(path) or {}).get("indexes") or ())
        return StoreEngine(ox.Store.read_only(str(path)), lock, path, indexes)
    except BaseException:
        os.close(lock)
        raise


def open_current(root: Path, dataset: Path, stamp: Path, indexes: tuple[str, ...] = ()) -> StoreEngine | None:
    """The generation of the current build, if it is there and opens; else None."""
    path = generation(root, store_key(root, dataset, stamp, indexes))
    if not is_complete(path, path.name.removeprefix(GENERATION_PREFIX)):
        return None
    try:
        return open_generation(path)
    except OSError:
        return None


def ensure_store(root: Path, dataset: Path, stamp: Path, progress: Progress | None = None,
                 indexes: tuple[str, ...] = ()) -> Filled:
    """Make the generation of the current build, unless it is there; remove the others.
    ``indexes``: SPARQL updates run once the TriG is loaded (they write graphs of their own).

    Raises :class:`StoreUnavailable` when the cache folder is a link or cannot be written (read
    only, disk full): the caller answers from memory.
    """
    folder = cache_folder(root)
    key = store_key(root, dataset, stamp, indexes)
    target = generation(root, key)
    if is_complete(target, key):
        return Filled(target)
    try:
        folder.mkdir(exist_ok=True)
        with _exclusive(folder / LOCK_FILE):
            if is_complete(target, key):  # another process filled it while this one waited
                return Filled(target)
            others = [p for p in folder.glob(GENERATION_PREFIX + "*") if p != target]
            _remove_unused(folder, keep=None)  # a killed fill's leftovers, before this one takes disk
            started = time.perf_counter()
            _fill(root, folder, key, dataset, target, progress or Progress(), indexes)
            seconds = time.perf_counter() - started
            _remove_unused(folder, keep=target)
    except StoreUnavailable:
        raise
    except OSError as exc:
        raise StoreUnavailable(f"{display_path(folder, root)}: the query store could not be written "
                               f"({exc.strerror or exc})") from None
    return Filled(target, "another build" if others else "missing", seconds)


def _fill(root: Path, folder: Path, key: str, dataset: Path, target: Path, progress: Progress,
          indexes: tuple[str, ...] = ()) -> None:
    """Fill a new generation from the TriG and make it visible by one rename (see the module)."""
    filling = Path(tempfile.mkdtemp(prefix=f"{FILLING_PREFIX}{key[:12]}-", dir=folder))
    try:
        progress.stage("fill query store")
        store = ox.Store(str(filling))
        with open(dataset, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            reader = _counting(handle, size, lambda done, total: progress.step(done, total, "bytes"))
            store.bulk_load(reader, format=ox.RdfFormat.TRIG)
        for update in indexes:
            store.update(update)
        store.flush()
        del store  # closes the database: nothing writes to the folder any more
        gc.collect()
        manifest = {"key": key, "format": STORE_FORMAT, "pyoxigraph": ox.__version__,
                    "dataset": display_path(dataset, root), "dataset_bytes": size,
                    "indexes": sorted(map(index_digest, indexes))}
        with open(filling / MANIFEST, "w", encoding="utf-8") as handle:
            handle.write(json.dumps(manifest, indent=1) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():  # a folder of that name that is not a complete generation
            _remove(target)
        os.rename(filling, target)
    except BaseException:
        shutil.rmtree(filling, ignore_errors=True)
        raise
    finally:
        progress.finish()


def _remove_unused(folder: Path, *, keep: Path | None) -> None:
    """Remove fills left by killed runs and every generation but ``keep`` that no reader holds
    (call with the store lock held)."""
    for path in sorted(folder.iterdir()):
        if path == keep or path.is_symlink() or not path.is_dir():
            continue
        if path.name.startswith(FILLING_PREFIX):
            shutil.rmtree(path, ignore_errors=True)
        elif path.name.startswith(GENERATION_PREFIX) and keep is not None:
            _remove(path)


def _remove(path: Path) -> None:
    """Remove a generation unless a reader holds it (then the next fill tries again)."""
    try:
        lock = os.open(path / MANIFEST, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        shutil.rmtree(path, ignore_errors=True)  # no manifest: never complete, no reader
        return
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(lock)
        return
    try:
        hidden = path.with_name(f"{FILLING_PREFIX}removed-{path.name}")
        os.rename(path, hidden)  # out of a reader's sight first: then removed at leisure
        shutil.rmtree(hidden, ignore_errors=True)
    finally:
        os.close(lock)


@contextmanager
def _exclusive(path: Path) -> Iterator[None]:
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)
