import type { Fleet } from './fleet/schema.js';

/**
 * The seed's two-service demo: api-gateway is healthy (reliability 85); payments is critical
 * with 5 points — an SLO breach (2), reliability 60 (1), two failed governance checks (1) and
 * spend over budget (1).
 */
export const DEMO_FLEET: Fleet = {
  apiVersion: 'pt/v1',
  kind: 'Fleet',
  services: [
    {
      name: 'api-gateway',
      team: 'platform',
      tier: 1,
      slos: [{ name: 'availability', target: 99.9, current: 99.95 }],
      cost: {
        budgetMonthly: 5000,
        currency: 'USD',
        entries: [
          { month: '2024-01', amount: 4200 },
          { month: '2024-02', amount: 4500 },
        ],
      },
      reliability: { uptimePct: 99.95, mttrMinutes: 8, incidents30d: 1, changeFailureRatePct: 5 },
      governance: { runbook: true, monitoring: true, ownership: true, documentation: true, incidentResponse: true },
    },
    {
      name: 'payments',
      team: 'payments',
      tier: 1,
      slos: [
        { name: 'availability', target: 99.99, current: 99.8 },
        { name: 'latency-p99', target: 99, current: 99.5 },
      ],
      cost: {
        budgetMonthly: 3000,
        currency: 'USD',
        entries: [
          { month: '2024-01', amount: 2800 },
          { month: '2024-02', amount: 3500 },
        ],
      },
      reliability: { uptimePct: 99.5, mttrMinutes: 25, incidents30d: 3, changeFailureRatePct: 12 },
      governance: { runbook: true, monitoring: true, ownership: true, documentation: false, incidentResponse: false },
    },
  ],
};
