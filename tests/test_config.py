"""labnotes.yaml, .env and environment overrides: what is read, and the exact message for each mistake."""

from __future__ import annotations

import argparse
import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from adapters.cli import main as cli_main
from adapters.platform import DiscordConfig
from bot.config import Config, ConfigError, DigestConfig, config_from_args, load_config

REPO = Path(__file__).resolve().parents[1]


def write(tmp_path: Path, text: str, name: str = "labnotes.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def load(path: Path | None, environ: dict[str, str] | None = None, env_file: Path | None = None) -> Config:
    env = {} if environ is None else environ
    return load_config(path, environ=env, env_file=env_file or Path("/nonexistent/.env"))


def error_of(tmp_path: Path, text: str) -> str:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load(path)
    return str(caught.value)


# -- reading ---------------------------------------------------------------------------------------


def test_no_config_file_gives_the_defaults() -> None:
    assert load(None) == Config()


def test_an_empty_file_gives_the_defaults(tmp_path: Path) -> None:
    assert load(write(tmp_path, "# nothing set\n")) == Config()


def test_settings_are_read_from_the_file(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "log_format: json\nhealth_port: 8080\nkeep_running_on_adapter_failure: false\n"
        "discord:\n  guild_ids: [111, 222]\n  moderator_role_ids: [333]\n"
        "slack:\n  mode: http\n  port: 3100\n  moderator_user_ids: [U0ADMIN]\n"
        "digest:\n  default_timezone: Europe/Berlin\n  quiet: skip\n  max_notes: 5\n",
    )
    config = load(path)
    assert (config.log_format, config.health_port, config.keep_running_on_adapter_failure) == (
        "json",
        8080,
        False,
    )
    assert config.platforms["discord"] == DiscordConfig(guild_ids=[111, 222], moderator_role_ids=[333])
    slack = config.platforms["slack"]
    assert (slack.mode, slack.port, slack.moderator_user_ids) == (
        "http",
        3100,
        ["U0ADMIN"],
    )
    assert config.digest == DigestConfig(default_timezone="Europe/Berlin", quiet="skip", max_notes=5)


def test_relative_paths_are_relative_to_the_config_file(tmp_path: Path) -> None:
    path = write(tmp_path, "notes_dir: vault\ndb_path: /srv/labnotes.db\n")
    config = load(path)
    assert config.notes_dir == tmp_path.resolve() / "vault"
    assert config.db_path == Path("/srv/labnotes.db")


def test_an_unquoted_time_stays_a_time_not_a_yaml_sexagesimal_number(tmp_path: Path) -> None:
    # YAML 1.1 reads 18:30 as the integer 1110; the setting must still be "18:30".
    assert load(write(tmp_path, "digest:\n  default_time: 18:30\n")).digest.default_time == "18:30"


def test_discord_ids_may_be_quoted(tmp_path: Path) -> None:
    path = write(tmp_path, "discord:\n  guild_ids: ['1234567890123456789']\n")
    assert load(path).platforms["discord"].guild_ids == [1234567890123456789]


def test_null_turns_an_optional_setting_off(tmp_path: Path) -> None:
    assert load(write(tmp_path, "health_port: null\ntrash_dir: ~\n")).health_port is None


def test_the_path_comes_from_LABNOTES_CONFIG_when_none_is_given(tmp_path: Path) -> None:
    path = write(tmp_path, "log_format: json\n")
    assert load(None, {"LABNOTES_CONFIG": str(path)}).log_format == "json"


def test_the_environment_overrides_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "db_path: /from/file.db\nhealth_port: 8080\nlog_format: plain\n")
    env = {"LABNOTES_DB": "/from/env.db", "LABNOTES_HEALTH_PORT": "9090", "LABNOTES_LOG_FORMAT": "json"}
    config = load(path, env)
    assert (config.db_path, config.health_port, config.log_format) == (Path("/from/env.db"), 9090, "json")


def test_dot_env_fills_variables_the_environment_does_not_set(tmp_path: Path) -> None:
    env_file = write(tmp_path, "DISCORD_TOKEN=from-file\nLABNOTES_DB=/file.db\n", ".env")
    environ = {"LABNOTES_DB": "/shell.db"}
    config = load(None, environ, env_file)
    assert environ["DISCORD_TOKEN"] == "from-file"
    assert config.db_path == Path("/shell.db")


def test_config_from_args_honours_config_and_then_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no stray .env
    for name in ("LABNOTES_CONFIG", "LABNOTES_DB", "LABNOTES_LOG_FORMAT"):
        monkeypatch.delenv(name, raising=False)
    path = write(tmp_path, "db_path: /from/file.db\nlog_format: json\n")
    config = config_from_args(argparse.Namespace(config=path, db=Path("/from/flag.db")))
    assert (config.db_path, config.log_format) == (Path("/from/flag.db"), "json")


# -- mistakes --------------------------------------------------------------------------------------


def test_an_unknown_key_is_named_with_its_line_and_a_suggestion(tmp_path: Path) -> None:
    message = error_of(tmp_path, "log_format: plain\ndiscrod:\n  guild_ids: []\n")
    assert message == f"{tmp_path / 'labnotes.yaml'}:2: unknown key 'discrod'; did you mean 'discord'?"


def test_an_unknown_nested_key_is_named_in_full(tmp_path: Path) -> None:
    message = error_of(tmp_path, "slack:\n  mode: socket\n  verbose: true\n")
    assert message == (
        f"{tmp_path / 'labnotes.yaml'}:3: unknown key 'slack.verbose' (known: mode, host, port, path, "
        "moderator_user_ids, admins_are_moderators, errors_ephemeral, answers_in_channel, oauth)"
    )


def test_a_wrong_type_names_the_key_the_line_and_the_value(tmp_path: Path) -> None:
    message = error_of(tmp_path, "\nhealth_port: eighty\n")
    assert (
        message == f"{tmp_path / 'labnotes.yaml'}:2: health_port must be an integer (or null), got 'eighty'"
    )


def test_a_boolean_must_be_true_or_false(tmp_path: Path) -> None:
    message = error_of(tmp_path, "keep_running_on_adapter_failure: maybe\n")
    assert (
        message
        == f"{tmp_path / 'labnotes.yaml'}:1: keep_running_on_adapter_failure must be true or false, got 'maybe'"
    )


def test_a_list_setting_given_a_single_value_is_refused(tmp_path: Path) -> None:
    message = error_of(tmp_path, "discord:\n  guild_ids: 42\n")
    assert (
        message == f"{tmp_path / 'labnotes.yaml'}:2: discord.guild_ids must be a list of integers, got '42'"
    )


def test_a_choice_outside_the_allowed_ones_lists_them(tmp_path: Path) -> None:
    message = error_of(tmp_path, "log_format: xml\n")
    assert message == f"{tmp_path / 'labnotes.yaml'}:1: log_format must be one of plain, json, got 'xml'"


def test_a_section_given_a_scalar_is_refused(tmp_path: Path) -> None:
    message = error_of(tmp_path, "digest: daily\n")
    assert message == f"{tmp_path / 'labnotes.yaml'}:1: digest must be a mapping of settings, got 'daily'"


def test_an_unknown_time_zone_is_refused(tmp_path: Path) -> None:
    message = error_of(tmp_path, "digest:\n  default_time: '09:00'\n  default_timezone: Mars/Olympus\n")
    assert message == (
        f"{tmp_path / 'labnotes.yaml'}:3: digest.default_timezone: unknown time zone 'Mars/Olympus'; "
        "use an IANA name like Europe/Berlin or UTC"
    )


def test_a_time_of_day_out_of_range_is_refused(tmp_path: Path) -> None:
    message = error_of(tmp_path, "digest:\n  default_time: '25:00'\n")
    assert message == (
        f"{tmp_path / 'labnotes.yaml'}:2: digest.default_time: '25:00' is not a time of day; "
        "use 24-hour HH:MM, e.g. 09:00 or 18:30"
    )


def test_a_port_out_of_range_is_refused(tmp_path: Path) -> None:
    message = error_of(tmp_path, "slack:\n  port: 70000\n")
    assert message == f"{tmp_path / 'labnotes.yaml'}:2: slack.port must be a port number 0–65535, got 70000"


def test_a_secret_in_the_file_is_refused_without_echoing_it(tmp_path: Path) -> None:
    message = error_of(tmp_path, "slack:\n  signing_secret: s3cr3t-value\n")
    assert message == (
        f"{tmp_path / 'labnotes.yaml'}:2: 'slack.signing_secret' looks like a secret; secrets are read only "
        "from the environment: set SLACK_SIGNING_SECRET in .env instead"
    )


def test_a_token_under_discord_points_to_DISCORD_TOKEN(tmp_path: Path) -> None:
    assert "set DISCORD_TOKEN in .env" in error_of(tmp_path, "discord:\n  token: abc\n")


def test_a_duplicate_key_names_both_lines(tmp_path: Path) -> None:
    message = error_of(tmp_path, "log_format: json\nhealth_port: 1\nlog_format: plain\n")
    assert message == f"{tmp_path / 'labnotes.yaml'}:3: duplicate key 'log_format' (first set on line 1)"


def test_broken_yaml_names_the_line(tmp_path: Path) -> None:
    message = error_of(tmp_path, "discord:\n  guild_ids: [1, 2\n")
    assert message.startswith(f"{tmp_path / 'labnotes.yaml'}:3: not valid YAML: ")


def test_a_list_at_the_top_level_is_refused(tmp_path: Path) -> None:
    message = error_of(tmp_path, "- log_format\n")
    assert (
        message == f"{tmp_path / 'labnotes.yaml'}:1: the top level must be a mapping of settings, got a list"
    )


def test_a_missing_config_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load(tmp_path / "nope.yaml")
    assert str(caught.value) == f"{tmp_path / 'nope.yaml'}: config file not found"


def test_a_bad_health_port_in_the_environment_names_the_variable() -> None:
    with pytest.raises(ConfigError) as caught:
        load(None, {"LABNOTES_HEALTH_PORT": "http"})
    assert str(caught.value) == "LABNOTES_HEALTH_PORT must be a port number 0–65535, got 'http'"


# -- the shipped example ---------------------------------------------------------------------------


def _keys(cls: type, prefix: str = "") -> set[str]:
    out: set[str] = set()
    for f in dataclasses.fields(cls):
        default = f.default_factory() if f.default_factory is not dataclasses.MISSING else f.default
        if f.name == "platforms" and cls is Config:  # each platform's section sits at the top level
            out |= {key for name, s in default.items() for key in _keys(type(s), f"{name}.")}
        elif dataclasses.is_dataclass(default):
            out |= _keys(type(default), f"{prefix}{f.name}.")
        else:
            out.add(prefix + f.name)
    return out


def _yaml_keys(data: dict[str, object], prefix: str = "") -> set[str]:
    out: set[str] = set()
    for key, value in data.items():
        if isinstance(value, dict):
            out |= _yaml_keys(value, f"{prefix}{key}.")
        else:
            out.add(prefix + key)
    return out


def test_the_example_config_documents_every_setting() -> None:
    example = yaml.safe_load((REPO / "labnotes.example.yaml").read_text(encoding="utf-8"))
    assert _yaml_keys(example) == _keys(Config)


def test_the_example_config_loads_to_the_defaults() -> None:
    assert load(REPO / "labnotes.example.yaml") == Config()


# -- hostile files (issue 12, item 6): one line with the file and line, bounded work, never a traceback


def test_a_file_over_the_size_cap_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    path = write(tmp_path, "# padding\n" * 100_001)  # 1,000,010 bytes
    with pytest.raises(ConfigError) as caught:
        load(path)
    assert str(caught.value) == f"{path}: too large for a config file (more than 1,000,000 bytes)"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_file_is_read_only_up_to_the_cap() -> None:
    with pytest.raises(ConfigError) as caught:
        load(Path("/dev/zero"))
    assert str(caught.value) == "/dev/zero: too large for a config file (more than 1,000,000 bytes)"


def test_more_values_than_any_config_has_are_refused_on_the_line_that_passes_the_cap(tmp_path: Path) -> None:
    ids = "".join(f"    - {n}\n" for n in range(10_001))  # one id a line, from line 4
    message = error_of(tmp_path, "log_format: json\ndiscord:\n  guild_ids:\n" + ids)
    # 4 values (keys count) come first, so the 10,001st is the 9,997th id, on line 4 + 9,996
    assert message == (
        f"{tmp_path / 'labnotes.yaml'}:10000: more than 10,000 values; labnotes.yaml needs a few dozen"
    )


def test_nesting_deeper_than_the_limit_is_refused_with_its_line(tmp_path: Path) -> None:
    message = error_of(tmp_path, "log_format: json\ndigest:\n  max_notes: " + "[" * 20 + "]" * 20 + "\n")
    assert message == (
        f"{tmp_path / 'labnotes.yaml'}:3: nested more than 10 levels deep; no setting needs more than 3"
    )


def test_a_thousand_levels_of_nesting_is_the_same_one_line_not_a_recursion_error(tmp_path: Path) -> None:
    message = error_of(tmp_path, "log_format: json\nhealth_port: " + "[" * 1000 + "]" * 1000 + "\n")
    assert message == (
        f"{tmp_path / 'labnotes.yaml'}:2: nested more than 10 levels deep; no setting needs more than 3"
    )


@pytest.mark.parametrize(
    "spelling",
    [
        "9" * 5000,  # Python refuses to convert a decimal string over 4,300 digits
        "9223372036854775808",  # 2**63: one past what SQLite's INTEGER holds
        "0x" + "f" * 5000,
        "0b" + "1" * 70,
        "1:" * 3000 + "1",  # YAML 1.1 base 60, quadratic to convert
        "-" + "9" * 30,
    ],
    ids=["5000-digits", "2**63", "hex", "binary", "base-60", "negative"],
)
def test_a_huge_integer_is_too_large_on_its_line(tmp_path: Path, spelling: str) -> None:
    message = error_of(tmp_path, f"log_format: json\nhealth_port: {spelling}\n")
    assert message == f"{tmp_path / 'labnotes.yaml'}:2: health_port: value too large"


def test_a_huge_quoted_discord_id_is_too_large_on_its_line(tmp_path: Path) -> None:
    message = error_of(tmp_path, f"discord:\n  guild_ids:\n    - 1\n    - '{'9' * 5000}'\n")
    assert message == f"{tmp_path / 'labnotes.yaml'}:4: discord.guild_ids: value too large"


def test_the_largest_64_bit_integer_is_accepted(tmp_path: Path) -> None:
    assert load(write(tmp_path, f"max_note_bytes: {2**63 - 1}\n")).max_note_bytes == 2**63 - 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "keep_running_on_adapter_failure: !!bool maybe",
            "keep_running_on_adapter_failure must be true or false, got 'maybe'",
        ),
        ("health_port: !!int eighty", "health_port must be an integer (or null), got 'eighty'"),
        ("health_port: !!python/name:os.system x", "health_port must be an integer (or null), got 'x'"),
        ("health_port: !!float 80", "health_port must be an integer (or null), got '80'"),
    ],
    ids=["bool", "int", "python-tag", "float-tag"],
)
def test_an_explicit_yaml_tag_on_a_bad_value_is_a_wrong_type(
    tmp_path: Path, text: str, expected: str
) -> None:
    assert error_of(tmp_path, text + "\n") == f"{tmp_path / 'labnotes.yaml'}:1: {expected}"


def test_a_list_as_a_key_is_refused_on_its_line(tmp_path: Path) -> None:
    message = error_of(tmp_path, "log_format: json\n? [a, b]\n: 1\n")
    assert (
        message == f"{tmp_path / 'labnotes.yaml'}:2: the top level: a key must be a setting name, got a list"
    )


def test_a_billion_laughs_key_is_refused_without_expanding_it(tmp_path: Path) -> None:
    # Each level holds nine aliases of the one before: 9**6 leaves if anything walked or printed it.
    levels = ["&l0 [" + ", ".join(["lol"] * 9) + "]"]
    levels += [f"&l{n} [" + ", ".join([f"*l{n - 1}"] * 9) + "]" for n in range(1, 7)]
    message = error_of(tmp_path, "digest:\n  ? [" + ", ".join(levels) + "]\n  : 1\n")
    assert message == f"{tmp_path / 'labnotes.yaml'}:2: digest: a key must be a setting name, got a list"


def test_a_control_character_is_named_with_its_line(tmp_path: Path) -> None:
    message = error_of(tmp_path, "log_format: json\nhealth_host: a\x07\n")
    assert message == f"{tmp_path / 'labnotes.yaml'}:2: not valid YAML: character #x0007 is not allowed"


def test_a_file_that_is_not_utf8_is_named_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "labnotes.yaml"
    path.write_bytes(b"log_format: json\nhealth_host: caf\xe9\n")
    with pytest.raises(ConfigError) as caught:
        load(path)
    assert str(caught.value) == f"{path}:2: not UTF-8 text (byte 0xe9)"


def test_a_value_with_a_line_break_is_echoed_on_one_line(tmp_path: Path) -> None:
    message = error_of(tmp_path, 'health_port: "80\\n81"\n')
    assert (
        message == f"{tmp_path / 'labnotes.yaml'}:1: health_port must be an integer (or null), got '80\\n81'"
    )


def test_a_long_bad_value_is_echoed_cut_short(tmp_path: Path) -> None:
    message = error_of(tmp_path, f"log_format: {'x' * 5000}\n")
    assert (
        message == f"{tmp_path / 'labnotes.yaml'}:1: log_format must be one of plain, json, got '{'x' * 60}…'"
    )


def test_a_nul_character_in_a_path_is_refused(tmp_path: Path) -> None:
    message = error_of(tmp_path, 'notes_dir: "notes\\0x"\n')
    assert (
        message
        == f"{tmp_path / 'labnotes.yaml'}:1: notes_dir must not contain control characters, got 'notes\\x00x'"
    )


def test_the_home_of_an_unknown_user_is_refused(tmp_path: Path) -> None:
    message = error_of(tmp_path, "notes_dir: ~no-such-user-here/notes\n")
    assert (
        message
        == f"{tmp_path / 'labnotes.yaml'}:1: notes_dir: cannot expand '~no-such-user-here/notes': no such user"
    )


def test_a_time_with_non_ascii_digits_is_not_a_time_of_day(tmp_path: Path) -> None:
    message = error_of(tmp_path, "digest:\n  default_time: '²:00'\n")
    assert message == (
        f"{tmp_path / 'labnotes.yaml'}:2: digest.default_time: '²:00' is not a time of day; "
        "use 24-hour HH:MM, e.g. 09:00 or 18:30"
    )


def test_a_time_zone_name_longer_than_a_file_name_is_unknown(tmp_path: Path) -> None:
    message = error_of(tmp_path, f"digest:\n  default_timezone: Europe/{'x' * 300}\n")
    assert message == (
        f"{tmp_path / 'labnotes.yaml'}:2: digest.default_timezone: unknown time zone "
        f"'Europe/{'x' * 53}…'; use an IANA name like Europe/Berlin or UTC"
    )


@pytest.mark.parametrize("port", ["²", "9" * 5000], ids=["superscript", "5000-digits"])
def test_a_health_port_variable_that_is_no_number_names_the_variable(port: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load(None, {"LABNOTES_HEALTH_PORT": port})
    shown = port if len(port) <= 60 else port[:60] + "…"
    assert str(caught.value) == f"LABNOTES_HEALTH_PORT must be a port number 0–65535, got '{shown}'"


# -- the commands that read it ---------------------------------------------------------------------


@pytest.fixture
def clean_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no stray .env
    for name in ("LABNOTES_CONFIG", "LABNOTES_DB", "LABNOTES_LOG_FORMAT", "LABNOTES_HEALTH_PORT"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize(
    "command",
    [["ask", "/labs"], ["ingest"], ["run"], ["digest"], ["stats"], ["shell"]],
    ids=lambda c: c[0],
)
@pytest.mark.parametrize(
    ("text", "error"),
    [
        (
            "log_format: json\nhealth_port: " + "[" * 1000 + "]" * 1000 + "\n",
            "2: nested more than 10 levels deep; no setting needs more than 3",
        ),
        ("discrod: {}\n", "1: unknown key 'discrod'; did you mean 'discord'?"),
    ],
    ids=["deep", "unknown-key"],
)
@pytest.mark.usefixtures("clean_env")
def test_every_command_reports_a_config_mistake_in_one_line_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str], text: str, error: str
) -> None:
    path = write(tmp_path, text)
    assert cli_main(["--config", str(path), *command]) == 2
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", f"labnotes {command[0]}: {path}:{error}\n")


def test_labnotes_ask_with_a_hostile_config_prints_one_line_and_exits_2(tmp_path: Path) -> None:
    path = write(tmp_path, "log_format: json\nhealth_port: " + "9" * 5000 + "\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("LABNOTES_")} | {"PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-m", "adapters.cli", "--config", str(path), "ask", "/labs"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (result.returncode, result.stdout, result.stderr) == (
        2,
        "",
        f"labnotes ask: {path}:2: health_port: value too large\n",
    )
