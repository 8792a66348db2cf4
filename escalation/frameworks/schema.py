"""The framework file format (frameworks/*.yaml) as pydantic models, and its domain form."""

from __future__ import annotations

from pydantic import StrictInt, field_validator

from escalation.datafiles import DataModel, Listing, Name, Scalar, Text, fault
from escalation.domain.findings import Framework, Judgement, Norm, Theme
from escalation.i18n import _


class ThemeModel(DataModel):
    id: Scalar
    title: Name


class NormModel(DataModel):
    id: Scalar
    title: Name
    theme: Scalar | None = None
    text: Text = ""
    legal_basis: Text = ""


class FrameworkFile(DataModel):
    """One toetsingskader: its name and version, where it comes from, its themes and norms."""

    name: Name
    version: StrictInt
    title: Name
    label: Name
    source: Name
    scale: dict[Judgement, Name]
    themes: Listing[ThemeModel] = []
    norms: Listing[NormModel]

    @field_validator("norms")
    @classmethod
    def _norms(cls, norms: list[NormModel]) -> list[NormModel]:
        if not norms:
            raise fault(_("a framework needs at least one norm."))
        return norms

    @field_validator("scale")
    @classmethod
    def _scale(cls, scale: dict[Judgement, str]) -> dict[Judgement, str]:
        missing = [j.value for j in Judgement if j not in scale]
        if missing:
            raise fault(
                _("the scale has no meaning for {judgements}.").format(
                    judgements=", ".join(missing)
                )
            )
        return scale

    def faults(self) -> list[tuple[tuple[str | int, ...], str]]:
        """What pydantic cannot see per item: a norm given twice, a theme the file lacks."""
        known, seen = {t.id for t in self.themes}, set[str]()
        found: list[tuple[tuple[str | int, ...], str]] = []
        for i, norm in enumerate(self.norms):
            if norm.id in seen:
                message = _("norm '{id}' appears twice.").format(id=norm.id)
                found.append((("norms", i, "id"), message))
            seen.add(norm.id)
            if norm.theme is not None and norm.theme not in known:
                message = _("norm '{id}' names theme '{theme}', which the file does not have.")
                found.append((("norms", i, "theme"), message.format(id=norm.id, theme=norm.theme)))
        return found

    def to_domain(self, *, origin: str) -> Framework:
        return Framework(
            name=self.name,
            version=self.version,
            title=self.title,
            source=self.source,
            label=self.label,
            themes=tuple(Theme(id=t.id, title=t.title) for t in self.themes),
            norms=tuple(
                Norm(
                    id=n.id,
                    title=n.title,
                    theme=n.theme,
                    text=n.text,
                    legal_basis=n.legal_basis,
                )
                for n in self.norms
            ),
            scale={j.value: text for j, text in self.scale.items()},
            origin=origin,
        )
