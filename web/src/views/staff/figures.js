// What the supervision figure tabs share (按时办结率, 好差评, 办理用时): the figures of the period
// and grouping the form says, asked of the server, and the chart beside the table (by default the
// bar chart of each group's rate). Every figure is the server's: the page only shows it.
// The first request leaves the period to the server; the form then takes the period and the
// grouping the server used from its answer. Only the latest request's answer is shown (a slow
// earlier one is dropped). A chart's code (ECharts) is asked for with import() as the tab opens
// (useLazyChart), so ECharts stays out of every other screen.
import { computed, nextTick, onBeforeUnmount, onMounted, ref, watch } from 'vue';
import { nameOf } from '../../util/catalog_view.js';
import { rateText } from './on_time_table.js';

/**
 * @param {(query: { by: string, from: string, to: string, [filter: string]: string }) => Promise<any>} fetchFigures
 *   asks the server (onTimeFigures, ratingFigures, …)
 * @param {object} options
 * @param {{ by: string, from: string, to: string }} options.form the reactive filter form
 * @param {import('vue').Ref<{ id: string, name: string }[]>} options.departments the filter's choices (the
 *   catalog's departments, or what `filterKey` names), to name the filter in the title and the file name
 * @param {Record<string, string>} options.byLabels the groupings' Chinese names (按部门 …)
 * @param {() => string} [options.department] the filter's value to send (the form's department by default)
 * @param {string} [options.filterKey] the query parameter the filter is sent as: department (default), window
 * @param {(data: import('vue').Ref<any>, byLabel: import('vue').Ref<string>) => FigureChart} [options.chart]
 *   the chart beside the table (by default the bars of each group's rate: the options below)
 * @param {string} [options.rateName] what the chart's bars are (按时办结率, 好评率)
 * @param {(answer: any, group: any) => string} [options.groupName] a bar's name
 * @param {(group: any) => number | undefined} [options.rateOf] a bar's rate (%)
 * @param {(answer: any) => boolean} [options.columnsOf] whether the bars stand as columns
 */
export function useFigures(fetchFigures, options) {
  const { form, departments, byLabels, department = () => form.department, filterKey = 'department' } = options;
  const data = ref(null); // the answer shown
  const shownDepartment = ref(''); // the filter of the answer shown
  const msg = ref('');
  const loading = ref(false);

  const byLabel = computed(() => byLabels[data.value?.by] || '');
  const shownDepartmentName = computed(() =>
    shownDepartment.value ? nameOf(departments.value, shownDepartment.value) : '',
  );

  let asked = 0; // only the latest request's answer is shown (a slow earlier one is dropped)
  async function load() {
    const seq = ++asked;
    const filter = department();
    const query = { by: form.by, from: form.from, to: form.to, [filterKey]: filter };
    msg.value = '';
    loading.value = true;
    try {
      const answer = await fetchFigures(query);
      if (seq !== asked) return;
      data.value = answer;
      shownDepartment.value = filter;
      // The period the server used (its default when none was sent), and its grouping.
      form.by = answer.by;
      form.from = answer.from;
      form.to = answer.to;
    } catch (e) {
      if (seq === asked) msg.value = e.message; // the server's Chinese message (bad_period, …)
    } finally {
      if (seq === asked) loading.value = false;
    }
  }

  const chart = (options.chart || ((d, b) => useRateChart(d, b, options)))(data, byLabel);

  onMounted(() => {
    chart.loadChartCode().catch(() => {}); // drawChart says so if it did not load
    load();
  });

  return {
    data,
    msg,
    loading,
    load,
    byLabel,
    shownDepartment,
    shownDepartmentName,
    chartEl: chart.chartEl,
    chartMsg: chart.chartMsg,
    chartHeight: chart.chartHeight,
    chartLabel: chart.chartLabel,
  };
}

/**
 * @typedef {object} FigureChart
 * @property {import('vue').Ref<HTMLElement | null>} chartEl where the chart is drawn (ref="chartEl")
 * @property {import('vue').Ref<string>} chartMsg said when its code could not be loaded
 * @property {import('vue').Ref<string>} chartHeight its height, for the number of groups
 * @property {import('vue').Ref<string>} chartLabel what it shows, for a screen reader (role="img")
 * @property {() => Promise<any>} loadChartCode asks for its code (as the tab opens)
 */

/**
 * A chart drawn by a module loaded with import() (ECharts' chunk), redrawn with each answer that
 * has groups and removed when one has none or the screen closes. Only the latest answer is drawn;
 * the code is asked for again by the next answer when it failed to load (chartMsg says so meanwhile).
 * @param {import('vue').Ref<any>} data the answer shown
 * @param {object} options
 * @param {() => Promise<any>} options.loadCode import() of the chart's module
 * @param {() => any} options.figures what is drawn, made of the answer shown
 * @param {(code: any, el: HTMLElement, figures: any) => { update: (figures: any) => void, dispose: () => void }} options.draw
 *   draws into `el` with the loaded module; returns what redraws and removes it
 * @param {() => unknown} [options.layout] a chart drawn in another layout is drawn anew, not updated
 */
export function useLazyChart(data, { loadCode, figures, draw, layout = () => '' }) {
  const chartEl = ref(null);
  const chartMsg = ref('');
  let chartCode = null; // Promise of the chart's module
  let chart = null; // { el, layout, update, dispose }
  const loadChartCode = () =>
    (chartCode ||= loadCode().catch((e) => {
      chartCode = null; // the next answer tries again
      throw e;
    }));

  async function drawChart() {
    const answer = data.value;
    if (!answer?.groups.length) {
      chart?.dispose();
      chart = null;
      return;
    }
    let code;
    try {
      code = await loadChartCode();
      chartMsg.value = '';
    } catch {
      chartMsg.value = '图表未能加载，各项数字见表格';
      return;
    }
    await nextTick();
    const el = chartEl.value;
    if (data.value !== answer || !el) return; // a newer answer draws itself
    const shape = layout();
    if (chart && chart.el === el && chart.layout === shape) chart.update(figures());
    else {
      chart?.dispose();
      chart = { el, layout: shape, ...draw(code, el, figures()) };
    }
  }
  watch(data, drawChart, { flush: 'post' });
  onBeforeUnmount(() => {
    chart?.dispose();
    chart = null;
  });

  return { chartEl, chartMsg, loadChartCode };
}

// ---- the rate chart: the shared on_time_chart.js chunk, beside the figures ------------------
function useRateChart(data, byLabel, { rateName, groupName, rateOf, columnsOf = () => false }) {
  const columns = computed(() => Boolean(data.value && columnsOf(data.value)));
  const bars = computed(() => {
    const answer = data.value;
    const groups = answer?.groups || [];
    return {
      names: groups.map((g) => groupName(answer, g)),
      rates: groups.map((g) => rateOf(g)),
      labels: groups.map((g) => rateText(rateOf(g))),
    };
  });
  // Columns stand in a fixed height; rows across take the height their number needs.
  const chartHeight = computed(() =>
    columns.value ? '280px' : `${Math.max(120, 40 * bars.value.names.length + 44)}px`,
  );
  // What the chart shows, for a screen reader (role="img"); the table says it all in full.
  const chartLabel = computed(() => {
    const b = bars.value;
    const parts = b.names.map((n, i) => `${n} ${b.labels[i]}`);
    return `${rateName}${columns.value ? '柱状图' : '条形图'}（${byLabel.value}）：${parts.join('；')}`;
  });

  const { chartEl, chartMsg, loadChartCode } = useLazyChart(data, {
    loadCode: () => import('./on_time_chart.js'),
    figures: () => bars.value,
    draw: (code, el, b) => code.drawOnTimeChart(el, b, { columns: columns.value }),
    layout: () => columns.value,
  });
  return { chartEl, chartMsg, chartHeight, chartLabel, loadChartCode };
}
