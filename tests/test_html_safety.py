"""Text from the data is escaped wherever it reaches HTML: a PDU named with a script tag stays inert text."""

from __future__ import annotations

import shutil

import pytest

from conftest import ROOT
from pdukit.cli import main
from pdukit.dataset.manifest import write_manifest

pytestmark = pytest.mark.slow
NAME = "Gwent<script>alert('pwned')</script>"
REC = "<img src=x onerror=alert(1)> [click](javascript:alert(2))"


def test_markup_in_the_data_is_rendered_inert(tmp_path):
    data = tmp_path / "2026-11-22"
    shutil.copytree(ROOT / "data" / "releases" / "2026-11-22", data)
    pdus = (data / "pdus.csv").read_text(encoding="utf-8")
    (data / "pdus.csv").write_text(pdus.replace("gwent,Gwent,Wales", f'gwent,"{NAME}",Wales'), encoding="utf-8")
    recs = (data / "recommendations.csv").read_text(encoding="utf-8")
    original = 'gwent-1,pdu,2,"improve the quality of work to assess, manage and review risk of harm"'
    assert original in recs
    (data / "recommendations.csv").write_text(recs.replace(original, f'gwent-1,pdu,2,"{REC}"'), encoding="utf-8")
    sources = (data / "sources.csv").read_text(encoding="utf-8")
    assert "Regional letter to the Probation Service - Wales region" in sources
    (data / "sources.csv").write_text(sources.replace("Regional letter to the Probation Service - Wales region",
                                                      "<b onmouseover=alert(3)>Wales letter</b>"), encoding="utf-8")
    write_manifest(data, data.name, "2026-11-22")
    out = tmp_path / "out"
    assert main(["render", "--only", "pdus,regions", "--region", "Wales", "--pdu", "gwent", "--data", str(data),
                 "--out", str(out), "--no-progress"]) == 0
    for page in ("pdus/gwent-script-alert-pwned-script.html", "regions/wales.html", "index.html"):
        text = (out / page).read_text(encoding="utf-8")
        assert "<script" not in text.lower() and "<img src=x" not in text and "<b onmouseover" not in text, page
    pdu = (out / "pdus" / "gwent-script-alert-pwned-script.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;" in pdu and "&lt;img src=x onerror=alert(1)&gt;" in pdu and "&lt;b onmouseover" in pdu
    assert "href='javascript" not in pdu and 'href="javascript' not in pdu
