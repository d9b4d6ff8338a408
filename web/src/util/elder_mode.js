// 长辈版: larger text and touch targets, chosen per device (kept in localStorage, not in the
// account: a shared family phone keeps it for whoever holds it). The class on <html> switches
// the sizes in styles.css; main.js applies it before the app mounts, so nothing jumps.
import { ref } from 'vue';

const KEY = 'yilu.elder';

/** @returns {boolean} */
function stored() {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false; // storage blocked: the standard sizes
  }
}

/** Whether 长辈版 is on (reactive, for the switches). */
export const elderMode = ref(stored());

/**
 * Puts the class on <html> as the stored choice says.
 * @returns {void}
 */
export function applyElderMode() {
  document.documentElement.classList.toggle('elder', elderMode.value);
}

/**
 * Turns 长辈版 on or off on this device.
 * @param {boolean} on
 * @returns {void}
 */
export function setElderMode(on) {
  elderMode.value = on;
  try {
    if (on) localStorage.setItem(KEY, '1');
    else localStorage.removeItem(KEY);
  } catch {
    /* not kept across reloads, but on for this visit */
  }
  applyElderMode();
}
