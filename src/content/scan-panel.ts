/**
 * The confirmation panel after a scan, drawn by the content script in a closed
 * shadow root the page cannot reach. It shows names only, never a secret, and
 * acts only on trusted clicks (a page's synthetic click is ignored).
 */
import { ext } from '../shared/browser-api.ts'
import { contentClient } from '../shared/messaging.ts'
import type { ScanPanel } from '../shared/protocol.ts'
import { pickRegion } from './region-picker.ts'

const t = (key: string, subs?: string | string[]) => ext.i18n.getMessage(key, subs) || key

const STYLE = `
:host { all: initial; }
.panel { position: fixed; top: 16px; right: 16px; z-index: 2147483647; width: 320px; box-sizing: border-box;
  font: 14px/1.4 system-ui, sans-serif; color: #1b1f24; background: #fff; border: 1px solid #c9ced6;
  border-radius: 10px; padding: 12px 14px; box-shadow: 0 6px 24px #0003; }
h2 { font-size: 14px; margin: 0 0 6px; }
ul { margin: 6px 0; padding-left: 18px; max-height: 180px; overflow: auto; }
p { margin: 6px 0; }
.muted { color: #59616b; font-size: 12px; }
.actions { display: flex; justify-content: flex-end; gap: 8px; margin-top: 10px; }
button { font: inherit; border: 1px solid #c9ced6; background: #fff; border-radius: 6px; padding: 4px 12px; cursor: pointer; }
button.primary { background: #2456c9; border-color: #2456c9; color: #fff; }
`

let host: HTMLElement | null = null

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  if (text !== undefined) node.textContent = text
  if (cls) node.className = cls
  return node
}

function close(): void {
  host?.remove()
  host = null
}

function trusted(handler: () => void) {
  return (e: Event) => {
    if (e.isTrusted) handler()
  }
}

export function showScanPanel(panel: ScanPanel): void {
  close()
  host = el('div')
  const root = host.attachShadow({ mode: 'closed' })
  const style = el('style', STYLE)
  const box = el('div', undefined, 'panel')
  box.setAttribute('role', 'dialog')
  box.setAttribute('aria-label', t('scanPanelTitle'))
  root.append(style, box)
  document.documentElement.append(host)
  render(box, panel) // after attaching: focus() on a detached button is lost
}

function render(box: HTMLElement, panel: ScanPanel): void {
  box.replaceChildren()
  const title = {
    found: 'scanFound', added: 'scanAdded', locked: 'scanLocked', partial: 'scanPartialTitle', nothing: 'scanNothing', error: 'scanError',
  }[panel.state]
  box.append(el('h2', t(title, String(panel.items.length))))
  if (panel.items.length) {
    const list = el('ul')
    for (const item of panel.items) {
      const name = item.issuer && item.account ? `${item.issuer} (${item.account})` : item.issuer || item.account
      list.append(el('li', item.duplicate ? `${name}: ${t('scanAlreadyAdded')}` : name))
    }
    box.append(list)
  }
  if (panel.message) box.append(el('p', panel.message))
  if (panel.state === 'locked') box.append(el('p', t('scanUnlockHint')))
  if (panel.site && (panel.state === 'found' || panel.state === 'added')) box.append(el('p', t('scanBoundSite', panel.site), 'muted'))
  const actions = el('div', undefined, 'actions')
  const fresh = panel.items.filter((i) => !i.duplicate).length
  if (panel.state === 'found' && fresh > 0) {
    const cancel = el('button', t('cancel'))
    cancel.addEventListener('click', trusted(() => void contentClient('cancelScan', { scanId: panel.scanId }).finally(close)))
    const add = el('button', t('scanAdd', String(fresh)), 'primary')
    add.addEventListener('click', trusted(() => {
      add.disabled = true
      contentClient('confirmScan', { scanId: panel.scanId }).then(
        (done) => render(box, done),
        (e: unknown) => render(box, { ...panel, state: 'error', message: e instanceof Error ? e.message : String(e) }),
      )
    }))
    actions.append(cancel, add)
  } else if (panel.offerRegion) {
    // The page scan missed: let the person point at the code, read at full resolution.
    const cancel = el('button', t('close'))
    cancel.addEventListener('click', trusted(close))
    const pick = el('button', t('scanPickRegion'), 'primary')
    pick.addEventListener('click', trusted(() => {
      close()
      void pickRegion().then((region) => {
        if (!region) return
        contentClient('scanRegion', { region, devicePixelRatio: window.devicePixelRatio }).then(showScanPanel, (e: unknown) =>
          showScanPanel({ ...panel, state: 'error', message: e instanceof Error ? e.message : String(e) }))
      })
    }))
    actions.append(cancel, pick)
  } else {
    const ok = el('button', t('close'), 'primary')
    ok.addEventListener('click', trusted(close))
    actions.append(ok)
  }
  box.append(actions)
  actions.querySelector<HTMLButtonElement>('.primary')?.focus()
}
