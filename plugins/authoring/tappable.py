"""Phone numbers and e-mail addresses in what staff write become tel: and mailto: links.

A parent reading a page on a phone can then tap a number to ring it, or an address
to write to it, and staff need not write the links by hand. A Markdown extension, so
every page, post and policy gets it, and code (`0300 ...` in backticks, code blocks)
and existing links are left as they are. The numbers and addresses are found by the
guard's own finders, so what is linked is what the guard reads as a contact.
Addresses spelled out to dodge spam bots ("jo (at) example (dot) org") stay as written.
"""

import re
from xml.etree import ElementTree

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from guard.matching.contacts import contact_spans

# Left alone, with everything inside them.
_LEAVE = frozenset({"a", "code", "pre", "kbd", "samp", "script", "style"})
# Python-Markdown's placeholders for stashed HTML and escapes: never split or linked.
_PLACEHOLDER = re.compile("\x02[^\x03]*\x03")
_STASHED = re.compile("\x02wzxhzdk:(\\d+)\x03")
# A raw tag: (closing "/", name, self-closing "/").
_RAW_TAG = re.compile(r"\s*<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)>\s*$")


def tel_href(national_digits):
    """'03001234666' -> 'tel:+443001234666' (RFC 3966: a global number works anywhere)."""
    return "tel:+44" + national_digits[1:]


def contact_links(text):
    """`text` as pieces: strings, and (href, shown) for each number or address in it.
    The text between Markdown's placeholders only: see `_ContactLinker`."""
    pieces, done = [], 0
    for start, end, kind, form in _original_spans(text):
        shown = text[start:end]
        if kind == "email" and "@" not in shown:
            continue  # spelled out on purpose
        href = tel_href(form) if kind == "phone" else f"mailto:{shown}"
        pieces += [text[done:start], (href, shown)]
        done = end
    return [piece for piece in [*pieces, text[done:]] if piece]


def _original_spans(text):
    """The finders read case-folded text; a letter that folds longer ('ß' -> 'ss')
    shifts every span after it, so spans are mapped back to the text as written."""
    starts = [0]
    for char in text:
        starts.append(starts[-1] + len(char.casefold()))
    to_original = {folded: index for index, folded in enumerate(starts)}
    for start, end, kind, form in contact_spans(text):
        if start in to_original and end in to_original:
            yield to_original[start], to_original[end], kind, form


class _ContactLinker(Treeprocessor):
    """Links each contact in the text of the tree, in document order. Raw HTML that
    staff wrote inline (`<a href=...>0300 ...</a>`) is a placeholder per tag, with the
    text between them in the tree: the depth of such open tags is kept, so the text
    inside a raw link or code is left alone too."""

    def run(self, root):
        self.raw_depth = 0
        self._within(root)

    def _within(self, element):
        if element.tag in _LEAVE:
            return
        lead, anchors = self._anchors(element.text)
        element.text = lead
        element[0:0] = anchors
        for child in list(element)[len(anchors) :]:
            self._within(child)
            lead, anchors = self._anchors(child.tail)
            child.tail = lead
            at = list(element).index(child) + 1
            element[at:at] = anchors

    def _anchors(self, text):
        """(the text before the first link, [<a> elements, each with the text after it])."""
        if not text:
            return text, []
        pieces, done = [], 0
        for match in [*_PLACEHOLDER.finditer(text), None]:
            stop = match.start() if match else len(text)
            segment = text[done:stop]
            pieces += contact_links(segment) if self.raw_depth == 0 else [segment]
            if match:
                pieces.append(match[0])
                self.raw_depth = max(0, self.raw_depth + self._opens(match[0]))
                done = match.end()
        return _as_elements(pieces)

    def _opens(self, placeholder):
        """+1 for a stashed opening tag of a left-alone element, -1 for its closing tag."""
        found = _STASHED.fullmatch(placeholder)
        blocks = self.md.htmlStash.rawHtmlBlocks
        if not found or int(found[1]) >= len(blocks) or not isinstance(blocks[int(found[1])], str):
            return 0
        tag = _RAW_TAG.match(blocks[int(found[1])])
        if not tag or tag[2].lower() not in _LEAVE or tag[3]:
            return 0
        return -1 if tag[1] else 1


def _as_elements(pieces):
    lead, anchors = "", []
    for piece in pieces:
        if isinstance(piece, tuple):
            # class "contact": the link's text is its address (print adds nothing).
            anchor = ElementTree.Element("a", {"class": "contact", "href": piece[0]})
            anchor.text = piece[1]
            anchor.tail = ""
            anchors.append(anchor)
        elif anchors:
            anchors[-1].tail += piece
        else:
            lead += piece
    for anchor in anchors:
        anchor.tail = anchor.tail or None
    return lead or None, anchors


class TappableContactsExtension(Extension):
    """After the inline patterns (so Markdown's own links exist), before the HTML."""

    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API name)
        md.treeprocessors.register(_ContactLinker(md), "tappable_contacts", 5)
