import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Waits until every finite animation on the page has ended. Dialogs fade and zoom in; axe reads the
 * colours mid-fade and reports low contrast, which on a busy machine it often catches. Endless ones
 * (spinners) are left running.
 */
export async function settleAnimations(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
}

/** Serious and critical axe violations (WCAG 2.1 A/AA and best practice), one line per element. */
export async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  await settleAnimations(page);
  let builder = new AxeBuilder({ page }).withTags([
    'wcag2a',
    'wcag2aa',
    'wcag21a',
    'wcag21aa',
    'best-practice',
  ]);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map(
        (n) =>
          `[${v.impact}] ${v.id}: ${v.help} — ${n.target.join(' ')}\n    ${n.failureSummary?.replace(/\n/g, '\n    ')}`,
      ),
    );
}

export async function expectNoSeriousViolations(page: Page, include?: string): Promise<void> {
  const found = await seriousViolations(page, include);
  expect(found, `axe found serious/critical violations:\n${found.join('\n')}`).toEqual([]);
}
