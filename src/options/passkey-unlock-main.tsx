/**
 * The unlock ceremony, in a small window the popup opens: the popup itself closes when the
 * system's passkey prompt takes the focus, so it cannot wait for the answer. This page asks for a
 * passkey as soon as it opens (and again on the button), sends the PRF result to the background,
 * then reopens the popup where the browser allows it (action.openPopup) and closes.
 *
 * With `?qr=<account id>&name=<name>` it confirms "show as QR code" instead, for the same reason,
 * and shows the picture the background rendered here (never the key as text).
 */
import { signal } from '@preact/signals'
import { render } from 'preact'
import { errorText } from '../shared/error-text.ts'
import { t } from '../shared/i18n.ts'
import { popupClient } from '../shared/messaging.ts'
import { passkeysUnsupported, usePasskey } from './passkey-webauthn.ts'

const message = signal<string | null>(null)
const error = signal<string | null>(null)
const busy = signal(false)
const unsupported = passkeysUnsupported()
const params = new URLSearchParams(location.search)
const qrId = params.get('qr')
const qrName = params.get('name') ?? ''
const svg = signal<string | null>(null)

async function showQr(id: string): Promise<void> {
  busy.value = true
  error.value = null
  try {
    const passkey = await usePasskey()
    svg.value = (await popupClient('accountQr', { id, password: '', passkey })).svg
  } catch (e) {
    error.value = errorText(e)
  } finally {
    busy.value = false
  }
}

async function unlock(): Promise<void> {
  busy.value = true
  error.value = null
  try {
    const status = await popupClient('getStatus', {})
    if (status.state === 'unlocked') return done()
    const result = await usePasskey()
    await popupClient('passkeyUnlock', result)
    await done()
  } catch (e) {
    error.value = errorText(e)
  } finally {
    busy.value = false
  }
}

async function done(): Promise<void> {
  message.value = t('passkeyUnlocked')
  const opened = await chrome.action
    ?.openPopup?.()
    .then(() => true)
    .catch(() => false)
  if (opened) window.close()
}

function QrApp() {
  return (
    <main>
      <h1>{t('qrTitle', qrName)}</h1>
      {svg.value ? (
        <>
          <p class="warning">{t('qrWarning')}</p>
          <img class="qr" alt={t('qrAlt', qrName)} src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg.value)}`} />
        </>
      ) : (
        <>
          <p role="alert" class="error">
            {error.value}
          </p>
          <button type="button" class="primary" disabled={busy.value} onClick={() => qrId && void showQr(qrId)}>
            {t('passkeyTryAgain')}
          </button>
        </>
      )}
    </main>
  )
}

function App() {
  return (
    <main>
      <h1>{t('unlockWithPasskey')}</h1>
      {unsupported ? (
        <p role="alert">{t('error_PASSKEY_UNSUPPORTED_BROWSER')}</p>
      ) : (
        <>
          <p role="status" class="notice">
            {message.value}
          </p>
          <p role="alert" class="error">
            {error.value}
          </p>
          {!message.value && (
            <button type="button" class="primary" disabled={busy.value} onClick={() => void unlock()}>
              {t('passkeyTryAgain')}
            </button>
          )}
        </>
      )}
    </main>
  )
}

render(qrId ? <QrApp /> : <App />, document.getElementById('app') as HTMLElement)
if (!unsupported) void (qrId ? showQr(qrId) : unlock())
