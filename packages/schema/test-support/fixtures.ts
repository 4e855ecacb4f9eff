/**
 * Example payloads.
 *
 * `specExamples`: one object per model, assembled from the field examples of the 2026-07-01 spec
 * (ats-schemas.yaml) as they are written there, quirks included (a numeric `phone_number`, the
 * `Screening` phase type outside its enum). `ats_message` has no examples in the spec; its object
 * uses the field types only.
 *
 * `pythonExamples`: one object per model in the shape of the Python library's models
 * (API 2026-04-01): integer ids, no `category`, `personal_url_requirement` nor `cv`, and the
 * optional fields set to `None` (sent as `null`).
 */
export const specExamples = {
  Answer: {
    id: "1",
    ats_question_id: "1",
    ats_application_id: "1",
    original_question_label: "How was your application ranked?",
    value: "One of the best I have ever seen",
    original_question_type: "text",
    created_at: "2021-01-01T00:00:00.000Z",
    updated_at: "2021-01-01T00:00:00.000Z"
  },
  Application: {
    id: "1",
    company_id: "1",
    ats_job_posting_id: "1",
    ats_candidate_id: "1",
    employee_id: "1",
    phone: "34612345678",
    qualified: true,
    ats_application_phase_id: "1",
    created_at: "2024-08-19T14:30:00.000Z",
    cover_letter: "This is my cover letter for the position",
    cv: {
      filename: "cv.pdf",
      url: "https://example.com/cv.pdf",
      byte_size: 1024,
      content_type: "application/pdf",
      created_at: "2024-08-19T14:30:00.000Z"
    },
    ats_conversation_id: "1",
    medium: "medium",
    rating_average: 1,
    ats_rejection_reason_id: "1",
    source_id: "1"
  },
  ApplicationPhase: {
    id: "1",
    ats_job_posting_id: "1",
    name: "In review",
    position: 1,
    editable: true,
    phase_type: "Screening",
    applications_count: 1,
    ats_hiring_stage_id: "1"
  },
  Candidate: {
    id: "1",
    company_id: "1",
    first_name: "Ana",
    last_name: "Fernandez Perez",
    full_name: "Ana Fernandez Perez",
    email: "ana@factorial.com",
    talent_pool: true,
    phone_number: 645786980,
    created_at: "2021-01-01T00:00:00Z",
    updated_at: "2021-01-01T00:00:00Z",
    consent_given_at: "2021-01-01T00:00:00Z",
    inactive_since: "2021-01-01T00:00:00Z",
    ats_job_posting_ids: ["1", "2", "3"],
    personal_url: "https://anaperez.factorial.com",
    consent_expiration_date: "2021-01-01T00:00:00Z",
    consent_to_talent_pool: true,
    medium: "email",
    source_id: "1",
    gender: "female",
    score: 7
  },
  CandidateSource: {
    id: "1",
    company_id: "1",
    category: "social_media",
    name: "manually_added",
    label: "Manually added"
  },
  EvaluationForm: {
    id: "1",
    company_id: "1",
    ats_job_posting_id: "1",
    name: "Technical Evaluation",
    based_on_id: "1",
    questions: [{ id: 1, text: "What is your experience with Ruby on Rails?", description: "experience in years" }],
    created_at: "2021-01-01T00:00:00Z",
    updated_at: "2021-01-01T00:00:00Z"
  },
  Feedback: {
    id: "1",
    rating: 4,
    description: "The candidate has a great attitude and is a good fit for the team.",
    ats_application_id: "1",
    ats_application_phase_id: "1",
    created_at: "2022-01-01T00:00:00Z",
    ats_candidate_id: "1",
    ats_evaluation_forms_id: "1",
    evaluation_form_answers: [{ id: 1, score: 3, note: "Good communication skills." }]
  },
  HiringStage: {
    id: "1",
    name: "hired",
    label: "Hired",
    company_id: "1",
    position: 1
  },
  JobPosting: {
    id: "1",
    company_id: "1",
    ats_company_id: "1",
    title: "My job title",
    description: "My job description",
    contract_type: "indefinite",
    category: "engineering",
    workplace_type: "onsite",
    remote: true,
    status: "draft",
    schedule_type: "full_time",
    team_id: "1",
    location_id: "1",
    legal_entity_id: "1",
    salary_format: "range",
    salary_from_amount_in_cents: 3000000,
    salary_to_amount_in_cents: 5000000,
    hide_salary: false,
    cv_requirement: "mandatory",
    cover_letter_requirement: "optional",
    phone_requirement: "do_not_ask",
    photo_requirement: "do_not_ask",
    personal_url_requirement: "do_not_ask",
    url: "https://my-factorial-domain/job_posting/job-title-slug",
    salary_period: "annual",
    published_at: "2024-07-02T08:28:00.000Z",
    created_at: "2024-07-10T13:30:02.000Z"
  },
  Message: {
    id: "1",
    content: "Hello Ana",
    ats_conversation_id: "1",
    sent_by_id: "1",
    sent_by_type: "user",
    created_at: "2024-07-10T13:30:02.000Z",
    attachments: [],
    topic: "Interview",
    delayed_until: "2024-07-11T09:00:00.000Z",
    sent_at: "2024-07-11T09:00:01.000Z",
    delivered_at: "2024-07-11T09:00:02.000Z",
    opened_at: "2024-07-11T10:00:00.000Z",
    last_error_at: "2024-07-11T09:00:00.000Z"
  },
  Question: {
    id: "1",
    ats_job_posting_id: "1",
    label: "Are you open to relocate?",
    position: 1,
    mandatory: true,
    auto_disqualify: false,
    question_type: "text",
    created_at: "2025-01-01T00:00:00.000Z",
    updated_at: "2025-01-01T00:00:00.000Z",
    options: [{ text: "Yes", disqualifies: false }, { text: "No", disqualifies: false }]
  },
  RejectionReason: {
    id: "1",
    company_id: "1",
    decision_maker: "candidate",
    reason: "Unfit for the role",
    created_at: "2024-08-22T14:30:00-07:00",
    updated_at: "2024-08-22T14:30:00-07:00"
  }
} as const

export const pythonExamples = {
  Answer: {
    id: 11,
    ats_question_id: null,
    ats_application_id: 21,
    original_question_label: "Notice period?",
    value: null,
    original_question_type: "long_text",
    created_at: "2025-03-01T10:00:00Z",
    updated_at: "2025-03-01T10:00:00Z"
  },
  Application: {
    id: 21,
    company_id: 1,
    ats_job_posting_id: 31,
    ats_candidate_id: 41,
    employee_id: null,
    phone: null,
    qualified: null,
    ats_application_phase_id: null,
    created_at: "2025-03-01T10:00:00.123+01:00",
    cover_letter: null,
    ats_conversation_id: null,
    medium: null,
    rating_average: null,
    ats_rejection_reason_id: null,
    source_id: null
  },
  ApplicationPhase: {
    id: 51,
    ats_job_posting_id: 31,
    name: "Phone screen",
    position: 2,
    editable: false,
    phase_type: "screening",
    applications_count: null,
    active_applications_count: null,
    ats_hiring_stage_id: null
  },
  Candidate: {
    id: 41,
    company_id: null,
    first_name: "Joan",
    last_name: "Puig",
    full_name: "Joan Puig",
    email: null,
    talent_pool: false,
    phone_number: null,
    created_at: "2025-03-01T10:00:00Z",
    updated_at: "2025-03-02T10:00:00Z",
    consent_given_at: null,
    inactive_since: null,
    ats_job_posting_ids: [31, 32],
    personal_url: null,
    consent_expiration_date: "2027-03-01",
    consent_to_talent_pool: null,
    medium: null,
    source_id: null,
    gender: null,
    score: 6.5
  },
  CandidateSource: { id: 61, company_id: 1, category: "referral", name: "referral", label: "Referral" },
  EvaluationForm: {
    id: 71,
    company_id: 1,
    ats_job_posting_id: null,
    name: "Culture fit",
    based_on_id: null,
    questions: [],
    created_at: "2025-03-01T10:00:00Z",
    updated_at: "2025-03-01T10:00:00Z"
  },
  Feedback: {
    id: 81,
    rating: null,
    description: null,
    ats_application_id: null,
    ats_application_phase_id: null,
    created_at: "2025-03-01T10:00:00Z",
    ats_candidate_id: 41,
    ats_evaluation_forms_id: null,
    evaluation_form_answers: null
  },
  HiringStage: { id: 91, name: "new", label: "New", company_id: 1, position: 0 },
  JobPosting: {
    id: 31,
    company_id: 1,
    ats_company_id: 2,
    title: "Backend engineer",
    description: null,
    contract_type: null,
    workplace_type: null,
    remote: false,
    status: "published",
    schedule_type: null,
    team_id: null,
    location_id: null,
    legal_entity_id: null,
    salary_format: null,
    salary_from_amount_in_cents: null,
    salary_to_amount_in_cents: null,
    hide_salary: null,
    cv_requirement: "mandatory",
    cover_letter_requirement: "optional",
    phone_requirement: "optional",
    photo_requirement: "do_not_ask",
    preview_token: null,
    url: null,
    salary_period: "monthly",
    published_at: null,
    created_at: "2025-03-01T10:00:00Z"
  },
  Message: {
    id: 101,
    content: "Thanks for applying",
    ats_conversation_id: 111,
    sent_by_id: 121,
    sent_by_type: "user",
    created_at: "2025-03-01T10:00:00Z",
    attachments: [],
    topic: "Application",
    delayed_until: null,
    sent_at: null,
    delivered_at: null,
    opened_at: null,
    last_error_at: null
  },
  Question: {
    id: 131,
    ats_job_posting_id: 31,
    label: "Upload your portfolio",
    position: 3,
    mandatory: false,
    auto_disqualify: false,
    question_type: "file",
    created_at: "2025-03-01T10:00:00Z",
    updated_at: "2025-03-01T10:00:00Z",
    options: null
  },
  RejectionReason: {
    id: 141,
    company_id: 1,
    decision_maker: "company",
    reason: "Position filled",
    created_at: "2025-03-01T10:00:00Z",
    updated_at: "2025-03-01T10:00:00Z"
  }
} as const
