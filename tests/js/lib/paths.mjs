// Where the JS tests find the source tree, the wasm build and the native executable.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const wasmDir = process.env.YILU_WASM_DIR ?? path.join(root, 'build-wasm/wasm');
export const yiluBin = process.env.YILU_BIN ?? path.join(root, 'build/server/yilu');
export const calendarPath = path.join(root, 'core/data/calendar/cn-calendar.json');
export const vectorsDir = path.join(root, 'tests/vectors');
