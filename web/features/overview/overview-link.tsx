import { useRouter } from '@tanstack/react-router';
import type { ComponentProps, MouseEvent } from 'react';

/**
 * A click on a link within the app, navigated by the router (no page load); a modified click (new
 * tab, download) is left to the browser. Works for HTML and SVG anchors alike.
 */
export function useAppLinkClick() {
  const router = useRouter();
  return (event: MouseEvent<Element>, href: string) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    void router.navigate({ href });
  };
}

/**
 * A link to a filtered list. The overview also links to screens whose routes live in other parts
 * of the app (the incident queue), so it takes a ready href instead of a typed route.
 */
export function OverviewLink({ href, onClick, ...props }: ComponentProps<'a'> & { href: string }) {
  const onAppClick = useAppLinkClick();
  return (
    <a
      href={href}
      onClick={(event) => {
        onClick?.(event);
        onAppClick(event, href);
      }}
      {...props}
    />
  );
}
