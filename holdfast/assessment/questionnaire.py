"""The assessment questionnaire and country context as content, in plain Python.

Reads `content/<lang>/assessment/*.yaml` and `content/countries.yaml` (format in
docs/subsystems/assessment.md) and checks them; problems become `Issue`s with file and
line, as for the curriculum.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from holdfast.curriculum.schema import (
    ID_RE,
    ContentError,
    Issue,
    LineDict,
    Vocabulary,
    parse_yaml,
)

QUESTION_TYPES = ("single", "multiple", "scale", "country", "text")
EFFECT_MAPS = ("needs", "likelihood", "impact", "vulnerability", "capacity")


@dataclass(frozen=True)
class Effects:
    needs: dict[str, int] = field(default_factory=dict)
    likelihood: dict[str, int] = field(default_factory=dict)
    impact: dict[str, int] = field(default_factory=dict)
    vulnerability: dict[str, int] = field(default_factory=dict)
    capacity: dict[str, int] = field(default_factory=dict)
    reason: str = ""


@dataclass(frozen=True)
class Option:
    id: str
    label: str
    effects: Effects


@dataclass(frozen=True)
class ShowIf:
    question: str
    any_of: tuple[str, ...]


@dataclass(frozen=True)
class Question:
    id: str
    section: str
    type: str
    text: str
    help: str
    options: tuple[Option, ...]
    show_if: ShowIf | None

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)


@dataclass(frozen=True)
class Section:
    id: str
    order: int
    title: str
    intro: str
    questions: tuple[Question, ...]


@dataclass
class Questionnaire:
    lang: str
    sections: list[Section]

    @property
    def questions(self) -> dict[str, Question]:
        return {q.id: q for s in self.sections for q in s.questions}


@dataclass(frozen=True)
class CountryFact:
    id: str
    country: str
    text: str
    reason: str
    effects: Effects
    applies_if: ShowIf | None
    source_url: str


@dataclass
class Country:
    code: str
    names: dict[str, str]
    facts: list[CountryFact]


def _effects(
    raw: Any, where: str, line: int, vocab: Vocabulary, issues: list[Issue], path: str
) -> Effects:
    if raw is None:
        return Effects()
    if not isinstance(raw, dict):
        issues.append(Issue(path, line, f"{where}: effects must be a mapping"))
        return Effects()
    maps: dict[str, dict[str, int]] = {}
    for key in raw:
        if key not in (*EFFECT_MAPS, "reason"):
            issues.append(Issue(path, line, f"{where}: unknown effect '{key}'"))
    for name in EFFECT_MAPS:
        value = raw.get(name) or {}
        if not isinstance(value, dict):
            issues.append(Issue(path, line, f"{where}: '{name}' must map ids to 1..3"))
            continue
        known = vocab.needs if name == "needs" else vocab.threats
        clean: dict[str, int] = {}
        for tag, weight in value.items():
            if tag not in known:
                kind = "need" if name == "needs" else "threat"
                issues.append(Issue(path, line, f"{where}: unknown {kind} '{tag}' in {name}"))
            elif isinstance(weight, bool) or not isinstance(weight, int) or not 1 <= weight <= 3:
                issues.append(
                    Issue(path, line, f"{where}: {name}[{tag}] must be 1, 2 or 3, not {weight!r}")
                )
            else:
                clean[tag] = weight
        maps[name] = clean
    reason = raw.get("reason", "")
    if not isinstance(reason, str):
        issues.append(Issue(path, line, f"{where}: reason must be text"))
        reason = ""
    if (maps.get("likelihood") or maps.get("vulnerability")) and not reason.strip():
        issues.append(
            Issue(path, line, f"{where}: an effect on likelihood or vulnerability needs a reason")
        )
    return Effects(reason=reason.strip(), **maps)


def _show_if(raw: Any, where: str, line: int, issues: list[Issue], path: str) -> ShowIf | None:
    if raw is None:
        return None
    if (
        not isinstance(raw, dict)
        or not isinstance(raw.get("question"), str)
        or not isinstance(raw.get("any_of"), list)
    ):
        issues.append(Issue(path, line, f"{where}: show_if needs question and any_of"))
        return None
    return ShowIf(raw["question"], tuple(str(v) for v in raw["any_of"]))


def _load_section(path: Path, label: str, vocab: Vocabulary, issues: list[Issue]) -> Section | None:
    try:
        data = parse_yaml(path.read_text(encoding="utf-8"))
    except ContentError as exc:
        issues.append(Issue(label, exc.line, str(exc)))
        return None
    except (OSError, UnicodeDecodeError) as exc:
        issues.append(Issue(label, 1, f"cannot read the file: {exc}"))
        return None
    if not isinstance(data, LineDict):
        issues.append(Issue(label, 1, "a section file is a YAML mapping"))
        return None
    for key in ("id", "order", "title", "questions"):
        if key not in data:
            issues.append(Issue(label, data.line, f"missing field '{key}'"))
    for key in data:
        if key not in ("id", "order", "title", "intro", "questions"):
            issues.append(Issue(label, data.lines.get(key, 1), f"unknown field '{key}'"))
    questions: list[Question] = []
    raw_questions: list[Any] = data["questions"] if isinstance(data.get("questions"), list) else []
    for index, raw in enumerate(raw_questions):
        if not isinstance(raw, LineDict):
            issues.append(
                Issue(label, data.lines.get("questions", 1), f"question {index} must be a mapping")
            )
            continue
        qid = raw.get("id")
        where = f"question '{qid}'"
        line = raw.line
        if not isinstance(qid, str) or not ID_RE.match(qid):
            issues.append(
                Issue(
                    label,
                    line,
                    f"question {index} needs an id of lower-case letters, digits and dashes",
                )
            )
            continue
        for key in raw:
            if key not in ("id", "type", "text", "help", "show_if", "options"):
                issues.append(
                    Issue(label, raw.lines.get(key, line), f"{where}: unknown field '{key}'")
                )
        qtype = raw.get("type")
        if qtype not in QUESTION_TYPES:
            issues.append(
                Issue(
                    label,
                    raw.lines.get("type", line),
                    f"{where}: type must be one of {', '.join(QUESTION_TYPES)}",
                )
            )
            continue
        if not isinstance(raw.get("text"), str) or not raw["text"].strip():
            issues.append(Issue(label, line, f"{where}: missing question text"))
        options: list[Option] = []
        raw_options = raw.get("options") or []
        if qtype in ("single", "multiple", "scale"):
            if not isinstance(raw_options, list) or len(raw_options) < 2:
                issues.append(Issue(label, line, f"{where}: needs at least two options"))
                raw_options = []
            if qtype == "scale" and not 3 <= len(raw_options) <= 5:
                issues.append(Issue(label, line, f"{where}: a scale has 3 to 5 options"))
        elif raw_options:
            issues.append(Issue(label, line, f"{where}: a {qtype} question has no options"))
            raw_options = []
        seen: set[str] = set()
        for raw_option in raw_options:
            if not isinstance(raw_option, LineDict):
                issues.append(Issue(label, line, f"{where}: each option needs an id and label"))
                continue
            if isinstance(raw_option.get("id"), bool):
                issues.append(
                    Issue(
                        label,
                        raw_option.line,
                        f"{where}: YAML reads an unquoted "
                        "yes/no/on/off as true/false; quote the option id",
                    )
                )
                continue
            if not isinstance(raw_option.get("id"), str):
                issues.append(Issue(label, raw_option.line, f"{where}: each option needs an id"))
                continue
            oid = raw_option["id"]
            if oid in seen:
                issues.append(Issue(label, raw_option.line, f"{where}: duplicate option '{oid}'"))
            seen.add(oid)
            options.append(
                Option(
                    oid,
                    str(raw_option.get("label", oid)),
                    _effects(
                        raw_option.get("effects"),
                        f"{where}, option '{oid}'",
                        raw_option.line,
                        vocab,
                        issues,
                        label,
                    ),
                )
            )
        questions.append(
            Question(
                id=qid,
                section=str(data.get("id", "")),
                type=str(qtype),
                text=str(raw.get("text", "")),
                help=str(raw.get("help", "") or ""),
                options=tuple(options),
                show_if=_show_if(
                    raw.get("show_if"), where, raw.lines.get("show_if", line), issues, label
                ),
            )
        )
    order = data.get("order")
    return Section(
        id=str(data.get("id", "")),
        order=order if isinstance(order, int) else 0,
        title=str(data.get("title", "")),
        intro=str(data.get("intro", "") or ""),
        questions=tuple(questions),
    )


def load_questionnaire(
    root: Path, lang: str, vocab: Vocabulary, issues: list[Issue]
) -> Questionnaire:
    folder = root / lang / "assessment"
    sections = []
    for path in sorted(folder.glob("*.yaml")):
        label = (
            str(path.relative_to(root.parent)) if path.is_relative_to(root.parent) else str(path)
        )
        section = _load_section(path, label, vocab, issues)
        if section is not None:
            sections.append(section)
    sections.sort(key=lambda s: (s.order, s.id))
    questionnaire = Questionnaire(lang, sections)
    seen: dict[str, str] = {}
    earlier: dict[str, Question] = {}
    for section in sections:
        for question in section.questions:
            label = f"content/{lang}/assessment ({section.id})"
            if question.id in seen:
                issues.append(
                    Issue(
                        label,
                        1,
                        f"duplicate question id '{question.id}' (also in "
                        f"section {seen[question.id]})",
                    )
                )
            seen[question.id] = section.id
            if question.show_if is not None:
                target = earlier.get(question.show_if.question)
                if target is None:
                    issues.append(
                        Issue(
                            label,
                            1,
                            f"question '{question.id}': show_if points to "
                            f"'{question.show_if.question}', which is not "
                            "an earlier question",
                        )
                    )
                else:
                    for value in question.show_if.any_of:
                        if target.option(value) is None:
                            issues.append(
                                Issue(
                                    label,
                                    1,
                                    f"question '{question.id}': show_if "
                                    f"option '{value}' does not exist in "
                                    f"'{target.id}'",
                                )
                            )
            earlier[question.id] = question
    return questionnaire


def load_countries(root: Path, vocab: Vocabulary, issues: list[Issue]) -> dict[str, Country]:
    path = root / "countries.yaml"
    label = "content/countries.yaml"
    if not path.exists():
        return {}
    try:
        data = parse_yaml(path.read_text(encoding="utf-8"))
    except ContentError as exc:
        issues.append(Issue(label, exc.line, str(exc)))
        return {}
    if not isinstance(data, LineDict):
        issues.append(Issue(label, 1, "countries.yaml is a mapping of country codes"))
        return {}
    countries: dict[str, Country] = {}
    fact_ids: set[str] = set()
    for code, raw in data.items():
        line = data.lines.get(code, 1)
        if len(code) != 2 or not code.isupper() or not code.isalpha():
            issues.append(Issue(label, line, f"'{code}' is not an ISO 3166-1 alpha-2 code"))
            continue
        if not isinstance(raw, LineDict):
            issues.append(Issue(label, line, f"{code}: needs name and facts"))
            continue
        names: dict[str, Any] = raw["name"] if isinstance(raw.get("name"), dict) else {}
        missing = [lang for lang in vocab.languages if not names.get(lang)]
        if missing:
            issues.append(Issue(label, line, f"{code}: no name in {', '.join(missing)}"))
        facts: list[CountryFact] = []
        for raw_fact in raw.get("facts") or []:
            if not isinstance(raw_fact, LineDict):
                issues.append(Issue(label, line, f"{code}: each fact is a mapping"))
                continue
            fid = raw_fact.get("id")
            fline = raw_fact.line
            if not isinstance(fid, str) or fid in fact_ids:
                issues.append(Issue(label, fline, f"{code}: fact needs a unique id"))
                continue
            fact_ids.add(fid)
            for key in ("text", "reason", "effects", "source"):
                if key not in raw_fact:
                    issues.append(Issue(label, fline, f"fact '{fid}': missing '{key}'"))
            raw_effects = raw_fact.get("effects")
            if isinstance(raw_effects, dict):  # a fact's reason sits beside its effects
                raw_effects = {**raw_effects, "reason": raw_fact.get("reason", "")}
            effects = _effects(raw_effects, f"fact '{fid}'", fline, vocab, issues, label)
            source: dict[str, Any] = (
                raw_fact["source"] if isinstance(raw_fact.get("source"), dict) else {}
            )
            url = str(source.get("url", ""))
            if not url.startswith("https://"):
                issues.append(Issue(label, fline, f"fact '{fid}': the source needs an https url"))
            if not isinstance(source.get("consulted"), dt.date):
                issues.append(
                    Issue(label, fline, f"fact '{fid}': the source needs a date consulted")
                )
            facts.append(
                CountryFact(
                    id=fid,
                    country=code,
                    text=str(raw_fact.get("text", "")),
                    reason=str(raw_fact.get("reason", "")),
                    effects=effects,
                    applies_if=_show_if(
                        raw_fact.get("applies_if"), f"fact '{fid}'", fline, issues, label
                    ),
                    source_url=url,
                )
            )
        countries[code] = Country(code, {str(k): str(v) for k, v in names.items()}, facts)
    return countries


def translate_countries(
    countries: dict[str, Country], root: Path, lang: str, issues: list[Issue]
) -> dict[str, Country]:
    """The countries with each fact's reason in ``lang``, from
    `content/<lang>/countries.yaml` (``reasons: {fact id: text}``). The effects stay the
    English file's; a fact without a translated reason keeps the English one (a warning);
    a reason for a fact that does not exist is drift (an error)."""
    path = root / lang / "countries.yaml"
    label = f"content/{lang}/countries.yaml"
    if not path.exists():
        return countries
    try:
        data = parse_yaml(path.read_text(encoding="utf-8"))
    except ContentError as exc:
        issues.append(Issue(label, exc.line, str(exc)))
        return countries
    raw = data.get("reasons") if isinstance(data, LineDict) else None
    if not isinstance(raw, LineDict):
        issues.append(Issue(label, 1, "expected a mapping 'reasons' of fact id to text"))
        return countries
    known = {fact.id for country in countries.values() for fact in country.facts}
    reasons: dict[str, str] = {}
    for fid, text in raw.items():
        line = raw.lines.get(fid, 1)
        if fid not in known:
            issues.append(Issue(label, line, f"fact '{fid}' is not in content/countries.yaml"))
        elif not isinstance(text, str) or not text.strip():
            issues.append(Issue(label, line, f"fact '{fid}': the reason must be text"))
        else:
            reasons[fid] = text.strip()
    missing = sorted(known - set(reasons) - set(raw))
    if missing:
        issues.append(
            Issue(
                label,
                1,
                f"{len(missing)} facts have no reason in '{lang}' (English is shown): "
                + ", ".join(missing[:5]),
                level="warning",
            )
        )
    translated: dict[str, Country] = {}
    for code, country in countries.items():
        facts = [
            dataclasses.replace(
                fact,
                reason=reasons[fact.id],
                effects=dataclasses.replace(fact.effects, reason=reasons[fact.id]),
            )
            if fact.id in reasons
            else fact
            for fact in country.facts
        ]
        translated[code] = Country(country.code, country.names, facts)
    return translated


def translate(source: Questionnaire, root: Path, lang: str, issues: list[Issue]) -> Questionnaire:
    """The questionnaire in ``lang``: the English structure and effects, with the texts of
    `content/<lang>/assessment/*.yaml` where they exist (English otherwise). A translated
    id that the English source does not have is reported as drift."""
    if lang == source.lang:
        return source
    texts: dict[str, Any] = {}
    for path in sorted((root / lang / "assessment").glob("*.yaml")):
        label = f"content/{lang}/assessment/{path.name}"
        try:
            data = parse_yaml(path.read_text(encoding="utf-8"))
        except ContentError as exc:
            issues.append(Issue(label, exc.line, str(exc)))
            continue
        if not isinstance(data, LineDict) or not isinstance(data.get("id"), str):
            issues.append(Issue(label, 1, "a translated section is a mapping with an id"))
            continue
        section = next((s for s in source.sections if s.id == data["id"]), None)
        if section is None:
            issues.append(Issue(label, data.line, f"section '{data['id']}' is not in English"))
            continue
        texts[section.id] = data
        known = {q.id: q for q in section.questions}
        for raw in data.get("questions") or []:
            if not isinstance(raw, LineDict):
                continue
            question = known.get(str(raw.get("id")))
            if question is None:
                issues.append(
                    Issue(
                        label,
                        raw.line,
                        f"question '{raw.get('id')}' is not in the English section '{section.id}'",
                    )
                )
                continue
            for raw_option in raw.get("options") or []:
                if (
                    isinstance(raw_option, LineDict)
                    and question.option(str(raw_option.get("id"))) is None
                ):
                    issues.append(
                        Issue(
                            label,
                            raw_option.line,
                            f"option '{raw_option.get('id')}' is not an option of "
                            f"'{question.id}' in English",
                        )
                    )
    sections = []
    for section in source.sections:
        data = texts.get(section.id) or LineDict()
        by_id = {str(q.get("id")): q for q in data.get("questions") or [] if isinstance(q, dict)}
        questions = []
        for question in section.questions:
            raw = by_id.get(question.id, {})
            labels = {str(o.get("id")): o for o in raw.get("options") or [] if isinstance(o, dict)}
            options = tuple(
                Option(
                    o.id,
                    str(labels.get(o.id, {}).get("label") or o.label),
                    Effects(
                        **{
                            **o.effects.__dict__,
                            "reason": str(labels.get(o.id, {}).get("reason") or o.effects.reason),
                        }
                    ),
                )
                for o in question.options
            )
            questions.append(
                Question(
                    id=question.id,
                    section=question.section,
                    type=question.type,
                    text=str(raw.get("text") or question.text),
                    help=str(raw.get("help") or question.help),
                    options=options,
                    show_if=question.show_if,
                )
            )
        sections.append(
            Section(
                section.id,
                section.order,
                str(data.get("title") or section.title),
                str(data.get("intro") or section.intro),
                tuple(questions),
            )
        )
    return Questionnaire(lang, sections)
