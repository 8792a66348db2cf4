"""10 000 actions in one `case do-many` vs one `case do` (apply_action) per case.

Builds a database of cases in state `aanwijzing` whose naleving deadline has passed
(benchmarks/data.py), then takes `start_hertoets` on 10 000 of them in one bulk call through
the service (services/bulk_actions.apply_many: 500 cases per transaction, read with
`CaseRepository.get_many`, each case fired and checked as `case do` would, written together
with `save_many`; case 1, still in its first state, is among them and refused), and,
as the baseline in the same run, `apply_action` with its commit each on a sample of 200 others,
extrapolated to 10 000. Target (issue 14): one batch of 10 000 in at most 3 s.

    python3 benchmarks/do_many.py             # 10 000 actions
    python3 benchmarks/do_many.py --quick     # 200, target not checked (CI)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import data  # benchmarks/data.py: the script's folder is on sys.path
import harness

from escalation.domain.events import Stamp
from escalation.services.bulk_actions import BulkAction, apply_many
from escalation.services.cases import apply_action
from escalation.storage.unit_of_work import SqlUnitOfWork

ACTION = "start_hertoets"
STAMP = Stamp(on=data.TODAY, at=data.NOW, by="bench")


def main() -> int:
    args = harness.arguments(__doc__)
    bulk, sample = (200, 20) if args.quick else (10_000, 200)
    with tempfile.TemporaryDirectory() as folder:
        n = 1 + bulk + sample  # case 1 (refused) + the bulk + the baseline's sample
        engine = data.build(Path(folder) / "do_many.sqlite", n, passed=n)
        factory = lambda: SqlUnitOfWork(engine)  # noqa: E731

        def one(case_id: int) -> None:
            apply_action(uow=factory(), catalog=data.CATALOG, calendar=data.CALENDAR,
                         case_id=case_id, action=ACTION, params={}, stamp=STAMP)  # fmt: skip

        start = time.perf_counter()
        for case_id in range(n - sample + 1, n + 1):
            one(case_id)
        single = (time.perf_counter() - start) / sample
        start = time.perf_counter()
        what = BulkAction(ACTION, {}, STAMP)
        result = apply_many(uow_factory=factory, catalog=data.CATALOG, calendar=data.CALENDAR,
                            case_ids=range(1, bulk + 2), what=what)  # fmt: skip
        seconds = time.perf_counter() - start
        engine.dispose()
    assert len(result.done) == bulk and [r.case_id for r in result.refused] == [1], result.refused
    report = harness.Report(f"{ACTION} on {bulk} cases in one do-many", quick=args.quick)
    report.seconds(f"do-many, {bulk} cases (500 per transaction)", seconds, target=3.0)
    report.ratio(f"do-many vs {bulk} single apply_action", seconds, baseline=single * bulk,
                 note=f"single: {single * 1000:.2f} ms each, sampled on {sample}")  # fmt: skip
    return report.finish(save=args.save)


if __name__ == "__main__":
    sys.exit(main())
