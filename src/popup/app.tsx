import { useSignalEffect } from '@preact/signals'
import { t } from '../shared/i18n.ts'
import { lazyView } from './lazy-view.tsx'
import type { PopupModel } from './models/popup-model.ts'
import { AccountsView } from './views/accounts-view.tsx'

// Only the account list is on the path from opening the popup to reading a code; every other screen loads when shown.
const PanelScreens = lazyView(() => import('./views/panel-screens.tsx'))

export function App({ model }: { model: PopupModel }) {
  // The theme follows prefers-color-scheme unless the person chose one.
  useSignalEffect(() => {
    const theme = model.settings.settings.value.theme
    if (theme === 'system') delete document.documentElement.dataset.theme
    else document.documentElement.dataset.theme = theme
  })
  const screen = model.session.screen.value
  return (
    <main>
      <h1>{t('extName')}</h1>
      {screen === 'loading' && <p role="status">{t('loading')}</p>}
      {screen === 'accounts' && <AccountsView model={model} />}
      {screen !== 'loading' && screen !== 'accounts' && <PanelScreens model={model} />}
    </main>
  )
}
