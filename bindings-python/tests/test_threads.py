"""The GIL is released during store work, so threads make real progress."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from conftest import SYSTEM
from hooks import native_hooks

from helpdesk import Helpdesk


def test_python_runs_while_rust_works() -> None:
    """While one thread is inside Rust (the same guarded path every
    operation takes), the main thread keeps running Python code."""
    worker = threading.Thread(target=native_hooks().sleep_for_test, args=(0.5,))
    worker.start()
    iterations = 0
    while worker.is_alive():
        iterations += 1
    worker.join()
    assert iterations > 1000


def test_two_threads_in_rust_run_at_the_same_time() -> None:
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(native_hooks().sleep_for_test, [0.4, 0.4]))
    elapsed = time.perf_counter() - started
    assert elapsed < 0.75, f"the two calls ran one after the other ({elapsed:.2f}s)"


def test_a_thread_pool_shares_one_desk(tmp_path: Path) -> None:
    desk = Helpdesk.open(tmp_path / "desk.sqlite")
    company = desk.create_company(SYSTEM, name="Acme").id
    team = desk.create_team(SYSTEM, company=company, name="Support").id
    progress = {"a": 0, "b": 0}

    def work(name: str) -> list[int]:
        ids = []
        for index in range(40):
            ticket = desk.create_ticket(SYSTEM, team=team, subject=f"{name} {index}")
            ids.append(ticket.id)
            progress[name] += 1
        return ids

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(work, ["a", "b"]))
    assert progress == {"a": 40, "b": 40}
    all_ids = results[0] + results[1]
    assert len(set(all_ids)) == 80
    assert desk.count_tickets(SYSTEM, team=team) == 80
