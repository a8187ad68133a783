#!/usr/bin/env python3
"""Turns docs/guide-kotlin.md into Kotlin that GuideTest compiles and runs, so
that a snippet that no longer compiles or behaves fails `make test` instead of
misleading a reader.

The guide's first ``kotlin`` block opens a store; the others read, in order,
as one program on an open desk. So the first becomes ``guideOpening()`` and
the rest ``guideScenario(desk)``; their imports go to the top of the file,
where Kotlin wants them.

Usage: guide-snippets.py GUIDE OUT.kt
"""

from __future__ import annotations

import re
import sys
from pathlib import Path


def main(guide: Path, out: Path) -> None:
    blocks = re.findall(r"```kotlin\n(.*?)```", guide.read_text(encoding="utf-8"), re.DOTALL)
    if len(blocks) < 2:
        sys.exit(f"{guide}: expected an opening block and the scenario's blocks")
    imports = {"import dev.helpdesk.Helpdesk"}
    bodies = []
    for block in blocks:
        lines = block.splitlines()
        imports.update(line for line in lines if line.startswith("import "))
        bodies.append("\n".join(line for line in lines if not line.startswith("import ")))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        f"// @generated from {guide.name} by bindings-mobile/guide-snippets.py\n"
        "package dev.helpdesk.guide\n\n"
        + "\n".join(sorted(imports))
        + "\n\n/** The guide's first block: opening a store. */\n"
        + f"fun guideOpening() {{\n{bodies[0]}\n}}\n\n"
        + "/** The guide's other blocks, in order, on an open desk. */\n"
        + "fun guideScenario(desk: Helpdesk) {\n"
        + "\n".join(bodies[1:])
        + "\n}\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
