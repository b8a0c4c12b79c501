import { useSignalEffect } from '@preact/signals'
import { t } from '../shared/i18n.ts'
import { lazyView } from './lazy-view.tsx'
import type { AppModel } from './models/app-model.ts'
import { AccountsView } from './views/accounts-view.tsx'

// Only the account list is on the path from opening the popup to reading a code.
const UnlockView = lazyView(() => import('./views/unlock-view.tsx'))
const SetupView = lazyView(() => import('./views/setup-view.tsx'))
const AddView = lazyView(() => import('./views/add-view.tsx'))
const EditView = lazyView(() => import('./views/edit-view.tsx'))
const QrView = lazyView(() => import('./views/qr-view.tsx'))
const SettingsView = lazyView(() => import('./views/settings-view.tsx'))

export function App({ model }: { model: AppModel }) {
  // The theme follows prefers-color-scheme unless the person chose one.
  useSignalEffect(() => {
    const theme = model.status.value?.settings.theme ?? 'system'
    if (theme === 'system') delete document.documentElement.dataset.theme
    else document.documentElement.dataset.theme = theme
  })
  const screen = model.screen.value
  const panel = model.panel.value
  return (
    <main>
      <h1>{t('extName')}</h1>
      {screen === 'loading' && <p role="status">{t('loading')}</p>}
      {screen === 'setup' && <SetupView model={model} />}
      {(screen === 'unlock' || screen === 'corrupt') && <UnlockView model={model} />}
      {screen === 'accounts' && <AccountsView model={model} />}
      {screen === 'add' && <AddView model={model} />}
      {screen === 'edit' && panel?.kind === 'edit' && <EditView model={model} id={panel.id} />}
      {screen === 'qr' && panel?.kind === 'qr' && <QrView model={model} id={panel.id} />}
      {screen === 'settings' && <SettingsView model={model} />}
    </main>
  )
}
