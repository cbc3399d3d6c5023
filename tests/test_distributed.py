"""Parsing on a Dask cluster (issue 12): a LocalCluster of 2 worker processes gives the same
records, errors and feed bytes as a local run; an unreachable scheduler, a worker with other
plugins and a worker that dies are each handled as the user would want."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from typer.testing import CliRunner

distributed = pytest.importorskip("distributed")

from warta import Engine, WartaError  # noqa: E402
from warta.cli import app  # noqa: E402
from warta.distributed import run_distributed, scheduler_address, tasks_for  # noqa: E402
from warta.engine import Outcome  # noqa: E402
from warta.feeds.jsonfeed import line  # noqa: E402
from warta.reading.loaders import expand  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="module")
def cluster():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None)
    yield cluster
    cluster.close()
    # The one thread distributed leaves behind (its offload pool) would keep later tests'
    # automatic --jobs in one process: a fresh pool starts its thread only when used.
    from concurrent.futures import ThreadPoolExecutor

    from distributed import utils

    utils._offload_executor.shutdown(wait=True)
    utils._offload_executor = ThreadPoolExecutor(1, thread_name_prefix="Dask-Offload")


@pytest.fixture()
def pages(shared, tmp_path, monkeypatch):
    """Relative paths to some corpus pages and one page no parser reads (run from shared/)."""
    monkeypatch.chdir(shared)
    bad = tmp_path / "not-news.txt"
    bad.write_text("just a shopping list\n", encoding="utf-8")
    items, errors = expand(["seed", "corpus/kompas-text", str(bad), "corpus/html"])
    assert not errors and len(items) > 40
    return items


def _seen(outcomes) -> list[tuple[str, list[bytes], str]]:
    return [(o.path, [line(a) for a in o.articles], str(o.error)) for o in outcomes]


def test_records_and_errors_are_those_of_a_local_run(cluster, pages, engine, tmp_path):
    local = _seen(engine.run(pages, jobs=1, scheduler=""))
    remote = _seen(run_distributed(engine, pages, cluster.scheduler_address, url=None, parser=None,
                                   urls=None, outcome=Outcome, task_size=3))
    assert remote == local
    # The page no parser reads is one line naming the page, by the name the user gave.
    bad = [error for path, _, error in remote if path.endswith("not-news.txt")]
    assert bad == [f"{tmp_path / 'not-news.txt'}: no parser recognises this text as a news page"]
    # Relative names stay relative in the records.
    assert any(path.startswith("seed/") for path, _, _ in remote)


def test_convert_feeds_are_the_same_bytes(cluster, shared, tmp_path, monkeypatch):
    monkeypatch.chdir(shared)
    runner = CliRunner()
    args = ["convert", "seed", "corpus/kompas-text", "--limit", "0", "-f", "rss,atom,json,jsonl",
            "--base-url", "https://example.org/f/", "-q"]
    here = runner.invoke(app, [*args, "-o", str(tmp_path / "here"), "-j", "1"])
    there = runner.invoke(app, [*args, "-o", str(tmp_path / "there"), "--scheduler",
                                cluster.scheduler_address])
    assert here.exit_code == there.exit_code
    names = sorted(p.name for p in (tmp_path / "here").iterdir())
    assert names and names == sorted(p.name for p in (tmp_path / "there").iterdir())
    for name in names:
        assert (tmp_path / "here" / name).read_bytes() == (tmp_path / "there" / name).read_bytes(), name


def test_the_environment_variable_names_the_scheduler(cluster, monkeypatch):
    monkeypatch.setenv("WARTA_SCHEDULER", cluster.scheduler_address)
    assert scheduler_address(None) == cluster.scheduler_address
    assert scheduler_address("") is None
    result = CliRunner().invoke(app, ["parse", str(FIXTURES), "-q"])
    monkeypatch.delenv("WARTA_SCHEDULER")
    local = CliRunner().invoke(app, ["parse", str(FIXTURES), "-q", "-j", "1"])
    assert result.stdout and result.stdout == local.stdout


def test_an_unreachable_scheduler_is_one_line_naming_it(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("x\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["parse", str(page), "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "warta: tcp://127.0.0.1:9: cannot reach the Dask scheduler: Connection refused"]


def test_workers_with_other_plugins_stop_the_run(cluster, monkeypatch):
    monkeypatch.setenv("WARTA_DISABLE_PLUGINS", "kompas")
    fewer = Engine()  # this machine lacks a parser the workers have
    items, _ = expand([str(FIXTURES)])
    with pytest.raises(WartaError, match=r"plugins differ from this machine's \(only there: kompas"):
        fewer.run(items, scheduler=cluster.scheduler_address)


def test_tasks_are_chunks_in_order_and_an_archive_is_alone():
    jobs = [(f"p{n}.txt", f"/d/p{n}.txt", None) for n in range(5)]
    archive = ("crawl.warc.gz", "/d/crawl.warc.gz", None)
    tasks = tasks_for([*jobs[:3], archive, *jobs[3:]], threads=2, size=2)
    assert tasks == [jobs[0:2], jobs[2:3], [archive], jobs[3:5]]
    assert [job for task in tasks_for(jobs * 40, threads=2) for job in task] == jobs * 40


def test_a_worker_that_dies_mid_run_is_retried(cluster, pages, engine):
    local = _seen(engine.run(pages, jobs=1, scheduler=""))
    client = distributed.Client(cluster.scheduler_address, set_as_default=False)
    try:
        pids = list(client.run(os.getpid).values())
    finally:
        client.close()
    outcomes = run_distributed(engine, pages, cluster.scheduler_address, url=None, parser=None,
                               urls=None, outcome=Outcome, task_size=1)
    seen = [next(outcomes)]
    os.kill(pids[0], signal.SIGKILL)  # its nanny starts another; its tasks go to the other
    seen += list(outcomes)
    assert _seen(seen) == local


def test_a_web_archive_is_one_task_with_the_same_pages_and_skips(cluster, tmp_path, monkeypatch):
    pytest.importorskip("warcio")
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    body = "<p>" + "Kalimat pertama yang cukup panjang untuk dibaca sebagai isi berita. " * 5 + "</p>"
    monkeypatch.chdir(tmp_path)
    with open("crawl.warc.gz", "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for number, (host, status) in enumerate([("www.kompas.com", "200 OK"), ("example.org", "200 OK"),
                                                 ("www.kompas.com", "404 Not Found"),
                                                 ("news.kompas.com", "200 OK")]):
            html = f"<html><head><title>Berita {number}</title></head><body><h1>Berita {number}</h1>{body}</body></html>"
            headers = StatusAndHeaders(status, [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://{host}/read/2024/03/05/{number}/berita", "response", payload=io.BytesIO(html.encode()),
                http_headers=headers, warc_headers_dict={"WARC-Date": "2024-03-06T01:02:03Z"}))
    items, _ = expand(["crawl.warc.gz", *[str(p) for p in sorted(FIXTURES.glob("*.txt"))[:3]]])
    here, there = Engine().reading(hosts=["kompas.com"]), Engine().reading(hosts=["kompas.com"])
    local = _seen(here.run(items, jobs=1, scheduler=""))
    remote = _seen(there.run(items, scheduler=cluster.scheduler_address))
    assert remote == local
    assert sum(len(records) for path, records, _ in remote if path.startswith("crawl")) == 2
    assert there.skipped == here.skipped and sum(here.skipped.values()) == 2


def test_add_on_the_cluster_stores_what_one_process_does(cluster, tmp_path, monkeypatch):
    """`warta add --scheduler`: pages and a web archive parsed on the workers, stored here in
    input order: the same store, summary and errors as `add -j 1`."""
    pytest.importorskip("warcio")
    from warcs import our_records, write_warc

    import json

    import warta.engine

    monkeypatch.chdir(tmp_path)
    on_cluster: list[int] = []
    real = warta.engine.run_distributed
    monkeypatch.setattr(warta.engine, "run_distributed",
                        lambda engine, inputs, *a, **k: on_cluster.append(len(inputs)) or real(engine, inputs, *a, **k))
    archive = str(write_warc(tmp_path / "crawl.warc.gz", our_records()))
    inputs = [str(FIXTURES / "kompas"), archive, str(FIXTURES / "html")]
    runner = CliRunner()
    runs = {}
    for mode in (["-j", "1"], ["--scheduler", cluster.scheduler_address]):
        store = tmp_path / mode[0].strip("-") / "warta.db"
        store.parent.mkdir()
        result = runner.invoke(app, ["add", *inputs, "--feed", "kita", "--store", str(store), *mode])
        listed = runner.invoke(app, ["list", "kita", "--store", str(store), "--json"]).stdout.splitlines()
        rows = sorted(json.dumps({k: v for k, v in json.loads(row).items() if k not in ("first_seen", "changed")},
                                 sort_keys=True) for row in listed)
        runs[mode[0]] = (result.exit_code, result.stderr.replace(str(store), "STORE"), rows)
    assert runs["-j"] == runs["--scheduler"]
    code, stderr, rows = runs["--scheduler"]
    assert len(rows) > 10 and "record at offset" in stderr
    assert len(on_cluster) == 2 and on_cluster[1] == 1  # the pages, then the archive, on the cluster
