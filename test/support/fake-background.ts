/**
 * What most background tests start from: the real background (createBackground) over the fake browser's storage areas,
 * with no device key stored. Each test passes its clock, version and whatever else it needs.
 */
import { fakeBrowser } from '@webext-core/fake-browser'
import { createBackground, type BackgroundDeps } from '../../src/background/background.ts'

export function fakeBackground(deps: Omit<BackgroundDeps, 'local' | 'session' | 'deviceKeys'> & Partial<BackgroundDeps>) {
  return createBackground({
    local: fakeBrowser.storage.local,
    session: fakeBrowser.storage.session,
    deviceKeys: { load: async () => null, save: async () => {}, clear: async () => {} },
    ...deps,
  })
}
