// An XLSX file the admin picked, as the workbook JSON that POST /api/v1/admin/catalog/import
// reads: every sheet in order, every cell a string (cellText). read-excel-file is loaded only
// here, when a file is chosen, so neither the phone nor the rest of the console downloads it.
import { cellText } from './workbook_cells.js';

/**
 * @param {File | Blob} file
 * @returns {Promise<{ sheets: { name: string, rows: string[][] }[] }>} rejects when the file is not an XLSX
 */
export async function readWorkbook(file) {
  const { default: readXlsxFile } = await import('read-excel-file/browser');
  // trim: false — the importer trims, and reports a cell as the user typed it.
  const sheets = await readXlsxFile(file, { trim: false });
  return { sheets: sheets.map(({ sheet, data }) => ({ name: sheet, rows: data.map((r) => r.map(cellText)) })) };
}
