import { describe, expect, it } from 'vitest';
import { writtenNames } from './duckdb.js';

describe('writtenNames (undoing DuckDB renaming a repeated CSV column)', () => {
  it.each([
    [
      ['BilledCost', 'BillingCurrency', 'BilledCost_1'],
      ['BilledCost', 'BillingCurrency', 'BilledCost'],
    ],
    [
      ['Tags', 'Tags_1', 'Tags_2'],
      ['Tags', 'Tags', 'Tags'],
    ],
    // A suffix without the bare name beside it is a name of its own.
    [
      ['x_1', 'BilledCost'],
      ['x_1', 'BilledCost'],
    ],
    [
      ['BilledCost', 'BilledCost_x'],
      ['BilledCost', 'BilledCost_x'],
    ],
  ])('%j → %j', (header, expected) => {
    expect(writtenNames(header)).toEqual(expected);
  });
});
