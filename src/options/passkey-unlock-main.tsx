/**
 * The unlock ceremony, in a small window the popup opens: the popup itself closes when the
 * system's passkey prompt takes the focus, so it cannot wait for the answer. This page asks for a
 * passkey as soon as it opens (and again on the button), sends the PRF result to the background,
 * then reopens the popup where the browser allows it (action.openPopup) and closes.
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

render(<App />, document.getElementById('app') as HTMLElement)
if (!unsupported) void unlock()
