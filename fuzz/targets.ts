/**
 * Every fuzz target, one per parser or importer entry point (issue 8): key
 * encodings, otpauth and migration URIs, protobuf, pasted link lists, format
 * detection, importBackup and each format's importer, Keyfob's backup and
 * vault formats, and the background's check of transferred accounts.
 */
import type { FuzzTarget } from './fuzz-target.ts'
import { BOUNDARY_TARGETS } from './targets/boundary-targets.ts'
import { ENCODING_TARGETS } from './targets/encoding-targets.ts'
import { IMPORT_TARGETS } from './targets/import-targets.ts'
import { KEYFOB_TARGETS } from './targets/keyfob-targets.ts'
import { URI_TARGETS } from './targets/uri-targets.ts'

export const TARGETS: readonly FuzzTarget[] = [
  ...ENCODING_TARGETS,
  ...URI_TARGETS,
  ...IMPORT_TARGETS,
  ...KEYFOB_TARGETS,
  ...BOUNDARY_TARGETS,
]
