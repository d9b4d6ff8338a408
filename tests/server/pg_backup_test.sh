#!/usr/bin/env bash
# Backup and restore for real: a throwaway PostgreSQL cluster gets data, scripts/pg_backup.sh dumps
# it, the data is damaged, the dump is restored, and every table must be back exactly (row count
# and a checksum of all rows), with the schema and the sequences. Also: a failed backup or restore
# says so with a non-zero status and leaves things as they were.
# The data is yilu's own: a real `yilu serve --db URL` files applications first.
# Usage: pg_backup_test.sh <path to yilu> [source dir]   (needs postgresql: scripts/setup.sh)
set -euo pipefail
yilu=$1
src=$(cd "${2:-$(dirname "$0")/../..}" && pwd)
backup=$src/scripts/pg_backup.sh

tmp=$(mktemp -d /tmp/yilu-pgbackup-XXXXXX)
# As root the cluster runs as postgres, which must reach the folder inside.
chmod 755 "$tmp"
cleanup() { "$src/scripts/pg_cluster.sh" stop "$tmp/pg" >/dev/null 2>&1 || true; rm -rf "$tmp"; }
trap cleanup EXIT

passed=0
fail() { echo "FAIL: $*" >&2; echo "pg_backup_test: $passed passed, 1 failed"; exit 1; }
pass() { passed=$((passed + 1)); echo "ok: $*"; }
sql() { psql "$1" -X -q -v ON_ERROR_STOP=1 -tA -c "$2"; }

# The data to protect: what yilu writes when people use it (residents, sessions, applications
# with their materials and events, idempotency keys, shared state).
fill_data() {
  python3 "$src/tests/server/fill_with_yilu.py" "$yilu" "$1" "$tmp/blobs" "$src" 25 >&2
}

# Every user table: name, row count, md5 of all rows in a fixed order; every sequence's position;
# and the md5 of the schema as pg_dump prints it (indexes, constraints, columns).
snapshot() {
  local url=$1 t
  for t in $(sql "$url" "select format('%I.%I', schemaname, tablename) from pg_tables
                        where schemaname not in ('pg_catalog', 'information_schema') order by 1"); do
    sql "$url" "select '$t', count(*), coalesce(md5(string_agg(x::text, E'\n' order by x::text)), '-') from $t x"
  done
  sql "$url" "select format('%I.%I', schemaname, sequencename), last_value from pg_sequences
              where schemaname not in ('pg_catalog', 'information_schema') order by 1"
  # pg_dump 15.14+ wraps its output in \restrict/\unrestrict lines with a random key: not schema.
  echo "schema $(pg_dump --schema-only --no-password --dbname="$url" | grep -Ev '^\\(un)?restrict ' | md5sum | cut -d' ' -f1)"
}

url=$("$src/scripts/pg_cluster.sh" start "$tmp/pg" 2>"$tmp/cluster.log") || { cat "$tmp/cluster.log" >&2; fail "cluster did not start"; }
fill_data "$url"
before=$(snapshot "$url")
[ "$(grep -c . <<<"$before")" -ge 3 ] || fail "snapshot too small to mean anything: $before"
grep -q '^public.applications|25|' <<<"$before" || fail "fill_data did not write the rows: $before"

"$backup" backup "$url" "$tmp/yilu.dump" || fail "backup exited non-zero"
[ -s "$tmp/yilu.dump" ] || fail "backup wrote no file"
! compgen -G "$tmp/*partial*" >/dev/null || fail "backup left a partial file"
pass "backup written ($(stat -c %s "$tmp/yilu.dump") bytes)"

# Damage of every kind a restore must undo: rows deleted, changed and added, a table dropped,
# a column added, an index dropped, the sequence moved on.
psql "$url" -X -q -v ON_ERROR_STOP=1 <<'SQL'
delete from idempotency where key like 'fill-1%';
update applications set form = '{}', verdict = 'changed' where id in (select id from applications order by id limit 5);
insert into residents (id, phone, created_at) select 'Rintruder' || i, '1390000' || lpad(i::text, 4, '0'), 0
  from generate_series(1, 50) i;
drop table shared_state;
alter table applications add column extra text default 'x';
drop index applications_status;
SQL
damaged=$(snapshot "$url")
[ "$damaged" != "$before" ] || fail "the damage did not change the snapshot: the comparison would prove nothing"
pass "damage visible in the snapshot"

"$backup" restore "$url" "$tmp/yilu.dump" || fail "restore exited non-zero"
after=$(snapshot "$url")
if [ "$after" != "$before" ]; then
  diff <(echo "$before") <(echo "$after") >&2 || true
  fail "restored data differs from the data backed up"
fi
pass "restore brought back every table, row, sequence and the schema"
# The sequence really continues after the restored rows: a new row does not collide.
sql "$url" "insert into notifications (resident_id, kind, title, body, sms, created_at)
            select id, 'test', 'after', '', '', 0 from residents limit 1" >/dev/null ||
  fail "insert after restore failed (sequence behind the restored rows?)"
pass "inserts work after the restore"
sql "$url" "delete from notifications where title = 'after'" >/dev/null
# The insert moved the sequence on: the rows are compared here, not the sequence.
[ "$(snapshot "$url" | grep -v '_seq|')" = "$(grep -v '_seq|' <<<"$before")" ] || fail "rows changed by insert+delete"

# Failing loudly: an unwritable target, an unreachable database, a damaged archive. The damaged
# one must leave the database exactly as it was (one transaction).
if "$backup" backup "$url" "$tmp/no/such/folder/x.dump" 2>/dev/null; then fail "backup into a missing folder succeeded"; fi
bad_url="postgresql://yilu@127.0.0.1:1/yilu"
if "$backup" backup "$bad_url" "$tmp/x.dump" 2>/dev/null; then fail "backup of an unreachable database succeeded"; fi
[ ! -e "$tmp/x.dump" ] || fail "failed backup left $tmp/x.dump"
head -c 4000 "$tmp/yilu.dump" >"$tmp/cut.dump"
psql "$url" -X -q -v ON_ERROR_STOP=1 -c "delete from idempotency where key like 'fill-2%'" >/dev/null
mid=$(snapshot "$url")
if "$backup" restore "$url" "$tmp/cut.dump" 2>/dev/null; then fail "restore of a truncated archive succeeded"; fi
[ "$(snapshot "$url")" = "$mid" ] || fail "a failed restore changed the database"
if "$backup" restore "$url" "$tmp/missing.dump" 2>/dev/null; then fail "restore of a missing file succeeded"; fi
pass "failures are reported and change nothing"

echo "pg_backup_test: $passed passed, 0 failed"
