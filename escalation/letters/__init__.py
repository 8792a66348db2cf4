"""The letters adapter: Jinja2 templates rendered to text, HTML, PDF and DOCX."""

from escalation.letters.renderer import JinjaLetterRenderer

__all__ = ["JinjaLetterRenderer"]
