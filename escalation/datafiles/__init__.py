"""The YAML files people edit (workflows, KB days, letters): read safely, explain faults."""

from escalation.datafiles.faults import Labels, describe, fault, report
from escalation.datafiles.fields import DataModel, Listing, Name, Scalar, Text
from escalation.datafiles.safe_yaml import DataFileError, load_yaml, read_text

__all__ = [
    "DataFileError",
    "DataModel",
    "Labels",
    "Listing",
    "Name",
    "Scalar",
    "Text",
    "describe",
    "fault",
    "load_yaml",
    "read_text",
    "report",
]
