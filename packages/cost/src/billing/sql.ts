import type { Allocation } from './allocation.js';
import { sortCells, type CostCube, type CubeCell } from './cube.js';
import { AMOUNT_PATTERN, MAX_AMOUNT_UNITS, parseAmount } from './money.js';
import { MAX_KEY_CELL_LENGTH, type FocusColumn, type FocusMetric } from './focus.js';

/** SQL text literal. */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** SQL identifier. */
export function sqlIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * `nameProblem` of \@pt/input in SQL, on `tag_name`: no control, format, line or paragraph
 * separator character, no space character at an end, and NFC. (DuckDB's regular expressions are
 * RE2's, which know the same Unicode categories.)
 */
const NAME_OK_SQL = [
  `NOT regexp_matches(tag_name, '[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]')`,
  `NOT regexp_matches(tag_name, '^\\p{Zs}|\\p{Zs}$')`,
  'nfc_normalize(tag_name) = tag_name',
].join(' AND ');

export interface CubeSqlInput {
  /** A table expression: `focus`, `read_csv(...)`, `read_parquet('exports/*.parquet')`. */
  readonly source: string;
  /** The actual column names of the source, as `resolveColumns` found them. */
  readonly names: Readonly<Record<FocusColumn, string | undefined>>;
  readonly metric: FocusMetric;
  readonly allocation: Allocation;
}

/**
 * The cost cube as one SQL query (DuckDB dialect; standard SQL apart from `json_*`, `GLOB`,
 * `regexp_matches`, `TRY_CAST` and `GROUP BY ALL`). The same rules as the streaming engine:
 * `NULL`/empty cells are null, amounts are summed as DECIMAL(38,12) (exact, 12 places), the day
 * is the UTC day of ChargePeriodStart (run with the session time zone UTC), tags and patterns
 * allocate rows. One row per cell plus `valid = false` rows counting bad rows.
 *
 * Output columns: valid, currency, target, service, day, service_category, charge_category,
 * service_name, amount (DECIMAL as text), row_count, null_amounts, rounded_amounts.
 */
export function focusCubeSql(input: CubeSqlInput): string {
  const { names, allocation } = input;
  const col = (c: FocusColumn) => {
    const name = names[c];
    if (name === undefined) return 'CAST(NULL AS VARCHAR)';
    const v = `CAST(${sqlIdentifier(name)} AS VARCHAR)`;
    return `nullif(nullif(nullif(nullif(${v}, ''), 'NULL'), 'null'), 'Null')`;
  };
  const tag = (key: string) => `json_extract_string(tj, ${sqlString(`$."${key}"`)})`;
  const isText = (key: string) => `json_type(tj, ${sqlString(`$."${key}"`)}) = 'VARCHAR'`;
  // The first tag value naming a service, spaces trimmed (as `tagServiceName`); lower-cased below.
  const tagName =
    allocation.tagKeys.length === 0
      ? 'CAST(NULL AS VARCHAR)'
      : `coalesce(${allocation.tagKeys
          .map((k) => `CASE WHEN ${isText(k)} AND trim(${tag(k)}) <> '' THEN trim(${tag(k)}) END`)
          .join(', ')})`;
  const sharedKey = allocation.sharedTag.key;
  const sharedValues = allocation.sharedServiceValues.map((v) => sqlString(v.toLowerCase())).join(', ');
  const patterns = allocation.patterns
    .map((p) => `WHEN ${col(p.field)} GLOB ${sqlString(p.match)} THEN ${sqlString(p.service.trim().toLowerCase())}`)
    .join(' ');
  return `WITH src AS (
  SELECT
    ${col('BillingCurrency')} AS currency,
    ${col(input.metric)} AS amount_text,
    ${col('ChargePeriodStart')} AS start_text,
    coalesce(${col('ServiceCategory')}, '') AS service_category,
    coalesce(${col('ChargeCategory')}, '') AS charge_category,
    coalesce(${col('ServiceName')}, '') AS service_name,
    ${col('Tags')} AS tags${allocation.patterns.length > 0 ? `,\n    ${['ResourceName', 'ResourceId', 'SubAccountId', 'SubAccountName'].map((f) => `${col(f as FocusColumn)} AS ${f}`).join(',\n    ')}` : ''}
  FROM ${input.source}
), typed AS (
  SELECT *,
    CASE WHEN regexp_full_match(amount_text, ${sqlString(AMOUNT_PATTERN)})
      THEN TRY_CAST(amount_text AS DECIMAL(38,12)) END AS amount,
    strftime(TRY_CAST(start_text AS TIMESTAMPTZ) AT TIME ZONE 'UTC', '%Y-%m-%d') AS day,
    CASE WHEN tags IS NOT NULL AND json_valid(tags) AND json_type(tags) = 'OBJECT' THEN CAST(tags AS JSON) END AS tj
  FROM src
), tagged AS (
  SELECT *,
    ${tagName} AS tag_name,
    lower(${tagName}) AS tag_service,
    (${isText(sharedKey)} AND lower(${tag(sharedKey)}) = ${sqlString(allocation.sharedTag.value.toLowerCase())}) AS shared_tag
  FROM typed
), classified AS (
  SELECT *,
    (regexp_full_match(coalesce(currency, ''), '[A-Z]{3}')
      AND (amount_text IS NULL OR (amount IS NOT NULL AND abs(amount) < ${MAX_AMOUNT_UNITS})) AND day IS NOT NULL
      AND greatest(length(service_name), length(service_category), length(charge_category),
        length(coalesce(tags, ''))) <= ${MAX_KEY_CELL_LENGTH}
      AND (coalesce(shared_tag, false) OR tag_name IS NULL OR (${NAME_OK_SQL}))) AS valid,
    CASE
      WHEN coalesce(shared_tag, false) THEN 'shared'
      WHEN tag_service IS NOT NULL AND tag_service IN (${sharedValues || "''"}) THEN 'shared'
      WHEN tag_service IS NOT NULL THEN 'service'
      ${patterns === '' ? '' : `WHEN (CASE ${patterns} END) IS NOT NULL THEN 'service'`}
      ELSE 'unallocated'
    END AS target,
    CASE
      WHEN coalesce(shared_tag, false) THEN NULL
      WHEN tag_service IS NOT NULL AND tag_service IN (${sharedValues || "''"}) THEN NULL
      WHEN tag_service IS NOT NULL THEN tag_service
      ${patterns === '' ? '' : `ELSE (CASE ${patterns} END)`}
    END AS service
  FROM tagged
)
SELECT
  valid,
  CASE WHEN valid THEN currency END AS currency,
  CASE WHEN valid THEN target END AS target,
  CASE WHEN valid THEN service END AS service,
  CASE WHEN valid THEN day END AS day,
  CASE WHEN valid THEN service_category END AS service_category,
  CASE WHEN valid THEN charge_category END AS charge_category,
  CASE WHEN valid THEN service_name END AS service_name,
  CAST(sum(coalesce(amount, 0)) AS VARCHAR) AS amount,
  count(*) AS row_count,
  count(*) FILTER (WHERE amount_text IS NULL) AS null_amounts,
  count(*) FILTER (WHERE regexp_matches(coalesce(amount_text, ''), '\\.[0-9]{12}[0-9]*[1-9]')) AS rounded_amounts
FROM classified
GROUP BY ALL
ORDER BY ALL`;
}

/** One result row of {@link focusCubeSql}, as a database client returns it. */
export interface CubeSqlRow {
  readonly valid: boolean | null;
  readonly currency: string | null;
  readonly target: string | null;
  readonly service: string | null;
  readonly day: string | null;
  readonly service_category: string | null;
  readonly charge_category: string | null;
  readonly service_name: string | null;
  readonly amount: string | null;
  readonly row_count: number | bigint;
  readonly null_amounts: number | bigint;
  readonly rounded_amounts: number | bigint;
}

/** The cube from the rows of {@link focusCubeSql}; bad rows are counted as skipped. */
export function cubeFromSqlRows(rows: readonly CubeSqlRow[], metric: FocusMetric): CostCube {
  const cells: CubeCell[] = [];
  let total = 0;
  let skipped = 0;
  let nullAmounts = 0;
  let rounded = 0;
  for (const r of rows) {
    const count = Number(r.row_count);
    total += count;
    if (r.valid !== true) {
      skipped += count;
      continue;
    }
    nullAmounts += Number(r.null_amounts);
    rounded += Number(r.rounded_amounts);
    const amount = parseAmount(r.amount ?? '0');
    const target = r.target === 'service' || r.target === 'shared' ? r.target : 'unallocated';
    cells.push({
      currency: r.currency ?? '',
      target,
      service: target === 'service' ? r.service : null,
      day: r.day ?? '',
      serviceCategory: r.service_category ?? '',
      chargeCategory: r.charge_category ?? '',
      serviceName: r.service_name ?? '',
      amount: amount?.value ?? 0n,
      rows: count,
    });
  }
  const issues =
    skipped === 0
      ? []
      : [
          {
            row: 0,
            line: 0,
            column: '',
            message: `${skipped} row${skipped === 1 ? '' : 's'} with a bad currency, amount, timestamp or service tag`,
          },
        ];
  return {
    metric,
    cells: sortCells(cells),
    stats: { rows: total, skippedRows: skipped, nullAmounts, roundedAmounts: rounded, issues, issueCount: skipped },
  };
}
