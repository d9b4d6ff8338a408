// The demo staff accounts `yilu serve --demo` prints once at start-up
// ("  clerk-w_social  <password>  clerk  社会民生综合窗口"), read from its log. Usernames are
// clerk-<window id>, reviewer-<department id>, supervisor, admin.
export function demoAccounts(log) {
  const out = [];
  for (const line of log.split('\n')) {
    const m = line.match(/^\s+(\S+)\s+(\S+)\s+(clerk|reviewer|supervisor|admin)\b\s*(.*)$/);
    if (!m) continue;
    const a = { username: m[1], password: m[2], role: m[3], scope: m[4].trim() };
    if (a.role === 'clerk') a.window = a.username.replace(/^clerk-/, '');
    if (a.role === 'reviewer') a.department = a.username.replace(/^reviewer-/, '');
    out.push(a);
  }
  return out;
}
