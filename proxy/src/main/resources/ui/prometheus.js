// Reads the few series the charts need out of /metrics (Prometheus's text format), summed over their labels.
// Label values are quoted strings that may hold any character a proxy's name has, so they are scanned, not
// split.

/** Parses the text into [{name, labels: {k: v}, value}], skipping comments and what it cannot read. */
export function parse(text) {
  const samples = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const sample = parseLine(line);
    if (sample) samples.push(sample);
  }
  return samples;
}

function parseLine(line) {
  let i = 0;
  while (i < line.length && line[i] !== '{' && line[i] !== ' ') i++;
  const name = line.slice(0, i);
  const labels = {};
  if (line[i] === '{') {
    i++;
    while (i < line.length && line[i] !== '}') {
      const eq = line.indexOf('=', i);
      if (eq < 0 || line[eq + 1] !== '"') return null;
      const key = line.slice(i, eq).trim();
      let value = '';
      let j = eq + 2;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && j + 1 < line.length) {
          j++;
          value += line[j] === 'n' ? '\n' : line[j];
        } else {
          value += line[j];
        }
      }
      labels[key] = value;
      i = j + 1;
      if (line[i] === ',') i++;
    }
    i++;
  }
  const value = Number(line.slice(i).trim().split(' ')[0]);
  return Number.isNaN(value) ? null : {name, labels, value};
}

/** The sum of a series over every label set, or per value of one label with {by: 'direction'}. */
export function sum(samples, name, by) {
  if (!by) return samples.filter(s => s.name === name).reduce((a, s) => a + s.value, 0);
  const out = {};
  for (const s of samples) {
    if (s.name !== name) continue;
    const key = s.labels[by];
    out[key] = (out[key] || 0) + s.value;
  }
  return out;
}
