#!/bin/sh
# CI's PostgreSQL: Debian's server package, cluster 15/main, started and answering.
# Installs the package when missing, and puts the data directory back to 0700 first: PostgreSQL refuses to start
# on any looser mode, and a restored machine has come back with 0705 (CI run of stop 28 failed on exactly that).
set -e
if [ "$(id -u)" = "0" ]; then SUDO=""; else SUDO="sudo"; fi
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "PostgreSQL is missing: installing Debian's postgresql package…"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
fi
VERSION=$(pg_lsclusters -h | awk 'NR==1 { print $1 }')
CLUSTER=$(pg_lsclusters -h | awk 'NR==1 { print $2 }')
DATA_DIR=$(pg_lsclusters -h | awk 'NR==1 { print $6 }')
LOG_FILE=$(pg_lsclusters -h | awk 'NR==1 { print $7 }')
$SUDO chmod 0700 "$DATA_DIR"
if ! $SUDO pg_ctlcluster "$VERSION" "$CLUSTER" status >/dev/null 2>&1; then
  if ! $SUDO pg_ctlcluster "$VERSION" "$CLUSTER" start; then
    echo "PostgreSQL $VERSION/$CLUSTER did not start; the end of $LOG_FILE:" >&2
    $SUDO tail -n 20 "$LOG_FILE" >&2 || true
    exit 1
  fi
fi
for _ in $(seq 1 30); do $SUDO su postgres -c "pg_isready -q" && exit 0; sleep 1; done
echo "PostgreSQL $VERSION/$CLUSTER started but does not answer" >&2
exit 1
