// The dashboard: polls the admin API (every second; ?interval=MS to change it), keeps five minutes of samples
// for the charts, and renders proxies, connections, divergences and the chosen connection's timeline.

import {get, token, setToken, tokenFromFragment, Unauthorized, Failure} from './api.js';
import {el, fill, bytes, count} from './dom.js';
import {parse, sum} from './prometheus.js';
import {lineChart, barChart} from './charts.js';
import {renderProxies, renderConnections, renderDivergences} from './panels.js';
import {drawSequence} from './sequence.js';

const INTERVAL = Math.min(60000, Math.max(200, Number(new URLSearchParams(location.search).get('interval')) || 1000));
const WINDOW_MS = 5 * 60 * 1000;
const STATE_ORDER = ['LISTEN', 'SYN_SENT', 'SYN_RECEIVED', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSE_WAIT',
  'CLOSING', 'LAST_ACK', 'TIME_WAIT', 'CLOSED', 'GONE'];

const page = {
  opened: new Set(),
  options: new Map(),
  selected: null,
  samples: [],
  lastProxies: null,
  timer: null,
  busy: false,
  again: false,
};

const $ = id => document.getElementById(id);

function status(kind, text) {
  const s = $('status');
  s.className = 'status ' + kind;
  s.textContent = text;
}

function askToken(message) {
  clearTimeout(page.timer);
  $('token-form').hidden = false;
  $('token-forget').hidden = true;
  $('token-error').textContent = message;
  status('wait', 'waiting for the admin token');
  $('token').focus();
}

/** Reads everything the page shows, in parallel where the server allows. */
async function read() {
  const health = await get('/synack/health');
  const [proxies, connections, divergences, metrics] = await Promise.all([
    get('/proxies'),
    get('/synack/connections' + (health.mirror ? '?closed=true' : '')),
    health.mirror ? get('/synack/divergences') : null,
    health.metrics ? get('/metrics', {text: true}) : null,
  ]);
  const options = await Promise.all([...page.opened].filter(name => proxies[name]).map(name =>
    get('/synack/proxies/' + encodeURIComponent(name) + '/options').then(o => [name, o], e => {
      if (e instanceof Unauthorized) throw e;
      return [name, {error: e.message}];
    })));
  let timeline = null;
  if (page.selected !== null && health.mirror) {
    try {
      const id = encodeURIComponent(page.selected);
      const [conn, text] = await Promise.all([get('/synack/connections/' + id),
        get('/synack/connections/' + id + '?format=text', {text: true})]);
      timeline = {conn, text};
    } catch (e) {
      if (!(e instanceof Failure)) throw e;
      timeline = {error: e.message};
    }
  }
  return {health, proxies, connections: connections.connections, divergences: divergences?.divergences ?? null,
    metrics: metrics === null ? null : parse(metrics), options, timeline};
}

function sample(data) {
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
  const last = page.samples[page.samples.length - 1];
  const dt = last ? (now - last.t) / 1000 : 0;
  s.c2sRate = last && dt > 0 ? Math.max(0, (s.c2s - last.c2s) / dt) : 0;
  s.s2cRate = last && dt > 0 ? Math.max(0, (s.s2c - last.s2c) / dt) : 0;
  page.samples.push(s);
  while (page.samples.length && now - page.samples[0].t > WINDOW_MS) page.samples.shift();
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

function renderCharts(data) {
  const now = Date.now();
  lineChart($('chart-connections'), [{label: 'open', cls: 's1', points: page.samples.map(s => [s.t, s.connections])}],
      {windowMs: WINDOW_MS, format: count, now});
  lineChart($('chart-bytes'), [
    {label: 'client → service', cls: 's1', points: page.samples.map(s => [s.t, s.c2sRate])},
    {label: 'service → client', cls: 's2', points: page.samples.map(s => [s.t, s.s2cRate])},
  ], {windowMs: WINDOW_MS, format: v => bytes(Math.round(v)) + '/s', now, floor: 1000});
  barChart($('chart-states'), stateRows(data.connections, data.health.mirror), data.health.mirror
    ? [{cls: 'mirror', label: 'mirror'}, {cls: 'kernel', label: 'kernel'}]
    : [{cls: 'plain', label: 'sockets (mirror off: no TCP states)'}]);
}

function renderHealth(h) {
  $('health').textContent = `synack ${h.version} · ${h.transport} · ${h.proxies} proxies (${h.listening} listening) · `
      + `${h.connections} open · mirror ${h.mirror ? 'on' : 'off'} · metrics ${h.metrics ? 'on' : 'off'}`;
  $('mirror-off').hidden = h.mirror;
}

function renderProxyPanel(data) {
  data.options.forEach(([name, o]) => page.options.set(name, o));
  const key = JSON.stringify([data.proxies, [...page.opened], data.options]);
  if (key === page.lastProxies) return;
  page.lastProxies = key;
  renderProxies($('proxies-body'), data.proxies, page.opened, page.options, (name, open) => {
    if (open === page.opened.has(name)) return;
    if (open) page.opened.add(name); else page.opened.delete(name);
    poll();
  });
}

function renderTimeline(data) {
  const section = $('timeline');
  section.hidden = page.selected === null;
  if (page.selected === null) return;
  $('timeline-title').textContent = 'Connection #' + page.selected;
  if (!data.health.mirror) {
    fill($('timeline-diagram'), el('p', {class: 'muted'}, 'the timeline is the mirror\'s, and the mirror is off '
        + '(mirror.enabled: false)'));
    $('timeline-as-text').hidden = true;
    return;
  }
  $('timeline-as-text').hidden = false;
  if (data.timeline.error) {
    fill($('timeline-diagram'), el('p', {class: 'muted'}, data.timeline.error));
    $('timeline-text').textContent = '';
    return;
  }
  drawSequence($('timeline-diagram'), data.timeline.conn);
  $('timeline-text').textContent = data.timeline.text;
}

function render(data) {
  renderHealth(data.health);
  sample(data);
  renderCharts(data);
  renderProxyPanel(data);
  renderConnections($('connections-body'), data.connections, data.health.mirror, page.selected, id => {
    page.selected = page.selected === id ? null : id;
    poll();
  });
  renderDivergences($('divergences-body'), data.divergences);
  renderTimeline(data);
}

/**
 * One refresh, then the next after INTERVAL. A call while a refresh runs (a click) makes the next one start
 * as soon as it ends, so there is only ever one chain of refreshes.
 */
async function poll() {
  clearTimeout(page.timer);
  if (page.busy) {
    page.again = true;
    return;
  }
  page.busy = true;
  let next = true;
  try {
    render(await read());
    $('token-form').hidden = true;
    $('token-forget').hidden = !token();
    status('ok', 'live · ' + new Date().toLocaleTimeString('en-GB'));
  } catch (e) {
    if (e instanceof Unauthorized) {
      askToken(token() ? 'that token was refused' : '');
      next = false;
    } else {
      status('error', 'cannot read synack: ' + e.message);
    }
  } finally {
    page.busy = false;
  }
  if (!next) {
    page.again = false;
  } else if (page.again) {
    page.again = false;
    poll();
  } else {
    page.timer = setTimeout(poll, INTERVAL);
  }
}

async function start() {
  tokenFromFragment();
  $('token-form').addEventListener('submit', e => {
    e.preventDefault();
    setToken($('token').value.trim());
    $('token').value = '';
    poll();
  });
  $('token-forget').addEventListener('click', () => {
    setToken(null);
    askToken('');
  });
  const access = await get('/ui/access.json');
  if (access.token_required && !token()) {
    askToken('');
    return;
  }
  poll();
}

start();
