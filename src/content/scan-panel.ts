/**
 * The confirmation panel after a scan (see panel-host.ts): names only, never a
 * secret, and only trusted clicks count.
 */
import { ext } from '../shared/browser-api.ts'
import { accountLabel } from '../core/accounts/account-label.ts'
import { errorText } from '../shared/error-text.ts'
import { contentClient } from '../shared/messaging.ts'
import type { ScanPanel } from '../shared/protocol.ts'
import { scanFailure } from '../shared/sentence.ts'
import { pickRegion } from './region-picker.ts'
import type { PanelKit, ScanUi } from './scan-ui-hook.ts'

const t = (key: string, subs?: string | string[]) => ext.i18n.getMessage(key, subs) || key

/** The scan panel and the region picker, drawn with the content script's panel host and top layer (scan-ui-hook.ts). */
export function scanPanels(kit: PanelKit): Pick<ScanUi, 'showScanPanel' | 'pickAndScan'> {
  const { closePanel: close, el, openPanel, trusted } = kit

  function showScanPanel(panel: ScanPanel): void {
    render(openPanel(t('scanPanelTitle')), panel) // the box is attached first: focus() on a detached button is lost
  }

  /** The region picker, then a scan of the box the person dragged, shown in the panel (also started from the popup: pickRegion). */
  function pickAndScan(): void {
    void pickRegion(kit.toTopLayer).then((region) => {
      if (!region) return
      contentClient('scanRegion', { region, devicePixelRatio: window.devicePixelRatio }).then(showScanPanel, (e: unknown) =>
        showScanPanel({ scanId: '', state: 'error', items: [], batch: null, message: scanFailure(e), note: null }),
      )
    })
  }

  /** `failure`: the Add itself failed (the scan expired, the background stopped…): say that, under a heading that says so. */
  function render(box: HTMLElement, panel: ScanPanel, failure?: string): void {
    box.replaceChildren()
    const title =
      failure !== undefined
        ? 'scanNotAdded'
        : {
            found: 'scanFound',
            added: 'scanAdded',
            locked: 'scanLocked',
            partial: 'scanPartialTitle',
            nothing: 'scanNothing',
            error: 'scanError',
          }[panel.state]
    box.append(el('h2', t(title)))
    if (panel.items.length) {
      const list = el('ul')
      for (const item of panel.items) {
        const name = accountLabel(item)
        // Per account, before Add: the site Keyfob will offer its codes on, or none (duplicates keep their own sites).
        const where = item.duplicate ? t('scanAlreadyAdded') : item.site ? t('scanItemSite', item.site) : t('scanItemNoSite')
        list.append(el('li', failure === undefined ? `${name}: ${where}` : name))
      }
      box.append(list)
    }
    if (panel.message) box.append(el('p', t(panel.message.key, panel.message.values)))
    if (failure !== undefined) box.append(el('p', failure))
    else if (panel.note && (panel.state === 'found' || panel.state === 'locked')) box.append(el('p', t(panel.note), 'muted'))
    if (panel.state === 'locked' && failure === undefined) box.append(el('p', t('scanUnlockHint')))
    const fresh = panel.items.filter((i) => !i.duplicate).length
    const actions = el('div', undefined, 'actions')
    if (panel.state === 'found' && fresh > 0 && failure === undefined) {
      const cancel = el('button', t('cancel'))
      cancel.addEventListener(
        'click',
        trusted(() => void contentClient('cancelScan', { scanId: panel.scanId }).finally(close)),
      )
      const add = el('button', t('scanAdd', String(fresh)), 'primary')
      add.addEventListener(
        'click',
        trusted(() => {
          add.disabled = true
          contentClient('confirmScan', { scanId: panel.scanId }).then(
            (done) => render(box, done),
            (e: unknown) => render(box, panel, errorText(e)),
          )
        }),
      )
      actions.append(cancel, add)
    } else if (panel.offerRegion) {
      // The page scan missed: let the person point at the code, read at full resolution.
      const cancel = el('button', t('close'))
      cancel.addEventListener('click', trusted(close))
      const pick = el('button', t('scanPickRegion'), 'primary')
      pick.addEventListener(
        'click',
        trusted(() => {
          close()
          pickAndScan()
        }),
      )
      actions.append(cancel, pick)
    } else {
      const ok = el('button', t('close'), 'primary')
      ok.addEventListener('click', trusted(close))
      actions.append(ok)
    }
    box.append(actions)
    actions.querySelector<HTMLButtonElement>('.primary')?.focus()
  }

  return { showScanPanel, pickAndScan }
}
