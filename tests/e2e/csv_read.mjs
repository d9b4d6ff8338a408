// Reading back the CSV files the console and the server export (RFC 4180 as web/src/util/csv.js
// and server/src/http/csv.cpp write it): a UTF-8 byte order mark, records ended by CRLF, fields
// quoted when they hold a comma, quote or line break, quotes doubled.
import assert from 'node:assert/strict';

/**
 * The records of CSV text (without the byte order mark); asserts the last record ends with CRLF.
 * @param {string} text
 * @returns {string[][]}
 */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') ((field += '"'), i++);
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') (row.push(field), (field = ''));
    else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      ((row = []), (field = ''), i++);
    } else field += c;
  }
  assert.equal(field + row.join(''), '', 'the last record ends with CRLF');
  return rows;
}

/**
 * The records of an exported CSV file's bytes: asserts the byte order mark (Excel on a Chinese
 * Windows reads the file as GBK without it) and that every line break is CRLF.
 * @param {Buffer} bytes
 * @returns {string[][]}
 */
export function csvFileRecords(bytes) {
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a byte order mark');
  const text = bytes.subarray(3).toString('utf8');
  assert.ok(!/[^\r]\n/.test(text), 'records end with CRLF');
  return parseCsv(text);
}
