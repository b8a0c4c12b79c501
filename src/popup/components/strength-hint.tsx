import type { PasswordStrength } from '../../core/vault/password-strength.ts'
import { t } from '../../shared/i18n.ts'

/** The live hint under a new-password field: advice while empty, then the strength of what was typed. */
export function StrengthHint({ id, password, strength }: { id: string; password: string; strength: PasswordStrength }) {
  return (
    <p id={id} class={password ? `strength s${strength.score}` : 'strength'} aria-live="polite">
      {password ? t(`strength_${strength.hint.replace(/-/g, '_')}`) : t('strengthIntro')}
    </p>
  )
}
