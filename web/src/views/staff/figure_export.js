// 导出 CSV and 导出 Excel of a supervision figure table (按时办结率, 好差评, 办理用时): both files
// are made from the same records (records(answer): header, groups, 合计 — exactly the table shown,
// with its filters) and named alike (fileName(answer, department, 'csv' | 'xlsx')). The XLSX writer
// (src/util/xlsx.js with write-excel-file) is asked for with import() on the first press only,
// so it stays out of every other screen and out of the resident pages.
import { downloadCsv, toCsv } from '../../util/csv.js';

/**
 * @param {object} options
 * @param {import('vue').Ref<any>} options.data the answer shown
 * @param {import('vue').Ref<string>} options.departmentName the department it was narrowed to ('' if none)
 * @param {import('vue').Ref<string>} options.msg where the page says what went wrong
 * @param {(answer: any) => unknown[][]} options.records the table's records (figureRecords, ratingRecords)
 * @param {(answer: any, departmentName: string, ext: string) => string} options.fileName
 * @param {(answer: any) => string} options.sheetName the sheet's Chinese name
 * @param {boolean} [options.total] whether the records end with a 合计 row (bold in the sheet)
 */
export function useFigureExport({ data, departmentName, msg, records, fileName, sheetName, total = true }) {
  // The XLSX is being written: a second press meanwhile does nothing (the button stays enabled,
  // so it keeps the keyboard's focus).
  let exporting = false;

  function exportCsv() {
    if (!data.value) return;
    downloadCsv(fileName(data.value, departmentName.value, 'csv'), toCsv(records(data.value)));
  }

  async function exportXlsx() {
    const answer = data.value;
    if (!answer || exporting) return;
    const name = fileName(answer, departmentName.value, 'xlsx');
    exporting = true;
    try {
      const { downloadXlsx } = await import('../../util/xlsx.js');
      await downloadXlsx(name, records(answer), { sheet: sheetName(answer), total });
    } catch {
      msg.value = 'Excel 文件未能生成，请重试，或导出 CSV';
    } finally {
      exporting = false;
    }
  }

  return { exportCsv, exportXlsx };
}

/**
 * An export's file name: its parts (a table's name, its grouping, the filter's name if any) each
 * made fit for a file system, then the period the server used:
 * 办理用时-按窗口-2026-11-01至2026-11-30.csv (or .xlsx).
 * @param {string[]} parts the parts before the period; empty ones are left out
 * @param {{ from: string, to: string }} answer
 * @param {string} ext the file's extension: csv or xlsx
 * @returns {string}
 */
export function exportFileName(parts, answer, ext) {
  // Characters no file system takes in a name.
  const safe = (/** @type {string} */ s) => s.replace(/[\\/:*?"<>|\s]+/g, '_');
  return `${[...parts.filter(Boolean).map(safe), `${answer.from}至${answer.to}`].join('-')}.${ext}`;
}
