"""Render a batch of letters to one print-ready PDF, in chunks, with bounded memory.

The letters are taken from the iterable `chunk_size` at a time; each chunk
becomes one HTML document, which WeasyPrint lays out and writes to a
temporary PDF, and `PdfJoiner` appends that PDF's pages to the output. So
the process holds one chunk's letters and layout at a time, however long the
batch. With `workers=2` the chunks are laid out by two worker processes
(`worker.py`, started with the running interpreter) while this process
renders the next chunks' HTML and joins finished chunks in batch order.
"""

from __future__ import annotations

import itertools
import json
import logging
import subprocess
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sized
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from queue import Queue

from . import worker
from .data import Letter
from .document import LogoStore, letters_html
from .pdfjoin import PdfJoiner

logger = logging.getLogger(__name__)

WORKER_SCRIPT = Path(worker.__file__).resolve()


class LetterRenderError(RuntimeError):
    """A chunk of letters could not be rendered; nothing is written to `out`."""


@dataclass
class RenderStats:
    letters: int
    pages: int
    pages_per_letter: list[int]
    seconds: float


def render_letters_pdf(
    letters: Iterable[Letter],
    out: Path,
    *,
    chunk_size: int = 100,
    workers: int = 1,
    progress: Callable[[int, int | None], None] | None = None,
) -> RenderStats:
    """Write every letter (invitation page(s) + reply letter) to the PDF `out`, in the given order.

    `progress(done, total)` is called after each chunk is joined; `total` is
    None when `letters` has no length (a generator). The file appears at
    `out` only when the whole batch rendered; on an error the partial file
    is removed and `LetterRenderError` is raised.
    """
    if chunk_size < 1 or workers < 1:
        raise ValueError("chunk_size and workers must be at least 1")
    started = time.perf_counter()
    out = Path(out)
    total = len(letters) if isinstance(letters, Sized) else None
    partial = out.with_name(out.name + ".part")
    pages_per_letter: list[int] = []
    with ExitStack() as stack:
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="rhs-letters-")))
        logos = LogoStore(workdir)
        pool = stack.enter_context(_InProcess() if workers == 1 else _WorkerPool(workers, workdir))
        try:
            with partial.open("wb") as handle:
                joiner = PdfJoiner(handle, title=out.stem)
                pending: deque[tuple[Future, int, Path]] = deque()

                def join_oldest() -> None:
                    future, count, pdf_path = pending.popleft()
                    counts = future.result()
                    pages = joiner.append(pdf_path)
                    pdf_path.unlink()
                    if len(counts) != count or sum(counts) != pages:
                        raise LetterRenderError(
                            f"a chunk of {count} letters came back as {len(counts)} letters on {pages} pages"
                        )
                    pages_per_letter.extend(counts)
                    if progress:
                        progress(len(pages_per_letter), total)

                start = 0  # no enumerate(): its cached result tuple would keep the last chunk alive
                for chunk in _chunks(letters, chunk_size):
                    html = letters_html(chunk, logos=logos, start=start, title=out.stem)
                    pdf_path = workdir / f"chunk-{start:08d}.pdf"
                    pending.append((pool.submit(html, pdf_path), len(chunk), pdf_path))
                    start += len(chunk)
                    del chunk, html
                    while len(pending) > pool.lookahead:
                        join_oldest()
                while pending:
                    join_oldest()
                joiner.close()
            partial.replace(out)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    return RenderStats(
        letters=len(pages_per_letter),
        pages=sum(pages_per_letter),
        pages_per_letter=pages_per_letter,
        seconds=time.perf_counter() - started,
    )


def _chunks(letters: Iterable[Letter], size: int) -> Iterator[list[Letter]]:
    iterator = iter(letters)
    for first in iterator:  # the generator's frame keeps one letter, not the chunk it handed out
        yield [first, *itertools.islice(iterator, size - 1)]


class _InProcess:
    """Lays out each chunk in this process as it is submitted."""

    lookahead = 0

    def submit(self, html: str, pdf_path: Path) -> Future:
        future: Future = Future()
        try:
            future.set_result(worker.render_chunk(html, pdf_path))
        except Exception as exc:
            error = LetterRenderError(f"rendering letters failed: {exc}")
            error.__cause__ = exc
            future.set_exception(error)
        return future

    def __enter__(self):
        return self

    def __exit__(self, *exc_info) -> None:
        return None


class _WorkerProcess:
    """One `worker.py` process, fed one chunk at a time over its stdin/stdout."""

    def __init__(self, workdir: Path, number: int):
        self.log_path = workdir / f"worker-{number}.log"
        self._log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-I", str(WORKER_SCRIPT)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._log, text=True, encoding="utf-8",
        )

    def run(self, html_path: Path, pdf_path: Path) -> list[int]:
        try:
            self.process.stdin.write(json.dumps({"html": str(html_path), "pdf": str(pdf_path)}) + "\n")
            self.process.stdin.flush()
            line = self.process.stdout.readline()
        except (BrokenPipeError, OSError):
            line = ""
        if not line:
            try:  # the pipe closed: wait for the exit, or poll() may run before the process is reaped
                code = self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                code = None
            raise LetterRenderError(f"a letter worker stopped (exit code {code}): {self._log_tail()}")
        answer = json.loads(line)
        if not answer["ok"]:
            raise LetterRenderError(f"rendering letters failed in a worker: {answer['error']}")
        return answer["pages_per_letter"]

    def close(self) -> None:
        try:
            self.process.stdin.close()
            self.process.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        finally:
            self._log.close()

    def kill(self) -> None:
        self.process.kill()
        self.process.wait()
        self._log.close()

    def _log_tail(self) -> str:
        self._log.flush()
        return self.log_path.read_bytes()[-2000:].decode("utf-8", "replace").strip() or "no output"


class _WorkerPool:
    """`size` worker processes; chunks go to whichever is free; results come back as futures.

    Each worker gets the chunk's HTML as a file in the batch's private
    temporary directory. Up to two chunks per worker are queued, so a worker
    never waits for this process to render the next chunk's HTML.
    """

    def __init__(self, size: int, workdir: Path):
        self.size = size
        self.lookahead = 2 * size
        self._workdir = workdir
        self._workers: list[_WorkerProcess] = []
        self._idle: Queue[_WorkerProcess] = Queue()
        self._threads = ThreadPoolExecutor(max_workers=size, thread_name_prefix="letter-worker")
        self._lock = threading.Lock()

    def __enter__(self):
        for number in range(self.size):
            process = _WorkerProcess(self._workdir, number)
            self._workers.append(process)
            self._idle.put(process)
        return self

    def submit(self, html: str, pdf_path: Path) -> Future:
        html_path = pdf_path.with_suffix(".html")
        html_path.write_text(html, encoding="utf-8")
        return self._threads.submit(self._run, html_path, pdf_path)

    def _run(self, html_path: Path, pdf_path: Path) -> list[int]:
        process = self._idle.get()
        try:
            return process.run(html_path, pdf_path)
        finally:
            html_path.unlink(missing_ok=True)
            self._idle.put(process)

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None:
            for process in self._workers:  # stop work in progress: the batch has failed
                process.kill()
            self._threads.shutdown(wait=True, cancel_futures=True)
            return
        self._threads.shutdown(wait=True)
        for process in self._workers:
            process.close()
