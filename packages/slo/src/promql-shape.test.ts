import { describe, expect, it } from 'vitest';
import { aggregated, aggregatedOverWindow, isSelector, topAggregation } from './promql-shape.js';

describe('aggregatedOverWindow', () => {
  it.each([
    // What the user did not aggregate is summed, over a range where the query allows one.
    [
      'http_requests_total{job="checkout",code!~"5.."}',
      'sum(increase(http_requests_total{job="checkout",code!~"5.."}[1h]))',
    ],
    ['http_requests_total', 'sum(increase(http_requests_total[1h]))'],
    ['{__name__="x", a=~"b}c"}', 'sum(increase({__name__="x", a=~"b}c"}[1h]))'],
    // Explicit aggregation is kept as written.
    ['sum(x{a="1"})', 'sum(increase(x{a="1"}[1h]))'],
    ['sum by (route) (x{a="1"})', 'sum by (route) (increase(x{a="1"}[1h]))'],
    ['sum(x{a="1"}) by (route)', 'sum by (route) (increase(x{a="1"}[1h]))'],
    ['max(x)', 'increase((max(x))[1h:])'],
    ['sum(x) + sum(y)', 'sum(increase((sum(x) + sum(y))[1h:]))'],
    // Not a plain selector: a subquery, summed.
    ['x{a="1"} * 2', 'sum(increase((x{a="1"} * 2)[1h:]))'],
    ['label_replace(x, "a", "b", "c", "d")', 'sum(increase((label_replace(x, "a", "b", "c", "d"))[1h:]))'],
  ])('%s → %s', (query, expected) => {
    expect(aggregatedOverWindow(query, '1h', 'increase')).toBe(expected);
  });

  it('reads a gauge of per-interval counts with sum_over_time', () => {
    expect(aggregatedOverWindow('events{ok="1"}', '5m', 'sum_over_time')).toBe(
      'sum(sum_over_time(events{ok="1"}[5m]))',
    );
  });
});

describe('aggregated', () => {
  it.each([
    ['rate(x{a="1"}[5m])', 'sum(rate(x{a="1"}[5m]))'],
    ['sum(rate(x[5m]))', 'sum(rate(x[5m]))'],
    ['sum by (a) (rate(x[5m]))', 'sum by (a) (rate(x[5m]))'],
    ['sum(rate(x[5m])) / 2', 'sum(sum(rate(x[5m])) / 2)'],
  ])('%s → %s', (query, expected) => {
    expect(aggregated(query)).toBe(expected);
  });
});

describe('shape', () => {
  it.each([
    ['up', true],
    ['up{job="a"}', true],
    ['up{job="a"}[5m]', false],
    ['rate(up[5m])', false],
    ['up{job="a" or}', false],
  ])('isSelector(%s) = %s', (q, expected) => expect(isSelector(q)).toBe(expected));

  it('reads the grouping on either side', () => {
    expect(topAggregation('sum without (code) (x)')).toEqual({ op: 'sum', grouping: 'without (code)', inner: 'x' });
    expect(topAggregation('count(x) by (a)')).toEqual({ op: 'count', grouping: 'by (a)', inner: 'x' });
    expect(topAggregation('sum(x) by (a) / 2')).toBeUndefined();
  });
});
