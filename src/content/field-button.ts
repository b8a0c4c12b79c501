/**
 * The optional Keyfob button inside detected code fields: drawn over the field's
 * right edge in a closed shadow root (the page's layout does not move, the page
 * cannot reach it), never on pages that say the code was texted or e-mailed.
 * A trusted click asks the background to fill this frame.
 */
import { ext } from '../shared/browser-api.ts'
import { errorText } from '../shared/error-text.ts'
import { contentClient } from '../shared/messaging.ts'
import { showNotice } from './fill-panels.ts'
import type { OtpFieldMatch } from './detect/otp-field-match.ts'
import { frameVisible } from './frame-visible.ts'
import { HOST_STYLE, toTopLayer } from './top-layer.ts'

const SIZE = 20
const buttons = new Map<HTMLInputElement, { host: HTMLElement; place: () => void }>()

function anchorOf(match: OtpFieldMatch): HTMLInputElement {
  return match.kind === 'single' ? match.input : (match.inputs[match.inputs.length - 1] as HTMLInputElement)
}

function addButton(input: HTMLInputElement): void {
  const host = document.createElement('div')
  const root = host.attachShadow({ mode: 'closed' })
  const style = document.createElement('style')
  style.textContent = `${HOST_STYLE}
button { all: initial; position: fixed; box-sizing: border-box; width: ${SIZE}px; height: ${SIZE}px; border-radius: 4px; cursor: pointer;
  background: #2456c9 url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 20 20'%3E%3Ccircle cx='10' cy='8' r='3.5' fill='white'/%3E%3Cpath d='M8.5 10h3l1 7h-5z' fill='white'/%3E%3C/svg%3E") center/16px no-repeat; }
button:focus-visible { outline: 2px solid #2456c9; outline-offset: 2px; }`
  const button = document.createElement('button')
  button.type = 'button'
  button.setAttribute('aria-label', ext.i18n.getMessage('menuFill') || 'Fill two-factor code')
  button.title = button.getAttribute('aria-label') ?? ''
  button.addEventListener('click', (e) => {
    // A click into a frame the person cannot see (faded or covered by the page around it) was meant for something else.
    if (!e.isTrusted) return
    // The background says in a notice why a fill failed; only a request that never reached it is said here.
    void frameVisible()
      .then(async (visible) => {
        if (visible !== false) await contentClient('fillRequest', {})
      })
      .catch((e: unknown) => showNotice(errorText(e)))
  })
  root.append(style, button)
  const place = () => {
    const r = input.getBoundingClientRect()
    // In the viewport's coordinates: the host is fixed (and in the top layer, whose boxes ignore the page's scrolling).
    button.style.left = `${r.right - SIZE - 4}px`
    button.style.top = `${r.top + (r.height - SIZE) / 2}px`
    button.style.display = r.width > 0 ? '' : 'none'
  }
  place()
  toTopLayer(host)
  buttons.set(input, { host, place })
}

/** Shows a button for each detected field the page did not say came by text or e-mail; removes stale ones. */
export function syncFieldButtons(matches: OtpFieldMatch[]): void {
  const wanted = new Set(
    matches
      .filter((m) => !m.sentBy)
      .map(anchorOf)
      .filter((input) => input.ownerDocument === document),
  )
  for (const [input, b] of buttons)
    if (!wanted.has(input) || !input.isConnected) {
      b.host.remove()
      buttons.delete(input)
    }
  for (const input of wanted) if (!buttons.has(input)) addButton(input)
}

const replace = () => {
  for (const b of buttons.values()) b.place()
}
window.addEventListener('scroll', replace, { passive: true, capture: true })
window.addEventListener('resize', replace, { passive: true })
// Fullscreen lays the page out anew, often without resizing the window.
document.addEventListener('fullscreenchange', replace)
