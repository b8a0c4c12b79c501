import { useSignalEffect } from '@preact/signals'
import { t } from '../../shared/i18n.ts'
import type { SessionModel } from '../models/session-model.ts'

/**
 * Lock on a vault without a password: the device key would open it again at once, so nothing is
 * locked. Says why, and offers the password form. An alert dialog (WAI-ARIA APG, "Alert and Message
 * Dialogs"): focus moves to the explanation so a screen reader reads it; Esc or "Not now" dismisses it.
 */
export default function LockInfoView({ session }: { session: SessionModel }) {
  // Runs once, after the first draw (it reads no signal).
  useSignalEffect(() => {
    document.getElementById('lock-info-text')?.focus()
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return
      e.preventDefault()
      session.close()
    }
    document.addEventListener('keydown', onKey)
    return () => {
      document.removeEventListener('keydown', onKey)
      // Back to the Lock button the person pressed, once the list is drawn again (not when going on to settings).
      requestAnimationFrame(() => {
        if (document.activeElement !== document.body) return
        for (const b of document.querySelectorAll('button')) if (b.textContent === t('lock')) b.focus()
      })
    }
  })
  return (
    <section role="alertdialog" aria-labelledby="lock-info-title" aria-describedby="lock-info-text">
      <h2 id="lock-info-title">{t('lockNoPasswordTitle')}</h2>
      <p id="lock-info-text" tabIndex={-1} class="warning">
        {t('lockNoPasswordText')}
      </p>
      <div class="actions">
        <button type="button" onClick={session.close}>
          {t('lockNoPasswordDismiss')}
        </button>
        <button type="button" class="primary" onClick={() => session.show({ kind: 'settings', password: true })}>
          {t('lockNoPasswordSet')}
        </button>
      </div>
    </section>
  )
}
