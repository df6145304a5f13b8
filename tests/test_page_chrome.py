"""The chrome every page shares, tested at the renderer that writes it: a footer a reader can quote (who made it,
how to cite it, its terms in true words) with its provenance in plain words under 'About this page', re-stamped
for a new release; and an index that opens with the national main points and ends with the table of every
inspection, only from a national page the cache trusts."""

from __future__ import annotations

import html
import re

from pdukit.paths import list_releases
from pdukit.render import pages
from pdukit.render.cache import Cache, page_sha
from pdukit.render.jobs import Job
from pdukit.render.runner import write_index

STAMP = {"release": "2026-12-01", "draft": False, "checksum": "39b015179f93", "commit": "99a4fbe3a10f",
         "made": "2026-12-01 23:46 UTC", "version": "0.2.0"}
PARAMETERS = '{"pdu": "Essex North", "data_version": "latest"}'


def _footer(stamp=STAMP) -> str:
    return pages.footer(stamp, "../", PARAMETERS, "Essex North PDU: probation inspections")


def test_the_footer_says_its_provenance_in_plain_words_inside_about_this_page():
    footer = _footer()
    about = re.search(r'<details class="about-page"><summary>About this page</summary>(.*?)</details>', footer).group(1)
    text = html.unescape(re.sub(r"<[^>]+>", "", about))
    assert text.startswith("Made on 1 December 2026 at 23:46 UTC from data release 2026-12-01 (checksum "
                           "39b015179f93) by pdukit 0.2.0, code version 99a4fbe3a10f.")
    assert 'parameters pdu "Essex North", data_version "latest"' in text
    for debug in ("sha256", "git commit", "Parameters:", "{", "manifest"):  # no debug dump
        assert debug not in footer, debug
    assert "parameters" not in footer.replace(about, "")  # the parameters only under 'About this page'


def test_the_footer_says_who_made_it_how_to_cite_it_and_its_terms_truthfully():
    text = re.sub(r"<[^>]+>", "", _footer())
    assert ("Cite as: Essex North PDU: probation inspections, pdukit data release 2026-12-01, made 1 December 2026."
            in text)
    assert "not an official publication of HM Inspectorate of Probation" in text
    assert "Open Government Licence v3.0" in text and "news and other publishers remain theirs" in text
    assert "repository" not in text  # no promise of a place with no address
    draft = re.sub(r"<[^>]+>", "", _footer(dict(STAMP, draft=True, checksum="")))
    assert "not a published data release: not for citing" in draft and "checksum" not in draft


def test_a_dirty_checkout_is_said_in_words():
    assert "code version 99a4fbe3a10f with changes not yet committed" in pages.stamp_footer(
        dict(STAMP, commit="99a4fbe3a10f+dirty"))


def test_restamping_a_page_names_the_new_release_in_its_header_footer_and_citation():
    page = "<html>" + pages.header(None, STAMP) + "<main>body</main>" + _footer() + "</html>"
    fresh = pages.restamp(page, dict(STAMP, release="2026-12-02", checksum="aaaabbbbcccc"))
    assert "2026-12-01" not in fresh and fresh.count("2026-12-02") == 3  # header, citation, provenance
    assert "checksum aaaabbbbcccc" in fresh and fresh.replace("2026-12-02", "2026-12-01").replace(
        "aaaabbbbcccc", "39b015179f93") == page


NATIONAL = ("<html><main><section aria-labelledby=\"main-points\" class=\"main-points\"><h2 id=\"main-points\">Main "
            "points</h2><ul><li><p class=\"headline\">39 of 78 rated inspections were Inadequate.</p></li></ul>"
            "</section><h2 id=\"Sources\">Sources</h2><!--pdukit-block:every-inspection--><figure class=\"pdukit-figure "
            "table\"><table><tr><td><a href=\"pdus/gwent.html\">Gwent</a></td></tr></table><p class=\"figure-note\">"
            "Sources: 142 documents; each listed under Sources below.</p><a class=\"download\" download=\"england-and-"
            "wales-every-inspection.xlsx\" href=\"data:x\">Excel</a></figure><!--/pdukit-block:every-inspection-->"
            "</main></html>")


def _jobs() -> tuple[Job, ...]:
    return (Job("national", "England and Wales", "national.ipynb", "national.html", {}),
            Job("regions", "Yorkshire and the Humber", "region.ipynb", "regions/yorkshire-and-the-humber.html", {}),
            *(Job("pdus", name, "pdu.ipynb", f"pdus/{name.lower().replace(' ', '-')}.html", {},
                  "Yorkshire and the Humber") for name in ("North Yorkshire", "North and North East Lincolnshire")))


def test_the_index_shows_the_national_main_points_and_every_inspection_from_a_trusted_page(tmp_path):
    out = tmp_path / "out"
    national = _jobs()[0]
    (out).mkdir()
    (out / "national.html").write_text(NATIONAL, encoding="utf-8")
    cache = Cache(out)
    cache.write(national, {"good": {"page_sha": page_sha(NATIONAL.encode()), "release": "2026-12-01"}})
    assert write_index(release_dir=list_releases()[-1], every=_jobs(), cache=cache, stamp=STAMP) == ""
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Main points: England and Wales" in index and "39 of 78 rated inspections were Inadequate." in index
    assert "<a href='national.html'>Read the national report</a>" in index
    every = index[index.index("<h2 id='every-inspection'>Every inspection</h2>"):]
    assert 'download="england-and-wales-every-inspection.xlsx"' in every and 'href="pdus/gwent.html"' in every
    assert "listed under <a href='national.html#Sources'>Sources in the national report</a>" in every
    assert index.index("Regions and their PDUs") < index.index("Every inspection</h2>")

    # edited since pdukit wrote it: nothing of it is shown, and the index says so
    (out / "national.html").write_text(NATIONAL.replace("39 of 78", "99 of 78"), encoding="utf-8")
    assert write_index(release_dir=list_releases()[-1], every=_jobs(), cache=Cache(out), stamp=STAMP) == ""
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "of 78 rated" not in index and "england-and-wales-every-inspection" not in index
    assert index.count("The national report is not available (not made yet, failed, or changed since pdukit wrote "
                       "it)") == 2


def test_the_index_lists_pdus_in_alphabetical_order_whatever_their_case():
    rows = [{"job": job, "status": "made", "has_good": True, "release": "2026-12-01"} for job in _jobs()]
    index = pages.index_page(rows, STAMP, {}, None)
    assert index.index("North and North East Lincolnshire") < index.index("North Yorkshire")
