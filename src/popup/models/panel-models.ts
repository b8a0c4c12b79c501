/**
 * The models of the screens and panels off the path from opening the popup to reading a code
 * (first run, unlock, add, edit, QR code, settings): loaded together, the first time one of them
 * is shown, so their code stays out of what every opening of the popup loads.
 */
import type { Client } from '../../shared/messaging.ts'
import type { PopupToBackground } from '../../shared/protocol.ts'
import { createAccountPanelModel } from './account-panel-model.ts'
import { createAddModel } from './add-model.ts'
import type { AccountsModel } from './accounts-model.ts'
import type { FeedbackModel } from './feedback-model.ts'
import { createLockModel } from './lock-model.ts'
import type { ScanModel } from './scan-model.ts'
import type { SessionModel } from './session-model.ts'
import { createSettingsPanelModel } from './settings-panel-model.ts'

export function createPanelModels(
  client: Client<PopupToBackground>,
  feedback: FeedbackModel,
  session: SessionModel,
  accounts: AccountsModel,
  scan: ScanModel,
  activeTabId: () => Promise<number | undefined>,
) {
  return {
    lock: createLockModel(client, feedback, session),
    account: createAccountPanelModel(client, feedback, session, accounts),
    add: createAddModel(client, feedback, session, accounts, scan, activeTabId),
    settings: createSettingsPanelModel(client, feedback, session),
  }
}
