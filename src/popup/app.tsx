import { useSignalEffect } from '@preact/signals'
import { t } from '../shared/i18n.ts'
import { lazyView } from './lazy-view.tsx'
import type { PopupModel } from './models/popup-model.ts'
import { AccountsView } from './views/accounts-view.tsx'

// Only the account list is on the path from opening the popup to reading a code.
const UnlockView = lazyView(() => import('./views/unlock-view.tsx'))
const SetupView = lazyView(() => import('./views/setup-view.tsx'))
const AddView = lazyView(() => import('./views/add-view.tsx'))
const EditView = lazyView(() => import('./views/edit-view.tsx'))
const QrView = lazyView(() => import('./views/qr-view.tsx'))
const SettingsView = lazyView(() => import('./views/settings-view.tsx'))

export function App({ model }: { model: PopupModel }) {
  const { session, feedback, accounts } = model
  // What every screen but the list needs: the vault's state and what is on screen, and the busy flag and error line.
  const screens = { session, feedback }
  // The theme follows prefers-color-scheme unless the person chose one.
  useSignalEffect(() => {
    const theme = model.settings.settings.value.theme
    if (theme === 'system') delete document.documentElement.dataset.theme
    else document.documentElement.dataset.theme = theme
  })
  const screen = session.screen.value
  const panel = session.panel.value
  // Screens whose models load with them: drawn once both are there.
  const panels = screen !== 'loading' && screen !== 'accounts' && model.panels()
  return (
    <main>
      <h1>{t('extName')}</h1>
      {screen === 'loading' && <p role="status">{t('loading')}</p>}
      {panels && screen === 'setup' && <SetupView {...screens} lock={panels.lock} />}
      {panels && (screen === 'unlock' || screen === 'corrupt') && <UnlockView {...screens} lock={panels.lock} />}
      {screen === 'accounts' && <AccountsView model={model} />}
      {panels && screen === 'add' && <AddView {...screens} add={panels.add} />}
      {panels && screen === 'edit' && panel?.kind === 'edit' && (
        <EditView {...screens} accounts={accounts} panel={panels.account} id={panel.id} />
      )}
      {panels && screen === 'qr' && panel?.kind === 'qr' && <QrView {...screens} accounts={accounts} account={panels.account} qr={panel} />}
      {panels && screen === 'settings' && <SettingsView {...screens} settings={model.settings} panel={panels.settings} />}
    </main>
  )
}
