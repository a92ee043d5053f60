#!/usr/bin/env python3
"""Verifies this archive bundle with the Python 3 standard library only.

Usage, from anywhere: python3 verify.py      Exit 0: intact. Exit 1: the first problem found is printed.
Checks SHA256SUMS, then the chain (chain.txt): each entry hash is the SHA-256 of its text, each entry names the hash
of the one before it, and the files of each entry (entries/NNNNNN/) hash to what the entry says.
"""
import glob
import hashlib
import os
import sys


def sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def fail(message):
    print("BROKEN: " + message)
    sys.exit(1)


def check_file(path, expected, source="the chain"):
    if not os.path.isfile(path):
        fail(path + " is missing")
    actual = sha256_file(path)
    if actual != expected:
        fail("%s hashes to %s, %s says %s" % (path, actual, source, expected))


def one(pattern):
    found = glob.glob(pattern)
    if len(found) != 1:
        fail("expected one file %s, found %d" % (pattern, len(found)))
    return found[0]


def main():
    os.chdir(os.path.dirname(os.path.abspath(__file__)))
    with open("SHA256SUMS", encoding="utf-8") as sums:
        for line in sums:
            expected, path = line.rstrip("\n").split("  ", 1)
            check_file(path, expected, "SHA256SUMS")

    anchor = {}
    with open("anchor.txt", encoding="utf-8") as f:
        for line in f:
            key, _, value = line.rstrip("\n").partition(" ")
            anchor[key] = value

    expected_seq = int(anchor["first-seq"])
    expected_previous = anchor["previous-hash-of-first-entry"]
    count = 0
    with open("chain.txt", encoding="utf-8") as chain:
        for line in chain:
            entry_hash, text = line.rstrip("\n").split(" ", 1)
            actual = hashlib.sha256(text.encode("utf-8")).hexdigest()
            if actual != entry_hash:
                fail("entry line %d: its text hashes to %s, not %s" % (count + 1, actual, entry_hash))
            fields = text.split("|")
            if len(fields) != 11 or fields[0] != "einvoice-archive-v1":
                fail("entry line %d: not an einvoice-archive-v1 entry" % (count + 1))
            _, siren, seq, document, original, facturx, report, metadata, previous, archived_at, retain = fields
            if int(seq) != expected_seq:
                fail("entry %d is missing (found %s)" % (expected_seq, seq))
            if previous != expected_previous:
                fail("entry %s: previous hash %s is not %s" % (seq, previous, expected_previous))
            folder = "entries/%06d" % int(seq)
            check_file(folder + "/metadata.json", metadata)
            check_file(one(folder + "/original.*"), original)
            if facturx:
                check_file(folder + "/facturx.pdf", facturx)
            if report:
                check_file(one(folder + "/report.*"), report)
            expected_previous = entry_hash
            expected_seq = int(seq) + 1
            count += 1

    if count != int(anchor["entries"]):
        fail("chain.txt has %d entries, anchor.txt says %s" % (count, anchor["entries"]))
    if expected_previous != anchor["last-entry-hash"]:
        fail("the chain ends with %s, anchor.txt says %s" % (expected_previous, anchor["last-entry-hash"]))
    print("OK: %d entries of dossier %s, chain intact, last entry hash %s" % (count, anchor["dossier"], expected_previous))


if __name__ == "__main__":
    main()
