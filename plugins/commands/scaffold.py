"""`make new-policy` and `make new-post`: start a Markdown file with every field it needs.

Both refuse to overwrite a file, and refuse a slug another file already uses, so the
new file builds first time. A new policy is a draft (never written) until a trustee
adopts it; the `TBC` placeholders left in a post are warned about at every build and
refused by `make publish` until they are replaced.
"""

import datetime
import os
import re

from sitebase.header import read_header
from sitebase.problems import display_path, report
from sitebase.sources import markdown_suffixes

from .runner import load_settings

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Longer slugs are cut at a hyphen: web addresses stay short, file names stay legal.
MAX_SLUG = 60

POLICY_TEMPLATE = """\
Title: {title}
Slug: {slug}
Status: draft
Summary: TBC: one sentence saying what this policy is about (shown in the list of policies).
Adopted: TBC: the day the trustees adopt it, as YYYY-MM-DD
Review: TBC: the next review date, a year after Adopted, as YYYY-MM-DD
Version: 1.0
Change_Note: First version.
Signed_By: TBC: the trustee who signs it{signed_by_example}
Signed_Role: TBC: their role{signed_role_example}

<!-- Staff note, never published. This policy is a DRAFT: it is not on the
website, not listed and not shown as adopted, until the trustees adopt it.
Write the policy in place of every TBC. When the trustees adopt it: set Adopted
to that day, Review to the next review date, Signed_By and Signed_Role to who
signed it, delete the line "Status: draft", then make publish.
When you change what the policy says later, raise Version (1.0 -> 1.1) and write one
sentence for parents in Change_Note saying what changed: the page lists it under
"Changes to this policy". A typo fix needs neither, and is not listed.
Link to another policy like this: [Complaints Policy]({{policy}}complaints) -->

## Statement of intent

TBC: what the pre-school believes, and why this policy matters.

## Aim

TBC: what this policy sets out to do.

## Procedures

TBC: what staff, parents and carers do, step by step.

## Reviewing this policy

The trustees review this policy every year, and sooner if the law or the EYFS
requirements change. The next review date is shown on this page.
"""

POST_TEMPLATE = """\
Title: {title}
Date: {date}
Category: News
Slug: {slug}
Summary: TBC: one sentence about the news (shown in the list of news).

TBC: write the news here, in short, friendly sentences.

<!-- Staff note, never published.
A photo: put it in content/images/ (e.g. content/images/{slug}.jpg) and add it
where you want it with a line like the one below; describe the photo in the [ ]
for people who cannot see it:

![Children running the egg and spoon race on the field]({{static}}/images/{slug}.jpg)

Only use a photo if the parents of every child whose face can be seen have agreed
to photos on the website, and never give a child's name. Location data (where the
photo was taken) is removed from photos automatically when the site is built. -->
"""


class Refused(Exception):
    """The file was not created: one line saying why and what to do."""


def add_arguments(command):
    """The options of `new-policy` and `new-post`."""
    command.add_argument("--slug", default="")
    command.add_argument("--title", default="")


def new_policy_command(args):
    """Create content/policies/SLUG.md with every field a policy needs."""
    return _run(args, _create_policy)


def new_post_command(args):
    """Create a dated news post in content/news/."""
    return _run(args, _create_post)


def _run(args, create):
    settings = load_settings(args.settings)
    if settings is None:
        return 1
    try:
        path, notes = create(settings, args.slug.strip(), " ".join(args.title.split()))
    except Refused as refusal:
        report([str(refusal)])
        return 1
    print(f"Created {display_path(path)}")
    for note in notes:
        print(note)
    return 0


def _create_policy(settings, slug, title):
    if not slug:
        raise Refused(
            "make new-policy needs a SLUG, e.g. make new-policy SLUG=safeguarding "
            'TITLE="Safeguarding Policy"'
        )
    if not SLUG.match(slug) or len(slug) > MAX_SLUG:
        suggestion = _short(_slugify(slug, settings)) or "safeguarding"
        raise Refused(
            f'SLUG "{_shown(slug)}" can only have lowercase letters, digits and hyphens, '
            f"at most {MAX_SLUG} of them; use e.g. SLUG={suggestion}"
        )
    title = title or " ".join(part.capitalize() for part in slug.split("-")) + " Policy"
    folder = os.path.join(settings["PATH"], settings["POLICIES_DIR"].strip("/"))
    path = os.path.join(folder, f"{slug}.md")
    _refuse_taken(path, folder, slug, "SLUG")
    signed_by, signed_role = _latest_signatory(folder)
    text = POLICY_TEMPLATE.format(
        title=title,
        slug=slug,
        signed_by_example=f" (e.g. {signed_by})" if signed_by else "",
        signed_role_example=f" (e.g. {signed_role})" if signed_role else "",
    )
    _write_new(path, text)
    return path, [
        f"Title: {title}. It is a draft (Status: draft): not on the website until the "
        "trustees adopt it.",
        "Next: write the policy in place of every TBC. Once adopted: set Adopted, Review, "
        "Signed_By and Signed_Role, delete the line 'Status: draft', then make publish. "
        "`make review` lists it as a draft until then.",
    ]


def _create_post(settings, slug, title, today=None):
    today = today or datetime.date.today()
    if not title:
        raise Refused('make new-post needs a TITLE, e.g. make new-post TITLE="Sports day"')
    given = bool(slug)
    slug = slug or _short(_slugify(title, settings))
    if not SLUG.match(slug) or len(slug) > MAX_SLUG:
        made = "" if given else " made from TITLE"
        raise Refused(
            f'the slug "{_shown(slug)}"{made} can only have lowercase letters, digits and '
            f"hyphens, at most {MAX_SLUG} of them; give one, e.g. "
            'make new-post TITLE="..." SLUG=sports-day'
        )
    folder = os.path.join(settings["PATH"], (settings["ARTICLE_PATHS"] or ["news"])[0].strip("/"))
    path = os.path.join(folder, f"{slug}.md")
    _refuse_taken(path, folder, slug, "SLUG", f'e.g. make new-post TITLE="..." SLUG={slug}-2')
    _write_new(path, POST_TEMPLATE.format(title=title, date=today.isoformat(), slug=slug))
    return path, [
        "Next: write the news and the Summary (replace every TBC), add a photo if you "
        "like (see the note in the file), then `make devserver` to preview."
    ]


def _refuse_taken(path, folder, slug, what, example=""):
    example = f" ({example})" if example else ""
    if os.path.exists(path):
        raise Refused(
            f"{display_path(path)}: already exists; edit it instead, or choose another {what}"
            f"{example}"
        )
    for other, fields in _headers(folder):
        if fields.get("slug", (0, ""))[1] == slug:
            raise Refused(
                f"{display_path(other)}: already has 'Slug: {slug}'; choose another {what}{example}"
            )


def _headers(folder):
    """(path, header fields) of each Markdown file in a folder (and below it)."""
    if not os.path.isdir(folder):
        return
    suffixes = markdown_suffixes()
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        for name in sorted(filenames):
            if name.endswith(suffixes):
                path = os.path.join(dirpath, name)
                try:
                    with open(path, encoding="utf-8-sig") as handle:
                        lines = handle.read().splitlines()
                except (OSError, UnicodeDecodeError):
                    continue
                yield path, read_header(lines).first()


def _latest_signatory(folder):
    """Signed_By and Signed_Role of the most recently adopted policy, or empty."""
    best = None
    for _path, fields in _headers(folder):
        by, role = fields.get("signed_by", (0, ""))[1], fields.get("signed_role", (0, ""))[1]
        if by and role:
            adopted = fields.get("adopted", (0, ""))[1]
            if best is None or adopted > best[0]:
                best = (adopted, by, role)
    return (best[1], best[2]) if best else ("", "")


def _slugify(text, settings):
    from pelican.settings import DEFAULT_CONFIG  # Pelican is imported when a command needs it
    from pelican.utils import slugify

    substitutions = settings.get(
        "SLUG_REGEX_SUBSTITUTIONS", DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]
    )
    return slugify(text, regex_subs=substitutions)


def _short(slug):
    """A slug of at most MAX_SLUG characters, cut at a hyphen where there is one."""
    if len(slug) <= MAX_SLUG:
        return slug
    cut = slug[: MAX_SLUG + 1].rsplit("-", 1)[0]
    return (cut if len(cut) >= MAX_SLUG // 2 else slug[:MAX_SLUG]).strip("-")


def _shown(text):
    """Text as a message may quote it: one line, and short."""
    text = " ".join(text.split())
    return text if len(text) <= 70 else text[:67] + "..."


def _write_new(path, text):
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "x", encoding="utf-8") as handle:  # "x": never overwrites
            handle.write(text)
    except FileExistsError:
        raise Refused(f"{display_path(path)}: already exists; edit it instead") from None
    except OSError as error:
        raise Refused(
            f"{display_path(path)}: cannot be created ({error.strerror or error}); "
            "check the folder exists and you may write to it"
        ) from None


COMMANDS = {"new-policy": new_policy_command, "new-post": new_post_command}
