"""The plugin's part in each Pelican run, signal by signal."""

import datetime
import os
import shutil

from pelican.contents import Page
from pelican.generators import Generator, PagesGenerator

from . import checks, confidential, outputs, preflight
from .links import resolve_policy_links
from .markup import unsafe_markup_problems
from .policy import read_policy
from .problems import Problem, display_path, fail, report
from .settings import apply_defaults, exclude_private_dir, settings_problems


class _Run:
    """What one build has learnt so far; reset when a run starts (autoreload runs many)."""

    def __init__(self):
        self.problems = []
        self.watched = []
        self.today = datetime.date.today()
        self.sources = {}  # output file -> the source it is made from (for the link check)


_run = _Run()


def configure(pelican):
    """`initialized`: defaults, refusals of unsafe settings, the private folder excluded."""
    settings = apply_defaults(pelican.settings)
    problems = settings_problems(settings)
    if problems:
        fail(problems)
    exclude_private_dir(settings)
    extensions = settings["MARKDOWN"].setdefault("extensions", [])
    if not any(isinstance(e, confidential.StaffOnlyExtension) for e in extensions):
        extensions.append(confidential.StaffOnlyExtension())


def start_run(pelican):
    """`get_generators`, the first signal of every run: read what must stay private."""
    global _run
    _run = _Run()
    sources = preflight.Preflight(pelican.settings)
    _run.watched, problems = confidential.collect(pelican.settings, inspect=sources.inspect)
    report(sources.warnings)
    problems += sources.problems
    if problems:
        fail(problems)
    return PolicyIndexGenerator


def prepare_content(content):
    """`content_object_init`: strip confidential fields; make policies' pages policies."""
    settings = content.settings
    confidential.strip_fields(content, settings["CONFIDENTIAL_FIELDS"])
    if isinstance(content, Page) and _is_policy_source(content.source_path, settings):
        if "slug" not in content.metadata:
            content.slug = os.path.splitext(os.path.basename(content.source_path))[0]
        policy, problems = read_policy(content, settings, _run.today)
        _run.problems += problems
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
    problems = list(_run.problems)
    for slug in settings["REQUIRED_POLICIES"]:
        if slug not in by_slug:
            problems.append(
                Problem(
                    os.path.join(settings["PATH"], settings["POLICIES_DIR"]),
                    f"required policy {slug!r} is missing; add {slug}.md here "
                    "(or change REQUIRED_POLICIES)",
                )
            )
    allowed_embeds = settings["ALLOWED_EMBEDS"]
    for content in outputs.every_content(generators):
        problems += _resolve_links_in(content, by_slug)
        problems += unsafe_markup_problems(content, allowed_embeds)
        problems += outputs.unnamed_group_problems(content)
    problems += outputs.collision_problems(outputs.planned_outputs(generators, settings))
    if problems:
        fail(problems)
    _run.sources = outputs.output_sources(generators)
    report(
        f"{display_path(p.source_path)}: warning: the review due on {p.review} is overdue; "
        "visitors see a notice until Review is updated"
        for p in policies
        if p.overdue
    )
    context["POLICIES"] = policies
    context["POLICIES_INDEX_URL"] = settings["POLICIES_INDEX_URL"]


def _resolve_links_in(content, by_slug):
    html, problems = resolve_policy_links(content._content or "", content.source_path, by_slug)
    content._content = html
    if "summary" in content.metadata:
        summary, more = resolve_policy_links(
            content.metadata["summary"], content.source_path, by_slug
        )
        content.metadata["summary"] = summary
        if hasattr(content, "_summary"):
            content._summary = summary
        problems += more
    return problems


class PolicyIndexGenerator(Generator):
    """Writes the policies index page (policies/index.html)."""

    def generate_output(self, writer):
        writer.write_file(
            self.settings["POLICIES_INDEX_SAVE_AS"],
            self.get_template("policies"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            page_name="policies",
            url=self.settings["POLICIES_INDEX_URL"],
        )


def check_output(pelican):
    """`finalized`: clean images, then check every written file; stop on any finding."""
    settings = pelican.settings
    output_path = settings["OUTPUT_PATH"]
    findings = checks.run_checks(output_path, settings, _run.watched, _run.sources, clean=True)
    if not findings:
        return
    notes = []
    if any(finding.is_leak for finding in findings):
        _remove_output(output_path, settings["PATH"])
        notes.append(
            f"{display_path(output_path)}: removed, so nothing confidential can be "
            "served or published"
        )
    fail(findings, "finding", notes)


def _remove_output(output_path, content_path):
    output, content = os.path.realpath(output_path), os.path.realpath(content_path)
    if output not in (content, os.getcwd()) and not content.startswith(output + os.sep):
        shutil.rmtree(output, ignore_errors=True)
