import { t } from '../../shared/i18n.ts'
import type { FillModel } from '../models/fill-model.ts'

/** The account is not bound to the site in front: say which site, and fill only on an explicit go-ahead. */
export default function FillWarning({ fill }: { fill: FillModel }) {
  const w = fill.warning.value
  if (!w) return null
  return (
    <section role="alertdialog" aria-labelledby="fill-warning" class="banner warning">
      <p id="fill-warning">{t('fillMismatch', [w.name, w.site])}</p>
      <div class="actions">
        <button type="button" onClick={fill.cancel}>
          {t('cancel')}
        </button>
        <button type="button" class="danger" onClick={() => void fill.fill(w.id, true)}>
          {t('fillAnyway')}
        </button>
      </div>
    </section>
  )
}
