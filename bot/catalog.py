"""The catalog of AI labs and model families (`data/catalog.yaml`), validated on load.

A broken catalog is a `CatalogError` that names the file, the entry and the problem, so whoever edits
the YAML can fix it without reading code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.config import DATA_DIR
from bot.contracts import EntityRef

DEFAULT_CATALOG = DATA_DIR / "catalog.yaml"

ID_RE = re.compile(r"[a-z0-9][a-z0-9-]*")
_SEPARATORS = re.compile(r"[\s\-_]+")

_NAME_RULES = {"case_sensitive", "needs_context", "exclude"}
_LAB_FIELDS = {"id", "name", "aliases", "homepage", "beyond_ai", "leaders", *_NAME_RULES}
_MODEL_FIELDS = {"id", "name", "lab", "aliases", *_NAME_RULES}


class CatalogError(Exception):
    """The catalog file cannot be used; the message says where and why."""


def name_key(name: str) -> str:
    """How names compare: case-insensitive, spaces and hyphens ignored ("Grok-3" == "grok 3")."""
    return _SEPARATORS.sub("", name.casefold())


@dataclass(frozen=True, slots=True)
class Lab:
    id: str
    name: str
    aliases: tuple[str, ...]
    homepage: str | None
    case_sensitive: tuple[str, ...] = ()  # names that only match in text as written
    exclude: tuple[str, ...] = ()  # phrases containing a name that mean something else
    needs_context: tuple[str, ...] = ()  # names that are this entity only in a claim about AI
    # a company whose business is more than AI (Amazon, Apple): its "proprietary platform" is about AI only in
    # a claim about AI; a lab that is all AI (Midjourney) is what its "closed service" says
    beyond_ai: bool = False
    # people who speak for the lab ("Mark Zuckerberg", "Zuckerberg"): not names of it, but a claim with an
    # openness word that opens with one is about the lab ("Zuckerberg articulates a strong belief in open sourcing")
    leaders: tuple[str, ...] = ()

    @property
    def ref(self) -> EntityRef:
        return EntityRef("lab", self.id)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class ModelFamily:
    id: str
    name: str
    lab: str  # a lab id
    aliases: tuple[str, ...]
    case_sensitive: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    needs_context: tuple[str, ...] = ()

    @property
    def ref(self) -> EntityRef:
        return EntityRef("model", self.id)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


Entity = Lab | ModelFamily


@dataclass(slots=True)
class Catalog:
    labs: dict[str, Lab] = field(default_factory=dict)
    models: dict[str, ModelFamily] = field(default_factory=dict)
    _by_key: dict[str, EntityRef] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if not self._by_key:
            for entity in self.entities():
                self._by_key.setdefault(name_key(entity.id), entity.ref)
                for name in entity.names:
                    self._by_key.setdefault(name_key(name), entity.ref)

    def entities(self) -> list[Entity]:
        return [*self.labs.values(), *self.models.values()]

    def entity(self, ref: EntityRef) -> Entity:
        return self.labs[ref.id] if ref.type == "lab" else self.models[ref.id]

    def display_name(self, ref: EntityRef) -> str:
        return self.entity(ref).name

    def lab_of(self, ref: EntityRef) -> EntityRef:
        """The lab itself, or the lab a model family belongs to."""
        return ref if ref.type == "lab" else EntityRef("lab", self.models[ref.id].lab)

    def models_of(self, lab_id: str) -> list[ModelFamily]:
        return [model for model in self.models.values() if model.lab == lab_id]

    def lookup(self, name: str) -> EntityRef | None:
        """The entity whose id, name or alias is `name` (case, spaces and hyphens ignored)."""
        return self._by_key.get(name_key(name.strip()))

    def names(self) -> list[tuple[str, EntityRef]]:
        """Every display name and alias with its entity, labs first, in catalog order."""
        return [(name, entity.ref) for entity in self.entities() for name in entity.names]


def load_catalog(path: Path = DEFAULT_CATALOG) -> Catalog:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogError(f"{path}: cannot read the catalog: {exc}") from exc
    return parse_catalog(text, path)


def parse_catalog(text: str, path: Path | str = "<catalog>") -> Catalog:
    try:
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}: " if mark is not None else ""
        raise CatalogError(f"{path}: {where}YAML syntax error: {exc.problem}") from exc
    except yaml.YAMLError as exc:
        raise CatalogError(f"{path}: YAML syntax error: {exc}") from exc
    return _Validator(str(path)).catalog(data)


@dataclass(frozen=True, slots=True)
class _NameRules:
    aliases: tuple[str, ...]
    case_sensitive: tuple[str, ...]
    needs_context: tuple[str, ...]
    exclude: tuple[str, ...]


class _Validator:
    def __init__(self, path: str) -> None:
        self.path = path
        self.ids: dict[str, str] = {}  # id -> "lab entry 3"
        self.keys: dict[str, tuple[str, str]] = {}  # name key -> (name, "lab 'meta' (entry 4)")
        self.leaders: dict[str, str] = {}  # casefolded leader -> "lab 'meta' (entry 4)"

    def fail(self, where: str, problem: str) -> CatalogError:
        return CatalogError(f"{self.path}: {where}: {problem}" if where else f"{self.path}: {problem}")

    def catalog(self, data: Any) -> Catalog:
        if not isinstance(data, dict):
            raise self.fail("", "the top level must be a mapping with keys 'labs' and 'models'")
        for key in data:
            if key not in ("labs", "models"):
                raise self.fail("", f"unknown top-level key {key!r} (expected 'labs' and 'models')")
        for key in ("labs", "models"):
            if key not in data:
                raise self.fail("", f"missing top-level key {key!r}")
            if not isinstance(data[key], list):
                raise self.fail("", f"{key!r} must be a list, got {_type_name(data[key])}")
        labs = [self.lab(raw, number) for number, raw in enumerate(data["labs"], 1)]
        lab_ids = {lab.id for lab in labs}
        models = [self.model(raw, number, lab_ids) for number, raw in enumerate(data["models"], 1)]
        return Catalog({lab.id: lab for lab in labs}, {model.id: model for model in models})

    def lab(self, raw: Any, number: int) -> Lab:
        where, entry_id, name = self.common(raw, "lab", number, _LAB_FIELDS)
        homepage = raw.get("homepage")
        if homepage is not None and not isinstance(homepage, str):
            raise self.fail(where, f"field 'homepage' must be a string, got {_type_name(homepage)}")
        beyond_ai = raw.get("beyond_ai", False)
        if not isinstance(beyond_ai, bool):
            raise self.fail(where, f"field 'beyond_ai' must be true or false, got {_type_name(beyond_ai)}")
        rules = self.names(raw, where, entry_id, name)
        leaders = self.string_list(raw, "leaders", where)
        for leader in leaders:
            holder = self.leaders.setdefault(leader.casefold(), where)
            if holder != where:
                raise self.fail(where, f"leader {leader!r} is already a leader of {holder}")
        return Lab(
            entry_id,
            name,
            rules.aliases,
            homepage,
            rules.case_sensitive,
            rules.exclude,
            rules.needs_context,
            beyond_ai,
            leaders,
        )

    def model(self, raw: Any, number: int, lab_ids: set[str]) -> ModelFamily:
        where, entry_id, name = self.common(raw, "model", number, _MODEL_FIELDS)
        lab = self.string(raw, "lab", where)
        if lab not in lab_ids:
            raise self.fail(where, f"lab {lab!r} is not a lab in the catalog")
        rules = self.names(raw, where, entry_id, name)
        return ModelFamily(
            entry_id, name, lab, rules.aliases, rules.case_sensitive, rules.exclude, rules.needs_context
        )

    def common(self, raw: Any, kind: str, number: int, allowed: set[str]) -> tuple[str, str, str]:
        if not isinstance(raw, dict):
            raise self.fail(f"{kind} entry {number}", f"must be a mapping, got {_type_name(raw)}")
        if "id" not in raw:
            raise self.fail(f"{kind} entry {number}", "missing required field 'id'")
        entry_id = raw["id"]
        if not isinstance(entry_id, str):
            raise self.fail(
                f"{kind} entry {number}", f"field 'id' must be a string, got {_type_name(entry_id)}"
            )
        where = f"{kind} {entry_id!r} (entry {number})"
        if not ID_RE.fullmatch(entry_id):
            raise self.fail(where, "id must be lowercase letters, digits and hyphens ([a-z0-9][a-z0-9-]*)")
        if entry_id in self.ids:
            raise self.fail(where, f"duplicate id (already used by {self.ids[entry_id]})")
        self.ids[entry_id] = f"{kind} entry {number}"
        for key in raw:
            if key not in allowed:
                raise self.fail(where, f"unknown field {key!r} (allowed: {', '.join(sorted(allowed))})")
        return where, entry_id, self.string(raw, "name", where)

    def string(self, raw: dict[str, Any], key: str, where: str) -> str:
        if key not in raw:
            raise self.fail(where, f"missing required field {key!r}")
        value = raw[key]
        if not isinstance(value, str):
            raise self.fail(where, f"field {key!r} must be a string, got {_type_name(value)}")
        if not value.strip():
            raise self.fail(where, f"field {key!r} must not be empty")
        return value.strip()

    def string_list(self, raw: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
        value = raw.get(key, [])
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.fail(where, f"field {key!r} must be a list of strings, got {_type_name(value)}")
        if any(not item.strip() for item in value):
            raise self.fail(where, f"field {key!r} contains an empty name")
        return tuple(item.strip() for item in value)

    def names(self, raw: dict[str, Any], where: str, entry_id: str, name: str) -> _NameRules:
        if "aliases" not in raw:
            raise self.fail(where, "missing required field 'aliases' (use [] for none)")
        aliases = self.string_list(raw, "aliases", where)
        all_names = (name, *aliases)
        for each in all_names:
            self.claim(each, where)
        self.claim(entry_id, where)
        exclude = self.string_list(raw, "exclude", where)
        keys = [name_key(each) for each in all_names]
        for phrase in exclude:
            # An exclusion only works on text where one of the names would otherwise match.
            if not any(key in name_key(phrase) for key in keys):
                raise self.fail(where, f"exclude lists {phrase!r}, which contains none of its names")
        return _NameRules(
            aliases,
            self.subset(raw, "case_sensitive", where, all_names),
            self.subset(raw, "needs_context", where, all_names),
            exclude,
        )

    def subset(
        self, raw: dict[str, Any], key: str, where: str, all_names: tuple[str, ...]
    ) -> tuple[str, ...]:
        """A rule given as `true` (every name), `false`, or a list of this entry's names."""
        flag = raw.get(key, False)
        if isinstance(flag, bool):
            return all_names if flag else ()
        listed = self.string_list(raw, key, where)
        for each in listed:
            if each not in all_names:
                raise self.fail(where, f"{key} lists {each!r}, which is not one of its names")
        return listed

    def claim(self, name: str, where: str) -> None:
        """Record that `name` (or an id) refers to this entry; a name may mean one entity only."""
        key = name_key(name)
        if not key:
            raise self.fail(where, f"name {name!r} has no letters or digits")
        holder = self.keys.setdefault(key, (name, where))
        if holder[1] != where:
            raise self.fail(where, f"name {name!r} is already used by {holder[1]} (as {holder[0]!r})")


def _type_name(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "a string", bool: "a boolean", type(None): "nothing"}.get(
        type(value), type(value).__name__
    )
