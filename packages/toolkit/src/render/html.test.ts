import { describe, expect, it } from 'vitest';
import { DEMO_FLEET } from '../demo.js';
import type { Report, ServiceReport } from '../report/schema.js';
import { PlatformToolkit } from '../toolkit.js';
import { escapeHtml, renderHtml } from './html.js';

const demo = PlatformToolkit.fromFleet(DEMO_FLEET).report();
const HOSTILE = `<script>alert("x")</script>&'`;

describe('escapeHtml', () => {
  it.each([
    ['plain', 'plain'],
    ['<b>', '&#60;b&#62;'],
    [`a&b "c" 'd'`, 'a&#38;b &#34;c&#34; &#39;d&#39;'],
  ])('%j → %j', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });
});

describe('renderHtml', () => {
  const html = renderHtml(demo);

  it('is one self-contained page: no external reference, a policy that forbids requests', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html).not.toMatch(/(?:src|href)="(?!#)/); // only in-page anchors
    expect(html).not.toMatch(/https?:\/\/|@import|url\(/);
    expect(html).toContain(`content="default-src 'none';`);
  });

  it('has the summary, the chart, top risks, the team and service tables and every service', () => {
    expect(html).toContain('<span>Services</span><b>2</b>');
    expect(html).toContain('aria-label="Health distribution: 1 healthy, 0 degraded, 1 critical, 0 unknown"');
    expect(html).toMatch(/<ol class="risks"><li><a href="#svc-payments">payments<\/a>/);
    expect(html).toContain('<table class="sortable" id="teams">');
    expect(html).toContain('<label for="filter">Filter services</label>');
    for (const s of demo.services) expect(html).toContain(`<details id="svc-${s.name}">`);
  });

  it('escapes every string from input, whatever the field', () => {
    const first = demo.services[1] as ServiceReport;
    const hostile: Report = {
      ...demo,
      services: [
        {
          ...first,
          name: HOSTILE,
          team: HOSTILE,
          reasons: first.reasons.map((r) => ({ ...r, message: HOSTILE })),
        },
      ],
    };
    const page = renderHtml(hostile, { title: HOSTILE });
    const body = page.slice(page.indexOf('<body>'), page.lastIndexOf('<script>'));
    expect(body).not.toContain('<script');
    expect(body).not.toContain(`"x"`);
    expect(body).toContain(escapeHtml(HOSTILE));
  });

  it('says so when there are no services', () => {
    const empty = renderHtml({ ...demo, services: [] });
    expect(empty).toContain('<p>No services.</p>');
    expect(empty).not.toContain('<table');
  });
});
