"""Norm frameworks (toetsingskaders) from YAML files, and the findings and hertoets documents
checked against them."""

from escalation.frameworks.catalog import FileFrameworkCatalog

__all__ = ["FileFrameworkCatalog"]
