/**
 * Open positions, published or not.
 *
 * @since 0.1.0
 */
import { CreateJobPosting, DuplicateJobPosting, JobPosting, JobPostingId, ListJobPostingsParams, UpdateJobPosting } from "@effect-factorial/schema"
import * as Resource from "./Resource.js"

/**
 * The `job_postings` resource.
 *
 * @since 0.1.0
 */
const jobPostingResource = Resource.define({
  name: "JobPostings",
  path: "job_postings",
  model: JobPosting,
  id: JobPostingId,
  listParams: ListJobPostingsParams,
  create: CreateJobPosting,
  update: UpdateJobPosting,
  delete: true,
  actions: {
    duplicate: { path: "duplicate", payload: DuplicateJobPosting }
  }
})

/**
 * Open positions, published or not.
 *
 * @example
 * ```ts
 * import { JobPostings } from "@effect-factorial/ats"
 * import * as Effect from "effect/Effect"
 *
 * const firstPage = Effect.flatMap(JobPostings, (service) => service.list({ limit: 10 }))
 * ```
 *
 * @since 0.1.0
 */
export class JobPostings extends Resource.Tag(jobPostingResource)<JobPostings>() {}
