// The stacked bar chart of 办理用时 (StageFigures.vue), drawn by ECharts: one bar across per
// group, top to bottom as in the table, one segment per stage in its colour (the legend is the
// page's, beside the chart), and each group's average in total at the bar's end. Loaded with
// import() on that tab only, and taking in only what it draws, as on_time_chart.js: the bar
// chart, the cartesian grid without axis pointers (no tooltip) and the SVG renderer (labels in
// the page's font stack).
import { init, use } from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridSimpleComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

use([BarChart, GridSimpleComponent, SVGRenderer]);

/**
 * @typedef {object} StageBars
 * @property {string[]} names the groups, top to bottom as in the table
 * @property {string[]} totals each group's average in total, as the table writes it ("6.3")
 * @property {{ name: string, color: string, values: number[] }[]} series one per stage, in order
 */

/**
 * Draws the chart into `el` (which has its size already); returns what redraws and removes it.
 * @param {HTMLElement} el
 * @param {StageBars} bars
 */
export function drawStageChart(el, bars) {
  const fontFamily = getComputedStyle(el).fontFamily || 'sans-serif';
  const chart = init(el, null, { renderer: 'svg' });
  const rowAxis = {
    type: 'category',
    inverse: true, // the first group at the top, as in the table
    axisTick: { show: false },
  };
  const draw = (/** @type {StageBars} */ b) => {
    chart.setOption(
      {
        animation: false,
        textStyle: { fontFamily, fontSize: 13, color: '#1f2329' },
        grid: { left: 8, right: 16, top: 8, bottom: 28 },
        xAxis: {
          type: 'value',
          min: 0,
          axisLabel: { color: '#4e5969' },
          splitLine: { lineStyle: { color: '#e5e8ec' } },
        },
        yAxis: [
          {
            ...rowAxis,
            data: b.names,
            axisLine: { lineStyle: { color: '#8a94a3' } },
            // A long name goes over two lines rather than lose its end.
            axisLabel: { color: '#1f2329', width: 180, overflow: 'break', lineHeight: 16 },
          },
          // The average in total, at the right of each row.
          {
            ...rowAxis,
            data: b.totals,
            position: 'right',
            axisLine: { show: false },
            axisLabel: { color: '#1f2329', fontWeight: 600 },
          },
        ],
        series: b.series.map((s) => ({
          type: 'bar',
          name: s.name,
          stack: 'days',
          data: s.values,
          barMaxWidth: 22,
          itemStyle: { color: s.color, borderColor: '#fff', borderWidth: 1 },
        })),
      },
      { notMerge: true },
    );
  };
  draw(bars);
  // The panel follows the window's width.
  const seen = new ResizeObserver(() => chart.resize());
  seen.observe(el);
  return {
    /** @param {StageBars} b */
    update(b) {
      draw(b);
      chart.resize();
    },
    dispose() {
      seen.disconnect();
      chart.dispose();
    },
  };
}
