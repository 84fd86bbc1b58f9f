"""Checking an Invocation's arguments against its CommandSpec: names, required, types, choices.

Adapters send strings (console, Slack) or typed values (Discord); either way a handler receives values
of the declared type, or the user gets an error that names the parameter and shows the usage.
"""

from __future__ import annotations

from typing import Any

from bot.commands.spec import CommandSpec, Param, ParamType
from bot.contracts import Attachment
from bot.reply import Reply, code, slash, strip_marks

_TRUE = {"true", "yes", "y", "1", "on"}
_FALSE = {"false", "no", "n", "0", "off"}


def param_words(spec: CommandSpec, *, file: str | None = None, booleans: str = "true|false") -> list[str]:
    """The params as typed: required ones in capitals, optional ones in brackets; `file` names an
    attachment param where a platform takes something else than a file (a Slack file link)."""
    words = []
    for param in spec.params:
        if param.type == ParamType.BOOLEAN:
            word = f"{param.name}:{booleans}"
        elif param.type == ParamType.ATTACHMENT and file is not None:
            word = file
        elif param.choices:
            word = "|".join(param.choices)
        else:
            word = param.name.upper()
        words.append(word if param.required else f"[{word}]")
    return words


def usage(spec: CommandSpec) -> str:
    """`/lab NAME` style (the command as a span: each platform names it its own way)."""
    return " ".join([slash(spec.path), *param_words(spec)])


def _invalid(spec: CommandSpec, message: str) -> Reply:
    example = f"\nExample: {slash(spec.path)} {spec.usage}" if spec.usage else ""
    return Reply.error(
        f"Invalid arguments for {slash(spec.path)}", f"{message}\nUsage: {usage(spec)}{example}"
    )


def _convert(param: Param, value: Any) -> tuple[Any, str | None]:
    """(converted value, None) or (None, what is wrong)."""
    if param.type == ParamType.ATTACHMENT:
        if isinstance(value, Attachment | str):
            return value, None
        return None, f"{code(param.name)} must be a file"
    if param.type == ParamType.BOOLEAN:
        if isinstance(value, bool):
            return value, None
        word = str(value).strip().lower()
        if word in _TRUE:
            return True, None
        if word in _FALSE:
            return False, None
        return None, f"{code(param.name)} must be true or false, not {code(str(value))}"
    if param.type == ParamType.INTEGER:
        if isinstance(value, int) and not isinstance(value, bool):
            return value, None
        try:
            return int(str(value).strip()), None
        except ValueError:
            return None, f"{code(param.name)} must be a whole number, not {code(str(value))}"
    text = value if isinstance(value, str) else str(value)
    if param.choices:
        for choice in param.choices:
            if choice.lower() == text.strip().lower():
                return choice, None
        return None, f"{code(param.name)} must be one of {', '.join(param.choices)}, not {code(text)}"
    return text, None


def validate(spec: CommandSpec, args: dict[str, Any]) -> dict[str, Any] | Reply:
    """The arguments converted to their declared types, or an error Reply naming the parameter."""
    known = {p.name for p in spec.params}
    unknown = sorted(set(args) - known)
    if unknown:
        names = ", ".join(code(name) for name in unknown)
        return _invalid(spec, f"{slash(spec.path)} has no parameter {names}.")
    out: dict[str, Any] = {}
    for param in spec.params:
        value = args.get(param.name)
        if isinstance(value, str):
            # What a user types is text, like a note: the bot's marks in it would be read as markup
            # when the answer echoes it ("No lab named …"), so they go before anything else sees it.
            value = strip_marks(value)
        if value is None or (isinstance(value, str) and not value.strip()):
            if param.required:
                return _invalid(spec, f"Missing {code(param.name)}: {param.description}.")
            continue
        converted, problem = _convert(param, value)
        if problem is not None:
            return _invalid(spec, problem + ".")
        out[param.name] = converted
    return out
