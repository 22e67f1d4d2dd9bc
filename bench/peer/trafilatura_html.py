"""Runs trafilatura on every page folder of a Readability-style test set
(`source.html` per folder) and writes one JSON line per page with the text,
title, author and date it found, for `newsgraph eval html --predictions`.

usage: trafilatura_html.py DIR OUT.jsonl

Defaults of trafilatura are kept (comments included, tables included, the
readability/justext fallbacks on), with metadata extraction switched on.
The CPU time of `bare_extraction` alone (this thread, `time.thread_time`,
as newsgraph's scorer measures its own) is printed per page (ms).
"""

import json
import os
import sys
import time

import trafilatura


def main() -> None:
    folder, out_path = sys.argv[1], sys.argv[2]
    pages = sorted(p for p in os.listdir(folder) if os.path.isfile(os.path.join(folder, p, "source.html")))
    seconds = 0.0
    with open(out_path, "w", encoding="utf-8") as out:
        for page in pages:
            with open(os.path.join(folder, page, "source.html"), "rb") as f:
                raw = f.read()
            started = time.thread_time()
            doc = trafilatura.bare_extraction(raw, with_metadata=True)
            seconds += time.thread_time() - started
            doc = doc.as_dict() if doc is not None else {}
            record = {
                "page": page,
                "text": doc.get("text") or "",
                "title": doc.get("title"),
                "byline": doc.get("author"),
                "date": doc.get("date"),
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"trafilatura {trafilatura.__version__}: {len(pages)} pages, "
          f"{seconds * 1000 / max(len(pages), 1):.2f} ms/page CPU")


if __name__ == "__main__":
    main()
