"""The database-free part of an import (`tracker.imports.reading`) in a short-lived worker process.

Why: a server process that has parsed a 50,000-row workbook keeps most of that memory for ever (CPython and
glibc keep the freed pages; `tracker.memory.release_memory` gets little of it back: issue 11, item 7). A
process that exits gives all of it back. The server keeps only what the worker returns, `Prepared` (the
typed rows and the located errors, no cell grids), and does the database work itself.

How: one `ProcessPoolExecutor` with a single worker per import, shut down when the import ends:
- its start method is "forkserver" where the platform has it: the worker is forked from a small
  single-threaded server process that has the import modules loaded already (tens of milliseconds), never
  from the threaded web server itself (forking a process with threads can copy a lock another thread held);
  "spawn" elsewhere (it imports the modules anew for each import: seconds).
- a single worker per import, not a shared pool with `max_tasks_per_child=1`: the rejected file's annotated
  copy (`annotate`) is made by the same process that read it, from the cell grids it still holds (a values
  sheet that was read as columns, `tracker.imports.columns`, is read cell by cell then, for the copy only); and
  nothing outlives the import.
- a worker that dies (killed for memory, crashed) rejects the file (422); the server carries on.
"""

import gc
import multiprocessing
import sys
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import cache
from multiprocessing.context import BaseContext
from types import TracebackType

from actionplan.cells import SheetError
from tracker.auth.models import Role
from tracker.imports.parse import Grids
from tracker.imports.reading import InProcess, Prepared, annotated_copy, read_workbook
from tracker.imports.result import Progress, quiet
from tracker.imports.safety import ImportRejected, require_defusedxml
from tracker.settings import Settings

# The cell grids of the workbook this worker read (a worker serves one import, then exits).
_grids: Grids = {}


def read_in_worker(data: bytes, filename: str, role: Role, max_bytes: int) -> Prepared:
    """`read_workbook` in the worker: keeps the grids for `annotate_in_worker`, returns the compact rest."""
    global _grids
    # A process that lives for one file: the cyclic collector would only walk the cells again and again.
    gc.disable()
    prepared, _grids = read_workbook(data, filename, role, max_bytes=max_bytes, tick=quiet)
    return prepared


def annotate_in_worker(data: bytes, errors: list[SheetError], blank: set[tuple[str, str]], uncompressed: int) -> bytes:
    """The annotated copy, from the grids `read_in_worker` kept."""
    return annotated_copy(data, errors, _grids, blank=blank, uncompressed=uncompressed)


@cache
def _context() -> BaseContext:
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        # Loaded once into the fork server, so each worker starts with them already imported.
        preload = ["tracker.imports.worker"]
        main = sys.modules.get("__main__")
        if main is not None and getattr(main, "__spec__", None) is None and getattr(main, "__file__", None):
            # A server started by a script path (the `tracker` console script): multiprocessing runs that script
            # again in each worker (as __mp_main__); with the module it imports preloaded, that costs nothing.
            # A name, not an import: this module stays below the command line.
            preload.append("tracker.cli")
        context.set_forkserver_preload(preload)
        return context
    return multiprocessing.get_context("spawn")


def warm_up() -> None:
    """Start the fork server and let it load the modules now, rather than at the first upload (which otherwise
    waits for that: seconds)."""
    with ProcessPoolExecutor(max_workers=1, mp_context=_context()) as pool:
        pool.submit(int).result()


class Worker:
    """A `Reader` in a worker process of its own, for one import; use it as a context manager."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> "Worker":
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=_context())
        return self._pool

    def read(self, data: bytes, filename: str, role: Role, *, max_bytes: int, tick: Progress) -> Prepared:
        # Refused here, in the server, when this installation's openpyxl does not use defusedxml.
        require_defusedxml()
        tick("read", 0, 1)
        try:
            prepared = self._executor().submit(read_in_worker, data, filename, role, max_bytes).result()
        except BrokenProcessPool as exc:
            raise ImportRejected("The workbook could not be read: its reader stopped (too large or damaged).") from exc
        tick("read", 1, 1)
        return prepared

    def annotate(
        self, data: bytes, errors: list[SheetError], *, blank: set[tuple[str, str]], uncompressed: int
    ) -> bytes:
        try:
            return self._executor().submit(annotate_in_worker, data, errors, blank, uncompressed).result()
        except BrokenProcessPool as exc:
            raise ImportRejected("The annotated copy could not be made: its worker stopped.") from exc


def reader_for(settings: Settings) -> "Worker | InProcess":
    """The reader an upload uses: a worker process (TRACKER_IMPORT_WORKER, the default) or this process."""
    return Worker() if settings.import_worker else InProcess()
