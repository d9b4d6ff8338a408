// What the supervision figure tabs share (按时办结率, 好差评): the figures of the period and
// grouping the form says, asked of the server, and the bar chart of each group's rate beside
// the table. Every figure is the server's: the page only shows it.
// The first request leaves the period to the server; the form then takes the period and the
// grouping the server used from its answer. Only the latest request's answer is shown (a slow
// earlier one is dropped). The chart's code (ECharts, the shared on_time_chart.js chunk) is
// asked for with import() as the tab opens, so ECharts stays out of every other screen.
import { computed, nextTick, onBeforeUnmount, onMounted, ref, watch } from 'vue';
import { nameOf } from '../../util/catalog_view.js';
import { rateText } from './on_time_table.js';

/**
 * @param {(query: { by: string, from: string, to: string, department: string }) => Promise<any>} fetchFigures
 *   asks the server (onTimeFigures, ratingFigures)
 * @param {object} options
 * @param {{ by: string, from: string, to: string, department: string }} options.form the reactive filter form
 * @param {import('vue').Ref<{ id: string, name: string }[]>} options.departments the catalog's, to name the filter
 * @param {Record<string, string>} options.byLabels the groupings' Chinese names (按部门 …)
 * @param {() => string} [options.department] the department filter to send (the form's by default)
 * @param {string} options.rateName what the chart's bars are (按时办结率, 好评率)
 * @param {(answer: any, group: any) => string} options.groupName a bar's name
 * @param {(group: any) => number | undefined} options.rateOf a bar's rate (%)
 * @param {(answer: any) => boolean} [options.columnsOf] whether the bars stand as columns
 */
export function useFigures(fetchFigures, options) {
  const { form, departments, byLabels, department = () => form.department } = options;
  const data = ref(null); // the answer shown
  const shownDepartment = ref(''); // the department filter of the answer shown
  const msg = ref('');
  const loading = ref(false);

  const byLabel = computed(() => byLabels[data.value?.by] || '');
  const shownDepartmentName = computed(() =>
    shownDepartment.value ? nameOf(departments.value, shownDepartment.value) : '',
  );

  let asked = 0; // only the latest request's answer is shown (a slow earlier one is dropped)
  async function load() {
    const seq = ++asked;
    const query = { by: form.by, from: form.from, to: form.to, department: department() };
    msg.value = '';
    loading.value = true;
    try {
      const answer = await fetchFigures(query);
      if (seq !== asked) return;
      data.value = answer;
      shownDepartment.value = query.department;
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

  const chart = useRateChart(data, byLabel, options);

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
    shownDepartmentName,
    chartEl: chart.chartEl,
    chartMsg: chart.chartMsg,
    chartHeight: chart.chartHeight,
    chartLabel: chart.chartLabel,
  };
}

// ---- the chart: ECharts' chunk, asked for as the screen opens, beside the figures ----------
function useRateChart(data, byLabel, { rateName, groupName, rateOf, columnsOf = () => false }) {
  const chartEl = ref(null);
  const chartMsg = ref('');
  let chartCode = null; // Promise of ./on_time_chart.js
  let chart = null; // { el, columns, update, dispose }
  const loadChartCode = () =>
    (chartCode ||= import('./on_time_chart.js').catch((e) => {
      chartCode = null; // the next answer tries again
      throw e;
    }));

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
    if (chart && chart.el === el && chart.columns === columns.value) chart.update(bars.value);
    else {
      chart?.dispose();
      chart = { el, columns: columns.value, ...code.drawOnTimeChart(el, bars.value, { columns: columns.value }) };
    }
  }
  watch(data, drawChart, { flush: 'post' });
  onBeforeUnmount(() => {
    chart?.dispose();
    chart = null;
  });

  return { chartEl, chartMsg, chartHeight, chartLabel, loadChartCode };
}
