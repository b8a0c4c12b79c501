import { HOST_STYLE, toTopLayer } from './top-layer.ts'

/**
 * Keyfob's one panel in a page: a closed shadow root the page cannot reach, fixed
 * in a corner above the page's own top layer, replaced by the next panel. Buttons act only on trusted clicks.
 */
const STYLE = `${HOST_STYLE}
.panel { position: fixed; top: 16px; right: 16px; z-index: 2147483647; width: 320px; box-sizing: border-box;
  font: 14px/1.4 system-ui, sans-serif; color: #1b1f24; background: #fff; border: 1px solid #c9ced6;
  border-radius: 10px; padding: 12px 14px; box-shadow: 0 6px 24px #0003; }
h2 { font-size: 14px; margin: 0 0 6px; }
ul { margin: 6px 0; padding-left: 18px; max-height: 180px; overflow: auto; }
p { margin: 6px 0; }
.muted { color: #59616b; font-size: 12px; }
.actions { display: flex; justify-content: flex-end; gap: 8px; margin-top: 10px; flex-wrap: wrap; }
button { font: inherit; border: 1px solid #c9ced6; background: #fff; border-radius: 6px; padding: 4px 12px; cursor: pointer; color: #1b1f24; }
button.primary { background: #2456c9; border-color: #2456c9; color: #fff; }
[data-t]::before { content: attr(data-t); }
`

let host: HTMLElement | null = null

/**
 * An element of a panel. Its text is drawn as generated content (`::before` from an attribute in
 * the closed shadow root): a page's window.find() matches rendered text even inside closed shadow
 * roots (Chromium), so account names written as text could be read by guessing, but it never
 * matches generated content. Screen readers and accessible names still get the text.
 */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  if (text !== undefined) {
    if (tag === 'style') node.textContent = text
    else node.setAttribute('data-t', text)
  }
  if (cls) node.className = cls
  return node
}

export function closePanel(): void {
  host?.remove()
  host = null
}

/** A click handler that ignores the page's synthetic clicks. */
export function trusted(handler: () => void) {
  return (e: Event) => {
    if (e.isTrusted) handler()
  }
}

/** Opens a fresh panel and returns its box, already in the document (so focus() works). */
export function openPanel(label: string): HTMLElement {
  closePanel()
  host = el('div')
  const root = host.attachShadow({ mode: 'closed' })
  const box = el('div', undefined, 'panel')
  box.setAttribute('role', 'dialog')
  box.setAttribute('aria-label', label)
  root.append(el('style', STYLE), box)
  toTopLayer(host)
  return box
}
