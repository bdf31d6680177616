/** Powers of ten that are exact doubles: k / 10^d then rounds correctly for a safe integer k. */
const POWERS_OF_TEN = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * Rounds `value` to `decimals` places, half away from zero, on the value's shortest decimal
 * representation (the digits `String(value)` prints). `round(0.15, 1)` is `0.2` and
 * `round(1.005, 2)` is `1.01`, as a person reading the numbers would round them, where
 * `Math.round(x * 10 ** d) / 10 ** d` would give `0.2` and `1` depending on how the
 * multiplication happens to round. Non-finite values are returned unchanged; `-0` becomes `0`.
 */
export function roundHalfAwayFromZero(value: number, decimals: number): number {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 20) {
    throw new RangeError(`decimals must be an integer in 0..20, got ${decimals}`);
  }
  if (!Number.isFinite(value) || value === 0) return value === 0 ? 0 : value;
  if (Number.isInteger(value)) return value;
  // Fast path: `value` is the double nearest to k / 10^decimals for an integer k (most money and
  // percentages in a fleet file), so its shortest decimal form has at most `decimals` decimals and
  // there is nothing to round. Division of two exact integers rounds correctly, hence the test.
  if (decimals < POWERS_OF_TEN.length) {
    const power = POWERS_OF_TEN[decimals] ?? 1;
    const k = Math.round(value * power);
    if (Math.abs(k) <= Number.MAX_SAFE_INTEGER && k / power === value) return value;
  }
  // Not near a tie: the value and its shortest decimal form are far closer to each other (half an
  // ulp) than to the nearest rounding boundary, so rounding the double rounds the digits alike.
  const power = POWERS_OF_TEN[decimals];
  if (power !== undefined) {
    const scaled = Math.abs(value) * power;
    if (scaled < 1e9) {
      const whole = Math.floor(scaled);
      const fraction = scaled - whole;
      if (Math.abs(fraction - 0.5) > 1e-6) {
        const result = (fraction > 0.5 ? whole + 1 : whole) / power;
        return value < 0 && result !== 0 ? -result : result;
      }
    }
  }
  return roundShortest(value, decimals);
}

/** Rounds on the digits `String(value)` prints; the general algorithm when they are too many for a double. */
function roundShortest(value: number, decimals: number): number {
  const text = String(value);
  const point = text.indexOf('.');
  if (point === -1 || text.includes('e')) return roundDigits(value, decimals);
  if (text.length - point - 1 <= decimals) return value;
  const negative = value < 0;
  // The kept digits as an integer k: the result is k / 10^decimals, or (k + 1) / 10^decimals.
  const kept = text.slice(negative ? 1 : 0, point) + text.slice(point + 1, point + 1 + decimals);
  const power = POWERS_OF_TEN[decimals];
  if (kept.length > 15 || power === undefined) return roundDigits(value, decimals);
  const roundedUp = text.charCodeAt(point + 1 + decimals) - 48 >= 5;
  const result = (Number(kept) + (roundedUp ? 1 : 0)) / power;
  return negative && result !== 0 ? -result : result;
}

/**
 * The general rounding, on the digits of the shortest decimal form; what the fast paths must
 * agree with (a property test checks it). Not part of the package's API.
 */
export function roundDigits(value: number, decimals: number): number {
  // The shortest decimal form may already have at most `decimals` decimals.
  const text = String(value);
  const point = text.indexOf('.');
  if (point !== -1 && !text.includes('e') && text.length - point - 1 <= decimals) return value;
  const negative = value < 0;
  const [mantissa = '0', exponentText] = Math.abs(value).toExponential().split('e');
  const exponent = Number(exponentText);
  const digits = mantissa.replace('.', '');
  // value = 0.d1d2d3... × 10^(exponent + 1); keep `exponent + 1 + decimals` leading digits.
  const keep = exponent + 1 + decimals;
  if (keep >= digits.length) return value;
  if (keep < 0) return 0;
  const kept = keep === 0 ? 0n : BigInt(digits.slice(0, keep));
  const roundedUp = digits.charCodeAt(keep) - 48 >= 5;
  const scaled = roundedUp ? kept + 1n : kept;
  const result = Number(`${scaled.toString()}e${-decimals}`);
  return negative && result !== 0 ? -result : result;
}
