import { t } from '../../shared/i18n.ts'
import type { FillModel } from '../models/fill-model.ts'

/**
 * A page of one site asked for a code for another site's form inside it (a bank's frame in a shop's
 * checkout, or a faded frame over a decoy): the person decides here, with both sites named.
 */
export default function FramedFill({ fill }: { fill: FillModel }) {
  const f = fill.framed.value
  if (!f) return null
  return (
    <section role="alertdialog" aria-labelledby="framed-fill" aria-describedby="framed-fill-text" class="banner warning">
      <p id="framed-fill">
        <strong>{t('framedFillTitle', [f.site, f.framedBy])}</strong>
      </p>
      <p id="framed-fill-text">{t('framedFillText', [f.site, f.framedBy])}</p>
      <div class="actions">
        <button type="button" onClick={fill.cancelFramed}>
          {t('cancel')}
        </button>
        {f.names.map((name, index) => (
          <button type="button" class="danger" onClick={() => void fill.confirmFramed(index)}>
            {t('framedFillButton', name)}
          </button>
        ))}
      </div>
    </section>
  )
}
