"""Compile claimcheck's modules before timing it, as installing a package does.

pip compiles a package's modules when it installs it, and Python writes the bytecode of an
editable install on its first run, so a user's commands never compile claimcheck. A sandbox or CI
that sets PYTHONDONTWRITEBYTECODE keeps Python from writing it, and every timed run would compile
every module it imports again (50-100 ms a command here, measured with callgrind): compileall
writes the bytecode regardless, and imports then read it as they do on a user's machine.
"""

from __future__ import annotations

import subprocess
import sys


def compile_claimcheck(python: str = sys.executable) -> None:
    """Write the bytecode of the claimcheck that `python` imports (a no-op where it is current)."""
    code = "import compileall, pathlib, claimcheck; compileall.compile_dir(str(pathlib.Path(claimcheck.__file__).parent), quiet=1)"
    subprocess.run([python, "-c", code], check=True)
