/**
 * A channel candidates arrive through (`ats/candidate_sources`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { CandidateSourceCategory } from "./Enums.js"
import { CandidateSourceId, CompanyId } from "./Ids.js"
import { model, nullTolerant } from "./internal/fields.js"

/**
 * A candidate source. Decodes what the API sends (see the package README for the null, id, enum
 * and timestamp rules).
 *
 * @since 0.1.0
 */
export class CandidateSource extends Schema.Class<CandidateSource>("@effect-factorial/schema/CandidateSource")({
  /** Id of the source. */
  id: CandidateSourceId,
  /** Id of the company. */
  company_id: CompanyId,
  /** Group the source belongs to. */
  category: nullTolerant(CandidateSourceCategory),
  /** Machine name of the source, e.g. `manually_added`. */
  name: nullTolerant(Schema.String),
  /** Display label: translated for built-in sources, the name for custom ones. */
  label: nullTolerant(Schema.String)
}, model("A channel candidates arrive through.")) {}
