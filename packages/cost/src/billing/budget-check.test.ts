import { describe, expect, it } from 'vitest';
import { CostConfigSchema } from './allocation.js';
import { checkBudgets } from './analyze.js';
import { sortCells, type CostCube, type CubeCell } from './cube.js';

const units = (n: number) => BigInt(Math.round(n * 1e6)) * 1_000_000n;

const cell = (service: string, day: string, amount: number): CubeCell => ({
  currency: 'USD',
  target: 'service',
  service,
  day,
  serviceCategory: 'Compute',
  chargeCategory: 'Usage',
  serviceName: 'EC2',
  rows: 1,
  amount: units(amount),
});

const cube = (cells: CubeCell[]): CostCube => ({
  metric: 'BilledCost',
  cells: sortCells(cells),
  stats: { rows: cells.length, skippedRows: 0, nullAmounts: 0, roundedAmounts: 0, issues: [], issueCount: 0 },
});

// August is far over any budget; September (the month of the last day) is what is checked.
const CELLS = [
  cell('api', '2024-08-10', 5000),
  cell('api', '2024-09-01', 600),
  cell('api', '2024-09-02', 500),
  cell('web', '2024-09-02', 100),
];

describe('checkBudgets: month-to-date cost > budget', () => {
  it.each([
    ['api over its fleet budget', { api: 1000 }, {}, ['api']],
    ['api exactly at its budget is not over', { api: 1100 }, {}, []],
    ['api under', { api: 2000 }, {}, []],
    ['web over a configured budget', {}, { web: { monthly: 99.99 } }, ['web']],
    ['no budgets at all', {}, {}, []],
  ])('%s', (_name, fleetBudgets: Record<string, number>, configured, expected) => {
    const config = CostConfigSchema.parse({ budgets: { services: configured, thresholds: [50, 80] } });
    const services = ['api', 'web'].map((name) => ({
      name,
      team: 'platform',
      ...(fleetBudgets[name] === undefined ? {} : { budgetMonthly: fleetBudgets[name] }),
    }));
    const check = checkBudgets({ cube: cube(CELLS), config, services });
    expect(check.exceeded.map((a) => a.name)).toEqual(expected);
    expect(check.budgets).toBe(Object.keys(fleetBudgets).length + Object.keys(configured).length);
    for (const a of check.exceeded) expect(a.month).toBe('2024-09');
  });

  it('a team budget counts its services together', () => {
    const config = CostConfigSchema.parse({ budgets: { teams: { platform: { monthly: 1150 } } } });
    const services = [
      { name: 'api', team: 'platform' },
      { name: 'web', team: 'platform' },
    ];
    const check = checkBudgets({ cube: cube(CELLS), config, services });
    expect(check.exceeded.map((a) => `${a.scope}:${a.name}`)).toEqual(['team:platform']);
    expect(check.budgets).toBe(1);
  });
});
