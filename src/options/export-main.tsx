import { render } from 'preact'
import { popupClient } from '../shared/messaging.ts'
import { ExportApp } from './export-app.tsx'

const status = await popupClient('getStatus', {})
render(<ExportApp client={popupClient} hasPassword={status.hasPassword} />, document.getElementById('app') as HTMLElement)
