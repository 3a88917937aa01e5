"""The curriculum's content schema and loader, in plain Python (no Django).

`load(root)` reads `content/` (see docs/subsystems/content.md) and returns a `Content`
with every module, resource and the vocabulary, plus a list of `Issue`s. It never raises
on bad content: every problem becomes an issue that names the file and the line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

LEVELS = ("foundation", "intermediate", "advanced")
STAGES = ("activity", "discussion", "input", "deepening", "synthesis")
FORMATS = ("guide", "tool", "helpline", "organisation", "course", "report", "video")
TRANSLATION_STATUSES = ("machine", "draft", "reviewed")
SOURCE_LANGUAGE = "en"
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MODULE_LINK_RE = re.compile(r"\]\(module:([^)\s]*)\)")
WEB_LINK_RE = re.compile(r"\]\((https?://[^)\s]+)\)")
BODY_WORDS = (300, 900)

# Fields of a source module: name -> (required, kind). Kinds are checked by _check_kind.
MODULE_FIELDS: dict[str, tuple[bool, str]] = {
    "id": (True, "id"),
    "title": (True, "text"),
    "domain": (True, "id"),
    "level": (True, "text"),
    "duration_minutes": (True, "positive_int"),
    "summary": (True, "text"),
    "objectives": (True, "text_list"),
    "prerequisites": (True, "id_list"),
    "addresses": (True, "id_list"),
    "activities": (True, "list"),
    "materials": (True, "text_list"),
    "checklist": (True, "text_list"),
    "knowledge_check": (True, "list"),
    "sources": (True, "list"),
    "last_reviewed": (True, "date"),
    "review_every_months": (True, "positive_int"),
    "license": (True, "text"),
}
TRANSLATED_FIELDS = ("title", "summary", "objectives", "checklist", "knowledge_check")
INVARIANT_FIELDS = ("domain", "level", "duration_minutes", "prerequisites", "addresses")
TRANSLATION_FIELDS: dict[str, tuple[bool, str]] = {
    "id": (True, "id"),
    "translation_status": (True, "text"),
    "last_reviewed": (False, "date"),
    **{name: (False, MODULE_FIELDS[name][1]) for name in TRANSLATED_FIELDS},
    **{name: (False, MODULE_FIELDS[name][1]) for name in INVARIANT_FIELDS},
}
RESOURCE_FIELDS: dict[str, tuple[bool, str]] = {
    "id": (True, "id"),
    "title": (True, "text"),
    "url": (True, "url"),
    "publisher": (True, "text"),
    "language": (True, "id_list"),
    "topics": (True, "id_list"),
    "format": (True, "text"),
    "last_checked": (True, "date"),
    "summary": (True, "text"),
}


def review_due(last_reviewed: dt.date, every_months: int) -> dt.date:
    """The day a module's review falls due (day capped at 28 to stay in the month)."""
    month = last_reviewed.month - 1 + every_months
    return dt.date(last_reviewed.year + month // 12, month % 12 + 1, min(last_reviewed.day, 28))


@dataclass(frozen=True)
class Issue:
    path: str
    line: int
    message: str
    level: str = "error"  # or "warning"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.level}: {self.message}"


@dataclass
class Activity:
    stage: str
    minutes: int
    instructions: str


@dataclass
class Question:
    question: str
    choices: list[str]
    answers: list[int]
    explanation: str


@dataclass
class Source:
    title: str
    publisher: str
    url: str
    consulted: dt.date


@dataclass
class Module:
    id: str
    lang: str
    path: str
    title: str
    domain: str
    level: str
    duration_minutes: int
    summary: str
    objectives: list[str]
    prerequisites: list[str]
    addresses: list[str]
    activities: list[Activity]
    materials: list[str]
    checklist: list[str]
    knowledge_check: list[Question]
    sources: list[Source]
    last_reviewed: dt.date
    review_every_months: int
    license: str
    body: str
    translation_status: str | None = None  # None for the English source
    line_of: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    @property
    def review_due(self) -> dt.date:
        return review_due(self.last_reviewed, self.review_every_months)


@dataclass
class Resource:
    id: str
    lang: str
    path: str
    title: str
    url: str
    publisher: str
    language: list[str]
    topics: list[str]
    format: str
    last_checked: dt.date
    summary: str


@dataclass
class Vocabulary:
    languages: list[str]
    domains: dict[str, dict[str, str]]
    threats: dict[str, dict[str, str]]
    needs: dict[str, dict[str, str]]

    @property
    def tags(self) -> dict[str, dict[str, str]]:
        return {**self.threats, **self.needs}


@dataclass
class Content:
    vocabulary: Vocabulary
    modules: dict[str, dict[str, Module]]  # lang -> id -> module (translations merged)
    resources: dict[str, dict[str, Resource]]  # lang -> id -> resource
    issues: list[Issue]

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.level == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.level == "warning"]


# -- YAML with line numbers ------------------------------------------------------------


class LineDict(dict[str, Any]):
    """A mapping that remembers the line of each key (1-based, in its file)."""

    line: int = 0
    lines: dict[str, int]


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str | int | float | bool | dt.date) or key is None:
            raise yaml.constructor.ConstructorError(
                None, None, "mapping keys must be plain values", key_node.start_mark
            )
        result[str(key)] = loader.construct_object(value_node, deep=True)
        result.lines[str(key)] = key_node.start_mark.line + 1
    return result


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,
)


class ContentError(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def parse_yaml(text: str, *, line_offset: int = 0) -> Any:
    """Parse YAML; raise ContentError with a file line on a syntax error."""
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 if mark else 1) + line_offset
        raise ContentError(line, f"YAML: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise ContentError(1 + line_offset, f"YAML: {exc}") from None
    if line_offset:
        _shift_lines(data, line_offset)
    return data


def _shift_lines(data: Any, offset: int) -> None:
    if isinstance(data, LineDict):
        data.line += offset
        data.lines = {k: v + offset for k, v in data.lines.items()}
        for value in data.values():
            _shift_lines(value, offset)
    elif isinstance(data, list):
        for value in data:
            _shift_lines(value, offset)


def split_front_matter(text: str) -> tuple[str, str, int]:
    """Return (front matter, body, line where the body starts)."""
    if not text.startswith("---\n"):
        raise ContentError(1, "a module starts with a line '---' and YAML front matter")
    end = text.find("\n---\n", 3)
    if end == -1:
        if text.rstrip().endswith("\n---"):
            end = len(text.rstrip()) - 4
        else:
            raise ContentError(1, "the front matter is not closed by a line '---'")
    front = text[4 : end + 1]
    body = text[end + 5 :]
    body_line = front.count("\n") + 3
    return front, body, body_line


# -- field checks ----------------------------------------------------------------------


class _Checker:
    def __init__(self, path: str, issues: list[Issue]) -> None:
        self.path = path
        self.issues = issues
        self.ok = True

    def error(self, line: int, message: str) -> None:
        self.issues.append(Issue(self.path, line, message))
        self.ok = False

    def warn(self, line: int, message: str) -> None:
        self.issues.append(Issue(self.path, line, message, "warning"))

    def fields(self, data: LineDict, spec: dict[str, tuple[bool, str]], what: str) -> None:
        for name in data:
            if name not in spec:
                self.error(data.lines.get(name, data.line), f"unknown field '{name}' in {what}")
        for name, (required, kind) in spec.items():
            if name not in data:
                if required:
                    self.error(data.line, f"missing field '{name}' in {what}")
                continue
            self.kind(data[name], kind, data.lines.get(name, data.line), name)

    def kind(self, value: Any, kind: str, line: int, name: str) -> None:
        def bad(expected: str) -> None:
            self.error(line, f"'{name}' must be {expected}, not {type(value).__name__}")

        if kind == "text":
            if not isinstance(value, str) or not value.strip():
                bad("non-empty text")
        elif kind == "id":
            if not isinstance(value, str) or not ID_RE.match(value):
                self.error(
                    line,
                    f"'{name}' must be an id of lower-case letters, digits and "
                    f"dashes, not {value!r}",
                )
        elif kind == "positive_int":
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                bad("a positive whole number")
        elif kind == "date":
            if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
                bad("a date (YYYY-MM-DD)")
        elif kind == "url":
            if not isinstance(value, str) or not re.match(r"^https://[^\s/$.?#].[^\s]*$", value):
                self.error(line, f"'{name}' must be an https:// address, not {value!r}")
        elif kind == "list":
            if not isinstance(value, list):
                bad("a list")
        elif kind == "mapping":
            if not isinstance(value, dict):
                bad("a mapping")
        elif kind in ("text_list", "id_list"):
            item = "text" if kind == "text_list" else "id"
            if not isinstance(value, list):
                bad("a list")
                return
            for index, element in enumerate(value):
                self.kind(element, item, line, f"{name}[{index}]")


def _text_list(data: LineDict, name: str) -> list[str]:
    value = data.get(name) or []
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _parse_activities(check: _Checker, data: LineDict) -> list[Activity]:
    activities: list[Activity] = []
    raw = data.get("activities")
    if not isinstance(raw, list):
        return activities
    line = data.lines.get("activities", data.line)
    for index, item in enumerate(raw):
        if not isinstance(item, LineDict):
            check.error(
                line, f"activities[{index}] must be a mapping with stage, minutes, instructions"
            )
            continue
        check.fields(
            item,
            {
                "stage": (True, "text"),
                "minutes": (True, "positive_int"),
                "instructions": (True, "text"),
            },
            f"activities[{index}]",
        )
        stage, minutes = item.get("stage"), item.get("minutes")
        if isinstance(stage, str) and isinstance(minutes, int) and not isinstance(minutes, bool):
            activities.append(Activity(stage, minutes, str(item.get("instructions", ""))))
    stages = tuple(a.stage for a in activities)
    if stages != STAGES:
        check.error(
            line,
            f"activities must be the five ADIDS stages in order "
            f"({', '.join(STAGES)}), not ({', '.join(stages)})",
        )
    return activities


def _parse_questions(check: _Checker, data: LineDict) -> list[Question]:
    questions: list[Question] = []
    raw = data.get("knowledge_check")
    if not isinstance(raw, list):
        return questions
    line = data.lines.get("knowledge_check", data.line)
    if not 3 <= len(raw) <= 5:
        check.error(line, f"knowledge_check needs 3 to 5 questions, not {len(raw)}")
    for index, item in enumerate(raw):
        where = f"knowledge_check[{index}]"
        if not isinstance(item, LineDict):
            check.error(line, f"{where} must be a mapping")
            continue
        check.fields(
            item,
            {
                "question": (True, "text"),
                "choices": (True, "text_list"),
                "answers": (True, "list"),
                "explanation": (True, "text"),
            },
            where,
        )
        choices = _text_list(item, "choices")
        raw_answers = item.get("answers")
        answers: list[Any] = raw_answers if isinstance(raw_answers, list) else []
        if not 2 <= len(choices) <= 5:
            check.error(item.line, f"{where} needs 2 to 5 choices, not {len(choices)}")
        if not answers:
            check.error(item.line, f"{where} needs at least one correct answer")
        for answer in answers:
            if (
                isinstance(answer, bool)
                or not isinstance(answer, int)
                or not (0 <= answer < len(choices))
            ):
                check.error(
                    item.lines.get("answers", item.line),
                    f"{where}: answer {answer!r} is not the index of a choice "
                    f"(0 to {len(choices) - 1})",
                )
        questions.append(
            Question(
                str(item.get("question", "")),
                choices,
                [a for a in answers if isinstance(a, int)],
                str(item.get("explanation", "")),
            )
        )
    return questions


def _parse_sources(check: _Checker, data: LineDict) -> list[Source]:
    sources: list[Source] = []
    raw = data.get("sources")
    if not isinstance(raw, list):
        return sources
    line = data.lines.get("sources", data.line)
    if not raw:
        check.error(line, "a module needs at least one source")
    for index, item in enumerate(raw):
        where = f"sources[{index}]"
        if not isinstance(item, LineDict):
            check.error(line, f"{where} must be a mapping")
            continue
        check.fields(
            item,
            {
                "title": (True, "text"),
                "publisher": (True, "text"),
                "url": (True, "url"),
                "consulted": (True, "date"),
            },
            where,
        )
        consulted = item.get("consulted")
        sources.append(
            Source(
                str(item.get("title", "")),
                str(item.get("publisher", "")),
                str(item.get("url", "")),
                consulted if isinstance(consulted, dt.date) else dt.date.min,
            )
        )
    return sources


def _module_from(
    data: LineDict,
    body: str,
    lang: str,
    path: str,
    activities: list[Activity],
    questions: list[Question],
    sources: list[Source],
) -> Module:
    def get(name: str, default: Any) -> Any:
        value = data.get(name, default)
        return value if value is not None else default

    return Module(
        id=str(get("id", "")),
        lang=lang,
        path=path,
        title=str(get("title", "")),
        domain=str(get("domain", "")),
        level=str(get("level", "")),
        duration_minutes=get("duration_minutes", 0)
        if isinstance(get("duration_minutes", 0), int)
        else 0,
        summary=str(get("summary", "")),
        objectives=_text_list(data, "objectives"),
        prerequisites=_text_list(data, "prerequisites"),
        addresses=_text_list(data, "addresses"),
        activities=activities,
        materials=_text_list(data, "materials"),
        checklist=_text_list(data, "checklist"),
        knowledge_check=questions,
        sources=sources,
        last_reviewed=get("last_reviewed", dt.date.min)
        if isinstance(get("last_reviewed", None), dt.date)
        else dt.date.min,
        review_every_months=get("review_every_months", 12)
        if isinstance(get("review_every_months", 12), int)
        else 12,
        license=str(get("license", "")),
        body=body,
        translation_status=data.get("translation_status") if lang != SOURCE_LANGUAGE else None,
        line_of=dict(data.lines),
    )


# -- loading ---------------------------------------------------------------------------


def _read(path: Path, root: Path, issues: list[Issue]) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        issues.append(Issue(_rel(path, root), 1, "the file is not valid UTF-8"))
    except OSError as exc:
        issues.append(Issue(_rel(path, root), 1, f"cannot read the file: {exc.strerror}"))
    return None


def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def load_vocabulary(root: Path, issues: list[Issue]) -> Vocabulary:
    path = root / "vocabulary.yaml"
    empty = Vocabulary([SOURCE_LANGUAGE], {}, {}, {})
    text = _read(path, root, issues) if path.exists() else None
    if text is None:
        if not path.exists():
            issues.append(Issue(_rel(path, root), 1, "the vocabulary file is missing"))
        return empty
    rel = _rel(path, root)
    try:
        data = parse_yaml(text)
    except ContentError as exc:
        issues.append(Issue(rel, exc.line, str(exc)))
        return empty
    if not isinstance(data, LineDict):
        issues.append(Issue(rel, 1, "the vocabulary must be a mapping"))
        return empty
    check = _Checker(rel, issues)
    check.fields(
        data,
        {
            "languages": (True, "id_list"),
            "domains": (True, "mapping"),
            "threats": (True, "mapping"),
            "needs": (True, "mapping"),
        },
        "the vocabulary",
    )
    languages = _text_list(data, "languages") or [SOURCE_LANGUAGE]
    groups: dict[str, dict[str, dict[str, str]]] = {}
    seen: dict[str, str] = {}
    for group in ("domains", "threats", "needs"):
        groups[group] = {}
        raw = data.get(group)
        if not isinstance(raw, LineDict):
            continue
        for tag, names in raw.items():
            line = raw.lines.get(tag, raw.line)
            if not ID_RE.match(tag):
                check.error(line, f"'{tag}' in {group} is not a valid id")
            if tag in seen:
                check.error(line, f"'{tag}' is defined twice (in {seen[tag]} and {group})")
            seen[tag] = group
            if not isinstance(names, dict):
                check.error(line, f"'{tag}' in {group} needs a name in each language")
                continue
            missing = [lang for lang in languages if not names.get(lang)]
            if missing:
                check.error(line, f"'{tag}' in {group} has no name in {', '.join(missing)}")
            groups[group][tag] = {str(k): str(v) for k, v in names.items()}
    return Vocabulary(languages, groups["domains"], groups["threats"], groups["needs"])


def _load_module(
    path: Path, root: Path, lang: str, issues: list[Issue]
) -> tuple[Module | None, LineDict | None]:
    text = _read(path, root, issues)
    if text is None:
        return None, None
    return parse_module_text(
        text, label=_rel(path, root), lang=lang, issues=issues, expected_id=path.stem
    )


def parse_module_text(
    text: str, *, label: str, lang: str, issues: list[Issue], expected_id: str | None = None
) -> tuple[Module | None, LineDict | None]:
    """Parse one module file's text (front matter + body) and check its fields."""
    try:
        front, body, body_line = split_front_matter(text.replace("\r\n", "\n"))
        data = parse_yaml(front, line_offset=1)
    except ContentError as exc:
        issues.append(Issue(label, exc.line, str(exc)))
        return None, None
    if not isinstance(data, LineDict):
        issues.append(Issue(label, 2, "the front matter must be a YAML mapping"))
        return None, None
    check = _Checker(label, issues)
    spec = MODULE_FIELDS if lang == SOURCE_LANGUAGE else TRANSLATION_FIELDS
    check.fields(data, spec, "the front matter")
    if expected_id is not None and data.get("id") != expected_id:
        check.error(
            data.lines.get("id", data.line),
            f"the id '{data.get('id')}' must equal the file name '{expected_id}'",
        )
    activities = _parse_activities(check, data) if "activities" in data else []
    questions = _parse_questions(check, data) if "knowledge_check" in data else []
    sources = _parse_sources(check, data) if "sources" in data else []
    module = _module_from(data, body, lang, label, activities, questions, sources)
    module.line_of["__body__"] = body_line
    return module, data


def check_single_module(
    text: str,
    *,
    vocab: Vocabulary,
    known: dict[str, list[str]],
    label: str = "module",
) -> tuple[Module | None, list[Issue]]:
    """Check a module written outside `content/` (in the browser) by the same rules.
    ``known`` maps every other module id to its prerequisites (for links and cycles)."""
    issues: list[Issue] = []
    module, data = parse_module_text(text, label=label, lang=SOURCE_LANGUAGE, issues=issues)
    if module is None or data is None:
        return None, issues
    if module.id in known:
        issues.append(
            Issue(
                label,
                data.lines.get("id", 1),
                f"the id '{module.id}' is already used by another module",
            )
        )
    _check_source_module(module, data, module.domain, vocab, issues)
    for prereq in module.prerequisites:
        if prereq not in known:
            issues.append(
                Issue(
                    label,
                    module.line_of.get("prerequisites", 1),
                    f"unknown prerequisite '{prereq}'",
                )
            )
    for cycle in _find_cycles({**known, module.id: module.prerequisites}):
        if module.id in cycle:
            issues.append(
                Issue(
                    label,
                    module.line_of.get("prerequisites", 1),
                    "prerequisites form a cycle: " + " -> ".join(cycle),
                )
            )
    for number, text_line in _body_lines(module):
        for target in MODULE_LINK_RE.findall(text_line):
            if target not in known and target != module.id:
                issues.append(Issue(label, number, f"broken link to module '{target}'"))
    return module, issues


def _check_source_module(
    module: Module, data: LineDict, folder_domain: str, vocab: Vocabulary, issues: list[Issue]
) -> None:
    check = _Checker(module.path, issues)
    line = data.lines
    if module.domain and module.domain not in vocab.domains:
        check.error(line.get("domain", 1), f"unknown domain '{module.domain}'")
    if module.domain != folder_domain:
        check.error(
            line.get("domain", 1),
            f"the domain '{module.domain}' must equal the folder name '{folder_domain}'",
        )
    if module.level and module.level not in LEVELS:
        check.error(
            line.get("level", 1), f"unknown level '{module.level}' (one of {', '.join(LEVELS)})"
        )
    for tag in module.addresses:
        if tag not in vocab.tags:
            check.error(line.get("addresses", 1), f"unknown need or threat tag '{tag}'")
    total = sum(a.minutes for a in module.activities)
    if module.activities and total != module.duration_minutes:
        check.error(
            line.get("duration_minutes", 1),
            f"the activities add up to {total} minutes, not duration_minutes "
            f"{module.duration_minutes}",
        )
    if not 2 <= len(module.objectives) <= 5 and "objectives" in data:
        check.error(line.get("objectives", 1), "objectives needs 2 to 5 items")
    if not 3 <= len(module.checklist) <= 8 and "checklist" in data:
        check.error(line.get("checklist", 1), "checklist needs 3 to 8 items")
    words = len(re.findall(r"\w+", module.body))
    if not BODY_WORDS[0] <= words <= BODY_WORDS[1]:
        check.error(
            module.line_of["__body__"],
            f"the participant text has {words} words; it needs {BODY_WORDS[0]} to {BODY_WORDS[1]}",
        )
    cited = {s.url for s in module.sources}
    for number, text_line in _body_lines(module):
        for url in WEB_LINK_RE.findall(text_line):
            if url not in cited:
                check.error(number, f"the link {url} is not among the module's sources")


def _body_lines(module: Module) -> Iterable[tuple[int, str]]:
    start = module.line_of.get("__body__", 1)
    for offset, text in enumerate(module.body.split("\n")):
        yield start + offset, text


def _merge_translation(
    source: Module, translation: Module, data: LineDict, issues: list[Issue]
) -> Module:
    """English invariants + translated participant fields; report drift."""
    check = _Checker(translation.path, issues)
    for name in INVARIANT_FIELDS:
        if name in data and getattr(translation, name) != getattr(source, name):
            check.error(
                data.lines.get(name, 1),
                f"'{name}' drifts from the English source ({getattr(source, name)!r})",
            )
    if translation.translation_status not in TRANSLATION_STATUSES:
        check.error(
            data.lines.get("translation_status", 1),
            f"translation_status must be one of {', '.join(TRANSLATION_STATUSES)}",
        )
    if "checklist" in data and len(translation.checklist) != len(source.checklist):
        # Progress records ticked items by number, the same in every language.
        check.error(
            data.lines["checklist"],
            f"the checklist has {len(translation.checklist)} items; "
            f"the English source has {len(source.checklist)}",
        )
    if "knowledge_check" in data:
        if len(translation.knowledge_check) != len(source.knowledge_check):
            check.error(
                data.lines["knowledge_check"],
                f"the knowledge check has {len(translation.knowledge_check)} "
                f"questions; the English source has {len(source.knowledge_check)}",
            )
        for index, (ours, theirs) in enumerate(
            zip(translation.knowledge_check, source.knowledge_check, strict=False)
        ):
            if len(ours.choices) != len(theirs.choices) or ours.answers != theirs.answers:
                check.error(
                    data.lines["knowledge_check"],
                    f"knowledge_check[{index}] drifts from the English source "
                    "(choices or answers differ)",
                )
    merged = Module(**{**source.__dict__})
    merged.lang = translation.lang
    merged.path = translation.path
    merged.translation_status = translation.translation_status
    merged.line_of = translation.line_of
    for name in TRANSLATED_FIELDS:
        if name in data:
            setattr(merged, name, getattr(translation, name))
    if translation.body.strip():
        merged.body = translation.body
    if "last_reviewed" in data:
        merged.last_reviewed = translation.last_reviewed
    return merged


def _find_cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """Prerequisite cycles in a graph of module id -> prerequisite ids."""
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1 visiting, 2 done

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in graph[node]:
            if nxt not in graph:
                continue
            if state.get(nxt) == 1:
                cycles.append([*trail[trail.index(nxt) :], nxt] if nxt in trail else [node, nxt])
            elif state.get(nxt) is None:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return cycles


def _load_resources(
    root: Path, lang: str, vocab: Vocabulary, seen: dict[str, str], issues: list[Issue]
) -> dict[str, Resource]:
    resources: dict[str, Resource] = {}
    for path in sorted((root / lang / "resources").glob("*.yaml")):
        text = _read(path, root, issues)
        if text is None:
            continue
        rel = _rel(path, root)
        try:
            data = parse_yaml(text)
        except ContentError as exc:
            issues.append(Issue(rel, exc.line, str(exc)))
            continue
        if not isinstance(data, list):
            issues.append(Issue(rel, 1, "a resource file is a YAML list of resources"))
            continue
        check = _Checker(rel, issues)
        for index, item in enumerate(data):
            if not isinstance(item, LineDict):
                check.error(1, f"resource {index} must be a mapping")
                continue
            check.fields(item, RESOURCE_FIELDS, f"resource {item.get('id', index)}")
            rid = item.get("id")
            if not isinstance(rid, str):
                continue
            if rid in seen:
                check.error(item.line, f"duplicate resource id '{rid}' (also in {seen[rid]})")
                continue
            seen[rid] = rel
            if item.get("format") not in FORMATS:
                check.error(
                    item.lines.get("format", item.line),
                    f"unknown format {item.get('format')!r} (one of {', '.join(FORMATS)})",
                )
            for tag in _text_list(item, "topics"):
                if tag not in vocab.tags:
                    check.error(item.lines.get("topics", item.line), f"unknown topic '{tag}'")
            for code in _text_list(item, "language"):
                if code not in vocab.languages:
                    check.warn(
                        item.lines.get("language", item.line),
                        f"language '{code}' is not an interface language",
                    )
            checked = item.get("last_checked")
            resources[rid] = Resource(
                id=rid,
                lang=lang,
                path=rel,
                title=str(item.get("title", "")),
                url=str(item.get("url", "")),
                publisher=str(item.get("publisher", "")),
                language=_text_list(item, "language"),
                topics=_text_list(item, "topics"),
                format=str(item.get("format", "")),
                last_checked=checked if isinstance(checked, dt.date) else dt.date.min,
                summary=str(item.get("summary", "")),
            )
    return resources


def load(root: Path | str, *, today: dt.date | None = None) -> Content:
    """Load and check all content under ``root`` (the `content/` folder)."""
    root = Path(root)
    today = today or dt.date.today()  # noqa: DTZ011 - a calendar date for review warnings
    issues: list[Issue] = []
    vocab = load_vocabulary(root, issues)
    modules: dict[str, dict[str, Module]] = {}
    raw: dict[str, dict[str, LineDict]] = {}
    for lang in vocab.languages:
        modules[lang] = {}
        raw[lang] = {}
        for path in sorted((root / lang / "modules").glob("*/*.md")):
            module, data = _load_module(path, root, lang, issues)
            if module is None or data is None:
                continue
            if module.id in modules[lang]:
                issues.append(
                    Issue(
                        module.path,
                        data.lines.get("id", 1),
                        f"duplicate module id '{module.id}' (also in "
                        f"{modules[lang][module.id].path})",
                    )
                )
                continue
            if lang == SOURCE_LANGUAGE:
                _check_source_module(module, data, path.parent.name, vocab, issues)
            modules[lang][module.id] = module
            raw[lang][module.id] = data

    source = modules.get(SOURCE_LANGUAGE, {})
    for module in source.values():
        for prereq in module.prerequisites:
            if prereq not in source:
                issues.append(
                    Issue(
                        module.path,
                        module.line_of.get("prerequisites", 1),
                        f"unknown prerequisite '{prereq}'",
                    )
                )
    for cycle in _find_cycles({mid: m.prerequisites for mid, m in source.items()}):
        first = source[cycle[0]]
        issues.append(
            Issue(
                first.path,
                first.line_of.get("prerequisites", 1),
                "prerequisites form a cycle: " + " -> ".join(cycle),
            )
        )
    for lang in vocab.languages:
        if lang == SOURCE_LANGUAGE:
            continue
        for mid, translation in list(modules[lang].items()):
            if mid not in source:
                issues.append(
                    Issue(
                        translation.path, 2, f"translation of a module that does not exist: '{mid}'"
                    )
                )
                del modules[lang][mid]
                continue
            if translation.path.split("/")[-2] != source[mid].domain:
                issues.append(
                    Issue(
                        translation.path,
                        2,
                        "a translation lives in the same "
                        f"domain folder as its source ({source[mid].domain})",
                    )
                )
            modules[lang][mid] = _merge_translation(
                source[mid], translation, raw[lang][mid], issues
            )
    for lang_modules in modules.values():
        for module in lang_modules.values():
            for number, text_line in _body_lines(module):
                for target in MODULE_LINK_RE.findall(text_line):
                    if target not in source:
                        issues.append(
                            Issue(module.path, number, f"broken link to module '{target}'")
                        )
            if (
                module.lang == SOURCE_LANGUAGE
                and module.last_reviewed != dt.date.min
                and module.review_due < today
            ):
                issues.append(
                    Issue(
                        module.path,
                        module.line_of.get("last_reviewed", 1),
                        f"review overdue since {module.review_due}",
                        "warning",
                    )
                )
    seen: dict[str, str] = {}
    resources = {lang: _load_resources(root, lang, vocab, seen, issues) for lang in vocab.languages}
    return Content(vocab, modules, resources, issues)
