// Draws the traffic charts as inline SVG from samples the page keeps: lines over time, and bars.

import {svg, el, fill} from './dom.js';

const W = 360;
const H = 150;
const LEFT = 60;
const RIGHT = 8;
const TOP = 10;
const BOTTOM = 22;

/** A round upper bound for an axis: 7 -> 10, 1300 -> 2000. */
function niceMax(v) {
  if (v <= 1) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 2, 5, 10]) if (v <= m * p) return m * p;
  return 10 * p;
}

/**
 * Lines over time. series: [{label, cls, points: [[tMillis, value], ...]}]; the x axis ends now and spans
 * windowMs; format turns a value into the axis's text; the y axis reaches at least floor.
 */
export function lineChart(container, series, {windowMs, format, now, floor = 1}) {
  const max = niceMax(Math.max(floor, ...series.flatMap(s => s.points.map(p => p[1]))));
  const x = t => LEFT + (W - LEFT - RIGHT) * (1 - (now - t) / windowMs);
  const y = v => TOP + (H - TOP - BOTTOM) * (1 - v / max);
  const grid = [0, max / 2, max].map(v => [
    svg('line', {x1: LEFT, x2: W - RIGHT, y1: y(v), y2: y(v), class: 'grid'}),
    svg('text', {x: LEFT - 4, y: y(v) + 4, class: 'axis', 'text-anchor': 'end'}, format(v)),
  ]);
  const lines = series.map(s => svg('polyline', {
    class: 'line ' + s.cls,
    points: s.points.filter(p => now - p[0] <= windowMs).map(p => x(p[0]).toFixed(1) + ',' + y(p[1]).toFixed(1)).join(' '),
  }));
  const xLabels = [
    svg('text', {x: LEFT, y: H - 6, class: 'axis'}, '−' + Math.round(windowMs / 1000) + ' s'),
    svg('text', {x: W - RIGHT, y: H - 6, class: 'axis', 'text-anchor': 'end'}, 'now'),
  ];
  const legend = el('ul', {class: 'legend'}, series.map(s => {
    const last = s.points.length ? s.points[s.points.length - 1][1] : null;
    return el('li', {class: s.cls}, el('span', {class: 'swatch'}), s.label + ': ',
        el('b', {}, last === null ? '–' : format(last)));
  }));
  fill(container, svg('svg', {viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': series.map(s => s.label).join(', ')},
      grid, lines, xLabels), legend);
}

/**
 * Horizontal bars, one group per row: rows = [{label, bars: [{cls, value}]}]; legend = [{cls, label}].
 */
export function barChart(container, rows, legend) {
  if (rows.length === 0) {
    fill(container, el('p', {class: 'empty'}, 'no sockets'));
    return;
  }
  const labelWidth = 112;
  const barHeight = 8;
  const groupHeight = barHeight * Math.max(...rows.map(r => r.bars.length)) + 8;
  const height = rows.length * groupHeight + 4;
  const max = niceMax(Math.max(1, ...rows.flatMap(r => r.bars.map(b => b.value))));
  const scale = v => (W - labelWidth - 30) * v / max;
  const groups = rows.map((r, i) => {
    const top = 4 + i * groupHeight;
    return svg('g', {class: 'state-row'},
        svg('text', {x: labelWidth - 6, y: top + groupHeight / 2 + 1, class: 'axis', 'text-anchor': 'end'}, r.label),
        r.bars.map((b, j) => [
          svg('rect', {x: labelWidth, y: top + j * barHeight, width: Math.max(1, scale(b.value)), height: barHeight - 1,
            class: 'bar ' + b.cls}),
          svg('text', {x: labelWidth + scale(b.value) + 4, y: top + j * barHeight + barHeight - 1, class: 'axis value'},
              String(b.value)),
        ]));
  });
  fill(container, svg('svg', {viewBox: `0 0 ${W} ${height}`, role: 'img', 'aria-label': 'sockets by state'}, groups),
      el('ul', {class: 'legend'}, legend.map(l => el('li', {class: l.cls}, el('span', {class: 'swatch'}), l.label))));
}
