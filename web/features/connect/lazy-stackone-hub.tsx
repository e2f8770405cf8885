import { lazy } from 'react';

/**
 * The real `@stackone/hub`, loaded on first use so it (and its UI kit) land in their own chunk and
 * stay out of the initial bundle.
 */
export const LazyStackOneHub = lazy(async () => {
  const { StackOneHub } = await import('@stackone/hub');
  return { default: StackOneHub };
});
