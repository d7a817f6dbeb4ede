"""The printed "Nơi nhận" block (docs/domain.md §6): Party style per Hướng dẫn 36, State style per Nghị định 30."""
from __future__ import annotations

from documents.models import DocumentPage, System
from documents.text.vietnamese import nfc

from .directory import archive_unit, clean_line

HEADING = "Nơi nhận:"


def _purpose(text: str) -> str:
    text = nfc(text or "").strip().strip("()").strip()
    return f"({text})" if text else ""


def entry_text(entry) -> str:
    """One Nơi nhận entry as the block prints it, without its dash and separator: "Tỉnh ủy (để báo cáo)"."""
    name = clean_line(entry.name or (entry.recipient.name if entry.recipient_id else ""))
    purpose = _purpose(entry.purpose)
    if purpose and not name.endswith(purpose):
        name = f"{name} {purpose}"
    return name


def _archive_units(entries) -> list[str]:
    units: list[str] = []
    for entry in entries:
        unit = archive_unit(entry.name or (entry.recipient.name if entry.recipient_id else ""))
        for part in (p.strip() for p in unit.split(",")) if "," in unit else [unit.strip()]:
            if part and part not in units:
                units.append(part)
    return units


def recipient_lines(page: DocumentPage) -> list[str]:
    """Each line of the Nơi nhận block after the heading "Nơi nhận:".

    Party: "- Văn phòng Tỉnh ủy," … "- Lưu Văn phòng Đảng ủy." (no colon after "Lưu").
    State: "- Bộ Nội vụ;" … "- Lưu: VT, TCCB.". A purpose is printed in brackets: "- Tỉnh ủy (để báo cáo),".
    """
    entries = sorted(page.recipients.all(), key=lambda e: (e.sort_order if e.sort_order is not None else 0, e.pk or 0))
    if page.state in ("issued", "recalled") and entries and all(e.printed for e in entries):
        return [e.printed for e in entries]  # an imported original prints as it was signed (issue 11)
    state = page.issuer.system == System.STATE
    separator = ";" if state else ","
    bodies = [f"- {entry_text(e)}" for e in entries if not e.archive and entry_text(e)]
    archived = [e for e in entries if e.archive]
    if archived or state:
        units = _archive_units(archived)
        if state:
            units = ["VT", *[u for u in units if u.upper() != "VT"]]
            bodies.append("- Lưu: " + ", ".join(units))
        elif units:
            bodies.append("- Lưu " + ", ".join(units))
    if not bodies:
        return []
    return [line + separator for line in bodies[:-1]] + [bodies[-1] + "."]
