import { useSignal } from '@preact/signals'
import { passwordStrength } from '../../core/vault/password-strength.ts'
import { t } from '../../shared/i18n.ts'
import { StrengthHint } from '../components/strength-hint.tsx'
import type { FeedbackModel } from '../models/feedback-model.ts'
import type { LockModel } from '../models/lock-model.ts'

/** First run: create a password (with a strength hint), or decline it knowingly. */
export default function SetupView({ lock, feedback }: { lock: LockModel; feedback: FeedbackModel }) {
  const password = useSignal('')
  const confirm = useSignal('')
  const declining = useSignal(false)
  const understood = useSignal(false)
  const strength = passwordStrength(password.value)
  const mismatch = confirm.value.length > 0 && confirm.value !== password.value

  if (declining.value) {
    return (
      <section aria-labelledby="setup-title">
        <h2 id="setup-title">{t('setupNoPasswordTitle')}</h2>
        <p class="warning">{t('setupNoPasswordWarning')}</p>
        <label class="check">
          <input type="checkbox" checked={understood.value} onChange={(e) => (understood.value = e.currentTarget.checked)} />
          {t('setupNoPasswordUnderstand')}
        </label>
        <div class="actions">
          <button type="button" onClick={() => (declining.value = false)}>
            {t('back')}
          </button>
          <button type="button" class="primary" disabled={!understood.value || feedback.busy.value} onClick={() => void lock.setup(null)}>
            {t('setupNoPasswordContinue')}
          </button>
        </div>
      </section>
    )
  }

  return (
    <form
      aria-labelledby="setup-title"
      onSubmit={(e) => {
        e.preventDefault()
        if (!mismatch && strength.score > 0) void lock.setup(password.value)
      }}
    >
      <h2 id="setup-title">{t('setupTitle')}</h2>
      <p>{t('setupIntro')}</p>
      <label for="new-password">{t('newPassword')}</label>
      <input
        id="new-password"
        type="password"
        autocomplete="new-password"
        required
        value={password.value}
        aria-describedby="strength"
        onInput={(e) => (password.value = e.currentTarget.value)}
      />
      <StrengthHint id="strength" password={password.value} strength={strength} />
      <label for="confirm-password">{t('confirmPassword')}</label>
      <input
        id="confirm-password"
        type="password"
        autocomplete="new-password"
        required
        value={confirm.value}
        aria-invalid={mismatch}
        aria-describedby={mismatch ? 'mismatch' : undefined}
        onInput={(e) => (confirm.value = e.currentTarget.value)}
      />
      {mismatch && (
        <p id="mismatch" class="error">
          {t('passwordsDiffer')}
        </p>
      )}
      <div class="actions">
        <button type="button" class="link" onClick={() => (declining.value = true)}>
          {t('setupNoPassword')}
        </button>
        <button type="submit" class="primary" disabled={feedback.busy.value || strength.score === 0 || confirm.value !== password.value}>
          {t('setupCreate')}
        </button>
      </div>
    </form>
  )
}
