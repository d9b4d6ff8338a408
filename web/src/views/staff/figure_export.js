// 导出 CSV and 导出 Excel of a supervision figure table (按时办结率, 好差评): both files are made
// from the same records (records(answer): header, groups, 合计 — exactly the table shown, with
// its filters) and named alike (fileName(answer, department, 'csv' | 'xlsx')). The XLSX writer
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
 */
export function useFigureExport({ data, departmentName, msg, records, fileName, sheetName }) {
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
      await downloadXlsx(name, records(answer), { sheet: sheetName(answer), total: true });
    } catch {
      msg.value = 'Excel 文件未能生成，请重试，或导出 CSV';
    } finally {
      exporting = false;
    }
  }

  return { exportCsv, exportXlsx };
}
