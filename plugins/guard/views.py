"""What a person reads in a published file: the text the scan looks at, per file type."""

from dataclasses import dataclass

TEXT_SUFFIXES = (
    ".html", ".htm", ".xml", ".atom", ".rss", ".json", ".txt", ".css", ".js",
    ".svg", ".md", ".text", ".csv", ".ics", ".webmanifest", ".map",
)  # fmt: skip


@dataclass(frozen=True)
class PublishedView:
    """`text`: what the file says, decoded. `is_text`: the file was read as text (so its
    contact details are checked too), not guessed at from raw bytes."""

    text: str
    is_text: bool


def published_view(path, data):
    """The text a person would read in the file at `path` with these bytes."""
    if path.lower().endswith(TEXT_SUFFIXES):
        return PublishedView(data.decode("utf-8", errors="replace"), True)
    text = data.decode("utf-8", errors="ignore") + " " + data.decode("utf-16-le", errors="ignore")
    return PublishedView(text, False)
