/**
 * Edits between two words, a swap of two neighbouring letters counting as one (optimal string
 * alignment, the restricted Damerau–Levenshtein distance): `fromat` is one edit from `format` and
 * two from `from`. Plain Levenshtein (what fastest-levenshtein computes) counts a swap as two and
 * ties those, so the few lines are written here (see the README).
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = Array.from({ length: rows * cols }, (_, k) => (k < cols ? k : k % cols === 0 ? k / cols : 0));
  const at = (i: number, j: number) => d[i * cols + j] ?? 0;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      d[i * cols + j] = best;
    }
  }
  return at(a.length, b.length);
}

/**
 * How far a typo may be from what was meant: one edit for words of up to three letters, else a
 * third of the word and at least two.
 */
function maxDistance(given: string): number {
  return given.length <= 3 ? 1 : Math.max(2, Math.floor(given.length / 3));
}

/**
 * The candidates nearest to what was given, best first (at most three): those it is a prefix
 * of (`gov` → `governance`), else those within {@link maxDistance} edits ({@link editDistance}), the
 * nearest ones only. Empty when nothing is close.
 */
export function nearest(given: string, candidates: readonly string[]): string[] {
  const unique = [...new Set(candidates)].filter((c) => c !== given);
  if (given.length >= 2) {
    const prefixed = unique.filter((c) => c.startsWith(given));
    if (prefixed.length > 0) return prefixed.slice(0, 3);
  }
  const limit = maxDistance(given);
  const scored = unique.map((c) => ({ c, d: editDistance(given, c) })).filter((s) => s.d <= limit);
  const best = Math.min(...scored.map((s) => s.d));
  return scored
    .filter((s) => s.d === best)
    .map((s) => s.c)
    .slice(0, 3);
}

/** `; did you mean "report"?` (or `"a" or "b"`), or the empty string when nothing is close. */
export function didYouMean(given: string, candidates: readonly string[], prefix = ''): string {
  const found = nearest(given, candidates);
  if (found.length === 0) return '';
  const quoted = found.map((c) => `"${prefix}${c}"`);
  const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1) ?? ''}`;
  return `; did you mean ${list}?`;
}
