/**
 * A full-window overlay where the person drags a box around a QR code the page
 * scan missed. Closed shadow root; only trusted pointer events count. Resolves
 * with the box in CSS pixels of the viewport, or null when cancelled (Esc).
 */
import { ext } from '../shared/browser-api.ts'
import type { PanelKit } from './scan-ui-hook.ts'
import { HOST_STYLE } from './top-layer.ts'

export interface Region {
  x: number
  y: number
  width: number
  height: number
}

const STYLE = `${HOST_STYLE}
.veil { position: fixed; inset: 0; z-index: 2147483647; cursor: crosshair; background: #0003; }
.box { position: fixed; border: 2px solid #2456c9; background: #2456c922; display: none; }
.tip { position: fixed; top: 12px; left: 50%; transform: translateX(-50%); font: 14px system-ui, sans-serif;
  background: #fff; color: #1b1f24; padding: 6px 12px; border-radius: 6px; box-shadow: 0 2px 10px #0003; }
`

/** `toTopLayer`: the content script's own (scan-ui-hook.ts), which keeps all of Keyfob's hosts on top. */
export function pickRegion(toTopLayer: PanelKit['toTopLayer']): Promise<Region | null> {
  return new Promise((resolve) => {
    const host = document.createElement('div')
    const root = host.attachShadow({ mode: 'closed' })
    const style = document.createElement('style')
    style.textContent = STYLE
    const veil = document.createElement('div')
    veil.className = 'veil'
    veil.setAttribute('role', 'application')
    veil.setAttribute('aria-label', ext.i18n.getMessage('regionTip') || 'Drag a box around the QR code')
    const tip = document.createElement('div')
    tip.className = 'tip'
    tip.textContent = ext.i18n.getMessage('regionTip') || 'Drag a box around the QR code. Esc cancels.'
    const box = document.createElement('div')
    box.className = 'box'
    veil.append(tip, box)
    root.append(style, veil)
    toTopLayer(host)
    let start: { x: number; y: number } | null = null
    const rect = (e: PointerEvent): Region => {
      const s = start ?? { x: e.clientX, y: e.clientY }
      return {
        x: Math.min(s.x, e.clientX),
        y: Math.min(s.y, e.clientY),
        width: Math.abs(e.clientX - s.x),
        height: Math.abs(e.clientY - s.y),
      }
    }
    const finish = (region: Region | null) => {
      document.removeEventListener('keydown', onKey, true)
      host.remove()
      // Let the page repaint without the overlay before the tab is captured again.
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(region)))
    }
    const onKey = (e: KeyboardEvent) => {
      if (e.isTrusted && e.key === 'Escape') finish(null)
    }
    veil.addEventListener('pointerdown', (e) => {
      if (!e.isTrusted) return
      start = { x: e.clientX, y: e.clientY }
      veil.setPointerCapture(e.pointerId)
    })
    veil.addEventListener('pointermove', (e) => {
      if (!e.isTrusted || !start) return
      const r = rect(e)
      Object.assign(box.style, { display: 'block', left: `${r.x}px`, top: `${r.y}px`, width: `${r.width}px`, height: `${r.height}px` })
    })
    veil.addEventListener('pointerup', (e) => {
      if (!e.isTrusted || !start) return
      const r = rect(e)
      finish(r.width >= 8 && r.height >= 8 ? r : null)
    })
    document.addEventListener('keydown', onKey, true)
  })
}
