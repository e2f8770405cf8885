// Focus helpers that see into open shadow roots. The StackOne Hub renders its UI in a shadow root
// (@stackone/malachite's ShadowRootWrapper), where Radix's focus trap, which walks the light DOM only,
// cannot find it: Tab then loops on the dialog's Close button forever.

const TABBABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"]), [contenteditable="true"]';

const isVisible = (el: HTMLElement) =>
  typeof el.checkVisibility === 'function' ? el.checkVisibility() : el.getClientRects().length > 0;

/** An unchecked radio is skipped by Tab when another radio of its group is checked. */
function isSkippedRadio(el: HTMLElement): boolean {
  if (!(el instanceof HTMLInputElement) || el.type !== 'radio' || el.checked || !el.name) return false;
  const root = el.getRootNode() as Document | ShadowRoot;
  return root.querySelector(`input[type="radio"][name="${CSS.escape(el.name)}"]:checked`) !== null;
}

/** Tabbable elements under `root` in document order, descending into open shadow roots. */
export function deepTabbables(root: Element | ShadowRoot): HTMLElement[] {
  const found: HTMLElement[] = [];
  const visit = (node: Element | ShadowRoot) => {
    for (const child of Array.from(node.children)) {
      if (!(child instanceof HTMLElement)) continue;
      if (child.inert || child.getAttribute('aria-hidden') === 'true') continue;
      if (child.matches(TABBABLE) && child.tabIndex >= 0 && isVisible(child) && !isSkippedRadio(child))
        found.push(child);
      if (child.shadowRoot) visit(child.shadowRoot);
      visit(child);
    }
  };
  visit(root);
  return found;
}

/** The focused element, looking through shadow hosts to the element inside. */
export function deepActiveElement(doc: Document = document): Element | null {
  let active = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Moves focus to the next (or previous) tabbable under `container`, wrapping around; false if none. */
export function moveFocus(container: Element, backwards: boolean): boolean {
  const items = deepTabbables(container);
  if (items.length === 0) return false;
  const index = items.indexOf(deepActiveElement() as HTMLElement);
  const next =
    index === -1
      ? backwards
        ? items.length - 1
        : 0
      : (index + (backwards ? -1 : 1) + items.length) % items.length;
  items[next]!.focus();
  return true;
}
