// The texts of the events read routes' own rules, beyond the schema's (Decisions D43, D46, 8.4): Laravel 11's
// wording for `distinct`, `required_with` and `date_format`, and the docs' rule that touchpoint fields need sources.

export const EVENT_RULE_MESSAGES = {
  distinct: (a: string) => `The ${a} field has a duplicate value.`,
  requiredWith: (other: string) => (a: string) => `The ${a} field is required when ${other} is present.`,
  dateFormat: (format: string) => (a: string) => `The ${a} field must match the format ${format}.`,
  // Decision D46: the docs say only that touchpoint fields "require sources".
  touchpointFieldsNeedSources: (a: string) => `The ${a} field is required when fields contains touchpoint fields.`
} as const
