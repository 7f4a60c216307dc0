"""One folding rule in two languages: the build's (Python) and the browser's (search.js) fold the same
edge cases into the same words, run in real headless Chromium."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import sync_playwright

from generator.site.folding import fold_rules, words
from site_fixtures import ROOT, launch_chromium

SEARCH_JS = ROOT / "generator" / "assets" / "microboard" / "search.js"

EDGE_CASES = [
    "Zürich", "ZURICH", "L’Oréal", "L'Oreal", "l‘oreal", "Lʼoréal", "Estée", "Körber", "KÖRBER",
    "Straße", "STRASSE", "Øresund", "Æsir œuvre", "Łódź", "Đakovo", "Þórshöfn", "ıstanbul", "İstanbul",
    "Ελληνικά ΟΔΟΣ", "σοφός", "Crème brûlée", "naïve café", "São Paulo", "Ångström", "Ḩaḑramawt",
    "ﬁnance ﬂow", "Ｆｕｌｌｗｉｄｔｈ １２３", "x² H₂O", "データ分析ダッシュボード", "プロジェクト", "北京大学",
    "서울 데이터", "मराठी हिन्दी", "العَرَبِيَّة", "עִבְרִית", "ไทย ภาษา", "Tiếng Việt", "C# and C++", "Node.js 18",
    "e-mail_address", "rock’n’roll", "don`t", "it´s", "2′ long", "tab\there\nnew line", "emoji 🎉 party",
    "zero\u200bwidth", "a\u0301ccent combining", "", "   ",
]


def test_browser_and_build_fold_words_alike(tmp_path: Path):
    page_file = tmp_path / "parity.html"
    page_file.write_text("<!doctype html><meta charset=utf-8><script src='search.js'></script>", encoding="utf-8")
    (tmp_path / "search.js").write_text(SEARCH_JS.read_text(encoding="utf-8"), encoding="utf-8")
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page()
        page.goto(page_file.as_uri())
        got = page.evaluate("([cases, rules]) => cases.map(t => window.microboardSearch.words(t, rules))",
                            [EDGE_CASES, fold_rules()])
        browser.close()
    expected = [words(text) for text in EDGE_CASES]
    mismatches = [(text, py, js) for text, py, js in zip(EDGE_CASES, expected, got) if py != js]
    assert not mismatches
    # and the rule does what the board promises
    assert words("L’Oréal Zürich Körber Estée") == ["loreal", "zurich", "korber", "estee"]
    assert words("L'Oreal") == words("loreal") == words("L’ORÉAL")
