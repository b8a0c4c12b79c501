/**
 * The scan UI, injected on demand (see scan-ui-hook.ts): the background runs this file in a frame
 * (scripting.executeScript, background/scan/inject-scan-ui.ts) just before it asks that frame to show
 * a scan's panel, to let the person drag a box around a code, or to say what draws a capture's boxes.
 * It registers no listener of its own: the content script's handlers call it.
 */
import { drawnBy } from './drawn-by.ts'
import { scanPanels } from './scan-panel.ts'
import { registerScanUi } from './scan-ui-hook.ts'

registerScanUi((kit) => ({ ...scanPanels(kit), drawnBy }))
