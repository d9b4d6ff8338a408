#!/usr/bin/env node
// Writes a centre's standard item list (事项清单) the way centres export it, for `yilu catalog
// import` tests: 23 city departments and 5 kinds in each of 三亚's four districts (43 in the
// 部门与窗口 sheet), items of real service subjects and their sub-items, one row per material.
// An item's columns A–M stand on its first row only (as under merged cells — they are merged in
// the XLSX), except every 5th item, which repeats them on each material row: exports do both.
// Twelve items, spread through the file, each carry exactly one fault; expected.json lists them.
//
// Usage: node tests/tools/gen_item_list.mjs --out DIR [--items 820] [--seed 1]
// Writes DIR/item-list.xlsx (sheets 事项清单, 部门与窗口), DIR/item-list.csv, DIR/mapping.csv
// (UTF-8 with BOM, CRLF, RFC 4180 quoting) and DIR/expected.json. The same seed gives the same
// CSV and JSON bytes. Needs web/'s node_modules (npm ci in web/) for write-excel-file.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const WEB = resolve(dirname(fileURLToPath(import.meta.url)), '../../web');

// Sub-items per item type; '' is the item without a sub-item.
const TYPES = {
  L: { name: '行政许可', code: '01', subs: ['新办', '变更', '延续', '注销', '补发'], legal: [20, 20, 30, 45, 60] },
  C: { name: '行政确认', code: '07', subs: ['', '变更', '补发', '注销'], legal: [10, 15, 20, 30] },
  B: { name: '行政给付', code: '04', subs: ['', '变更', '终止'], legal: [15, 20, 30, 60] },
  S: { name: '公共服务', code: '20', subs: ['', '变更', '注销'], legal: [5, 10, 15, 20] },
  F: { name: '其他行政权力', code: '10', subs: ['', '变更', '注销'], legal: [5, 10, 15] },
};
const OBJECTS = { P: '自然人', O: '法人', A: '自然人、法人' };

// One department a line: id|name|window|laws|subjects. window is social, build or talent for the
// shared windows, else the short name of the department's own window; a subject is name/type/object.
const table = (text) =>
  text
    .trim()
    .split('\n')
    .map((line) => line.split('|'));
const CITY = table(`
wjw|三亚市卫生健康委员会|social|《护士条例》《医疗机构管理条例》|护士执业注册/L/P 医师执业注册/L/P 医疗机构执业登记/L/O 放射诊疗许可/L/O 公共场所卫生许可/L/O 出生医学证明签发/C/P 计划生育家庭奖励扶助金申领/B/P 职业病诊断/C/P
gaj|三亚市公安局|social|《中华人民共和国户口登记条例》《中华人民共和国居民身份证法》|户口迁入登记/C/P 户口迁出登记/C/P 居民身份证申领/C/P 临时居民身份证申领/C/P 旅馆业特种行业许可/L/O 无犯罪记录证明开具/S/P 公章刻制备案/F/O 大型群众性活动安全许可/L/O
rsj|三亚市人力资源和社会保障局|social|《中华人民共和国社会保险法》《工伤保险条例》|就业创业证申领/S/P 灵活就业人员参保登记/S/P 工伤认定/C/P 劳务派遣经营许可/L/O 人力资源服务许可/L/O 失业保险金申领/B/P 一次性创业补贴申领/B/P 社会保障卡申领/S/P
ybj|三亚市医疗保障局|social|《中华人民共和国社会保险法》《医疗保障基金使用监督管理条例》|异地就医备案/F/P 门诊慢特病待遇认定/C/P 零星医疗费用报销/B/P 医疗救助申请/B/P 定点医药机构申请/F/O 生育保险待遇核定/B/P 城乡居民医疗保险参保登记/S/P 长期护理保险待遇申请/B/P
mz|三亚市民政局|social|《社会团体登记管理条例》《社会救助暂行办法》|社会团体登记/L/O 民办非企业单位登记/L/O 养老机构备案/F/O 内地居民婚姻登记/C/P 收养登记/C/P 最低生活保障审核确认/B/P 临时救助审批/B/P 孤儿基本生活费发放/B/P
jy|三亚市教育局|social|《中华人民共和国教育法》《教师资格条例》|民办学校办学许可/L/O 教师资格认定/C/P 家庭经济困难学生资助/B/P 校外培训机构审批/L/O 学籍证明开具/S/P 义务教育入学登记/S/P
scjg|三亚市市场监督管理局|市场监管|《中华人民共和国市场主体登记管理条例》《国务院关于深化"证照分离"改革进一步激发市场主体发展活力的通知》|企业设立登记/L/O 个体工商户登记/L/P 食品生产许可/L/O 食品经营许可/L/O 药品零售企业经营许可/L/O 特种设备使用登记/C/O 股权出质登记/C/O 动产抵押登记/C/O
sw|国家税务总局三亚市税务局|税务|《中华人民共和国税收征收管理法》《中华人民共和国发票管理办法》|税务登记/C/O 增值税一般纳税人登记/C/O 跨区域涉税事项报告/S/O 税收减免备案/F/O 发票领用/S/O 完税证明开具/S/P 个人代开增值税发票/S/P 出口退（免）税备案/F/O
zrzy|三亚市自然资源和规划局|build|《不动产登记暂行条例》《中华人民共和国城乡规划法》|不动产首次登记/C/A 不动产转移登记/C/A 不动产抵押权登记/C/A 建设用地规划许可证核发/L/O 建设工程规划许可证核发/L/O 临时用地审批/L/O 乡村建设规划许可/L/P 测绘资质审批/L/O
zj|三亚市住房和城乡建设局|build|《中华人民共和国建筑法》《城市房地产开发经营管理条例》|建筑工程施工许可证核发/L/O 商品房预售许可/L/O 建筑业企业资质核准/L/O 房地产开发企业资质核定/L/O 燃气经营许可/L/O 房屋租赁登记备案/F/A 城市道路占用挖掘审批/L/O 公共租赁住房申请/B/P
fgw|三亚市发展和改革委员会|build|《企业投资项目核准和备案管理条例》《中华人民共和国节约能源法》|企业投资项目核准/L/O 企业投资项目备案/F/O 固定资产投资项目节能审查/L/O 政府投资项目可行性研究报告审批/F/O 价格认定/S/O 粮食收购资格备案/F/O
xf|三亚市消防救援支队|build|《中华人民共和国消防法》|公众聚集场所投入使用营业前消防安全检查/L/O 大型群众性活动消防安全检查/F/O 消防技术服务机构执业备案/F/O 火灾事故认定/C/A 消防安全重点单位申报/F/O 消防产品现场检查/F/O
stj|三亚市生态环境局|build|《中华人民共和国环境影响评价法》《排污许可管理条例》|建设项目环境影响报告书审批/L/O 建设项目环境影响报告表审批/L/O 排污许可/L/O 危险废物经营许可/L/O 辐射安全许可/L/O 环境影响登记表备案/F/O
swj|三亚市水务局|build|《中华人民共和国水法》《城镇排水与污水处理条例》|取水许可/L/O 城镇污水排入排水管网许可/L/O 生产建设项目水土保持方案审批/L/O 河道管理范围内建设项目审批/L/O 占用农业灌溉水源审批/L/O 城市供水用户报装/S/A
rcfz|三亚市人才发展局|talent|《关于深化人才发展体制机制改革的意见》《外国人在中国就业管理规定》|高层次人才认定/C/P 人才服务卡申领/S/P 高校毕业生租房和生活补贴申领/B/P 人才安家费申领/B/P 人才公寓配租/S/P 引进人才购房资格认定/C/P 外国人来华工作许可/L/P 博士后日常经费资助/B/O
gjj|海南省住房公积金管理局三亚市管理局|住房公积金|《住房公积金管理条例》|住房公积金提取/B/P 住房公积金贷款/B/P 住房公积金个人账户设立/S/O 单位住房公积金缴存登记/S/O 住房公积金异地转移接续/S/P 住房公积金缴存证明打印/S/P 灵活就业人员缴存住房公积金/S/P 住房公积金贷款结清证明开具/S/P
jt|三亚市交通运输局|交通运输|《中华人民共和国道路运输条例》《巡游出租汽车经营服务管理规定》|道路旅客运输经营许可/L/O 道路货物运输经营许可/L/O 出租汽车经营许可/L/O 网络预约出租汽车运输证核发/L/A 机动车维修经营备案/F/O 道路运输从业人员从业资格/C/P
wl|三亚市旅游和文化广电体育局|旅游文化|《旅行社条例》《娱乐场所管理条例》|旅行社业务经营许可/L/O 娱乐场所经营许可/L/O 营业性演出审批/L/O 互联网上网服务营业场所经营许可/L/O 高危险性体育项目经营许可/L/O 导游证核发/L/P
sf|三亚市司法局|司法行政|《中华人民共和国律师法》《中华人民共和国法律援助法》|律师执业许可/L/P 律师事务所设立许可/L/O 法律援助申请/S/P 基层法律服务工作者执业核准/L/P 司法鉴定人执业登记/L/P 人民调解申请/S/A
tyjr|三亚市退役军人事务局|social|《中华人民共和国退役军人保障法》《军人抚恤优待条例》|退役士兵自主就业一次性经济补助/B/P 伤残抚恤关系转移/C/P 优待证申领/S/P 烈士褒扬金发放/B/P 退役军人创业贷款贴息/B/P 悬挂光荣牌/S/P
nync|三亚市农业农村局|农业农村|《中华人民共和国种子法》《农药管理条例》|农作物种子生产经营许可/L/O 农药经营许可/L/O 兽药经营许可/L/O 动物防疫条件合格证核发/L/O 渔业捕捞许可/L/A 农村宅基地审批/L/P 拖拉机和联合收割机登记/C/A 生鲜乳收购站许可/L/O
yjgl|三亚市应急管理局|应急管理|《安全生产许可证条例》《危险化学品安全管理条例》|危险化学品经营许可/L/O 烟花爆竹经营（零售）许可/L/O 非煤矿山安全生产许可/L/O 第二类非药品类易制毒化学品经营备案/F/O 生产安全事故应急预案备案/F/O 特种作业人员操作证/C/P
cl|三亚市残疾人联合会|social|《中华人民共和国残疾人保障法》|残疾人证核发/C/P 困难残疾人生活补贴/B/P 重度残疾人护理补贴/B/P 残疾人辅助器具适配/S/P 残疾人就业保障金减免/F/O 残疾儿童康复救助/B/P
`);
const DISTRICTS = [
  ['haitang', '海棠区'],
  ['jiyang', '吉阳区'],
  ['tianya', '天涯区'],
  ['yazhou', '崖州区'],
];
// The same kinds in every district: id and name after the district's.
const DISTRICT_KINDS = table(`
mz|民政局|social|《社会救助暂行办法》《殡葬管理条例》|最低生活保障审核确认/B/P 特困人员认定/B/P 临时救助审批/B/P 结婚登记/C/P 高龄老人长寿补贴/B/P 殡葬补贴申领/B/P
wjw|卫生健康委员会|social|《医疗机构管理条例》《公共场所卫生管理条例》|诊所备案/F/O 公共场所卫生许可/L/O 预防接种证办理/S/P 计划生育特殊家庭扶助/B/P 母婴保健技术服务执业许可/L/O 饮用水供水单位卫生许可/L/O
zj|住房和城乡建设局|build|《建设工程质量管理条例》《物业管理条例》|限额以下建筑工程施工许可/L/O 房屋建筑工程竣工验收备案/F/O 城镇老旧小区改造申请/S/A 农村危房改造补助/B/P 物业服务企业备案/F/O 建筑垃圾处置核准/L/O
sf|司法局|司法|《中华人民共和国人民调解法》《中华人民共和国法律援助法》|法律援助申请/S/P 人民调解申请/S/A 基层法律服务所设立/L/O 刑满释放人员安置帮教/S/P 法律咨询/S/A 人民调解员聘任/F/P
nync|农业农村局|农业农村|《中华人民共和国土地管理法》《中华人民共和国动物防疫法》|农村宅基地审批/L/P 农村土地承包经营权流转备案/F/P 渔业船舶登记/C/A 农机购置补贴申领/B/A 动物诊疗许可/L/O 农作物病虫害防治服务/S/A
`);
const HOURS = '周一至周五 9:00–12:00，14:30–17:30';
// The shared windows; the talent one's hours use ASCII commas and the fund's place a line break,
// so that both files exercise quoting.
const SHARED = {
  social: ['社会民生综合窗口', 'w_social', '三亚市政务服务中心一楼 B 区', `${HOURS}；周六 9:00–12:00`],
  build: ['建设项目综合窗口', 'w_build', '三亚市政务服务中心二楼 A 区', HOURS],
  talent: [
    '人才平台综合窗口',
    'w_talent',
    '三亚市政务服务中心一楼 C 区（人才服务专区）',
    '周一至周五 9:00-12:00, 14:30-17:30',
  ],
};
const MATERIALS = {
  P: '申请人身份证明 户口簿 近期免冠照片 结婚证 委托书及受托人身份证明 居住证明 银行账户信息 相关证明材料'.split(' '),
  O: '营业执照 法定代表人身份证明 授权委托书 经营场所证明 单位章程 管理制度文本 信用承诺书 相关证明材料'.split(' '),
};
MATERIALS.A = [...new Set([...MATERIALS.P, ...MATERIALS.O])];
const FORMS = ['原件', '复印件', '原件和复印件', '电子件'];
const UNKNOWN = ['三亚市不存在局', '三亚市星际事务局', '三亚市吉阳区不存在办公室'];
const FAULTS = Object.entries({
  missing_promised: 4,
  unknown_department: 3,
  missing_form: 3,
  promised_exceeds_legal: 2,
}).flatMap(([fault, n]) => Array(n).fill(fault));
// Columns A–R.
const HEADER = [
  ...'事项编码 事项名称 事项类型 实施主体 受理窗口 服务对象 法定办结时限 承诺办结时限 是否网办'.split(' '),
  ...'收费 设定依据 办理地点 办理时间 材料名称 材料形式 份数 是否必要 是否容缺'.split(' '),
];
const MAPPING_HEADER = ['实施主体', '部门编号', '层级', '受理窗口', '窗口编号', '窗口类型', '办理地点', '办理时间'];
const NUMERIC = new Set([6, 7, 15]); // G, H, P

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CN = '零一二三四五六七八九';
const cnNumber = (n) => (n < 10 ? CN[n] : `${n >= 20 ? CN[Math.floor(n / 10)] : ''}十${n % 10 ? CN[n % 10] : ''}`);

function departments() {
  const own = (id, short, place) => [
    `${short}窗口`,
    `w_${id}`,
    place,
    id === 'gjj' ? HOURS.replace('9:00', '8:30') : HOURS,
  ];
  const depts = CITY.map(([id, name, win, laws, subjects], i) => {
    const place = `三亚市政务服务中心${'一二三'[i % 3]}楼 ${'DEFGHIJK'[i % 8]} 区${id === 'gjj' ? '\n（住房公积金服务大厅）' : ''}`;
    return { id, name, level: '市级', laws, subjects, window: SHARED[win] || own(id, win, place) };
  });
  for (const [did, dname] of DISTRICTS) {
    for (const [kid, kname, win, laws, subjects] of DISTRICT_KINDS) {
      const id = `${did}_${kid}`;
      const window = SHARED[win] || own(id, `${dname}${win}`, `三亚市${dname}政务服务中心一楼`);
      depts.push({ id, name: `三亚市${dname}${kname}`, level: '区级', laws, district: dname, window, subjects });
    }
  }
  for (const d of depts) {
    d.laws = d.laws.match(/《[^》]+》/g);
    d.subjects = d.subjects.split(' ').map((s) => s.split('/'));
  }
  return depts;
}

function generate(count, seed) {
  const rand = mulberry32(seed);
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = (a) => a[Math.floor(rand() * a.length)];
  const shuffle = (a) => {
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  };
  const depts = departments();

  // Every (department, subject, sub-item) once; one per department first, so none goes empty.
  const pools = depts.map((d, di) =>
    shuffle(d.subjects.flatMap(([, type], si) => TYPES[type].subs.map((_, vi) => [di, si, vi]))),
  );
  const total = count + FAULTS.length;
  const capacity = pools.reduce((n, p) => n + p.length, 0);
  if (total > capacity) throw new Error(`--items 最多 ${capacity - FAULTS.length}（词表只有 ${capacity} 个事项）`);
  const rest = shuffle(pools.flatMap((p) => p.slice(1)));
  const chosen = [...pools.map((p) => p[0]), ...rest].slice(0, total);
  chosen.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);

  const serial = new Map();
  const items = chosen.map(([di, si, vi]) => {
    const d = depts[di];
    const [subject, type, object] = d.subjects[si];
    const t = TYPES[type];
    const sub = t.subs[vi];
    serial.set(di, (serial.get(di) || 0) + 1);
    const legal = pick(t.legal);
    const window = rand() < 0.1 ? pick([...Object.values(SHARED), d.window]) : null;
    const [, , place, hours] = window || d.window;
    const names = shuffle(MATERIALS[object].slice()).slice(0, int(0, 3));
    const materials = [rand() < 0.5 ? '申请表' : '申请书', ...names].map((name, m) => {
      const required = m === 0 || rand() < 0.7;
      const deferrable = m > 0 && rand() < (required ? 0.15 : 0.4);
      return [name, pick(FORMS), String(int(1, 2)), required ? '必要' : '非必要', deferrable ? '是' : '否'];
    });
    const fee = rand() < 0.9 ? '不收费' : `工本费：${pick([5, 10, 20])}元/${pick(['证', '本'])}`;
    const basis = `${pick(d.laws)}第${cnNumber(int(2, 60))}条`;
    return {
      fields: [
        `4602000${String(di + 1).padStart(3, '0')}${t.code}0000${String(serial.get(di)).padStart(4, '0')}`,
        `${d.district || ''}${subject}${sub ? `（${sub}）` : ''}`,
        t.name,
        d.name,
        window ? window[0] : '',
        OBJECTS[object],
        String(legal),
        String(Math.max(1, Math.round(legal * (0.3 + rand() * 0.3)))),
        pick(['全程网办', '全程网办', '最多跑一次', '最多跑一次', '最多跑一次', '现场办理']),
        fee,
        basis,
        place,
        hours,
      ],
      materials,
    };
  });

  // One fault each, at evenly spread places, so the importer must carry on past each one.
  const faults = new Map(shuffle(FAULTS.slice()).map((f, k) => [Math.floor(((k + 0.5) * total) / FAULTS.length), f]));
  const unknown = UNKNOWN.slice();
  const broken = [];
  const rows = [];
  const merges = []; // [index in rows, row count] of the items whose A–M are merged
  items.forEach((item, i) => {
    const row = rows.length + 2; // the header is row 1
    const f = item.fields;
    const fault = faults.get(i);
    if (fault === 'missing_promised') {
      f[7] = '';
      broken.push({ row, column: HEADER[7], cell: `H${row}`, code: 'import.missing_value' });
    } else if (fault === 'unknown_department') {
      [f[3], f[4]] = [unknown.shift(), ''];
      broken.push({ row, column: HEADER[3], cell: `D${row}`, code: 'import.unknown_department' });
    } else if (fault === 'promised_exceeds_legal') {
      f[7] = String(Number(f[6]) + int(1, 10));
      broken.push({ row, column: HEADER[7], cell: `H${row}`, code: 'import.promised_exceeds_legal' });
    } else if (fault === 'missing_form') {
      const m = int(0, item.materials.length - 1);
      item.materials[m][1] = '';
      broken.push({ row: row + m, column: HEADER[14], cell: `O${row + m}`, code: 'import.missing_value' });
    }
    const repeat = i % 5 === 4;
    if (!repeat && item.materials.length > 1) merges.push([rows.length, item.materials.length]);
    item.materials.forEach((m, j) => rows.push([...(j === 0 || repeat ? f : f.map(() => '')), ...m]));
  });

  const mapping = depts.map(({ name, id, level, window }) => {
    const [wname, wid, place, hours] = window;
    return [
      name,
      id,
      level,
      wname,
      wid,
      Object.values(SHARED).includes(window) ? '综合窗口' : '部门窗口',
      place,
      hours,
    ];
  });
  return { rows, merges, mapping, expected: { items: count, departments: mapping.length, broken } };
}

const csvField = (s) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const csv = (rows) => `\ufeff${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;

// Header bold and kept in view; G, H and P as numbers, as a person types them into Excel.
function xlsxSheet(header, rows, widths, merges = []) {
  const span = new Map(merges);
  const cell = (value, c) => {
    if (value === '') return null;
    return header === HEADER && NUMERIC.has(c) && /^\d+$/.test(value)
      ? { value: Number(value), type: Number }
      : { value, type: String };
  };
  const data = [
    header.map((value) => ({ value, fontWeight: 'bold' })),
    ...rows.map((r, i) =>
      r.map((v, c) => (c < 13 && span.has(i) && v !== '' ? { ...cell(v, c), rowSpan: span.get(i) } : cell(v, c))),
    ),
  ];
  return { data, columns: widths.map((width) => ({ width })), stickyRowsCount: 1 };
}

async function main() {
  const usage = '用法：node tests/tools/gen_item_list.mjs --out DIR [--items 820] [--seed 1]';
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        items: { type: 'string', default: '820' },
        out: { type: 'string' },
        seed: { type: 'string', default: '1' },
      },
    }));
  } catch {
    throw new Error(usage);
  }
  const count = Number(values.items);
  const seed = Number(values.seed);
  if (!values.out || !Number.isInteger(count) || count < 0 || !Number.isInteger(seed)) throw new Error(usage);
  const require = createRequire(join(WEB, 'package.json'));
  const writeXlsxFile = require('write-excel-file/node');
  const { rows, merges, mapping, expected } = generate(count, seed);
  mkdirSync(values.out, { recursive: true });
  writeFileSync(join(values.out, 'item-list.csv'), csv([HEADER, ...rows]));
  writeFileSync(join(values.out, 'mapping.csv'), csv([MAPPING_HEADER, ...mapping]));
  writeFileSync(join(values.out, 'expected.json'), `${JSON.stringify(expected, null, 2)}\n`);
  const itemWidths = [24, 30, 12, 30, 18, 12, 8, 8, 12, 16, 44, 32, 36, 24, 12, 6, 8, 8];
  await writeXlsxFile([
    { sheet: '事项清单', ...xlsxSheet(HEADER, rows, itemWidths, merges) },
    { sheet: '部门与窗口', ...xlsxSheet(MAPPING_HEADER, mapping, [34, 14, 6, 22, 14, 10, 36, 36]) },
  ]).toFile(join(values.out, 'item-list.xlsx'));
}

main().catch((err) => {
  process.stderr.write(`${err.message}\n`);
  process.exitCode = 2;
});
