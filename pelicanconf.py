"""Pelican settings for the Threemilestone Pre-school website (local builds)."""

AUTHOR = "Threemilestone Pre-school"
SITENAME = "Threemilestone Pre-school"
SITE_LEGAL_NAME = "Threemilestone Preschool CIO"
SITEURL = ""
# Where the public site lives; placeholder until the domain is confirmed.
PUBLIC_SITEURL = "https://tbc.invalid"
RELATIVE_URLS = True

PATH = "content"
TIMEZONE = "Europe/London"
DEFAULT_LANG = "en-GB"
DEFAULT_DATE_FORMAT = "%-d %B %Y"

# Facts the source documents do not give. Every value starting with "TBC"
# is a placeholder: `make publish` refuses to publish while any remain.
SITE_FACTS = {
    "address": "TBC: pre-school postal address, Threemilestone, Truro, Cornwall",
    "phone": "TBC: public phone number",
    "email": "TBC: public email address",
    "charity_number": "TBC: registered charity number",
    "ofsted_urn": "TBC: Ofsted unique reference number (URN)",
}

# The Sessions and fees page (Template: page-fees), in the form the DfE asks funded
# providers to publish: the funded hours offered and how they can be taken, every
# session with its price, each optional extra with its price and what to do instead,
# what is free, and how to say no to an extra. docs/EDITING.md ("Fees and funded
# hours") says how to fill it in. Every value starting with "TBC" is a placeholder:
# `make publish` refuses to publish while any remain, and names each one.
FEES = {
    # Each funded entitlement offered, and its pattern (days, times, weeks a year).
    "funded_hours": [
        {
            "offer": "TBC: funded hours offered, e.g. 15 hours a week for 3- and 4-year-olds",
            "pattern": "TBC: how they can be taken, e.g. 5 mornings a week, 38 weeks a year",
        },
    ],
    # Every session, with its times and its price for hours that are not funded.
    "sessions": [
        {"name": "TBC: session name", "times": "TBC: start and end", "price": "TBC: price"},
    ],
    # Optional extras: never a condition of taking up funded hours.
    "extras": [
        {
            "name": "TBC: an optional extra, e.g. snacks",
            "price": "TBC: its price",
            "instead": "TBC: what a family can do instead, e.g. bring a snack from home",
        },
    ],
    # What every child gets at no cost, one line each.
    "free": ["TBC: what is free, e.g. drinking water and milk"],
    "opt_out": "TBC: how to say no to an optional extra, e.g. tell the manager",
}

# Content layout: pages, news articles, policies (rendered by the policies plugin).
ARTICLE_PATHS = ["news"]
PAGE_PATHS = ["pages", "policies"]
STATIC_PATHS = ["images", "extra/robots.txt"]
EXTRA_PATH_METADATA = {"extra/robots.txt": {"path": "robots.txt"}}

# Clean URLs: news/<slug>/, <page-slug>/
ARTICLE_URL = "news/{slug}/"
ARTICLE_SAVE_AS = "news/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "news/category/{slug}/"
CATEGORY_SAVE_AS = "news/category/{slug}/index.html"
# Every folder in an address is a page too (a reader may shorten /news/tag/x/ to
# /news/tag/ or /news/): the lists of tags, categories and authors are their folders.
CATEGORIES_URL = "news/category/"
CATEGORIES_SAVE_AS = "news/category/index.html"
TAG_URL = "news/tag/{slug}/"
TAG_SAVE_AS = "news/tag/{slug}/index.html"
TAGS_URL = "news/tag/"
TAGS_SAVE_AS = "news/tag/index.html"
AUTHOR_URL = "news/author/{slug}/"
AUTHOR_SAVE_AS = "news/author/{slug}/index.html"
AUTHORS_URL = "news/author/"
AUTHORS_SAVE_AS = "news/author/index.html"
ARCHIVES_URL = "news/archives/"
ARCHIVES_SAVE_AS = "news/archives/index.html"
YEAR_ARCHIVE_SAVE_AS = "news/{date:%Y}/index.html"
YEAR_ARCHIVE_URL = "news/{date:%Y}/"
# The news landing page (theme/templates/news.html): every post, newest first, 10 a
# page. The home page shows only the latest HOME_NEWS_COUNT and links here.
DIRECT_TEMPLATES = ["index", "news", "tags", "categories", "authors", "archives"]
NEWS_URL = "news/"
NEWS_SAVE_AS = "news/index.html"
INDEX_SAVE_AS = "index.html"
HOME_NEWS_COUNT = 3
DEFAULT_PAGINATION = 10
PAGINATED_TEMPLATES = {"news": None, "tag": None, "category": None, "author": None}
# Page 2 of /news/ is /news/page-2/: no folder without a page of its own (news/page/).
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page-{number}/", "{base_name}/page-{number}/index.html"),
)

# Drafts are never written anywhere; the policies plugin also enforces this.
DRAFT_URL = DRAFT_SAVE_AS = ""
DRAFT_LANG_URL = DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_URL = DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_LANG_URL = DRAFT_PAGE_LANG_SAVE_AS = ""

# Feeds only in the published build (publishconf.py).
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

THEME = "theme"
# The theme's menus, in order: (label, link) or (label, link, sections). link is a
# page slug, or "index" (the home page), "news" (the news page), "archives" (all news
# by year) or "policies" (the policies index); sections are output folders in which
# the item is marked as the section being read (aria-current="true").
MENU_ITEMS = [
    ("Home", "index"),
    ("About us", "about"),
    ("Sessions and fees", "sessions-and-fees"),
    ("Admissions", "admissions"),
    ("News", "news", ["news/"]),
    ("Policies", "policies", ["policies/"]),
    ("Contact", "contact"),
]
FOOTER_MENU_ITEMS = [
    ("Privacy notice", "privacy"),
    ("Accessibility statement", "accessibility"),
]
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["guard", "policies", "authoring", "history", "photos"]

# Plugin settings (defaults in plugins/{guard,policies,authoring,photos}/settings.py).
REQUIRED_POLICIES = ["social-media", "complaints"]
# Photos are published as resized copies (plugins/photos), so a 3 to 7 MB phone photo
# is fine as it is; only a file far beyond any phone's gets a warning.
IMAGE_MAX_BYTES = 20_000_000
PUBLIC_CONTACTS = [
    # Ofsted, as printed in the Complaints Policy.
    "enquiries@ofsted.gov.uk",
    "0300 123 4666",
    "0300 123 1231",
]

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {"permalink": False},
        "markdown.extensions.smarty": {},
    },
    "output_format": "html5",
}

DEFAULT_METADATA = {}
SUMMARY_MAX_LENGTH = 40
