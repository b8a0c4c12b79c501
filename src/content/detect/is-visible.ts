/**
 * The default visibility test: can a person see `el`? Cheap enough for every
 * candidate field in real Chromium/Firefox, where it uses layout:
 * - `checkVisibility()` (CSSOM View § 6.1) covers display:none, visibility:hidden, opacity:0 and
 *   content-visibility:hidden on the element or an ancestor in the flat tree;
 * - a closed <details> hides everything but its <summary>;
 * - the border box must be larger than 1×1 (zero-size and "sr-only" fields) and
 *   not entirely above or left of the document (left:-9999px); below the fold is fine;
 * - inside the viewport, hit testing must reach the field at one of three points along its middle:
 *   that is what clip-path, clipping by an ancestor's overflow, or a frame laid over it leave visible
 *   (a hostile page's invisible lure). Hit testing skips pointer-events:none overlays such as floating labels.
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
  return r.width > 1 && r.height > 1 && r.right + (view?.scrollX ?? 0) > 0 && r.bottom + (view?.scrollY ?? 0) > 0 && reachable(el, r, view)
}

/** Does hit testing reach `el` at a point of its middle line inside the viewport? Outside the viewport there is nothing to test. */
function reachable(el: Element, r: DOMRect, view: Window | null): boolean {
  const root = el.getRootNode() as Document | ShadowRoot
  if (!view || typeof root.elementFromPoint !== 'function') return true
  const y = r.top + r.height / 2
  if (y < 0 || y >= view.innerHeight) return true
  let tested = false
  for (const fx of [0.25, 0.5, 0.75]) {
    const x = r.left + r.width * fx
    if (x < 0 || x >= view.innerWidth) continue
    tested = true
    const hit = root.elementFromPoint(x, y)
    if (hit !== null && (hit === el || el.contains(hit))) return true
  }
  return !tested
}
