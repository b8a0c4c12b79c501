/**
 * The popup's state, split the way the Preact signals TodoMVC demo splits it: small models, each
 * with read-only signals and named actions over one injected background client, so each is
 * unit-testable without a browser. Views get the models they use and call their actions; they
 * never write a model's signal (the signals are typed ReadonlySignal, and lint checks the views)
 * and never touch messaging.
 */
import type { Client } from '../../shared/messaging.ts'
import type { PopupToBackground } from '../../shared/protocol.ts'
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
  /** The tab the popup is over (to offer its site's accounts first, and fill it). */
  activeTabId?: () => Promise<number | undefined>
  /** Writes a code to the clipboard. */
  copyText?: (text: string) => Promise<void>
}

export function createPopupModel(client: Client<PopupToBackground>, opts: PopupModelOptions = {}) {
  const activeTabId = async () => opts.activeTabId?.().catch(() => undefined)
  // Looked up once: a popup closes when the person turns to another tab.
  let tab: Promise<number | undefined> | undefined
  const tabId = () => (tab ??= activeTabId())
  const feedback = createFeedbackModel(opts.errorText)
  const session = createSessionModel(client, feedback, {
    tabId,
    opened: (o, id) => {
      accounts.show(o.list)
      scan.show(o.scan)
      fill.show(o, id)
    },
    closed: () => accounts.show(null),
  })
  const settings = createSettingsModel(client, feedback, session)
  const accounts = createAccountsModel(client, feedback, session, settings, { ...opts, tabId })
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
