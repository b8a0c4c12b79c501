/**
 * Every <input> under `root` in document order, including those in open shadow
 * roots and in visible same-origin frames. A cross-origin frame's document is
 * null (or throws in older engines) and is skipped: it gets its own content script.
 * `visit` is told about each frame element, frame document and shadow root on
 * the way, so watchOtpFields can observe them too.
 */
export function collectInputs(
  root: ParentNode,
  isVisible: (el: Element) => boolean,
  visit?: (node: Node) => void,
  out: HTMLInputElement[] = [],
): HTMLInputElement[] {
  for (const el of root.querySelectorAll('*')) {
    if (el.localName === 'input') out.push(el as HTMLInputElement)
    let inner: ParentNode | null = el.shadowRoot
    if (/^i?frame$/.test(el.localName)) {
      visit?.(el)
      try {
        inner = isVisible(el) ? (el as HTMLIFrameElement).contentDocument : null
      } catch {
        inner = null
      }
    }
    if (inner) {
      visit?.(inner)
      collectInputs(inner, isVisible, visit, out)
    }
  }
  return out
}
