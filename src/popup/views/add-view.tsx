import { useSignal } from '@preact/signals'
import type { ManualAccountInput } from '../../core/accounts/validate-manual-account.ts'
import { ext } from '../../shared/browser-api.ts'
import { readAsDataUrl } from '../../shared/read-as-data-url.ts'
import { t } from '../../shared/i18n.ts'
import type { AddModel } from '../models/add-model.ts'
import type { FeedbackModel } from '../models/feedback-model.ts'
import type { SessionModel } from '../models/session-model.ts'

const EMPTY: ManualAccountInput = {
  issuer: '',
  account: '',
  secret: '',
  type: 'totp',
  algorithm: 'SHA1',
  digits: '6',
  period: '30',
  counter: '0',
  t0: '',
}

/** Base32 keys under 128 bits (26 characters) are accepted but flagged, as the background does. */
const looksWeak = (secret: string) => {
  const n = secret.replace(/[\s=-]/g, '').length
  return n > 0 && Math.floor((n * 5) / 8) < 16
}

/** Paste one or many links, or enter an account by hand. */
export default function AddView({ add, session, feedback }: { add: AddModel; session: SessionModel; feedback: FeedbackModel }) {
  const mode = useSignal<'paste' | 'manual'>('paste')
  const text = useSignal('')
  const form = useSignal<ManualAccountInput>({ ...EMPTY })
  const f = form.value
  const set = (k: keyof ManualAccountInput) => (e: { currentTarget: { value: string } }) => {
    form.value = { ...form.value, [k]: e.currentTarget.value }
    if (feedback.errorField.value === k) feedback.clearError() // the message was about the old value
  }
  const fieldError = (k: string) => (feedback.errorField.value === k ? feedback.error.value : null)
  const described = (k: string) => (fieldError(k) ? `${k}-error` : undefined)
  const err = (k: string) =>
    fieldError(k) && (
      <p id={`${k}-error`} class="error" role="alert">
        {fieldError(k)}
      </p>
    )

  return (
    <section aria-labelledby="add-title">
      <h2 id="add-title">{t('addAccount')}</h2>
      <div class="tabs" role="group" aria-label={t('addHow')}>
        <button type="button" aria-pressed={mode.value === 'paste'} onClick={() => (mode.value = 'paste')}>
          {t('addPaste')}
        </button>
        <button type="button" aria-pressed={mode.value === 'manual'} onClick={() => (mode.value = 'manual')}>
          {t('addManual')}
        </button>
        <button type="button" onClick={() => void ext.tabs.create({ url: ext.runtime.getURL('src/options/import.html') })}>
          {t('importFromFile')}
        </button>
      </div>
      <div class="tabs" role="group" aria-label={t('scanHow')}>
        <button type="button" onClick={() => void add.scanActiveTab()}>
          {t('scanPage')}
        </button>
        <label class="button" for="scan-file">
          {t('scanImageFile')}
        </label>
        <input
          id="scan-file"
          class="sr-only"
          type="file"
          accept="image/*"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0]
            if (file) void readAsDataUrl(file).then(add.scanImage, () => undefined)
          }}
        />
      </div>
      {mode.value === 'paste' ? (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            void add.add(text.value)
          }}
        >
          <label for="uris">{t('pasteLinks')}</label>
          <textarea
            id="uris"
            rows={5}
            required
            value={text.value}
            aria-describedby="add-error"
            placeholder="otpauth://totp/…"
            onInput={(e) => (text.value = e.currentTarget.value)}
          />
          <p id="add-error" role="alert" class="error">
            {feedback.error.value}
          </p>
          <div class="actions">
            <button type="button" onClick={session.close}>
              {t('cancel')}
            </button>
            <button type="submit" class="primary" disabled={feedback.busy.value}>
              {t('add')}
            </button>
          </div>
        </form>
      ) : (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault()
            void add.addManual(form.value)
          }}
        >
          <label for="m-issuer">{t('fieldIssuer')}</label>
          <input
            id="m-issuer"
            type="text"
            value={f.issuer}
            onInput={set('issuer')}
            aria-describedby={described('issuer')}
            aria-invalid={!!fieldError('issuer')}
          />
          {err('issuer')}
          <label for="m-account">{t('fieldAccount')}</label>
          <input id="m-account" type="text" value={f.account} onInput={set('account')} aria-describedby={described('account')} />
          {err('account')}
          <label for="m-secret">{t('fieldSecret')}</label>
          <input
            id="m-secret"
            type="text"
            autocomplete="off"
            spellcheck={false}
            value={f.secret}
            onInput={set('secret')}
            aria-describedby={described('secret') ?? (looksWeak(f.secret) ? 'weak-key' : undefined)}
            aria-invalid={!!fieldError('secret')}
          />
          {err('secret')}
          {looksWeak(f.secret) && !fieldError('secret') && (
            <p id="weak-key" class="warning">
              {t('weakKey')}
            </p>
          )}
          <div class="grid">
            <span>
              <label for="m-type">{t('fieldType')}</label>
              <select id="m-type" value={f.type} onChange={set('type')}>
                <option value="totp">{t('typeTotp')}</option>
                <option value="hotp">{t('typeHotp')}</option>
                <option value="steam">{t('typeSteam')}</option>
              </select>
            </span>
            {f.type !== 'steam' && (
              <span>
                <label for="m-algorithm">{t('fieldAlgorithm')}</label>
                <select id="m-algorithm" value={f.algorithm} onChange={set('algorithm')}>
                  <option>SHA1</option>
                  <option>SHA256</option>
                  <option>SHA512</option>
                </select>
              </span>
            )}
            {f.type !== 'steam' && (
              <span>
                <label for="m-digits">{t('fieldDigits')}</label>
                <input
                  id="m-digits"
                  type="number"
                  min={6}
                  max={10}
                  value={f.digits}
                  onInput={set('digits')}
                  aria-describedby={described('digits')}
                />
              </span>
            )}
            {f.type === 'totp' && (
              <span>
                <label for="m-period">{t('fieldPeriod')}</label>
                <input
                  id="m-period"
                  type="number"
                  min={1}
                  value={f.period}
                  onInput={set('period')}
                  aria-describedby={described('period')}
                />
              </span>
            )}
            {f.type === 'totp' && (
              <span>
                <label for="m-t0">{t('fieldT0')}</label>
                <input
                  id="m-t0"
                  type="number"
                  step={1}
                  placeholder="0"
                  value={f.t0}
                  onInput={set('t0')}
                  aria-describedby={described('t0')}
                />
              </span>
            )}
            {f.type === 'hotp' && (
              <span>
                <label for="m-counter">{t('fieldCounter')}</label>
                <input
                  id="m-counter"
                  type="text"
                  inputMode="numeric"
                  value={f.counter}
                  onInput={set('counter')}
                  aria-describedby={described('counter')}
                />
              </span>
            )}
          </div>
          {err('digits')}
          {err('period')}
          {err('t0')}
          {err('counter')}
          {err('type')}
          {err('algorithm')}
          {feedback.error.value && !feedback.errorField.value && (
            <p role="alert" class="error">
              {feedback.error.value}
            </p>
          )}
          <div class="actions">
            <button type="button" onClick={session.close}>
              {t('cancel')}
            </button>
            <button type="submit" class="primary" disabled={feedback.busy.value}>
              {t('add')}
            </button>
          </div>
        </form>
      )}
    </section>
  )
}
