"""Settings from the environment (ESCALATION_*) and the command line; nothing runs at import."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from platformdirs import user_data_dir
from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from escalation.domain.errors import InvalidInputError


def default_data_dir() -> Path:
    return Path(user_data_dir("escalation", appauthor=False))


def default_database_url() -> str:
    return f"sqlite:///{default_data_dir() / 'escalation.sqlite'}"


class Settings(BaseSettings):
    """Where the data lives and how time is read. Environment: ESCALATION_<FIELD>."""

    model_config = SettingsConfigDict(env_prefix="ESCALATION_", extra="ignore")

    database_url: str = ""
    workflows_dir: Path | None = None
    letters_dir: Path | None = None
    holidays_file: Path | None = None
    timezone: str = "Europe/Amsterdam"
    tick_interval_seconds: int = 3600
    # The deadline watch: when the scheduler runs, and where reminders go.
    schedule: str = "mon-fri 07:00"
    smtp_host: str | None = None
    smtp_port: int = 25
    smtp_security: Literal["none", "starttls", "ssl"] = "none"
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_timeout_seconds: float = 10.0
    mail_from: str = "escalation@localhost"
    mail_domain: str | None = None
    handler_emails: dict[str, str] = Field(default_factory=dict)

    @field_validator("database_url")
    @classmethod
    def _default_url(cls, value: str) -> str:
        return value or default_database_url()

    @field_validator("timezone")
    @classmethod
    def _valid_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"'{value}' is not a time zone such as Europe/Amsterdam") from None
        return value

    @field_validator("workflows_dir", "letters_dir")
    @classmethod
    def _existing_dir(cls, value: Path | None) -> Path | None:
        if value is not None and not value.is_dir():
            raise ValueError(f"the folder {value} does not exist")
        return value

    def extra_holiday_files(self) -> list[Path]:
        """The user's own KB days: the configured file, or the one in the data folder."""
        if self.holidays_file is not None:
            return [self.holidays_file]
        own = default_data_dir() / "gelijkgestelde_dagen.yaml"
        return [own] if own.is_file() else []


def default_config_file() -> Path:
    return default_data_dir() / "escalation.toml"


def read_config_file(path: Path | None) -> dict[str, Any]:
    """Settings from a TOML file; an ESCALATION_* variable of the same name wins over it."""
    chosen = path or Path(os.environ.get("ESCALATION_CONFIG", "") or default_config_file())
    if not chosen.is_file():
        if path is not None:
            raise ValueError(f"the settings file {path} does not exist")
        return {}
    with chosen.open("rb") as handle:
        values = tomllib.load(handle)
    section = values.get("escalation", values)
    return {k: v for k, v in section.items() if f"ESCALATION_{k.upper()}" not in os.environ}


def build_settings(database_url: str | None = None, config: Path | None = None) -> Settings:
    try:
        values = read_config_file(config)
        if database_url:
            values["database_url"] = database_url
        return Settings(**values)
    except (ValueError, tomllib.TOMLDecodeError) as err:
        if not isinstance(err, ValidationError):
            raise InvalidInputError(f"The settings file cannot be used: {err}.") from None
        raise _settings_error(err) from None


def _settings_error(err: ValidationError) -> InvalidInputError:
    problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in err.errors())
    return InvalidInputError(f"The settings are not valid: {problems}.")
