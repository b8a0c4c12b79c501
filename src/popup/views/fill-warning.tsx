import { t } from '../../shared/i18n.ts'
import type { AppModel } from '../models/app-model.ts'

/** The account is not bound to the site in front: say which site, and fill only on an explicit go-ahead. */
export default function FillWarning({ model }: { model: AppModel }) {
  const w = model.fillWarning.value
  if (!w) return null
  return (
    <section role="alertdialog" aria-labelledby="fill-warning" class="banner warning">
      <p id="fill-warning">{t('fillMismatch', [w.name, w.site])}</p>
      <div class="actions">
        <button type="button" onClick={model.cancelFill}>{t('cancel')}</button>
        <button type="button" class="danger" onClick={() => void model.fill(w.id, true)}>{t('fillAnyway')}</button>
      </div>
    </section>
  )
}
