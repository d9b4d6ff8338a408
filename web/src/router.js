// Resident pages at the root, the staff console under /staff (its own lazily loaded chunks,
// so residents never download it). `yilu serve` answers unknown paths with index.html.
import { START_LOCATION, createRouter, createWebHistory } from 'vue-router';
import Home from './views/resident/Home.vue';
import { catalogPagePath } from './api/early_catalog.js';

const routes = [
  { path: catalogPagePath('home'), component: Home, meta: { title: '一鹿快办', tab: 'home' } },
  {
    path: catalogPagePath('search'),
    component: () => import('./views/resident/Search.vue'),
    meta: { title: '搜索事项', tab: 'home' },
  },
  {
    path: catalogPagePath('window'),
    component: () => import('./views/resident/WindowItems.vue'),
    meta: { title: '办事窗口', tab: 'home' },
  },
  {
    path: catalogPagePath('departments'),
    component: () => import('./views/resident/Departments.vue'),
    meta: { title: '按部门查找', tab: 'home' },
  },
  {
    path: catalogPagePath('events'),
    component: () => import('./views/resident/LifeEvents.vue'),
    meta: { title: '按主题查找', tab: 'home' },
  },
  ...['department', 'event'].map((name) => ({
    path: catalogPagePath(name),
    component: () => import('./views/resident/Browse.vue'),
    meta: { title: '事项列表', tab: 'home' },
  })),
  {
    path: '/guide/:kind/:id',
    component: () => import('./views/resident/Guide.vue'),
    meta: { title: '办事指南', tab: 'home' },
  },
  {
    path: '/apply/:kind/:id',
    component: () => import('./views/resident/Apply.vue'),
    meta: { title: '在线申报', tab: 'home', auth: true, noTabbar: true },
  },
  {
    path: '/login',
    component: () => import('./views/resident/Login.vue'),
    meta: { title: '登录', tab: 'me', noTabbar: true },
  },
  {
    path: '/me',
    component: () => import('./views/resident/MyApps.vue'),
    meta: { title: '我的办件', tab: 'me', auth: true },
  },
  {
    path: '/inbox',
    component: () => import('./views/resident/Inbox.vue'),
    meta: { title: '消息', tab: 'inbox', auth: true },
  },
  {
    path: '/me/:id',
    component: () => import('./views/resident/AppDetail.vue'),
    meta: { title: '办件详情', tab: 'me', auth: true },
  },
  { path: '/staff', component: () => import('./views/staff/StaffConsole.vue'), meta: { title: '工作台', staff: true } },
  {
    path: '/staff/login',
    component: () => import('./views/staff/StaffLogin.vue'),
    meta: { title: '工作人员登录', staff: true },
  },
  { path: '/:rest(.*)*', component: () => import('./views/NotFound.vue'), meta: { title: '页面不存在' } },
];

export const router = createRouter({
  history: createWebHistory(),
  routes,
  // Back and forward return where the resident was; a new page starts at its top. The first
  // page of a visit is already there: scrolling it would force a layout while the page starts.
  scrollBehavior: (to, from, saved) => saved || (from === START_LOCATION ? false : { top: 0 }),
});

router.afterEach((to) => {
  document.title = to.meta.title && to.meta.title !== '一鹿快办' ? `${to.meta.title} - 一鹿快办` : '一鹿快办';
});

// Pages that act for a resident need a signed-in resident; staff pages handle their own sign-in.
import { session } from './api/http.js';
import { getSliceText, previewText } from './api/data.js';
import { askAhead } from './core/ask.js';
import { prepareCore } from './core/wasm_core.js';
import { guideRequest, planRequest } from './core/ops.js';
router.beforeEach((to) => {
  // A guide's first answer, and the slice that names its parts, are asked for beside the
  // download of the guide page's code.
  if (to.path.startsWith('/guide/')) {
    const { kind, id } = to.params;
    askAhead(kind === 'bundle' ? planRequest(String(id), {}) : guideRequest(String(id), {}));
    getSliceText(kind === 'bundle' ? 'bundle' : 'item', String(id)).catch(() => {});
  }
  // The guides and forms load the core once shown; its worker starts now.
  if (to.path.startsWith('/guide/') || to.path.startsWith('/apply/')) prepareCore();
  // A preview of the form (the console's draft) shows it to whoever looks; it sends nothing.
  const preview = previewText && to.path.startsWith('/apply/');
  if (to.meta.auth && !session.resident && !preview) return { path: '/login', query: { next: to.fullPath } };
  if (to.path === '/staff' && !session.staff) return { path: '/staff/login' };
  return true;
});
