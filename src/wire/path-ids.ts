// Ids in paths (Decision D3): a positive decimal integer of at most 19 digits and at most 2^63−1 (a signed
// 64-bit id, as Cometly's MySQL ids are); anything else is 422 with the resource's own text.
import { ValidationError } from './errors.js'

const PATH_ID = /^[1-9][0-9]{0,18}$/
const MAX_ID = 2n ** 63n - 1n

/**
 * The id a path names. Throws Cometly's 422 (`errors.id` holds the same text) for a malformed one; answers
 * undefined for a well-formed id too large for any row here (above 2^53), which the caller treats as not found.
 */
export function readPathId (raw: string, invalidText: string): number | undefined {
  // Only a 19-digit id can pass 2^63−1 (19 digits): the BigInt is made for those alone.
  if (!PATH_ID.test(raw) || (raw.length === 19 && BigInt(raw) > MAX_ID)) {
    throw new ValidationError({ id: [invalidText] })
  }
  const id = Number(raw)
  return Number.isSafeInteger(id) ? id : undefined
}
