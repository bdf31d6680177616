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
  const [whole = '0', fraction = ''] = digits.split('.');
  const padded = fraction.padEnd(3, '0');
  const up = padded.charCodeAt(2) >= 0x35; /* 5 */
  // Up to 13 whole digits the cents are an exact double (below 2^53); BigInt only past that.
  const cents = (
    whole.length <= 13
      ? String(Number(whole) * 100 + Number(padded.slice(0, 2)) + (up ? 1 : 0))
      : (BigInt(whole + padded.slice(0, 2)) + (up ? 1n : 0n)).toString()
  ).padStart(3, '0');
  const grouped = cents.slice(0, -2).replace(/\B(?=(\d{3})+$)/g, ',');
  return `${amount < 0 ? '-' : ''}${grouped}.${cents.slice(-2)}`;
}

/** A reliability score, or `-` when there is none. */
export function formatScore(score: number | null): string {
  return score === null ? '-' : String(score);
}

/** `n thing` / `n things`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
