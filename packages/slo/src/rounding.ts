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
  // Fast path: the shortest decimal form already has at most `decimals` decimals (most money and
  // percentages in a fleet file), so there is nothing to round.
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
