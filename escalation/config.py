"""Settings from the environment (ESCALATION_*) and the command line; nothing runs at import."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from platformdirs import user_data_dir
from pydantic import field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_data_dir() -> Path:
    return Path(user_data_dir("escalation", appauthor=False))


def default_database_url() -> str:
    return f"sqlite:///{default_data_dir() / 'escalation.sqlite'}"


class Settings(BaseSettings):
    """Where the data lives and how time is read. Environment: ESCALATION_<FIELD>."""

    model_config = SettingsConfigDict(env_prefix="ESCALATION_", extra="ignore")

    database_url: str = ""
    workflows_dir: Path | None = None
    holidays_file: Path | None = None
    timezone: str = "Europe/Amsterdam"
    tick_interval_seconds: int = 3600

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

    @field_validator("workflows_dir")
    @classmethod
    def _existing_dir(cls, value: Path | None) -> Path | None:
        if value is not None and not value.is_dir():
            raise ValueError(f"the workflows folder {value} does not exist")
        return value

    def extra_holiday_files(self) -> list[Path]:
        """The user's own KB days: the configured file, or the one in the data folder."""
        if self.holidays_file is not None:
            return [self.holidays_file]
        own = default_data_dir() / "gelijkgestelde_dagen.yaml"
        return [own] if own.is_file() else []
