/**
 * Content script: tiny, on every http(s) page. It holds no secret and no account
 * list, and registers no listener a page could use to ask for anything: it only
 * answers the extension itself.
 */
import { ext } from '../shared/browser-api.ts'
import { errorText } from '../shared/error-text.ts'
import { t } from '../shared/i18n.ts'
import { contentClient } from '../shared/messaging.ts'
import { TO_CONTENT } from '../shared/protocol.ts'
import { serve } from '../shared/serve.ts'
import { detectOtpFields } from './detect/detect-otp-fields.ts'
import { fillOtpField } from './detect/fill-otp-field.ts'
import { elementImage } from './element-image.ts'
import { ancestorOrigins, frameVisible } from './frame-visible.ts'
import { askSentCode, showFillChoice, showNotice } from './fill-panels.ts'
import { watchOtpFields } from './detect/watch-otp-fields.ts'
import { syncFieldButtons } from './field-button.ts'
import { closePanel, el, openPanel, trusted } from './panel-host.ts'
import { lendPanelKit } from './scan-ui-hook.ts'
import { toTopLayer } from './top-layer.ts'

/** The scan panel, the region picker and drawnBy: injected by the background after a person asked for a scan (scan-ui-hook.ts). */
const scanUi = lendPanelKit({ openPanel, closePanel, el, trusted, toTopLayer })

/** The element under the last right-click, for "Scan QR code" (from the event's own path: it sees into open shadow roots). */
let lastContextTarget: Element | null = null
let lastContextAt = 0
/** A right-click older than this is not the one the menu was opened with. */
const CONTEXT_FRESH_MS = 30_000
document.addEventListener(
  'contextmenu',
  (e) => {
    if (!e.isTrusted) return
    lastContextTarget = (e.composedPath()[0] as Element | undefined) ?? null
    lastContextAt = Date.now()
  },
  { capture: true },
)

/** The field a fill goes to: the one the person right-clicked when it is one of the detected ones, else the best. */
function targetField() {
  const matches = detectOtpFields(document)
  const target = lastContextTarget
  return matches.find((m) => (m.kind === 'single' ? m.input === target : m.inputs.some((i) => i === target))) ?? matches[0]
}

serve(
  TO_CONTENT,
  {
    ping: () => ({ url: location.href }),
    elementImage: () => elementImage(lastContextTarget),
    drawnBy: ({ boxes, captureWidth }) => ({ sources: scanUi().drawnBy(boxes, captureWidth) }),
    otpFieldStatus: async () => {
      const best = targetField()
      const hidden = best !== undefined && (await frameVisible()) === false
      return { url: location.href, fillable: best !== undefined, sentBy: best?.sentBy ?? null, ancestors: ancestorOrigins(), hidden }
    },
    fillCode: async ({ code, submit, origin }) => {
      const match = targetField()
      if (!match) return { filled: false }
      // The background matched the site of the document that was here then; if the frame has navigated since, this is another one.
      if (origin !== location.origin) return { filled: false }
      // A frame faded or covered by the page around it: the person cannot see where the code would go.
      if ((await frameVisible()) === false) return { filled: false, hidden: true }
      try {
        fillOtpField(match, code)
        // Only when the person turned auto-submit on: requestSubmit() runs the page's own validation and handlers.
        // Called from the prototype: <input name="requestSubmit"> would shadow the form's own method.
        const form = (match.kind === 'single' ? match.input : match.inputs[0])?.form
        if (submit && form) HTMLFormElement.prototype.requestSubmit.call(form)
      } catch (e) {
        // e.g. a 6-digit code for 4 boxes: this field wants another kind of code. Say so, fill nothing.
        showNotice(errorText(e))
        return { filled: false }
      }
      return { filled: true }
    },
    showFillChoice: ({ choiceId, site, names, origin }) => {
      // Names only for the document the site was matched on (see fillCode).
      if (origin === location.origin) showFillChoice(choiceId, site, names)
      return {}
    },
    askSentCode: ({ choiceId, sentBy, origin }) => {
      if (origin === location.origin) askSentCode(choiceId, sentBy)
      return {}
    },
    showNotice: ({ key, values }) => {
      showNotice(t(key, values))
      return {}
    },
    showScan: ({ panel }) => {
      // Panels belong to the top frame, where the person is looking.
      if (window === window.top) scanUi().showScanPanel(panel)
      return {}
    },
    // The popup's scan read nothing (asked of the top frame): the person points at the code.
    pickRegion: () => {
      scanUi().pickAndScan()
      return {}
    },
    // An image, canvas or svg about square and 64 px or more, reaching below the viewport: a code the capture missed (issue #19).
    qrOutsideView: () => ({
      outside: [...document.querySelectorAll('img,canvas,svg')].some((e) => {
        const r = e.getBoundingClientRect()
        return r.width > 63 && Math.abs(r.width - r.height) < r.width / 5 && r.bottom > innerHeight
      }),
    }),
  },
  (sender, type) =>
    // Only Keyfob's own background; and, asked of every frame, only the frame where the person just right-clicked answers elementImage.
    sender.id !== ext.runtime.id || (type === 'elementImage' && Date.now() - lastContextAt > CONTEXT_FRESH_MS) ? null : {},
)

// Keyfob's button in code fields: the background is asked only once a field is found,
// so ordinary pages cost no message at all. Fields added later are watched for.
let fieldButton: Promise<boolean> | null = null
watchOtpFields(document, (matches) => {
  if (matches.length === 0) return syncFieldButtons([])
  // Asked once per page; later changes reuse the answer (stale fields are dropped by syncFieldButtons).
  fieldButton ??= contentClient('fieldButtonEnabled', {}).then(
    ({ enabled }) => enabled,
    () => false,
  )
  void fieldButton.then((enabled) => enabled && syncFieldButtons(matches))
})
