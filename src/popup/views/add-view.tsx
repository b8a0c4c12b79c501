import { useSignal } from '@preact/signals'
import { t } from '../i18n.ts'
import type { AppModel } from '../models/app-model.ts'

/** Paste one or many otpauth:// or otpauth-migration:// links. */
export function AddView({ model }: { model: AppModel }) {
  const text = useSignal('')
  return (
    <form aria-labelledby="add-title" onSubmit={(e) => { e.preventDefault(); void model.addAccounts(text.value) }}>
      <h2 id="add-title">{t('addAccount')}</h2>
      <label for="uris">{t('pasteLinks')}</label>
      <textarea id="uris" rows={5} required value={text.value} aria-describedby="add-error"
        placeholder="otpauth://totp/…" onInput={(e) => (text.value = e.currentTarget.value)} />
      <p id="add-error" role="alert" class="error">{model.error.value}</p>
      <div class="actions">
        <button type="button" onClick={model.closeAdd}>{t('cancel')}</button>
        <button type="submit" class="primary" disabled={model.busy.value}>{t('add')}</button>
      </div>
    </form>
  )
}
