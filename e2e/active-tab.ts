/**
 * What a person's click on Keyfob's menu item, toolbar button or shortcut gives it, and a test's
 * `contextMenus.onClicked.dispatch` does not: activeTab for the tab in front. Keyfob needs it to
 * inject the page's scan UI (src/background/scan/inject-scan-ui.ts; content-script matches do not
 * count for scripting.executeScript) and to capture the tab. CDP's Extensions.triggerAction runs
 * Keyfob's toolbar action on the tab as a click does (Chromium needs --enable-unsafe-extension-debugging,
 * which fixtures.ts passes); the grant lasts until the tab navigates.
 */
import type { Page, Worker } from '@playwright/test'

export async function grantActiveTab(page: Page, sw: Worker): Promise<void> {
  // activeTab goes to the tab in front, as with a real click.
  await page.bringToFront()
  const browser = page.context().browser()
  if (!browser) throw new Error('no browser to send Extensions.triggerAction to')
  const cdp = await browser.newBrowserCDPSession()
  try {
    const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] })
    const tab = targetInfos.find((t) => t.type === 'tab' && t.url === page.url())
    if (!tab) throw new Error(`no tab target at ${page.url()}`)
    await cdp.send('Extensions.triggerAction', { id: new URL(sw.url()).host, targetId: tab.targetId })
  } finally {
    await cdp.detach()
  }
}
