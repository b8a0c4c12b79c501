/**
 * The popup's state, split the way the Preact signals TodoMVC demo splits it: small models, each
 * with read-only signals and named actions over one injected background client, so each is
 * unit-testable without a browser. Views get the models they use and call their actions; they
 * never write a model's signal (the signals are typed ReadonlySignal, and lint checks the views)
 * and never touch messaging.
 */
import type { Client } from '../../shared/messaging.ts'
import type { PopupOpening, PopupToBackground } from '../../shared/protocol.ts'
import { createAccountsModel, type AccountsDeps } from './accounts-model.ts'
import { lazy } from './lazy.ts'
import { createFeedbackModel, type ErrorText } from './feedback-model.ts'
import { createFillModel } from './fill-model.ts'
import { createScanModel } from './scan-model.ts'
import { createSessionModel } from './session-model.ts'
import { createSettingsModel } from './settings-model.ts'

interface PopupModelOptions extends Omit<AccountsDeps, 'tabId'> {
  /** How an error is shown; the popup passes its _locales lookup. */
  errorText?: ErrorText
  /** The tab the popup is over, asked of the browser (to scan it): opening learns it from openPopup's answer. */
  activeTabId?: () => Promise<number | undefined>
  /** openPopup as the page's first script sent it (popup/opening.ts): the first open takes this answer instead of asking. */
  firstOpening?: Promise<PopupOpening>
  /** Writes a code to the clipboard. */
  copyText?: (text: string) => Promise<void>
}

export function createPopupModel(client: Client<PopupToBackground>, opts: PopupModelOptions = {}) {
  const activeTabId = async () => opts.activeTabId?.().catch(() => undefined)
  const feedback = createFeedbackModel(opts.errorText)
  const session = createSessionModel(client, feedback, {
    first: opts.firstOpening,
    opened: (o) => {
      accounts.show(o.list)
      scan.show(o.scan)
      fill.show(o)
    },
    closed: () => accounts.show(null),
  })
  const settings = createSettingsModel(client, feedback, session)
  const accounts = createAccountsModel(client, feedback, session, settings, { ...opts, tabId: session.tabId })
  const scan = createScanModel(client, feedback, accounts)
  const fill = createFillModel(client, feedback, accounts, opts.copyText ?? ((text) => navigator.clipboard.writeText(text)))
  return {
    feedback,
    session,
    settings,
    accounts,
    scan,
    fill,
    /** The models of the lock screens and the panels: null until loaded, which the first call starts. */
    panels: lazy(() =>
      import('./panel-models.ts').then((m) => m.createPanelModels(client, feedback, session, accounts, scan, activeTabId)),
    ),
  }
}

export type PopupModel = ReturnType<typeof createPopupModel>
