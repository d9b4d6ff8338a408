import { createApp } from 'vue';
import App from './App.vue';
import { router } from './router.js';
import { installVant } from './vant.js';
import './styles.css';
import { coreState, callCore, ensureCore } from './core/wasm_core.js';

// For the browser tests and the budget benchmark (tests/e2e, tests/bench/web_budget.mjs).
window.__yilu = { coreState, callCore, ensureCore };

const app = createApp(App);
installVant(app);
app.use(router);
app.mount('#app');
