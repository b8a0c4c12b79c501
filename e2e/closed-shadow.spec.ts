/**
 * Keyfob's in-page UI is in closed shadow roots: the flow is written once in
 * e2e/shared/closed-shadow.ts and run here in Chromium (Firefox: e2e/firefox/closed-shadow.firefox.ts).
 */
import { test } from './fixtures.ts'
import { menuFill, panelText } from './page-helpers.ts'
import { closedShadowFlow } from './shared/closed-shadow.ts'
import { playwrightUi } from './shared/ui.ts'

test('page script gets no shadow root, no text, no window.find match and no clicks into Keyfob’s field button and account picker', async ({
  context,
  popup,
  sw,
  site,
}) => {
  await closedShadowFlow({
    popup: playwrightUi(popup),
    openTab: async (url) => {
      const page = await context.newPage()
      await page.goto(url)
      return { ...playwrightUi(page), page }
    },
    origin: (host) => `http://${host}:${site.port}`,
    menuFill: async ({ page }, selector) => {
      await page.locator(selector).click({ button: 'right' })
      await menuFill(page, sw)
    },
    panelText: ({ page }) => panelText(context, page, () => true),
  })
})
