/**
 * Can the person see this frame? A frame cannot read its ancestors' styles, so another site can
 * frame a bound page at opacity 0 over a decoy and have the person click into it (clickjacking).
 * IntersectionObserver v2 (`trackVisibility`, W3C Intersection Observer "isVisible"; Chromium 74+)
 * reports whether a target is fully opaque, untransformed and unoccluded through every ancestor
 * frame. The document element is the target: the frame's own content never occludes it (hit
 * testing finds its descendants), so only what the embedding pages do counts.
 * Resolves null where the browser has no such check (Firefox): the background's cross-site frame
 * rule (a confirmation in the popup) covers those.
 */
export function frameVisible(): Promise<boolean | null> {
  if (window === window.top) return Promise.resolve(true) // no other page can draw over or fade a top-level page
  if (!('isVisible' in IntersectionObserverEntry.prototype)) return Promise.resolve(null)
  return new Promise((resolve) => {
    // The first notification describes the frame as it is drawn now (the minimum delay is 100 ms).
    const observer = new IntersectionObserver(
      (entries) => {
        observer.disconnect()
        // isVisible (Intersection Observer v2) is not in TypeScript's DOM library yet.
        const entry = entries.at(-1)
        resolve(entry !== undefined && 'isVisible' in entry && entry.isVisible === true)
      },
      { trackVisibility: true, delay: 100 } as IntersectionObserverInit,
    )
    observer.observe(document.documentElement)
  })
}

/**
 * The origins of the documents that embed this frame, nearest first (Chromium's
 * `location.ancestorOrigins`), or null where the browser does not say.
 */
export function ancestorOrigins(): string[] | null {
  const list = (location as Location & { ancestorOrigins?: DOMStringList }).ancestorOrigins
  return list ? Array.from({ length: list.length }, (_, i) => list.item(i) ?? '') : window === window.top ? [] : null
}
