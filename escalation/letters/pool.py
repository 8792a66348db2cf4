"""Rendering many letters at once: PDF and DOCX in a pool of processes, one per core.

Each worker process builds its renderer once (templates read and compiled once, WeasyPrint
loaded once, its fonts subset once: escalation.letters.pdf) and renders the letters it is
handed; the contexts travel to it, the files' bytes come back. Text formats (Markdown, text,
HTML) render in this process: for them, sending the context costs more than rendering.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from escalation.domain.letters import LetterError, LetterFormat

if TYPE_CHECKING:
    from escalation.letters.renderer import JinjaLetterRenderer

Job = tuple[str, Mapping[str, Any]]  # a template and its finished context
Rendered = Callable[[], list[bytes | LetterError]]  # collects the letters' bytes (or errors)
RenderMany = Callable[[Sequence[Job]], Rendered]

# Letters handed to a worker at a time: large enough that sending is cheap, small enough that
# both cores stay busy to the end of a chunk.
PER_TASK = 4

_worker: JinjaLetterRenderer | None = None


def workers() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


@contextmanager
def render_pool(
    renderer: JinjaLetterRenderer, fmt: LetterFormat, *, processes: int | None = None
) -> Iterator[RenderMany]:
    """`render_many(jobs)` for the block: it starts rendering and returns `collect()`, which
    gives each job's bytes or the LetterError it raised (waiting for them if need be)."""
    count = workers() if processes is None else processes
    if fmt in (LetterFormat.PDF, LetterFormat.DOCX) and count > 1:
        folders = (renderer.packaged, renderer.user)
        with ProcessPoolExecutor(count, initializer=_start, initargs=folders) as pool:
            yield lambda jobs: _in_pool(pool, jobs, fmt)
    else:
        yield lambda jobs: _done([_render(renderer, name, context, fmt) for name, context in jobs])


def _done(results: list[bytes | LetterError]) -> Rendered:
    return lambda: results


def _in_pool(pool: Executor, jobs: Sequence[Job], fmt: LetterFormat) -> Rendered:
    parts = [list(jobs[i : i + PER_TASK]) for i in range(0, len(jobs), PER_TASK)]
    futures = [pool.submit(_work, part, fmt) for part in parts]
    return lambda: [result for future in futures for result in future.result()]


def _start(packaged: Path, user: Path | None) -> None:
    from escalation.letters.renderer import JinjaLetterRenderer

    global _worker
    _worker = JinjaLetterRenderer(packaged=packaged, user=user)


def _work(jobs: list[Job], fmt: LetterFormat) -> list[bytes | LetterError]:
    if _worker is None:  # pragma: no cover - the initializer always ran
        raise RuntimeError("the letter worker was not started")
    return [_render(_worker, name, context, fmt) for name, context in jobs]


def _render(
    renderer: JinjaLetterRenderer, name: str, context: Mapping[str, Any], fmt: LetterFormat
) -> bytes | LetterError:
    try:
        return renderer.render(name, context, fmt=fmt)
    except LetterError as err:
        return LetterError(str(err))
