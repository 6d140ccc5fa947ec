// The companies resource's wire shapes (docs/companies.md; Decisions D32 to D34).
import { type Static, Type } from 'typebox'
import { FORMATS } from '../../wire/validation.js'
import { PageSchema } from '../pagination.js'

const DateTimeSchema = Type.String({ format: FORMATS.dateTime, minLength: 1 })

export const CompanyIdParamsSchema = Type.Object({ id: Type.String() })

export const CompanyRowSchema = Type.Object({ id: Type.Integer(), domain: Type.String() })
export type CompanyRow = Static<typeof CompanyRowSchema>

export const CompanyObjectSchema = Type.Object({ id: Type.Integer(), domain: Type.String(), name: Type.String() },
  { description: 'The company itself, not wrapped.' })
export type CompanyObject = Static<typeof CompanyObjectSchema>

export const ListCompaniesQuerySchema = Type.Object({
  start_date: Type.Optional(DateTimeSchema),
  end_date: Type.Optional(DateTimeSchema),
  per_page: Type.Integer({ minimum: 1, maximum: 5000, default: 200 }),
  cursor: Type.Optional(Type.String())
}, { additionalProperties: true })
export type ListCompaniesQuery = Static<typeof ListCompaniesQuerySchema>

export const CompanyPageSchema = PageSchema(CompanyRowSchema)

/** The types here; `required_without` between the two is read by code (Decision D34). */
export const UpdateCompanyBodySchema = Type.Object({
  domain: Type.Optional(Type.Unsafe<string>({ type: ['string', 'null'], maxLength: 255 })),
  name: Type.Optional(Type.Unsafe<string>({ type: ['string', 'null'], maxLength: 255 }))
}, { additionalProperties: true, description: 'domain and/or name: each a string of 1 to 255 characters.' })
export type UpdateCompanyBody = Static<typeof UpdateCompanyBodySchema>

export const COMPANY_FIELDS: readonly string[] = ['domain', 'name']

export const CreateCompanyExportBodySchema = Type.Object({
  start_date: DateTimeSchema,
  end_date: DateTimeSchema
}, { additionalProperties: true })
