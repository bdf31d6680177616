import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FocusAggregator, FocusDataError, type AggregatorOptions } from './aggregate.js';
import { AllocationSchema } from './allocation.js';
import { ByteCsvSplitter, QUOTED, TRAILED, utf16Length } from './bytes.js';
import { CsvSplitter } from './csv.js';
import { parseAmountBytes, parseAmountInto, type ParsedAmount } from './money.js';

const SAMPLE = readFileSync(new URL('../../test/fixtures/focus/focus_sample.csv', import.meta.url));
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Byte offsets cutting `length` bytes into chunks (sorted, distinct, inside). */
const cutsOf = (length: number) =>
  fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, length - 1) }), { maxLength: 12 }).map((c) => c.sort((a, b) => a - b));

function chunks(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  let at = 0;
  for (const cut of cuts) {
    if (cut <= at || cut >= bytes.length) continue;
    out.push(bytes.subarray(at, cut));
    at = cut;
  }
  out.push(bytes.subarray(at));
  return out;
}

/** The cube (or the error) of a run: everything a caller can observe. */
function outcome(run: (agg: FocusAggregator) => void, options: AggregatorOptions) {
  const agg = new FocusAggregator(options);
  try {
    run(agg);
    return { cube: agg.end() };
  } catch (error) {
    if (!(error instanceof FocusDataError)) throw error;
    return { error: { code: error.code, message: error.message, issues: error.issues, count: error.issueCount } };
  }
}

const viaText = (text: string, options: AggregatorOptions) => outcome((agg) => agg.write(text), options);
const viaBytes = (bytes: Uint8Array, cuts: readonly number[], options: AggregatorOptions) => {
  let path = { fast: 0, plain: 0 };
  const result = outcome((agg) => {
    for (const chunk of chunks(bytes, cuts)) agg.writeBytes(chunk);
    path = agg.bytePath;
  }, options);
  return { result, path };
};

const allocation = AllocationSchema.parse({});
const withPatterns = AllocationSchema.parse({ patterns: [{ field: 'ResourceName', match: '*-db-*', service: 'db' }] });
const OPTIONS: AggregatorOptions[] = [
  { metric: 'BilledCost', onBadRow: 'error', allocation },
  { metric: 'BilledCost', onBadRow: 'skip', allocation },
  { metric: 'EffectiveCost', onBadRow: 'skip', allocation: withPatterns },
];

describe('the byte path reads the FOCUS sample as the text path does', () => {
  const text = decoder.decode(SAMPLE);
  it.each(OPTIONS)('%j, whole', (options) => {
    const { result, path } = viaBytes(SAMPLE, [], options);
    expect(result).toEqual(viaText(text, options));
    if (options.allocation.patterns.length === 0) expect(path).toEqual({ fast: 1000, plain: 0 });
  });
  it('cut at any bytes (inside characters, quoted fields, line endings)', () => {
    const options = OPTIONS[1] as AggregatorOptions;
    const expected = viaText(text, options);
    fc.assert(
      fc.property(cutsOf(SAMPLE.length), (cuts) => {
        expect(viaBytes(SAMPLE, cuts, options).result).toEqual(expected);
      }),
      { numRuns: 30 },
    );
  });
});

const HEADER = 'BilledCost,EffectiveCost,BillingCurrency,ChargePeriodStart,ServiceName,ServiceCategory,ChargeCategory,ResourceName,Tags';

/** A generated data row, ordinary or odd in one of many ways a real export (or a broken one) is. */
const rowArb = fc
  .record({
    amount: fc.constantFrom(
      '12.5',
      '-3.25',
      '0.000000000001',
      '"7.125"',
      'NULL',
      '',
      '1.0000000000005',
      '-0.0000000000015',
      '2e-3',
      '1e3',
      'abc',
      '"4,5"',
      '999999999999999.5',
      '1000000000000000',
      '12.5x',
    ),
    currency: fc.constantFrom('USD', 'EUR', 'USD', 'EUR', '"USD"', 'NULL', 'usd', 'US'),
    start: fc.constantFrom(
      '2024-09-01T00:00:00Z',
      '2024-09-02 23:00:00',
      '2024-09-03T23:30:00-02:00',
      '2024-09-04',
      'NULL',
      '2024-02-30',
      '"2024-09-05T01:00:00Z"',
    ),
    serviceName: fc.constantFrom('EC2', '"S3, global"', 'Caf\u00e9 \u65e5\u672c', '\u{1F600} emoji', 'NULL', '"say ""hi"""', ''),
    category: fc.constantFrom('Compute', 'Storage', '"Multi\nline"', 'NULL', '"x"y'),
    resource: fc.constantFrom('app-db-1', 'web-1', 'NULL', '"r\u00e9sum\u00e9-db-\u00e9"'),
    tags: fc.constantFrom(
      '"{""service"": ""svc-a"", ""env"": ""prod""}"',
      '"{""service"": ""Svc-\u00c9t\u00e9""}"',
      '"{""service"": ""\u{1F680}-rocket""}"',
      '"{""shared"": ""true""}"',
      '"{""app"": "" spaced ""}"',
      '"{""service"": ""bad\u200b""}"',
      '"{""env"": ""dev""}"',
      'NULL',
      '',
      '{}',
      '"not json"',
      '"{""service"": ""x""}"tail',
    ),
    extra: fc.constantFrom('', '', '', '', ',surplus'),
    short: fc.constantFrom(false, false, false, false, false, true),
    eol: fc.constantFrom('\n', '\r\n', '\n', '\r\n', '\n\n', '\r\n\r\n'),
  })
  .map((r) => {
    const cells = [r.amount, r.amount, r.currency, r.start, r.serviceName, r.category, 'Usage', r.resource, r.tags];
    return (r.short ? cells.slice(0, 5) : cells).join(',') + r.extra + r.eol;
  });

const fileArb = fc.record({
  bom: fc.boolean(),
  crlfHeader: fc.boolean(),
  rows: fc.array(rowArb, { minLength: 1, maxLength: 40 }),
  lastEol: fc.boolean(),
});

describe('the byte path equals the text path on generated files (property, cut at any byte)', () => {
  it.each(OPTIONS)('%j', (options) => {
    fc.assert(
      fc.property(fileArb, fc.integer(), (file, seed) => {
        let text = (file.bom ? '\uFEFF' : '') + HEADER + (file.crlfHeader ? '\r\n' : '\n') + file.rows.join('');
        if (!file.lastEol) text = text.replace(/(\r?\n)+$/, '');
        const bytes = encoder.encode(text);
        const cuts = fc.sample(cutsOf(bytes.length), { seed, numRuns: 1 })[0] ?? [];
        const expected = viaText(text, options);
        expect(viaBytes(bytes, cuts, options).result).toEqual(expected);
        // One byte at a time too: every boundary at once.
        expect(viaBytes(bytes, [...bytes.keys()].slice(1), options).result).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });

  it('takes ordinary rows the fast way and decodes only the odd ones', () => {
    const text = `${HEADER}\n12.5,12.5,USD,2024-09-01T00:00:00Z,EC2,Compute,Usage,web-1,"{""service"": ""a""}"\n1e3,1e3,EUR,2024-09-01,EC2,Compute,Usage,web-1,NULL\n`;
    const { result, path } = viaBytes(encoder.encode(text), [], OPTIONS[1] as AggregatorOptions);
    expect(result).toEqual(viaText(text, OPTIONS[1] as AggregatorOptions));
    expect(path).toEqual({ fast: 1, plain: 1 });
  });

  it('refuses a record longer than the limit alike (bytes are counted as characters)', () => {
    const long = `${HEADER}\n1,1,USD,2024-09-01,${'\u00e9'.repeat(1_100_000)},C,Usage,r,NULL\n`;
    const options = OPTIONS[1] as AggregatorOptions;
    // 2.2 MB of bytes but 1.1 M characters: within the limit on both paths.
    expect(viaBytes(encoder.encode(long), [], options).result).toEqual(viaText(long, options));
    const longer = `${HEADER}\n1,1,USD,2024-09-01,${'x'.repeat(2_200_000)},C,Usage,r,NULL\n`;
    const bytes = viaBytes(encoder.encode(longer), [1 << 16, 1 << 20], options).result;
    expect(bytes).toMatchObject({ error: { code: 'E_FOCUS_RECORD' } });
    expect(bytes).toEqual(viaText(longer, options));
  });

  it('text and bytes cannot be mixed in one aggregator', () => {
    const agg = new FocusAggregator(OPTIONS[0] as AggregatorOptions);
    agg.writeBytes(encoder.encode(HEADER));
    expect(() => agg.write('\n')).toThrow(/mixed/);
  });
});

describe('ByteCsvSplitter', () => {
  const records = (text: string, bytes: Uint8Array, cuts: readonly number[]) => {
    const fromText: [string[], number][] = [];
    const t = new CsvSplitter((cells, line) => fromText.push([[...cells], line]));
    t.write(text);
    t.end();
    const fromBytes: [string[], number][] = [];
    const b = new ByteCsvSplitter((buf, cells, line) => {
      const out: string[] = [];
      for (let i = 0; i < cells.count; i++) {
        const start = cells.starts[i] as number;
        const end = cells.ends[i] as number;
        const kind = cells.kinds[i];
        let v = decoder.decode(buf.subarray(start, end));
        if (kind === QUOTED || kind === TRAILED) v = v.replaceAll('""', '"');
        if (kind === TRAILED) v += decoder.decode(buf.subarray(end + 1, cells.tails[i]));
        out.push(v);
      }
      fromBytes.push([out, line]);
    });
    for (const chunk of chunks(bytes, cuts)) b.write(chunk);
    b.end();
    return { fromText, fromBytes };
  };
  it('splits any text into the records and lines of CsvSplitter, cut anywhere', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', ',', '"', '\r', '\n', ' ', '\u00e9', '\u{1F600}', 'NULL'), { maxLength: 60 }),
        fc.integer(),
        (parts, seed) => {
          const text = parts.join('');
          const bytes = encoder.encode(text);
          const cuts = fc.sample(cutsOf(bytes.length), { seed, numRuns: 1 })[0] ?? [];
          const { fromText, fromBytes } = records(text, bytes, cuts);
          expect(fromBytes).toEqual(fromText);
        },
      ),
      { numRuns: 500 },
    );
  });
  it('utf16Length counts as String.length does', () => {
    for (const s of ['', 'abc', '\u00e9t\u00e9', '\u65e5\u672c', '\u{1F600}x']) {
      expect(utf16Length(encoder.encode(s))).toBe(s.length);
    }
  });
});

describe('parseAmountBytes', () => {
  it('parses plain decimals as parseAmountInto does, and leaves the rest to it', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.stringMatching(/^[+-]?[0-9]{0,17}(\.[0-9]{0,16})?$/),
          fc.double({ noNaN: true }).map(String),
          fc.string({ maxLength: 8 }),
        ),
        (s) => {
          const a: ParsedAmount = { whole: 0, pico: 0 };
          const b: ParsedAmount = { whole: 0, pico: 0 };
          const status = parseAmountBytes(encoder.encode(s), 0, encoder.encode(s).length, b);
          if (status === 2) return;
          expect(parseAmountInto(s, a)).toBe(status);
          expect(b).toEqual(a);
        },
      ),
      { numRuns: 500 },
    );
  });
});
