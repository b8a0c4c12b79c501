import { render } from 'preact'
import { errorText } from '../shared/error-text.ts'
import { popupClient } from '../shared/messaging.ts'
import { PasskeysApp } from './passkeys-app.tsx'
import { createPasskeysModel } from './passkeys-model.ts'
import { createPasskey, passkeysUnsupported } from './passkey-webauthn.ts'

const model = createPasskeysModel(popupClient, errorText, createPasskey)
const unsupported = passkeysUnsupported()
if (!unsupported) await model.load()
render(<PasskeysApp model={model} unsupported={unsupported} />, document.getElementById('app') as HTMLElement)
