/**
 * Keyfob's content-script world of a page, driven through CDP: what a compromised renderer can
 * reach (hostile.spec.ts, scan-offscreen.spec.ts). `inContentScript` evaluates an expression there
 * and gives its value as a string, or "threw: …".
 */
import type { BrowserContext, Page } from '@playwright/test'
import { expect } from './fixtures.ts'

export async function contentScriptWorld(context: BrowserContext, page: Page, extensionId: string, pageUrl: string) {
  const cdp = await context.newCDPSession(page)
  const worlds: { id: number; origin: string }[] = []
  cdp.on('Runtime.executionContextCreated', (e) => worlds.push(e.context))
  await cdp.send('Runtime.enable')
  await page.goto(pageUrl)
  // The content script starts at document_idle: on a busy machine that can take seconds.
  await expect.poll(() => worlds.some((w) => w.origin === `chrome-extension://${extensionId}`), { timeout: 20_000 }).toBe(true)
  const keyfobWorld = worlds.filter((w) => w.origin === `chrome-extension://${extensionId}`).at(-1)!
  const inContentScript = async (expression: string): Promise<string> => {
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
      expression,
      contextId: keyfobWorld.id,
      awaitPromise: true,
      returnByValue: true,
    })
    if (exceptionDetails) return `threw: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`
    return String(result.value)
  }
  return { inContentScript, detach: () => cdp.detach() }
}

/** A promise-returning call, as an expression that says whether it was answered (and what) or refused (and why). */
export const attempt = (call: string) => `${call}.then((v) => 'answered ' + JSON.stringify(v), (e) => 'refused: ' + e.message)`
