// A table row that opens something (an application, a task) by a click or by Enter: the row is
// focusable and one handler serves both. `<tr v-row-opens="() => open(a.id)">`; a falsy value
// leaves the row inert (not focusable, nothing on a click). A <tr> keeps its table role, which
// role="button" (util/keyboard_activation.js) would take from screen readers.
function handler(el) {
  return el.__yiluRowOpens;
}

function onClick(ev) {
  const open = handler(ev.currentTarget);
  if (open) open();
}

function onKeydown(ev) {
  // Enter on the row itself: a control inside the row handles its own keys.
  if (ev.key !== 'Enter' || ev.target !== ev.currentTarget) return;
  const open = handler(ev.currentTarget);
  if (!open) return;
  ev.preventDefault();
  open();
}

function bind(el, value) {
  el.__yiluRowOpens = typeof value === 'function' ? value : null;
  if (el.__yiluRowOpens) el.tabIndex = 0;
  else el.removeAttribute('tabindex');
}

export const vRowOpens = {
  mounted(el, binding) {
    bind(el, binding.value);
    el.addEventListener('click', onClick);
    el.addEventListener('keydown', onKeydown);
  },
  updated(el, binding) {
    bind(el, binding.value);
  },
  unmounted(el) {
    el.removeEventListener('click', onClick);
    el.removeEventListener('keydown', onKeydown);
    el.__yiluRowOpens = null;
  },
};
