"""A tiny progress printer for long runs, on stderr so that stdout stays clean.

splink's own logging is per SQL step and too chatty for a user; DuckDB's progress bar
only covers single queries. This prints one line per stage of the run, with its time,
and a bar for the Python clustering loop.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO


class Progress:
    """Stage and bar printer; ``enabled=False`` makes every call a no-op."""

    def __init__(self, enabled: bool = True, stream: TextIO | None = None) -> None:
        self.enabled = enabled
        self.stream = stream if stream is not None else sys.stderr
        self.timings: dict[str, float] = {}
        self._current = ""

    def _write(self, text: str) -> None:
        if self.enabled:
            self.stream.write(text)
            self.stream.flush()

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time a stage; the time is kept in ``timings`` whether or not printing is on."""
        self._current = name
        self._write(f"{name} …")
        start = time.perf_counter()
        try:
            yield
        finally:
            elapsed = time.perf_counter() - start
            self.timings[name] = elapsed
            self._write(f" {elapsed:.1f} s\n")

    def bar(self, done: int, total: int, width: int = 30) -> None:
        """Redraw a bar on the current line (call at most a few hundred times a run)."""
        # Redrawing a line only makes sense on a terminal; in a log it is noise.
        if not self.enabled or total <= 0 or not self.stream.isatty():
            return
        filled = int(width * done / total)
        self._write(
            f"\r{self._current} [{'#' * filled}{'.' * (width - filled)}] {done / total:4.0%}"
        )
        if done >= total:
            self._write(f"\r{self._current} …" + " " * (width + 4) + f"\r{self._current} …")

    def note(self, text: str) -> None:
        self._write(text + "\n")
