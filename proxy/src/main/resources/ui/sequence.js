// Draws a connection's timeline (GET /synack/connections/{id}, the mirror's JSON) as the sequence diagram of a
// TCP textbook, as the text diagram (?format=text) does: four lifelines — client, synack's downstream socket,
// synack's upstream socket, service — an arrow per segment, a note for a step that sends none, and after each
// step both sockets' states as "mirror / kernel". Steps the model inferred, seen neither from user space nor
// yet confirmed by the kernel, are dashed and their state marked ~.

import {svg, el, fill, bytes} from './dom.js';

/**
 * The segments of each timeline event: [arriving at synack's socket, leaving it], as the mirror's StepKind
 * declares them (a test keeps the two the same).
 */
export const SEGMENTS = {
  syn_received: ['SYN', 'SYN+ACK'],
  handshake_acked: ['ACK', null],
  connect: [null, 'SYN'],
  connected: ['SYN+ACK', 'ACK'],
  refused: ['RST', null],
  connect_timeout: [null, null],
  connect_failed: [null, null],
  unresolved: [null, null],
  fin_read: ['FIN', 'ACK'],
  fin_arrived: ['FIN', 'ACK'],
  fin_sent: [null, 'FIN'],
  fin_acked: ['ACK', null],
  fin_ack_arrived: ['FIN+ACK', 'ACK'],
  rst_read: ['RST', null],
  rst_arrived: ['RST', null],
  rst_sent: [null, 'RST'],
  timed_out: [null, null],
  socket_error: [null, null],
  fd_closed: [null, null],
  time_wait_expired: [null, null],
  socket_deleted: [null, null],
};

/** Events before which the data exchanged is summed up in one line, as in the text diagram. */
const ENDINGS = new Set(['fin_read', 'fin_sent', 'rst_read', 'rst_sent', 'timed_out', 'fin_arrived']);
const LIFELINES = [110, 260, 410, 560];
const NAMES = ['client', 'downstream', 'upstream', 'service'];
const STATE_X = [600, 820];
const ROW = 22;
const TOP = 46;
const WIDTH = 1020;

/** The rows of one step: arrows for its segments, or a note. */
function rows(entry) {
  const [incoming, outgoing] = SEGMENTS[entry.event] || [null, null];
  const downstream = entry.socket === 'downstream';
  const peer = downstream ? 0 : 3;
  const proxy = downstream ? 1 : 2;
  if (!incoming && !outgoing) {
    return [{note: entry.event.replaceAll('_', ' '), at: proxy, downstream}];
  }
  const out = [];
  if (incoming) out.push({from: peer, to: proxy, label: incoming, dashed: entry.inferred});
  if (outgoing) out.push({from: proxy, to: peer, label: outgoing, dashed: entry.inferred && !incoming});
  return out;
}

function stateText(entry) {
  return entry.mirror_state + (entry.inferred ? '~' : '') + ' / ' + (entry.kernel_state ?? '?');
}

/** Lays the timeline out as rows: {time, draw, states} in drawing order. */
function layout(conn) {
  const states = ['LISTEN / ?', conn.sockets.upstream ? 'CLOSED / ?' : '–'];
  const divergences = (conn.divergences || []).map(d => ({...d, at: Math.max(0, conn.age_ms - d.since_ms), shown: false}));
  const out = [];
  let dataShown = false;
  for (const entry of conn.timeline) {
    for (const d of divergences) {
      if (!d.shown && d.at < entry.t_ms) {
        d.shown = true;
        out.push({time: d.at, flag: d.socket + ' ' + d.kind});
      }
    }
    if (!dataShown && ENDINGS.has(entry.event)) {
      dataShown = true;
      out.push({data: 'data: ' + bytes(conn.bytes.client_to_service) + ' client → service, '
          + bytes(conn.bytes.service_to_client) + ' service → client'});
    }
    states[entry.socket === 'downstream' ? 0 : 1] = stateText(entry);
    const steps = rows(entry);
    steps.forEach((step, i) => out.push({
      time: i === 0 ? entry.t_ms : null,
      step,
      states: i === steps.length - 1 ? [...states] : null,
    }));
  }
  for (const d of divergences) {
    if (!d.shown) out.push({time: d.at, flag: d.socket + ' ' + d.kind});
  }
  return out;
}

function arrow(step, y) {
  const x1 = LIFELINES[step.from];
  const x2 = LIFELINES[step.to];
  const dir = Math.sign(x2 - x1);
  return svg('g', {class: 'segment' + (step.dashed ? ' inferred' : '') + (step.label.includes('RST') ? ' rst' : '')},
      svg('line', {x1: x1 + dir * 3, y1: y, x2: x2 - dir * 4, y2: y, 'marker-end': 'url(#seq-arrow)'}),
      svg('text', {x: (x1 + x2) / 2, y: y - 4, 'text-anchor': 'middle'}, step.label));
}

function note(step, y) {
  const x = LIFELINES[step.at] + (step.downstream ? 8 : -8);
  return svg('text', {x, y: y + 4, class: 'note', 'text-anchor': step.downstream ? 'start' : 'end'}, step.note);
}

/** Draws conn (with its "timeline") into container. */
export function drawSequence(container, conn) {
  const laid = layout(conn);
  const height = TOP + laid.length * ROW + 16;
  const bottom = height - 8;
  const parts = [
    svg('defs', {}, svg('marker', {id: 'seq-arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7,
      markerHeight: 7, orient: 'auto-start-reverse'}, svg('path', {d: 'M0,0 L10,5 L0,10 z', class: 'arrowhead'}))),
    svg('text', {x: 0, y: 16, class: 'head'}, 't (ms)'),
    NAMES.map((name, i) => [
      svg('text', {x: LIFELINES[i], y: 16, class: 'head', 'text-anchor': 'middle'}, name),
      svg('line', {x1: LIFELINES[i], y1: 24, x2: LIFELINES[i], y2: bottom, class: 'lifeline'}),
    ]),
    svg('text', {x: STATE_X[0], y: 16, class: 'head'}, 'downstream mirror / kernel'),
    svg('text', {x: STATE_X[1], y: 16, class: 'head'}, 'upstream mirror / kernel'),
  ];
  laid.forEach((row, i) => {
    const y = TOP + i * ROW;
    if (row.time !== null && row.time !== undefined) {
      parts.push(svg('text', {x: 0, y: y + 4, class: 'time'}, row.time.toFixed(3)));
    }
    if (row.step) parts.push(row.step.note ? note(row.step, y) : arrow(row.step, y));
    if (row.data) parts.push(svg('text', {x: (LIFELINES[0] + LIFELINES[3]) / 2, y: y + 4, class: 'data', 'text-anchor': 'middle'}, row.data));
    if (row.flag) parts.push(svg('text', {x: LIFELINES[1] + 8, y: y + 4, class: 'flag'}, '!! ' + row.flag));
    if (row.states) {
      row.states.forEach((s, j) => parts.push(svg('text', {x: STATE_X[j], y: y + 4, class: 'state'}, s)));
    }
  });
  const sockets = [['downstream', conn.sockets.downstream], ['upstream', conn.sockets.upstream]].filter(s => s[1]);
  fill(container,
      el('p', {class: 'sequence-head'}, 'client ' + conn.client + ' → synack ' + (conn.sockets.downstream.local ?? '–')
          + ' | ' + (conn.sockets.upstream?.local ?? '–') + ' → service ' + (conn.upstream ?? '–')),
      svg('svg', {class: 'sequence', viewBox: `0 0 ${WIDTH} ${height}`, width: WIDTH, height, role: 'img',
        'aria-label': 'sequence diagram of connection ' + conn.id}, parts),
      el('p', {class: 'sequence-now'}, 'now: ', sockets.map(([side, s], i) => [i ? '; ' : '', side + ' ',
        el('span', {class: s.agree === false ? 'diverges' : 'agree'},
            s.mirror_state + ' / ' + (s.kernel_state ?? '?') + (s.agree === false ? ' (DIVERGES)' : ' (agree)'))])),
      (conn.divergences || []).map(d => el('p', {class: 'flag'}, '!! ' + d.socket + ' ' + d.kind + ': ' + d.explanation)),
      el('p', {class: 'legend-note'}, 'arrows: segments on the wire; dashed and ~: inferred by the model, not seen from '
          + 'user space and not yet confirmed by the kernel; ? : kernel not read at that step'));
}
