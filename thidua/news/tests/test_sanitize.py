"""Article bodies keep their structure and lose every way to run code; feedback is plain text."""

import pytest

from thidua.news.sanitize import clean_body, plain_text

# Payloads from the OWASP XSS filter evasion cheat sheet and common scanners.
PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<svg/onload=alert(1)>",
    '<a href="javascript:alert(1)">bấm</a>',
    '<a href="jav&#x09;ascript:alert(1)">bấm</a>',
    '<a href="JaVaScRiPt:alert(1)">bấm</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">bấm</a>',
    '<iframe src="https://evil.example"></iframe>',
    '<body onload="alert(1)">',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<form action="https://evil.example"><input name="q"></form>',
    '<object data="javascript:alert(1)"></object>',
    '"><script>alert(String.fromCharCode(88,83,83))</script>',
    "<<SCRIPT>alert(1);//<</SCRIPT>",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_payload_keeps_a_way_to_run_code(payload):
    cleaned = clean_body(payload).lower()
    for sign in ("<script", "onerror", "onload", "javascript:", "data:", "<iframe", "<svg",
                 "<style", "<form", "<object", "style="):  # fmt: skip
        assert sign not in cleaned


def test_the_structure_an_editor_writes_is_kept():
    body = (
        "<h2>Kết quả</h2><p>Năm 2023, <strong>5 đơn vị</strong> đã <em>ký giao ước</em>.</p>"
        "<ul><li>Văn bản đến: 4.290/9.317</li></ul><blockquote>Thi đua là yêu nước.</blockquote>"
        '<figure><img src="/tin-tuc/anh/1/" alt="Toàn cảnh"><figcaption>Toàn cảnh Tọa đàm. '
        "Ảnh: ĐUKDN Trung ương</figcaption></figure>"
    )
    assert clean_body(body) == body


def test_a_link_leaving_the_site_cannot_reach_back_to_the_page():
    cleaned = clean_body('<a href="https://dangcongsan.vn/">Báo Đảng</a>')
    assert 'href="https://dangcongsan.vn/"' in cleaned
    assert 'rel="noopener noreferrer nofollow"' in cleaned


def test_feedback_keeps_the_words_and_drops_the_tags():
    text = '<b>Đề nghị</b> xem lại <script>alert(1)</script>hồ sơ 1 < 2 & "đúng"'
    assert plain_text(text) == 'Đề nghị xem lại hồ sơ 1 < 2 & "đúng"'
