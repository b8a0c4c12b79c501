import { useSignal } from '@preact/signals'
import { t } from '../../shared/i18n.ts'
import type { AppModel } from '../models/app-model.ts'

/** Shows one account as a QR code for a phone, after the password is entered again. */
export default function QrView({ model, id }: { model: AppModel; id: string }) {
  const password = useSignal('')
  const a = model.accounts.value.find((x) => x.id === id)
  const name = a ? a.issuer || a.account : ''
  const svg = model.qrSvg.value
  const needsPassword = model.status.value?.hasPassword !== false
  return (
    <section aria-labelledby="qr-title">
      <h2 id="qr-title">{t('qrTitle', name)}</h2>
      {svg ? (
        <>
          <p class="warning">{t('qrWarning')}</p>
          <img class="qr" alt={t('qrAlt', name)} src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} />
          <div class="actions"><span /><button type="button" class="primary" onClick={model.close}>{t('done')}</button></div>
        </>
      ) : (
        <form onSubmit={(e) => { e.preventDefault(); void model.showQr(id, password.value) }}>
          {needsPassword && (
            <>
              <label for="qr-password">{t('qrPassword')}</label>
              <input id="qr-password" type="password" autocomplete="current-password" required value={password.value}
                onInput={(e) => (password.value = e.currentTarget.value)} />
            </>
          )}
          <p role="alert" class="error">{model.error.value}</p>
          <div class="actions">
            <button type="button" onClick={model.close}>{t('cancel')}</button>
            <button type="submit" class="primary" disabled={model.busy.value}>{t('showQr')}</button>
          </div>
        </form>
      )}
    </section>
  )
}
