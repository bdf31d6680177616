// One formatter for every call: `toLocaleString` builds a new one each time (60 µs a call). Built on
// first use only: building it costs about 25 ms, a tenth of a small report's run, and `formatMoney`
// needs it only for what its own path leaves (exponents, -0, NaN, infinities).
let money: Intl.NumberFormat | undefined;

/** Money with thousands separators and two decimals, independent of the machine's locale. */
export function formatMoney(amount: number): string {
  const digits = String(Math.abs(amount));
  if (!Number.isFinite(amount) || Object.is(amount, -0) || digits.includes('e')) {
    money ??= new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    return money.format(amount);
  }
  // Intl's en-US text, made the way it makes it: the shortest decimal of the number (what `String`
  // gives; not `toFixed`'s exact binary value: 1.005 is 1.01 here), rounded half away from zero.
  const dot = digits.indexOf('.');
  const whole = dot < 0 ? digits : digits.slice(0, dot);
  const padded = dot < 0 ? '000' : digits.slice(dot + 1).padEnd(3, '0');
  const up = padded.charCodeAt(2) >= 0x35; /* 5 */
  // Cents as a number while exact (below 2^53), else as a BigInt.
  const cents = (
    whole.length <= 13
      ? String(Number(whole) * 100 + Number(padded.slice(0, 2)) + (up ? 1 : 0))
      : (BigInt(whole + padded.slice(0, 2)) + (up ? 1n : 0n)).toString()
  ).padStart(3, '0');
  return `${amount < 0 ? '-' : ''}${grouped(cents.slice(0, -2))}.${cents.slice(-2)}`;
}

/** Digits with a comma before each group of three from the right. */
function grouped(digits: string): string {
  let first = digits.length % 3;
  if (first === 0) first = 3;
  let text = digits.slice(0, first);
  for (let i = first; i < digits.length; i += 3) text += `,${digits.slice(i, i + 3)}`;
  return text;
}

/** A reliability score, or `-` when there is none. */
export function formatScore(score: number | null): string {
  return score === null ? '-' : String(score);
}

/** `n thing` / `n things`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
