/** The Add panel: links pasted, the manual form, a scan of the tab in front or of an image file. Loaded with the panel. */
import type { ManualAccountInput } from '../../core/accounts/validate-manual-account.ts'
import type { Client } from '../../shared/messaging.ts'
import type { PopupToBackground, ScanPanel } from '../../shared/protocol.ts'
import type { AccountsModel } from './accounts-model.ts'
import type { FeedbackModel } from './feedback-model.ts'
import type { ScanModel } from './scan-model.ts'
import type { SessionModel } from './session-model.ts'

export function createAddModel(
  client: Client<PopupToBackground>,
  { run }: FeedbackModel,
  session: SessionModel,
  accounts: AccountsModel,
  scan: ScanModel,
  /** The tab in front now (the person may have turned to another since the popup opened as a tab). */
  activeTabId: () => Promise<number | undefined>,
) {
  const scanned = (panel: ScanPanel) => {
    scan.show(panel)
    session.close()
  }
  return {
    add: (text: string) => run(async () => accounts.added(await client('addAccounts', { text }))),
    addManual: (form: ManualAccountInput) => run(async () => accounts.added(await client('addManual', form))),
    scanActiveTab: () =>
      run(async () => {
        const tabId = await activeTabId()
        if (tabId !== undefined) scanned(await client('scanActiveTab', { tabId }))
      }),
    scanImage: (dataUrl: string) => run(async () => scanned(await client('scanImage', { dataUrl }))),
  }
}

export type AddModel = ReturnType<typeof createAddModel>
