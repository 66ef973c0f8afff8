#!/usr/bin/env python3
"""Verify Chartline hash chains from exported events, with nothing but the Python standard library.

Written from docs/events.md ("The hash chain") alone, not from the TypeScript code, so that it
proves the document is enough to reimplement the rule. Input: a JSON file holding events as the
audit API returns them -- an array of envelopes, {"events": [...]} (one stream's page) or
{"items": [...]} (the hospital's events) -- or one envelope per line. Events are grouped by
streamId in the order given; each stream must start at revision 0.

    python3 scripts/audit/verify_chain.py export.json [--json]

Prints one line per stream ("ok" or the first broken revision and why) and exits 1 if any
stream is broken, 2 if the input cannot be read.
"""

import hashlib
import json
import sys
from decimal import Decimal

GENESIS = "0" * 64
V1 = ["eventId", "type", "schemaVersion", "streamId", "revision", "hospitalId", "occurredAt",
      "actor", "correlationId", "causationId", "traceparent", "prevHash", "data"]
FIELDS = {1: V1, 2: V1 + ["recordedAt", "chainVersion"]}

_SHORT = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def jcs_string(s):
    out = ['"']
    for ch in s:
        code = ord(ch)
        if ch in _SHORT:
            out.append(_SHORT[ch])
        elif code < 0x20 or 0xD800 <= code <= 0xDFFF:
            # Control characters, and lone surrogates (JSON.stringify's escape), in lowercase hex.
            out.append("\\u%04x" % code)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def jcs_number(x):
    """ECMAScript Number.prototype.toString, from the shortest round-trip digits (repr)."""
    if isinstance(x, int) and abs(x) < 2 ** 53:
        return str(x)
    x = float(x)
    if x != x or x in (float("inf"), float("-inf")):
        raise ValueError("not a JSON number")
    if x == 0:
        return "0"
    sign = "-" if x < 0 else ""
    parts = Decimal(repr(abs(x))).as_tuple()
    digits = "".join(map(str, parts.digits))
    exponent = parts.exponent
    stripped = digits.rstrip("0")
    exponent += len(digits) - len(stripped)
    digits = stripped
    k = len(digits)
    n = k + exponent  # value = 0.digits * 10^n
    if k <= n <= 21:
        body = digits + "0" * (n - k)
    elif 0 < n <= 21:
        body = digits[:n] + "." + digits[n:]
    elif -6 < n <= 0:
        body = "0." + "0" * (-n) + digits
    else:
        e = n - 1
        mantissa = digits if k == 1 else digits[0] + "." + digits[1:]
        body = mantissa + "e" + ("+" if e >= 0 else "-") + str(abs(e))
    return sign + body


def _utf16_key(name):
    return name.encode("utf-16-be", "surrogatepass")


def jcs(value):
    """RFC 8785 canonical JSON of a parsed JSON value."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, float)):
        return jcs_number(value)
    if isinstance(value, str):
        return jcs_string(value)
    if isinstance(value, list):
        return "[" + ",".join(jcs(v) for v in value) + "]"
    if isinstance(value, dict):
        names = sorted(value.keys(), key=_utf16_key)
        return "{" + ",".join(jcs_string(k) + ":" + jcs(value[k]) for k in names) + "}"
    raise TypeError("not a JSON value: %r" % type(value))


def hashed_object(event):
    version = event.get("chainVersion", 1)
    if version not in FIELDS:
        raise KeyError("unknown chain version %r" % (version,))
    obj = {name: event.get(name) for name in FIELDS[version]}
    actor = event.get("actor") or {}
    obj["actor"] = {"id": actor.get("id"), "role": actor.get("role")}
    if version >= 2 and not isinstance(event.get("recordedAt"), str):
        raise KeyError("recordedAt missing")
    return obj


def event_hash(event):
    text = event["prevHash"] + jcs(hashed_object(event))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def verify_stream(events):
    """{"ok": True, "events": n, "headHash": h} or {"ok": False, "firstBadRevision": i, "reason": r}."""
    prev, stream, version = GENESIS, None, 1
    for index, event in enumerate(events):
        stream = stream or event.get("streamId")
        if event.get("streamId") != stream:
            return {"ok": False, "firstBadRevision": index, "reason": "wrong-stream"}
        if event.get("revision") != index or event.get("prevHash") != prev:
            return {"ok": False, "firstBadRevision": index, "reason": "removed-or-reordered"}
        event_version = event.get("chainVersion", 1)
        if isinstance(event_version, int) and event_version < version:
            return {"ok": False, "firstBadRevision": index, "reason": "chain-version-downgraded"}
        version = event_version
        try:
            computed = event_hash(event)
        except (KeyError, TypeError, ValueError):
            return {"ok": False, "firstBadRevision": index, "reason": "altered"}
        if computed != event.get("hash"):
            return {"ok": False, "firstBadRevision": index, "reason": "altered"}
        prev = event["hash"]
    return {"ok": True, "events": len(events), "headHash": prev}


def read_events(text):
    text = text.strip()
    if text.startswith("[") or text.startswith("{"):
        try:
            doc = json.loads(text)
        except json.JSONDecodeError:
            doc = None
        if isinstance(doc, list):
            return doc
        if isinstance(doc, dict):
            for key in ("events", "items"):
                if isinstance(doc.get(key), list):
                    return doc[key]
            if "streamId" in doc:
                return [doc]
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    as_json = "--json" in argv
    if len(args) != 1:
        print(__doc__.strip().splitlines()[0] + "\nusage: verify_chain.py <export.json> [--json]", file=sys.stderr)
        return 2
    try:
        with open(args[0], encoding="utf-8", errors="surrogatepass") as handle:
            events = read_events(handle.read())
    except (OSError, ValueError) as error:
        print("cannot read %s: %s" % (args[0], error), file=sys.stderr)
        return 2
    streams = {}
    for event in events:
        streams.setdefault(event.get("streamId"), []).append(event)
    verdicts = {stream: verify_stream(evs) for stream, evs in streams.items()}
    if as_json:
        print(json.dumps(verdicts, indent=2, sort_keys=True))
    else:
        for stream, v in verdicts.items():
            if v["ok"]:
                print("ok      %s  %d events  head %s" % (stream, v["events"], v["headHash"]))
            else:
                print("BROKEN  %s  at revision %d: %s" % (stream, v["firstBadRevision"], v["reason"]))
    return 0 if all(v["ok"] for v in verdicts.values()) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
