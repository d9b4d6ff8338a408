// Reads the one-sheet XLSX files the staff console exports (导出 Excel), to check them against the
// table: an XLSX is a zip (unpacked with fflate, a devDependency of web/) of XML parts. Returns
// the sheet's name and its cells row by row, each with its type as stored (a number is a number
// cell, not text) and the text a spreadsheet shows for it (its number format applied).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { root } from './harness.mjs';

const require = createRequire(join(root, 'web', 'package.json'));
const { unzipSync, strFromU8 } = require('fflate');

const unescape = (s) =>
  s.replace(/&(lt|gt|quot|apos|amp|#(\d+)|#x([0-9a-f]+));/gi, (_, e, dec, hex) =>
    dec ? String.fromCodePoint(Number(dec)) : hex ? String.fromCodePoint(parseInt(hex, 16)) : { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' }[e],
  );
const attr = (attrs, name) => new RegExp(`\\b${name}="([^"]*)"`).exec(attrs)?.[1];
/** The text runs of a string item (<si> or <is>), joined. */
const runs = (xml) => [...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => unescape(m[1])).join('');

/** How a spreadsheet shows number `v` in format `code` (only the formats the export uses). */
function shown(v, code) {
  if (!code || code === 'General') return String(v);
  const m = /^0(?:\.(0+))?(%?)$/.exec(code);
  assert.ok(m, `a number format this reader knows: ${code}`);
  const decimals = m[1]?.length || 0;
  return m[2] ? `${(v * 100).toFixed(decimals)}%` : v.toFixed(decimals);
}

/** Column letters → index: A → 0, AB → 27. */
const column = (ref) => [...ref.replace(/\d+$/, '')].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;

/**
 * @param {Buffer} bytes the .xlsx file
 * @returns {{ sheet: string, rows: { type: 'number' | 'string', value: number | string, text: string, bold: boolean }[][] }}
 */
export function readXlsx(bytes) {
  assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'an XLSX is a zip');
  const files = unzipSync(new Uint8Array(bytes));
  const part = (name) => (files[name] ? strFromU8(files[name]) : '');
  for (const name of ['[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml', 'xl/styles.xml'])
    assert.ok(files[name], `the workbook has ${name}: ${Object.keys(files)}`);

  const sheets = [...part('xl/workbook.xml').matchAll(/<sheet\b([^>]*)\/?>/g)].map((m) => unescape(attr(m[1], 'name')));
  assert.equal(sheets.length, 1, `one sheet: ${sheets}`);
  const strings = [...part('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => runs(m[1]));

  // Styles: each cell style (xf) has a number format (built-in 0 = General) and a font.
  const styles = part('xl/styles.xml');
  const formats = Object.fromEntries(
    [...styles.matchAll(/<numFmt\b([^>]*)\/?>/g)].map((m) => [attr(m[1], 'numFmtId'), unescape(attr(m[1], 'formatCode'))]),
  );
  Object.assign(formats, { 0: 'General', 1: '0', 2: '0.00', 9: '0%', 10: '0.00%' });
  const fonts = [...(/<fonts\b[^>]*>([\s\S]*?)<\/fonts>/.exec(styles)?.[1] || '').matchAll(/<font\b[^>]*\/>|<font\b[^>]*>([\s\S]*?)<\/font>/g)].map((m) =>
    /<b\s*\/>|<b\s+val="(1|true)"/.test(m[1] || ''),
  );
  const xfs = [...(/<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] || '').matchAll(/<xf\b([^>]*?)\/?>/g)].map((m) => ({
    format: formats[attr(m[1], 'numFmtId') || '0'],
    bold: fonts[Number(attr(m[1], 'fontId') || 0)] || false,
  }));

  const rows = [];
  for (const rm of part('xl/worksheets/sheet1.xml').matchAll(/<row\b([^>]*)>([\s\S]*?)<\/row>/g)) {
    const row = [];
    for (const cm of rm[2].matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const [, attrs, body = ''] = cm;
      const t = attr(attrs, 't');
      const style = xfs[Number(attr(attrs, 's') || 0)] || { format: 'General', bold: false };
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      let cell;
      if (t === 's') cell = { type: 'string', value: strings[Number(v)] };
      else if (t === 'inlineStr') cell = { type: 'string', value: runs(/<is>([\s\S]*?)<\/is>/.exec(body)?.[1] || '') };
      else if (t === 'str') cell = { type: 'string', value: unescape(v ?? '') };
      else {
        assert.ok(!t || t === 'n', `a cell of a type this reader knows: ${t}`);
        assert.ok(!/<f\b/.test(body), 'no formula');
        cell = { type: 'number', value: Number(v) };
      }
      cell.text = cell.type === 'number' ? shown(cell.value, style.format) : cell.value;
      cell.bold = style.bold;
      row[column(attr(attrs, 'r'))] = cell;
    }
    rows[Number(attr(rm[1], 'r')) - 1] = row;
  }
  return { sheet: sheets[0], rows };
}

/** A cell of the page's table that a spreadsheet must hold as a number: a count, a decimal, a rate. */
export const numberLike = (text) => /^-?\d+(\.\d+)?%?$/.test(text);

/**
 * Checks an exported XLSX against the records the CSV holds (header, groups, 合计): the same
 * header and values, shown alike, each figure a number cell; the header and 合计 in bold.
 * @param {Buffer} bytes
 * @param {string[][]} records
 * @param {string} sheet the sheet's expected name
 */
export function checkXlsxTable(bytes, records, sheet) {
  const book = readXlsx(bytes);
  assert.equal(book.sheet, sheet, 'the sheet’s Chinese name');
  assert.deepEqual(
    book.rows.map((r) => [...r].map((c) => c?.text ?? '')),
    records,
    'the sheet is the table: header, groups, 合计 — as the CSV',
  );
  book.rows.forEach((row, r) =>
    row.forEach((cell, c) => {
      const want = r > 0 && c > 0 && numberLike(records[r][c]) ? 'number' : 'string';
      assert.equal(cell.type, want, `cell ${r + 1}:${c + 1} (${records[r][c]}) is a ${want} in the sheet`);
    }),
  );
  assert.ok(book.rows[0].every((c) => c.bold), 'the header row is bold');
  assert.ok(book.rows.at(-1).every((c) => c.bold), 'the 合计 row is bold');
  return book;
}
