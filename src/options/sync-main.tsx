import { render } from 'preact'
import { errorText } from '../shared/error-text.ts'
import { t } from '../shared/i18n.ts'
import { popupClient } from '../shared/messaging.ts'
import { requestSyncOrigin } from '../shared/sync-permission.ts'
import { SyncApp } from './sync-app.tsx'
import { createSyncModel } from './sync-model.ts'

const model = createSyncModel(popupClient, { requestOrigin: (url) => requestSyncOrigin(url), describe: errorText, translate: t })
render(<SyncApp model={model} />, document.getElementById('app') as HTMLElement)
await model.load()
