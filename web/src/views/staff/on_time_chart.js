// The bar chart of 按时办结率 per group, drawn by ECharts. Only what it draws is taken in
// (echarts/core, the bar chart, the cartesian grid without axis pointers — no tooltip is shown —
// and the SVG renderer), and OnTimeFigures.vue loads this module with import(): ECharts is a
// chunk of its own that only the staff console ever asks for, never part of the resident pages'
// download or of their service worker's precache.
// SVG rather than canvas: the labels are SVG text, drawn by the browser in the page's font stack
// (so the CJK font is found as it is for the page's own text) and sharp at any zoom.
import { init, use } from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridSimpleComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

use([BarChart, GridSimpleComponent, SVGRenderer]);

/**
 * @typedef {object} Bars
 * @property {string[]} names the groups, top to bottom as in the table
 * @property {number[]} rates their on-time rates (%), as the server gave them
 * @property {string[]} labels each rate as the table writes it ("66.7%")
 */

/**
 * Draws the chart into `el` (which has its size already); returns what redraws and removes it.
 * @param {HTMLElement} el
 * @param {Bars} bars
 */
export function drawOnTimeChart(el, bars) {
  // The page's own font stack: ECharts' default is a bare sans-serif.
  const fontFamily = getComputedStyle(el).fontFamily || 'sans-serif';
  const chart = init(el, null, { renderer: 'svg' });
  const draw = (/** @type {Bars} */ b) =>
    chart.setOption(
      {
        // The table beside it is the screen; the chart only shows the rates against each other.
        animation: false,
        textStyle: { fontFamily, fontSize: 13, color: '#1f2329' },
        grid: { left: 8, right: 56, top: 8, bottom: 28 },
        xAxis: {
          type: 'value',
          min: 0,
          max: 100,
          interval: 25,
          axisLabel: { formatter: '{value}%', color: '#4e5969' },
          splitLine: { lineStyle: { color: '#e5e8ec' } },
        },
        yAxis: {
          type: 'category',
          data: b.names,
          inverse: true, // the first group at the top, as in the table
          axisTick: { show: false },
          axisLine: { lineStyle: { color: '#8a94a3' } },
          // A long item name goes over two lines rather than lose its end.
          axisLabel: { color: '#1f2329', width: 180, overflow: 'break', lineHeight: 16 },
        },
        series: [
          {
            type: 'bar',
            data: b.rates,
            barMaxWidth: 22,
            itemStyle: { color: '#1f5fbf', borderRadius: [0, 3, 3, 0] },
            label: {
              show: true,
              position: 'right',
              color: '#1f2329',
              formatter: (/** @type {{ dataIndex: number }} */ p) => b.labels[p.dataIndex],
            },
          },
        ],
      },
      { notMerge: true },
    );
  draw(bars);
  // The panel follows the window's width.
  const seen = new ResizeObserver(() => chart.resize());
  seen.observe(el);
  return {
    /** @param {Bars} b */
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
