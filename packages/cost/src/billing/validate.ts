import { CsvSplitter } from './csv.js';
import { isNullCell, normalizeColumnName } from './focus.js';
import {
  PRICING_COLUMNS,
  focusColumnsOf,
  inferFocusVersion,
  type FocusColumnSpec,
  type FocusVersion,
} from './focus-spec.js';

/** The rules of `pt cost validate`, in the order their counts are reported. */
export const CONFORMANCE_RULES = [
  'required-column',
  'column-name',
  'duplicate-column',
  'field-count',
  'not-null',
  'column-type',
  'currency',
  'allowed-value',
  'conditional-null',
] as const;
export type ConformanceRule = (typeof CONFORMANCE_RULES)[number];

/** One violation: the file line it is on (the header is line 1), the column ('' for a whole row). */
export interface ConformanceProblem {
  readonly line: number;
  readonly column: string;
  readonly rule: ConformanceRule;
  readonly message: string;
}

export interface ConformanceResult {
  readonly version: FocusVersion;
  /** `given`: by the caller; `columns`: inferred from the header (FOCUS keeps its version in metadata). */
  readonly versionFrom: 'given' | 'columns';
  readonly rows: number;
  readonly problemCount: number;
  readonly counts: Readonly<Record<ConformanceRule, number>>;
  /** Columns that are neither of this FOCUS version nor custom (`x_` prefix): not a violation, said. */
  readonly unknownColumns: readonly string[];
}

export interface ConformanceOptions {
  /** The version to check against; default: the one the header claims ({@link inferFocusVersion}). */
  readonly version?: FocusVersion | undefined;
  /** Called with every problem, in file order (nothing is dropped; memory stays constant). */
  readonly onProblem: (problem: ConformanceProblem) => void;
}

const DECIMAL = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?)?(Z|[+-]00:?00)?$/;
const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));
const MAX_SHOWN = 60;

/** A cell as a message shows it: quoted, escaped, cut. */
function shown(value: string): string {
  const cut = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value;
  return JSON.stringify(cut);
}

function validDateTime(value: string): boolean {
  const m = DATETIME.exec(value);
  if (m === null) return false;
  const [, y, mo, d, h = '00', mi = '00', s = '00'] = m;
  const t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const back = new Date(t);
  return (
    back.getUTCFullYear() === Number(y) &&
    back.getUTCMonth() === Number(mo) - 1 &&
    back.getUTCDate() === Number(d) &&
    Number(h) < 24 &&
    Number(mi) < 60 &&
    Number(s) < 60
  );
}

/** What is wrong with a non-null cell of a column's data type, or null. */
function typeProblem(spec: FocusColumnSpec, value: string): { rule: ConformanceRule; message: string } | null {
  switch (spec.type) {
    case 'decimal':
      return DECIMAL.test(value) ? null : { rule: 'column-type', message: `${shown(value)} is not a decimal number` };
    case 'datetime':
      return validDateTime(value)
        ? null
        : { rule: 'column-type', message: `${shown(value)} is not a date-time in UTC (YYYY-MM-DDTHH:MM:SSZ)` };
    case 'json': {
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch {
        return { rule: 'column-type', message: `${shown(value)} is not JSON` };
      }
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
        ? null
        : { rule: 'column-type', message: `${shown(value)} is not a JSON object` };
    }
    case 'currency':
      return CURRENCIES.has(value)
        ? null
        : { rule: 'currency', message: `${shown(value)} is not an ISO 4217 currency code` };
    case 'string':
      return null;
  }
}

/**
 * Checks FOCUS data against a FOCUS version: required columns (exact names), columns named twice,
 * the number of fields of each row, non-null rules, data types (decimal, UTC date-time, JSON
 * object, ISO 4217 currency), allowed values, and the nulls of PricingQuantity and PricingUnit
 * by ChargeCategory. Push-style like the aggregator: `write(text)` chunks, then `end()`.
 */
export class FocusValidator {
  readonly #options: ConformanceOptions;
  readonly #splitter: CsvSplitter;
  readonly #counts = Object.fromEntries(CONFORMANCE_RULES.map((r) => [r, 0])) as Record<ConformanceRule, number>;
  #problemCount = 0;
  #rows = 0;
  #width = -1;
  #version: FocusVersion = '1.0';
  #versionFrom: 'given' | 'columns' = 'columns';
  #unknown: string[] = [];
  /** Present columns of the version, with their index. */
  #checked: { spec: FocusColumnSpec; index: number }[] = [];
  #category = -1;
  #chargeClass = -1;
  #pricing: { name: string; index: number }[] = [];

  constructor(options: ConformanceOptions) {
    this.#options = options;
    this.#splitter = new CsvSplitter((cells, line) => {
      if (this.#width === -1) this.#header(cells);
      else this.#row(cells, line);
    });
  }

  write(text: string): void {
    this.#splitter.write(text);
  }

  end(): ConformanceResult {
    this.#splitter.end();
    if (this.#width === -1) {
      this.#problem({ line: 1, column: '', rule: 'required-column', message: 'no header row' });
    }
    return {
      version: this.#version,
      versionFrom: this.#versionFrom,
      rows: this.#rows,
      problemCount: this.#problemCount,
      counts: { ...this.#counts },
      unknownColumns: this.#unknown,
    };
  }

  #problem(p: ConformanceProblem): void {
    this.#counts[p.rule]++;
    this.#problemCount++;
    this.#options.onProblem(p);
  }

  #header(raw: readonly string[]): void {
    const cells = raw.map((c, i) => (i === 0 ? c.replace(/^\uFEFF/, '') : c));
    this.#width = cells.length;
    this.#version = this.#options.version ?? inferFocusVersion(cells);
    this.#versionFrom = this.#options.version === undefined ? 'columns' : 'given';
    const specs = focusColumnsOf(this.#version);
    const exact = new Map<string, number>();
    const byKey = new Map<string, string>();
    for (const [i, name] of cells.entries()) {
      if (exact.has(name)) {
        this.#problem({ line: 1, column: name, rule: 'duplicate-column', message: 'column named twice' });
      } else exact.set(name, i);
      if (!byKey.has(normalizeColumnName(name))) byKey.set(normalizeColumnName(name), name);
    }
    const known = new Set(specs.map((s) => s.name));
    const misnamed = new Set<string>();
    for (const spec of specs) {
      const index = exact.get(spec.name);
      if (index !== undefined) {
        this.#checked.push({ spec, index });
        continue;
      }
      const alike = byKey.get(normalizeColumnName(spec.name));
      if (alike !== undefined && !known.has(alike)) {
        misnamed.add(alike);
        this.#problem({
          line: 1,
          column: alike,
          rule: 'column-name',
          message: `must be named ${spec.name} (FOCUS column names are exact)`,
        });
      } else if (spec.level === 'mandatory') {
        this.#problem({
          line: 1,
          column: spec.name,
          rule: 'required-column',
          message: `missing (mandatory in FOCUS ${this.#version})`,
        });
      }
    }
    this.#unknown = cells.filter((c) => !known.has(c) && !c.startsWith('x_') && !misnamed.has(c));
    this.#category = exact.get('ChargeCategory') ?? -1;
    this.#chargeClass = exact.get('ChargeClass') ?? -1;
    this.#pricing = PRICING_COLUMNS.flatMap((name) => {
      const index = exact.get(name);
      return index === undefined ? [] : [{ name, index }];
    });
  }

  #row(cells: readonly string[], line: number): void {
    this.#rows++;
    if (cells.length !== this.#width) {
      this.#problem({
        line,
        column: '',
        rule: 'field-count',
        message: `has ${cells.length} field${cells.length === 1 ? '' : 's'}, the header has ${this.#width}`,
      });
      return;
    }
    for (const { spec, index } of this.#checked) {
      const value = cells[index] ?? '';
      if (isNullCell(value)) {
        if (!spec.nullable) this.#problem({ line, column: spec.name, rule: 'not-null', message: 'must not be null' });
        continue;
      }
      const bad = typeProblem(spec, value);
      if (bad !== null) {
        this.#problem({ line, column: spec.name, ...bad });
        continue;
      }
      if (spec.allowed !== undefined && !spec.allowed.includes(value)) {
        this.#problem({
          line,
          column: spec.name,
          rule: 'allowed-value',
          message: `${shown(value)} is not an allowed value (${spec.allowed.join(', ')})`,
        });
      }
    }
    if (this.#category === -1 || this.#pricing.length === 0) return;
    const category = cells[this.#category] ?? '';
    const correction = this.#chargeClass !== -1 && cells[this.#chargeClass] === 'Correction';
    for (const { name, index } of this.#pricing) {
      const isNull = isNullCell(cells[index]);
      if (isNull && !correction && (category === 'Usage' || category === 'Purchase')) {
        this.#problem({
          line,
          column: name,
          rule: 'conditional-null',
          message: `must not be null when ChargeCategory is ${category}`,
        });
      } else if (!isNull && category === 'Tax') {
        this.#problem({
          line,
          column: name,
          rule: 'conditional-null',
          message: 'must be null when ChargeCategory is Tax',
        });
      }
    }
  }
}
