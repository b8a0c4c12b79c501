/**
 * Service-worker entry. Registers every listener synchronously at the top level
 * (Chrome may stop the worker when idle and start it again for the next event)
 * and does nothing else.
 */
import { listen } from '../shared/messaging.ts'
import { route } from './router.ts'

listen(route)
