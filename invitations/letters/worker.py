"""Render one chunk of letters to PDF with WeasyPrint — in this process or as a worker process.

Kept free of Django and of the rest of the package so it can run as a plain
script: `render.py` starts `python -I worker.py` processes to use every CPU
core. Subprocesses rather than `multiprocessing`, because the renderer is
called inside Celery's prefork workers, which are daemonic processes and may
not start multiprocessing children.

Protocol (one JSON object per line): the parent writes
`{"html": path, "pdf": path}`; the worker renders, writes the PDF and answers
`{"ok": true, "pages_per_letter": [...]}` or `{"ok": false, "error": "..."}`.
It exits when its input closes.
"""

from __future__ import annotations

import gc
import json
import os
import sys
import traceback
from pathlib import Path

ANCHOR_PREFIX = "letter-"  # the same as document.ANCHOR_PREFIX; this module imports nothing of the package


def url_fetcher():
    """Local files (the prepared logo) and data: URLs only: a letter never fetches from the network."""
    from weasyprint import URLFetcher

    return URLFetcher(allowed_protocols={"file", "data"}, timeout=5)


def pages_per_letter(document) -> list[int]:
    """Pages of each letter in a laid-out document, from the page each `letter-N` anchor falls on."""
    counts: list[int] = []
    seen: set[int] = set()
    for page in document.pages:
        starts = sorted(
            number for name in page.anchors if name.startswith(ANCHOR_PREFIX)
            and (number := int(name[len(ANCHOR_PREFIX):])) not in seen
        )
        if len(starts) > 1:
            raise RuntimeError(f"letters {starts} start on the same page")
        if starts:
            seen.add(starts[0])
            counts.append(1)
        elif counts:
            counts[-1] += 1
        else:
            raise RuntimeError("the document does not start with a letter")
    return counts


def render_chunk(html: str, pdf_path: Path) -> list[int]:
    """Lay out `html`, write it to `pdf_path` and return the pages of each letter."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=str(pdf_path.parent), url_fetcher=url_fetcher()).render()
    counts = pages_per_letter(document)
    document.write_pdf(pdf_path)
    del document
    gc.collect()  # the laid-out boxes reference each other: free them before the next chunk is laid out
    return counts


def serve(lines, out) -> None:
    for line in lines:
        if not line.strip():
            continue
        job = json.loads(line)
        try:
            html = Path(job["html"]).read_text(encoding="utf-8")
            answer = {"ok": True, "pages_per_letter": render_chunk(html, Path(job["pdf"]))}
        except Exception:
            answer = {"ok": False, "error": traceback.format_exc(limit=5)}
        out.write(json.dumps(answer) + "\n")
        out.flush()


def main() -> None:
    # Answers go to a private copy of stdout; anything a library prints goes to stderr instead.
    answers = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    serve(sys.stdin, answers)


if __name__ == "__main__":
    main()
