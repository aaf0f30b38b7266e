// Renders the page's tables from the API's JSON: proxies with their faults and socket options, connections
// with both sockets' states, divergences.

import {el, fill, bytes, age} from './dom.js';

function attributes(attrs) {
  const entries = Object.entries(attrs || {});
  if (entries.length === 0) return '–';
  return entries.map(([k, v]) => k + '=' + (typeof v === 'object' ? JSON.stringify(v) : v)).join(', ');
}

function faults(proxy) {
  if (!proxy.toxics || proxy.toxics.length === 0) return el('p', {class: 'empty'}, 'no faults');
  return el('table', {class: 'faults'},
      el('thead', {}, el('tr', {}, ['fault', 'type', 'stream', 'toxicity', 'attributes'].map(h => el('th', {}, h)))),
      el('tbody', {}, proxy.toxics.map(t => el('tr', {class: 'fault'},
          el('td', {class: 'fault-name'}, t.name),
          el('td', {class: 'fault-type'}, t.type),
          el('td', {}, t.stream),
          el('td', {class: 'num'}, t.toxicity),
          el('td', {class: 'attrs wrap'}, attributes(t.attributes))))));
}

function optionRows(title, options) {
  return [el('tr', {class: 'group'}, el('th', {colspan: 4}, title)),
    options.map(o => el('tr', {class: o.differs ? 'differs' : null},
        el('td', {}, o.name), el('td', {}, o.requested ?? '–'), el('td', {}, o.effective ?? '–'),
        el('td', {class: 'muted wrap'}, o.note ?? '')))];
}

function options(o) {
  if (!o) return el('p', {class: 'muted'}, 'reading…');
  if (o.error) return el('p', {class: 'error'}, o.error);
  const c = o.connection;
  return el('table', {class: 'options'},
      el('thead', {}, el('tr', {}, ['option', 'requested', 'effective', 'kernel note'].map(h => el('th', {}, h)))),
      el('tbody', {},
          optionRows('listener ' + (o.address ?? ''), o.listener || []),
          c ? [optionRows('downstream socket of connection ' + c.id + (c.open ? '' : ' (closed)'), c.downstream || []),
            optionRows('upstream socket of connection ' + c.id, c.upstream || [])]
            : el('tr', {}, el('td', {colspan: 4, class: 'muted'}, 'no connection yet: its sockets are shown once one opens'))));
}

/**
 * proxies: GET /proxies; opened: the names whose options are unfolded; readOptions: the options read for them
 * by name; onToggle(name, open) when a reader folds or unfolds one.
 */
export function renderProxies(container, proxies, opened, readOptions, onToggle) {
  const list = Object.values(proxies).sort((a, b) => a.name.localeCompare(b.name));
  if (list.length === 0) {
    fill(container, el('p', {class: 'empty'}, 'no proxies'));
    return;
  }
  fill(container, list.map(p => {
    const details = el('details', {class: 'options', open: opened.has(p.name)},
        el('summary', {}, 'socket options (requested and effective)'),
        opened.has(p.name) ? options(readOptions.get(p.name)) : null);
    details.addEventListener('toggle', () => onToggle(p.name, details.open));
    return el('article', {class: 'proxy' + (p.enabled ? '' : ' disabled')},
        el('h3', {},
            el('span', {class: 'proxy-name'}, p.name),
            el('span', {class: 'route'}, p.listen + ' → ' + p.upstream),
            el('span', {class: 'badge ' + (p.enabled ? 'on' : 'off')}, p.enabled ? 'enabled' : 'disabled')),
        faults(p), details);
  }));
}

function socketCell(socket, mirror) {
  if (!socket) return el('td', {class: 'muted'}, '–');
  if (!mirror) return el('td', {class: 'state'}, socket.fd_open ? 'fd open' : 'fd closed');
  const text = (socket.mirror_state ?? '?') + ' / ' + (socket.kernel_state ?? '?');
  return el('td', {class: 'state ' + (socket.agree === false ? 'diverges' : 'agree'),
    title: socket.agree === false ? 'the mirror and the kernel disagree' : 'the mirror and the kernel agree'}, text);
}

/** How many of the closed connections the mirror still tracks are listed, newest first. */
const CLOSED_SHOWN = 10;

/**
 * connections: GET /synack/connections; every open one is listed, and the newest closed ones (and the one
 * selected); onSelect(id) when a reader picks one for its timeline.
 */
export function renderConnections(tbody, connections, mirror, selected, onSelect) {
  if (connections.length === 0) {
    fill(tbody, el('tr', {}, el('td', {colspan: 10, class: 'empty'}, 'no connections')));
    return;
  }
  const sorted = [...connections].sort((a, b) => (b.open - a.open) || (b.id - a.id));
  let closed = 0;
  const shown = sorted.filter(c => c.open || c.id === selected || ++closed <= CLOSED_SHOWN);
  const hidden = sorted.length - shown.length;
  fill(tbody, shown.map(c => el('tr', {
    'data-connection': c.id,
    class: (c.open ? 'open' : 'closed') + (c.id === selected ? ' selected' : ''),
  },
  el('td', {}, el('button', {type: 'button', class: 'link', title: mirror ? 'show its timeline' : null,
    onclick: () => onSelect(c.id)}, '#' + c.id)),
  el('td', {}, c.proxy),
  el('td', {}, c.client ?? '–'),
  el('td', {}, c.upstream ?? '–'),
  el('td', {}, age(c.age_ms)),
  el('td', {class: 'num'}, bytes(c.bytes.client_to_service)),
  el('td', {class: 'num'}, bytes(c.bytes.service_to_client)),
  socketCell(c.sockets.downstream, mirror),
  socketCell(c.sockets.upstream, mirror),
  el('td', {class: 'end'}, c.open ? 'open' : 'closed: ' + (c.close_reason ?? '?')))),
  hidden > 0 ? el('tr', {class: 'more'}, el('td', {colspan: 10, class: 'muted'},
      'and ' + hidden + ' older closed connections the mirror still tracks')) : null);
}

/** divergences: GET /synack/divergences, or null when the mirror is off. */
export function renderDivergences(container, divergences) {
  if (divergences === null) {
    fill(container, el('p', {class: 'muted'}, 'the mirror is off: no divergences are looked for'));
    return;
  }
  if (divergences.length === 0) {
    fill(container, el('p', {class: 'empty'}, 'none: every tracked socket agrees with the kernel'));
    return;
  }
  fill(container, el('table', {},
      el('thead', {}, el('tr', {}, ['connection', 'socket', 'kind', 'for', 'explanation'].map(h => el('th', {}, h)))),
      el('tbody', {}, divergences.map(d => el('tr', {class: 'divergence'},
          el('td', {}, '#' + d.connection), el('td', {}, d.socket), el('td', {class: 'diverges'}, d.kind),
          el('td', {}, age(d.since_ms)), el('td', {class: 'wrap'}, d.explanation))))));
}
