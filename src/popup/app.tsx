import { t } from './i18n.ts'
import type { AppModel } from './models/app-model.ts'
import { AccountsView } from './views/accounts-view.tsx'
import { AddView } from './views/add-view.tsx'
import { SetupView } from './views/setup-view.tsx'
import { UnlockView } from './views/unlock-view.tsx'

export function App({ model }: { model: AppModel }) {
  const screen = model.screen.value
  return (
    <main>
      <h1>{t('extName')}</h1>
      {screen === 'loading' && <p role="status">{t('loading')}</p>}
      {screen === 'setup' && <SetupView model={model} />}
      {screen === 'unlock' && <UnlockView model={model} />}
      {screen === 'accounts' && <AccountsView model={model} />}
      {screen === 'add' && <AddView model={model} />}
      {screen === 'corrupt' && <p role="alert" class="error">{t('vaultCorrupt')}</p>}
      {screen === 'setup' || screen === 'unlock' || screen === 'add' ? null : model.error.value && screen !== 'accounts' && (
        <p role="alert" class="error">{model.error.value}</p>
      )}
    </main>
  )
}
