/**
 * "Scan QR code" on any right-click (the content script knows which image,
 * canvas or SVG was under it; elsewhere the visible page is scanned),
 * "Scan this page for QR codes", and "Fill two-factor code" in editable fields.
 * Items are created once, at install.
 */
import type { Menus, Tabs } from 'webextension-polyfill'
import type { FillService } from './fill/fill-service.ts'
import type { ScanFlows } from './scan/scan-flows.ts'
import type { Translate } from './tab-port.ts'

const MENU_SCAN_QR = 'keyfob-scan-qr'
const MENU_SCAN_PAGE = 'keyfob-scan-page'
const MENU_FILL = 'keyfob-fill'

export function createMenus(menus: Pick<Menus.Static, 'removeAll' | 'create'>, t: Translate): Promise<void> {
  // Chromium before 123 returns no promise from contextMenus.removeAll (the worker uses the browser's own API, not
  // webextension-polyfill): its calls still reach the browser in order, so the items are created after the removal.
  return Promise.resolve(menus.removeAll() as Promise<void> | undefined).then(() => {
    menus.create({ id: MENU_SCAN_QR, title: t('menuScanQr'), contexts: ['image', 'page', 'frame', 'link'] })
    menus.create({ id: MENU_FILL, title: t('menuFill'), contexts: ['editable'] })
    menus.create({ id: MENU_SCAN_PAGE, title: t('menuScanPage'), contexts: ['page', 'frame', 'image', 'link'] })
  })
}

/** The menu's and the keyboard shortcuts' triggers, each handed to the feature that does it. */
export function createTriggers(deps: { fill: Pick<FillService, 'fromPage'>; scan: Pick<ScanFlows, 'element' | 'visibleTab' | 'show'> }) {
  const { fill, scan } = deps
  return {
    async menuClicked(info: Menus.OnClickData, tab: Tabs.Tab | undefined): Promise<void> {
      if (tab?.id === undefined || tab.id < 0) return
      if (info.menuItemId === MENU_FILL) {
        // The frame's own URL as the browser reports it: a cross-origin frame is matched on its own site.
        const url = info.frameUrl ?? info.pageUrl
        if (url) await fill.fromPage({ from: 'menu', tabId: tab.id, frameId: info.frameId ?? 0, url })
        return
      }
      const panel =
        info.menuItemId === MENU_SCAN_QR
          ? await scan.element(tab.id, info.frameId, info.srcUrl, info.frameUrl ?? info.pageUrl)
          : info.menuItemId === MENU_SCAN_PAGE
            ? await scan.visibleTab(tab.id, tab.windowId)
            : null
      if (panel) await scan.show(tab.id, panel)
    },

    async command(command: string, tab: Tabs.Tab | undefined): Promise<void> {
      if (tab?.id === undefined || tab.id < 0) return
      if (command === 'fill-code') await fill.fromPage({ from: 'shortcut', tabId: tab.id })
      if (command === 'scan-page') await scan.show(tab.id, await scan.visibleTab(tab.id, tab.windowId))
    },
  }
}
