import { useSignal } from '@preact/signals'
import { errorText } from '../shared/error-text.ts'
import { t } from '../shared/i18n.ts'
import type { Client } from '../shared/messaging.ts'
import type { ExportFormatId, ExportResult, PopupToBackground } from '../shared/protocol.ts'

const FORMATS: { id: ExportFormatId; encrypted: boolean }[] = [
  { id: 'keyfob-backup', encrypted: true },
  { id: 'aegis-encrypted', encrypted: true },
  { id: 'aegis-plain', encrypted: false },
  { id: 'otpauth-uri-list', encrypted: false },
  { id: 'google-migration', encrypted: false },
]
const key = (id: string) => `export_${id.replace(/-/g, '_')}`

/** Hands the file to the browser's own download mechanism. */
function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: fileName.endsWith('.json') ? 'application/json' : 'text/plain' }))
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

export function ExportApp({ client, hasPassword }: { client: Client<PopupToBackground>; hasPassword: boolean }) {
  const format = useSignal<ExportFormatId>('keyfob-backup')
  const password = useSignal('')
  const filePassword = useSignal('')
  const repeat = useSignal('')
  const accept = useSignal(false)
  const busy = useSignal(false)
  const error = useSignal<string | null>(null)
  const result = useSignal<ExportResult | null>(null)
  const page = useSignal(0)
  const encrypted = FORMATS.find((f) => f.id === format.value)?.encrypted ?? false
  const mismatch = encrypted && repeat.value !== filePassword.value

  async function submit(e: Event) {
    e.preventDefault()
    busy.value = true
    error.value = null
    try {
      const r = await client('exportVault', {
        format: format.value, password: password.value, acceptPlaintext: accept.value,
        ...(encrypted ? { exportPassword: filePassword.value } : {}),
      })
      if (r.fileName && r.text) download(r.fileName, r.text)
      page.value = 0
      result.value = r
    } catch (err) {
      error.value = errorText(err)
    } finally {
      busy.value = false
    }
  }

  const r = result.value
  if (r) {
    const svg = r.qrSvgs[page.value]
    return (
      <main>
        <h1>{t('exportTitle')}</h1>
        {r.fileName && <p role="status" class="notice">{t('exportDownloaded', r.fileName)}</p>}
        {svg && (
          <section aria-label={t('exportQrProgress', [String(page.value + 1), String(r.qrSvgs.length)])}>
            <p role="status">{t('exportQrProgress', [String(page.value + 1), String(r.qrSvgs.length)])}</p>
            <img class="qr big" alt={t('exportQrAlt', [String(page.value + 1), String(r.qrSvgs.length)])} src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} />
            <div class="actions">
              <button type="button" disabled={page.value === 0} onClick={() => page.value--}>{t('previous')}</button>
              <button type="button" class="primary" disabled={page.value >= r.qrSvgs.length - 1} onClick={() => page.value++}>{t('next')}</button>
            </div>
          </section>
        )}
        {r.skipped.length > 0 && (
          <>
            <h2>{t('exportSkipped', String(r.skipped.length))}</h2>
            <ul>{r.skipped.map((s) => <li><strong>{s.name}</strong>: {s.reason}</li>)}</ul>
          </>
        )}
        {r.warnings.length > 0 && (<><h2>{t('importWarnings')}</h2><ul>{r.warnings.map((w) => <li>{w}</li>)}</ul></>)}
        <button type="button" onClick={() => (result.value = null)}>{t('done')}</button>
      </main>
    )
  }

  return (
    <main>
      <h1>{t('exportTitle')}</h1>
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('exportFormat')}</legend>
          {FORMATS.map((f) => (
            <label class="check">
              <input type="radio" name="format" value={f.id} checked={format.value === f.id} onChange={() => { format.value = f.id; accept.value = false }} />
              {t(key(f.id))}
            </label>
          ))}
        </fieldset>
        {hasPassword && (
          <>
            <label for="x-password">{t('exportKeyfobPassword')}</label>
            <input id="x-password" type="password" autocomplete="current-password" value={password.value} onInput={(e) => (password.value = e.currentTarget.value)} />
          </>
        )}
        {encrypted ? (
          <>
            <label for="x-file-password">{t('exportFilePassword')}</label>
            <input id="x-file-password" type="password" autocomplete="new-password" value={filePassword.value} onInput={(e) => (filePassword.value = e.currentTarget.value)} />
            <label for="x-repeat">{t('confirmPassword')}</label>
            <input id="x-repeat" type="password" autocomplete="new-password" value={repeat.value} aria-invalid={mismatch && repeat.value.length > 0} onInput={(e) => (repeat.value = e.currentTarget.value)} />
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
        {error.value && <p role="alert" class="error">{error.value}</p>}
        <div class="actions"><span />
          <button type="submit" class="primary" disabled={busy.value || mismatch || (!encrypted && !accept.value)}>{busy.value ? t('exportWorking') : t('exportButton')}</button>
        </div>
      </form>
    </main>
  )
}
