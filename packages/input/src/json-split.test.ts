import { describe, expect, it } from 'vitest';
import { JsonListSplitter } from './json-split.js';

/** Feeds `text` in chunks of `size` bytes; returns what the sink saw, or the failure. */
function split(
  listKey: string,
  text: string,
  size = 3,
): { members: [string, string][]; items: string[]; started: number } | string {
  const members: [string, string][] = [];
  const items: string[] = [];
  let started = 0;
  const splitter = new JsonListSplitter(listKey, {
    member: (key, json) => members.push([key, json]),
    listStart: () => started++,
    item: (json) => items.push(json),
  });
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += size) splitter.push(bytes.subarray(i, i + size));
  splitter.end();
  return splitter.failure ?? { members, items, started };
}

describe('JsonListSplitter', () => {
  it.each([
    [
      'services',
      '{"a":1,"services":[{"x":"é"},2],"z":[3]}',
      [
        ['a', '1'],
        ['z', '[3]'],
      ],
      ['{"x":"é"}', '2'],
    ],
    ['items', '{ "items" : [ ] }', [], []],
    ['events', '{"events":[ "[,]" , {"k":"}"} ]}', [], ['"[,]"', '{"k":"}"}']],
  ])('splits the %s list of %s', (key, text, members, items) => {
    for (const size of [1, 2, 7, 1024]) expect(split(key, text, size)).toEqual({ members, items, started: 1 });
  });

  it.each([
    ['services', '{"services":{}}', 'services is not a list at byte 12'],
    ['events', '{"events":3}', 'events is not a list at byte 10'],
    ['services', '', 'the file is empty'],
    ['services', '{"services":[1,', 'the file ends early'],
  ])('stops on %s in %j: %s', (key, text, failure) => {
    expect(split(key, text)).toBe(failure);
  });
});
