import { createApp } from 'vue';
import App from './App.vue';
import { router } from './router.js';
import { installVant } from './vant.js';
import './styles.css';
import { coreState, callCore, ensureCore } from './core/wasm_core.js';
import { applyElderMode } from './util/elder_mode.js';
import { installKeyboardActivation } from './util/keyboard_activation.js';
import { registerServiceWorker } from './util/service_worker.js';
import { reloadOnStaleBuild } from './util/stale_build.js';

// 长辈版 before the first render: the page is laid out once, at its size.
applyElderMode();
installKeyboardActivation();
reloadOnStaleBuild();

// For the browser tests and the budget benchmark (tests/e2e, tests/bench/phone_budget.mjs).
window.__yilu = { coreState, callCore, ensureCore };

const app = createApp(App);
installVant(app);
app.use(router);
app.mount('#app');

// Offline and repeat visits from the device (src/sw/service_worker.js), after the page loaded.
registerServiceWorker();
