import type { StatusModel } from './models/status-model.ts'
import { t } from './i18n.ts'

export function App({ model }: { model: StatusModel }) {
  const status = model.status.value
  return (
    <main>
      <h1>{t('extName')}</h1>
      <p role="status">
        {model.error.value ?? (status ? t(`vaultState_${status.state}`) : t('loading'))}
      </p>
    </main>
  )
}
