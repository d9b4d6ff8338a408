// One spreadsheet cell as the text `yilu catalog import` reads (its workbook JSON has only
// strings). Pure and import-free so that both scripts/xlsx_workbook.mjs and, later, the staff
// console's in-browser import can use it on what read-excel-file returns.
//
// - text stays exactly as it is: the importer trims, and it reports a cell as the user typed it;
// - a number is JavaScript's shortest round-trip text, so 15 is "15" (never "15.0") and the
//   1.1000000000000001 that Excel stores for a typed 1.1 is "1.1". An integer beyond 2^53 is
//   given in exponent form ("4.60200000101e+19"): Excel kept only 15 digits of it, so a 20-digit
//   事项编码 typed as a number has lost its tail, and digits would make a wrong code look valid;
// - TRUE/FALSE are 是/否, as the item list writes yes/no;
// - a date is its calendar day, YYYY-MM-DD: read-excel-file gives a date cell as a Date at UTC
//   midnight, so the UTC parts are the day the sheet shows (a time of day is dropped);
// - an empty cell (null) is "".

const pad = (/** @type {number} */ n, /** @type {number} */ width) => String(n).padStart(width, '0');

/**
 * @param {unknown} value a cell value: string, number, boolean, Date, null or undefined
 * @returns {string}
 */
export function cellText(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    return Number.isInteger(value) && !Number.isSafeInteger(value) ? value.toExponential() : String(value);
  }
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    return `${pad(value.getUTCFullYear(), 4)}-${pad(value.getUTCMonth() + 1, 2)}-${pad(value.getUTCDate(), 2)}`;
  }
  return String(value);
}
