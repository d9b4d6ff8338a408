// CSV files as spreadsheets read them (RFC 4180): fields separated by commas, records by CRLF,
// a field quoted when it holds a comma, a quote or a line break, its quotes doubled. The file
// starts with a UTF-8 byte order mark: without it Excel reads the bytes in the system's code
// page (GBK on a Chinese Windows) and the Chinese comes out garbled.
import { saveBlob } from './save_file.js';

/** A text cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) and is no number. */
const FORMULA = /^[=+\-@\t\r]/;
const NUMBER = /^-?\d+(\.\d+)?%?$/;

/**
 * One field as RFC 4180 writes it. Text a spreadsheet would take for a formula gets a leading
 * apostrophe (the usual guard against CSV injection): names come from the catalog, but a file
 * opened in Excel must never run what a name says.
 * @param {unknown} value
 * @returns {string}
 */
export function csvField(value) {
  let s = value === null || value === undefined ? '' : String(value);
  if (FORMULA.test(s) && !NUMBER.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Records (arrays of cells) as CSV text, each record ended by CRLF.
 * @param {unknown[][]} rows
 * @returns {string}
 */
export function toCsv(rows) {
  return rows.map((r) => r.map(csvField).join(',') + '\r\n').join('');
}

/**
 * Lets the browser save `text` as the file `name` (UTF-8 with a byte order mark).
 * @param {string} name
 * @param {string} text CSV text (toCsv)
 */
export function downloadCsv(name, text) {
  saveBlob(name, new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' }));
}
