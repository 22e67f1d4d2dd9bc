"""Writes a WARC file of generated news articles, for the tests and the
benchmark: deterministic (seeded), varied enough to exercise every stage
(people, organisations, places, dates, quotes, events), and with one page
that has no article text, which every reader must report as a failure."""

import argparse
import gzip
import random
import uuid
from typing import List

PEOPLE = [
    ("President", "Volodymyr Zelensky", "Zelensky"),
    ("Chancellor", "Olaf Scholz", "Scholz"),
    ("President", "Emmanuel Macron", "Macron"),
    ("Foreign Minister", "Sergei Lavrov", "Lavrov"),
    ("Prime Minister", "Keir Starmer", "Starmer"),
    ("Secretary of State", "Antony Blinken", "Blinken"),
    ("President", "Recep Tayyip Erdogan", "Erdogan"),
    ("Prime Minister", "Narendra Modi", "Modi"),
]
ORGS = ["NATO", "the United Nations", "the European Union", "the World Bank", "Reuters", "the Kremlin"]
PLACES = ["Kyiv", "Berlin", "Paris", "Moscow", "London", "Washington", "Ankara", "New Delhi", "Kharkiv", "Brussels"]
COUNTRIES = ["Ukraine", "Germany", "France", "Russia", "Britain", "the United States", "Turkey", "India"]
WHEN = ["on Monday", "on Tuesday", "last week", "yesterday", "on 3 January", "earlier this month", "in March"]
ACTS = [
    "met {other} in {place} {when} to discuss a ceasefire",
    "accused {country} of attacking civilian infrastructure near {place}",
    "signed an agreement with {other} on energy supplies {when}",
    "condemned the missile strikes on {place}",
    "promised new military aid to {country}",
    "called for talks with {country} {when}",
    "visited troops in {place} {when}",
    "threatened sanctions against {country}",
]
QUOTES = [
    "We will not accept any agreement that ignores our security",
    "The talks were constructive, but much work remains",
    "This is a violation of international law",
    "Our support for {country} will continue as long as it takes",
]


def article(rng: random.Random, number: int, days: int) -> str:
    """One article's HTML: headline, date, paragraphs of events and quotes."""
    paragraphs: List[str] = []
    for _ in range(rng.randint(3, 7)):
        title, full, surname = rng.choice(PEOPLE)
        other = rng.choice(PEOPLE)[1]
        fill = {"other": other, "place": rng.choice(PLACES), "when": rng.choice(WHEN), "country": rng.choice(COUNTRIES)}
        first = f"{title} {full} {rng.choice(ACTS).format(**fill)}."
        quote = rng.choice(QUOTES).format(**fill)
        second = f'"{quote}," {surname} told reporters, according to {rng.choice(ORGS)}.'
        third = f"Officials in {rng.choice(PLACES)} said {rng.choice(ORGS)} would respond {rng.choice(WHEN)}."
        paragraphs.append(" ".join([first, second, third]))
    headline = f"{rng.choice(PEOPLE)[2]} and {rng.choice(PEOPLE)[2]} clash over {rng.choice(COUNTRIES)} ({number})"
    day = 1 + number % days
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html><head><title>{headline}</title>"
        f'<meta property="article:published_time" content="2025-12-{day:02d}T10:00:00Z"></head>'
        f"<body><article><h1>{headline}</h1>\n{body}</article></body></html>"
    )


def warc_record(url: str, html: str) -> bytes:
    payload = html.encode("utf-8")
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n" + f"Content-Length: {len(payload)}\r\n\r\n".encode()
    block = http + payload
    header = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Record-ID: <urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, url)}>\r\n"
        f"WARC-Target-URI: {url}\r\nWARC-Date: 2025-12-31T00:00:00Z\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(block)}\r\n\r\n"
    )
    return header.encode() + block + b"\r\n\r\n"


def write_warc(path: str, count: int, seed: int = 16, days: int = 28) -> None:
    """`count` articles published over `days` days, then one page without
    article text; gzip members per record (as CC-NEWS) when `path` ends in
    `.gz`."""
    rng = random.Random(seed)
    records = [warc_record(f"https://news.example/{seed}/{n}", article(rng, n, days)) for n in range(count)]
    records.append(warc_record(f"https://news.example/{seed}/empty", "<html><body></body></html>"))
    with open(path, "wb") as out:
        for record in records:
            out.write(gzip.compress(record, mtime=0) if path.endswith(".gz") else record)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path")
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--days", type=int, default=28)
    args = parser.parse_args()
    write_warc(args.path, args.count, args.seed, args.days)
