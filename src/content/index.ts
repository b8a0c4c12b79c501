/**
 * Content script: tiny, on every http(s) page. It holds no secret and no account
 * list, and registers no listener a page could use to ask for anything: it only
 * answers the extension itself.
 */
import type { Runtime } from 'webextension-polyfill'
import { ext } from '../shared/browser-api.ts'
import { errorText } from '../shared/error-text.ts'
import { t } from '../shared/i18n.ts'
import { contentClient } from '../shared/messaging.ts'
import type { RequestEnvelope, ResponseEnvelope, ScanPanel, ViewportBox } from '../shared/protocol.ts'
import type { FillNotice } from '../shared/sentence.ts'
import { detectOtpFields } from './detect/detect-otp-fields.ts'
import { fillOtpField } from './detect/fill-otp-field.ts'
import { drawnBy } from './drawn-by.ts'
import { elementImage } from './element-image.ts'
import { ancestorOrigins, frameVisible } from './frame-visible.ts'
import { showFillChoice, showNotice } from './fill-panels.ts'
import { watchOtpFields } from './detect/watch-otp-fields.ts'
import { syncFieldButtons } from './field-button.ts'
import { showScanPanel } from './scan-panel.ts'

/** The element under the last right-click, for "Scan QR code" (from the event's own path: it sees into open shadow roots). */
let lastContextTarget: Element | null = null
let lastContextAt = 0
/** A right-click older than this is not the one the menu was opened with. */
const CONTEXT_FRESH_MS = 30_000
document.addEventListener('contextmenu', (e) => {
  if (!e.isTrusted) return
  lastContextTarget = (e.composedPath()[0] as Element | undefined) ?? null
  lastContextAt = Date.now()
}, { capture: true })

async function answer(m: RequestEnvelope): Promise<ResponseEnvelope<unknown>> {
  switch (m.type) {
    case 'ping':
      return { ok: true, value: { url: location.href } }
    case 'elementImage':
      return { ok: true, value: await elementImage(lastContextTarget) }
    case 'drawnBy': {
      const { boxes, captureWidth } = m.input as { boxes: ViewportBox[]; captureWidth: number }
      return { ok: true, value: { sources: drawnBy(boxes, captureWidth) } }
    }
    case 'otpFieldStatus': {
      const best = detectOtpFields(document)[0]
      const hidden = best !== undefined && (await frameVisible()) === false
      return { ok: true, value: { url: location.href, fillable: best !== undefined, smsHint: best?.smsHint ?? false, ancestors: ancestorOrigins(), hidden } }
    }
    case 'fillCode': {
      // The field the person right-clicked wins when it is one of the detected ones.
      const matches = detectOtpFields(document)
      const target = lastContextTarget
      const match = matches.find((m) => (m.kind === 'single' ? m.input === target : m.inputs.some((i) => i === target))) ?? matches[0]
      if (!match) return { ok: true, value: { filled: false } }
      const { code, submit, origin } = m.input as { code: string; submit: boolean; origin: string }
      // The background matched the site of the document that was here then; if the frame has navigated since, this is another one.
      if (origin !== location.origin) return { ok: true, value: { filled: false } }
      // A frame faded or covered by the page around it: the person cannot see where the code would go.
      if ((await frameVisible()) === false) return { ok: true, value: { filled: false, hidden: true } }
      try {
        fillOtpField(match, code)
        // Only when the person turned auto-submit on: requestSubmit() runs the page's own validation and handlers.
        // Called from the prototype: <input name="requestSubmit"> would shadow the form's own method.
        const form = (match.kind === 'single' ? match.input : match.inputs[0])?.form
        if (submit && form) HTMLFormElement.prototype.requestSubmit.call(form)
      } catch (e) {
        // e.g. a 6-digit code for 4 boxes: this field wants another kind of code. Say so, fill nothing.
        showNotice(errorText(e))
        return { ok: true, value: { filled: false } }
      }
      return { ok: true, value: { filled: true } }
    }
    case 'showFillChoice': {
      const { choiceId, site, names, origin } = m.input as { choiceId: string; site: string; names: string[]; origin: string }
      // Names only for the document the site was matched on (see fillCode).
      if (origin === location.origin) showFillChoice(choiceId, site, names)
      return { ok: true, value: {} }
    }
    case 'showNotice': {
      const { key, values } = m.input as FillNotice
      showNotice(t(key, values))
      return { ok: true, value: {} }
    }
    case 'showScan':
      // Panels belong to the top frame, where the person is looking.
      if (window === window.top) showScanPanel((m.input as { panel: ScanPanel }).panel)
      return { ok: true, value: {} }
    default:
      return { ok: false, error: { code: 'INVALID_MESSAGE', message: `Unknown request '${m.type}'.` } }
  }
}

ext.runtime.onMessage.addListener(((message: unknown, sender: Runtime.MessageSender, sendResponse: (r: unknown) => void) => {
  const m = message as RequestEnvelope | null
  if (sender.id !== ext.runtime.id || m?.channel !== 'background') return false
  // Asked of every frame: only the frame where the person just right-clicked answers.
  if (m.type === 'elementImage' && Date.now() - lastContextAt > CONTEXT_FRESH_MS) return false
  void answer(m).then(sendResponse)
  return true
}) as unknown as Parameters<typeof ext.runtime.onMessage.addListener>[0])

// Keyfob's button in code fields: the background is asked only once a field is found,
// so ordinary pages cost no message at all. Fields added later are watched for.
let fieldButton: Promise<boolean> | null = null
watchOtpFields(document, (matches) => {
  if (matches.length === 0) return syncFieldButtons([])
  // Asked once per page; later changes reuse the answer (stale fields are dropped by syncFieldButtons).
  fieldButton ??= contentClient('fieldButtonEnabled', {}).then(({ enabled }) => enabled, () => false)
  void fieldButton.then((enabled) => enabled && syncFieldButtons(matches))
})
