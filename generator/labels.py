"""The labels the site and the PDF show (templates/strings.yaml), validated like the data."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .atlas.yaml import Mapping, Scalar, load
from .errors import InputError, Problem
from .files import TEMPLATES
from .model import LANGUAGES, Lang, Text

STRINGS_PATH = TEMPLATES / "strings.yaml"


@dataclass(frozen=True)
class Strings:
    texts: dict[str, Text]

    def get(self, key: str, lang: Lang) -> str:
        return self.texts[key].get(lang)


def load_strings(path: Path = STRINGS_PATH) -> Strings:
    """Every label in both languages, or InputError naming each missing translation."""
    display = str(path)
    root = load(path, display)
    problems: list[Problem] = []
    texts: dict[str, Text] = {}
    if not isinstance(root, Mapping):
        raise InputError([Problem(display, root.line, root.column, "expected key: text pairs")])
    for key, (key_node, value) in root.items.items():
        if not isinstance(value, Mapping):
            problems.append(
                Problem(display, key_node.line, key_node.column, f"'{key}' must map en and pt-BR")
            )
            continue
        found: dict[str, str] = {}
        for lang in LANGUAGES:
            node = value.get(lang)
            if not isinstance(node, Scalar) or not str(node.value or "").strip():
                problems.append(
                    Problem(
                        display,
                        value.line,
                        value.column,
                        f"label '{key}' has no {lang} text",
                        f"add {lang}: beside the other language",
                    )
                )
            else:
                found[lang] = str(node.value)
        for extra in set(value.items) - set(LANGUAGES):
            extra_key = value.items[extra][0]
            problems.append(
                Problem(display, extra_key.line, extra_key.column, f"unknown language '{extra}'")
            )
        if len(found) == len(LANGUAGES):
            texts[key] = Text(en=found["en"], pt_br=found["pt-BR"])
    if problems:
        raise InputError(problems)
    return Strings(texts)
