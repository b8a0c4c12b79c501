/**
 * Keyfob's in-page UI is in closed shadow roots, in Firefox: the flow shared with Chromium
 * (e2e/shared/closed-shadow.ts), with the browser's real context menu.
 */
import { closedShadowFlow } from '../shared/closed-shadow.ts'
import { test } from './fixtures.ts'

test('page script gets no shadow root, no text, no window.find match and no clicks into Keyfob’s field button and account picker', async ({
  ff,
  popup,
  site,
}) => {
  await closedShadowFlow({
    popup,
    openTab: async (url) => {
      const page = await ff.newPage(url)
      await page.page.bringToFront()
      return page
    },
    origin: (host) => `http://${host}:${site.port}`,
    menuFill: (page, selector) => ff.contextMenu(page, { selector }, 'keyfob-fill'),
    panelText: (page) => ff.panelText(page, 'any'),
  })
})
