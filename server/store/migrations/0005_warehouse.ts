/**
 * The designated warehouse at the port of departure: warehouses and their operators, each order's warehouse,
 * the supplier's packing lists, receipts by carton barcode, returns, inspections, measurements, consolidation,
 * customs release, tracking events, and the append-only documents those steps issue.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../db.js';

const iso = (column: string) => sql.raw(`${column} LIKE '____-__-__T__:__:__%Z'`);
const oneOf = (column: string, values: readonly string[]) => sql.raw(`${column} IN (${values.map((v) => `'${v}'`).join(', ')})`);
const length = (column: string, min: number, max: number) => sql.raw(`length(${column}) BETWEEN ${min} AND ${max}`);
const lengthOrNull = (column: string, min: number, max: number) => sql.raw(`${column} IS NULL OR length(${column}) BETWEEN ${min} AND ${max}`);

/** Copies of the domain's lists as they were when this migration was written (a migration never changes). */
export const DOCUMENT_KINDS = ['goods_receipt', 'packing_list', 'commercial_invoice', 'customs_declaration', 'bill_of_lading'] as const;
export const TRACKING_CODES = ['departed', 'arrived', 'ready_for_pickup', 'picked_up'] as const;
const MODES = ['fcl', 'lcl', 'courier'] as const;

/** What the warehouse records is evidence for the cross-check and the documents: written once, never changed. */
export const WAREHOUSE_APPEND_ONLY = [
  'packing_lists', 'receipts', 'received_cartons', 'carton_returns', 'returned_cartons', 'inspections',
  'measurements', 'measured_cartons', 'consolidations', 'customs_releases', 'tracking_events', 'order_documents',
] as const;

export function warehouse(dialect: Dialect): Migration {
  const pg = dialect === 'postgres';
  const json = (column: string) => sql.raw(pg ? `(${column}::json) IS NOT NULL` : `json_valid(${column})`);
  const strict = pg ? sql`` : sql`strict`;
  const blob = pg ? 'bytea' : 'blob';

  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('warehouses')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('port', 'text', (c) => c.notNull())
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addCheckConstraint('warehouses_name_length', length('name', 1, 200))
        .addCheckConstraint('warehouses_port_locode', sql.raw('length(port) = 5 AND port = upper(port)'))
        .addCheckConstraint('warehouses_address_length', length('address', 1, 1000))
        .addCheckConstraint('warehouses_created_at_iso', iso('created_at'))
        .modifyEnd(strict)
        .execute();

      // One warehouse per operator: the operator's session says which orders it may see and work.
      await db.schema
        .createTable('warehouse_operators')
        .addColumn('party_id', 'text', (c) => c.primaryKey().references('parties.id'))
        .addColumn('warehouse_id', 'text', (c) => c.notNull().references('warehouses.id'))
        .modifyEnd(strict)
        .execute();

      // Nullable: orders opened before any warehouse was designated (or with none configured) have none.
      await db.schema.alterTable('orders').addColumn('warehouse_id', 'text', (c) => c.references('warehouses.id')).execute();
      await db.schema.createIndex('orders_by_warehouse').on('orders').columns(['warehouse_id', 'created_at', 'id']).execute();
      await db.schema.createIndex('orders_by_warehouse_status').on('orders').columns(['warehouse_id', 'status', 'created_at', 'id']).execute();
      // The place of a timeline event (warehouse name and port, or a tracking location), fixed when it happened.
      await db.schema.alterTable('order_events').addColumn('place', 'text').execute();

      await db.schema
        .createTable('packing_lists')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('cartons', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull().references('parties.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('packing_lists_order_revision', ['order_id', 'revision'])
        .addCheckConstraint('packing_lists_revision_positive', sql.raw('revision >= 1'))
        .addCheckConstraint('packing_lists_cartons_json', json('cartons'))
        .addCheckConstraint('packing_lists_note_length', lengthOrNull('note', 1, 2000))
        .addCheckConstraint('packing_lists_created_at_iso', iso('created_at'))
        .modifyEnd(strict)
        .execute();

      await db.schema
        .createTable('receipts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull().references('parties.id'))
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('receipts_order_number', ['order_id', 'number'])
        .addCheckConstraint('receipts_number_positive', sql.raw('number >= 1'))
        .addCheckConstraint('receipts_received_at_iso', iso('received_at'))
        .modifyEnd(strict)
        .execute();

      // A barcode is received once per order: the database backs the 409 even under concurrent receipts.
      // product_id has no foreign key: goods not on the contract (or not in the catalog) are received as they come.
      await db.schema
        .createTable('received_cartons')
        .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
        .addColumn('barcode', 'text', (c) => c.notNull())
        .addColumn('receipt_id', 'text', (c) => c.notNull().references('receipts.id'))
        .addColumn('product_id', 'text', (c) => c.notNull())
        .addColumn('quantity', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('received_cartons_pk', ['order_id', 'barcode'])
        .addCheckConstraint('received_cartons_barcode_length', length('barcode', 4, 64))
        .addCheckConstraint('received_cartons_product_id_length', length('product_id', 1, 64))
        .addCheckConstraint('received_cartons_quantity', sql.raw('quantity BETWEEN 1 AND 10000000'))
        .modifyEnd(strict)
        .execute();
      await db.schema.createIndex('received_cartons_by_receipt').on('received_cartons').columns(['receipt_id']).execute();

      await db.schema
        .createTable('carton_returns')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull().references('parties.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addCheckConstraint('carton_returns_reason_length', length('reason', 1, 2000))
        .addCheckConstraint('carton_returns_created_at_iso', iso('created_at'))
        .modifyEnd(strict)
        .execute();
      await db.schema.createIndex('carton_returns_by_order').on('carton_returns').columns(['order_id', 'created_at']).execute();

      await db.schema
        .createTable('returned_cartons')
        .addColumn('order_id', 'text', (c) => c.notNull())
        .addColumn('barcode', 'text', (c) => c.notNull())
        .addColumn('return_id', 'text', (c) => c.notNull().references('carton_returns.id'))
        // Only a received carton can go back, and only once.
        .addPrimaryKeyConstraint('returned_cartons_pk', ['order_id', 'barcode'])
        .addForeignKeyConstraint('returned_cartons_received', ['order_id', 'barcode'], 'received_cartons', ['order_id', 'barcode'])
        .modifyEnd(strict)
        .execute();

      await db.schema
        .createTable('inspections')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('result', 'text', (c) => c.notNull())
        .addColumn('required_sample', 'integer', (c) => c.notNull())
        .addColumn('sampled_barcodes', 'text', (c) => c.notNull())
        .addColumn('notes', 'text')
        .addColumn('photo_urls', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull().references('parties.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('inspections_order_seq', ['order_id', 'seq'])
        .addCheckConstraint('inspections_seq_positive', sql.raw('seq >= 1'))
        .addCheckConstraint('inspections_result', oneOf('result', ['pass', 'fail']))
        .addCheckConstraint('inspections_required_sample', sql.raw('required_sample >= 1'))
        .addCheckConstraint('inspections_sampled_json', json('sampled_barcodes'))
        .addCheckConstraint('inspections_notes_length', lengthOrNull('notes', 1, 4000))
        .addCheckConstraint('inspections_photo_urls_json', json('photo_urls'))
        .addCheckConstraint('inspections_created_at_iso', iso('created_at'))
        .modifyEnd(strict)
        .execute();

      await db.schema
        .createTable('measurements')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull().references('parties.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('measurements_order_seq', ['order_id', 'seq'])
        .addCheckConstraint('measurements_seq_positive', sql.raw('seq >= 1'))
        .addCheckConstraint('measurements_created_at_iso', iso('created_at'))
        .modifyEnd(strict)
        .execute();

      // Integers only (grams, millimetres): totals add up exactly on both databases.
      await db.schema
        .createTable('measured_cartons')
        .addColumn('measurement_id', 'text', (c) => c.notNull().references('measurements.id'))
        .addColumn('barcode', 'text', (c) => c.notNull())
        .addColumn('weight_g', 'integer', (c) => c.notNull())
        .addColumn('length_mm', 'integer', (c) => c.notNull())
        .addColumn('width_mm', 'integer', (c) => c.notNull())
        .addColumn('height_mm', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('measured_cartons_pk', ['measurement_id', 'barcode'])
        .addCheckConstraint('measured_cartons_weight', sql.raw('weight_g BETWEEN 1 AND 100000000'))
        .addCheckConstraint('measured_cartons_dims', sql.raw('length_mm BETWEEN 1 AND 20000 AND width_mm BETWEEN 1 AND 20000 AND height_mm BETWEEN 1 AND 20000'))
        .modifyEnd(strict)
        .execute();

      // Once per order (the primary key): a second consolidation or customs release is refused, never stored.
      await db.schema
        .createTable('consolidations')
        .addColumn('order_id', 'text', (c) => c.primaryKey().references('orders.id'))
        .addColumn('mode', 'text', (c) => c.notNull())
        .addColumn('container_no', 'text')
        .addColumn('seal_no', 'text')
        .addColumn('carrier', 'text')
        .addColumn('tracking_no', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull().references('parties.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addCheckConstraint('consolidations_mode', oneOf('mode', MODES))
        .addCheckConstraint(
          'consolidations_mode_fields',
          sql.raw(`(mode IN ('fcl', 'lcl') AND container_no IS NOT NULL AND seal_no IS NOT NULL) OR (mode = 'courier' AND carrier IS NOT NULL AND tracking_no IS NOT NULL)`),
        )
        .addCheckConstraint('consolidations_container_no', sql.raw('container_no IS NULL OR length(container_no) = 11'))
        .addCheckConstraint('consolidations_seal_no', lengthOrNull('seal_no', 1, 64))
        .addCheckConstraint('consolidations_carrier', lengthOrNull('carrier', 1, 100))
        .addCheckConstraint('consolidations_tracking_no', lengthOrNull('tracking_no', 1, 64))
        .addCheckConstraint('consolidations_created_at_iso', iso('created_at'))
        .modifyEnd(strict)
        .execute();

      await db.schema
        .createTable('customs_releases')
        .addColumn('order_id', 'text', (c) => c.primaryKey().references('orders.id'))
        .addColumn('declaration_no', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull().references('parties.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addCheckConstraint('customs_releases_declaration_no', length('declaration_no', 6, 32))
        .addCheckConstraint('customs_releases_created_at_iso', iso('created_at'))
        .modifyEnd(strict)
        .execute();

      await db.schema
        .createTable('tracking_events')
        .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('location', 'text', (c) => c.notNull())
        .addColumn('bill_of_lading_no', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull().references('parties.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('tracking_events_pk', ['order_id', 'code'])
        .addCheckConstraint('tracking_events_code', oneOf('code', TRACKING_CODES))
        .addCheckConstraint('tracking_events_location', length('location', 1, 200))
        .addCheckConstraint('tracking_events_bill_of_lading_no', lengthOrNull('bill_of_lading_no', 1, 64))
        .addCheckConstraint('tracking_events_at_iso', iso('at'))
        .addCheckConstraint('tracking_events_created_at_iso', iso('created_at'))
        .modifyEnd(strict)
        .execute();

      // Generated documents keep the data snapshot they render from (file NULL); uploads keep their bytes.
      await db.schema
        .createTable('order_documents')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('file', blob)
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('filename', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull().references('parties.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('order_documents_order_kind_number', ['order_id', 'kind', 'number'])
        .addCheckConstraint('order_documents_kind', oneOf('kind', DOCUMENT_KINDS))
        .addCheckConstraint('order_documents_title_length', length('title', 1, 200))
        .addCheckConstraint('order_documents_number_positive', sql.raw('number >= 1'))
        .addCheckConstraint('order_documents_data_json', json('data'))
        .addCheckConstraint('order_documents_file_size', sql.raw('file IS NULL OR length(file) BETWEEN 1 AND 1048576'))
        .addCheckConstraint('order_documents_content_type', length('content_type', 1, 100))
        .addCheckConstraint('order_documents_filename', length('filename', 1, 200))
        .addCheckConstraint('order_documents_created_at_iso', iso('created_at'))
        .modifyEnd(strict)
        .execute();
      await db.schema.createIndex('order_documents_by_order').on('order_documents').columns(['order_id', 'created_at', 'id']).execute();

      for (const table of WAREHOUSE_APPEND_ONLY) {
        for (const statement of pg ? postgresAppendOnly(table) : sqliteAppendOnly(table)) await sql.raw(statement).execute(db);
      }
    },
  };
}

const sqliteAppendOnly = (table: string) => [
  `CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`,
  `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`,
];

const postgresAppendOnly = (table: string) => [
  // The function 0002 created; CREATE OR REPLACE keeps this migration runnable on its own.
  `CREATE OR REPLACE FUNCTION k100_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
   END $$`,
  `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION k100_refuse_change()`,
  `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION k100_refuse_change()`,
];
