#!/usr/bin/env bash
# Backup and restore of yilu's PostgreSQL database (the rows; the blob folder is copied separately,
# e.g. rsync, after the dump: blobs are content-addressed and never rewritten, so a copy taken
# after the dump holds every blob the dump refers to).
#   pg_backup.sh backup URL FILE    pg_dump in custom format (-Fc: compressed, restorable selectively)
#   pg_backup.sh restore URL FILE   replace the objects of the dump in the database at URL
# Both stop at the first error with a non-zero status; nothing is half-written:
# the backup is renamed into place when complete, the restore runs in one transaction.
set -euo pipefail

log() { echo "pg_backup: $*" >&2; }
die() { log "FAILED: $*"; exit 1; }
usage() { die "usage: $0 backup URL FILE | restore URL FILE"; }

[ $# -eq 3 ] || usage
cmd=$1 url=$2 file=$3
# The URL may carry a password; never print more than user@host:port/db.
shown=$(sed -E 's|://([^:@/]*):[^@/]*@|://\1:***@|' <<<"$url")

case "$cmd" in
  backup)
    command -v pg_dump >/dev/null || die "pg_dump missing (package postgresql-client)"
    tmp="$file.partial.$$"
    trap 'rm -f "$tmp"' EXIT
    start=$(date +%s)
    # A dump is one consistent snapshot (one repeatable-read transaction), even while servers write.
    pg_dump --format=custom --no-password --dbname="$url" --file="$tmp" || die "pg_dump of $shown"
    mv -f "$tmp" "$file"
    trap - EXIT
    # Read the archive back: a file that pg_restore cannot list is no backup.
    listing=$(pg_restore --list "$file") || die "$file is not a readable archive"
    objects=$(grep -cv '^;' <<<"$listing" || true)
    log "backed up $shown to $file ($(du -h "$file" | cut -f1), $objects objects, $(($(date +%s) - start)) s)"
    ;;
  restore)
    command -v pg_restore >/dev/null || die "pg_restore missing (package postgresql-client)"
    [ -r "$file" ] || die "$file: cannot read"
    start=$(date +%s)
    # --clean --if-exists: drop each object of the dump before recreating it (objects created after
    #   the dump are left alone); --no-owner: the target's user owns everything, whoever made the dump;
    # --single-transaction + --exit-on-error: all or nothing, the old data stays if anything fails.
    # Stop the servers first: their open transactions would block the drops.
    pg_restore --clean --if-exists --no-owner --single-transaction --exit-on-error --no-password \
      --dbname="$url" "$file" || die "pg_restore of $file into $shown (nothing was changed)"
    log "restored $file into $shown ($(($(date +%s) - start)) s)"
    ;;
  *) usage ;;
esac
