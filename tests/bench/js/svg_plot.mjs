// Line plots as SVG text, no dependencies (the benchmark report). Log axes are
// base 10 with a tick at each power of ten and its 2× and 5×.
const W = 420;
const H = 300;
const M = { l: 62, r: 14, t: 30, b: 70 };
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b'];

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function ticks(lo, hi, log) {
  if (log) {
    const out = [];
    for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++)
      for (const m of [1, 2, 5]) {
        const v = m * 10 ** e;
        if (v >= lo * 0.999 && v <= hi * 1.001) out.push(v);
      }
    if (out.length >= 2) return out;
    // Less than one step of 1-2-5 in range: plain linear ticks, placed on the log scale.
  }
  const span = hi - lo || 1;
  const step = 10 ** Math.floor(Math.log10(span / 5));
  const nice = [1, 2, 5, 10].map((k) => k * step).find((s) => span / s <= 6);
  const out = [];
  for (let v = Math.ceil(lo / nice) * nice; v <= hi + 1e-9; v += nice) out.push(+v.toPrecision(12));
  return out;
}

const label = (v) => (v >= 1e6 ? `${+(v / 1e6).toPrecision(3)}M` : v >= 1e3 ? `${+(v / 1e3).toPrecision(3)}k` : `${+v.toPrecision(3)}`);

/// One plot: {title, xLabel, yLabel, logX, logY, series: [{name, points: [[x, y]…]}]} → <svg>.
export function linePlot({ title, xLabel, yLabel, logX = false, logY = false, series }) {
  const pts = series.flatMap((s) => s.points).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y) && (!logX || x > 0) && (!logY || y > 0));
  if (!pts.length) return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><text x="10" y="20">${esc(title)}: no data</text></svg>`;
  let [x0, x1] = [Math.min(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[0]))];
  let [y0, y1] = [Math.min(...pts.map((p) => p[1])), Math.max(...pts.map((p) => p[1]))];
  if (!logY) y0 = Math.min(0, y0);
  if (logY) { y0 /= 1.3; y1 *= 1.3; } else y1 *= 1.08;
  if (x0 === x1) { x0 = logX ? x0 / 2 : x0 - 1; x1 = logX ? x1 * 2 : x1 + 1; }
  if (y0 === y1) { y0 = logY ? y0 / 2 : y0 - 1; y1 = logY ? y1 * 2 : y1 + 1; }
  const f = (log) => (log ? Math.log10 : (v) => v);
  const sx = (v) => M.l + ((f(logX)(v) - f(logX)(x0)) / (f(logX)(x1) - f(logX)(x0))) * (W - M.l - M.r);
  const sy = (v) => H - M.b - ((f(logY)(v) - f(logY)(y0)) / (f(logY)(y1) - f(logY)(y0))) * (H - M.t - M.b);
  const o = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="11">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="16" text-anchor="middle" font-size="13" font-weight="bold">${esc(title)}</text>`];
  for (const v of ticks(x0, x1, logX)) {
    o.push(`<line x1="${sx(v)}" x2="${sx(v)}" y1="${M.t}" y2="${H - M.b}" stroke="#eee"/>`);
    o.push(`<text x="${sx(v)}" y="${H - M.b + 14}" text-anchor="middle">${label(v)}</text>`);
  }
  for (const v of ticks(y0, y1, logY)) {
    o.push(`<line x1="${M.l}" x2="${W - M.r}" y1="${sy(v)}" y2="${sy(v)}" stroke="#eee"/>`);
    o.push(`<text x="${M.l - 4}" y="${sy(v) + 4}" text-anchor="end">${label(v)}</text>`);
  }
  o.push(`<rect x="${M.l}" y="${M.t}" width="${W - M.l - M.r}" height="${H - M.t - M.b}" fill="none" stroke="#888"/>`);
  o.push(`<text x="${(M.l + W - M.r) / 2}" y="${H - M.b + 30}" text-anchor="middle">${esc(xLabel)}${logX ? ' (log)' : ''}</text>`);
  o.push(`<text transform="translate(14 ${(M.t + H - M.b) / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}${logY ? ' (log)' : ''}</text>`);
  series.forEach((s, i) => {
    const c = COLORS[i % COLORS.length];
    const p = s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y) && (!logX || x > 0) && (!logY || y > 0));
    if (!p.length) return;
    o.push(`<polyline fill="none" stroke="${c}" stroke-width="2" points="${p.map(([x, y]) => `${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join(' ')}"/>`);
    for (const [x, y] of p) o.push(`<circle cx="${sx(x).toFixed(1)}" cy="${sy(y).toFixed(1)}" r="3" fill="${c}"><title>${esc(s.name)}: ${label(x)} → ${+y.toPrecision(4)}</title></circle>`);
    if (series.length > 1) {
      const ly = H - M.b + 44 + Math.floor(i / 2) * 13;
      const lx = M.l + (i % 2) * 180;
      o.push(`<line x1="${lx}" x2="${lx + 16}" y1="${ly - 4}" y2="${ly - 4}" stroke="${c}" stroke-width="2"/><text x="${lx + 20}" y="${ly}">${esc(s.name)}</text>`);
    }
  });
  o.push('</svg>');
  return o.join('\n');
}

/// Several plots in one SVG, `cols` per row.
export function panels(svgs, cols) {
  const rows = Math.ceil(svgs.length / cols);
  const o = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W * Math.min(cols, svgs.length)}" height="${H * rows}" font-family="sans-serif" font-size="11">`];
  svgs.forEach((s, i) => o.push(`<g transform="translate(${(i % cols) * W} ${Math.floor(i / cols) * H})">${s.replace(/^<svg[^>]*>/, '').replace(/<\/svg>$/, '')}</g>`));
  o.push('</svg>');
  return o.join('\n') + '\n';
}
