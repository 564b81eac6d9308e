#!/bin/bash
# usage: listen_two_studies.sh ROOT OUT PORT [LISTEN-OPTIONS]: with Atrous at ROOT listening into OUT on PORT,
# send a long study ($BIG_DIR, default /tmp/s34/big/ct) and 5 s later a short one ($SMALL_DIR); print when each was done
# (docs/benchmarks.md, "listen: a short study behind a long one")
ROOT=$1; OUT=$2; PORT=$3; EXTRA=$4
BIG_DIR=${BIG_DIR:-/tmp/s34/big/ct}; SMALL_DIR=${SMALL_DIR:-/tmp/s34/small/ct}
rm -rf $OUT
(cd $ROOT && bin/atrous listen --port $PORT --output $OUT $EXTRA --quiet-seconds 2 > $OUT.log 2>&1 &)
sleep 15
storescu -aec ATROUS +sd 127.0.0.1 $PORT $BIG_DIR
sleep 5
t0=$(date +%s.%N)
storescu -aec ATROUS +sd 127.0.0.1 $PORT $SMALL_DIR
SMALL=$(dcmdump +P SeriesInstanceUID $SMALL_DIR/$(ls $SMALL_DIR | head -1) | sed 's/.*\[\(.*\)\].*/\1/')
BIG=$(dcmdump +P SeriesInstanceUID $BIG_DIR/$(ls $BIG_DIR | head -1) | sed 's/.*\[\(.*\)\].*/\1/')
n=0; while ! grep -q "^$SMALL,done" $OUT/results/received.csv 2>/dev/null; do sleep 0.2; n=$((n+1)); [ $n -gt 1500 ] && break; done
t1=$(date +%s.%N)
while ! grep -q "^$BIG,done" $OUT/results/received.csv 2>/dev/null; do sleep 0.2; n=$((n+1)); [ $n -gt 1500 ] && break; done
t2=$(date +%s.%N)
pkill -f "listen --port $PORT"
echo "small done $(echo "$t1 - $t0" | bc) s after it was sent; big done $(echo "$t2 - $t0 + 5" | bc) s after it was sent"
head -3 $OUT/results/received.csv | cut -d, -f1,2,12
