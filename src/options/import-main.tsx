import { render } from 'preact'
import { popupClient } from '../shared/messaging.ts'
import { errorText } from '../shared/error-text.ts'
import { ImportApp } from './import-app.tsx'
import { createImportModel } from './import-model.ts'

render(<ImportApp model={createImportModel(popupClient, errorText)} />, document.getElementById('app') as HTMLElement)
