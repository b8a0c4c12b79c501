import { accountLabel } from '../../core/accounts/account-label.ts'
import { t } from '../../shared/i18n.ts'
import type { ScanModel } from '../models/scan-model.ts'

/** A scan result confirmed in the popup: names only, never a secret. */
export default function ScanDialog({ scan: model }: { scan: ScanModel }) {
  const scan = model.panel.value
  if (!scan) return null
  const fresh = scan.items.filter((i) => !i.duplicate).length
  const canAdd = (scan.state === 'found' || scan.state === 'locked') && fresh > 0
  return (
    <section role="dialog" aria-label={canAdd ? t('scanConfirmTitle') : t('scanPanelTitle')} class="banner">
      {scan.items.length > 0 && (
        <ul>
          {scan.items.map((i) => {
            // Per account, before Add: the site Keyfob will offer its codes on, or none (duplicates keep their own sites).
            const where = i.duplicate ? t('scanAlreadyAdded') : i.site ? t('scanItemSite', i.site) : t('scanItemNoSite')
            return <li>{`${accountLabel(i)}: ${where}`}</li>
          })}
        </ul>
      )}
      {scan.message && <p>{t(scan.message.key, scan.message.values)}</p>}
      {scan.state === 'added' && (
        <p role="status" class="notice">
          {t('scanAdded')}
        </p>
      )}
      {scan.note && canAdd && <p class="hint">{t(scan.note)}</p>}
      <div class="actions">
        <button type="button" onClick={model.dismiss}>
          {canAdd ? t('cancel') : t('close')}
        </button>
        {canAdd && (
          <button type="button" class="primary" onClick={() => void model.confirm()}>
            {t('scanAdd', String(fresh))}
          </button>
        )}
      </div>
    </section>
  )
}
