import { ext } from '../../shared/browser-api.ts'
import { t } from '../../shared/i18n.ts'
import type { ClockWarning as Clock } from '../../shared/protocol.ts'
import type { SettingsModel } from '../models/settings-model.ts'

/** Two sites agree the computer's clock is off: say by how much and which sites measured it; offer to correct codes when within the cap. */
export default function ClockWarning({ clock, settings }: { clock: Clock; settings: SettingsModel }) {
  const seconds = String(Math.round(Math.abs(clock.skewMs) / 1000))
  const sites = new Intl.ListFormat(ext.i18n.getUILanguage(), { type: 'conjunction' }).format(clock.sites)
  return (
    <section role="alert" class="banner warning">
      <p>{t(clock.skewMs > 0 ? 'clockBehind' : 'clockAhead', [seconds, sites])}</p>
      {clock.correctable ? (
        <div class="actions">
          <span />
          <button type="button" class="primary" onClick={() => void settings.correctClock()}>
            {t('clockCorrect', seconds)}
          </button>
        </div>
      ) : (
        <p>{t('clockTooFar')}</p>
      )}
    </section>
  )
}
