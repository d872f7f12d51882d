"""The unsafe-markup check, straight on HTML: the cheap first look must never let
through what the parser would refuse (each of these is a real browser trick)."""

import pytest

from authoring.markup import unsafe_markup

TRICKS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=x></SCRIPT>",
    '<a href="javascript:alert(1)">x</a>',
    '<A HREF="JaVaScRiPt:alert(1)">x</A>',
    '<a href="java\tscript:alert(1)">x</a>',
    '<a href="javas\ncript:alert(1)">x</a>',
    '<a href=" \x01javascript:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="&#x6A;avascript:alert(1)">x</a>',
    '<a href="javascript&colon;alert(1)">x</a>',
    '<a href="javas&Tab;cript:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html,<b>x</b>">x</a>',
    "<img src=x onerror=alert(1)>",
    '<img src="x"onerror="alert(1)">',
    "<svg/onload=alert(1)>",
    '<a title="a > b" onclick="alert(1)">x</a>',
    '<p ONMOUSEOVER = "alert(1)">x</p>',
    '<iframe src="https://example.org/"></iframe>',
    '<IFRAME SRC="https://example.org/"></IFRAME>',
    '<object data="x.swf"></object>',
    '<embed src="x.swf">',
    # What an HTML5 parser keeps out of the tree is still told: a template's content,
    # and frames, which a page body drops (staff would see their frame silently missing).
    "<template><script>alert(1)</script></template>",
    "<template><template><img src=x onerror=alert(1)></template></template>",
    '<frame src="https://example.org/">',
    '<frameset><frame src="https://example.org/"></frameset>',
    "<noscript><img src=x onerror=alert(1)></noscript>",
    '<svg><a xlink:href="javascript:alert(1)">x</a></svg>',
]


@pytest.mark.parametrize("html", TRICKS, ids=range(len(TRICKS)))
def test_every_trick_is_refused(html):
    assert unsafe_markup(f"<p>Text before.</p>{html}<p>after</p>") != []


@pytest.mark.parametrize(
    "html",
    [
        "<p>We went on a walk on Monday; one = one.</p>",
        '<p><a href="https://example.org/description">a description</a> of scripts</p>',
        "<pre><code>&lt;script&gt;alert(1)&lt;/script&gt;</code></pre>",
        '<p><a href="mailto:x@example.org">data: none</a></p>',
        "<!-- <script>alert(1)</script> <frame src=x> -->",
        '<p title="<script> onclick=x">text</p>',
    ],
    ids=[
        "prose",
        "words like script",
        "code block",
        "colon in text",
        "comment",
        "markup inside an attribute",
    ],
)
def test_ordinary_pages_pass(html):
    assert unsafe_markup(html) == []


def test_each_problem_is_told_once_in_its_own_words():
    html = '<script>1</script><script>2</script><p onclick="x">a</p><frame src="f.html">'
    assert unsafe_markup(html) == [
        "<script> is not allowed: the public site runs no scripts; remove it "
        "(to show it as an example, put it in a code block between ``` lines)",
        "the onclick= attribute on <p> runs a script and is not allowed; remove it",
        "<frame> of f.html is not allowed: the site does not embed other pages; remove it and "
        "link to the page instead (or ask for the address to be added to ALLOWED_EMBEDS in "
        "pelicanconf.py)",
    ]
