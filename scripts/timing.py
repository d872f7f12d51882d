"""hyperfine for `make bench`: one command timed in fresh processes, as one row's numbers."""

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# Another copy of the plugins (a git worktree, say) can be measured on the same content.
PLUGINS = Path(os.environ.get("BENCH_PLUGINS") or REPO / "plugins").resolve()
ENV = {**os.environ, "PYTHONPATH": str(PLUGINS), "PYTHONDONTWRITEBYTECODE": "1"}


def hyperfine(name, command, folder, runs, warmup=0, prepare=None, ignore_failure=False):
    """Time `command` with hyperfine: median wall s, mean CPU s, and peak RSS MB."""
    report = folder / f"hyperfine-{name}.json"
    args = ["hyperfine", "-N", "--style", "none", "--runs", str(runs), "--warmup", str(warmup)]
    args += ["--export-json", str(report), "--command-name", name]
    args += ["--prepare", shlex.join(map(str, prepare))] if prepare else []
    args += ["--ignore-failure"] if ignore_failure else []
    args.append(shlex.join(map(str, command)))
    with open(folder / f"hyperfine-{name}.log", "wb") as log:
        process = subprocess.Popen(args, cwd=folder, env=ENV, stdout=log, stderr=log)
        _pid, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        fail(name, command, folder)
    result = json.loads(report.read_text(encoding="utf-8"))["results"][0]
    return {
        f"{name}_s": result["median"],
        f"{name}_cpu_s": result["user"] + result["system"],
        f"{name}_rss_mb": usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024) / 2**20,
    }


def fail(name, command, folder):
    """Stop, with the last lines the failing command printed (hyperfine hides them)."""
    done = subprocess.run(command, cwd=folder, env=ENV, capture_output=True, text=True)
    tail = (done.stdout + done.stderr).strip().splitlines()[-12:]
    hint = (folder / f"hyperfine-{name}.log").read_text(errors="replace").strip()
    raise SystemExit(
        f"bench: {name} failed: {shlex.join(map(str, command))}\n"
        + "\n".join(tail or hint.splitlines()[-5:])
    )
