// One formatter for every call: `toLocaleString` builds a new one each time (60 µs a call).
const MONEY = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Money with thousands separators and two decimals, independent of the machine's locale. */
export function formatMoney(amount: number): string {
  return MONEY.format(amount);
}

/** A reliability score, or `-` when there is none. */
export function formatScore(score: number | null): string {
  return score === null ? '-' : String(score);
}

/** `n thing` / `n things`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
