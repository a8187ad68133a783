"""Reports as tables (RPT-1): every report's rows as records, and as pandas
and polars data frames when those packages are installed (optional
dependencies); the figures themselves are the core's (the golden cases
replay them)."""

from __future__ import annotations

import datetime
import decimal
import importlib.util

import pytest
from conftest import World

from helpdesk import Dimension, Priority, TicketReport


def two_teams_report(world: World) -> TicketReport:
    """Two urgent Support tickets (one closed after 4 hours) and a Payroll
    one, by team and priority."""
    desk = world.desk
    solved = desk.list_stages(world.manager, world.support)[-1].id
    first = desk.create_ticket(
        world.manager, team=world.support, subject="Jam", priority=Priority.URGENT
    )
    desk.create_ticket(world.manager, team=world.support, subject="Toner", priority=Priority.URGENT)
    desk.create_ticket(world.manager, team=world.payroll, subject="Payslip")
    world.clock.advance(datetime.timedelta(hours=4))
    desk.move_ticket(world.manager, first.id, solved)
    return desk.ticket_analysis(
        world.manager, company=world.acme, group_by=[Dimension.TEAM, Dimension.PRIORITY]
    )


def test_rpt_1_a_report_reads_as_records_named_like_its_csv(world: World) -> None:
    report = two_teams_report(world)
    records = report.records()
    assert [r["team"] for r in records] == ["Support", "Payroll"]
    support = records[0]
    assert support["team_id"] == world.support
    assert support["priority"] == "Urgent"
    assert support["priority_id"] == 3
    assert support["count"] == 2
    assert support["hours_to_close_tickets"] == 1
    assert support["hours_to_close_total"] == decimal.Decimal("4.00")
    assert records[1]["hours_to_close_average"] is None
    assert list(support) == report.columns()
    # The CSV's measure columns, in its order.
    csv = world.desk.ticket_analysis_csv(
        world.manager, company=world.acme, group_by=[Dimension.TEAM, Dimension.PRIORITY]
    )
    header = csv.split("\r\n")[0].split(",")
    assert report.columns()[4:] == header[4:]


def test_rpt_1_an_empty_report_still_has_its_columns(world: World) -> None:
    report = world.desk.rating_analysis(
        world.manager, company=world.acme, group_by=[Dimension.RATED]
    )
    assert report.records() == []
    assert report.columns()[:2] == ["rated", "rated_id"]
    assert "satisfied_share" in report.columns()


@pytest.mark.skipif(importlib.util.find_spec("pandas") is None, reason="pandas not installed")
def test_rpt_1_a_report_as_a_pandas_data_frame(world: World) -> None:
    frame = two_teams_report(world).to_pandas()
    assert list(frame["team"]) == ["Support", "Payroll"]
    assert list(frame["count"]) == [2, 1]
    assert frame["hours_to_close_total"][0] == decimal.Decimal("4.00")
    empty = world.desk.sla_status_analysis(world.manager, company=world.acme).to_pandas()
    assert len(empty) == 0
    assert "success_rate" in empty.columns


@pytest.mark.skipif(importlib.util.find_spec("polars") is None, reason="polars not installed")
def test_rpt_1_a_report_as_a_polars_data_frame_keeps_decimals_exact(world: World) -> None:
    frame = two_teams_report(world).to_polars()
    assert frame["team"].to_list() == ["Support", "Payroll"]
    assert frame["count"].to_list() == [2, 1]
    assert frame["hours_to_close_total"].to_list()[0] == decimal.Decimal("4.00")
    empty = world.desk.rating_analysis(world.manager, company=world.acme).to_polars()
    assert empty.height == 0
    assert "average_rating" in empty.columns
