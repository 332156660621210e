#!/bin/bash
# The district office's command line, end to end: a district and a township tablet in two
# folders; enrolment by request and certificate; a bundle exported, verified, inspected and
# merged (twice: nothing changes); a tampered copy refused; a receipt back to the tablet;
# revocation; CSV export. Usage: bundles.sh HEARTH_BINARY WORK_DIR
set -u
H=$1
W=$2
rm -rf "$W" && mkdir -p "$W" && cd "$W" || exit 1
fail() { echo "FAILED: $*"; exit 1; }
D="--lang en --data district"
T="--lang en --data tablet"
export HEARTH_PASSPHRASE=district-pass-123
$H $D key create --role district --label "Kaizhou office" >/dev/null || fail "district key"
$H $D verify >/dev/null || fail "verify the ledger"
HEARTH_PASSPHRASE=tablet-pass-123 $H $T key create --role township >/dev/null || fail "tablet key"
HEARTH_PASSPHRASE=tablet-pass-123 $H $T request --label "Qukou tablet 2" --township 500154001 --out req >/dev/null || fail "request"
HEARTH_PASSPHRASE=tablet-pass-123 $H $T request --label "" --township 1 --out req2 2>err.txt && fail "a request without a label or township"
grep -q "give the device a name" err.txt || fail "the refused request says why: $(cat err.txt)"
$H $D enrol req/*.txt --out certs >/dev/null || fail "enrol"
HEARTH_PASSPHRASE=wrong-pass-1 $H $T certificate certs/* 2>err.txt && fail "a wrong passphrase"
grep -q "wrong passphrase" err.txt || fail "wrong passphrase message: $(cat err.txt)"
HEARTH_PASSPHRASE=tablet-pass-123 $H $T certificate certs/* >/dev/null || fail "certificate"
$H $T add-worker --name 张三 --id 500154199001011232 --mobile 13812345678 --township 500154001 >/dev/null || fail "add worker"
$H $T add-worker --name 李四 --id 500154198502021231 --mobile 13812345679 --township 500154002 >/dev/null || fail "add worker 2"
HEARTH_PASSPHRASE=tablet-pass-123 $H $T export --out out >/dev/null || fail "export"
B=$(ls out/*.hearth)
$H $D verify "$B" | grep -q "can be merged" || fail "verify"
$H $D inspect "$B" | grep -q "events 1–2" || fail "inspect"
cp "$B" tampered.hearth && printf '\x01' | dd of=tampered.hearth bs=1 seek=200 conv=notrunc 2>/dev/null
$H $D merge tampered.hearth >merge0.txt && fail "a tampered bundle was merged"
grep -q "refused" merge0.txt || fail "tampered: $(cat merge0.txt)"
$H $D list | grep -q 张三 && fail "the tampered bundle changed something"
$H $D merge "$B" | grep -q "Merge done: 2 new events" || fail "merge"
$H $D merge "$B" | grep -q "already had" || fail "merge again"
$H $D list | grep -q 李四 || fail "the merged workers are listed"
$H $D export-csv --table workers | grep -q "张三" || fail "csv"
$H $D receipts --out rc >/dev/null || fail "receipts"
HEARTH_PASSPHRASE=tablet-pass-123 $H $T receipt rc/* | grep -q "Receipt imported" || fail "receipt"
DEV=$($H $D devices | cut -f1 | head -1)
$H $D revoke --device "$DEV" --through 2 --reason "tablet lost" | grep -q "revoked" || fail "revoke"
$H $T add-worker --name 王五 --id 500154197003031238 --mobile 13812345670 --township 500154001 >/dev/null || fail "add worker 3"
HEARTH_PASSPHRASE=tablet-pass-123 $H $T export --out out2 >/dev/null || fail "export 2"
$H $D merge out2/*.hearth >merge3.txt && fail "a revoked device's later bundle was merged"
grep -q "is revoked" merge3.txt || fail "revoked: $(cat merge3.txt)"
echo "ok"
