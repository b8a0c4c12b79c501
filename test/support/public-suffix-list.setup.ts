// Every unit test matches sites against the real Public Suffix List: the same bytes the build
// packages (scripts/public-suffix-list-data.mjs), decoded by the same code as in the worker.
import { publicSuffixListData } from '../../scripts/public-suffix-list-data.mjs'
import { decodePublicSuffixList, installPublicSuffixList } from '../../src/core/site/index.ts'

installPublicSuffixList(decodePublicSuffixList(publicSuffixListData()))
