/**
 * Runs before every test file of every project (vitest.shared.ts `setupFiles`).
 *
 * fast-check: a failing property's error names its seed and path (`{ seed: 1234, path: "0:1" }`).
 * `FC_SEED=1234 npx nx test <project>` (or `npx vitest run -t '<test name>'` in the project) replays
 * it: every property of the run then starts from that seed.
 */
import fc from 'fast-check';

const raw = process.env['FC_SEED']?.trim();
if (raw !== undefined && raw !== '') {
  const seed = Number(raw);
  if (!Number.isSafeInteger(seed))
    throw new Error(`FC_SEED must be an integer (a seed fast-check printed), not "${raw}"`);
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
}
