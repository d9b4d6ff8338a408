// Prints an XLSX file as the workbook JSON that `yilu catalog import` reads:
//   {"sheets":[{"name":"事项清单","rows":[["事项编码",…],…]},…]}
// every sheet in workbook order, every row from row 1 (an empty row in the middle stays, as a row
// of "", so row numbers match what the user sees), every cell a string (cellText).
// Usage: node scripts/xlsx_workbook.mjs FILE.xlsx > workbook.json
// On failure: one line in Chinese on stderr, exit code 2.
import readXlsxFile from 'read-excel-file/node';
import { cellText } from '../src/admin/workbook_cells.js';

/** The reason in words a centre's staff can act on; the library's own text only when unknown. */
function reason(err) {
  const e = /** @type {{ code?: string, message?: string }} */ (err || {});
  if (e.code === 'ENOENT') return '文件不存在';
  if (e.code === 'EISDIR') return '这是一个文件夹';
  if (e.code === 'EACCES' || e.code === 'EPERM') return '没有读取权限';
  if (e.code === 'NO_DATA') return '文件是空的';
  if (e.code === 'FILE_NOT_SUPPORTED') return '不是 XLSX 文件（.xls 或 .csv 请先用 Excel 另存为 .xlsx）';
  return `文件已损坏或不是 XLSX 文件（${String(e.message || err).replace(/\s+/g, ' ')}）`;
}

const args = process.argv.slice(2);
if (args.length !== 1 || args[0].startsWith('-')) {
  process.stderr.write('用法：node scripts/xlsx_workbook.mjs 文件.xlsx\n');
  process.exit(2);
}
const [file] = args;

try {
  // trim: false — the library trims text by default; the importer does its own trimming.
  const sheets = await readXlsxFile(file, { trim: false });
  const workbook = {
    sheets: sheets.map(({ sheet, data }) => ({ name: sheet, rows: data.map((r) => r.map(cellText)) })),
  };
  process.stdout.write(`${JSON.stringify(workbook)}\n`);
} catch (err) {
  process.stderr.write(`无法读取 XLSX 文件 ${file}：${reason(err)}\n`);
  // exitCode rather than exit(): output still queued for a pipe gets written.
  process.exitCode = 2;
}
