"""Settings from the command line, the environment (ESCALATION_*) and a TOML file, in that order."""

from __future__ import annotations

import difflib
import os
import re
import tomllib
import typing
from email.utils import getaddresses
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from platformdirs import user_data_dir
from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_core import ErrorDetails
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    SettingsError,
    TomlConfigSettingsSource,
)

from escalation.domain.errors import InvalidInputError
from escalation.domain.handlers import is_one_address
from escalation.domain.limits import SIGNATORY_LENGTH
from escalation.domain.text import SIGNATORY, optional_line
from escalation.i18n import N_, _

ENV_PREFIX = "ESCALATION_"


def default_data_dir() -> Path:
    return Path(user_data_dir("escalation", appauthor=False))


def default_database_url() -> str:
    return f"sqlite:///{default_data_dir() / 'escalation.sqlite'}"


def default_config_file() -> Path:
    return default_data_dir() / "escalation.toml"


class Settings(BaseSettings):
    """Where the data lives, how time is read, how mail goes out. Environment: ESCALATION_<FIELD>.

    Built with `build_settings`; a key that is not a field is refused (`extra="forbid"`).
    """

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="forbid")

    database_url: str = ""
    workflows_dir: Path | None = None
    letters_dir: Path | None = None
    frameworks_dir: Path | None = None
    organisations_dir: Path | None = None  # the user's own organisations/*.yaml
    holidays_file: Path | None = None
    timezone: str = "Europe/Amsterdam"
    lang: Literal["nl", "en"] = "nl"
    # The deadline watch: when the scheduler runs, and where reminders go.
    schedule: str = "mon-fri 07:00"
    # `scheduler run` stores an anchor of the history's hash chains (`audit anchor`) when the
    # last one is at least this old and a chain grew since; 0 = never.
    anchor_interval_hours: float = Field(default=24.0, ge=0)
    smtp_host: str | None = None
    smtp_port: int = Field(default=25, ge=1, le=65535)
    smtp_security: Literal["none", "starttls", "ssl"] = "none"
    smtp_user: str | None = None
    smtp_password: SecretStr | None = None  # repr and JSON show **********
    smtp_timeout_seconds: float = Field(default=10.0, gt=0)
    # How long a run holds a reminder it is sending; after that another run sends it again
    # (with the same Message-ID). Longer than one send can take: several SMTP timeouts.
    send_lease_seconds: float = Field(default=600.0, gt=0)
    mail_from: str = "escalation@localhost"
    mail_domain: str | None = None
    handler_emails: dict[str, str] = Field(default_factory=dict)
    # Who signs the letters: under the closing (organisatie.yaml `ondertekening`, the mandate
    # text) every letter prints this name, this function and, if given, the mandate line.
    signatory_name: str | None = None
    signatory_function: str | None = None
    signatory_mandate: str | None = None

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,  # noqa: ARG003 - no .env file, by design
        file_secret_settings: PydanticBaseSettingsSource,  # noqa: ARG003 - no secrets folder
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """The command line wins over the environment, which wins over the TOML file."""
        if cls.model_config.get("toml_file") is None:
            return init_settings, env_settings
        return init_settings, env_settings, TomlConfigSettingsSource(settings_cls)

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
            raise ValueError(
                _("'{zone}' is not a time zone such as Europe/Amsterdam").format(zone=value)
            ) from None
        return value

    @field_validator("mail_from")
    @classmethod
    def _one_sender(cls, value: str) -> str:
        found = getaddresses([value])
        if not value.isprintable() or len(found) != 1 or not is_one_address(found[0][1]):
            raise ValueError(
                _(
                    "give one sender address, e.g. termijnen@igj.example or "
                    "'Termijnen IGJ <termijnen@igj.example>'"
                )
            )
        return value

    @field_validator("handler_emails")
    @classmethod
    def _one_address_each(cls, value: dict[str, str]) -> dict[str, str]:
        for handler, address in value.items():
            if not is_one_address(address):
                raise ValueError(
                    _("{handler} = {address}: give one e-mail address per handler").format(
                        handler=handler, address=repr(address)
                    )
                )
        return value

    @field_validator("signatory_name", "signatory_function", "signatory_mandate")
    @classmethod
    def _one_line(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            return optional_line(value, field=SIGNATORY, limit=SIGNATORY_LENGTH)
        except InvalidInputError as err:
            raise ValueError(str(err).rstrip(".")) from None

    @field_validator("workflows_dir", "letters_dir", "frameworks_dir", "organisations_dir")
    @classmethod
    def _existing_dir(cls, value: Path | None) -> Path | None:
        if value is not None and not value.is_dir():
            raise ValueError(_("the folder {folder} does not exist").format(folder=value))
        return value

    def extra_holiday_files(self) -> list[Path]:
        """The user's own KB days: the configured file, or the one in the data folder."""
        if self.holidays_file is not None:
            return [self.holidays_file]
        own = default_data_dir() / "gelijkgestelde_dagen.yaml"
        return [own] if own.is_file() else []


def build_settings(database_url: str | None = None, config: Path | None = None) -> Settings:
    """The settings: `database_url` (--db) first, then ESCALATION_* variables, then the file.

    The file is `config` (--config), else ESCALATION_CONFIG, else escalation.toml in the
    user's data folder if it exists.

    Raises:
        InvalidInputError: the file is missing, a folder, unreadable or not TOML; a key in
            it is unknown; a value is invalid. One sentence per fault, never a secret.
    """
    file = _config_file(config)
    settings = _settings_class(file)
    try:
        return settings(database_url=database_url) if database_url else settings()
    except ValidationError as err:
        raise _invalid(err, file) from None
    except SettingsError as err:  # an ESCALATION_* value that should be JSON and is not
        raise InvalidInputError(_not_json(err)) from None
    except tomllib.TOMLDecodeError as err:
        raise InvalidInputError(
            _("The settings file {file} is not valid TOML: {problem}.").format(
                file=file, problem=err
            )
        ) from None
    except UnicodeDecodeError:
        raise InvalidInputError(
            _("The settings file {file} is not UTF-8 text.").format(file=file)
        ) from None
    except OSError as err:
        raise InvalidInputError(
            _("The settings file {file} cannot be read: {problem}.").format(
                file=file, problem=err.strerror or err
            )
        ) from None


def _config_file(config: Path | None) -> Path | None:
    named = config or _from_environment()
    if named is None:
        default = default_config_file()
        return default if default.is_file() else None
    if named.is_dir():
        raise InvalidInputError(
            _(
                "The settings file {file} is a folder; give a TOML file (--config or {variable})."
            ).format(file=named, variable=f"{ENV_PREFIX}CONFIG")
        )
    if not named.is_file():
        raise InvalidInputError(
            _("The settings file {file} does not exist; check --config or {variable}.").format(
                file=named, variable=f"{ENV_PREFIX}CONFIG"
            )
        )
    return named


def _from_environment() -> Path | None:
    value = os.environ.get(f"{ENV_PREFIX}CONFIG")
    return Path(value) if value else None


def _settings_class(file: Path | None) -> type[Settings]:
    """Settings that also read `file` (pydantic-settings takes the TOML path from the class)."""
    if file is None:
        return Settings

    class FileSettings(Settings):
        model_config = SettingsConfigDict(toml_file=file)

    return FileSettings


def _invalid(err: ValidationError, file: Path | None) -> InvalidInputError:
    return InvalidInputError(" ".join(_problem(e, file) for e in err.errors()))


def _problem(e: ErrorDetails, file: Path | None) -> str:
    if e["type"] == "extra_forbidden":
        return _unknown_setting(".".join(str(part) for part in e["loc"]), file)
    field = str(e["loc"][0])
    return _("The setting {field} ({variable}) is not valid: {problem}.").format(
        field=field, variable=f"{ENV_PREFIX}{field.upper()}", problem=_fault(e, field)
    )


def _unknown_setting(key: str, file: Path | None) -> str:
    message = _("The settings file {file} has an unknown setting '{key}'.").format(
        file=file, key=key
    )
    if key == "escalation":  # an [escalation] table, which older releases read
        hint = _("Write the settings at the top of the file, without an [escalation] table.")
        return f"{message} {hint}"
    close = difflib.get_close_matches(key, list(Settings.model_fields), n=1)
    if not close:
        return message
    hint = _("Did you mean '{name}'?").format(name=close[0])
    return f"{message} {hint}"


# Pydantic's faults in our words (its own are English only); the English ids keep its wording.
_FAULTS = {
    "int_parsing": N_("input should be a valid integer, unable to parse string as an integer"),
    "int_type": N_("input should be a valid integer"),
    "int_from_float": N_("input should be a valid integer, got a number with a fractional part"),
    "float_parsing": N_("input should be a valid number, unable to parse string as a number"),
    "float_type": N_("input should be a valid number"),
    "string_type": N_("input should be a valid string"),
    "dict_type": N_("input should be a valid dictionary"),
    "path_type": N_("input is not a valid path"),
    "greater_than": N_("input should be greater than {gt}"),
    "greater_than_equal": N_("input should be greater than or equal to {ge}"),
    "less_than_equal": N_("input should be less than or equal to {le}"),
    "literal_error": N_("input should be {expected}"),
}


def _fault(e: ErrorDetails, field: str) -> str:
    """What is wrong with the value, starting in lower case (it follows a colon)."""
    template = _FAULTS.get(e["type"])
    if template is None:  # our validators' messages (translated), or pydantic's own words
        message = e["msg"].removeprefix("Value error, ")
        return f"{message[:1].lower()}{message[1:]}"
    values = {name: _number(value) for name, value in e.get("ctx", {}).items()}
    if e["type"] == "literal_error":
        values["expected"] = _one_of(field)
    return _(template).format(**values)


def _number(value: object) -> object:
    """0.0 as 0, as pydantic writes it."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _one_of(field: str) -> str:
    """The values a Literal setting takes: "'nl' or 'en'", "'none', 'starttls' or 'ssl'"."""
    choices = [repr(c) for c in typing.get_args(Settings.model_fields[field].annotation)]
    if len(choices) < 2:
        return ", ".join(choices)
    return _("{choices} or {last}").format(choices=", ".join(choices[:-1]), last=choices[-1])


def _not_json(err: SettingsError) -> str:
    # pydantic-settings names the field only in its message: 'error parsing value for field "x"'
    found = re.search(r'field "(\w+)"', str(err))
    field = found[1] if found else "handler_emails"
    return _("The setting {variable} must be written as JSON, e.g. {example}.").format(
        variable=f"{ENV_PREFIX}{field.upper()}", example='{"anna": "a.jansen@igj.example"}'
    )
