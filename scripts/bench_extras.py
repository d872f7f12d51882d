"""`make bench --extras`: what published documents, phone photos and git history cost."""

import subprocess
import sys

from sitegen import make_site
from timing import PLUGINS, hyperfine

# At the largest size, with --extras: documents, phone photos, and the content in git.
EXTRA_TABLE = (
    ("articles", "articles", "{:d}"),
    ("pdfs", "PDFs", "{:d}"),
    ("photos", "phone photos", "{:d}"),
    ("docs_cold_s", "(e) cold build s", "{:.2f}"),
    ("docs_warm_s", "(e) rebuild s", "{:.2f}"),
    ("docs_check_s", "(e) check s", "{:.2f}"),
    ("docs_check_share", "check/rebuild wall", "{:.0%}"),
    ("docs_check_share_cpu", "check/rebuild CPU", "{:.0%}"),
    ("build_git_s", "(f) build in git s", "{:.2f}"),
    ("git_over_build", "(f)/(b) wall", "{:.2f}x"),
    ("git_over_build_cpu", "(f)/(b) CPU", "{:.2f}x"),
)


def bench_extras(count, seed, runs, work, log, pdfs=50, photos=20):
    """At one size: (e) the build with `pdfs` PDFs and `photos` 12 MP phone photos, cold
    (no cache) and warm (photo copies and document reads cached), their checks, and
    (f) the plain site's build once its content is in git (the history plugin's cost)."""
    root = work / f"extras-{count}"
    make_site(root, count, seed, plugins=PLUGINS, pdfs=pdfs, phone_photos=photos)
    log(f"{count} articles, {pdfs} PDFs and {photos} phone photos generated in {root}")
    out, cache = root / "out-ours", root / "cache"
    build = [sys.executable, "-m", "commands", "build", "-s", root / "ours.py", "-o", out]
    check = [sys.executable, "-m", "commands", "check", "-s", root / "ours.py", "-o", out]
    row = {"articles": count, "pdfs": pdfs, "photos": photos}
    row |= hyperfine("docs_cold", build, root, runs, prepare=["rm", "-rf", out, cache])
    row |= hyperfine("docs_warm", build, root, runs, prepare=["rm", "-rf", out])
    row |= hyperfine("docs_check", check, root, runs)
    row["docs_check_share"] = row["docs_check_s"] / row["docs_warm_s"]
    row["docs_check_share_cpu"] = row["docs_check_cpu_s"] / row["docs_warm_cpu_s"]
    plain = work / f"site-{count}"
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@invalid"]
    for args in (["init", "-q"], ["add", "-A", "content"], ["commit", "-qm", "content"]):
        subprocess.run([*git, *args], cwd=plain, check=True, capture_output=True)
    in_git = [sys.executable, "-m", "commands", "build", "-s", plain / "ours.py"]
    in_git += ["-o", plain / "out-git"]
    row |= hyperfine("build_git", in_git, plain, runs, prepare=["rm", "-rf", plain / "out-git"])
    log(f"  cold {row['docs_cold_s']:.2f} s, warm {row['docs_warm_s']:.2f} s, "
        f"in git {row['build_git_s']:.2f} s")  # fmt: skip
    return row
