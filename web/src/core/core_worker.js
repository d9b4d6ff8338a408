// The rules core's own thread: a module worker that holds the WebAssembly instance, so loading the
// calendar and the catalog slices (and compiling the JSON reader on first use) never blocks the
// page's thread, and a check never delays a keystroke's paint. The page (wasm_core.js) compiles the
// .wasm — streamed, off its thread — and sends the module here with the glue's URL; it fetches the
// data and sends the text. This file imports nothing: the build copies it as it is (`?url`).
//
// Messages in: { id, op: 'glue', glueUrl } | { id, op: 'start', module } | { id, op: 'calendar' | 'slices', bytes }
//            | { id, op: 'call', request }  (request: the JSON text of one core request)
// Messages out: { id, ok: true, value } | { id, ok: false, error } (error: a message string).

let core = null;
let glue = null;

async function start(module) {
  if (!glue) throw new Error('glue not loaded');
  // -sMODULARIZE -sEXPORT_ES6 (wasm/CMakeLists.txt): the factory is the default export. The
  // module was compiled by the page; instantiateWasm keeps the glue from fetching it again.
  const factory = (await glue).default;
  let failed;
  const instantiateFailed = new Promise((_, reject) => (failed = reject));
  core = await Promise.race([
    factory({
      instantiateWasm(imports, done) {
        WebAssembly.instantiate(module, imports).then((instance) => done(instance, module), failed);
        return {};
      },
    }),
    instantiateFailed,
  ]);
}

const ops = {
  // The glue downloads while the page compiles the .wasm.
  glue: (m) => {
    glue = import(m.glueUrl);
    return glue.then(() => true);
  },
  start: (m) => start(m.module),
  calendar: (m) => core.loadCalendar(m.bytes),
  slices: (m) => core.loadCatalogSlices(m.bytes),
  call: (m) => core.call(m.request),
};

// One message at a time, in the order sent: the page sends start, the calendar and the slices
// without waiting for each answer, and each runs once the one before it is done. Only the glue's
// import runs at once (start awaits it).
let queue = Promise.resolve();

async function run(m) {
  try {
    if (m.op !== 'start' && m.op !== 'glue' && !core) throw new Error('core not started');
    const value = await ops[m.op](m);
    self.postMessage({ id: m.id, ok: true, value });
  } catch (e) {
    self.postMessage({ id: m.id, ok: false, error: String(e && e.message ? e.message : e) });
  }
}

self.onmessage = (event) => {
  const m = event.data;
  if (m.op === 'glue') run(m);
  else queue = queue.then(() => run(m));
};
