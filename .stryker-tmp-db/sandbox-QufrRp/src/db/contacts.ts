// @ts-nocheck
function stryNS_9fa48() {
  var g = typeof globalThis === 'object' && globalThis && globalThis.Math === Math && globalThis || new Function("return this")();
  var ns = g.__stryker__ || (g.__stryker__ = {});
  if (ns.activeMutant === undefined && g.process && g.process.env && g.process.env.__STRYKER_ACTIVE_MUTANT__) {
    ns.activeMutant = g.process.env.__STRYKER_ACTIVE_MUTANT__;
  }
  function retrieveNS() {
    return ns;
  }
  stryNS_9fa48 = retrieveNS;
  return retrieveNS();
}
stryNS_9fa48();
function stryCov_9fa48() {
  var ns = stryNS_9fa48();
  var cov = ns.mutantCoverage || (ns.mutantCoverage = {
    static: {},
    perTest: {}
  });
  function cover() {
    var c = cov.static;
    if (ns.currentTestId) {
      c = cov.perTest[ns.currentTestId] = cov.perTest[ns.currentTestId] || {};
    }
    var a = arguments;
    for (var i = 0; i < a.length; i++) {
      c[a[i]] = (c[a[i]] || 0) + 1;
    }
  }
  stryCov_9fa48 = cover;
  cover.apply(null, arguments);
}
function stryMutAct_9fa48(id) {
  var ns = stryNS_9fa48();
  function isActive(id) {
    if (ns.activeMutant === id) {
      if (ns.hitCount !== void 0 && ++ns.hitCount > ns.hitLimit) {
        throw new Error('Stryker: Hit count limit reached (' + ns.hitCount + ')');
      }
      return true;
    }
    return false;
  }
  stryMutAct_9fa48 = isActive;
  return isActive(id);
}
import { CompiledQuery, type Kysely, type RawBuilder, sql, type Updateable } from 'kysely';
import { findSlot, toStoredSlotValue } from '../wire/custom-fields.js';
import { type RawConnection, rawConnectionOf } from './connection.js';
import type { Contact, ContactsTable, Database, ItemTable, NewContact, SlotColumns } from './database.js';
export type ContactItems = Partial<Record<ItemTable, readonly string[]>>;
export interface ContactCollections {
  emails: readonly string[];
  phones: readonly string[];
  names: readonly string[];
  locations: readonly string[];
}

/** The slot columns of a validated `custom_fields` object, in their stored form. */
export function slotColumns(customFields: Record<string, unknown>): Partial<NewContact> {
  if (stryMutAct_9fa48("121")) {
    {}
  } else {
    stryCov_9fa48("121");
    const columns: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(customFields)) {
      if (stryMutAct_9fa48("122")) {
        {}
      } else {
        stryCov_9fa48("122");
        const slot = findSlot(name);
        if (stryMutAct_9fa48("125") ? slot === undefined : stryMutAct_9fa48("124") ? false : stryMutAct_9fa48("123") ? true : (stryCov_9fa48("123", "124", "125"), slot !== undefined)) columns[name] = toStoredSlotValue(slot, value);
      }
    }
    return columns as Partial<NewContact>;
  }
}

/** A new contact row: the first item of each collection is its primary value. */
export function newContactRow(partitionId: number, {
  emails,
  phones,
  names,
  locations
}: ContactCollections, customFields: Record<string, unknown> | undefined, createdAt: number): NewContact {
  if (stryMutAct_9fa48("126")) {
    {}
  } else {
    stryCov_9fa48("126");
    return stryMutAct_9fa48("127") ? {} : (stryCov_9fa48("127"), {
      partition_id: partitionId,
      email: stryMutAct_9fa48("128") ? emails[0] && null : (stryCov_9fa48("128"), emails[0] ?? null),
      phone: stryMutAct_9fa48("129") ? phones[0] && null : (stryCov_9fa48("129"), phones[0] ?? null),
      name: stryMutAct_9fa48("130") ? names[0] && null : (stryCov_9fa48("130"), names[0] ?? null),
      location: stryMutAct_9fa48("131") ? locations[0] && null : (stryCov_9fa48("131"), locations[0] ?? null),
      ...(stryMutAct_9fa48("134") ? customFields !== undefined || slotColumns(customFields) : stryMutAct_9fa48("133") ? false : stryMutAct_9fa48("132") ? true : (stryCov_9fa48("132", "133", "134"), (stryMutAct_9fa48("136") ? customFields === undefined : stryMutAct_9fa48("135") ? true : (stryCov_9fa48("135", "136"), customFields !== undefined)) && slotColumns(customFields))),
      created_at: createdAt,
      updated_at: createdAt
    });
  }
}

// The write path is the emulator's hottest: Kysely builds and compiles a query object on every call, which
// costs more than SQLite's insert itself. Writes compile once per shape (which columns, how many rows) and
// then run Kysely's own SQL text with new parameters. Bounded: odd shapes past the limit just compile anew.
const COMPILED_LIMIT = 1024;
const compiled = new Map<string, string>();
function compiledText(shape: string, compile: () => string): string {
  if (stryMutAct_9fa48("137")) {
    {}
  } else {
    stryCov_9fa48("137");
    let text = compiled.get(shape);
    if (stryMutAct_9fa48("140") ? text !== undefined : stryMutAct_9fa48("139") ? false : stryMutAct_9fa48("138") ? true : (stryCov_9fa48("138", "139", "140"), text === undefined)) {
      if (stryMutAct_9fa48("141")) {
        {}
      } else {
        stryCov_9fa48("141");
        text = compile();
        if (stryMutAct_9fa48("145") ? compiled.size >= COMPILED_LIMIT : stryMutAct_9fa48("144") ? compiled.size <= COMPILED_LIMIT : stryMutAct_9fa48("143") ? false : stryMutAct_9fa48("142") ? true : (stryCov_9fa48("142", "143", "144", "145"), compiled.size < COMPILED_LIMIT)) compiled.set(shape, text);
      }
    }
    return text;
  }
}
interface Write {
  text: string;
  parameters: unknown[];
}

/** The contact's insert, as Kysely compiles it (once per shape), with this contact's parameters. */
function contactWrite(db: Kysely<Database>, contact: NewContact): Write {
  if (stryMutAct_9fa48("146")) {
    {}
  } else {
    stryCov_9fa48("146");
    const record = contact as unknown as Record<string, unknown>;
    // Kysely leaves out undefined values and keeps the others' order, so the parameters follow the same rule.
    const columns = stryMutAct_9fa48("147") ? Object.keys(record) : (stryCov_9fa48("147"), Object.keys(record).filter(stryMutAct_9fa48("148") ? () => undefined : (stryCov_9fa48("148"), column => stryMutAct_9fa48("151") ? record[column] === undefined : stryMutAct_9fa48("150") ? false : stryMutAct_9fa48("149") ? true : (stryCov_9fa48("149", "150", "151"), record[column] !== undefined))));
    const text = compiledText(stryMutAct_9fa48("152") ? `` : (stryCov_9fa48("152"), `contacts:${columns.join(stryMutAct_9fa48("153") ? "" : (stryCov_9fa48("153"), ','))}`), stryMutAct_9fa48("154") ? () => undefined : (stryCov_9fa48("154"), () => db.insertInto(stryMutAct_9fa48("155") ? "" : (stryCov_9fa48("155"), 'contacts')).values(contact).compile().sql));
    return stryMutAct_9fa48("156") ? {} : (stryCov_9fa48("156"), {
      text,
      parameters: columns.map(stryMutAct_9fa48("157") ? () => undefined : (stryCov_9fa48("157"), column => record[column]))
    });
  }
}

/** Each collection as one multi-row insert, position 0 first. */
function itemWrites(db: Kysely<Database>, contactId: number, items: ContactItems, createdAt: number): Write[] {
  if (stryMutAct_9fa48("158")) {
    {}
  } else {
    stryCov_9fa48("158");
    const writes: Write[] = stryMutAct_9fa48("159") ? ["Stryker was here"] : (stryCov_9fa48("159"), []);
    for (const [table, values] of Object.entries(items) as Array<[ItemTable, readonly string[] | undefined]>) {
      if (stryMutAct_9fa48("160")) {
        {}
      } else {
        stryCov_9fa48("160");
        if (stryMutAct_9fa48("163") ? values === undefined && values.length === 0 : stryMutAct_9fa48("162") ? false : stryMutAct_9fa48("161") ? true : (stryCov_9fa48("161", "162", "163"), (stryMutAct_9fa48("165") ? values !== undefined : stryMutAct_9fa48("164") ? false : (stryCov_9fa48("164", "165"), values === undefined)) || (stryMutAct_9fa48("167") ? values.length !== 0 : stryMutAct_9fa48("166") ? false : (stryCov_9fa48("166", "167"), values.length === 0)))) continue;
        const rows = values.map(stryMutAct_9fa48("168") ? () => undefined : (stryCov_9fa48("168"), (value, position) => stryMutAct_9fa48("169") ? {} : (stryCov_9fa48("169"), {
          contact_id: contactId,
          position,
          value,
          created_at: createdAt
        })));
        const text = compiledText(stryMutAct_9fa48("170") ? `` : (stryCov_9fa48("170"), `${table}:${rows.length}`), stryMutAct_9fa48("171") ? () => undefined : (stryCov_9fa48("171"), () => db.insertInto(table).values(rows).compile().sql));
        writes.push(stryMutAct_9fa48("172") ? {} : (stryCov_9fa48("172"), {
          text,
          parameters: rows.flatMap(stryMutAct_9fa48("173") ? () => undefined : (stryCov_9fa48("173"), row => stryMutAct_9fa48("174") ? [] : (stryCov_9fa48("174"), [row.contact_id, row.position, row.value, row.created_at])))
        }));
      }
    }
    return writes;
  }
}

/**
 * Inserts a contact and its items. Run it inside a transaction: it writes several tables and a failure half
 * way must leave none of them changed.
 */
export async function insertContact(db: Kysely<Database>, contact: NewContact, items: ContactItems): Promise<number> {
  if (stryMutAct_9fa48("175")) {
    {}
  } else {
    stryCov_9fa48("175");
    const write = contactWrite(db, contact);
    const {
      insertId
    } = await db.executeQuery(CompiledQuery.raw(write.text, write.parameters));
    const id = Number(insertId);
    await insertItems(db, id, items, contact.created_at);
    return id;
  }
}

/** Writes each collection as one multi-row insert, position 0 first. */
export async function insertItems(db: Kysely<Database>, contactId: number, items: ContactItems, createdAt: number): Promise<void> {
  if (stryMutAct_9fa48("176")) {
    {}
  } else {
    stryCov_9fa48("176");
    for (const write of itemWrites(db, contactId, items, createdAt)) {
      if (stryMutAct_9fa48("177")) {
        {}
      } else {
        stryCov_9fa48("177");
        await db.executeQuery(CompiledQuery.raw(write.text, write.parameters));
      }
    }
  }
}

/**
 * insertContact in its own transaction, synchronously on the raw connection. The SQL is still Kysely's
 * (compiled once per shape, above); only its execution skips Kysely's asynchronous driver, whose four round
 * trips (begin, inserts, commit) cost more CPU than SQLite's work. Atomic: better-sqlite3 rolls the whole
 * transaction back if any insert throws. Returns undefined, having written nothing, while a Kysely
 * transaction holds the connection (its statements would join that transaction): the caller then takes
 * the asynchronous path, which waits its turn.
 */
function insertContactNow(db: Kysely<Database>, raw: RawConnection, contact: NewContact, items: ContactItems): number | undefined {
  if (stryMutAct_9fa48("178")) {
    {}
  } else {
    stryCov_9fa48("178");
    if (stryMutAct_9fa48("180") ? false : stryMutAct_9fa48("179") ? true : (stryCov_9fa48("179", "180"), raw.sqlite.inTransaction)) return undefined;
    const write = contactWrite(db, contact);
    return raw.transaction(() => {
      if (stryMutAct_9fa48("181")) {
        {}
      } else {
        stryCov_9fa48("181");
        const id = Number(raw.prepare(write.text).run(write.parameters).lastInsertRowid);
        for (const item of itemWrites(db, id, items, contact.created_at)) raw.prepare(item.text).run(item.parameters);
        return id;
      }
    });
  }
}
export async function findContact(db: Kysely<Database>, partitionId: number, id: number): Promise<Contact | undefined> {
  if (stryMutAct_9fa48("182")) {
    {}
  } else {
    stryCov_9fa48("182");
    return await db.selectFrom(stryMutAct_9fa48("183") ? "" : (stryCov_9fa48("183"), 'contacts')).selectAll().where(stryMutAct_9fa48("184") ? "" : (stryCov_9fa48("184"), 'partition_id'), stryMutAct_9fa48("185") ? "" : (stryCov_9fa48("185"), '='), partitionId).where(stryMutAct_9fa48("186") ? "" : (stryCov_9fa48("186"), 'id'), stryMutAct_9fa48("187") ? "" : (stryCov_9fa48("187"), '='), id).executeTakeFirst();
  }
}

/** The values of one contact's collection: the newest `limit` writes first, in written order within a write. */
export async function listItemValues(db: Kysely<Database>, table: ItemTable, contactId: number, limit: number): Promise<string[]> {
  if (stryMutAct_9fa48("188")) {
    {}
  } else {
    stryCov_9fa48("188");
    const rows = await db.selectFrom(table).select(stryMutAct_9fa48("189") ? "" : (stryCov_9fa48("189"), 'value')).where(stryMutAct_9fa48("190") ? "" : (stryCov_9fa48("190"), 'contact_id'), stryMutAct_9fa48("191") ? "" : (stryCov_9fa48("191"), '='), contactId).orderBy(stryMutAct_9fa48("192") ? "" : (stryCov_9fa48("192"), 'created_at'), stryMutAct_9fa48("193") ? "" : (stryCov_9fa48("193"), 'desc')).orderBy(stryMutAct_9fa48("194") ? "" : (stryCov_9fa48("194"), 'position')).limit(limit).execute();
    return rows.map(stryMutAct_9fa48("195") ? () => undefined : (stryCov_9fa48("195"), row => row.value));
  }
}

/** Every value of a collection for several contacts, in position order, by contact id. */
export async function listItemValuesOf(db: Kysely<Database>, table: ItemTable, contactIds: readonly number[]): Promise<Map<number, string[]>> {
  if (stryMutAct_9fa48("196")) {
    {}
  } else {
    stryCov_9fa48("196");
    const result = new Map<number, string[]>(contactIds.map(stryMutAct_9fa48("197") ? () => undefined : (stryCov_9fa48("197"), id => stryMutAct_9fa48("198") ? [] : (stryCov_9fa48("198"), [id, stryMutAct_9fa48("199") ? ["Stryker was here"] : (stryCov_9fa48("199"), [])]))));
    for (let i = 0; stryMutAct_9fa48("202") ? i >= contactIds.length : stryMutAct_9fa48("201") ? i <= contactIds.length : stryMutAct_9fa48("200") ? false : (stryCov_9fa48("200", "201", "202"), i < contactIds.length); stryMutAct_9fa48("203") ? i -= 500 : (stryCov_9fa48("203"), i += 500)) {
      if (stryMutAct_9fa48("204")) {
        {}
      } else {
        stryCov_9fa48("204");
        const rows = await db.selectFrom(table).select(stryMutAct_9fa48("205") ? [] : (stryCov_9fa48("205"), [stryMutAct_9fa48("206") ? "" : (stryCov_9fa48("206"), 'contact_id'), stryMutAct_9fa48("207") ? "" : (stryCov_9fa48("207"), 'value')])).where(stryMutAct_9fa48("208") ? "" : (stryCov_9fa48("208"), 'contact_id'), stryMutAct_9fa48("209") ? "" : (stryCov_9fa48("209"), 'in'), stryMutAct_9fa48("210") ? contactIds : (stryCov_9fa48("210"), contactIds.slice(i, stryMutAct_9fa48("211") ? i - 500 : (stryCov_9fa48("211"), i + 500)))).orderBy(stryMutAct_9fa48("212") ? "" : (stryCov_9fa48("212"), 'contact_id')).orderBy(stryMutAct_9fa48("213") ? "" : (stryCov_9fa48("213"), 'position')).execute();
        for (const row of rows) stryMutAct_9fa48("214") ? result.get(row.contact_id).push(row.value) : (stryCov_9fa48("214"), result.get(row.contact_id)?.push(row.value));
      }
    }
    return result;
  }
}

/** Replaces a contact's collection. Run it inside a transaction with the contact's update. */
export async function replaceItems(db: Kysely<Database>, contactId: number, table: ItemTable, values: readonly string[], createdAt: number): Promise<void> {
  if (stryMutAct_9fa48("215")) {
    {}
  } else {
    stryCov_9fa48("215");
    await db.deleteFrom(table).where(stryMutAct_9fa48("216") ? "" : (stryCov_9fa48("216"), 'contact_id'), stryMutAct_9fa48("217") ? "" : (stryCov_9fa48("217"), '='), contactId).execute();
    await insertItems(db, contactId, stryMutAct_9fa48("218") ? {} : (stryCov_9fa48("218"), {
      [table]: values
    }), createdAt);
  }
}

/** Changes a contact's columns; false when the partition holds no such contact. */
export async function updateContactColumns(db: Kysely<Database>, partitionId: number, id: number, columns: ContactUpdate): Promise<boolean> {
  if (stryMutAct_9fa48("219")) {
    {}
  } else {
    stryCov_9fa48("219");
    const result = await db.updateTable(stryMutAct_9fa48("220") ? "" : (stryCov_9fa48("220"), 'contacts')).set(columns).where(stryMutAct_9fa48("221") ? "" : (stryCov_9fa48("221"), 'partition_id'), stryMutAct_9fa48("222") ? "" : (stryCov_9fa48("222"), '='), partitionId).where(stryMutAct_9fa48("223") ? "" : (stryCov_9fa48("223"), 'id'), stryMutAct_9fa48("224") ? "" : (stryCov_9fa48("224"), '='), id).executeTakeFirst();
    return stryMutAct_9fa48("228") ? result.numUpdatedRows <= 0n : stryMutAct_9fa48("227") ? result.numUpdatedRows >= 0n : stryMutAct_9fa48("226") ? false : stryMutAct_9fa48("225") ? true : (stryCov_9fa48("225", "226", "227", "228"), result.numUpdatedRows > 0n);
  }
}
export type ContactUpdate = Updateable<ContactsTable>;
export type SlotColumn = keyof SlotColumns;

/** One custom-field condition, in SQL terms (values already in their stored form). */
export type SlotCondition = {
  column: SlotColumn;
  test: '=' | '!=' | '>' | '>=' | '<' | '<=';
  value: string | number;
  ignoreCase?: boolean;
} | {
  column: SlotColumn;
  test: 'between';
  from: string | number;
  to: string | number;
} | {
  column: SlotColumn;
  test: 'contains' | 'not_contains' | 'starts_with' | 'ends_with' | 'contains_word';
  value: string;
} | {
  column: SlotColumn;
  test: 'is_set' | 'is_null';
};
export interface ContactQuery {
  partitionId: number;
  /** Creation time range, Unix milliseconds, both ends included. */
  from: number;
  to: number;
  conditions: readonly SlotCondition[];
  /** Rows with ids above this are not considered (an export's snapshot). */
  maxId?: number;
}
export interface ContactPage {
  /** Keyset position: the page starts after (`before`: ids below) or before (`after`: ids above) this id. */
  before?: number;
  after?: number;
  limit: number;
  /** false: only the columns of a list row (id, email, name, phone, location), without the 30 slots. */
  withSlots?: boolean;
}
const ROW_COLUMNS = ['contacts.id', 'contacts.email', 'contacts.name', 'contacts.phone', 'contacts.location'] as const;
function escapeLike(value: string): string {
  if (stryMutAct_9fa48("229")) {
    {}
  } else {
    stryCov_9fa48("229");
    return value.replace(stryMutAct_9fa48("230") ? /[^\\%_]/g : (stryCov_9fa48("230"), /[\\%_]/g), stryMutAct_9fa48("231") ? () => undefined : (stryCov_9fa48("231"), c => stryMutAct_9fa48("232") ? `` : (stryCov_9fa48("232"), `\\${c}`)));
  }
}

// Word boundaries for contains_word: white space and common punctuation, folded to spaces.
const WORD_SEPARATORS = stryMutAct_9fa48("233") ? [] : (stryCov_9fa48("233"), [stryMutAct_9fa48("234") ? "" : (stryCov_9fa48("234"), ','), stryMutAct_9fa48("235") ? "" : (stryCov_9fa48("235"), '.'), stryMutAct_9fa48("236") ? "" : (stryCov_9fa48("236"), ';'), stryMutAct_9fa48("237") ? "" : (stryCov_9fa48("237"), ':'), stryMutAct_9fa48("238") ? "" : (stryCov_9fa48("238"), '!'), stryMutAct_9fa48("239") ? "" : (stryCov_9fa48("239"), '?'), stryMutAct_9fa48("240") ? "" : (stryCov_9fa48("240"), '('), stryMutAct_9fa48("241") ? "" : (stryCov_9fa48("241"), ')'), stryMutAct_9fa48("242") ? "" : (stryCov_9fa48("242"), '"'), stryMutAct_9fa48("243") ? "" : (stryCov_9fa48("243"), '\''), stryMutAct_9fa48("244") ? "" : (stryCov_9fa48("244"), '/'), stryMutAct_9fa48("245") ? "" : (stryCov_9fa48("245"), '-'), stryMutAct_9fa48("246") ? "" : (stryCov_9fa48("246"), '\t'), stryMutAct_9fa48("247") ? "" : (stryCov_9fa48("247"), '\n')]);
function conditionSql(condition: SlotCondition): RawBuilder<unknown> {
  if (stryMutAct_9fa48("248")) {
    {}
  } else {
    stryCov_9fa48("248");
    const col = sql.ref(stryMutAct_9fa48("249") ? `` : (stryCov_9fa48("249"), `contacts.${condition.column}`));
    switch (condition.test) {
      case stryMutAct_9fa48("251") ? "" : (stryCov_9fa48("251"), 'is_set'):
        if (stryMutAct_9fa48("250")) {} else {
          stryCov_9fa48("250");
          return stryMutAct_9fa48("252") ? sql`` : (stryCov_9fa48("252"), sql`${col} is not null and ${col} != ''`);
        }
      case stryMutAct_9fa48("254") ? "" : (stryCov_9fa48("254"), 'is_null'):
        if (stryMutAct_9fa48("253")) {} else {
          stryCov_9fa48("253");
          return stryMutAct_9fa48("255") ? sql`` : (stryCov_9fa48("255"), sql`(${col} is null or ${col} = '')`);
        }
      case stryMutAct_9fa48("257") ? "" : (stryCov_9fa48("257"), 'between'):
        if (stryMutAct_9fa48("256")) {} else {
          stryCov_9fa48("256");
          return stryMutAct_9fa48("258") ? sql`` : (stryCov_9fa48("258"), sql`${col} between ${condition.from} and ${condition.to}`);
        }
      case stryMutAct_9fa48("260") ? "" : (stryCov_9fa48("260"), 'contains'):
        if (stryMutAct_9fa48("259")) {} else {
          stryCov_9fa48("259");
          return stryMutAct_9fa48("261") ? sql`` : (stryCov_9fa48("261"), sql`${col} like ${stryMutAct_9fa48("262") ? `` : (stryCov_9fa48("262"), `%${escapeLike(condition.value)}%`)} escape '\\'`);
        }
      case stryMutAct_9fa48("264") ? "" : (stryCov_9fa48("264"), 'not_contains'):
        if (stryMutAct_9fa48("263")) {} else {
          stryCov_9fa48("263");
          return stryMutAct_9fa48("265") ? sql`` : (stryCov_9fa48("265"), sql`${col} not like ${stryMutAct_9fa48("266") ? `` : (stryCov_9fa48("266"), `%${escapeLike(condition.value)}%`)} escape '\\'`);
        }
      case stryMutAct_9fa48("268") ? "" : (stryCov_9fa48("268"), 'starts_with'):
        if (stryMutAct_9fa48("267")) {} else {
          stryCov_9fa48("267");
          return stryMutAct_9fa48("269") ? sql`` : (stryCov_9fa48("269"), sql`${col} like ${stryMutAct_9fa48("270") ? `` : (stryCov_9fa48("270"), `${escapeLike(condition.value)}%`)} escape '\\'`);
        }
      case stryMutAct_9fa48("272") ? "" : (stryCov_9fa48("272"), 'ends_with'):
        if (stryMutAct_9fa48("271")) {} else {
          stryCov_9fa48("271");
          return stryMutAct_9fa48("273") ? sql`` : (stryCov_9fa48("273"), sql`${col} like ${stryMutAct_9fa48("274") ? `` : (stryCov_9fa48("274"), `%${escapeLike(condition.value)}`)} escape '\\'`);
        }
      case stryMutAct_9fa48("276") ? "" : (stryCov_9fa48("276"), 'contains_word'):
        if (stryMutAct_9fa48("275")) {} else {
          stryCov_9fa48("275");
          {
            if (stryMutAct_9fa48("277")) {
              {}
            } else {
              stryCov_9fa48("277");
              let folded: RawBuilder<unknown> = stryMutAct_9fa48("278") ? sql`` : (stryCov_9fa48("278"), sql`${col}`);
              for (const separator of WORD_SEPARATORS) folded = stryMutAct_9fa48("279") ? sql`` : (stryCov_9fa48("279"), sql`replace(${folded}, ${separator}, ' ')`);
              return stryMutAct_9fa48("280") ? sql`` : (stryCov_9fa48("280"), sql`(' ' || ${folded} || ' ') like ${stryMutAct_9fa48("281") ? `` : (stryCov_9fa48("281"), `% ${escapeLike(condition.value)} %`)} escape '\\'`);
            }
          }
        }
      default:
        if (stryMutAct_9fa48("282")) {} else {
          stryCov_9fa48("282");
          return (stryMutAct_9fa48("285") ? condition.ignoreCase !== true : stryMutAct_9fa48("284") ? false : stryMutAct_9fa48("283") ? true : (stryCov_9fa48("283", "284", "285"), condition.ignoreCase === (stryMutAct_9fa48("286") ? false : (stryCov_9fa48("286"), true)))) ? stryMutAct_9fa48("287") ? sql`` : (stryCov_9fa48("287"), sql`${col} ${sql.raw(condition.test)} ${condition.value} collate nocase`) : stryMutAct_9fa48("288") ? sql`` : (stryCov_9fa48("288"), sql`${col} ${sql.raw(condition.test)} ${condition.value}`);
        }
    }
  }
}
function filtered(db: Kysely<Database>, query: ContactQuery) {
  if (stryMutAct_9fa48("289")) {
    {}
  } else {
    stryCov_9fa48("289");
    let q = db.selectFrom(stryMutAct_9fa48("290") ? "" : (stryCov_9fa48("290"), 'contacts')).where(stryMutAct_9fa48("291") ? "" : (stryCov_9fa48("291"), 'contacts.partition_id'), stryMutAct_9fa48("292") ? "" : (stryCov_9fa48("292"), '='), query.partitionId).where(stryMutAct_9fa48("293") ? "" : (stryCov_9fa48("293"), 'contacts.created_at'), stryMutAct_9fa48("294") ? "" : (stryCov_9fa48("294"), '>='), query.from).where(stryMutAct_9fa48("295") ? "" : (stryCov_9fa48("295"), 'contacts.created_at'), stryMutAct_9fa48("296") ? "" : (stryCov_9fa48("296"), '<='), query.to);
    if (stryMutAct_9fa48("299") ? query.maxId === undefined : stryMutAct_9fa48("298") ? false : stryMutAct_9fa48("297") ? true : (stryCov_9fa48("297", "298", "299"), query.maxId !== undefined)) q = q.where(stryMutAct_9fa48("300") ? "" : (stryCov_9fa48("300"), 'contacts.id'), stryMutAct_9fa48("301") ? "" : (stryCov_9fa48("301"), '<='), query.maxId);
    for (const condition of query.conditions) q = q.where(conditionSql(condition) as RawBuilder<boolean>);
    return q;
  }
}

/**
 * One keyset page of contacts, newest id first, and whether more rows lie beyond it in the direction read.
 * The seek is on the (partition_id, id) index, so page 500 costs what page 1 costs. `after` reads the rows
 * just above that id (towards newer ones), still returned newest first.
 */
export async function listContactPage(db: Kysely<Database>, query: ContactQuery, page: ContactPage): Promise<{
  rows: Contact[];
  hasMore: boolean;
}> {
  if (stryMutAct_9fa48("302")) {
    {}
  } else {
    stryCov_9fa48("302");
    const all = filtered(db, query).selectAll(stryMutAct_9fa48("303") ? "" : (stryCov_9fa48("303"), 'contacts'));
    // A page without custom fields needs five of the ~40 columns: reading and converting the rest was most of
    // a page's cost. Those rows then lack the slot columns (which Contact marks optional).
    const q = (stryMutAct_9fa48("306") ? page.withSlots !== false : stryMutAct_9fa48("305") ? false : stryMutAct_9fa48("304") ? true : (stryCov_9fa48("304", "305", "306"), page.withSlots === (stryMutAct_9fa48("307") ? true : (stryCov_9fa48("307"), false)))) ? filtered(db, query).select(ROW_COLUMNS) as unknown as typeof all : all;
    const rows = (stryMutAct_9fa48("310") ? page.after === undefined : stryMutAct_9fa48("309") ? false : stryMutAct_9fa48("308") ? true : (stryCov_9fa48("308", "309", "310"), page.after !== undefined)) ? await q.where(stryMutAct_9fa48("311") ? "" : (stryCov_9fa48("311"), 'contacts.id'), stryMutAct_9fa48("312") ? "" : (stryCov_9fa48("312"), '>'), page.after).orderBy(stryMutAct_9fa48("313") ? "" : (stryCov_9fa48("313"), 'contacts.id'), stryMutAct_9fa48("314") ? "" : (stryCov_9fa48("314"), 'asc')).limit(stryMutAct_9fa48("315") ? page.limit - 1 : (stryCov_9fa48("315"), page.limit + 1)).execute() : await ((stryMutAct_9fa48("318") ? page.before === undefined : stryMutAct_9fa48("317") ? false : stryMutAct_9fa48("316") ? true : (stryCov_9fa48("316", "317", "318"), page.before !== undefined)) ? q.where(stryMutAct_9fa48("319") ? "" : (stryCov_9fa48("319"), 'contacts.id'), stryMutAct_9fa48("320") ? "" : (stryCov_9fa48("320"), '<'), page.before) : q).orderBy(stryMutAct_9fa48("321") ? "" : (stryCov_9fa48("321"), 'contacts.id'), stryMutAct_9fa48("322") ? "" : (stryCov_9fa48("322"), 'desc')).limit(stryMutAct_9fa48("323") ? page.limit - 1 : (stryCov_9fa48("323"), page.limit + 1)).execute();
    const hasMore = stryMutAct_9fa48("327") ? rows.length <= page.limit : stryMutAct_9fa48("326") ? rows.length >= page.limit : stryMutAct_9fa48("325") ? false : stryMutAct_9fa48("324") ? true : (stryCov_9fa48("324", "325", "326", "327"), rows.length > page.limit);
    if (stryMutAct_9fa48("329") ? false : stryMutAct_9fa48("328") ? true : (stryCov_9fa48("328", "329"), hasMore)) rows.pop();
    if (stryMutAct_9fa48("332") ? page.after === undefined : stryMutAct_9fa48("331") ? false : stryMutAct_9fa48("330") ? true : (stryCov_9fa48("330", "331", "332"), page.after !== undefined)) stryMutAct_9fa48("333") ? rows : (stryCov_9fa48("333"), rows.reverse());
    return stryMutAct_9fa48("334") ? {} : (stryCov_9fa48("334"), {
      rows,
      hasMore
    });
  }
}

/** The highest contact id of a partition (0 when empty). */
export async function maxContactId(db: Kysely<Database>, partitionId: number): Promise<number> {
  if (stryMutAct_9fa48("335")) {
    {}
  } else {
    stryCov_9fa48("335");
    const row = await db.selectFrom(stryMutAct_9fa48("336") ? "" : (stryCov_9fa48("336"), 'contacts')).select(stryMutAct_9fa48("337") ? () => undefined : (stryCov_9fa48("337"), eb => stryMutAct_9fa48("338") ? eb.fn.min('id').as('max') : (stryCov_9fa48("338"), eb.fn.max(stryMutAct_9fa48("339") ? "" : (stryCov_9fa48("339"), 'id')).as(stryMutAct_9fa48("340") ? "" : (stryCov_9fa48("340"), 'max'))))).where(stryMutAct_9fa48("341") ? "" : (stryCov_9fa48("341"), 'partition_id'), stryMutAct_9fa48("342") ? "" : (stryCov_9fa48("342"), '='), partitionId).executeTakeFirst();
    return Number(stryMutAct_9fa48("343") ? row?.max && 0 : (stryCov_9fa48("343"), (stryMutAct_9fa48("344") ? row.max : (stryCov_9fa48("344"), row?.max)) ?? 0));
  }
}

/**
 * A new contact and its items, committed: synchronously on the raw connection when it is free (the fast
 * path), else in a Kysely transaction that waits its turn. Either way all of it or none.
 */
export async function createContactRow(db: Kysely<Database>, contact: NewContact, items: ContactItems): Promise<number> {
  if (stryMutAct_9fa48("345")) {
    {}
  } else {
    stryCov_9fa48("345");
    const raw = rawConnectionOf(db);
    return stryMutAct_9fa48("346") ? (raw === undefined ? undefined : insertContactNow(db, raw, contact, items)) && (await db.transaction().execute(async trx => await insertContact(trx, contact, items))) : (stryCov_9fa48("346"), ((stryMutAct_9fa48("349") ? raw !== undefined : stryMutAct_9fa48("348") ? false : stryMutAct_9fa48("347") ? true : (stryCov_9fa48("347", "348", "349"), raw === undefined)) ? undefined : insertContactNow(db, raw, contact, items)) ?? (await db.transaction().execute(stryMutAct_9fa48("350") ? () => undefined : (stryCov_9fa48("350"), async trx => await insertContact(trx, contact, items)))));
  }
}