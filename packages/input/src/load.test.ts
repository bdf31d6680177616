import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIssue } from './issues.js';
import { duplicateJsonKey, loadJson, loadYaml, type LoadYamlOptions } from './load.js';
import { locatedIssues, locateInYaml } from './locate.js';

/** Ten levels of ten aliases each: 10^10 nodes once expanded, about a hundred written. */
function aliasBomb(): string {
  const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 10; i++)
    lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\n`;
}

const yamlLine = (text: string, options: Partial<LoadYamlOptions> = {}): string => {
  const loaded = loadYaml(text, { file: 'in.yaml', ...options });
  return loaded.ok ? `ok ${JSON.stringify(loaded.documents)}` : formatIssue(loaded.issue);
};

describe('loadYaml', () => {
  it.each<[string, string, Partial<LoadYamlOptions>, string]>([
    ['a byte order mark is not part of the text', '\uFEFFa: 1\n', {}, 'ok [{"a":1}]'],
    ['several documents', 'a: 1\n---\nb: 2\n', {}, 'ok [{"a":1},{"b":2}]'],
    [
      'one document expected',
      'a: 1\n---\nb: 2\n',
      { documents: 'one' },
      'in.yaml: expected one YAML document, found 2',
    ],
    [
      'a syntax error, located by line and column',
      'a: 1\nb: [1, 2\n',
      {},
      'in.yaml:3:1: YAML syntax error: deficient indentation',
    ],
    [
      'an alias bomb',
      aliasBomb(),
      {},
      'in.yaml: YAML aliases expand 31 written nodes beyond 100000 nodes; refusing to read further',
    ],
    [
      'an alias bomb, left to the caller',
      aliasBomb().split('\n').slice(0, 3).join('\n'),
      { maxAliasExpansion: false },
      'ok',
    ],
    ['a cycle', 'a: &x [*x]\n', {}, 'in.yaml: YAML aliases form a cycle'],
    [
      'nesting beyond maxDepth',
      `${'['.repeat(4)}${']'.repeat(4)}\n`,
      { maxDepth: 4 },
      'in.yaml:1:4: YAML syntax error: nesting exceeded maxDepth (4)',
    ],
    ['nesting within maxDepth', `${'['.repeat(3)}${']'.repeat(3)}\n`, { maxDepth: 4 }, 'ok [[[[]]]]'],
    [
      'a text over the size limit',
      'a: 12345\n',
      { maxChars: 8 },
      'in.yaml: the input is 9 characters, over the limit of 8; refusing to read it',
    ],
    ['a text at the size limit', 'a: 1234\n', { maxChars: 8 }, 'ok [{"a":1234}]'],
  ])('%s', (_name, text, options, expected) => {
    expect(yamlLine(text, options).startsWith(expected)).toBe(true);
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const loaded = loadYaml(text, { file: 'f.yaml', maxDepth: 8 });
        if (!loaded.ok) expect(loaded.issue.file).toBe('f.yaml');
      }),
    );
  });
});

describe('loadJson', () => {
  it.each([
    ['{"a": 1}', 'ok {"a":1}'],
    ['{"a": 1,}', 'in.json:1:9: JSON syntax error: property name expected'],
    ['{\n  "a": [1, 2\n}', 'in.json:3:1: JSON syntax error: comma expected'],
    ['{"a": 12345}', 'in.json: the input is 12 characters, over the limit of 10; refusing to read it'],
  ])('%j', (text, expected) => {
    const loaded = loadJson(text, 'in.json', { maxChars: 10 + (expected.startsWith('in.json: the') ? 0 : 100) });
    expect('value' in loaded ? `ok ${JSON.stringify(loaded.value)}` : formatIssue(loaded.issue)).toBe(expected);
  });

  it('reads any JSON value as JSON.parse does', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        expect(loadJson(text, 'f.json')).toEqual({ value: JSON.parse(text) as unknown });
      }),
    );
  });
});

describe('locating in a multi-document YAML text', () => {
  const text = 'a: 1\n---\nb:\n  - x\n  - y\n---\nc: 3\n';
  it.each([
    [[0, 'a'], 1],
    [[1, 'b', 1], 5],
    [[2, 'c'], 7],
    [[2, 'missing'], 7],
  ])('%j is on line %i', (path, line) => {
    const loaded = loadYaml(text, { file: 'in.yaml' });
    if (!loaded.ok) throw new Error(loaded.issue.message);
    const [issue] = locatedIssues([{ path, message: 'm' }], {
      file: 'in.yaml',
      text: loaded.text,
      locate: (paths) => locateInYaml(loaded.text, paths, loaded.events, { documents: 'all' }),
      documents: { show: 'field' },
    });
    expect(issue?.line).toBe(line);
    expect(issue?.document).toBe(Number(path[0]) + 1);
  });

  it('prints the document as OpenSLO messages do, or in the path as governance messages do', () => {
    const problems = [{ path: [1, 'spec', 'timeWindow'], message: 'is required' }];
    const [field] = locatedIssues(problems, { file: 'fx/bad-slo.yaml', documents: { show: 'field' } });
    const [path] = locatedIssues(problems, { file: 'cat.yaml', documents: { show: 'path', count: 2 } });
    expect(field && formatIssue(field)).toBe('fx/bad-slo.yaml (document 2) spec.timeWindow: is required');
    expect(path && formatIssue(path)).toBe('cat.yaml document 2 spec.timeWindow: is required');
  });
});

describe('issue 22 item 8: duplicate keys in JSON are refused, located', () => {
  it.each([
    ['a second services list', '{"services": [1],\n "services": []}', 'f.json', 2, 2, 'services'],
    ['nested in an item', '[{"a":1},{"b":1,"b":2}]', 'f.json', 1, 17, 'b'],
    ['an escaped spelling of the same key', '{"a\\u0062":1,"ab":2}', 'f.json', 1, 14, 'ab'],
  ])('%s', (_label, text, file, line, column, key) => {
    const loaded = loadJson(text, file);
    expect(loaded).toEqual({
      issue: { code: 'E_SYNTAX', file, path: '', message: `JSON syntax error: duplicate key "${key}"`, line, column },
    });
  });

  it.each([
    ['same key in sibling objects', '[{"a":1},{"a":2}]'],
    ['a key equal to a value', '{"a":"a","b":"a"}'],
    ['a string holding quotes and a colon', '{"a":"x\\":\\"a","b":{"a":1}}'],
    ['a key after an empty object', '{"a":{},"b":[],"c":1}'],
  ])('accepts %s', (_label, text) => {
    expect(loadJson(text, 'f.json')).toEqual({ value: JSON.parse(text) as unknown });
    expect(duplicateJsonKey(text)).toBeUndefined();
  });
});

describe('issue 22 item 8: duplicateJsonKey, property', () => {
  it('finds no repetition in what JSON.stringify writes, and finds one injected anywhere', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string(), (value, key) => {
        const text = JSON.stringify(value);
        expect(duplicateJsonKey(text)).toBeUndefined();
        const k = JSON.stringify(key);
        const doubled = `{${k}:${text},${k}:${text}}`;
        expect(duplicateJsonKey(doubled)).toEqual({ key, offset: text.length + k.length + 3 });
      }),
    );
  });
});
