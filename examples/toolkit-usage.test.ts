import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from './toolkit-usage.js';

describe('examples/toolkit-usage.ts', () => {
  it('runs against examples/fleet.yaml', async () => {
    const { report, markdown, paymentsWhy } = await main();
    expect(report.summary).toMatchObject({ totalServices: 8, healthy: 3, degraded: 2, critical: 2, unknown: 1 });
    expect(paymentsWhy).toEqual([
      '+2 slo: SLO not met: availability (99.8% < 99.99%)',
      '+1 reliability: reliability score 60 is below 70',
      '+1 governance: 2 governance checks failed: payments lacks documentation; payments has no incident response plan',
      '+1 cost: over budget: 2024-02 spend 3500 USD exceeds the monthly budget of 3000 USD',
    ]);
    expect(markdown).toContain('| payments | payments | **critical** |');
  });

  it('reports a broken fleet file with located errors', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pt-example-'));
    const file = join(dir, 'fleet.yaml');
    await writeFile(file, 'apiVersion: pt/v1\nkind: Fleet\nservices:\n  - name: x\n    team: t\n    tier: 7\n');
    await expect(main(pathToFileURL(file))).rejects.toThrow('fleet.yaml:6 services[0].tier: must be <= 3, got 7');
  });
});
