import { useSignal, useSignalEffect } from '@preact/signals'
import { t } from '../../shared/i18n.ts'
import type { FeedbackModel } from '../models/feedback-model.ts'
import type { LockModel } from '../models/lock-model.ts'
import type { SessionModel } from '../models/session-model.ts'
import { openPasskeyWindow } from './open-passkey-window.ts'

/**
 * Password field, a clear wrong-password message, and a countdown while throttled. A damaged
 * vault (unreadable, or not decrypting) also offers to restore the previous copy.
 */
export default function UnlockView({ session, lock, feedback }: { session: SessionModel; lock: LockModel; feedback: FeedbackModel }) {
  const password = useSignal('')
  const error = feedback.error.value
  const damaged = session.status.value?.state === 'corrupt' || error === t('error_VAULT_CORRUPT')
  const now = useSignal(Date.now())
  const retryAt = session.status.value?.retryAt ?? null
  const wait = retryAt ? Math.max(0, Math.ceil((retryAt - now.value) / 1000)) : 0

  useSignalEffect(() => {
    if (!session.status.value?.retryAt) return
    const timer = setInterval(() => (now.value = Date.now()), 1000)
    return () => clearInterval(timer)
  })

  return (
    <form
      aria-labelledby="unlock-title"
      onSubmit={async (e) => {
        e.preventDefault()
        await lock.unlock(password.value)
        password.value = ''
      }}
    >
      <h2 id="unlock-title">{t('unlockTitle')}</h2>
      {session.status.value?.hasPasskey && (
        <>
          <button type="button" class="primary" onClick={() => openPasskeyWindow({}, 360)}>
            {t('unlockWithPasskey')}
          </button>
          <p>{t('passkeyOr')}</p>
        </>
      )}
      <label for="password">{t('password')}</label>
      <input
        id="password"
        type="password"
        autocomplete="current-password"
        autoFocus={!session.status.value?.hasPasskey}
        required
        value={password.value}
        aria-invalid={error !== null}
        aria-describedby="unlock-message"
        onInput={(e) => (password.value = e.currentTarget.value)}
      />
      <p id="unlock-message" class="error" role="alert">
        {wait > 0 ? t('throttledWait', String(wait)) : (error ?? (damaged ? t('vaultCorrupt') : null))}
      </p>
      {damaged && <p id="restore-hint">{t('restorePreviousHint')}</p>}
      <div class="actions">
        {damaged && (
          <button
            type="button"
            aria-describedby="restore-hint"
            disabled={feedback.busy.value || wait > 0 || !password.value}
            onClick={async () => {
              await lock.unlock(password.value, true)
              password.value = ''
            }}
          >
            {t('restorePrevious')}
          </button>
        )}
        <button type="submit" class="primary" disabled={feedback.busy.value || wait > 0}>
          {t('unlock')}
        </button>
      </div>
    </form>
  )
}
