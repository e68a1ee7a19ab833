"""The "Add your guideline" page works as written: its example, pasted at the end of the real
atlas, passes `check` with the totals the page prints, and the two mistakes the page walks
through give exactly the lines it shows. Both languages' pages hold the same example."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.cli import main

from .conftest import DATA, ROOT

PAGES = {lang: ROOT / "site_src" / f"add-a-guideline.{lang}.md" for lang in ("pt-BR", "en")}
SHOWN = "data/atlas.yaml"  # how the page names the file


def blocks(lang: str, kind: str) -> list[str]:
    return re.findall(rf"```{kind}\n(.*?)```", PAGES[lang].read_text(encoding="utf-8"), re.S)


def example(lang: str) -> str:
    """The worked example: the page's second YAML block, minus its `sources:` context lines."""
    lines = blocks(lang, "yaml")[1].splitlines(keepends=True)
    assert lines[0] == "sources:\n" and lines[1].lstrip().startswith("#")
    return "".join(lines[2:])


def with_example(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "atlas.yaml"
    path.write_text(DATA.read_text(encoding="utf-8").rstrip() + "\n" + text, encoding="utf-8")
    return path


def check_options(lang: str) -> list[str]:
    """The options of the page's own `python -m generator check` command."""
    (command,) = [b for b in blocks(lang, "shell") if b.startswith("python -m generator check")]
    return command.split()[4:]


def check(path: Path, capsys, lang: str) -> tuple[int, str]:
    code = main(["check", *check_options(lang), str(path)])
    captured = capsys.readouterr()
    return code, (captured.out + captured.err).replace(str(path), SHOWN)


def test_each_page_checks_in_its_own_language():
    assert check_options("pt-BR") == ["--lang", "pt-BR"]
    assert check_options("en") == []  # English is the default


def test_both_pages_give_the_same_example():
    def without_comments(text: str) -> str:
        return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))

    assert without_comments(example("pt-BR")) == without_comments(example("en"))


@pytest.mark.parametrize("lang", PAGES)
def test_the_example_passes_check_with_the_totals_the_page_shows(tmp_path, capsys, lang):
    code, output = check(with_example(tmp_path, example(lang)), capsys, lang)
    assert code == 0
    assert output == blocks(lang, "text")[0], "update the page's ok line to this output"


@pytest.mark.parametrize("lang", PAGES)
def test_the_two_mistakes_give_the_lines_the_page_shows(tmp_path, capsys, lang):
    text = example(lang)
    # forget the DELETE condition of 200 ...
    start = text.index("        conditions:\n")
    end = text.index("      - code: 201\n")
    text = text[:start] + text[end:]
    # ... and the Portuguese text of 201's meaning
    meaning = text.index("pt-BR:", text.index("      - code: 201\n"))
    end = text.index("        methods:", meaning)
    text = text[:meaning].rstrip(" ") + text[end:]
    code, output = check(with_example(tmp_path, text), capsys, lang)
    assert code == 1
    assert output == blocks(lang, "text")[1], "update the page's error lines to this output"
