import { useSignal, useSignalEffect } from '@preact/signals'
import { t } from '../../shared/i18n.ts'
import type { AppModel } from '../models/app-model.ts'

/**
 * Password field, a clear wrong-password message, and a countdown while throttled. A damaged
 * vault (unreadable, or not decrypting) also offers to restore the previous copy.
 */
export default function UnlockView({ model }: { model: AppModel }) {
  const password = useSignal('')
  const damaged = model.status.value?.state === 'corrupt' || model.error.value === t('error_VAULT_CORRUPT')
  const now = useSignal(Date.now())
  const retryAt = model.status.value?.retryAt ?? null
  const wait = retryAt ? Math.max(0, Math.ceil((retryAt - now.value) / 1000)) : 0

  useSignalEffect(() => {
    if (!model.status.value?.retryAt) return
    const timer = setInterval(() => (now.value = Date.now()), 1000)
    return () => clearInterval(timer)
  })

  return (
    <form
      aria-labelledby="unlock-title"
      onSubmit={async (e) => {
        e.preventDefault()
        await model.unlock(password.value)
        password.value = ''
      }}
    >
      <h2 id="unlock-title">{t('unlockTitle')}</h2>
      <label for="password">{t('password')}</label>
      <input id="password" type="password" autocomplete="current-password" autoFocus required value={password.value}
        aria-invalid={model.error.value !== null} aria-describedby="unlock-message" onInput={(e) => (password.value = e.currentTarget.value)} />
      <p id="unlock-message" class="error" role="alert">
        {wait > 0 ? t('throttledWait', String(wait)) : (model.error.value ?? (damaged ? t('vaultCorrupt') : null))}
      </p>
      {damaged && <p id="restore-hint">{t('restorePreviousHint')}</p>}
      <div class="actions">
        {damaged && (
          <button type="button" aria-describedby="restore-hint" disabled={model.busy.value || wait > 0 || !password.value}
            onClick={async () => { await model.unlock(password.value, true); password.value = '' }}>
            {t('restorePrevious')}
          </button>
        )}
        <button type="submit" class="primary" disabled={model.busy.value || wait > 0}>{t('unlock')}</button>
      </div>
    </form>
  )
}
