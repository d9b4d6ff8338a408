// The Vant components the pages use, each with only its own styles: importing all of Vant's
// CSS would alone cost ~50 KB gzip of the home page's 300 KB budget.
import {
  Button, Cell, CellGroup, Field, Search, Grid, GridItem, NavBar, Tabbar, TabbarItem, Tag,
  Steps, Step, Progress, NoticeBar, Radio, RadioGroup, Checkbox, CheckboxGroup, Rate, Empty,
  Loading, Collapse, CollapseItem, Tabs, Tab, Icon, Image as VanImage, Divider,
} from 'vant';
import 'vant/es/button/style/index.mjs';
import 'vant/es/cell/style/index.mjs';
import 'vant/es/cell-group/style/index.mjs';
import 'vant/es/field/style/index.mjs';
import 'vant/es/search/style/index.mjs';
import 'vant/es/grid/style/index.mjs';
import 'vant/es/grid-item/style/index.mjs';
import 'vant/es/nav-bar/style/index.mjs';
import 'vant/es/tabbar/style/index.mjs';
import 'vant/es/tabbar-item/style/index.mjs';
import 'vant/es/tag/style/index.mjs';
import 'vant/es/steps/style/index.mjs';
import 'vant/es/step/style/index.mjs';
import 'vant/es/progress/style/index.mjs';
import 'vant/es/notice-bar/style/index.mjs';
import 'vant/es/radio/style/index.mjs';
import 'vant/es/radio-group/style/index.mjs';
import 'vant/es/checkbox/style/index.mjs';
import 'vant/es/checkbox-group/style/index.mjs';
import 'vant/es/rate/style/index.mjs';
import 'vant/es/empty/style/index.mjs';
import 'vant/es/loading/style/index.mjs';
import 'vant/es/collapse/style/index.mjs';
import 'vant/es/collapse-item/style/index.mjs';
import 'vant/es/tabs/style/index.mjs';
import 'vant/es/tab/style/index.mjs';
import 'vant/es/icon/style/index.mjs';
import 'vant/es/image/style/index.mjs';
import 'vant/es/divider/style/index.mjs';
import 'vant/es/toast/style/index.mjs';
import 'vant/es/dialog/style/index.mjs';

const components = [
  Button, Cell, CellGroup, Field, Search, Grid, GridItem, NavBar, Tabbar, TabbarItem, Tag,
  Steps, Step, Progress, NoticeBar, Radio, RadioGroup, Checkbox, CheckboxGroup, Rate, Empty,
  Loading, Collapse, CollapseItem, Tabs, Tab, Icon, VanImage, Divider,
];

export function installVant(app) {
  for (const c of components) app.use(c);
}
