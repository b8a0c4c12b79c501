import { render } from 'preact'
import { ext } from '../shared/browser-api.ts'
import { popupClient } from '../shared/messaging.ts'
import { App } from './app.tsx'
import { errorText } from '../shared/error-text.ts'
import { createPopupModel } from './models/popup-model.ts'

const model = createPopupModel(popupClient, {
  errorText,
  // The popup opens over the current window's active tab; its id needs no permission (its URL would).
  activeTabId: async () => (await ext.tabs.query({ active: true, currentWindow: true }))[0]?.id,
})
void model.session.open()
render(<App model={model} />, document.getElementById('app') as HTMLElement)
