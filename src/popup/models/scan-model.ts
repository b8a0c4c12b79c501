/** A scan result to confirm in the popup: one that waited for the unlock, or one started from the Add panel. */
import { signal, type ReadonlySignal } from '@preact/signals'
import type { Client } from '../../shared/messaging.ts'
import type { PopupToBackground, ScanPanel } from '../../shared/protocol.ts'
import type { AccountsModel } from './accounts-model.ts'
import type { FeedbackModel } from './feedback-model.ts'

export function createScanModel(client: Client<PopupToBackground>, { run }: FeedbackModel, accounts: AccountsModel) {
  const panel = signal<ScanPanel | null>(null)
  return {
    panel: panel as ReadonlySignal<ScanPanel | null>,
    show: (p: ScanPanel | null) => void (panel.value = p),
    confirm: () =>
      run(async () => {
        const s = panel.value
        if (!s) return
        panel.value = await client('confirmPendingScan', { scanId: s.scanId })
        await accounts.load()
      }),
    dismiss: () => void (panel.value = null),
    /** After a scan of tab `tabId` read nothing: the page's region picker there (the page shows what the box holds). Undefined when it failed. */
    pickOnPage: (tabId: number) => run(() => client('pickScanRegion', { tabId })),
  }
}

export type ScanModel = ReturnType<typeof createScanModel>
