import { t } from '../../shared/i18n.ts'
import type { AppModel } from '../models/app-model.ts'

/** The computer's clock is off against a site Keyfob filled on: say by how much, offer to correct codes. */
export default function ClockWarning({ model }: { model: AppModel }) {
  const clock = model.status.value?.clock
  if (!clock) return null
  const seconds = String(Math.round(Math.abs(clock.skewMs) / 1000))
  return (
    <section role="alert" class="banner warning">
      <p>{t(clock.skewMs > 0 ? 'clockBehind' : 'clockAhead', [seconds, clock.site])}</p>
      <div class="actions"><span />
        <button type="button" class="primary" onClick={() => void model.correctClock(clock.skewMs)}>{t('clockCorrect', seconds)}</button>
      </div>
    </section>
  )
}
