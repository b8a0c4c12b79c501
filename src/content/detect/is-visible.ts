/**
 * The default visibility test: can a person see `el`? Cheap enough for every
 * candidate field in real Chromium/Firefox, where it uses layout:
 * - `checkVisibility()` (CSSOM View § 6.1) covers display:none, visibility:hidden, opacity:0 and
 *   content-visibility:hidden on the element or an ancestor in the flat tree;
 * - a closed <details> hides everything but its <summary>;
 * - the border box must be larger than 1×1 (zero-size and "sr-only" fields) and
 *   not entirely above or left of the document (left:-9999px); below the fold is fine.
 * happy-dom has no layout (every rectangle is 0×0), so unit tests inject their own.
 */
export function isVisible(el: Element): boolean {
  if (!el.isConnected || el.closest('[hidden],details:not([open])>:not(summary)')) return false
  // The original option names: Chrome 105+ and Firefox 106+ (the manifest allows Chrome 120, which
  // predates the newer opacityProperty/visibilityProperty aliases). Where checkVisibility is missing,
  // the size test below still catches display:none.
  if (el.checkVisibility?.({ checkOpacity: true, checkVisibilityCSS: true }) === false) return false
  const view = el.ownerDocument.defaultView
  const r = el.getBoundingClientRect()
  return r.width > 1 && r.height > 1 && r.right + (view?.scrollX ?? 0) > 0 && r.bottom + (view?.scrollY ?? 0) > 0
}
