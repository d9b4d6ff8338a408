// The rules core's own thread: a module worker that holds the WebAssembly instance, so loading the
// calendar and the catalog slices (and compiling the JSON reader on first use) never blocks the
// page's thread, and a check never delays a keystroke's paint. The worker fetches the .wasm itself
// (`url`), compiles it as it streams in and instantiates it as soon as it is complete: nothing on
// the way waits for a free turn of the page's thread, busy drawing the page just then. (Compiling
// on the page and sending the module cost 50–300 ms; handing the worker the page's response body
// as a transferred stream still let every chunk wait for the page's thread, 10–35 ms.) On the
// forms, index.html has the page preload the .wasm: there the page hands over that response's
// body, or, where a stream cannot be transferred, the compiled module. The page fetches the data
// and sends the text. This file imports nothing: the build copies it as it is (`?url`).
//
// Messages in: { id, op: 'glue', glueUrl } | { id, op: 'start', url | body | module }
//            | { id, op: 'calendar' | 'slices', bytes }
//            | { id, op: 'call', request }  (request: the JSON text of one core request)
// Messages out: { id, ok: true, value, at } | { id, ok: false, error } (error: a message string;
// at: when the op finished, in ms since the epoch, so the page can tell when the core was ready
// rather than when its own thread got round to reading the answer). start's value is
// { downloadedAt }: when the worker's own .wasm download ended (ms since the epoch), or null.

let core = null;
let glue = null;

async function start({ url, body, module }) {
  if (!glue) throw new Error('glue not loaded');
  if (url) module = await WebAssembly.compileStreaming(fetch(url));
  else if (body) {
    // compileStreaming wants a Response of type application/wasm (the server's header does not
    // come with the stream).
    const response = new Response(body, { headers: { 'Content-Type': 'application/wasm' } });
    module = await WebAssembly.compileStreaming(response);
  }
  // -sMODULARIZE -sEXPORT_ES6 (wasm/CMakeLists.txt): the factory is the default export. The
  // module is compiled already; instantiateWasm keeps the glue from fetching it again.
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
  const download = url && performance.getEntriesByName(url, 'resource')[0];
  return { downloadedAt: download ? performance.timeOrigin + download.responseEnd : null };
}

const ops = {
  // The glue downloads while the page compiles the .wasm.
  glue: (m) => {
    glue = import(m.glueUrl);
    return glue.then(() => true);
  },
  start: (m) => start(m),
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
    self.postMessage({ id: m.id, ok: true, value, at: performance.timeOrigin + performance.now() });
  } catch (e) {
    self.postMessage({ id: m.id, ok: false, error: String(e && e.message ? e.message : e) });
  }
}

self.onmessage = (event) => {
  const m = event.data;
  if (m.op === 'glue') run(m);
  else queue = queue.then(() => run(m));
};
