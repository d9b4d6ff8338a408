// Dates and numbers as people in China write them: 2026年11月26日, 周四; 1,234.
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** "2026-11-26" (or an ISO timestamp) → "2026年11月26日"; '' for nothing, the input if unreadable. */
export function cnDate(value, { weekday = false } = {}) {
  if (!value) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value));
  if (!m) return String(value);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  let s = `${y}年${mo}月${d}日`;
  if (weekday) s += `（周${WEEKDAYS[new Date(Date.UTC(y, mo - 1, d)).getUTCDay()]}）`;
  return s;
}

/** Seconds since the epoch or an ISO timestamp → "2026年11月26日 14:05" in China Standard Time. */
export function cnDateTime(value) {
  if (value === null || value === undefined || value === '') return '';
  const ms = typeof value === 'number' ? value * 1000 : Date.parse(value);
  if (Number.isNaN(ms)) return String(value);
  const t = new Date(ms + 8 * 3600 * 1000); // CST has no DST
  const p = (n) => String(n).padStart(2, '0');
  return `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${p(t.getUTCHours())}:${p(t.getUTCMinutes())}`;
}

/** Today's date in China Standard Time as YYYY-MM-DD (the core's `as_of`). */
export function todayCst() {
  const t = new Date(Date.now() + 8 * 3600 * 1000);
  return t.toISOString().slice(0, 10);
}

// Made on first use: building a locale's number format loads its ICU data (tens of ms on a
// phone), which no page should pay for while it starts.
let nf = null;
/** 1234 → "1,234". */
export function cnNumber(n) {
  nf ||= new Intl.NumberFormat('zh-CN');
  return nf.format(n);
}

/** Bytes → "1.2 MB" / "340 KB". */
export function fileSize(bytes) {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Supervision level → label and colour class. */
export const LEVELS = {
  normal: { label: '正常', cls: 'lv-normal' },
  yellow: { label: '黄牌预警', cls: 'lv-yellow' },
  red: { label: '红牌预警', cls: 'lv-red' },
  overdue: { label: '已超期', cls: 'lv-overdue' },
  done: { label: '已办结', cls: 'lv-normal' },
};

/** Online level codes → Chinese. */
export function onlineLevel(v) {
  // The catalog's three codes (docs/catalog.md `online_level`).
  const m = { full_online: '全程网办', at_most_once: '最多跑一次', on_site: '现场办理' };
  return m[v] || v || '';
}
