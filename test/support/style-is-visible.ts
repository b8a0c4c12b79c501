/**
 * Test-only visibility for happy-dom, which has styles but no layout: walks the
 * flat tree up (through shadow hosts and frame elements) and reads computed
 * style, so inline styles, <style> rules and attributes decide. Deterministic
 * stand-in for the layout-based default in src/content/detect/is-visible.ts.
 */
export function styleIsVisible(el: Element): boolean {
  let child: Element | null = null
  for (let n: Element | null = el; n; child = n, n = parentInFlatTree(n)) {
    if (n.hasAttribute('hidden')) return false
    if (n.localName === 'details' && !n.hasAttribute('open') && child?.localName !== 'summary') return false
    const s = n.ownerDocument.defaultView?.getComputedStyle(n)
    if (!s) continue
    if (s.display === 'none' || s.visibility === 'hidden' || s.opacity === '0') return false
    if (n === el && (parseFloat(s.width) === 0 || parseFloat(s.height) === 0)) return false
    if (/absolute|fixed/.test(s.position) && (parseFloat(s.left) < -500 || parseFloat(s.top) < -500)) return false
  }
  return true
}

function parentInFlatTree(n: Element): Element | null {
  if (n.parentElement) return n.parentElement
  const parent = n.parentNode
  if (parent && 'host' in parent) return (parent as ShadowRoot).host
  return n.ownerDocument.defaultView?.frameElement ?? null
}
