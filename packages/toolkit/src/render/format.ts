// One formatter for every call: `toLocaleString` builds a new one each time (60 µs a call). Built on
// first use only: building it costs about 25 ms, a tenth of a small report's run, and `formatMoney`
// needs it only for what its own path leaves (exponents, -0, NaN, infinities).
let money: Intl.NumberFormat | undefined;

/** Money with thousands separators and two decimals, independent of the machine's locale. */
export function formatMoney(amount: number): string {
  const abs = Math.abs(amount);
  // Whole cents (most money is): when cents / 100 is the very number, below 2^43 (where doubles are
  // under half a cent apart, so no other amount in cents is that number) its shortest decimal is
  // those cents: Intl's text, without writing out the number (the costly part).
  const inCents = Math.round(abs * 100);
  if (inCents / 100 === abs && abs < 2 ** 43 && !Object.is(amount, -0)) {
    return `${amount < 0 ? '-' : ''}${grouped(String(Math.floor(inCents / 100)))}.${centsText(inCents % 100)}`;
  }
  const digits = String(abs);
  if (!Number.isFinite(amount) || Object.is(amount, -0) || digits.includes('e')) {
    money ??= new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    return money.format(amount);
  }
  // Intl's en-US text, made the way it makes it: the shortest decimal of the number (what `String`
  // gives; not `toFixed`'s exact binary value: 1.005 is 1.01 here), rounded half away from zero.
  const sign = amount < 0 ? '-' : '';
  const dot = digits.indexOf('.');
  const whole = dot < 0 ? digits : digits.slice(0, dot);
  if (whole.length > 13) {
    // Past 13 whole digits the cents are no longer an exact double.
    const padded = (dot < 0 ? '' : digits.slice(dot + 1)).padEnd(3, '0');
    const cents = (BigInt(whole + padded.slice(0, 2)) + (padded.charCodeAt(2) >= 0x35 /* 5 */ ? 1n : 0n))
      .toString()
      .padStart(3, '0');
    return `${sign}${cents.slice(0, -2).replace(/\B(?=(\d{3})+$)/g, ',')}.${cents.slice(-2)}`;
  }
  // A digit of the fraction, 0 past its end (charCodeAt gives NaN there).
  const digit = (k: number) => {
    const c = dot < 0 ? NaN : digits.charCodeAt(dot + k);
    return c >= 0x30 && c <= 0x39 ? c - 0x30 : 0;
  };
  const cents = Number(whole) * 100 + digit(1) * 10 + digit(2) + (digit(3) >= 5 ? 1 : 0);
  return `${sign}${grouped(String(Math.floor(cents / 100)))}.${centsText(cents % 100)}`;
}

/** Digits with a comma between groups of three. */
function grouped(units: string): string {
  let text = units.slice(0, units.length % 3 || 3);
  for (let k = text.length; k < units.length; k += 3) text += `,${units.slice(k, k + 3)}`;
  return text;
}

const centsText = (cents: number): string => (cents < 10 ? `0${cents}` : String(cents));

/** A reliability score, or `-` when there is none. */
export function formatScore(score: number | null): string {
  return score === null ? '-' : String(score);
}

/** `n thing` / `n things`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
