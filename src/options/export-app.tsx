import { useSignal } from '@preact/signals'
import { t } from '../shared/i18n.ts'
import { EXPORT_FORMATS, type ExportModel } from './export-model.ts'
import { passkeysUnsupported, usePasskey } from './passkey-webauthn.ts'

const key = (id: string) => `export_${id.replace(/-/g, '_')}`

export function ExportApp({ model }: { model: ExportModel }) {
  const password = useSignal('')
  const filePassword = useSignal('')
  const repeat = useSignal('')
  const accept = useSignal(false)
  const encrypted = model.encrypted.value
  const mismatch = encrypted && repeat.value !== filePassword.value

  function submit(e: Event) {
    e.preventDefault()
    void model.exportVault({ password: password.value, filePassword: filePassword.value, acceptPlaintext: accept.value })
  }

  const r = model.result.value
  const page = model.page.value
  if (r) {
    const svg = r.qrSvgs[page]
    return (
      <main>
        <h1>{t('exportTitle')}</h1>
        {r.fileName && (
          <p role="status" class="notice">
            {t('exportDownloaded', r.fileName)}
          </p>
        )}
        {svg && (
          <section aria-label={t('exportQrProgress', [String(page + 1), String(r.qrSvgs.length)])}>
            <p role="status">{t('exportQrProgress', [String(page + 1), String(r.qrSvgs.length)])}</p>
            <img
              class="qr big"
              alt={t('exportQrAlt', [String(page + 1), String(r.qrSvgs.length)])}
              src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`}
            />
            <div class="actions">
              <button type="button" disabled={page === 0} onClick={model.previous}>
                {t('previous')}
              </button>
              <button type="button" class="primary" disabled={page >= r.qrSvgs.length - 1} onClick={model.next}>
                {t('next')}
              </button>
            </div>
          </section>
        )}
        {r.skipped.length > 0 && (
          <>
            <h2>{t('exportSkipped', String(r.skipped.length))}</h2>
            <ul>
              {r.skipped.map((s) => (
                <li>
                  <strong>{s.name}</strong>: {s.reason}
                </li>
              ))}
            </ul>
          </>
        )}
        {r.warnings.length > 0 && (
          <>
            <h2>{t('importWarnings')}</h2>
            <ul>
              {r.warnings.map((w) => (
                <li>{w}</li>
              ))}
            </ul>
          </>
        )}
        <button type="button" onClick={model.done}>
          {t('done')}
        </button>
      </main>
    )
  }

  return (
    <main>
      <h1>{t('exportTitle')}</h1>
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('exportFormat')}</legend>
          {EXPORT_FORMATS.map((f) => (
            <label class="check">
              <input
                type="radio"
                name="format"
                value={f.id}
                checked={model.format.value === f.id}
                onChange={() => {
                  model.choose(f.id)
                  accept.value = false
                }}
              />
              {t(key(f.id))}
            </label>
          ))}
        </fieldset>
        {model.hasPassword.value && (
          <>
            <label for="x-password">{t('exportKeyfobPassword')}</label>
            <input
              id="x-password"
              type="password"
              autocomplete="current-password"
              value={password.value}
              onInput={(e) => (password.value = e.currentTarget.value)}
            />
          </>
        )}
        {encrypted ? (
          <>
            <label for="x-file-password">{t('exportFilePassword')}</label>
            <input
              id="x-file-password"
              type="password"
              autocomplete="new-password"
              value={filePassword.value}
              onInput={(e) => (filePassword.value = e.currentTarget.value)}
            />
            <label for="x-repeat">{t('confirmPassword')}</label>
            <input
              id="x-repeat"
              type="password"
              autocomplete="new-password"
              value={repeat.value}
              aria-invalid={mismatch && repeat.value.length > 0}
              onInput={(e) => (repeat.value = e.currentTarget.value)}
            />
            {mismatch && repeat.value.length > 0 && <p class="error">{t('passwordsDiffer')}</p>}
          </>
        ) : (
          <>
            <p class="warning">{t('exportPlainWarning')}</p>
            <label class="check">
              <input type="checkbox" checked={accept.value} onChange={(e) => (accept.value = e.currentTarget.checked)} />
              {t('exportPlainAccept')}
            </label>
          </>
        )}
        {model.error.value && (
          <p role="alert" class="error">
            {model.error.value}
          </p>
        )}
        <div class="actions">
          <span />
          {model.hasPasskey.value && !passkeysUnsupported() && (
            <button
              type="button"
              disabled={model.busy.value || mismatch || (!encrypted && !accept.value)}
              onClick={() =>
                void model.exportVault({
                  password: '',
                  filePassword: filePassword.value,
                  acceptPlaintext: accept.value,
                  passkey: usePasskey,
                })
              }
            >
              {t('exportWithPasskey')}
            </button>
          )}
          <button type="submit" class="primary" disabled={model.busy.value || mismatch || (!encrypted && !accept.value)}>
            {model.busy.value ? t('exportWorking') : t('exportButton')}
          </button>
        </div>
      </form>
    </main>
  )
}
