import { it } from 'vitest';
import { dump, load } from 'js-yaml';
import { parseFleet, formatIssue } from './index.js';

it('scratch', () => {
  for (const v of [5e-324, 1e21, 1e300, 0.1, -0, 99.99, 1.7976931348623157e308, 123456789.123]) {
    const d = dump({ v });
    console.log(v, JSON.stringify(d), Object.is((load(d) as { v: number }).v, v));
  }
  console.log(JSON.stringify(dump({ a: 'yes', b: '1e309', c: '', d: 'a\nb', e: '__proto__' })));
  const head = 'apiVersion: pt/v1\nkind: Fleet\n';
  for (const [n, t] of Object.entries({
    missing: 'apiVersion: pt/v1\nkind: Fleet\n', svcStr: head + 'services: nope\n', nul: head + 'services:\n',
    slos: head + 'services:\n  - name: a\n    team: t\n    slos: nope\n',
    entries: head + 'services:\n  - name: a\n    team: t\n    cost: { entries: 5 }\n',
    scalar: 'hello\n', nullDoc: 'null\n', dashes: '---\n', noApi: 'kind: Fleet\nservices: []\n',
    jsonEmpty: '', jsonList: '[]', jsonOpen: '{"apiVersion": "pt/v1"',
    spaceKey: head + 'services:\n  - name: a\n    team: t\n    "bad key": 1\n',
    merge: head + 'base: &b { team: t }\nservices:\n  - <<: *b\n    name: a\n',
    deepJson: '{"apiVersion":"pt/v1","kind":"Fleet","services":[{"name":"a","team":' + '['.repeat(100000) + ']'.repeat(100000) + '}]}',
    deepYamlFlow: 'a: ' + '['.repeat(100000) + ']'.repeat(100000) + '\n',
    deepBlock: Array.from({length: 100}, (_, i) => ' '.repeat(i * 2) + 'a:').join('\n') + ' 1\n',
  })) {
    const file = n.startsWith('json') || n === 'deepJson' ? 'fleet.json' : 'fleet.yaml';
    try {
      const t0 = performance.now();
      const r = parseFleet(t, { filename: file });
      console.log(n, (performance.now() - t0).toFixed(0) + 'ms', r.ok ? 'OK' : r.issues.map(formatIssue));
    } catch (e) { console.log(n, 'THROWS', String(e)); }
  }
});
