// The dashboard: polls the admin API (every second; ?interval=MS to change it) and renders the traffic charts,
// proxies, connections, divergences and the chosen connection's timeline.

import {get, token, setToken, tokenFromFragment, Unauthorized, Failure} from './api.js';
import {el, fill} from './dom.js';
import {parse} from './prometheus.js';
import {record, renderTraffic} from './traffic.js';
import {renderProxies, renderConnections, renderDivergences} from './panels.js';
import {drawSequence} from './sequence.js';

const INTERVAL = Math.min(60000, Math.max(200, Number(new URLSearchParams(location.search).get('interval')) || 1000));

const page = {
  opened: new Set(),
  options: new Map(),
  selected: null,
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
  record(data);
  renderTraffic(data, {connections: $('chart-connections'), bytes: $('chart-bytes'), states: $('chart-states')});
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
