#!/bin/sh
# Verifies this archive bundle with a POSIX shell and sha256sum only (GNU coreutils; on macOS use verify.py).
# Usage, from anywhere: sh verify.sh          Exit 0: intact. Exit 1: the first problem found is printed.
cd "$(dirname "$0")" || exit 2

fail() { echo "BROKEN: $*"; exit 1; }
hash_of() { sha256sum "$1" | cut -d' ' -f1; }
check_file() { # path expected-hash
    [ -f "$1" ] || fail "$1 is missing"
    actual=$(hash_of "$1")
    [ "$actual" = "$2" ] || fail "$1 hashes to $actual, the chain says $2"
}
anchor() { awk -v key="$1" '$1 == key { print $2 }' anchor.txt; }

# 1. every file is as exported
sha256sum --quiet -c SHA256SUMS || fail "a file differs from SHA256SUMS (see above)"

# 2. the chain: each line is "ENTRY_HASH TEXT", ENTRY_HASH = sha256(TEXT), TEXT's fields separated by '|'
expected_seq=$(anchor first-seq)
expected_previous=$(anchor previous-hash-of-first-entry)
count=0
while IFS=' ' read -r entry_hash text; do
    actual=$(printf '%s' "$text" | sha256sum | cut -d' ' -f1)
    [ "$actual" = "$entry_hash" ] || fail "entry line $((count + 1)): its text hashes to $actual, not $entry_hash"
    IFS='|' read -r format siren seq document original facturx report metadata previous archived_at retain_until <<EOF
$text
EOF
    [ "$format" = "einvoice-archive-v1" ] || fail "entry $seq: unknown format $format"
    [ "$seq" = "$expected_seq" ] || fail "entry $expected_seq is missing (found $seq)"
    [ "$previous" = "$expected_previous" ] || fail "entry $seq: previous hash $previous is not $expected_previous"
    dir=entries/$(printf '%06d' "$seq")
    check_file "$dir/metadata.json" "$metadata"
    set -- "$dir"/original.*
    check_file "$1" "$original"
    [ -z "$facturx" ] || check_file "$dir/facturx.pdf" "$facturx"
    if [ -n "$report" ]; then
        set -- "$dir"/report.*
        check_file "$1" "$report"
    fi
    expected_previous=$entry_hash
    expected_seq=$((seq + 1))
    count=$((count + 1))
done < chain.txt

[ "$count" = "$(anchor entries)" ] || fail "chain.txt has $count entries, anchor.txt says $(anchor entries)"
[ "$expected_previous" = "$(anchor last-entry-hash)" ] || fail "the chain ends with $expected_previous, anchor.txt says $(anchor last-entry-hash)"
echo "OK: $count entries of dossier $(anchor dossier), chain intact, last entry hash $expected_previous"
