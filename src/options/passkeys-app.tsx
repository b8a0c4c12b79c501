import { useSignal } from '@preact/signals'
import { t } from '../shared/i18n.ts'
import type { PasskeysModel } from './passkeys-model.ts'

/** The vault's passkeys with their dates, "Add a passkey" and Remove, each after Keyfob's password. */
export function PasskeysApp({ model, unsupported }: { model: PasskeysModel; unsupported: boolean }) {
  const password = useSignal('')
  const name = useSignal('')
  const removing = useSignal<string | null>(null)
  const date = (ms: number) => new Date(ms).toLocaleDateString(undefined, { dateStyle: 'medium' })
  const busy = model.busy.value

  if (unsupported) {
    return (
      <main>
        <h1>{t('passkeysTitle')}</h1>
        <p role="alert">{t('error_PASSKEY_UNSUPPORTED_BROWSER')}</p>
      </main>
    )
  }
  const target = model.passkeys.value.find((p) => p.id === removing.value)
  return (
    <main>
      <h1>{t('passkeysTitle')}</h1>
      <p>{t('passkeysIntro')}</p>
      <h2>{t('passkeysListTitle')}</h2>
      {model.passkeys.value.length === 0 ? (
        <p>{t('passkeysNone')}</p>
      ) : (
        <ul aria-label={t('passkeysListTitle')}>
          {model.passkeys.value.map((p) => (
            <li>
              <strong>{p.name}</strong> {t('passkeyAdded', date(p.createdAt))}{' '}
              <button type="button" aria-label={t('passkeyRemoveNamed', p.name)} onClick={() => (removing.value = p.id)}>
                {t('passkeyRemove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <p role="status" class="notice">
        {model.notice.value}
      </p>
      <p role="alert" class="error">
        {model.error.value}
      </p>
      <form
        aria-label={target ? t('passkeyRemoveNamed', target.name) : t('passkeyAddTitle')}
        onSubmit={async (e) => {
          e.preventDefault()
          const ok = target
            ? await model.remove(target.id, password.value, t('passkeyRemovedNotice', target.name))
            : await model.add(password.value, name.value.trim(), t('passkeyAddedNotice', name.value.trim()))
          if (ok) {
            password.value = ''
            name.value = ''
            removing.value = null
          }
        }}
      >
        <h2>{target ? t('passkeyRemoveNamed', target.name) : t('passkeyAddTitle')}</h2>
        {!target && (
          <>
            <label for="passkey-name">{t('passkeyName')}</label>
            <input id="passkey-name" required maxLength={64} value={name.value} onInput={(e) => (name.value = e.currentTarget.value)} />
          </>
        )}
        <label for="passkey-password">{t('passkeyPassword')}</label>
        <input
          id="passkey-password"
          type="password"
          autocomplete="current-password"
          required
          value={password.value}
          onInput={(e) => (password.value = e.currentTarget.value)}
        />
        <div class="actions">
          {target && (
            <button type="button" onClick={() => (removing.value = null)}>
              {t('cancel')}
            </button>
          )}
          <button type="submit" class="primary" disabled={busy}>
            {target ? t('passkeyRemoveConfirm') : t('passkeyAdd')}
          </button>
        </div>
      </form>
    </main>
  )
}
