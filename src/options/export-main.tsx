import { render } from 'preact'
import { errorText } from '../shared/error-text.ts'
import { popupClient } from '../shared/messaging.ts'
import { ExportApp } from './export-app.tsx'
import { createExportModel } from './export-model.ts'

const model = createExportModel(popupClient, errorText)
await model.load()
render(<ExportApp model={model} />, document.getElementById('app') as HTMLElement)
