// The bar chart of a rate (%) per group — 按时办结率, and 好评率 (RatingFigures.vue) — drawn by
// ECharts. Both screens share this one module so that ECharts stays one chunk. Only what it draws is taken in
// (echarts/core, the bar chart, the cartesian grid without axis pointers — no tooltip is shown —
// and the SVG renderer), and the figures screens load this module with import(): ECharts is a
// chunk of its own that only the staff console ever asks for, never part of the resident pages'
// download or of their service worker's precache.
// SVG rather than canvas: the labels are SVG text, drawn by the browser in the page's font stack
// (so the CJK font is found as it is for the page's own text) and sharp at any zoom.
import { init, use } from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridSimpleComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

use([BarChart, GridSimpleComponent, SVGRenderer]);

// 办理用时's stacked bars, from this module so that every figures screen shares one ECharts chunk.
export { drawStageChart } from './stage_chart.js';

/**
 * @typedef {object} Bars
 * @property {string[]} names the groups, top to bottom as in the table
 * @property {number[]} rates their rates (%), as the server gave them
 * @property {string[]} labels each rate as the table writes it ("66.7%")
 */

/**
 * Draws the chart into `el` (which has its size already); returns what redraws and removes it.
 * Bars run across, one row per group as in the table; with `columns` they stand up, left to
 * right, for a sequence read in time order (好评率 per month).
 * @param {HTMLElement} el
 * @param {Bars} bars
 * @param {{ columns?: boolean }} [layout]
 */
export function drawOnTimeChart(el, bars, { columns = false } = {}) {
  // The page's own font stack: ECharts' default is a bare sans-serif.
  const fontFamily = getComputedStyle(el).fontFamily || 'sans-serif';
  const chart = init(el, null, { renderer: 'svg' });
  const rateAxis = {
    type: 'value',
    min: 0,
    max: 100,
    interval: 25,
    axisLabel: { formatter: '{value}%', color: '#4e5969' },
    splitLine: { lineStyle: { color: '#e5e8ec' } },
  };
  const draw = (/** @type {Bars} */ b) => {
    const groupAxis = {
      type: 'category',
      data: b.names,
      inverse: !columns, // across: the first group at the top, as in the table
      axisTick: { show: false },
      axisLine: { lineStyle: { color: '#8a94a3' } },
      // A long item name goes over two lines rather than lose its end.
      axisLabel: { color: '#1f2329', width: columns ? 72 : 180, overflow: 'break', lineHeight: 16 },
    };
    chart.setOption(
      {
        // The table beside it is the screen; the chart only shows the rates against each other.
        animation: false,
        textStyle: { fontFamily, fontSize: 13, color: '#1f2329' },
        grid: columns ? { left: 8, right: 16, top: 24, bottom: 8 } : { left: 8, right: 56, top: 8, bottom: 28 },
        xAxis: columns ? groupAxis : rateAxis,
        yAxis: columns ? rateAxis : groupAxis,
        series: [
          {
            type: 'bar',
            data: b.rates,
            barMaxWidth: columns ? 36 : 22,
            itemStyle: { color: '#1f5fbf', borderRadius: columns ? [3, 3, 0, 0] : [0, 3, 3, 0] },
            label: {
              show: true,
              position: columns ? 'top' : 'right',
              color: '#1f2329',
              formatter: (/** @type {{ dataIndex: number }} */ p) => b.labels[p.dataIndex],
            },
          },
        ],
      },
      { notMerge: true },
    );
  };
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
