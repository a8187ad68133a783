"""docs/guide-python.md runs as written: its ``python`` blocks, in order,
are one program (the guide says so), run here in an empty directory since
the guide may open a store file in the current one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "guide-python.md"


def test_the_python_guide_runs_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocks = re.findall(r"```python\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.DOTALL)
    assert blocks, f"{GUIDE} has no python block"
    monkeypatch.chdir(tmp_path)
    exec(compile("\n".join(blocks), str(GUIDE), "exec"), {"__name__": "guide"})
    # The guide's first block prints the version: the program did run.
    assert capsys.readouterr().out.strip()
