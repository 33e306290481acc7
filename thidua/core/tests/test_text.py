import pytest

from thidua.core.text import fold, given_name_first, vi_sort_key


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Nguyễn Văn An", "nguyen van an"),
        ("Đặng Thị Đào", "dang thi dao"),
        ("  Chiến   sĩ thi đua ", "chien si thi dua"),
        ("Ưng Hoàng Phúc", "ung hoang phuc"),
    ],
)
def test_fold_removes_diacritics_and_folds_d_stroke(text, folded):
    assert fold(text) == folded


def test_given_name_comes_first_in_the_sort_name():
    assert given_name_first("Nguyễn Thị Minh Khai") == "Khai Nguyễn Thị Minh"


def test_a_single_word_name_is_its_own_sort_name():
    assert given_name_first("Vy") == "Vy"


@pytest.mark.parametrize(
    "ordered",
    [
        ["a", "ă", "â", "b"],  # breve and circumflex are letters after a
        ["d", "đ", "e"],  # đ is its own letter after d
        ["o", "ô", "ơ", "p"],
        ["u", "ư", "v"],
        ["ma", "mà", "mả", "mã", "má", "mạ"],  # tones: none, huyền, hỏi, ngã, sắc, nặng
        ["an", "ăn", "ân"],
        ["ba", "bà", "bác"],  # letters decide before tones
        ["Anh", "Ánh", "Anhx"],  # a longer word still follows its tone variants
        ["Dũng", "Đức"],
    ],
)
def test_vietnamese_alphabet_and_tones_order(ordered):
    shuffled = list(reversed(ordered))
    assert sorted(shuffled, key=vi_sort_key) == ordered


def test_names_sort_by_given_name_with_vietnamese_letters():
    names = ["Trần Ánh", "Lê Anh", "Phạm Ân", "Hồ Ăn", "Nguyễn Văn An", "Lê Đức", "Lê Dũng"]
    ordered = sorted(names, key=lambda n: vi_sort_key(given_name_first(n)))
    assert ordered == [
        "Nguyễn Văn An",
        "Lê Anh",
        "Trần Ánh",
        "Hồ Ăn",
        "Phạm Ân",
        "Lê Dũng",
        "Lê Đức",
    ]
