/**
 * "Scan QR code" on any right-click (the content script knows which image,
 * canvas or SVG was under it; elsewhere the visible page is scanned) and
 * "Scan this page for QR codes". Items are created once, at install.
 */
import browser, { type Menus, type Tabs } from 'webextension-polyfill'
import { scanElement } from './scan-element.ts'
import { scanVisibleTab, showInTab } from './scan-flows.ts'
import type { Services } from './services.ts'

const MENU_SCAN_QR = 'keyfob-scan-qr'
const MENU_SCAN_PAGE = 'keyfob-scan-page'
const MENU_FILL = 'keyfob-fill'

export function createMenus(): void {
  void browser.contextMenus.removeAll().then(() => {
    browser.contextMenus.create({ id: MENU_SCAN_QR, title: browser.i18n.getMessage('menuScanQr'), contexts: ['image', 'page', 'frame', 'link'] })
    browser.contextMenus.create({ id: MENU_FILL, title: browser.i18n.getMessage('menuFill'), contexts: ['editable'] })
    browser.contextMenus.create({ id: MENU_SCAN_PAGE, title: browser.i18n.getMessage('menuScanPage'), contexts: ['page', 'frame', 'image', 'link'] })
  })
}

export async function onMenuClick(s: Services, info: Menus.OnClickData, tab: Tabs.Tab | undefined): Promise<void> {
  if (tab?.id === undefined || tab.id < 0) return
  if (info.menuItemId === MENU_FILL) {
    // The frame's own URL as the browser reports it: a cross-origin frame is matched on its own site.
    const url = info.frameUrl ?? info.pageUrl
    if (url) await s.autofill.fillInFrame(tab.id, info.frameId ?? 0, url).catch(() => undefined)
    return
  }
  const panel =
    info.menuItemId === MENU_SCAN_QR
      ? await scanElement(s, tab.id, info.frameId, info.srcUrl, info.frameUrl ?? info.pageUrl)
      : info.menuItemId === MENU_SCAN_PAGE
        ? await scanVisibleTab(s, tab.id, tab.windowId)
        : null
  if (panel) await showInTab(tab.id, panel)
}
