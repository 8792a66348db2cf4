"""Read one workflow file: safe YAML, the pydantic file format, then the domain's own checks."""

from __future__ import annotations

from pydantic import ValidationError

from escalation.datafiles import DataFileError, Labels, describe, load_yaml, report
from escalation.domain.definition import WorkflowDefinition
from escalation.domain.errors import DefinitionError
from escalation.domain.validation import validate
from escalation.i18n import N_, _
from escalation.workflows.schema import WorkflowFile

# How messages name the items of a workflow file: "action 'geef_aanwijzing': parameter 'x'".
LABELS: Labels = {
    "states": (N_("state"), ("name",)),
    "actions": (N_("action"), ("name",)),
    "deadline_kinds": (N_("deadline kind"), ("name",)),
    "parameters": (N_("parameter"), ("name",)),
    "guards": (N_("guard"), ("deadline_passed", "has_deadline")),
    "starts": (N_("deadline"), ("kind",)),
    "besluiten": (N_("besluit"), ("kind",)),
}


def parse_definition(text: str, *, origin: str) -> WorkflowDefinition:
    """Parse and validate one definition; every fault names the file and the item.

    Raises:
        DefinitionError: the YAML is malformed or the definition is invalid, one line per
            problem.
    """
    try:
        data = load_yaml(text, origin=origin)
    except DataFileError as err:
        raise DefinitionError(str(err)) from None
    if not isinstance(data, dict):
        raise DefinitionError(
            _(
                "{file}: the file must be a mapping of names to values, starting with "
                "name: and version:."
            ).format(file=origin)
        )
    try:
        model = WorkflowFile.model_validate(data)
    except ValidationError as err:
        problems = describe(err, model=WorkflowFile, data=data, labels=LABELS, top=_("the file"))
        what = _("the workflow file")
        raise DefinitionError(report(origin, problems, what=what)) from None
    definition = model.to_domain(origin=origin)
    validate(definition)
    return definition
