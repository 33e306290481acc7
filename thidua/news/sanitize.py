"""What HTML may stay in an article body, and feedback as plain text (nh3, the Rust ammonia
sanitiser: an allow-list parser, not pattern matching, so encoded and malformed payloads fail
too).

An article body keeps the structure an editor writes (paragraphs, headings, lists, quotes,
tables, emphasis, links, figures with their captions); everything else goes: scripts, styles,
event handlers, `javascript:` and `data:` links, iframes, forms. Links keep `href` and `title`;
those leaving the site get rel="noopener noreferrer nofollow" from the sanitiser.
"""

import html

import nh3

BODY_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "ul", "ol", "li", "blockquote", "a", "figure", "figcaption", "img",
    "table", "thead", "tbody", "tr", "th", "td", "caption", "hr", "del", "pre",
}  # fmt: skip
BODY_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto"}


def clean_body(body: str) -> str:
    """The article body with only the allowed tags, attributes and link schemes."""
    return nh3.clean(
        body,
        tags=BODY_TAGS,
        attributes=BODY_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def plain_text(text: str) -> str:
    """Text with every tag removed (feedback, leads, captions), stored as the characters the
    reader sees: templates escape it again on output, so it is never read as HTML."""
    stripped = nh3.clean(text, tags=set(), attributes={}, strip_comments=True)
    return html.unescape(stripped).strip()
