// Generates src/icons.css: node scripts/gen-icons.mjs > src/icons.css
const S = (body) =>
  `<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24' fill='none' stroke='black' stroke-width='2' stroke-linecap='round' stroke-linejoin='round'>${body}</svg>`;
const icons = {
  arrow: S("<path d='M9 5l7 7-7 7'/>"),
  'arrow-left': S("<path d='M15 5l-7 7 7 7'/>"),
  clear: S("<circle cx='12' cy='12' r='9'/><path d='M9 9l6 6M15 9l-6 6'/>"),
  cross: S("<path d='M6 6l12 12M18 6L6 18'/>"),
  fail: S("<path d='M6 6l12 12M18 6L6 18'/>"),
  search: S("<circle cx='11' cy='11' r='7'/><path d='M16.5 16.5L21 21'/>"),
  star: S("<path fill='black' d='M12 3l2.8 5.8 6.2.9-4.5 4.4 1.1 6.2L12 17.4l-5.6 2.9 1.1-6.2L3 9.7l6.2-.9z'/>"),
  'star-o': S("<path d='M12 3l2.8 5.8 6.2.9-4.5 4.4 1.1 6.2L12 17.4l-5.6 2.9 1.1-6.2L3 9.7l6.2-.9z'/>"),
  success: S("<path d='M5 12.5l4.5 4.5L19 7.5'/>"),
  checked: S("<circle fill='black' cx='12' cy='12' r='10' stroke='none'/>"),
  'wap-home-o': S("<path d='M3 11l9-8 9 8'/><path d='M5 9.5V21h14V9.5'/><path d='M10 21v-6h4v6'/>"),
  'orders-o': S("<rect x='5' y='3' width='14' height='18' rx='2'/><path d='M9 8h6M9 12h6M9 16h4'/>"),
  'envelop-o': S("<rect x='3' y='5' width='18' height='14' rx='2'/><path d='M3 7l9 6 9-6'/>"),
  'hotel-o': S("<path d='M4 21V4h10v17M14 9h6v12M2 21h20M7 8h3M7 12h3M7 16h3M17 13h.5M17 17h.5'/>"),
  'friends-o': S(
    "<circle cx='9' cy='8' r='3.5'/><path d='M2.5 20c0-4 3-6.5 6.5-6.5s6.5 2.5 6.5 6.5'/><circle cx='17.5' cy='9' r='2.5'/><path d='M16.5 14c3 0 5 2 5 5.5'/>",
  ),
  'medal-o': S("<circle cx='12' cy='15' r='5.5'/><path d='M8 3l3 6.5M16 3l-3 6.5'/>"),
  'info-o': S("<circle cx='12' cy='12' r='9'/><path d='M12 11v6M12 7.5v.5'/>"),
  replay: S("<path d='M4.5 14a8 8 0 1 0 2-8.5'/><path d='M4 3.5V9h5.5'/>"),
};
const enc = (svg) => svg.replace(/</g, '%3C').replace(/>/g, '%3E').replace(/#/g, '%23').replace(/"/g, "'");
let css = `/* The few icons the pages and Vant's components use, drawn as CSS masks in currentColor.
 * Replaces Vant's icon font (28 KB gzip of base64 woff2) to keep the home page in its budget.
 * Generated once from simple 24×24 strokes; add an icon by adding a class below. */
.van-icon { position: relative; display: inline-block; font-size: inherit; line-height: 1; width: 1em; height: 1em; vertical-align: -0.125em; }
.van-icon::before { content: ''; position: absolute; inset: 0; margin: auto; display: block; width: 1em; height: 1em; background: currentColor; -webkit-mask: var(--yl-icon) center / contain no-repeat; mask: var(--yl-icon) center / contain no-repeat; }
.van-icon__image { display: block; width: 1em; height: 1em; object-fit: contain; }
`;
for (const [k, v] of Object.entries(icons))
  css += `.van-icon-${k} { --yl-icon: url("data:image/svg+xml,${enc(v)}"); }\n`;
process.stdout.write(css);
