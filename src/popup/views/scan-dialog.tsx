import { accountLabel } from '../../core/accounts/account-label.ts'
import { t } from '../../shared/i18n.ts'
import type { ScanPanel } from '../../shared/protocol.ts'
import type { ScanModel } from '../models/scan-model.ts'

/** Where the accounts came from, as the dialog's heading says it ("3 accounts found on github.com"); null when not known. */
function heading({ items, source }: ScanPanel): string | null {
  const n = items.length
  if (!source || n === 0) return null
  const count = String(n)
  if (source.fromExport) return n === 1 ? t('scanFromExportOne') : t('scanFromExport', count)
  if (source.from === 'image') return n === 1 ? t('scanFromImageOne') : t('scanFromImage', count)
  if (source.site) return n === 1 ? t('scanFromSiteOne', source.site) : t('scanFromSite', [count, source.site])
  return n === 1 ? t('scanFromPageOne') : t('scanFromPage', count)
}

/**
 * A scan result confirmed in the popup: names only, never a secret. The list scrolls in a region
 * of its own and the buttons stay in view (popup.css), so Add is reachable for a 50-account export
 * in a 600 px popup (issue #19).
 */
export default function ScanDialog({ scan: model }: { scan: ScanModel }) {
  const scan = model.panel.value
  if (!scan) return null
  const fresh = scan.items.filter((i) => !i.duplicate).length
  const canAdd = (scan.state === 'found' || scan.state === 'locked') && fresh > 0
  const title = heading(scan)
  const tabId = scan.offerRegion ? scan.tabId : undefined
  return (
    <section role="dialog" aria-label={canAdd ? t('scanConfirmTitle') : t('scanPanelTitle')} class="banner scan-dialog">
      {title && <h3>{title}</h3>}
      {scan.items.length > 0 && (
        // Focusable, so the list scrolls by keyboard too (WCAG 2.1.1).
        <div class="scan-list" role="region" aria-label={t('scanListLabel')} tabIndex={0}>
          <ul>
            {scan.items.map((i) => {
              // Per account, before Add: the site Keyfob will offer its codes on, or none (duplicates keep their own sites).
              const where = i.duplicate ? t('scanAlreadyAdded') : i.site ? t('scanItemSite', i.site) : t('scanItemNoSite')
              return <li>{`${accountLabel(i)}: ${where}`}</li>
            })}
          </ul>
        </div>
      )}
      {scan.message && <p>{t(scan.message.key, scan.message.values)}</p>}
      {scan.hint && <p class="hint">{t(scan.hint)}</p>}
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
        {tabId !== undefined && (
          // The picker is drawn in the page; the popup closes so the person can drag over it.
          <button type="button" class="primary" onClick={() => void model.pickOnPage(tabId).then((started) => started && window.close())}>
            {t('scanPickOnPage')}
          </button>
        )}
      </div>
    </section>
  )
}
