// Whether the device says it is online (navigator.onLine and its online/offline events), as
// reactive state: the offline banner shows from it, and a submission made offline waits for
// `online` instead of failing. "Online" is the device's word only: a request may still fail,
// and callers handle that as before.
import { reactive } from 'vue';

export const network = reactive({ online: typeof navigator === 'undefined' ? true : navigator.onLine !== false });

if (typeof window !== 'undefined') {
  window.addEventListener('online', () => (network.online = true));
  window.addEventListener('offline', () => (network.online = false));
}
