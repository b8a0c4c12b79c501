import { render } from 'preact'
import { popupClient } from '../shared/messaging.ts'
import { App } from './app.tsx'
import { errorText } from './error-text.ts'
import { createAppModel } from './models/app-model.ts'

const model = createAppModel(popupClient, { errorText })
void model.refresh()
render(<App model={model} />, document.getElementById('app') as HTMLElement)
