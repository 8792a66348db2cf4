"""Workflow definitions from YAML files: the file format, its parser and the installed catalog."""

from escalation.workflows.catalog import FileWorkflowCatalog
from escalation.workflows.parse import parse_definition
from escalation.workflows.schema import workflow_json_schema

__all__ = ["FileWorkflowCatalog", "parse_definition", "workflow_json_schema"]
