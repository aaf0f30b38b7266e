// The traffic charts: a sample of the counters at every refresh, kept for up to five minutes, drawn as lines
// over time, and the sockets of the moment counted by state.

import {bytes, count} from './dom.js';
import {sum} from './prometheus.js';
import {lineChart, barChart} from './charts.js';

const WINDOW_MS = 5 * 60 * 1000;
const STATE_ORDER = ['LISTEN', 'SYN_SENT', 'SYN_RECEIVED', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSE_WAIT',
  'CLOSING', 'LAST_ACK', 'TIME_WAIT', 'CLOSED', 'GONE'];

const samples = [];

/**
 * Takes a sample of data (what one refresh read): open connections and bytes moved each way, from /metrics
 * when metrics are on, else from the connections listed.
 */
export function record(data) {
  const now = Date.now();
  const open = data.connections.filter(c => c.open);
  const totals = data.metrics
    ? sum(data.metrics, 'synack_bytes_total', 'direction')
    : {client_to_service: open.reduce((a, c) => a + c.bytes.client_to_service, 0),
      service_to_client: open.reduce((a, c) => a + c.bytes.service_to_client, 0)};
  const s = {
    t: now,
    connections: data.metrics ? sum(data.metrics, 'synack_connections_active') : open.length,
    c2s: totals.client_to_service || 0,
    s2c: totals.service_to_client || 0,
  };
  const last = samples[samples.length - 1];
  const dt = last ? (now - last.t) / 1000 : 0;
  s.c2sRate = last && dt > 0 ? Math.max(0, (s.c2s - last.c2s) / dt) : 0;
  s.s2cRate = last && dt > 0 ? Math.max(0, (s.s2c - last.s2c) / dt) : 0;
  samples.push(s);
  while (samples.length && now - samples[0].t > WINDOW_MS) samples.shift();
}

function stateRows(connections, mirror) {
  const sockets = connections.flatMap(c => [c.sockets.downstream, c.sockets.upstream]).filter(Boolean);
  if (!mirror) {
    const open = sockets.filter(s => s.fd_open).length;
    return open ? [{label: 'fd open', bars: [{cls: 'plain', value: open}]}] : [];
  }
  const counts = new Map();
  const bump = (state, i) => {
    if (!state) return;
    if (!counts.has(state)) counts.set(state, [0, 0]);
    counts.get(state)[i]++;
  };
  sockets.forEach(s => { bump(s.mirror_state, 0); bump(s.kernel_state, 1); });
  const rank = s => (STATE_ORDER.indexOf(s) + 1) || 99;
  return [...counts.keys()].sort((a, b) => rank(a) - rank(b)).map(state => ({
    label: state, bars: [{cls: 'mirror', value: counts.get(state)[0]}, {cls: 'kernel', value: counts.get(state)[1]}],
  }));
}

/** Draws the three charts into their containers, from the samples and data's connections. */
export function renderTraffic(data, containers) {
  const now = Date.now();
  // The x axis spans the samples kept, at least a minute and at most WINDOW_MS: a page just opened fills it.
  const windowMs = Math.min(WINDOW_MS, Math.max(60000, now - samples[0].t));
  lineChart(containers.connections, [{label: 'open', cls: 's1', points: samples.map(s => [s.t, s.connections])}],
      {windowMs, format: count, now});
  lineChart(containers.bytes, [
    {label: 'client → service', cls: 's1', points: samples.map(s => [s.t, s.c2sRate])},
    {label: 'service → client', cls: 's2', points: samples.map(s => [s.t, s.s2cRate])},
  ], {windowMs, format: v => bytes(Math.round(v)) + '/s', now, floor: 1000});
  barChart(containers.states, stateRows(data.connections, data.health.mirror), data.health.mirror
    ? [{cls: 'mirror', label: 'mirror'}, {cls: 'kernel', label: 'kernel'}]
    : [{cls: 'plain', label: 'sockets (mirror off: no TCP states)'}]);
}
