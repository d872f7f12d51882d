"""`make publish`: build the public site afresh, check it, and push it to GitHub Pages.

In order, stopping at the first step that fails, with one plain line per problem
and a non-zero exit:
1. preconditions: a git repository with a commit; a valid Pages branch that is not
   checked out; the site's sources committed; no TBC placeholder in the settings;
   the remote reachable;
2. a fresh build into a new temporary folder, through the same code path as
   `make html` (`runner.build`) with publishconf.py: every check runs inside it;
3. the checks once more (`runner.check`, as `make check`) over the exact files that
   will be committed, the sitemap included;
4. ghp-import commits the folder (with .nojekyll, and CNAME when SITE_DOMAIN is
   set) to the Pages branch, on top of the remote's tip;
5. that commit is verified (`pages_history`): it shares no commit with the source
   branches and no commit of its history has a source file; then one push sends it.
Nothing is pushed unless every step before the push passed. The source branch and
the working tree are never touched.
"""

import contextlib
import os
import shutil
import sys
import tempfile
from urllib.parse import urlsplit

from authoring.fees import fee_placeholders
from policies.review import review_table
from sitebase.git import Refused, git, git_reason, status_paths, tip
from sitebase.git import config as git_config
from sitebase.problems import Problem, display_path, report

from . import pages_history, runner

# The placeholder in pelicanconf.py until the public address is confirmed.
PLACEHOLDER_HOST_SUFFIX = ".invalid"
_MAX_LISTED = 20


def add_parser(command):
    """The `publish` subcommand's own options (it reads publishconf.py by default)."""
    command.set_defaults(settings="publishconf.py")
    command.add_argument("--remote", default="origin")
    command.add_argument("--branch", default="gh-pages")
    command.add_argument(
        "--allow-placeholders", action="store_true", help="warn about TBC placeholders, go on"
    )
    command.add_argument(
        "--allow-uncommitted", action="store_true", help="publish uncommitted changes too"
    )


def publish(args):
    """Build the site afresh, check it, commit it to the Pages branch and push it."""
    try:
        _publish(args)
    except Refused as refusal:
        report([*map(str, refusal.problems), f"Not published: {refusal.reason}"])
        return 1
    except KeyboardInterrupt:
        report(["Not published: interrupted"])
        return 1
    return 0


def _publish(args):
    settings_path = os.path.abspath(args.settings)
    if not os.path.isfile(settings_path):
        raise Refused(f"{display_path(settings_path)} does not exist")
    repo = _repository(os.path.dirname(settings_path))
    source = git("rev-parse", "HEAD", cwd=repo).stdout.strip()
    settings = _read_settings(settings_path)

    problems = _branch_problems(args.branch, args.remote, repo)
    dirty = _uncommitted(repo, settings, settings_path)
    if dirty and not args.allow_uncommitted:
        problems += dirty
    placeholders = _placeholder_problems(settings)
    if args.allow_placeholders:
        report(f"{p.path}: warning: {p.message} (ALLOW_PLACEHOLDERS=1: tests and previews only)"
               for p in placeholders)  # fmt: skip
    else:
        problems += placeholders
    problems += _address_problems(settings)
    if problems:
        raise Refused(_reason(problems, dirty, placeholders), problems)
    report(["Policy reviews (as `make review` shows them):", review_table(settings)], sys.stdout)
    remote_tip = _remote_tip(args.remote, args.branch, repo)

    output = tempfile.mkdtemp(prefix="threemilestone-publish-")
    keep_output = False
    try:
        _build_and_check(settings_path, output, args.allow_placeholders)
        site_commit = _commit(output, repo, args, settings, source, bool(dirty), remote_tip)
        tree = git("rev-parse", f"{site_commit}^{{tree}}", cwd=repo).stdout.strip()
        keep_output = True  # from here on, a failure leaves the build for inspection
        _push(args.remote, args.branch, repo, output)
        keep_output = False
    finally:
        if not keep_output:
            shutil.rmtree(output, ignore_errors=True)
    report(
        [
            f"Published {settings['SITEURL']} to {args.remote} branch {args.branch}: "
            f"commit {site_commit[:12]}, tree {tree[:12]}, built from {source[:12]}"
        ]
    )


# Preconditions ------------------------------------------------------------------


def _repository(folder):
    """The top of the site's git repository, which must have a commit to name."""
    result = git("rev-parse", "--show-toplevel", cwd=folder, check=False)
    if result.returncode != 0:
        raise Refused(
            f"{folder} is not a git repository; publish from a clone of the "
            "site's repository (git clone ...)"
        )
    repo = result.stdout.strip()
    if git("rev-parse", "--verify", "--quiet", "HEAD", cwd=repo, check=False).returncode:
        raise Refused("the repository has no commit yet; commit the site first")
    if git("rev-parse", "--is-shallow-repository", cwd=repo).stdout.strip() == "true":
        raise Refused(
            "this is a shallow clone, without the history the pages' dates come from; "
            "run `git fetch --unshallow`, then make publish again"
        )
    return repo


def _read_settings(path):
    settings = runner.load_settings(path)
    if settings is None:
        raise Refused(f"{display_path(path)} cannot be read (see above); fix it first")
    return settings


def _branch_problems(branch, remote, repo):
    where = "GITHUB_PAGES_BRANCH"
    if git("check-ref-format", "--branch", branch, cwd=repo, check=False).returncode:
        return [Problem(where, f"{branch!r} is not a valid branch name")]
    problems = []
    checked_out = git("worktree", "list", "--porcelain", cwd=repo).stdout.splitlines()
    if f"branch refs/heads/{branch}" in checked_out:
        problems.append(
            Problem(where, f"{branch!r} is checked out (it is a source branch); choose another")
        )
    if not remote or remote.startswith("-"):
        problems.append(Problem("GITHUB_PAGES_REMOTE", f"{remote!r} is not a remote"))
    return problems


def _uncommitted(repo, settings, settings_path):
    """Changes git does not have in what the build reads (content/private aside)."""
    folder = os.path.dirname(settings_path)
    inputs = [settings["PATH"], settings["THEME"], *settings.get("PLUGIN_PATHS", []),
              settings_path, os.path.join(folder, "pelicanconf.py")]  # fmt: skip
    specs = [f":(top){rel}" for rel in _inside(repo, inputs)]
    private = os.path.join(settings["PATH"], settings.get("PRIVATE_DIR", "private").strip("/"))
    specs += [f":(top,exclude){rel}" for rel in _inside(repo, [private])]
    if not specs:
        return []
    status = git("status", "--porcelain=v1", "-z", "--untracked-files=all", "--", *specs,
                 cwd=repo)  # fmt: skip
    paths = status_paths(status.stdout)
    problems = [
        Problem(os.path.join(repo, path), "has uncommitted changes; commit them first")
        for path in sorted(paths)[:_MAX_LISTED]
    ]
    if len(paths) > _MAX_LISTED:
        problems.append(Problem(repo, f"and {len(paths) - _MAX_LISTED} more uncommitted files"))
    return problems


def _inside(repo, paths):
    """Each path relative to the repository, for those inside it."""
    top = os.path.realpath(repo)
    for path in paths:
        if not path or not os.path.exists(path):
            continue
        real = os.path.realpath(path)
        if real == top or real.startswith(top + os.sep):
            yield os.path.relpath(real, top).replace(os.sep, "/")


def _placeholder_problems(settings):
    problems = []
    for name, value in (settings.get("SITE_FACTS") or {}).items():
        if str(value).strip().upper().startswith("TBC"):
            message = f'SITE_FACTS["{name}"] is still a placeholder ({value}); fill it in'
            problems.append(Problem("pelicanconf.py", message))
    for where, value in fee_placeholders(settings.get("FEES")):
        problems.append(
            Problem("pelicanconf.py", f"{where} is still a placeholder ({value}); fill it in")
        )
    siteurl = settings.get("SITEURL") or ""
    host = urlsplit(siteurl).hostname or ""
    if host.endswith(PLACEHOLDER_HOST_SUFFIX) or siteurl.upper().startswith("TBC"):
        problems.append(
            Problem(
                "pelicanconf.py",
                f"PUBLIC_SITEURL is still the placeholder {siteurl}; set it to the public "
                "address (or give SITEURL=https://... to make publish)",
            )
        )
    return problems


def _address_problems(settings):
    """SITEURL must be an absolute address; SITE_DOMAIN (CNAME) must be its host."""
    siteurl = settings.get("SITEURL") or ""
    parts = urlsplit(siteurl)
    if parts.scheme not in ("http", "https") or not parts.hostname or siteurl.endswith("/"):
        return [
            Problem(
                "SITEURL",
                f"{siteurl!r} is not a site address like https://www.example.org "
                "(http or https, no trailing /)",
            )
        ]
    domain = _configured_domain(settings)
    placeholder = parts.hostname.endswith(PLACEHOLDER_HOST_SUFFIX)
    if domain and not placeholder and not is_preview(settings) and domain != parts.hostname:
        return [Problem("pelicanconf.py", f"SITE_DOMAIN {domain} is not the host of {siteurl}")]
    return []


def _configured_domain(settings):
    """SITE_DOMAIN (or CNAME) as pelicanconf.py sets it, or None."""
    return (settings.get("SITE_DOMAIN") or settings.get("CNAME") or "").strip() or None


def is_preview(settings):
    """A publish for another address than PUBLIC_SITEURL (`make publish SITEURL=...`)."""
    public = (settings.get("PUBLIC_SITEURL") or "").rstrip("/")
    if not public or (urlsplit(public).hostname or "").endswith(PLACEHOLDER_HOST_SUFFIX):
        return False  # SITEURL=... then gives the real address, not a preview
    return (settings.get("SITEURL") or "").rstrip("/") != public


def _domain(settings):
    """The custom domain GitHub Pages serves (the CNAME file), if one is set. A preview
    for another address gets no CNAME: the real domain's file would claim it."""
    domain = _configured_domain(settings)
    if domain and is_preview(settings) and urlsplit(settings["SITEURL"]).hostname != domain:
        return None
    return domain


def _reason(problems, dirty, placeholders):
    if placeholders and all(p in placeholders for p in problems):
        return _count(problems, "placeholder") + " to fill in first; nothing was pushed"
    if dirty and all(p in dirty for p in problems):
        return "commit the site's changes first (git add, git commit); nothing was pushed"
    return _count(problems, "problem") + " to fix first; nothing was pushed"


def _count(items, noun):
    return f"{len(items)} {noun}{'' if len(items) == 1 else 's'}"


def _remote_tip(remote, branch, repo):
    """The remote's Pages branch commit (None if it has none yet); refuses if unreachable."""
    result = git("ls-remote", "--heads", remote, f"refs/heads/{branch}", cwd=repo, check=False)
    if result.returncode != 0:
        raise Refused(
            f"cannot reach the remote {remote}: {git_reason(result)} "
            "(check GITHUB_PAGES_REMOTE and your connection)"
        )
    line = result.stdout.strip().split("\n")[0]
    return line.split()[0] if line else None


# Build, commit, push ------------------------------------------------------------


def _build_and_check(settings_path, output, allow_placeholders=False):
    """A fresh build with its own empty cache, so every file is read again, none trusted."""
    report([f"Building the public site into {output} ..."])
    with tempfile.TemporaryDirectory(prefix="threemilestone-cache-") as cache:
        overrides = {"CACHE_PATH": cache}
        if allow_placeholders:  # publishconf.py refuses a TBC in the content; now a warning
            overrides["REFUSE_CONTENT_PLACEHOLDERS"] = False
        if runner.build(settings_path, output, overrides) != 0:
            raise Refused("the build or its checks failed (see above); nothing was pushed")
        if runner.check(settings_path, output, {"CACHE_PATH": cache}) != 0:
            raise Refused("the checks failed on the built site (see above); nothing was pushed")


def _commit(output, repo, args, settings, source, dirty, remote_tip):
    """Commit the built site to the Pages branch with ghp-import; returns the commit id."""
    import ghp_import

    ref = f"refs/heads/{args.branch}"
    if remote_tip:  # build on the published history, so the push is a fast-forward
        fetched = git("fetch", "--quiet", "--no-tags", args.remote, f"+{ref}:{ref}", cwd=repo,
                       check=False)  # fmt: skip
        if fetched.returncode != 0:
            raise Refused(f"cannot fetch {args.branch} from {args.remote}: {git_reason(fetched)}")
    before = tip(ref, repo)
    if before and _holds_sources(ref, repo, args.settings):
        raise Refused(f"branch {args.branch} holds the site's sources, not a built site; "
                      "choose another GITHUB_PAGES_BRANCH")  # fmt: skip
    message = f"Publish the site built from {source}" + (
        " with uncommitted changes" if dirty else ""
    )
    message += f"\n\nSource commit: {source}\nSite address: {settings['SITEURL']}\n"
    if _configured_domain(settings) and not _domain(settings):
        report([f"A preview for {settings['SITEURL']}: no CNAME file "
                f"(SITE_DOMAIN {_configured_domain(settings)} is the public site's)"])  # fmt: skip
    try:
        with contextlib.chdir(repo), _committer(repo):
            ghp_import.ghp_import(output, mesg=message, remote=args.remote, branch=args.branch,
                                  nojekyll=True, cname=_domain(settings), push=False)  # fmt: skip
    except ghp_import.GhpError as error:
        raise Refused(f"ghp-import could not commit the site: {error.message}") from None
    except (OSError, TypeError) as error:  # TypeError: ghp-import's own failure message
        raise Refused(f"ghp-import could not commit the site: {runner.first_line(error)}") from None
    after = tip(ref, repo)
    if not after or after == before:
        raise Refused(f"ghp-import could not commit the site to {args.branch} (see above)")
    try:
        pages_history.verify(after, repo, args.branch, args.remote,
                             _source_paths(repo, settings, args.settings))  # fmt: skip
    except Refused:
        _restore_branch(ref, before, repo)  # leave no local commit on top of the sources
        raise
    return after


def _source_paths(repo, settings, settings_path):
    """The site's sources, relative to the repository: content, plugins, settings files."""
    folder = os.path.dirname(os.path.abspath(settings_path))
    paths = [settings["PATH"], *settings.get("PLUGIN_PATHS", []), os.path.abspath(settings_path),
             os.path.join(folder, "pelicanconf.py")]  # fmt: skip
    return sorted(set(_inside(repo, paths)) - {"."})


def _restore_branch(ref, before, repo):
    if before:
        git("update-ref", ref, before, cwd=repo, check=False)
    else:
        git("update-ref", "-d", ref, cwd=repo, check=False)


def _holds_sources(ref, repo, settings_path):
    """True if the branch has the settings file: a source branch, never to be overwritten."""
    for rel in _inside(repo, [os.path.abspath(settings_path)]):
        found = git("cat-file", "-e", f"{ref}:{rel}", cwd=repo, check=False)
        return found.returncode == 0
    return False


@contextlib.contextmanager
def _committer(repo):
    """ghp-import writes an empty committer when git has no user.name: name the tool."""
    saved = {k: os.environ.get(k) for k in ("GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL")}
    if not saved["GIT_COMMITTER_NAME"] and not git_config(repo, "user.name"):
        os.environ["GIT_COMMITTER_NAME"] = "make publish"
    if not saved["GIT_COMMITTER_EMAIL"] and not git_config(repo, "user.email"):
        os.environ["GIT_COMMITTER_EMAIL"] = "make-publish@localhost"
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _push(remote, branch, repo, output):
    ref = f"refs/heads/{branch}"
    report([f"Pushing {branch} to {remote} ..."])
    result = git("push", "--quiet", remote, f"{ref}:{ref}", cwd=repo, check=False)
    if result.returncode != 0:
        raise Refused(
            f"{remote} did not take the push ({git_reason(result)}); nothing was published. "
            f"The site is built in {output} and committed locally on {branch}; "
            "fix the remote, then run make publish again"
        )
