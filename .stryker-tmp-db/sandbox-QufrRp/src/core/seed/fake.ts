// @ts-nocheck
// N realistic fake contacts from a seed number: the same seed gives the same people, emails, phones, places
// and custom fields on every run and machine. Times are offsets back from "now", so data stays recent.
import { between, pick, type Random, seededRandom } from './prng.js'
import type { SeedContact } from './seed.js'

const FIRST = ['Ada', 'Alan', 'Grace', 'Linus', 'Margaret', 'Ken', 'Barbara', 'Dennis', 'Frances', 'Edsger', 'Radia',
  'Tim', 'Hedy', 'John', 'Katherine', 'Guido', 'Sophie', 'Yukihiro', 'Anita', 'Niklaus']
const LAST = ['Lovelace', 'Turing', 'Hopper', 'Torvalds', 'Hamilton', 'Thompson', 'Liskov', 'Ritchie', 'Allen',
  'Dijkstra', 'Perlman', 'Berners-Lee', 'Lamarr', 'McCarthy', 'Johnson', 'van Rossum', 'Wilson', 'Matsumoto', 'Borg',
  'Wirth']
const DOMAINS = ['example.com', 'example.org', 'example.net', 'mail.example', 'corp.example']
const CITIES = ['London', 'Paris', 'Berlin', 'New York', 'San Francisco', 'Tokyo', 'Sydney', 'Toronto', 'Lisbon',
  'Nairobi', 'São Paulo', 'Mumbai']
const PLANS = ['free', 'starter', 'pro', 'enterprise']
const SOURCES = ['google', 'facebook', 'newsletter', 'direct', 'linkedin']
const EVENTS = ['page_view', 'lead', 'purchase', 'signup', 'demo_booked']
const PAGES = ['/', '/pricing', '/blog/attribution', '/signup', '/docs', '/contact']

const DAY = 86_400_000

function slug (text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '')
}

function fakeContact (random: Random, index: number, now: number): SeedContact {
  const first = pick(random, FIRST)
  const last = pick(random, LAST)
  const domain = pick(random, DOMAINS)
  // The index keeps every email unique however many contacts are asked for.
  const email = `${slug(first)}.${slug(last)}${index}@${domain}`
  const created = now - between(random, 0, 30 * DAY)
  const tokens = between(random, 0, 2)
  const events = between(random, 0, 3)
  return {
    emails: random() < 0.2 ? [email, `${slug(first)}${index}@${pick(random, DOMAINS)}`] : [email],
    phones: random() < 0.7 ? [`+1 555 ${String(between(random, 0, 9999999)).padStart(7, '0')}`] : [],
    names: [`${first} ${last}`],
    locations: random() < 0.8 ? [pick(random, CITIES)] : [],
    custom_fields: {
      profile_field_1: pick(random, PLANS),
      profile_field_16: between(random, 0, 5000),
      profile_field_26: new Date(created - between(random, 0, 365) * DAY).toISOString().slice(0, 10)
    },
    created_at: created,
    comet_tokens: Array.from({ length: tokens }, (_, i) => ({
      token: `ct_${index}_${i}_${Math.floor(random() * 1e9).toString(36)}`,
      created_at: created + i * 60_000
    })),
    events: Array.from({ length: events }, (_, i) => ({
      event_name: pick(random, EVENTS),
      event_time: created + (i + 1) * 3_600_000,
      source: pick(random, SOURCES),
      touchpoint: random() < 0.3 ? 'direct' : 'paid',
      amount: random() < 0.3 ? between(random, 10, 900) : null
    })),
    browsing_hits: Array.from({ length: between(random, 0, 3) }, (_, i) => ({
      url: `https://www.example.com${pick(random, PAGES)}`,
      referrer: random() < 0.5 ? 'https://www.google.com/' : null,
      ip: `203.0.113.${between(random, 1, 254)}`,
      user_agent: 'Mozilla/5.0 (X11; Linux x86_64)',
      visited_at: created + i * 120_000
    }))
  }
}

/** `count` contacts from `seed`, created up to 30 days before `now`. */
export function fakeContacts (count: number, seed: number, now: number): SeedContact[] {
  const random = seededRandom(seed)
  return Array.from({ length: count }, (_, i) => fakeContact(random, i + 1, now))
}
