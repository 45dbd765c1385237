#!/usr/bin/env python3
"""Checks TicketLedger ticket proofs without the ledger and without ticket-ledger.

An independent implementation of docs/proofs.md (hashlib and the `cryptography` package
only): the tree head's Ed25519 signature, then for every event that its leaf is a row of the
ticket at its position and that its inclusion proof (RFC 9162, section 2.1.3.2) leads to the
head's root. Two implementations agreeing is how the format is known to be specified.

    Scripts/verify_proof.py FILE [--public-key BASE64]

FILE holds one proof document (`ticket-ledger history TICKET --proof --json`) or JSON Lines
of them; - reads standard input. Exit status: 0 every proof holds; 1 one does not (the line
says which and why); 64 bad usage or not a proof document.
"""
import base64
import hashlib
import json
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

FORMAT = "ticket-ledger ticket proof v1"
ROW_COLUMNS = 21  # docs/proofs.md, "Leaves"


def leaf_hash(data):
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def root_from_inclusion(leaf, index, size, path):
    """RFC 9162, 2.1.3.2: the root the audit path gives, or None when it does not fit."""
    if not 0 <= index < size:
        return None
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return None
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return r if sn == 0 else None


def row_columns(data):
    """The columns of an encoded event row: None, an int, or bytes each; None when malformed."""
    columns, i = [], 0
    while i < len(data):
        tag = data[i]
        i += 1
        if tag == 0:
            columns.append(None)
        elif tag in (1, 2):
            if i + 8 > len(data):
                return None
            value = int.from_bytes(data[i:i + 8], "big")
            i += 8
            if tag == 1:
                columns.append(value - (1 << 64) if value >= 1 << 63 else value)
            else:
                if value > len(data) - i:
                    return None
                columns.append(data[i:i + value])
                i += value
        else:
            return None
    return columns


def signed_text(head):
    return "\n".join([
        "ticket-ledger tree head v1",
        "ledger " + head["ledgerId"],
        "size %d" % head["treeSize"],
        "root " + head["rootHash"],
        "time " + head["timestamp"],
    ]).encode()


def problem(document, public_key):
    """The first reason the proof does not hold, or None."""
    head = document["treeHead"]
    key = public_key or base64.b64decode(head["publicKey"])
    try:
        Ed25519PublicKey.from_public_bytes(key).verify(base64.b64decode(head["signature"]), signed_text(head))
    except (InvalidSignature, ValueError):
        return "the tree head does not bear its signature"
    root = bytes.fromhex(head["rootHash"])
    for event in document["events"]:
        position = event["position"]
        leaf = base64.b64decode(event["leaf"])
        columns = row_columns(leaf)
        if columns is None or len(columns) != ROW_COLUMNS:
            return "the leaf of position %d is not an event row" % position
        if (columns[0] != position or columns[1] != document["organizer"].encode()
                or columns[2] != document["ticketId"].encode()):
            return "the leaf of position %d is not an event of %s/%s at that position" % (
                position, document["organizer"], document["ticketId"])
        path = [bytes.fromhex(h) for h in event["inclusion"]]
        if root_from_inclusion(leaf_hash(leaf), position - 1, head["treeSize"], path) != root:
            return "the event at position %d is not in the tree of the head (its inclusion proof fails)" % position
    return None


def main(argv):
    args = argv[1:]
    public_key = None
    if "--public-key" in args:
        at = args.index("--public-key")
        if at + 1 >= len(args):
            print("verify_proof: --public-key needs a base64 key", file=sys.stderr)
            return 64
        public_key = base64.b64decode(args[at + 1])
        del args[at:at + 2]
    if len(args) != 1:
        print(__doc__.split("\n\n")[2], file=sys.stderr)
        return 64
    text = sys.stdin.read() if args[0] == "-" else open(args[0], encoding="utf-8").read()
    try:
        documents = [json.loads(text)] if text.lstrip().startswith("{") and "\n{" not in text.strip() else [
            json.loads(line) for line in text.splitlines() if line.strip()]
    except json.JSONDecodeError as error:
        print("verify_proof: %s: not JSON (%s)" % (args[0], error), file=sys.stderr)
        return 64
    events = 0
    for number, document in enumerate(documents, 1):
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            print("verify_proof: document %d is not a ticket proof" % number, file=sys.stderr)
            return 64
        try:
            reason = problem(document, public_key)
        except (KeyError, TypeError, ValueError) as error:
            print("verify_proof: document %d is not a well-formed ticket proof (%s)" % (number, error), file=sys.stderr)
            return 64
        if reason:
            print("proof %d (ticket %s) does not hold: %s" % (number, document["ticketId"], reason))
            return 1
        events += len(document["events"])
    print("%d proof(s) hold: %d event(s)%s" % (
        len(documents), events, "" if public_key else " (signatures checked under the keys the documents name)"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
