import { useSignal, useSignalEffect } from '@preact/signals'
import { t } from '../i18n.ts'
import type { AppModel } from '../models/app-model.ts'
import { AccountRow } from './account-row.tsx'
import { AddPasswordBanner } from './add-password-banner.tsx'

export function AccountsView({ model }: { model: AppModel }) {
  // One clock for every countdown ring; codes themselves are refetched only at period ends.
  const now = useSignal(Date.now())
  useSignalEffect(() => {
    const timer = setInterval(() => (now.value = Date.now()), 1000)
    return () => clearInterval(timer)
  })
  const list = model.accounts.value
  const notice = model.notice.value
  return (
    <section aria-labelledby="accounts-title">
      <header class="bar">
        <h2 id="accounts-title">{t('accountsTitle')}</h2>
        <button type="button" onClick={model.openAdd}>{t('addAccount')}</button>
        <button type="button" onClick={() => void model.lock()}>{t('lock')}</button>
      </header>
      {model.status.value?.hasPassword === false && <AddPasswordBanner model={model} />}
      {notice && (
        <p role="status" class="notice">
          {notice.added > 0 && t('addedCount', String(notice.added))} {notice.duplicates.length > 0 && t('alreadyAdded', notice.duplicates.join(', '))}
        </p>
      )}
      {model.error.value && <p role="alert" class="error">{model.error.value}</p>}
      {list.length === 0 ? (
        <p class="empty">{t('noAccounts')}</p>
      ) : (
        <ul class="accounts" aria-label={t('accountsTitle')}>
          {list.map((a) => <AccountRow key={a.id} account={a} now={now.value} onNextHotp={(id) => void model.nextHotpCode(id)} />)}
        </ul>
      )}
    </section>
  )
}
