import { useSignal } from '@preact/signals'
import { passwordStrength } from '../../core/vault/password-strength.ts'
import { t } from '../i18n.ts'
import type { AppModel } from '../models/app-model.ts'

/** A password-less vault is labelled as weaker wherever accounts are shown, with a way to fix it. */
export function AddPasswordBanner({ model }: { model: AppModel }) {
  const open = useSignal(false)
  const password = useSignal('')
  const strength = passwordStrength(password.value)
  if (!open.value) {
    return (
      <p class="warning banner">
        {t('noPasswordBanner')}{' '}
        <button type="button" class="link" onClick={() => (open.value = true)}>{t('addPassword')}</button>
      </p>
    )
  }
  return (
    <form class="banner" onSubmit={(e) => { e.preventDefault(); void model.addPassword(password.value) }}>
      <label for="add-password">{t('newPassword')}</label>
      <input id="add-password" type="password" autocomplete="new-password" required value={password.value}
        aria-describedby="add-password-strength" onInput={(e) => (password.value = e.currentTarget.value)} />
      <p id="add-password-strength" class={password.value ? `strength s${strength.score}` : 'strength'} aria-live="polite">
        {password.value ? t(`strength_${strength.hint.replace(/-/g, '_')}`) : t('strengthIntro')}
      </p>
      <div class="actions">
        <button type="button" onClick={() => (open.value = false)}>{t('cancel')}</button>
        <button type="submit" class="primary" disabled={model.busy.value || strength.score === 0}>{t('addPassword')}</button>
      </div>
    </form>
  )
}
