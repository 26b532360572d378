"""The shape of typed text: every rule of web.textshape.blocks, with exact blocks."""

import pytest

from web.textshape import LIST, PARAGRAPH, Block, blocks


def p(text: str) -> Block:
    return Block(PARAGRAPH, (text,))


def ul(*items: str) -> Block:
    return Block(LIST, items)


@pytest.mark.parametrize("value", [None, "", "\n", "   \n\t\n", "\r\n\r\n"])
def test_blocks_of_nothing_are_none(value):
    assert blocks(value) == []


def test_blocks_items_right_under_a_sentence_make_a_list():
    text = "It brought together:\n- 120 children\n- 12 Roma mediators"
    assert blocks(text) == [p("It brought together:"), ul("120 children", "12 Roma mediators")]


def test_blocks_empty_lines_separate_paragraphs_and_lists():
    text = "First.\n\n\n\nSecond.\n\n* one\n* two\n\nThird."
    assert blocks(text) == [p("First."), p("Second."), ul("one", "two"), p("Third.")]


def test_blocks_a_line_after_a_list_starts_a_paragraph():
    text = "- one\n- two\nAnd then the rest."
    assert blocks(text) == [ul("one", "two"), p("And then the rest.")]


def test_blocks_dash_and_star_items_make_one_list():
    assert blocks("- one\n* two\n• three\n– four") == [ul("one", "two", "three", "four")]


def test_blocks_single_line_breaks_stay_inside_a_paragraph():
    text = "Town Hall\n  1 Main Street  \nTimișoara"
    assert blocks(text) == [p("Town Hall\n1 Main Street\nTimișoara")]


@pytest.mark.parametrize(
    ("ending", "text"),
    [("\r\n", "Intro:\r\n- a\r\n- b\r\n\r\nEnd."), ("\r", "Intro:\r- a\r- b\r\rEnd.")],
)
def test_blocks_windows_and_mac_line_endings(ending, text):
    assert blocks(text) == [p("Intro:"), ul("a", "b"), p("End.")]


def test_blocks_leave_html_and_script_as_text_for_the_renderer_to_escape():
    text = "<script>alert(1)</script>\n- <b>bold</b> & co"
    assert blocks(text) == [p("<script>alert(1)</script>"), ul("<b>bold</b> & co")]


@pytest.mark.parametrize(
    "line", ["-5 degrees at night", "-", "- ", "--", "-- not an item", "*", "*emphasis*", "+ plus"]
)
def test_blocks_a_line_that_merely_starts_with_a_dash_is_text(line):
    assert blocks(f"Winter:\n{line}") == [p(f"Winter:\n{line.strip()}")]


def test_blocks_a_lone_dash_between_items_stays_as_text():
    assert blocks("- a\n-\n- b") == [ul("a"), p("-"), ul("b")]


def test_blocks_nested_looking_items_are_one_flat_list():
    text = "- fruit\n  - apples\n    * pears\n- bread"
    assert blocks(text) == [ul("fruit", "apples", "pears", "bread")]


def test_blocks_an_indented_line_continues_its_item():
    text = "- 120 children\n  from four schools\n- 12 mediators"
    assert blocks(text) == [ul("120 children\nfrom four schools", "12 mediators")]


def test_blocks_tab_after_the_mark_makes_an_item():
    assert blocks("-\tone\n*\t two") == [ul("one", "two")]


def test_blocks_item_text_keeps_its_own_dashes():
    assert blocks("- - x\n- a - b") == [ul("- x", "a - b")]


def test_blocks_an_item_then_blank_then_item_make_two_lists():
    assert blocks("- a\n\n- b") == [ul("a"), ul("b")]


def test_block_text_of_a_list_gives_back_its_items():
    assert ul("a", "b").text == "- a\n- b"
    assert ul("a").is_list and not p("a").is_list
