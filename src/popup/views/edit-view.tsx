import { useSignal } from '@preact/signals'
import { useEffect } from 'preact/hooks'
import { t } from '../../shared/i18n.ts'
import type { AccountPanelModel } from '../models/account-panel-model.ts'
import type { AccountsModel } from '../models/accounts-model.ts'
import type { FeedbackModel } from '../models/feedback-model.ts'
import type { SessionModel } from '../models/session-model.ts'

const list = (text: string) =>
  text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean)

/** Edit names, tags and bound sites; delete with a confirmation (and undo afterwards). */
export default function EditView({
  accounts,
  panel,
  session,
  feedback,
  id,
}: {
  accounts: AccountsModel
  panel: AccountPanelModel
  session: SessionModel
  feedback: FeedbackModel
  id: string
}) {
  const a = accounts.accounts.value.find((x) => x.id === id)
  const issuer = useSignal(a?.issuer ?? '')
  const account = useSignal(a?.account ?? '')
  const tags = useSignal(a?.tags.join(', ') ?? '')
  const sites = useSignal(a?.sites.join('\n') ?? '')
  const t0 = useSignal(a?.t0 ? String(a.t0) : '')
  const confirming = useSignal(false)
  const suggested = useSignal<string[]>([])
  const unbound = a?.sites.length === 0
  useEffect(() => {
    if (unbound) void panel.suggestions(id).then((sites) => (suggested.value = sites))
  }, [id, unbound])
  if (!a)
    return (
      <p role="alert" class="error">
        {t('error_ACCOUNT_NOT_FOUND')}
      </p>
    )
  const name = a.issuer || a.account
  const fieldError = (k: string) => (feedback.errorField.value === k ? feedback.error.value : null)

  if (confirming.value) {
    return (
      <section role="alertdialog" aria-labelledby="delete-title" aria-describedby="delete-text">
        <h2 id="delete-title">{t('deleteTitle', name)}</h2>
        <p id="delete-text">{t('deleteWarning')}</p>
        <div class="actions">
          <button type="button" autoFocus onClick={() => (confirming.value = false)}>
            {t('cancel')}
          </button>
          <button type="button" class="danger" onClick={() => void panel.remove(id)}>
            {t('delete')}
          </button>
        </div>
      </section>
    )
  }

  return (
    <form
      aria-labelledby="edit-title"
      onSubmit={(e) => {
        e.preventDefault()
        // The number input lets only whole seconds through; blank is the usual 0.
        const start = a.type === 'totp' ? { t0: Number(t0.value.trim() || '0') } : {}
        void accounts.update(id, {
          issuer: issuer.value,
          account: account.value,
          tags: list(tags.value),
          sites: list(sites.value),
          ...start,
        })
      }}
    >
      <h2 id="edit-title">{t('editTitle', name)}</h2>
      <label for="e-issuer">{t('fieldIssuer')}</label>
      <input id="e-issuer" type="text" value={issuer.value} onInput={(e) => (issuer.value = e.currentTarget.value)} />
      {fieldError('issuer') && (
        <p class="error" role="alert">
          {fieldError('issuer')}
        </p>
      )}
      <label for="e-account">{t('fieldAccount')}</label>
      <input id="e-account" type="text" value={account.value} onInput={(e) => (account.value = e.currentTarget.value)} />
      <label for="e-tags">{t('fieldTags')}</label>
      <input
        id="e-tags"
        type="text"
        value={tags.value}
        aria-describedby="e-tags-hint"
        onInput={(e) => (tags.value = e.currentTarget.value)}
      />
      <p id="e-tags-hint" class="hint">
        {t('tagsHint')}
      </p>
      {a.type === 'totp' && (
        <>
          <label for="e-t0">{t('fieldT0')}</label>
          <input id="e-t0" type="number" step={1} placeholder="0" value={t0.value} onInput={(e) => (t0.value = e.currentTarget.value)} />
          {fieldError('t0') && (
            <p class="error" role="alert">
              {fieldError('t0')}
            </p>
          )}
        </>
      )}
      <label for="e-sites">{t('fieldSites')}</label>
      <textarea
        id="e-sites"
        rows={2}
        value={sites.value}
        aria-describedby="e-sites-hint"
        onInput={(e) => (sites.value = e.currentTarget.value)}
      />
      <p id="e-sites-hint" class="hint">
        {t('sitesHint')}
      </p>
      {suggested.value.length > 0 && !sites.value.trim() && (
        <p class="hint">
          {t('sitesSuggested', suggested.value.join(', '))}{' '}
          <button type="button" class="link" onClick={() => (sites.value = suggested.value.join('\n'))}>
            {t('sitesUseSuggestion')}
          </button>
        </p>
      )}
      {fieldError('sites') && (
        <p class="error" role="alert">
          {fieldError('sites')}
        </p>
      )}
      {feedback.error.value && !feedback.errorField.value && (
        <p class="error" role="alert">
          {feedback.error.value}
        </p>
      )}
      <div class="actions">
        <button type="button" class="danger" onClick={() => (confirming.value = true)}>
          {t('delete')}
        </button>
        <span>
          <button type="button" onClick={session.close}>
            {t('cancel')}
          </button>{' '}
          <button type="submit" class="primary" disabled={feedback.busy.value}>
            {t('save')}
          </button>
        </span>
      </div>
    </form>
  )
}
