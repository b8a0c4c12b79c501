import { useSignal, useSignalEffect } from '@preact/signals'
import { passwordStrength } from '../core/vault/password-strength.ts'
import { ext } from '../shared/browser-api.ts'
import { t } from '../shared/i18n.ts'
import { relativeTime } from '../shared/relative-time.ts'
import type { SyncStatusView } from '../shared/protocol.ts'
import { syncErrorText } from '../shared/sync-error-text.ts'
import { cycleWords, progressWords, refusedWords, type SyncForm, type SyncModel } from './sync-model.ts'

/** Not connected: where to sync, then a new sync space or joining one. */
function ConnectForm({ model }: { model: SyncModel }) {
  const place = useSignal<SyncForm['place']>('webdav')
  const url = useSignal('')
  const user = useSignal('')
  const password = useSignal('')
  const mode = useSignal<SyncForm['mode']>('create')
  const secret = useSignal('')
  const repeat = useSignal('')
  const creating = mode.value === 'create'
  const strength = passwordStrength(secret.value)
  const mismatch = creating && repeat.value.length > 0 && repeat.value !== secret.value
  const ready =
    secret.value.length > 0 &&
    (place.value === 'browser' || (url.value.trim() !== '' && user.value !== '' && password.value !== '')) &&
    (!creating || (strength.score > 0 && repeat.value === secret.value))
  const busy = model.busy.value

  return (
    <form
      aria-labelledby="sync-setup-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        // The origin request inside connect() runs within this submit: the person's gesture.
        void model.connect({
          place: place.value,
          url: url.value,
          user: user.value,
          password: password.value,
          mode: mode.value,
          secret: secret.value,
        })
      }}
    >
      <h2 id="sync-setup-title">{t('syncSetupTitle')}</h2>
      <p class="hint">{t('syncIntro')}</p>
      <fieldset>
        <legend>{t('syncPlace')}</legend>
        <label class="check">
          <input type="radio" name="place" checked={place.value === 'webdav'} onChange={() => (place.value = 'webdav')} />
          {t('syncPlaceWebdav')}
        </label>
        <label class="check">
          <input type="radio" name="place" checked={place.value === 'browser'} onChange={() => (place.value = 'browser')} />
          {t('syncPlaceBrowser')}
        </label>
      </fieldset>
      {place.value === 'webdav' ? (
        <>
          <label for="sync-url">{t('syncUrl')}</label>
          <input
            id="sync-url"
            type="url"
            autocomplete="url"
            placeholder="https://cloud.example.com/remote.php/dav/files/you/Keyfob/"
            aria-describedby="sync-url-hint"
            value={url.value}
            onInput={(e) => (url.value = e.currentTarget.value)}
          />
          <p id="sync-url-hint" class="hint">
            {t('syncUrlHint')}
          </p>
          <label for="sync-user">{t('syncUser')}</label>
          <input
            id="sync-user"
            type="text"
            autocomplete="username"
            value={user.value}
            onInput={(e) => (user.value = e.currentTarget.value)}
          />
          <label for="sync-password">{t('syncAppPassword')}</label>
          <input
            id="sync-password"
            type="password"
            autocomplete="current-password"
            value={password.value}
            onInput={(e) => (password.value = e.currentTarget.value)}
          />
        </>
      ) : (
        <p class="hint">{t('syncBrowserHint')}</p>
      )}
      <fieldset>
        <legend>{t('syncThisDevice')}</legend>
        <label class="check">
          <input type="radio" name="mode" checked={creating} onChange={() => (mode.value = 'create')} />
          {t('syncModeCreate')}
        </label>
        <label class="check">
          <input type="radio" name="mode" checked={mode.value === 'passphrase'} onChange={() => (mode.value = 'passphrase')} />
          {t('syncModeJoin')}
        </label>
        <label class="check">
          <input type="radio" name="mode" checked={mode.value === 'recoveryKey'} onChange={() => (mode.value = 'recoveryKey')} />
          {t('syncModeRecovery')}
        </label>
      </fieldset>
      <label for="sync-secret">{mode.value === 'recoveryKey' ? t('syncRecoveryKey') : t('syncPassphrase')}</label>
      <input
        id="sync-secret"
        type={mode.value === 'recoveryKey' ? 'text' : 'password'}
        class={mode.value === 'recoveryKey' ? 'mono' : undefined}
        autocomplete={creating ? 'new-password' : 'off'}
        spellcheck={false}
        aria-describedby={creating ? 'sync-strength' : undefined}
        value={secret.value}
        onInput={(e) => (secret.value = e.currentTarget.value)}
      />
      {creating && (
        <>
          {/* The vault password's hint (popup/components/strength-hint.tsx), which a page may not import. */}
          <p id="sync-strength" class={secret.value ? `strength s${strength.score}` : 'strength'} aria-live="polite">
            {secret.value ? t(`strength_${strength.hint.replace(/-/g, '_')}`) : t('strengthIntro')}
          </p>
          <label for="sync-repeat">{t('syncPassphraseRepeat')}</label>
          <input
            id="sync-repeat"
            type="password"
            autocomplete="new-password"
            value={repeat.value}
            aria-invalid={mismatch}
            onInput={(e) => (repeat.value = e.currentTarget.value)}
          />
          {mismatch && <p class="error">{t('passwordsDiffer')}</p>}
        </>
      )}
      {model.error.value && (
        <p role="alert" class="error">
          {model.error.value}
        </p>
      )}
      {model.asking.value && (
        <p role="status" class="notice">
          {t('syncAsking')}
        </p>
      )}
      {busy && <ConnectProgress progress={model.progress.value} />}
      <div class="actions">
        <span />
        <button type="submit" class="primary" disabled={busy || model.asking.value || !ready}>
          {creating ? t('syncCreateButton') : t('syncJoinButton')}
        </button>
      </div>
    </form>
  )
}

/** A connect under way, in words, with a bar while a first sync counts records. */
function ConnectProgress({ progress }: { progress: SyncStatusView['progress'] }) {
  const counted = progress?.step === 'records' && progress.total > 0
  return (
    <div role="status" class="deriving">
      <progress aria-label={t('syncProgress')} {...(counted ? { max: progress.total, value: progress.done } : {})} />
      <p>{progressWords(progress, t)}</p>
    </div>
  )
}

/** A new space's recovery key: shown once, grouped, with Copy and "I have stored it". */
function RecoveryKey({ model, value }: { model: SyncModel; value: string }) {
  const copied = useSignal(false)
  return (
    <section aria-labelledby="sync-recovery-title">
      <h2 id="sync-recovery-title">{t('syncRecoveryTitle')}</h2>
      <p>{t('syncRecoveryExplain')}</p>
      <div role="group" class="recovery mono" aria-label={t('syncRecoveryKey')}>
        {value}
      </div>
      <p class="warning">{t('syncRecoveryOnce')}</p>
      {copied.value && (
        <p role="status" class="notice">
          {t('syncRecoveryCopied')}
        </p>
      )}
      <div class="actions">
        <button
          type="button"
          onClick={() =>
            void navigator.clipboard.writeText(value).then(
              () => (copied.value = true),
              () => (copied.value = false),
            )
          }
        >
          {t('syncRecoveryCopy')}
        </button>
        <button type="button" class="primary" onClick={model.recoveryStored}>
          {t('syncRecoveryStored')}
        </button>
      </div>
    </section>
  )
}

/** Connected: where, when, what the last cycle did, its failure, and Sync now / Disconnect. */
function Connected({ model }: { model: SyncModel }) {
  const s = model.status.value
  const confirming = useSignal(false)
  const now = useSignal(Date.now())
  useSignalEffect(() => {
    const timer = setInterval(() => (now.value = Date.now()), 30_000)
    return () => clearInterval(timer)
  })
  if (!s) return null
  const refused = s.last && refusedWords(s.last, t)
  return (
    <section aria-labelledby="sync-on-title">
      <h2 id="sync-on-title">{t('syncOnTitle')}</h2>
      <p>{t('syncPlaceLabel', s.place ?? '')}</p>
      <div role="status" aria-live="polite">
        {model.notice.value && <p class="notice">{model.notice.value}</p>}
        <p>
          {model.busy.value
            ? t('syncSyncing')
            : s.lastSyncAt === null
              ? t('syncNever')
              : t('syncLast', relativeTime(s.lastSyncAt, now.value, ext.i18n.getUILanguage()))}
        </p>
        {s.last && <p>{cycleWords(s.last, t)}</p>}
        {refused && <p class="warning">{refused}</p>}
        {s.last?.backupError && <p class="warning">{t('syncBackupFailed', syncErrorText(s.last.backupError))}</p>}
      </div>
      {s.lastError && (
        <p role="alert" class="error">
          {syncErrorText(s.lastError)}
        </p>
      )}
      {model.error.value && (
        <p role="alert" class="error">
          {model.error.value}
        </p>
      )}
      {confirming.value ? (
        <section role="group" aria-labelledby="sync-off-title" class="banner warning">
          <h3 id="sync-off-title">{t('syncDisconnectTitle')}</h3>
          <p>{t('syncDisconnectExplain')}</p>
          <div class="actions">
            <button type="button" onClick={() => (confirming.value = false)}>
              {t('cancel')}
            </button>
            <button
              type="button"
              class="primary"
              onClick={() => {
                confirming.value = false
                void model.disconnect()
              }}
            >
              {t('syncDisconnectConfirm')}
            </button>
          </div>
        </section>
      ) : (
        <div class="actions">
          <button type="button" disabled={model.busy.value} onClick={() => (confirming.value = true)}>
            {t('syncDisconnect')}
          </button>
          <button type="button" class="primary" disabled={model.busy.value} onClick={() => void model.syncNow()}>
            {t('syncNow')}
          </button>
        </div>
      )}
    </section>
  )
}

export function SyncApp({ model }: { model: SyncModel }) {
  const s = model.status.value
  const key = model.recoveryKey.value
  return (
    <main>
      <h1>{t('syncTitle')}</h1>
      {model.locked.value ? (
        <section aria-labelledby="sync-locked-title">
          <h2 id="sync-locked-title">{t('syncLockedTitle')}</h2>
          <p role="status">{t('syncLocked')}</p>
          <button type="button" onClick={() => void model.load()}>
            {t('syncCheckAgain')}
          </button>
        </section>
      ) : key ? (
        <RecoveryKey model={model} value={key} />
      ) : s?.connected ? (
        <Connected model={model} />
      ) : s ? (
        <ConnectForm model={model} />
      ) : model.error.value ? (
        <p role="alert" class="error">
          {model.error.value}
        </p>
      ) : (
        <p role="status">{t('loading')}</p>
      )}
    </main>
  )
}
