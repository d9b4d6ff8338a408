// Vant's styles for the components the pages use (each page imports the components themselves:
// vite.config.js, vantOnDemand): importing all of Vant's CSS would alone cost ~50 KB gzip of the
// home page's 300 KB budget, its icon font 28 KB.
// Vant's per-component CSS without its icon font (src/icons.css draws the icons used).
import 'vant/es/style/base.css';
import 'vant/es/badge/index.css';
import 'vant/es/loading/index.css';
import 'vant/es/overlay/index.css';
import 'vant/es/popup/index.css';
import 'vant/es/button/index.css';
import 'vant/es/cell/index.css';
import 'vant/es/cell-group/index.css';
import 'vant/es/field/index.css';
import 'vant/es/search/index.css';
import 'vant/es/grid/index.css';
import 'vant/es/grid-item/index.css';
import 'vant/es/nav-bar/index.css';
import 'vant/es/tabbar/index.css';
import 'vant/es/tabbar-item/index.css';
import 'vant/es/tag/index.css';
import 'vant/es/steps/index.css';
import 'vant/es/step/index.css';
import 'vant/es/progress/index.css';
import 'vant/es/notice-bar/index.css';
import 'vant/es/radio/index.css';
import 'vant/es/radio-group/index.css';
import 'vant/es/checkbox/index.css';
import 'vant/es/checkbox-group/index.css';
import 'vant/es/rate/index.css';
import 'vant/es/empty/index.css';
import 'vant/es/collapse-item/index.css';
import 'vant/es/tabs/index.css';
import 'vant/es/tab/index.css';
import 'vant/es/sticky/index.css';
import 'vant/es/swipe/index.css';
import 'vant/es/swipe-item/index.css';
import 'vant/es/image/index.css';
import 'vant/es/divider/index.css';
import 'vant/es/list/index.css';
import 'vant/es/toast/index.css';
import 'vant/es/dialog/index.css';
import 'vant/es/action-bar/index.css';
import 'vant/es/action-bar-button/index.css';
import './icons.css';
// Vant's NavBar look with 返回 as a real button (keyboard users reach and press it).
import NavBar from './components/NavBar.vue';

export function installVant(app) {
  app.component('VanNavBar', NavBar);
}
