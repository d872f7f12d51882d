"""A finding: what the checks found in the output. Never carries a confidential value."""

from dataclasses import dataclass, field

from sitebase.problems import display_path

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

    def paths(self):
        """The paths this finding prints: a segment of one made from a watched value (a
        tag's page named after a child) is withheld whole by the redacting filter."""
        return tuple(display_path(p) for p in (self.output_file, self.origin) if p)

    def __str__(self):
        """The finding as staff read it. Printed through `sitebase.problems.report`, whose
        handler carries the guard's redacting filter; never print it another way."""
        where = f" from {display_path(self.origin)}" if self.origin else ""
        value = f" (value #{self.digest})" if self.digest else ""
        advice = f"; {self.advice}" if self.advice else ""
        return f"{display_path(self.output_file)}: {self.rule}{where}{value}{advice}"
