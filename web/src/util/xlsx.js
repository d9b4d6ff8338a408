// XLSX files of the staff console's tables (导出 Excel), written by write-excel-file (its browser
// build; it zips with fflate). This module, and the library with it, is a chunk of its own that
// the staff console asks for with import() when the button is pressed: the resident pages never
// load it. It takes the very records the CSV export is made of (a header row, then rows each
// named by its first cell): a cell that reads as a number becomes a number in the sheet, shown
// as the page shows it ("66.7%" is 0.667 formatted 0.0%, "4.0" is 4 formatted 0.0); any other
// cell (a name, "—") stays text. Text is never a formula in an XLSX cell, so the CSV's guard
// against formulas (a leading apostrophe) is not needed here.
import writeXlsxFile from 'write-excel-file/browser';
import { saveBlob } from './save_file.js';

const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?\d+\.(\d+)$/;
const PERCENT = /^(-?\d+(?:\.(\d+))?)%$/;

/** "0", "0.0", "0.00" … for a number shown with `decimals` places. */
const places = (/** @type {number} */ decimals) => (decimals ? `0.${'0'.repeat(decimals)}` : '0');

/**
 * One figure cell: a number when the text is one (a count, a decimal, a percentage), with the
 * format that shows it as the text did; else the text.
 * @param {unknown} value
 * @returns {{ value: string | number, type: StringConstructor | NumberConstructor, format?: string }}
 */
export function figureCell(value) {
  const s = value === null || value === undefined ? '' : String(value);
  if (INTEGER.test(s)) return { value: Number(s), type: Number };
  let m = DECIMAL.exec(s);
  if (m) return { value: Number(s), type: Number, format: places(m[1].length) };
  m = PERCENT.exec(s);
  // "66.7e-2" parses to the double nearest 0.667 (66.7 / 100 would not).
  if (m) return { value: Number(`${m[1]}e-2`), type: Number, format: `${places(m[2]?.length || 0)}%` };
  return { value: s, type: String };
}

/** A sheet's name as Excel takes it: at most 31 characters, none of \ / ? * : [ ]. */
export function sheetName(/** @type {string} */ name) {
  return name.replace(/[\\/?*:[\]]+/g, '_').slice(0, 31) || 'Sheet1';
}

/** How wide text stands in a column, in Excel's units (a CJK character is two). */
const textWidth = (/** @type {string} */ s) => [...s].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e7f ? 2 : 1), 0);

/**
 * Records as a one-sheet workbook: the first row is the header (bold, kept in view while
 * scrolling), each other row's first cell is its name (text), the rest are figures (figureCell).
 * @param {unknown[][]} rows the records (header first), as for toCsv
 * @param {{ sheet: string, total?: boolean }} options the sheet's name; total: the last row is
 *   the 合计 row (bold)
 * @returns {Promise<Blob>}
 */
export function xlsxBlob(rows, { sheet, total = false }) {
  const last = rows.length - 1;
  const data = rows.map((row, r) =>
    row.map((v, c) => {
      const cell = r && c ? figureCell(v) : { value: v === null || v === undefined ? '' : String(v), type: String };
      return r === 0 || (total && r === last) ? { ...cell, fontWeight: /** @type {'bold'} */ ('bold') } : cell;
    }),
  );
  const columns = (rows[0] || []).map((_, c) => ({
    width: Math.min(60, Math.max(8, ...rows.map((row) => textWidth(String(row[c] ?? '')) + 2))),
  }));
  return writeXlsxFile(data, { sheet: sheetName(sheet), columns, stickyRowsCount: 1 }).toBlob();
}

/**
 * Lets the browser save the records as the XLSX file `name`.
 * @param {string} name
 * @param {unknown[][]} rows
 * @param {{ sheet: string, total?: boolean }} options
 */
export async function downloadXlsx(name, rows, options) {
  saveBlob(name, await xlsxBlob(rows, options));
}
