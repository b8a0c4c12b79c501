import { lazyView } from '../lazy-view.tsx'
import type { PopupModel } from '../models/popup-model.ts'
import LockInfoView from './lock-info-view.tsx'

// Each loads the first time it is shown, after this module (itself loaded only when a screen other than the list is).
const UnlockView = lazyView(() => import('./unlock-view.tsx'))
const SetupView = lazyView(() => import('./setup-view.tsx'))
const AddView = lazyView(() => import('./add-view.tsx'))
const EditView = lazyView(() => import('./edit-view.tsx'))
const QrView = lazyView(() => import('./qr-view.tsx'))
const SettingsView = lazyView(() => import('./settings-view.tsx'))

/**
 * Every screen but the account list: first run, unlock, and the panels over the list. Kept out of
 * app.tsx so that what only these screens need is not in what every opening of the popup loads.
 */
export default function PanelScreens({ model }: { model: PopupModel }) {
  const { session, feedback, accounts } = model
  // What every screen but the list needs: the vault's state and what is on screen, and the busy flag and error line.
  const screens = { session, feedback }
  const screen = session.screen.value
  const panel = session.panel.value
  if (screen === 'lockInfo') return <LockInfoView session={session} />
  // Screens whose models load with them: drawn once both are there.
  const panels = model.panels()
  if (!panels) return null
  if (screen === 'setup') return <SetupView {...screens} lock={panels.lock} />
  if (screen === 'unlock' || screen === 'corrupt') return <UnlockView {...screens} lock={panels.lock} />
  if (screen === 'add') return <AddView {...screens} add={panels.add} />
  if (panel?.kind === 'edit') return <EditView {...screens} accounts={accounts} panel={panels.account} id={panel.id} />
  if (panel?.kind === 'qr') return <QrView {...screens} accounts={accounts} account={panels.account} qr={panel} />
  if (screen === 'settings') return <SettingsView {...screens} settings={model.settings} panel={panels.settings} />
  return null
}
