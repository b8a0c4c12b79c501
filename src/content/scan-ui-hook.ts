/**
 * Where the content script and its on-demand scan UI meet. The scan UI (scan-ui.ts: the scan panel,
 * the region picker, what draws a capture's boxes) is needed only after a person asked for a scan, so
 * it is not part of the script every page loads (issue #15: the content script's 10 KiB budget): the
 * background injects it (scripting.executeScript, background/scan/inject-scan-ui.ts) just before it
 * asks the page for one of them. Both scripts run in Keyfob's isolated world (Chromium) or content-script
 * sandbox (Firefox), whose globals no page and no other extension can see, and meet there on one
 * property: the content script lends its panel host and top layer (so a page still has one Keyfob panel
 * at a time), the scan UI hands back its functions. A second injection finds them and adds nothing.
 */
import { KeyfobError } from '../core/errors.ts'
import type { ScanPanel, ViewportBox } from '../shared/protocol.ts'
import type { closePanel, el, openPanel, trusted } from './panel-host.ts'
import type { toTopLayer } from './top-layer.ts'

/** What the content script lends the scan UI. */
export interface PanelKit {
  openPanel: typeof openPanel
  closePanel: typeof closePanel
  el: typeof el
  trusted: typeof trusted
  toTopLayer: typeof toTopLayer
}

/** What the scan UI hands the content script (its message handlers call these). */
export interface ScanUi {
  showScanPanel(panel: ScanPanel): void
  pickAndScan(): void
  drawnBy(boxes: readonly ViewportBox[], captureWidth: number): (string[] | null)[]
}

interface Meeting {
  kit: PanelKit
  ui?: ScanUi
}

const KEY = 'keyfobScanUi'
const world = globalThis as unknown as { [KEY]?: Meeting }

/** Content script: lends `kit`; the returned function gives the scan UI once the background has injected it. */
export function lendPanelKit(kit: PanelKit): () => ScanUi {
  const meeting: Meeting = { kit }
  world[KEY] = meeting
  return () => {
    // Not injected (a page where executeScript was refused): the background's callers treat this as a page Keyfob cannot draw on.
    if (!meeting.ui) throw new KeyfobError('PICKER_UNAVAILABLE', 'Keyfob’s scan UI is not loaded in this page.')
    return meeting.ui
  }
}

/**
 * Scan UI: registers itself with the content script, once. False when there is no content script in
 * this frame (a tab opened before Keyfob was installed) or the UI is already there (a second injection).
 */
export function registerScanUi(make: (kit: PanelKit) => ScanUi): boolean {
  // Own properties only: the window's named properties (an element with id="keyfobScanUi") show in every world.
  const meeting = Object.hasOwn(world, KEY) ? world[KEY] : undefined
  if (!meeting || meeting.ui) return false
  meeting.ui = make(meeting.kit)
  return true
}
