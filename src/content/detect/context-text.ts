/** innerText where there is layout (it skips <script>, <style> and hidden text), textContent otherwise. */
const textOf = (n: Node): string => (n as HTMLElement).innerText ?? n.textContent ?? ''

/**
 * The text around a field: the largest of its closest four ancestors that is
 * still form-sized (≤ 600 characters), so a heading or "we sent a code to…"
 * above the field counts but the whole page does not.
 */
export function contextText(el: Element): string {
  let text = ''
  for (let n = el.parentElement, i = 0; n && i < 4; n = n.parentElement, i++) {
    const t = textOf(n)
    if (t.length > 600) break
    text = t
  }
  return text
}

/** The text of the field's <label>s and of the elements its aria-labelledby names. */
export function labelText(el: HTMLInputElement): string {
  const root = el.getRootNode() as Partial<Document>
  const byId = (el.getAttribute('aria-labelledby') ?? '').split(/\s+/).map((id) => (id ? root.getElementById?.(id) : null))
  return [...(el.labels ?? []), ...byId].map((n) => (n ? textOf(n) : '')).join(' ')
}
