// Loads the wasm core in Node the way the page does, but with the bytes passed in (the
// Emscripten 3.1.6 glue cannot fetch() a file path) and with the shipped calendar.
import fs from 'node:fs';
import path from 'node:path';

import { calendarPath, root, wasmDir } from './paths.mjs';

export async function loadCore({ catalog } = {}) {
  const { default: createYiluCore } = await import(path.join(wasmDir, 'yilu_core.mjs'));
  const core = await createYiluCore({ wasmBinary: fs.readFileSync(path.join(wasmDir, 'yilu_core.wasm')) });
  const cal = JSON.parse(core.loadCalendar(fs.readFileSync(calendarPath, 'utf8')));
  if (!cal.ok) throw new Error(`calendar did not load: ${JSON.stringify(cal)}`);
  if (catalog) {
    const res = JSON.parse(core.loadCatalog(fs.readFileSync(path.join(root, 'tests', catalog), 'utf8')));
    if (!res.ok) throw new Error(`catalog ${catalog} did not load: ${JSON.stringify(res)}`);
  }
  return core;
}

export function vectorFiles(dir) {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
    .map((f) => ({ file: f, doc: JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) }));
}

// The request text of a case, serialized like nlohmann's dump() for the ASCII keys we use.
export function requestText(c) {
  return 'request_text' in c ? c.request_text : JSON.stringify(c.request);
}

export function nowSeconds(doc) {
  return Date.parse(doc.context.now) / 1000;
}
