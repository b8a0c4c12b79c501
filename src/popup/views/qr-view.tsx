import { useSignal } from '@preact/signals'
import { t } from '../../shared/i18n.ts'
import type { AccountPanelModel } from '../models/account-panel-model.ts'
import type { AccountsModel } from '../models/accounts-model.ts'
import type { FeedbackModel } from '../models/feedback-model.ts'
import type { Panel, SessionModel } from '../models/session-model.ts'
import { openPasskeyWindow } from './open-passkey-window.ts'

interface Props {
  accounts: AccountsModel
  session: SessionModel
  feedback: FeedbackModel
  account: AccountPanelModel
  qr: Extract<Panel, { kind: 'qr' }>
}

/** Shows one account as a QR code for a phone, after the password (or a passkey) is entered again. */
export default function QrView({ accounts, account, session, feedback, qr: { id, svg } }: Props) {
  const password = useSignal('')
  const a = accounts.accounts.value.find((x) => x.id === id)
  const name = a ? a.issuer || a.account : ''
  const needsPassword = session.status.value?.hasPassword !== false
  return (
    <section aria-labelledby="qr-title">
      <h2 id="qr-title">{t('qrTitle', name)}</h2>
      {svg ? (
        <>
          <p class="warning">{t('qrWarning')}</p>
          <img class="qr" alt={t('qrAlt', name)} src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} />
          <div class="actions">
            <span />
            <button type="button" class="primary" onClick={session.close}>
              {t('done')}
            </button>
          </div>
        </>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            void account.showQr(id, password.value)
          }}
        >
          {needsPassword && (
            <>
              <label for="qr-password">{t('qrPassword')}</label>
              <input
                id="qr-password"
                type="password"
                autocomplete="current-password"
                required
                value={password.value}
                onInput={(e) => (password.value = e.currentTarget.value)}
              />
            </>
          )}
          <p role="alert" class="error">
            {feedback.error.value}
          </p>
          {session.status.value?.hasPasskey && (
            <button type="button" onClick={() => openPasskeyWindow({ qr: id, name }, 520)}>
              {t('qrWithPasskey')}
            </button>
          )}
          <div class="actions">
            <button type="button" onClick={session.close}>
              {t('cancel')}
            </button>
            <button type="submit" class="primary" disabled={feedback.busy.value}>
              {t('showQr')}
            </button>
          </div>
        </form>
      )}
    </section>
  )
}
