import { render } from 'preact'
import { ext } from '../shared/browser-api.ts'
import { popupClient } from '../shared/messaging.ts'
import { App } from './app.tsx'
import { errorText } from '../shared/error-text.ts'
import { takeFirstOpening, type FirstRequest } from './first-opening.ts'
import { createPopupModel } from './models/popup-model.ts'

const sent = (globalThis as { keyfobFirstRequest?: FirstRequest }).keyfobFirstRequest
const model = createPopupModel(popupClient, {
  errorText,
  // Asked only by a scan of the page: opening learns the tab from openPopup's answer.
  activeTabId: async () => (await ext.tabs.query({ active: true, currentWindow: true }))[0]?.id,
  // Sent by opening.ts while the page was still loading.
  firstOpening: sent && takeFirstOpening(sent, popupClient),
})
void model.session.open()
render(<App model={model} />, document.getElementById('app') as HTMLElement)
