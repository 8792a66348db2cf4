"""Settings: --db, then ESCALATION_*, then the TOML file; unknown keys and bad values refused."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from pydantic import SecretStr

from escalation.config import Settings, build_settings
from escalation.domain.errors import InvalidInputError
from escalation.mailer import SmtpMailer

SECRET = "zeer-geheim-42"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No ESCALATION_* variable of the machine, and an empty user data folder."""
    for name in [n for n in os.environ if n.startswith("ESCALATION_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


def _file(tmp_path: Path, text: str, name: str = "escalation.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _refusal(config: Path | None) -> str:
    with pytest.raises(InvalidInputError) as refused:
        build_settings(None, config)
    return str(refused.value)


def test_the_file_gives_settings_and_tables(tmp_path: Path) -> None:
    config = _file(tmp_path, 'smtp_host = "smtp.igj.example"\n[handler_emails]\nanna = "a@x.nl"\n')

    settings = build_settings(None, config)

    assert settings.smtp_host == "smtp.igj.example"
    assert settings.handler_emails == {"anna": "a@x.nl"}


def test_the_environment_wins_over_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = _file(tmp_path, 'smtp_host = "from-file"\nsmtp_port = 587\n')
    monkeypatch.setenv("ESCALATION_SMTP_HOST", "from-environment")

    settings = build_settings(None, config)

    assert (settings.smtp_host, settings.smtp_port) == ("from-environment", 587)


def test_the_database_given_on_the_command_line_wins_over_both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = _file(tmp_path, 'database_url = "sqlite:///from-file"\n')
    monkeypatch.setenv("ESCALATION_DATABASE_URL", "sqlite:///from-environment")

    assert build_settings("sqlite:///from-cli", config).database_url == "sqlite:///from-cli"


def test_the_config_file_may_be_named_by_escalation_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ESCALATION_CONFIG", str(_file(tmp_path, 'mail_from = "t@igj.example"\n')))

    assert build_settings(None, None).mail_from == "t@igj.example"


def test_a_misspelt_key_in_the_file_is_refused_naming_it_and_the_right_one(
    tmp_path: Path,
) -> None:
    config = _file(tmp_path, 'smtp_hots = "smtp.igj.example"\n')

    assert _refusal(config) == (
        f"The settings file {config} has an unknown setting 'smtp_hots'. Did you mean 'smtp_host'?"
    )


def test_tick_interval_seconds_is_no_longer_a_setting(tmp_path: Path) -> None:
    assert "unknown setting 'tick_interval_seconds'" in _refusal(
        _file(tmp_path, "tick_interval_seconds = 60\n")
    )


@pytest.mark.parametrize("value", ["0", "-1"])
def test_a_smtp_timeout_that_is_not_positive_is_refused(
    value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ESCALATION_SMTP_TIMEOUT_SECONDS", value)

    assert _refusal(None) == (
        "The setting smtp_timeout_seconds (ESCALATION_SMTP_TIMEOUT_SECONDS) is not valid: "
        "input should be greater than 0."
    )


def test_the_language_is_dutch_unless_english_is_asked_for(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert build_settings(None, None).lang == "nl"
    monkeypatch.setenv("ESCALATION_LANG", "en")
    assert build_settings(None, None).lang == "en"
    monkeypatch.setenv("ESCALATION_LANG", "de")
    assert "input should be 'nl' or 'en'" in _refusal(None)


def test_a_choice_of_three_is_refused_naming_all_three_as_pydantic_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ESCALATION_SMTP_SECURITY", "tls")

    assert _refusal(None) == (
        "The setting smtp_security (ESCALATION_SMTP_SECURITY) is not valid: "
        "input should be 'none', 'starttls' or 'ssl'."
    )


@pytest.mark.parametrize(
    ("variable", "value", "fault"),
    [
        ("SMTP_TIMEOUT_SECONDS", "0", "de waarde moet groter zijn dan 0"),
        ("SMTP_PORT", "x", "de waarde moet een geheel getal zijn"),
        ("SMTP_PORT", "70000", "de waarde mag ten hoogste 65535 zijn"),
        ("LANG", "de", "de waarde moet 'nl' of 'en' zijn"),
        ("TIMEZONE", "Mars/Olympus", "'Mars/Olympus' is geen tijdzone zoals Europe/Amsterdam"),
    ],
)
def test_a_bad_value_is_refused_in_dutch_by_default(
    variable: str, value: str, fault: str, monkeypatch: pytest.MonkeyPatch, dutch: None
) -> None:
    monkeypatch.setenv(f"ESCALATION_{variable}", value)

    assert _refusal(None) == (
        f"De instelling {variable.lower()} (ESCALATION_{variable}) is ongeldig: {fault}."
    )


def test_a_misspelt_key_is_refused_in_dutch_naming_the_right_one(
    tmp_path: Path, dutch: None
) -> None:
    config = _file(tmp_path, 'smtp_hots = "smtp.igj.example"\n')

    assert _refusal(config) == (
        f"Het instellingenbestand {config} bevat een onbekende instelling 'smtp_hots'. "
        "Bedoelt u 'smtp_host'?"
    )


def test_a_config_that_is_a_folder_is_refused_in_one_sentence(tmp_path: Path) -> None:
    assert _refusal(tmp_path) == (
        f"The settings file {tmp_path} is a folder; give a TOML file (--config or "
        "ESCALATION_CONFIG)."
    )


def test_a_config_file_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    missing = tmp_path / "absent.toml"

    assert _refusal(missing) == (
        f"The settings file {missing} does not exist; check --config or ESCALATION_CONFIG."
    )


def test_a_file_that_is_not_toml_is_refused_with_its_line(tmp_path: Path) -> None:
    config = _file(tmp_path, "smtp_host = \n")

    assert _refusal(config) == (
        f"The settings file {config} is not valid TOML: Invalid value (at line 1, column 13)."
    )


def test_the_smtp_password_is_never_printed(tmp_path: Path) -> None:
    config = _file(tmp_path, f'smtp_password = "{SECRET}"\n')
    broken = _file(tmp_path, f'smtp_password = "{SECRET}"\nsmtp_port = "x"\n', "broken.toml")

    settings = build_settings(None, config)

    assert settings.smtp_password is not None
    assert settings.smtp_password.get_secret_value() == SECRET
    assert SECRET not in repr(settings) + str(settings) + settings.model_dump_json()
    assert SECRET not in _refusal(broken)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _Logins:
    def __init__(self) -> None:
        self.seen: list[tuple[bytes, bytes]] = []

    def __call__(
        self, server: object, session: object, envelope: object, mechanism: str, auth_data: object
    ) -> AuthResult:
        assert isinstance(auth_data, LoginPassword)
        self.seen.append((auth_data.login, auth_data.password))
        return AuthResult(success=True)


class _Accept:
    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:  # noqa: N802 - aiosmtpd's name
        return "250 OK"


@pytest.fixture
def smtp_with_login() -> Iterator[tuple[int, _Logins]]:
    port, logins = _free_port(), _Logins()
    controller = Controller(
        _Accept(),
        hostname="127.0.0.1",
        port=port,
        authenticator=logins,
        auth_require_tls=False,
    )
    controller.start()
    yield port, logins
    controller.stop()


def test_the_mailer_logs_in_with_the_secret_password(
    smtp_with_login: tuple[int, _Logins],
) -> None:
    port, logins = smtp_with_login
    settings = Settings(
        smtp_host="127.0.0.1",
        smtp_port=port,
        smtp_user="termijnen",
        smtp_password=SecretStr(SECRET),
    )

    SmtpMailer(settings).send(
        to="anna@igj.example", subject="Herinnering", body="Tekst", reference="reminder-1.test"
    )

    assert logins.seen == [(b"termijnen", SECRET.encode())]
