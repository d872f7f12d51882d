"""What every reader returns, and how it says a file cannot be read."""

from dataclasses import dataclass

from sitebase.problems import DamagedFile

__all__ = ["DamagedFile", "PublishedView"]


@dataclass(frozen=True)
class PublishedView:
    """`text`: what the file says, decoded. `is_text`: the file was read as text (so its
    contact details are checked too), not guessed at from raw bytes."""

    text: str
    is_text: bool
