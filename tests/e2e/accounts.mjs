// The demo staff accounts `yilu serve --demo` prints once at start-up (password from
// YILU_DEMO_PASSWORD), read from its log.
import { DEMO_PASSWORD } from './harness.mjs';

export function demoAccounts(log) {
  const out = [];
  for (const line of log.split('\n')) {
    const m = line.match(/\[demo\]\s+(\S+)\s+(clerk|reviewer|supervisor|admin)(?:\s+(\S+))?/);
    if (!m) continue;
    const a = { username: m[1], role: m[2], password: DEMO_PASSWORD };
    if (m[2] === 'clerk') a.window = m[3];
    if (m[2] === 'reviewer') a.department = m[3];
    out.push(a);
  }
  return out;
}
