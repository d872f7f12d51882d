"""A finding: what the checks found in the output. Never carries a confidential value."""

from dataclasses import dataclass, field

from sitebase.problems import display_path

from . import redact

__all__ = ["Finding"]


@dataclass(frozen=True, order=True)
class Finding:
    """One thing wrong in one output file.

    Like detect-secrets' PotentialSecret: the value itself is never stored, only a
    short hash, so a finding can be printed, logged or asserted on safely.
    """

    output_file: str
    rule: str
    origin: str = ""
    digest: str = ""
    advice: str = field(default="", compare=False)

    @property
    def is_leak(self):
        return bool(self.digest)

    def __str__(self):
        withhold = redact.ACTIVE.withhold_segments
        where = f" from {withhold(display_path(self.origin))}" if self.origin else ""
        value = f" (value #{self.digest})" if self.digest else ""
        advice = f"; {self.advice}" if self.advice else ""
        return f"{withhold(display_path(self.output_file))}: {self.rule}{where}{value}{advice}"
