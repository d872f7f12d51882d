"""A synthetic Threemilestone site, the same files for the same seed, for `make bench` and tests.

N news articles in realistic Markdown (headings, lists, links, photos, `{filename}` and
`{policy}` links), some with confidential header fields and `::: confidential` blocks,
plus the real pages, policies, images and extra files, and a staff watchlist in
content/private/. Every confidential value is built from invented syllables that the
public text never uses, so any value found in the output is a real leak.

Other kinds of published file (PDFs, phone photos with GPS, ...) go in EXTRA_FILES: a
writer per kind, called as make_site(..., kind=N). Each writer draws from its own random
stream, so a site made without extras stays byte-identical to the ones made before.
"""

import datetime
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PLUGINS = REPO / "plugins"
SEED = 20260901


def _words(text):
    return text.split("|")


CATEGORIES = _words("News|Events|Learning|Outdoor play|Fundraising|Parents|Term dates|Our setting")
TAGS = _words(
    "autumn term|spring term|summer term|outdoor learning|nature|music|stories|cooking|art|"
    "sports day|visits|sensory play|phonics|counting|healthy eating|forest school|christmas|"
    "easter|harvest|fundraising|committee|trips|garden|water play|dance|science|festivals|"
    "community|library|moving to school|settling in|wellbeing|road safety|dentist visit|"
    "minibeasts|pets|colours|shapes|weather|building"
)
SUBJECTS = _words(
    "the children|our pre-school|the older group|the little ones|everyone|our team|"
    "the families|our visitors|the committee"
)
VERBS = _words(
    "explored|planted|painted|built|counted|sang about|talked about|looked for|made|shared|"
    "collected|tasted|sorted|read about|danced to|measured|listened to|drew|practised|"
    "celebrated"
)
OBJECTS = _words(
    "leaves and conkers|sunflower seeds|a bug hotel|the rain gauge|shapes in the garden|"
    "our favourite stories|rhyming songs|bread rolls|colourful collages|the vegetable patch|"
    "tall towers of blocks|puddles and mud|the class caterpillars|musical instruments|"
    "numbers to twenty|the weather chart|a busy role-play cafe|paper lanterns|"
    "the new climbing frame|fruit kebabs"
)
ENDINGS = _words(
    "with lots of laughter|before snack time|in the sunshine|during our morning session|"
    "as part of our topic|with great care|together as a group|all week|with help from parents|"
    "outside"
)
HEADINGS = _words(
    "What we did|What we learnt|Try it at home|Thank you|Dates for your diary|"
    "A note for parents|Back at pre-school|Next week|Photos|How you can help"
)
TITLE_WORDS = _words(
    "Autumn|Spring|Summer|Winter|Garden|Music|Story|Forest|Harvest|Sports|Baking|Art|Science|"
    "Nature|Festival|Library|Dance|Puppet|Rainy|Sunny"
)
TITLE_NOUNS = _words("week|day|morning|adventure|fun|project|visit|celebration|update|news")
LINKS = _words(
    "https://www.gov.uk/early-years-foundation-stage|https://www.nhs.uk/start-for-life/|"
    "https://www.cornwall.gov.uk/|https://www.booktrust.org.uk/|https://www.rspb.org.uk/"
)
FIRST_NAMES = _words(
    "Amelia|Oliver|Isla|Noah|Ava|Leo|Freya|Arlo|Ivy|Theo|Rosie|Jack|Poppy|Alfie|Elsie|Finley"
)
SYLLABLES = _words("zor|vex|quil|thar|brix|mol|dray|kesh|vun|prax|yel|jor|wix|gral|fen|osk")
NOTES = _words(
    "follow up with the parents of {name} about {word} allergy plan|"
    "photo consent for {name} withdrawn; ask {word} before sharing|"
    "{name} collected by {word} on Tuesdays only|"
    "invoice query from the family of {name} ({word})|"
    "speak to {name}'s key person about the {word} referral"
)


def invented(index):
    """A made-up word, distinct for each index (base-16 in syllables)."""
    word = ""
    while True:
        index, digit = divmod(index, len(SYLLABLES))
        word += SYLLABLES[digit]
        if index == 0:
            return word.capitalize()
        index -= 1


class Secrets:
    """Distinct confidential values; none of them can occur in the public text."""

    def __init__(self, rng):
        self.rng = rng
        self.count = 0

    def word(self):
        self.count += 1
        return invented(self.count * 7 + 300)

    def name(self):
        return f"{self.rng.choice(FIRST_NAMES)} {self.word()}"

    def note(self):
        return self.rng.choice(NOTES).format(name=self.name(), word=self.word().lower())


def _sentence(rng):
    words = (rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(ENDINGS))
    text = " ".join(words) + "."
    return text[0].upper() + text[1:]


def _paragraph(rng, extra=""):
    sentences = [_sentence(rng) for _ in range(rng.randint(2, 5))]
    if extra:
        sentences.insert(rng.randint(0, len(sentences)), extra)
    return " ".join(sentences)


@dataclass
class Article:
    slug: str
    path: str
    text: str
    field_values: list = field(default_factory=list)


def make_article(rng, secrets, index, day, slugs, images):
    """One news article: header, headings, lists, links, images, confidential parts."""
    title = f"{rng.choice(TITLE_WORDS)} {rng.choice(TITLE_NOUNS)} {index}"
    slug = f"{title.lower().replace(' ', '-')}"
    year = day.year
    date = f"{day.isoformat()} {rng.randint(8, 17):02d}:00"
    header = [
        f"Title: {title}",
        f"Date: {date}",
        f"Category: {rng.choice(CATEGORIES)}",
        f"Tags: {', '.join(rng.sample(TAGS, rng.randint(1, 4)))}",
        f"Slug: {slug}",
    ]
    if rng.random() < 0.5:
        header.append(f"Summary: {_sentence(rng)}")
    field_values = []
    for key, chance, make in (
        ("Internal_Notes", 0.5, secrets.note),
        ("Child_Name", 0.25, secrets.name),
        ("Staff_Contact", 0.1, lambda: f"{secrets.word().lower()}@staff.invalid"),
        ("Complaint_Reference", 0.05, lambda: f"CR-{year}-{secrets.word().upper()}"),
    ):
        if rng.random() < chance:
            value = make()
            header.append(f"{key}: {value}")
            field_values.append(value)
    body = [_paragraph(rng)]
    label = rng.choice(["more information", "this guide", "their website"])
    link = f"[{label}]({rng.choice(LINKS)})"
    for section in range(rng.randint(2, 4)):
        body += ["", f"## {rng.choice(HEADINGS)}", ""]
        kind = (index + section) % 4
        if kind == 0:
            body.append(_paragraph(rng, f"There is **{link}** if you want to *find out more*."))
        elif kind == 1:
            body += [f"- {rng.choice(OBJECTS)}" for _ in range(rng.randint(3, 6))]
        elif kind == 2:
            body += [f"{n}. {_sentence(rng)}" for n in range(1, rng.randint(3, 5))]
        else:
            image = rng.choice(images)
            body += [f"![{_sentence(rng)[:-1]}]({{static}}/images/{image})", "", _paragraph(rng)]
    if slugs and rng.random() < 0.3:
        body += ["", f"Read our [earlier news]({{filename}}/news/{rng.choice(slugs)}.md) too."]
    if rng.random() < 0.15:
        policy = rng.choice(["complaints", "social-media"])
        body += ["", f"Our [{policy.replace('-', ' ')} policy]({{policy}}{policy}) explains more."]
    if rng.random() < 0.3:
        hidden = [secrets.note() for _ in range(rng.randint(1, 3))]
        body += ["", "::: confidential", *hidden, ":::"]
    if rng.random() < 0.1:
        body += ["", "<!-- staff: check the photo consent list before sharing -->"]
    body += ["", _paragraph(rng)]
    text = "\n".join(header) + "\n\n" + "\n".join(body) + "\n"
    return Article(slug, f"news/{slug}.md", text, field_values)


def make_image(path, rng, number):
    """A small JPEG carrying EXIF (camera, date), as a phone photo would."""
    from PIL import Image

    image = Image.new("RGB", (160, 120), tuple(rng.randint(0, 255) for _ in range(3)))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0132] = f"2025:05:{1 + number % 28:02d} 10:00:00"  # DateTime
    image.save(path, "JPEG", quality=80, exif=exif.tobytes())


@dataclass
class SyntheticSite:
    root: Path
    articles: list
    watchlist: list
    extras: dict = field(default_factory=dict)  # kind -> paths written, under content/

    @property
    def content(self):
        return self.root / "content"


# Extra kinds of published file: name -> writer(content, rng, count) returning the paths
# (relative to content/) it wrote. make_site(root, n, seed, name=count) calls it.
def write_pdfs(content, rng, number):
    """`number` one-page newsletters (compressed text, Author and Title) in content/files/,
    each linked from no page: published as static files and read by the guard."""
    from documents import pdf

    folder = content / "files"
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(number):
        lines = [_sentence(rng) for _ in range(30)]
        data = pdf(lines, {"/Author": "Office", "/Title": f"Newsletter {index}"})
        (folder / f"newsletter-{index:02d}.pdf").write_bytes(data)
    return number


def write_phone_photos(content, rng, number):
    """`number` 12 MP phone photos (stored sideways, GPS, camera model) in content/images/."""
    from phone_photos import phone_jpeg

    for index in range(number):
        data = phone_jpeg(seed=rng.randrange(1 << 30))
        (content / "images" / f"phone-{index:02d}.jpg").write_bytes(data)
    return number


EXTRA_FILES = {"pdfs": write_pdfs, "phone_photos": write_phone_photos}


def make_site(root, count, seed=SEED, bare_theme="simple", plugins=PLUGINS, **extra_files):
    """A synthetic site of `count` articles plus the real pages and policies, in root.

    extra_files: kind=N for each kind in EXTRA_FILES (none by default)."""
    unknown = sorted(set(extra_files) - set(EXTRA_FILES))
    if unknown:
        raise TypeError(f"make_site: no writer for {', '.join(unknown)} (see EXTRA_FILES)")
    rng = random.Random(f"{seed}:{count}")
    secrets = Secrets(rng)
    content = root / "content"
    for name in ("pages", "policies", "images", "extra"):
        shutil.copytree(REPO / "content" / name, content / name)
    images = ["autumn-walk.jpg", "logo.svg"]
    for number in range(max(2, count // 20)):
        name = f"photo-{number:04d}.jpg"
        make_image(content / "images" / name, rng, number)
        images.append(name)
    articles, slugs = [], []
    first_day = datetime.date(2018, 1, 1)
    for index in range(1, count + 1):
        day = first_day + datetime.timedelta(days=index * 3000 // count)
        article = make_article(rng, secrets, index, day, slugs, images)
        (content / article.path).parent.mkdir(parents=True, exist_ok=True)
        (content / article.path).write_text(article.text, encoding="utf-8")
        articles.append(article)
        slugs.append(article.slug)
    watchlist = write_watchlist(content, secrets)
    extras = {}
    for kind, number in sorted(extra_files.items()):
        if number:  # its own random stream: the articles above never change with extras
            extras[kind] = EXTRA_FILES[kind](content, random.Random(f"{seed}:{kind}"), number)
    write_settings(root, bare_theme, plugins)
    return SyntheticSite(root, articles, watchlist, extras)


def write_watchlist(content, secrets):
    """content/private/watchlist.md: 50 names, consent notes and phone numbers."""
    watchlist = []
    lines = ["# Staff only: never published", ""]
    for number in range(50):
        if number % 3 == 0:
            value = secrets.name()
            lines.append(f"- {value}")
        elif number % 3 == 1:
            value = f"{secrets.name()} (no photos)"
            lines.append(f"- Photo consent withdrawn: {value}")
        else:
            value = f"07700 900{number:03d}"
            lines.append(f"- Emergency contact for {secrets.name()}: {value}")
        watchlist.append(value)
    (content / "private").mkdir(parents=True, exist_ok=True)
    (content / "private" / "watchlist.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return watchlist


def write_settings(root, bare_theme="simple", plugins=PLUGINS):
    """ours.py (what `make html` uses), cached.py (caching on), bare.py (no theme, no plugin)."""
    common = [
        "import sys",
        f"sys.path.insert(0, {str(REPO)!r})",
        "import pelicanconf as _site",
        "globals().update({k: v for k, v in vars(_site).items() if k.isupper()})",
        f"PATH = {str(root / 'content')!r}",
        f"CACHE_PATH = {str(root / 'cache')!r}",
    ]
    if (root / "content" / "files").is_dir():  # documents made by an EXTRA_FILES writer
        common.append("STATIC_PATHS = [*STATIC_PATHS, 'files']")
    ours = [*common, f"THEME = {str(REPO / 'theme')!r}", f"PLUGIN_PATHS = [{str(plugins)!r}]"]
    (root / "ours.py").write_text("\n".join(ours) + "\n", encoding="utf-8")
    cached = [*ours, "CACHE_CONTENT = True", "LOAD_CONTENT_CACHE = True"]
    (root / "cached.py").write_text("\n".join(cached) + "\n", encoding="utf-8")
    # Pelican's `simple` theme, named: with no THEME at all, Pelican 4.12 uses notmyidea.
    # Pages naming one of our page variants (`Template: page-contact`) get the theme's
    # plain page template there.
    variants = root / "bare-templates"
    variants.mkdir(exist_ok=True)
    for template in (REPO / "theme" / "templates").glob("page-*.html"):
        (variants / template.name).write_text('{% extends "page.html" %}\n', encoding="utf-8")
    # Pelican's own list pages: the simple theme has no news.html, and paginates index.
    bare = [*common, f"THEME = {bare_theme!r}", "PLUGINS = []", "PLUGIN_PATHS = []",
            f"THEME_TEMPLATES_OVERRIDES = [{str(variants)!r}]",
            "from pelican.settings import DEFAULT_CONFIG as _pelican",
            "DIRECT_TEMPLATES = _pelican['DIRECT_TEMPLATES']",
            "PAGINATED_TEMPLATES = _pelican['PAGINATED_TEMPLATES']"]  # fmt: skip
    (root / "bare.py").write_text("\n".join(bare) + "\n", encoding="utf-8")
