/**
 * The shared popup flows (e2e/shared/flows.ts) for a Chromium page: the Chromium specs call these
 * with a Playwright `Page`, the Firefox specs call the flows with their own `Ui`.
 */
import type { Page, Worker } from '@playwright/test'
import * as flows from './shared/flows.ts'
import { playwrightUi } from './shared/ui.ts'

export { ACME, PASSWORD, WIDGETS, acceptableCodes } from './shared/flows.ts'

/** First run through the UI, with a password, as a person would. */
export const createVaultWithPassword = (popup: Page, password?: string) => flows.createVaultWithPassword(playwrightUi(popup), password)
export const addAccounts = (popup: Page, ...uris: string[]) => flows.addAccounts(playwrightUi(popup), ...uris)
export const unlock = (popup: Page, password?: string) => flows.unlock(playwrightUi(popup), password)
export const expectCodeShown = (popup: Page, uri: string, name: string) => flows.expectCodeShown(playwrightUi(popup), uri, name)

export async function storageDump(sw: Worker): Promise<{ local: string; session: string }> {
  return sw.evaluate(async () => ({
    local: JSON.stringify(await chrome.storage.local.get(null)),
    session: JSON.stringify(await chrome.storage.session.get(null)),
  }))
}
