"""One rule for an initiative's latest status, used by pages, overviews and exports."""

from __future__ import annotations

from overblik.content.schemas import Initiativ


def initiative(*history: tuple[str, str, str]) -> Initiativ:
    return Initiativ.model_validate(
        {
            "navn": "Strikkecafé",
            "resume": "Vi strikker.",
            "type": "aktivitet",
            "status": "aktiv",
            "senest_bekraeftet": "2025-01",
            "historik": [{"dato": d, "rapport": r, "tekst": t} for d, r, t in history],
        }
    )


def test_newest_wins_and_a_tie_goes_to_the_entry_written_last():
    m = initiative(
        ("2024-03", "a", "første"), ("2025", "b", "år"), ("2025-01", "a", "januar"), ("2025-01", "b", "også januar")
    )
    assert m.latest_status().tekst == "også januar"


def test_latest_status_of_one_report():
    m = initiative(
        ("2024-03", "a", "første"), ("2025-01", "b", "januar"), ("2024-03", "a", "samme dag, senere skrevet")
    )
    assert m.latest_status("a").tekst == "samme dag, senere skrevet"
    assert m.latest_status("c") is None
    assert initiative().latest_status() is None
