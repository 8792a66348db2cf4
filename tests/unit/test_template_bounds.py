"""The bounded sandbox: what a letter needs still works, what grows without bound is refused."""

from __future__ import annotations

import pytest

from escalation.letters.bounds import BoundedSandbox, TemplateLimit, collect, time_limit


def render(source: str, **values: object) -> str:
    template = BoundedSandbox(autoescape=False).from_string(source)
    with time_limit():
        return collect(template.root_render_func(template.new_context(values)))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{% for i in range(3) %}{{ i }},{% endfor %}", "0,1,2,"),
        ("{{ '-' * 5 }}{{ 'a' ~ 'b' }}{{ [1] + [2] }}", "-----ab[1, 2]"),
        ("{{ '%-6s|' % 'ab' }}{{ '{:>4}'.format(7) }}{{ '%s'|format('x') }}", "ab    |   7x"),
        ("{{ 'a b'|replace(' ', '_') }}{{ [1, 2]|join('+') }}{{ 'x'|center(3) }}", "a_b1+2 x "),
        ("{{ 2 ** 64 }}", "18446744073709551616"),
        ("{{ range(10000)|list|length }}", "10000"),
    ],
)
def test_what_a_letter_needs_renders_as_before(source: str, expected: str) -> None:
    assert render(source) == expected


@pytest.mark.parametrize(
    ("source", "said"),
    [
        ("{{ 'x' * 2000001 }}", "more than 2,000,000 characters"),
        ("{{ 2000001 * [0] }}", "more than 2,000,000 characters"),
        ("{% for i in range(10001) %}{% endfor %}", "a range of more than 10,000 items"),
        ("{{ [1]|batch(10001, 0)|list }}", "a range of more than 10,000 items"),
        ("{{ 'x'|center(10001) }}", "a width of more than 10,000 characters"),
        ("{{ 'x'|indent(10001) }}", "a width of more than 10,000 characters"),
        ("{{ '%*d' % (5, 1) }}", "a width of more than 10,000 characters"),
        ("{{ '{:.20000f}'.format(1) }}", "a width of more than 10,000 characters"),
        ("{{ '{0}{0}{0}'.format(a) }}", "more than 2,000,000 characters"),
        ("{{ a ~ a ~ a }}", "more than 2,000,000 characters"),
        ("{{ a + a + a }}", "more than 2,000,000 characters"),
        ("{{ [a, a, a]|join }}", "more than 2,000,000 characters"),
        ("{{ a|replace('x', 'xy') }}", "more than 2,000,000 characters"),
        ("{{ a }}{{ a }}{{ a }}", "more than 2,000,000 characters"),
        ("{{ 3 ** 100000 }}", "a number too large to print"),
    ],
)
def test_what_would_grow_without_bound_is_refused(source: str, said: str) -> None:
    with pytest.raises(TemplateLimit, match=said):
        render(source, a="x" * 700_000)


def test_lipsum_is_not_offered_in_the_sandbox() -> None:
    assert "lipsum" not in BoundedSandbox().globals


def test_a_render_is_stopped_after_its_time_even_in_a_loop_that_calls_nothing() -> None:
    source = "{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}"

    with pytest.raises(TemplateLimit, match="took longer than 0.5 seconds"):
        render(source, s="x" * 100_000)
