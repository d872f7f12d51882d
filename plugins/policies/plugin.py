"""The policies plugin's part in each Pelican run, signal by signal."""

import collections
import datetime
import logging
import os

from pelican.contents import Page
from pelican.generators import Generator, PagesGenerator

from authoring.outputs import every_content, output_sources
from guard.redact import install as install_log_filter
from sitebase import run as site_run
from sitebase.problems import Problem, display_path, fail, report
from sitebase.settings import apply_defaults

from .links import resolve_policy_links
from .policy import read_policy
from .settings import DEFAULTS, settings_problems


class PoliciesRun:
    """What one run has learnt so far: reset when a run starts (autoreload runs many)."""

    def __init__(self):
        self.reset()

    def reset(self):
        self.problems = []
        self.unreadable = {}  # slug -> source of a policy whose header has a problem
        self.drafts = {}  # slug -> source of a policy with Status: draft (never written)
        self.today = datetime.date.today()


RUN = PoliciesRun()


class PelicansBrokenLinkLine(logging.Filter):
    """Drops Pelican's own lines about a broken link ("Unable to find ...", and its cache's
    "Cannot get modification stamp" for a missing file): the link check tells the same
    link in one plain line, with the file to fix and what to write instead."""

    def filter(self, record):
        message = str(record.msg)
        if message.startswith("Unable to find '"):
            return False
        missing = record.args and isinstance(record.args[-1], FileNotFoundError)
        return not (message.startswith("Cannot get modification stamp") and missing)


_QUIET_BROKEN_LINKS = PelicansBrokenLinkLine()


def configure(pelican):
    """`initialized`: the plugin's defaults, and one line for each wrong setting."""
    problems = settings_problems(apply_defaults(pelican.settings, DEFAULTS))
    if problems:
        fail(problems)
    install_log_filter(_QUIET_BROKEN_LINKS)  # beside the guard's redacting filter


def start_run(pelican):
    """`get_generators`, the first signal of every run: the policies index is written too."""
    RUN.reset()
    return PolicyIndexGenerator


def prepare_content(content):
    """`content_object_init`: a page in the policies folder becomes a policy."""
    settings = content.settings
    if isinstance(content, Page) and _is_policy_source(content.source_path, settings):
        if "slug" not in content.metadata:
            content.slug = os.path.splitext(os.path.basename(content.source_path))[0]
        if content.status == "draft":  # not adopted yet: never written, never listed
            RUN.drafts[content.slug] = content.source_path
            return
        sources = site_run.of(settings).sources
        policy, problems = read_policy(content, settings, RUN.today, sources)
        RUN.problems += problems
        if problems:
            RUN.unreadable[content.slug] = content.source_path
        if policy is not None:
            content.policy = policy
            content.template = "policy"
            content.override_url = policy.url
            content.override_save_as = policy.save_as


def _is_policy_source(path, settings):
    folder = os.path.join(settings["PATH"], settings["POLICIES_DIR"].strip("/"))
    return os.path.abspath(path).startswith(os.path.abspath(folder) + os.sep)


def link_policies(generators):
    """`all_generators_finalized`: the policy list for every template, `{policy}` links."""
    pages = next(g for g in generators if isinstance(g, PagesGenerator))
    settings, context = pages.settings, pages.context
    policies = sorted(
        (page.policy for page in pages.pages if hasattr(page, "policy")),
        key=lambda policy: policy.title.casefold(),
    )
    by_slug = {policy.slug: policy for policy in policies}
    followers = collections.Counter()  # slug of an unreadable policy -> links to it
    problems = []
    for slug in settings["REQUIRED_POLICIES"]:
        if slug in RUN.drafts:
            problems.append(Problem(RUN.drafts[slug], _DRAFT_REQUIRED.format(slug=slug)))
        elif slug not in by_slug and slug not in RUN.unreadable:
            problems.append(
                Problem(
                    os.path.join(settings["PATH"], settings["POLICIES_DIR"]),
                    f"required policy {slug!r} is missing; add {slug}.md here "
                    "(or change REQUIRED_POLICIES)",
                )
            )
    for content in every_content(generators):
        problems += _resolve_links_in(content, by_slug, followers)
    if RUN.problems or problems:
        _fail_root_causes_first(RUN.problems, followers, problems)
    site_run.of(settings).output_sources = output_sources(generators)
    report(
        f"{display_path(p.source_path)}: warning: the review due on {p.review} is overdue; "
        "visitors see a notice until Review is updated"
        for p in policies
        if p.overdue
    )
    context["POLICIES"] = policies
    context["POLICIES_INDEX_URL"] = settings["POLICIES_INDEX_URL"]


_DRAFT_REQUIRED = (
    "required policy {slug!r} is a draft (Status: draft), so it is not published; "
    "once the trustees adopt it, set Adopted, Signed_By and Signed_Role, remove the "
    "Status line, then publish"
)


def _fail_root_causes_first(root_causes, followers, others):
    """Stop the build: each policy's own problems first (with how many links they break),
    then the problems that do not follow from them."""
    first = sorted(set(root_causes))
    last_of_file = {problem.path: index for index, problem in enumerate(first)}
    slug_of = {path: slug for slug, path in RUN.unreadable.items()}
    for path, index in last_of_file.items():
        count = followers.get(slug_of.get(path), 0)
        if count:
            links = f"{count} link{'' if count == 1 else 's'}"
            first[index] = Problem(path, f"{first[index].message} (and {links} to it)")
    fail([*first, *sorted(set(others))], in_order=True)


def _resolve_links_in(content, by_slug, followers):
    """Resolve `{policy}` links in a content object's text and summary; problems for
    unknown slugs (links to a policy with its own problem are counted in `followers`)."""
    html, problems = _resolve(content._content or "", content, by_slug, followers)
    content._content = html
    if "summary" in content.metadata:
        summary, more = _resolve(content.metadata["summary"], content, by_slug, followers)
        content.metadata["summary"] = summary
        if hasattr(content, "_summary"):
            content._summary = summary
        problems += more
    if content.status == "draft":
        return []  # never written: its links are checked once it is adopted
    return problems


def _resolve(html, content, by_slug, followers):
    return resolve_policy_links(
        html, content.source_path, by_slug,
        unreadable=RUN.unreadable, drafts=RUN.drafts, followers=followers,
    )  # fmt: skip


class PolicyIndexGenerator(Generator):
    """Writes the policies index page (policies/index.html)."""

    def planned_outputs(self):
        """What this generator will write, for the check that two things write one file."""
        return [(self.settings["POLICIES_INDEX_SAVE_AS"], "the list of all policies")]

    def generate_output(self, writer):
        writer.write_file(
            self.settings["POLICIES_INDEX_SAVE_AS"],
            self.get_template("policies"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            page_name="policies",
            url=self.settings["POLICIES_INDEX_URL"],
            sitemap_sources=[p for p in self.context.get("pages", []) if hasattr(p, "policy")],
        )
