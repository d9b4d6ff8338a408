import { createApp } from 'vue';
import App from './App.vue';
import { router } from './router.js';
import { installVant } from './vant.js';
import './styles.css';

const app = createApp(App);
installVant(app);
app.use(router);
app.mount('#app');
