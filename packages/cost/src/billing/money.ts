/**
 * Exact money. Billing amounts are kept as integers of 10^-12 currency units ("pico-units"):
 * FOCUS exports carry up to ~15 decimals on unit prices and quantities, but costs come with at
 * most 10–12 (the FOCUS sample has 11), so 12 decimals keep every real cost exact. A digit past
 * the 12th is rounded half away from zero and counted (`roundedCells` in the stats), never
 * dropped silently. Totals are `bigint` pico-units: no drift, no overflow, per currency.
 */

/** Decimal places kept exactly. */
export const AMOUNT_SCALE = 12;
/** 10^12 as a bigint: one currency unit in pico-units. */
export const PICO_PER_UNIT = 10n ** BigInt(AMOUNT_SCALE);
const PICO = 1e12;
/**
 * Amounts must be smaller than 10^15 currency units in magnitude (15 integer digits): any sum of
 * them stays exact (bigint) and every total converts to a finite number. Larger ones are refused
 * by both engines as unparseable.
 */
export const MAX_AMOUNT_UNITS = 1e15;
/** A running `whole` at or past this moves into the bigint part before the next add. */
const FLUSH_AT = 2 ** 53 - 2 * MAX_AMOUNT_UNITS;
/** Carry threshold of the running pico part: far below 2^53, so every add stays exact. */
const CARRY_AT = 1e15;

/** A running exact sum in two safe integers: whole units and pico-units (hot path, no bigint). */
export interface Accumulator {
  whole: number;
  pico: number;
  /** Whole units moved out of `whole` before it could pass 2^53 (sums of many large amounts). */
  big?: bigint;
}

/** Result of parsing one amount: 0 ok, 1 ok but rounded past 12 decimals, -1 not a number. */
export type ParseStatus = 0 | 1 | -1;

/** Scratch output of {@link parseAmountInto} (avoids an allocation per cell). */
export interface ParsedAmount {
  whole: number;
  pico: number;
}

/**
 * Parses a plain decimal (`-12.3400000001`, `+5`, `.5`, `1e-7`) exactly into `out` as signed
 * whole units and pico-units (both with the number's sign). Returns -1 when `s` is not a number.
 */
export function parseAmountInto(s: string, out: ParsedAmount): ParseStatus {
  const n = s.length;
  let i = 0;
  let negative = false;
  let c = n > 0 ? s.charCodeAt(0) : 0;
  if (c === 45 /* - */ || c === 43 /* + */) {
    negative = c === 45;
    i = 1;
  }
  let whole = 0;
  let intDigits = 0;
  for (; i < n; i++) {
    c = s.charCodeAt(i);
    if (c < 48 || c > 57) break;
    whole = whole * 10 + (c - 48);
    intDigits++;
  }
  let pico = 0;
  let fracDigits = 0;
  let status: ParseStatus = 0;
  let roundUp = false;
  if (i < n && c === 46 /* . */) {
    i++;
    for (; i < n; i++) {
      c = s.charCodeAt(i);
      if (c < 48 || c > 57) break;
      if (fracDigits < AMOUNT_SCALE) pico = pico * 10 + (c - 48);
      else if (c !== 48) {
        if (fracDigits === AMOUNT_SCALE && c >= 53) roundUp = true;
        status = 1;
      }
      fracDigits++;
    }
  }
  if (intDigits + fracDigits === 0) return -1;
  if (i < n || intDigits > 15) return slowPath(s, out);
  for (let k = Math.min(fracDigits, AMOUNT_SCALE); k < AMOUNT_SCALE; k++) pico *= 10;
  if (roundUp) {
    pico += 1;
    if (pico === PICO) {
      pico = 0;
      whole += 1;
    }
  }
  if (whole >= MAX_AMOUNT_UNITS) return -1;
  out.whole = negative ? -whole : whole;
  out.pico = negative ? -pico : pico;
  return status;
}

function slowPath(s: string, out: ParsedAmount): ParseStatus {
  const parsed = parseAmount(s);
  if (parsed === null) return -1;
  const whole = parsed.value / PICO_PER_UNIT;
  out.whole = Number(whole);
  out.pico = Number(parsed.value - whole * PICO_PER_UNIT);
  if (!(Math.abs(out.whole) < MAX_AMOUNT_UNITS)) return -1;
  return parsed.rounded ? 1 : 0;
}

/**
 * The amount grammar of both engines (the SQL of `focusCubeSql` applies the same pattern before
 * casting): optional sign, digits with an optional fraction, optional exponent. No blanks, no
 * digit separators (`1_000`), no `NaN`/`Infinity`.
 */
export const AMOUNT_PATTERN = '[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]{1,4})?';
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,4}))?$/;

/**
 * Parses a decimal string exactly into bigint pico-units, rounding half away from zero past 12
 * decimals (`rounded` says so). Accepts an exponent. Returns null for anything else (including
 * `NaN`, `Infinity`, empty text and surrounding blanks).
 */
export function parseAmount(s: string): { value: bigint; rounded: boolean } | null {
  const m = DECIMAL.exec(s);
  if (m === null) return null;
  const [, sign = '', int = '', frac = '', exp = '0'] = m;
  if (int === '' && frac === '') return null;
  const digits = `${int}${frac}`.replace(/^0+(?=\d)/, '');
  // value = digits * 10^(exp - frac.length); in pico-units: shift by exp - frac.length + 12.
  const shift = Number(exp) - frac.length + AMOUNT_SCALE;
  let value: bigint;
  let rounded = false;
  if (shift >= 0) value = BigInt(digits) * 10n ** BigInt(shift);
  else {
    const divisor = 10n ** BigInt(-shift);
    const n = BigInt(digits);
    value = n / divisor;
    const rest = n % divisor;
    if (rest !== 0n) {
      rounded = true;
      if (rest * 2n >= divisor) value += 1n;
    }
  }
  return { value: sign === '-' ? -value : value, rounded };
}

/** A new, zero accumulator. */
export function newAccumulator(): Accumulator {
  return { whole: 0, pico: 0 };
}

/** Adds a parsed amount to an accumulator, exactly. */
export function accumulate(acc: Accumulator, whole: number, pico: number): void {
  if (acc.whole >= FLUSH_AT || acc.whole <= -FLUSH_AT) {
    acc.big = (acc.big ?? 0n) + BigInt(acc.whole);
    acc.whole = 0;
  }
  acc.whole += whole;
  let p = acc.pico + pico;
  if (p >= CARRY_AT || p <= -CARRY_AT) {
    const carry = Math.trunc(p / PICO);
    acc.whole += carry;
    p -= carry * PICO;
  }
  acc.pico = p;
}

/** The exact value of an accumulator, in pico-units. */
export function accumulatorValue(acc: Accumulator): bigint {
  return (BigInt(acc.whole) + (acc.big ?? 0n)) * PICO_PER_UNIT + BigInt(acc.pico);
}

/** Decimal places of a currency's minor unit (USD 2, JPY 0, BHD 3), from the runtime's ISO 4217 data. */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** Rounds pico-units to `decimals` places, half away from zero; the result is in units of 10^-decimals. */
export function roundPico(value: bigint, decimals: number): bigint {
  const divisor = 10n ** BigInt(AMOUNT_SCALE - decimals);
  const magnitude = value < 0n ? -value : value;
  const q = (magnitude + divisor / 2n) / divisor;
  return value < 0n ? -q : q;
}

/** Pico-units as integer minor units of the currency (cents for USD), half away from zero. */
export function toMinorUnits(value: bigint, currency: string): bigint {
  return roundPico(value, minorDigits(currency));
}

/** Pico-units as a decimal string with `decimals` places (default: all 12, trailing zeros trimmed). */
export function formatAmount(value: bigint, decimals?: number): string {
  const places = decimals ?? AMOUNT_SCALE;
  const scaled = decimals === undefined ? value : roundPico(value, places);
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(places + 1, '0');
  const int = digits.slice(0, digits.length - places);
  let frac = digits.slice(digits.length - places);
  if (decimals === undefined) frac = frac.replace(/0+$/, '');
  return `${negative ? '-' : ''}${int}${frac === '' ? '' : `.${frac}`}`;
}

/** Pico-units as a number of currency units (for display and estimates only; totals stay bigint). */
export function amountToNumber(value: bigint): number {
  return Number(value) / PICO;
}

/** A number of currency units as pico-units, rounded to 12 places (for budgets and estimates). */
export function numberToAmount(units: number): bigint {
  return BigInt(Math.round(units * 1e6)) * 1_000_000n;
}

/**
 * {@link parseAmountInto} on the UTF-8 bytes `buf[start, end)` of a plain decimal (sign, digits,
 * fraction; at most 15 integer digits): 0 or 1 as there, or 2 for anything else (an exponent, a
 * bad number…), which the caller reads the plain way. Same results as parsing the text.
 */
export function parseAmountBytes(buf: Uint8Array, start: number, end: number, out: ParsedAmount): 0 | 1 | 2 {
  let i = start;
  let negative = false;
  let c = i < end ? (buf[i] as number) : 0;
  if (c === 45 /* - */ || c === 43 /* + */) {
    negative = c === 45;
    i++;
  }
  let whole = 0;
  let intDigits = 0;
  for (; i < end; i++) {
    c = buf[i] as number;
    if (c < 48 || c > 57) break;
    whole = whole * 10 + (c - 48);
    intDigits++;
  }
  let pico = 0;
  let fracDigits = 0;
  let status: 0 | 1 = 0;
  let roundUp = false;
  if (i < end && c === 46 /* . */) {
    i++;
    for (; i < end; i++) {
      c = buf[i] as number;
      if (c < 48 || c > 57) break;
      if (fracDigits < AMOUNT_SCALE) pico = pico * 10 + (c - 48);
      else if (c !== 48) {
        if (fracDigits === AMOUNT_SCALE && c >= 53) roundUp = true;
        status = 1;
      }
      fracDigits++;
    }
  }
  if (intDigits + fracDigits === 0 || i < end || intDigits > 15) return 2;
  for (let k = Math.min(fracDigits, AMOUNT_SCALE); k < AMOUNT_SCALE; k++) pico *= 10;
  if (roundUp) {
    pico += 1;
    if (pico === PICO) {
      pico = 0;
      whole += 1;
    }
  }
  if (whole >= MAX_AMOUNT_UNITS) return 2;
  out.whole = negative ? -whole : whole;
  out.pico = negative ? -pico : pico;
  return status;
}
