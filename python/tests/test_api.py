"""The Python API against the CLI: same records, same messages."""

import json
from pathlib import Path
from typing import Dict, List, Tuple

import pytest

import newsgraph
from conftest import run_cli

# Characters outside ASCII and the BMP before the spans: offsets must count code points.
TEXT = (
    "President Volodymyr Zelensky 🇺🇦 met Emmanuel Macron in Kyiv on Monday. \"We will win this war,\" Zelensky "
    "told reporters in Łódź. The French president promised more air defence systems and said that talks with "
    "the European Union would continue next week."
)


def spans(record: Dict) -> List[Dict]:
    """Every span of a record that carries its own text."""
    found = [m for e in record["entities"] for m in e["mentions"]]
    found += record["timexes"] + record["places"] + record["quotes"]
    found += [e["trigger"] for e in record["events"]]
    return found


def test_offsets_are_code_points_and_text_is_kept() -> None:
    record = newsgraph.extract(TEXT, date="2026-01-05", title="Visit", id="visit")
    assert record["text"] == TEXT
    assert (record["id"], record["title"], record["published"]) == ("visit", "Visit", "2026-01-05")
    assert spans(record), "the text names people and places"
    for span in spans(record):
        assert TEXT[span["start"] : span["end"]] == span["text"]


def test_bad_date_is_a_value_error_with_the_cli_message() -> None:
    with pytest.raises(ValueError, match="^`2025-02-30` is not a day of the calendar$"):
        newsgraph.extract("text", date="2025-02-30")
    with pytest.raises(ValueError, match="is not a date of the form YYYY-MM-DD"):
        newsgraph.Pipeline(date="yesterday")


def test_the_publication_region_places_a_local_papers_namesakes() -> None:
    text = "Police closed a road in London after the crash on Monday."

    def london(pipeline: "newsgraph.Pipeline") -> str:
        record = pipeline.process(text)
        return next(p["country"] for p in record["places"] if p["text"] == "London")

    assert london(newsgraph.Pipeline()) == "GB"
    assert london(newsgraph.Pipeline(region="London, Ontario")) == "CA"


def test_bad_options_are_refused() -> None:
    with pytest.raises(ValueError, match="no stage named `ner`"):
        newsgraph.Pipeline(skip=["ner"])
    with pytest.raises(newsgraph.LoadError):
        newsgraph.Pipeline(actors=["/nonexistent/actors.txt"])


def test_read_error_has_the_cli_message(cli: Path, tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.txt")
    _, messages = run_cli(cli, missing)
    with pytest.raises(newsgraph.ReadError) as raised:
        next(newsgraph.read(missing))
    assert [str(raised.value)] == messages
    assert raised.value.input == missing


def test_seeds_read_and_processed_equal_the_cli(cli: Path, seeds: List[Path]) -> None:
    expected, _ = run_cli(cli, *map(str, seeds))
    pipeline = newsgraph.Pipeline()
    got = [pipeline.process(document) for document in newsgraph.read([str(s) for s in seeds])]
    assert got == expected


def test_extract_equals_the_cli_on_the_seeds(cli: Path, seeds: List[Path], tmp_path: Path) -> None:
    """extract() is given a text as it is, so the CLI is given the same: each
    seed's article text, title, date and id as a JSON line (the seed files
    themselves also carry layout, such as headings, that a bare text has
    not). Records are equal but for `source`: the CLI's names the file, a
    text handed over in Python has none (`<string>`)."""
    articles, _ = run_cli(cli, *map(str, seeds))
    lines = tmp_path / "seeds.jsonl"
    fields = ("id", "text", "title", "published")
    lines.write_text("".join(json.dumps({f: a[f] for f in fields}) + "\n" for a in articles))
    expected, _ = run_cli(cli, str(lines))
    assert len(expected) == len(seeds)
    for want in expected:
        got = newsgraph.extract(want["text"], date=want["published"], title=want["title"], id=want["id"])
        assert got["source"] == "<string>"
        assert {**got, "source": want["source"]} == want
        document = newsgraph.Document(want["text"], id=want["id"], title=want["title"], date=want["published"], source=want["source"])
        assert newsgraph.Pipeline().process(document) == want


def outcomes(pipe: newsgraph.Pipe) -> List:
    return [str(o) if isinstance(o, Exception) else o for o in pipe]


def test_pipe_on_two_threads_equals_one_and_the_cli(warc: Path, warc_cli: Tuple[List[Dict], List[str]]) -> None:
    pipeline = newsgraph.Pipeline()
    one = outcomes(pipeline.pipe(newsgraph.read(str(warc)), threads=1, return_errors=True))
    two = outcomes(pipeline.pipe(newsgraph.read(str(warc)), threads=2, return_errors=True))
    assert one == two
    records, messages = warc_cli
    assert [o for o in two if isinstance(o, dict)] == records
    assert [o for o in two if isinstance(o, str)] == messages
    assert len(records) == 300 and len(messages) == 1


def test_pipe_json_lines_are_the_cli_lines(warc: Path, warc_cli: Tuple[List[Dict], List[str]]) -> None:
    lines = [o for o in newsgraph.Pipeline().pipe(newsgraph.read(str(warc)), threads=2, json=True, return_errors=True) if isinstance(o, str)]
    assert [json.loads(line) for line in lines] == warc_cli[0]


def test_pipe_raises_in_place_and_goes_on(warc: Path) -> None:
    pipeline = newsgraph.Pipeline()
    pipe = pipeline.pipe(newsgraph.read(str(warc)), threads=2)
    records = [next(pipe) for _ in range(300)]
    assert len(records) == 300
    with pytest.raises(newsgraph.ReadError, match="HTML page has no body text"):
        next(pipe)
    assert list(pipe) == []


def test_pipe_of_python_texts_keeps_order_and_raises_the_iterables_error() -> None:
    texts = [f"Olaf Scholz met Emmanuel Macron in Paris ({n})." for n in range(20)]
    pipeline = newsgraph.Pipeline()
    records = list(pipeline.pipe(iter(texts), threads=2))
    assert [r["text"] for r in records] == texts
    pipe = pipeline.pipe(["Kyiv.", 42, "never read"], threads=2)
    assert next(pipe)["text"] == "Kyiv."
    with pytest.raises(TypeError, match="expected a newsgraph.Document or a str, not int"):
        next(pipe)


def test_documents_from_readers() -> None:
    data = b'{"id": "a1", "text": "Ankara hosted talks.", "title": "Talks", "published": "2025-12-30"}\n{"text": 1}\n'
    reader = newsgraph.read_bytes("feed.jsonl", data)
    first = next(reader)
    assert (first.id, first.title, first.published, first.text) == ("a1", "Talks", "2025-12-30", "Ankara hosted talks.")
    with pytest.raises(newsgraph.ReadError):
        next(reader)
    assert list(reader) == []


def test_package_is_typed() -> None:
    package = Path(newsgraph.__file__).parent
    assert (package / "py.typed").exists() and (package / "_newsgraph.pyi").exists()
