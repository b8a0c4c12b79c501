import { render } from 'preact'
import { popupClient } from '../shared/messaging.ts'
import { App } from './app.tsx'
import { createStatusModel } from './models/status-model.ts'

const model = createStatusModel(popupClient)
void model.refresh()
render(<App model={model} />, document.getElementById('app') as HTMLElement)
