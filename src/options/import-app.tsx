import { useSignal } from '@preact/signals'
import { FORMAT_NAMES, type FormatId } from '../core/import/import-result.ts'

const formatName = (f: FormatId | 'keyfob-backup') => (f === 'keyfob-backup' ? 'Keyfob' : FORMAT_NAMES[f])
import { t } from '../shared/i18n.ts'
import type { ImportModel } from './import-model.ts'

function Choose({ model }: { model: ImportModel }) {
  const text = useSignal('')
  return (
    <>
      <p>{t('importIntro')}</p>
      <label for="file" class="drop">
        {t('importChooseFile')}
      </label>
      <input
        id="file"
        type="file"
        onChange={(e) => {
          const f = e.currentTarget.files?.[0]
          if (f) void model.readFile(f)
          e.currentTarget.value = '' // the next part of a multi-QR export may be picked next
        }}
      />
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void model.readText(text.value)
        }}
      >
        <label for="paste">{t('importPaste')}</label>
        <textarea id="paste" rows={4} value={text.value} onInput={(e) => (text.value = e.currentTarget.value)} />
        <div class="actions">
          <span />
          <button type="submit" disabled={!text.value.trim() || model.busy.value}>
            {t('importReadText')}
          </button>
        </div>
      </form>
    </>
  )
}

function Password({ model }: { model: ImportModel }) {
  const password = useSignal('')
  const name = model.format.value ? formatName(model.format.value) : t('importThisBackup')
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault()
        void model.decrypt(password.value)
      }}
    >
      <p>{t('importEncrypted', name)}</p>
      <label for="backup-password">{t('importPassword')}</label>
      <input
        id="backup-password"
        type="password"
        autoFocus
        required
        value={password.value}
        onInput={(e) => (password.value = e.currentTarget.value)}
      />
      <div class="actions">
        {/* While a key derivation runs, its own Cancel (below) stops it and keeps the password. */}
        {model.deriving.value === null ? (
          <button type="button" onClick={model.reset}>
            {t('cancel')}
          </button>
        ) : (
          <span />
        )}
        <button type="submit" class="primary" disabled={model.busy.value}>
          {model.busy.value ? t('importDecrypting') : t('importDecrypt')}
        </button>
      </div>
      <Deriving model={model} />
    </form>
  )
}

/** While a key derivation runs in the worker: what happens, about how long, and a way to stop it. */
function Deriving({ model }: { model: ImportModel }) {
  const seconds = model.deriving.value
  if (seconds === null) return null
  return (
    <div class="deriving">
      <p role="status">{t('importDeriving', String(seconds))}</p>
      <progress aria-label={t('importDeriving', String(seconds))} />
      <button type="button" onClick={model.cancel}>
        {t('cancel')}
      </button>
    </div>
  )
}

/** Accounts from QR code images (decoded in the background): names only. */
function ScanPreview({ model }: { model: ImportModel }) {
  const scan = model.scan.value
  if (!scan) return null
  const fresh = scan.items.filter((i) => !i.duplicate).length
  return (
    <>
      <p role="status">{t('importFoundQr', String(scan.items.length))}</p>
      <ul class="preview" aria-label={t('importAccounts')}>
        {scan.items.map((i) => (
          <li>
            <strong>{i.issuer || i.account}</strong> {i.issuer && <span>{i.account}</span>}{' '}
            {i.duplicate && <span class="badge">{t('importDuplicate')}</span>}
          </li>
        ))}
      </ul>
      <div class="actions">
        <button type="button" onClick={model.reset}>
          {t('cancel')}
        </button>
        <button type="button" class="primary" disabled={fresh === 0 || model.busy.value} onClick={() => void model.confirm()}>
          {t('importConfirm', String(fresh))}
        </button>
      </div>
    </>
  )
}

function Preview({ model }: { model: ImportModel }) {
  if (model.scan.value) return <ScanPreview model={model} />
  const r = model.result.value
  if (!r) return null
  const fresh = model.status.value.filter((s) => s === 'new').length
  return (
    <>
      <p role="status">{t('importFound', [String(r.entries.length), formatName(r.format)])}</p>
      <ul class="preview" aria-label={t('importAccounts')}>
        {r.entries.map((e, n) => (
          <li>
            <strong>{e.issuer || e.account}</strong> {e.issuer && <span>{e.account}</span>}{' '}
            <span class="muted">{e.type.toUpperCase()}</span>
            {model.status.value[n] === 'duplicate' && <span class="badge">{t('importDuplicate')}</span>}
          </li>
        ))}
      </ul>
      {r.skipped.length > 0 && (
        <>
          <h2>{t('importSkipped', String(r.skipped.length))}</h2>
          <ul aria-label={t('importSkippedList')}>
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
      <div class="actions">
        <button type="button" onClick={model.reset}>
          {t('cancel')}
        </button>
        <button type="button" class="primary" disabled={fresh === 0 || model.busy.value} onClick={() => void model.confirm()}>
          {t('importConfirm', String(fresh))}
        </button>
      </div>
    </>
  )
}

export function ImportApp({ model }: { model: ImportModel }) {
  const stage = model.stage.value
  return (
    <main
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault()
        const f = e.dataTransfer?.files[0]
        if (f && stage === 'choose') void model.readFile(f)
      }}
    >
      <h1>{t('importTitle')}</h1>
      {stage === 'choose' && <Choose model={model} />}
      {stage === 'password' && <Password model={model} />}
      {stage === 'preview' && <Preview model={model} />}
      {stage === 'done' && (
        <>
          <p role="status" class="notice">
            {t('importDone', String(model.added.value))}
          </p>
          <button type="button" onClick={model.reset}>
            {t('importAnother')}
          </button>
        </>
      )}
      {model.notice.value && (
        <p role="status" class="notice">
          {model.notice.value}
        </p>
      )}
      {model.error.value && (
        <p role="alert" class="error">
          {model.error.value}
        </p>
      )}
    </main>
  )
}
