"""The real thing: the engine with two workers inside a task of a Celery prefork worker, fed by Redis."""

from __future__ import annotations

import os

import pytest
from pypdf import PdfReader


@pytest.mark.redis
def test_two_workers_render_inside_a_celery_prefork_pool_process(tmp_path):
    from celery import Celery
    from celery.contrib.testing.worker import start_worker

    app = Celery("letters-prefork-test", broker=os.environ["REDIS_URL"], backend=os.environ["REDIS_URL"])
    app.conf.update(task_always_eager=False, broker_connection_retry_on_startup=False)

    @app.task(name="tests.letters.render_batch")
    def render_batch(out: str) -> dict:
        import billiard

        from invitations.letters import render_letters_pdf
        from tests.invitations.letters.factories import letter

        stats = render_letters_pdf([letter(n) for n in range(1, 4)], out, chunk_size=1, workers=2)
        return {"daemonic": billiard.current_process().daemon, "pages_per_letter": stats.pages_per_letter}

    out = tmp_path / "batch.pdf"
    with start_worker(app, pool="prefork", concurrency=1, perform_ping_check=False, shutdown_timeout=30):
        result = render_batch.delay(str(out)).get(timeout=120)

    assert result == {"daemonic": True, "pages_per_letter": [2, 2, 2]}
    assert len(PdfReader(out).pages) == 6
