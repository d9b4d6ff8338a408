// The functions of a .wasm file: body size of each (code section) and its name when the
// module has a name section. Function indices count imported functions first, as V8's
// trace events (func_index) do.

function reader(bytes) {
  let pos = 0;
  const r = {
    get pos() {
      return pos;
    },
    set pos(p) {
      pos = p;
    },
    byte: () => bytes[pos++],
    u32() {
      let result = 0;
      let shift = 0;
      for (;;) {
        const b = bytes[pos++];
        result += (b & 0x7f) * 2 ** shift;
        shift += 7;
        if (b < 0x80) return result;
      }
    },
    skip(n) {
      pos += n;
    },
    name() {
      const n = r.u32();
      const s = new TextDecoder().decode(bytes.subarray(pos, pos + n));
      pos += n;
      return s;
    },
  };
  return r;
}

// A table's or memory's limits: flags, minimum, and a maximum when flag bit 0 is set.
function skipLimits(r) {
  const flags = r.u32();
  r.u32();
  if (flags & 1) r.u32();
}

function countImportedFunctions(r, end) {
  let functions = 0;
  for (let n = r.u32(); n > 0; n--) {
    r.name(); // module
    r.name(); // field
    const kind = r.byte();
    if (kind === 0) {
      r.u32(); // type index
      functions += 1;
    } else if (kind === 1) {
      r.byte(); // element type
      skipLimits(r);
    } else if (kind === 2) {
      skipLimits(r);
    } else if (kind === 3) {
      r.skip(2); // value type, mutability
    } else {
      r.pos = end; // a kind this reader does not know: stop counting
      break;
    }
  }
  return functions;
}

/** {byIndex: Map(index → {index, size, name}), largest(n)} */
export function wasmFunctions(bytes) {
  const r = reader(bytes);
  r.pos = 8; // magic and version
  let imported = 0;
  const sizes = [];
  const names = new Map();
  while (r.pos < bytes.length) {
    const id = r.byte();
    const size = r.u32();
    const end = r.pos + size;
    if (id === 2) {
      imported = countImportedFunctions(r, end);
    } else if (id === 10) {
      for (let n = r.u32(); n > 0; n--) {
        const body = r.u32();
        sizes.push(body);
        r.skip(body);
      }
    } else if (id === 0 && r.name() === 'name') {
      while (r.pos < end) {
        const sub = r.byte();
        const subEnd = r.u32() + r.pos;
        if (sub === 1) {
          for (let n = r.u32(); n > 0; n--) {
            const index = r.u32();
            names.set(index, r.name());
          }
        }
        r.pos = subEnd;
      }
    }
    r.pos = end;
  }
  const byIndex = new Map(sizes.map((size, i) => [imported + i, { index: imported + i, size, name: names.get(imported + i) }]));
  return {
    byIndex,
    largest: (n) => [...byIndex.values()].sort((a, b) => b.size - a.size).slice(0, n),
  };
}
